"""Row labels of a published table → declared rows, and the provincial lines printed under a table."""

from __future__ import annotations

import difflib
import re

from ..editions import other_labels
from ..labels import Matcher, normalize
from ..spec import ExtraLine, Profile, Row, Table

_ITEM_NO = re.compile(r"^\s*(\d+)\s*[.、．，,]")

# ------------------------------------------------------------------------------------------------
# Row labels
# ------------------------------------------------------------------------------------------------


class RowFinder:
    """Finds the declared row a data row stands for, from its own label, helped by its group."""

    def __init__(self, t: Table):
        self.table = t
        pairs = []
        for _, r in t.rows():
            pairs.append((r.label, r))
        other = other_labels(t)
        known = {normalize(label) for label, _ in pairs}
        self.aliases = {normalize(alt) for _, r in t.rows() for alt in other.get(("row", r.code), ())} - known
        pairs += [(alt, r) for _, r in t.rows() for alt in other.get(("row", r.code), ()) if normalize(alt) in self.aliases]
        flat = []
        for _, r in t.rows():
            for parts in ((r.group, r.label), (r.band, r.label), (r.band, r.group, r.label)):
                if all(parts) and len(parts) > 1:
                    flat.append(("".join(parts), r))
        self.rows = Matcher(pairs)
        self.flat = Matcher(pairs + flat)
        groups = {x for _, r in t.rows() for x in (r.group, r.band) if x}
        self.groups = Matcher((g, g) for g in groups)

    def _canonical(self, m) -> str:
        """Another edition's label matched: the deviation is reported against this edition's label."""
        return m.item.label if normalize(m.canonical) in self.aliases else m.canonical

    def group_of(self, texts: list[str]) -> str | None:
        for x in reversed(texts):  # the innermost group: （三）不予公开 rather than 三、本年度办理结果
            m = self.groups.match(x)
            if m:
                return m.canonical
        return None

    def find(self, texts: list[str], context: str | None) -> tuple[Row | None, str, str | None]:
        """(row, text it was matched from, canonical label) for the label texts of one source row."""
        if not texts:
            return None, "", None
        leaf = texts[-1]
        m = self.rows.match(leaf)
        if m:
            return m.item, leaf, self._canonical(m)
        joined = "".join(texts)
        m = self.flat.match(joined)
        if m:
            return m.item, joined, self._canonical(m)
        group = self.group_of(texts[:-1]) or context
        num = _ITEM_NO.match(normalize(leaf))
        if group and num:  # 2.其他法律行政止公开 under （三）不予公开: its number in its group, if it resembles
            for _, r in self.table.rows():
                rn = _ITEM_NO.match(r.label)
                if r.group == group and rn and rn.group(1) == num.group(1):
                    ratio = difflib.SequenceMatcher(None, normalize(leaf), normalize(r.label)).ratio()
                    if ratio >= 0.6:
                        return r, leaf, r.label
        return None, leaf, None


def profile_line(text: str, profile_lines: list[tuple[Profile, ExtraLine, re.Pattern]]):
    """(profile, line, value) when `text` is a profile's extra line ``label：value``."""
    t = normalize(text)
    for p, line, pattern in profile_lines:
        m = pattern.match(t)
        if m:
            return p, line, m.group("value"), m.group("year")
    return None


def profile_patterns(profiles) -> list[tuple[Profile, ExtraLine, re.Pattern]]:
    out = []
    for p in profiles:
        for line in p.lines:
            label = normalize(line.label)
            head, _, tail = label.partition("{year}")
            pat = re.escape(head) + (r"(?P<year>\d{4})" + re.escape(tail) if "{year}" in label else r"(?P<year>)")
            out.append((p, line, re.compile(pat + r"[：:]?(?P<value>.*)$")))
    return out

