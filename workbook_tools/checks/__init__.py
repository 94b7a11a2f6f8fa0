"""Python checks, one function per catalogue rule, registered by id.

A check receives a `Context` and yields findings through `ctx.finding(...)`, which takes the
severity from the catalogue and the run configuration: checks never decide severity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Callable, Iterable

from ..config import Config
from ..findings import Finding, Location
from ..model import Report
from ..spec import EXTRA_TABLE, CellRef, Edition, Profile

CHECKS: dict[str, Callable[["Context"], Iterable[Finding]]] = {}


def check(rule_id: str):
    def register(fn):
        CHECKS[rule_id] = fn
        return fn

    return register


@dataclass
class Context:
    report: Report
    previous: Report | None
    config: Config

    @property
    def edition(self) -> Edition:
        return self.report.edition

    @property
    def profile(self) -> Profile | None:
        return self.report.profile

    @property
    def year(self) -> int | None:
        return self.report.meta.year

    def loc(self, ref: CellRef | None = None, *, table: str | None = None, row: str | None = None,
            col: str | None = None, section: str | None = None, cells: tuple[str, ...] = ()) -> Location:
        """Location with official labels, from a cell or from table/row/column codes."""
        if ref is not None:
            table, row, col = ref.table, ref.row, ref.col
            cells = cells or (ref.key,)
        if table is None:
            return Location(section=section)
        if table == EXTRA_TABLE:
            line = next((ln for ln in (self.profile.lines if self.profile else ()) if ln.code == row), None)
            return Location(table=table, row=row, col=col, row_label=line.label_for(self.year) if line else row,
                            cells=cells, where=self._where(cells))
        t = self.edition.table(table)
        blk = r = c = None
        for b, rr in t.rows():
            if row is not None and rr.code == row:
                blk, r = b, rr
        if col is not None:
            for b in ([blk] if blk else t.blocks):
                if any(cc.code == col for cc in b.columns):
                    c = b.column(col)
                    blk = blk or b
                    break
        return Location(
            table=table,
            block=blk.code if blk else None,
            row=row,
            col=col,
            table_label=t.title,
            block_label=blk.caption if blk and blk.caption else None,
            row_label=r.qualified_label if r else None,
            col_label=c.label if c else None,
            cells=cells,
            where=self._where(cells),
            section=t.section,
        )

    def _where(self, cells: tuple[str, ...]) -> str | None:
        for key in cells:
            cell = self.report.cells.get(key)
            if cell is not None and cell.source:
                return cell.source
        return None

    def finding(self, rule: str, loc: Location = Location(), *, key: str | None = None,
                expected: int | Decimal | None = None, actual: int | Decimal | None = None, **params) -> Finding:
        return Finding(rule, self.config.severity(rule), key or rule, loc, expected, actual, params)

    @cached_property
    def narrative_present(self) -> bool:
        return self.report.narrative.present


# Register the checks (import for side effects, in catalogue order of families).
from . import arithmetic, narrative, publication, structure, cell_values  # noqa: E402,F401
from . import narrative_coverage, narrative_figures  # noqa: E402,F401
from . import document  # noqa: E402,F401  (S02, S03, S09: imported documents)
from . import workbook  # noqa: E402,F401  (W01–W04: filled workbooks)
from . import filled  # noqa: E402,F401  (S11: a report nobody filled in)
