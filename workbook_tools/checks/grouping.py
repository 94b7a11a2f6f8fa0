"""Floods of one rule become one finding per table.

A blank template has 135 blank cells in table 三; one V02 finding per cell buries whatever else
is wrong.  The grouped finding names the table, the count and the first cells, and keeps every
original finding (`Finding.parts`), so that JSON and the batch details lose nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..findings import Finding

GROUP_MIN = 4  # up to three findings still read well one by one


def grouped(ctx, findings: Iterable[Finding]) -> list[Finding]:
    """`findings` (one rule, reading order) with each table's run of GROUP_MIN or more folded into one."""
    by_table: dict[str | None, list[Finding]] = {}
    for f in findings:
        by_table.setdefault(f.location.table, []).append(f)
    out = []
    for table, fs in by_table.items():
        if table is None or len(fs) < GROUP_MIN:
            out.extend(fs)
            continue
        first = fs[0]
        cells = tuple(k for f in fs for k in f.location.cells)
        loc = replace(ctx.loc(table=table, cells=cells), where=None)  # each part says where it is
        out.append(Finding(first.rule, first.severity, f"{first.rule}.group", loc, parts=tuple(fs)))
    return out
