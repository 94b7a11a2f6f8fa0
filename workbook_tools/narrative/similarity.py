"""How much of this year's text is last year's (rule N09, 内容雷同).

Texts are compared in a normal form that ignores spaces, punctuation and numbers (``2023年`` and
``2024年`` are the same text), so a report copied with its year and figures changed still scores as
copied.  The score of a section is the share of its characters covered by passages of at least
`SHINGLE` characters that also occur anywhere in last year's same section (order does not matter,
so reordered paragraphs are found too).  Standard library only; linear in the text length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Narrative

SHINGLE = 12  # characters a shared passage must have to count (shorter ones are common phrases)
MIN_SECTION = 40  # sections shorter than this (e.g. 无。) are not scored
MIN_PASSAGE = 20  # passages quoted in a finding

_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z]|\d+")


@dataclass(frozen=True)
class Passage:
    text: str  # as written this year
    length: int  # in normalised characters


@dataclass(frozen=True)
class SectionSimilarity:
    section: str
    ratio: float  # 0..1 share of this year's section found in last year's
    length: int  # normalised characters of this year's section
    passages: tuple[Passage, ...]


def normal_form(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Text without spaces and punctuation, every number as ``#``; with each character's span in `text`."""
    chars, spans = [], []
    for m in _KEEP.finditer(text or ""):
        chars.append("#" if m.group(0)[0].isdigit() else m.group(0))
        spans.append((m.start(), m.end()))
    return "".join(chars), spans


def overlap(current: str, previous: str, shingle: int = SHINGLE) -> tuple[float, list[tuple[int, int]], str, list]:
    """Share of `current` covered by passages shared with `previous`, and the covered runs."""
    cur, spans = normal_form(current)
    prev, _ = normal_form(previous)
    if len(cur) < shingle or len(prev) < shingle:
        return 0.0, [], cur, spans
    seen = {prev[i:i + shingle] for i in range(len(prev) - shingle + 1)}
    covered = [False] * len(cur)
    for i in range(len(cur) - shingle + 1):
        if cur[i:i + shingle] in seen:
            for j in range(i, i + shingle):
                covered[j] = True
    runs, start = [], None
    for i, c in enumerate(covered + [False]):
        if c and start is None:
            start = i
        elif not c and start is not None:
            runs.append((start, i))
            start = None
    return sum(covered) / len(cur), runs, cur, spans


def compare_sections(current: Narrative, previous: Narrative) -> list[SectionSimilarity]:
    """Per numbered section present in both reports (sections too short to judge are skipped)."""
    out = []
    for s in current.sections:
        p = previous.section(s.number)
        text = s.text()
        if p is None or len(normal_form(text)[0]) < MIN_SECTION:
            continue
        ratio, runs, cur, spans = overlap(text, p.text())
        passages = []
        for a, b in sorted(runs, key=lambda r: r[0] - r[1]):
            if b - a >= MIN_PASSAGE:
                passages.append(Passage(text[spans[a][0]:spans[b - 1][1]], b - a))
        out.append(SectionSimilarity(s.number, ratio, len(cur), tuple(passages)))
    return out
