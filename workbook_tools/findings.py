"""Findings and the validation result: frozen values; their wording lives in messages/."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from typing import Any

from .values import format_number

PARTS_SHOWN = 3  # cells named in the message of a grouped finding; the JSON keeps them all


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a finding points: official table/row/column (codes and labels) and the source cell."""

    table: str | None = None  # T3
    block: str | None = None
    row: str | None = None
    col: str | None = None
    table_label: str | None = None  # 表三
    block_label: str | None = None  # 第二十条第（一）项
    row_label: str | None = None
    col_label: str | None = None
    cells: tuple[str, ...] = ()  # cell keys involved
    where: str | None = None  # the source position of the first cell: 表三!D7, report.csv:12
    section: str | None = None  # narrative section number 一…六


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    key: str  # message key: the rule id, or "RULE.variant"
    location: Location = Location()
    expected: int | Decimal | None = None
    actual: int | Decimal | None = None
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # a grouped finding (one per table for a flood of one rule) keeps the findings it stands for
    parts: tuple["Finding", ...] = field(default=(), compare=False)

    @property
    def diff(self) -> int | Decimal | None:
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected

    def message(self, lang: str = "zh") -> str:
        from .messages import render

        if not self.parts:
            return render(self, lang)
        return render(replace(self, params={**self.params, "n": len(self.parts), "list": self.parts_text(lang)}), lang)

    def parts_text(self, lang: str = "zh", limit: int = PARTS_SHOWN) -> str:
        """The first `limit` parts of a grouped finding, by row and column (the table is named once)."""
        from .messages import location_text, text

        shown = []
        for p in self.parts[:limit]:
            loc = replace(p.location, table=None, table_label=None, section=None)
            s = location_text(loc, lang).lstrip(", ")
            if p.params.get("raw"):
                s += text("part.raw", lang, raw=p.params["raw"])
            shown.append(s)
        out = text("part.sep", lang).join(shown)
        if len(self.parts) > limit:
            out += text("part.more", lang, n=len(self.parts))
        return out

    def to_dict(self, lang: str = "zh") -> dict:
        loc = self.location
        d = {
            "rule": self.rule,
            "severity": self.severity.value,
            "table": loc.table_label,
            "table_code": loc.table,
            "block": loc.block_label,
            "block_code": loc.block,
            "row": loc.row_label,
            "row_code": loc.row,
            "col": loc.col_label,
            "col_code": loc.col,
            "cells": list(loc.cells),
            "where": loc.where,
            "section": loc.section,
            "expected": _jsonable(self.expected),
            "actual": _jsonable(self.actual),
            "diff": _jsonable(self.diff),
            "message": self.message(lang),
        }
        if self.parts:  # every cell of a grouped finding, each with its own location and message
            d["count"] = len(self.parts)
            d["locations"] = [_part_dict(p, lang) for p in self.parts]
        if self.params.get("follows_from"):
            d["follows_from"] = list(self.params["follows_from"])
        return d


def _part_dict(p: Finding, lang: str) -> dict:
    loc = p.location
    return {"cell": loc.cells[0] if loc.cells else None, "block": loc.block_label, "row": loc.row_label,
            "row_code": loc.row, "col": loc.col_label, "col_code": loc.col, "where": loc.where,
            "raw": p.params.get("raw"), "message": p.message(lang)}


def _jsonable(v):
    if isinstance(v, Decimal):
        return float(v) if Decimal(repr(float(v))) == v else format_number(v)
    return v


@dataclass
class Result:
    """Outcome of validating one report."""

    findings: list[Finding]
    source: str | None = None
    agency: str | None = None
    year: int | None = None
    edition: str | None = None
    profile: str | None = None
    skipped: list[str] = field(default_factory=list)  # rule families not run, and why (message keys)
    read_notes: list[str] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def valid(self) -> bool:
        return self.count(Severity.ERROR) == 0

    @property
    def unfilled(self) -> bool:
        """An error of S11: the report was never filled in (a status of its own in `check`)."""
        return any(f.rule == "S11" and f.severity is Severity.ERROR for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 0 if self.valid else 1

    def to_dict(self, lang: str = "zh") -> dict:
        from .messages import text
        from .readnotes import worded

        return {
            "valid": self.valid,
            "unfilled": self.unfilled,
            "source": self.source,
            "agency": self.agency,
            "year": self.year,
            "edition": self.edition,
            "profile": self.profile,
            "stats": {s.value + "s": self.count(s) for s in Severity},
            "findings": [f.to_dict(lang) for f in self.findings],
            "skipped": [text(k, lang) for k in self.skipped],
            "read_notes": [worded(n, lang) for n in self.read_notes],
        }
