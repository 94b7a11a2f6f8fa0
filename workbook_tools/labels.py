"""Label normalisation and tolerant matching (SPEC §12).

Used wherever a label written by a person or another program must be matched to the declaration:
tidy CSV without codes today; workbooks typed by hand and published documents later.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

T = TypeVar("T")

_WS = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+|<br\s*/?>|&nbsp;", re.IGNORECASE)
_ITEM = re.compile(r"^(\d+)[、．.,，]")
_ASCII_TO_WIDE = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})


def normalize(text: str) -> str:
    """Canonical comparison form: no spaces or breaks, full-width punctuation, ``1.`` numbering."""
    s = _WS.sub("", text or "")
    # NFKC folds full-width digits and letters, but also full-width punctuation; restore those.
    s = unicodedata.normalize("NFKC", s).translate(_ASCII_TO_WIDE)
    s = _ITEM.sub(lambda m: m.group(1) + ".", s)
    s = s.replace('"三安全一稳定"', "“三安全一稳定”").replace("'三安全一稳定'", "“三安全一稳定”")
    s = s.replace("不补正，行政机关", "不补正、行政机关").replace("费用，行政机关", "费用、行政机关")
    return s


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit+1) once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        best = cur[0]
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            best = min(best, cur[j])
        if best > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def contains_near(text: str, phrase: str, limit: int = 1) -> bool:
    """Whether normalised `text` holds `phrase` with at most `limit` wrong characters
    (钩稽关系 / 构稽关系 for 勾稽关系): windows of the phrase's length ± limit are compared."""
    t, p = normalize(text), normalize(phrase)
    if p in t:
        return True
    n = len(p)
    for i in range(len(t)):
        for w in range(max(1, n - limit), n + limit + 1):
            if i + w <= len(t) and distance(t[i:i + w], p, limit) <= limit:
                return True
    return False


def tolerance(label: str) -> int:
    """Wrong characters allowed for a label of this length (short labels must match exactly)."""
    n = len(label)
    return 0 if n <= 3 else 1 if n <= 8 else 2


@dataclass(frozen=True)
class Match(Generic[T]):
    item: T
    canonical: str
    distance: int

    @property
    def exact(self) -> bool:
        return self.distance == 0


class Matcher(Generic[T]):
    """Finds the declared item a written label stands for; refuses ambiguous guesses."""

    def __init__(self, pairs: Iterable[tuple[str, T]]):
        self._exact: dict[str, tuple[str, T] | None] = {}
        for label, item in pairs:
            key = normalize(label)
            if key in self._exact and self._exact[key] is not None and self._exact[key][1] != item:
                self._exact[key] = None  # ambiguous label
            else:
                self._exact.setdefault(key, (label, item))
        # candidates for tolerant matching, with what rules most of them out cheaply
        self._fuzzy = [(cand, entry, tolerance(cand), frozenset(cand)) for cand, entry in self._exact.items()
                       if entry is not None and tolerance(cand) > 0]

    def match(self, text: str) -> Match[T] | None:
        key = normalize(text)
        hit = self._exact.get(key)
        if hit is not None:
            return Match(hit[1], hit[0], 0)
        if key in self._exact:
            return None
        best: list[tuple[int, str, T]] = []
        chars = frozenset(key)
        for cand, entry, limit, cand_chars in self._fuzzy:
            # each edit removes at most one of the candidate's distinct characters: a cheap lower bound
            if abs(len(key) - len(cand)) > limit or len(cand_chars - chars) > limit:
                continue
            d = distance(key, cand, limit)
            if d <= limit:
                best.append((d, entry[0], entry[1]))
        if not best:
            return None
        best.sort(key=lambda x: x[0])
        if len(best) > 1 and best[1][0] == best[0][0] and best[1][2] != best[0][2]:
            return None
        d, label, item = best[0]
        return Match(item, label, d)
