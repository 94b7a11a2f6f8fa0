"""Every figure of two reports side by side: this year's and last year's value of each cell of the
three tables, the change and the percentage.

Cells are matched through the declarations: the same table, block, row and column code is the same
cell in every edition (as `editions.other_labels` assumes); a cell whose code the other edition does
not declare is matched by its labels, including the labels other editions print for that row or
column.  What matches nothing is listed, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, ROUND_HALF_UP

from ..editions import other_labels
from ..editions.key_figures import KEY_FIGURES
from ..labels import normalize
from ..model import Report
from ..spec import Block, Column, Edition, Row, Table

Number = int | Decimal


@dataclass(frozen=True)
class Place:
    """Where a cell is, in the words of its edition's declaration."""

    key: str
    table: str  # 表三
    item: str  # the block caption and the row's labels: 第二十条第（一）项 / 规章
    column: str  # the column's labels: 法人或其他组织 / 商业企业

    @property
    def label(self) -> str:
        return f"{self.table} {self.item} {self.column}".strip()


class _YearOnYear:
    """This year's figure against last year's (`this`, `last`: None when not a number or absent)."""

    this: Number | None
    last: Number | None

    @property
    def change(self) -> Number | None:
        return None if self.this is None or self.last is None else self.this - self.last

    @property
    def percent(self) -> Decimal | None:
        """The change in per cent of last year's figure, one decimal; None when last year's is 0."""
        if self.change is None or not self.last:
            return None
        return (Decimal(self.change) * 100 / Decimal(self.last)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class FigureRow(_YearOnYear):
    this_place: Place
    last_place: Place
    this: Number | None
    last: Number | None


@dataclass(frozen=True)
class KeyFigure(_YearOnYear):
    name: str  # of the declared key figure (editions.key_figures)
    this: Number | None
    last: Number | None


@dataclass
class Side:
    """One of the two reports, as the comparison names it."""

    agency: str | None
    year: int | None
    edition: str  # the edition's name
    source: str | None
    merged: int | None = None  # the number of agencies of a region's sum (xxgk merge)


@dataclass
class Comparison:
    this: Side
    last: Side
    rows: list[FigureRow] = field(default_factory=list)
    only_this: list[Place] = field(default_factory=list)  # no counterpart in last year's layout
    only_last: list[Place] = field(default_factory=list)
    key: list[KeyFigure] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)  # (messages key, params)

    @property
    def changed(self) -> int:
        return sum(1 for r in self.rows if r.change)


def _place(t: Table, b: Block, r: Row, c: Column) -> Place:
    item = "/".join(x for x in (b.caption, *r.path) if x)
    column = "/".join(x for x in (c.group, c.label) if x)
    return Place(f"{t.code}/{r.code}/{c.code}", t.title, item, column)


def _label_keys(t: Table, b: Block, r: Row, c: Column) -> set[tuple[str, str, str, str]]:
    """Every way this cell's labels can be written: its own and those other editions print."""
    alt = other_labels(t)
    rows = {r.label, *alt.get(("row", r.code), ())}
    cols = {c.label, *alt.get(("col", c.code), ())}
    return {(t.code, normalize(r.group or "") + normalize(row), normalize(b.caption or ""), normalize(col))
            for row in rows for col in cols}


def _cells(edition: Edition) -> dict[str, tuple[Table, Block, Row, Column]]:
    return {f"{t.code}/{r.code}/{c.code}": (t, b, r, c) for t, b, r, c in edition.cells()}


def match_cells(this: Edition, last: Edition) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """(this key, last key) pairs in this year's reading order, and the keys of each edition left over."""
    mine, theirs = _cells(this), _cells(last)
    by_label: dict[tuple, str] = {}
    for key, cell in theirs.items():
        for lk in _label_keys(*cell):
            by_label.setdefault(lk, key)
    pairs, used = [], set()
    for key, cell in mine.items():
        other = key if key in theirs else next((by_label[lk] for lk in sorted(_label_keys(*cell)) if lk in by_label), None)
        if other is not None and other not in used:
            pairs.append((key, other))
            used.add(other)
    paired = {k for k, _ in pairs}
    return pairs, [k for k in mine if k not in paired], [k for k in theirs if k not in used]


def _side(report: Report) -> Side:
    count = report.meta.extra.get("merged_count")
    return Side(report.meta.agency, report.meta.year, report.edition.name, report.source,
                int(count) if count and str(count).isdigit() else None)


def compare_reports(this: Report, last: Report) -> Comparison:
    """This year's report against last year's, cell by cell."""
    out = Comparison(_side(this), _side(last))
    mine, theirs = _cells(this.edition), _cells(last.edition)
    pairs, only_this, only_last = match_cells(this.edition, last.edition)
    for a, b in pairs:
        out.rows.append(FigureRow(_place(*mine[a]), _place(*theirs[b]), this.number(a), last.number(b)))
    out.only_this = [_place(*mine[k]) for k in only_this]
    out.only_last = [_place(*theirs[k]) for k in only_last]
    out.key = [KeyFigure(k.name, this.total(*k.roles), last.total(*k.roles)) for k in KEY_FIGURES]
    out.notes = _notes(out)
    return out


def _notes(c: Comparison) -> list[tuple[str, dict]]:
    notes: list[tuple[str, dict]] = []
    if c.this.year and c.last.year and c.this.year - c.last.year != 1:
        notes.append(("compare.note.years", {"this": c.this.year, "last": c.last.year}))
    if c.this.agency and c.last.agency and normalize(c.this.agency) != normalize(c.last.agency):
        notes.append(("compare.note.agency", {"this": c.this.agency, "last": c.last.agency}))
    if c.this.edition != c.last.edition:
        notes.append(("compare.note.editions", {"this": c.this.edition, "last": c.last.edition}))
    if (c.this.merged is None) != (c.last.merged is None):
        notes.append(("compare.note.merged", {}))
    return notes
