"""Places in a report, in official labels: the `Location` that findings, ``--explain`` lines and
the 校验 sheet cite.

It sits below `checks` so that narrative/, workbook/ and batch/ can name a cell without importing
the rule machinery (and the registration of every check that comes with it).
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Location
from .model import Report
from .rules.expr import PREVIOUS
from .spec import EXTRA_TABLE, CellRef


@dataclass(frozen=True)
class Locator:
    report: Report

    def loc(self, ref: CellRef | None = None, *, table: str | None = None, row: str | None = None,
            col: str | None = None, section: str | None = None, cells: tuple[str, ...] = ()) -> Location:
        """Location with official labels, from a cell or from table/row/column codes."""
        if ref is not None:
            table, row, col = ref.table, ref.row, ref.col
            cells = cells or (ref.key,)
        if table is None:
            return Location(section=section)
        if table == EXTRA_TABLE:
            profile, year = self.report.profile, self.report.meta.year
            line = next((ln for ln in (profile.lines if profile else ()) if ln.code == row), None)
            return Location(table=table, row=row, col=col, row_label=line.label_for(year) if line else row,
                            cells=cells, where=self.where(cells))
        t = self.report.edition.table(table)
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
            where=self.where(cells),
            section=t.section,
        )

    def where(self, cells: tuple[str, ...]) -> str | None:
        """The source (sheet cell, document line) of the first of `cells` that has one."""
        for key in cells:
            cell = self.report.cells.get(key)
            if cell is not None and cell.source:
                return cell.source
        return None


def locate(report: Report, ref: CellRef | None = None, **codes) -> Location:
    return Locator(report).loc(ref, **codes)


def instance_location(locator, inst) -> Location:
    """Where an equation instance points: its total cell, or the row/column it is bound to.
    `locator` is anything with `loc` (a `Locator`, or a check's `Context`)."""
    cells = tuple(t.ref.key for t in inst.terms() if t.report != PREVIOUS)
    if len(inst.lhs) == 1:
        return locator.loc(inst.lhs[0].ref, cells=cells)
    if inst.equation.each == "col":
        return locator.loc(table=inst.lhs[0].ref.table, col=inst.binding, cells=cells)
    return locator.loc(table=inst.lhs[0].ref.table, row=inst.binding, cells=cells)
