"""The six section headings of a published report, found tolerantly.

A line is a *strong* candidate for section N when its wording is the official title or a known
variant (numbered or not, a character or two off, or a longer title that contains the official
one).  It is a *weak* candidate when it is numbered N (``六、``, ``6.``, ``第六部分``), short, and
names the topic of section N by one of the section's declared cues (``六、需要说明的其他事项与附表``).
Per section the first strong candidate wins, else the first weak one after the previous section:
a sub-heading that happens to resemble a section never displaces the real heading.  A wording that
is not the official one is then S03's business (a warning), never a missing section (S02).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..labels import Matcher, normalize
from ..spec import Edition

SECTION_NUMERALS = "一二三四五六"
NUMBERING = re.compile(r"^\s*(?:第?(?P<cn>[一二三四五六])(?:部分)?\s*[、．.，,：:]|(?P<ar>[1-6])\s*[、．.，,]"
                       r"|第(?P<cn2>[一二三四五六])部分\s*)\s*")
_BARE_NUMBER = re.compile(r"^\s*(?:第?[一二三四五六](?:部分)?\s*[、．.：:]?|[1-6]\s*[、．.])\s*$")
_TITLE_BODY = re.compile(r"^[一二三四五六]、")
_PAGE_PREFIX = re.compile(r"^[\-—–－]\s*\d{1,3}\s*[\-—–－]\s*(?=\S)")
MAX_HEADING = 40  # characters of a heading's body, after normalisation


@dataclass(frozen=True)
class Candidate:
    number: str
    strong: bool
    exact: bool = False  # the wording is the official title or a known variant, to the character


def numeral(m: re.Match) -> str:
    if m["ar"]:
        return SECTION_NUMERALS[int(m["ar"]) - 1]
    return m["cn"] or m["cn2"]


def strip_page_prefix(text: str) -> str:
    """``- 3 - 四、政府信息公开行政复议…`` (a page number glued before a line in PDF text) → the line."""
    return _PAGE_PREFIX.sub("", text)


class Headings:
    """Recognises the six section headings of an edition, tolerantly."""

    def __init__(self, editions: Iterable[Edition]):
        pairs, self.bodies, self.cues = [], {}, {}
        for s in (s for e in editions for s in e.sections):
            for t in (s.title,) + s.variants:
                body = _TITLE_BODY.sub("", t)
                pairs.append((body, s.number))
                if body not in self.bodies.setdefault(s.number, []):
                    self.bodies[s.number].append(body)
            self.cues[s.number] = tuple(dict.fromkeys(self.cues.get(s.number, ()) + s.cues))
        self.matcher = Matcher(pairs)
        glued = []
        for number, bodies in self.bodies.items():
            for body in bodies:
                chars = r"\s*".join(re.escape(c) for c in body)
                glued.append((number, re.compile(r"(?:[一二三四五六]|[1-6])\s*[、．.]\s*" + chars)))
        self.glued = glued

    def candidate(self, line: str) -> Candidate | None:
        """What the whole line would be as a section heading, if anything."""
        m = NUMBERING.match(line)
        body = line[m.end():] if m else line
        if not body.strip() or "。" in body.rstrip("。") or len(normalize(body)) > MAX_HEADING:
            return None
        hit = self.matcher.match(body)
        if hit and (m or hit.exact):
            return Candidate(hit.item, True, hit.exact)
        if not m:
            return None
        nb = normalize(body)
        for number, bodies in self.bodies.items():  # a longer title: 五、政府信息公开工作存在的主要问题及改进情况
            if any(normalize(b) in nb and len(nb) <= len(normalize(b)) + 12 for b in bodies):
                return Candidate(number, True)
        number = numeral(m)
        if body.rstrip().endswith(("：", ":")):
            return None  # a lead-in to a list, not a heading
        if any(c in nb for c in self.cues.get(number, ())):
            return Candidate(number, False)
        return None

    def match(self, line: str) -> str | None:
        c = self.candidate(line)
        return c.number if c else None

    def split(self, line: str) -> tuple[str, str, str, str] | None:
        """(before, heading, after, number) when a numbered heading is glued inside a line."""
        for number, pattern in self.glued:
            m = pattern.search(line)
            if m and m.start() > 0:
                return line[: m.start()].strip(), m.group(0), line[m.end():].strip(), number
        return None

    def join_split(self, lines: list[str]) -> list[str]:
        """Headings broken over two lines or tags (``六、`` | ``其他需要报告的事项``; ``五、…问题`` |
        ``及改进情况``) joined again when only the joined text is a heading."""
        out: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            if i + 1 < len(lines) and NUMBERING.match(line) and "。" not in line:
                joined = line.rstrip() + lines[i + 1].strip()
                alone = self.candidate(line)
                both = self.candidate(joined)
                better = both is not None and (both.strong and (alone is None or not alone.strong)
                                               or both.exact and alone is not None and not alone.exact)
                if better and (
                        _BARE_NUMBER.match(line) or len(lines[i + 1].strip()) <= 12):
                    out.append(joined)
                    i += 2
                    continue
            out.append(line)
            i += 1
        return out


def choose(cands: list[Candidate | None]) -> dict[int, str]:
    """Index of the heading line of each section found → its number (see the module docstring)."""
    chosen: dict[str, int] = {}
    last = -1
    for number in SECTION_NUMERALS:
        strong = [i for i, c in enumerate(cands) if c and c.number == number and c.strong]
        weak = [i for i, c in enumerate(cands) if c and c.number == number and not c.strong and i > last]
        pick = next((i for i in strong if i > last), strong[0] if strong else (weak[0] if weak else None))
        if pick is not None and pick not in chosen.values():
            chosen[number] = pick
            last = max(last, pick)
    return {i: n for n, i in chosen.items()}
