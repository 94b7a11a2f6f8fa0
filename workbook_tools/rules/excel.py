"""Equations compiled to Excel formula text.

Works on the same `Instance`s the Python evaluator uses.  The caller supplies where each cell lives
(``CellRef -> "'表三'!D7"``); contiguous cells of one sheet are folded into ranges so the formulas
stay readable for the people who click on them.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from ..spec import CellRef
from .expr import PREVIOUS, Instance, Term

Address = Callable[[CellRef], str]

_A1 = re.compile(r"^(?:(?P<sheet>'[^']+'|[^!]+)!)?\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+)$")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _fold(addresses: Sequence[str]) -> list[str]:
    """Fold runs of adjacent cells in one row or one column into A1:B1 ranges."""
    parsed = []
    for a in addresses:
        m = _A1.match(a)
        if not m:
            return list(addresses)
        parsed.append((m.group("sheet") or "", m.group("col"), int(m.group("row"))))
    out: list[str] = []
    i = 0
    while i < len(parsed):
        sheet, col, row = parsed[i]
        j = i
        while j + 1 < len(parsed):
            s2, c2, r2 = parsed[j + 1]
            same_row = s2 == sheet and r2 == row and _col_index(c2) == _col_index(parsed[j][1]) + 1
            same_col = s2 == sheet and c2 == col and r2 == parsed[j][2] + 1
            if (same_row and all(p[2] == row for p in parsed[i : j + 1])) or (
                same_col and all(p[1] == col for p in parsed[i : j + 1])
            ):
                j += 1
            else:
                break
        prefix = f"{sheet}!" if sheet else ""
        if j > i:
            out.append(f"{prefix}{col}{row}:{parsed[j][1]}{parsed[j][2]}")
        else:
            out.append(f"{prefix}{col}{row}")
        i = j + 1
    return out


def side_formula(terms: Sequence[Term], address: Address, previous: Address | None = None) -> str:
    """Excel expression for a signed sum of cells (no leading '=').

    Terms of last year's report are addressed through `previous` (e.g. the cells where a template
    keeps last year's figures); without it a cross-year term is an error.
    """

    def where(t: Term) -> str:
        if t.report != PREVIOUS:
            return address(t.ref)
        if previous is None:
            raise ValueError(f"{t.ref.key}: last year's value has no address")
        return previous(t.ref)

    plus = [where(t) for t in terms if t.sign > 0]
    minus = [where(t) for t in terms if t.sign < 0]
    expr = f"SUM({','.join(_fold(plus))})" if plus else "0"
    if minus:
        expr += f"-SUM({','.join(_fold(minus))})"
    return expr


def total_formula(instance: Instance, address: Address) -> str:
    """Formula for the total cell of a deriving instance: ``=SUM(D7:I7)``."""
    if instance.target is None:
        raise ValueError(f"{instance.rule} does not derive a total")
    return "=" + side_formula(instance.rhs, address)


def difference_formula(instance: Instance, address: Address, previous: Address | None = None) -> str:
    """``=lhs-rhs``: zero when the rule holds; shown next to the ✓/✗ cell."""
    if instance.crosses_years and previous is None:
        raise ValueError(f"{instance.rule} needs last year's report")
    return f"=({side_formula(instance.lhs, address, previous)})-({side_formula(instance.rhs, address, previous)})"


def check_formula(instance: Instance, address: Address, ok: str = "✓", bad: str = "✗",
                  previous: Address | None = None) -> str:
    """``=IF(ABS(lhs-rhs)<=tol,"✓","✗")``."""
    diff = difference_formula(instance, address, previous)[1:]
    tol = instance.equation.tolerance
    return f'=IF(ABS({diff})<={tol},"{ok}","{bad}")'
