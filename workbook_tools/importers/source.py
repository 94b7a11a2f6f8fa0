"""What an importer hands to the table alignment: source tables as rows of cell texts, and the
`Alignment` of one declared table collected from them (cells, deviations, rows left out, problems)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Deviation, Unplaced
from ..spec import Kind, Table
from ..values import INVALID, parse_value


@dataclass
class SourceTable:
    rows: list[list[str]]
    dense: bool
    where: str  # where the table was found: "第4页", "表格2", "第88行"
    row_where: list[str] = field(default_factory=list)  # per row, if more precise than `where`

    def at(self, i: int) -> str:
        return self.row_where[i] if i < len(self.row_where) and self.row_where[i] else f"{self.where}第{i + 1}行"


@dataclass
class Problem:
    zh: str
    en: str


@dataclass
class Alignment:
    table: Table
    cells: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (raw, source)
    extra: dict[str, tuple[str, str]] = field(default_factory=dict)  # profile line code → (raw, source)
    deviations: list[Deviation] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    labels_matched: int = 0
    rows_unmatched: int = 0

    @property
    def score(self) -> int:
        return len(self.cells) + self.labels_matched - 10 * self.rows_unmatched - 5 * len(self.problems)

    def deviate(self, where: str, written: str, canonical: str) -> None:
        w = clean(written)
        if w != canonical and not any(d.written == w and d.canonical == canonical for d in self.deviations):
            self.deviations.append(Deviation(where, w, canonical))


def clean(text: str) -> str:
    """A cell's text as written, without the line breaks a narrow cell adds."""
    return re.sub(r"\s*\n\s*", "", text or "").strip()


def is_value(text: str) -> bool:
    """Could this cell hold a figure (a number, a blank, a placeholder, a number with a unit)?"""
    return parse_value(text, Kind.MONEY).status != INVALID



def has_number(cells: list[str]) -> bool:
    return any(c.strip() and is_value(c) for c in cells)
