"""Declaration → printed grid: every official table as positioned cells with row and column spans.

This is the one place that knows the geometry of the official tables.  The workbook writer, the
Word/HTML/Markdown/text renderers and the readers all consume a `Grid`; none derives spans itself,
so a table has the same merged headers everywhere.

Spans follow from the label trees in the declaration: a column's path (申请人情况 › 法人或其他组织 ›
商业企业) gives the header rows, a row's path (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密)
gives the label columns; a path shorter than the deepest one spans the remaining levels.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .spec import CellRef, Layout, Table

CAPTION = "caption"  # 第二十条第（一）项, across the whole table
HEADER = "header"  # column headings
LABEL = "label"  # row headings
NOTE = "note"  # the 勾稽 note in the corner of table 三
VALUE = "value"  # a data cell


@dataclass(frozen=True)
class GridCell:
    row: int  # top-left position, 0-based
    col: int
    text: str
    role: str
    rowspan: int = 1
    colspan: int = 1
    ref: CellRef | None = None  # for VALUE cells


@dataclass(frozen=True)
class Grid:
    table: Table
    n_rows: int
    n_cols: int
    header_rows: int  # leading rows to repeat on every printed page
    label_cols: int
    cells: tuple[GridCell, ...]  # anchors only (covered positions are absent), row-major

    def rows(self) -> list[list[GridCell]]:
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        return out

    def value_cells(self) -> list[GridCell]:
        return [c for c in self.cells if c.role == VALUE]

    def dense(self) -> list[list[GridCell | None]]:
        """Every grid position → the anchor covering it (a merged cell repeats over its area)."""
        out: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[r][k] = c
        return out


def _tree(paths: Sequence[tuple[str, ...]], depth: int):
    """Spans of a label tree laid along one axis.

    Yields (level, start, length, text, depth_span): the label at `level` covers leaves
    start..start+length-1 and, when it ends its path early, `depth_span` levels.
    """
    for level in range(depth):
        i = 0
        while i < len(paths):
            p = paths[i]
            if len(p) <= level:
                i += 1
                continue
            j = i
            while j + 1 < len(paths) and len(paths[j + 1]) > level and paths[j + 1][: level + 1] == p[: level + 1]:
                j += 1
            span_depth = depth - level if len(p) == level + 1 else 1
            yield level, i, j - i + 1, p[level], span_depth
            i = j + 1


def _crosstab(t: Table) -> Grid:
    block = t.blocks[0]
    col_paths = [tuple(x for x in (t.column_band, c.group, c.label) if x) for c in block.columns]
    row_paths = [r.path for r in block.rows]
    hdr = max(len(p) for p in col_paths)
    lab = max(len(p) for p in row_paths)
    cells = [GridCell(0, 0, t.note or "", NOTE, rowspan=hdr, colspan=lab)]
    for level, start, length, text, dspan in _tree(col_paths, hdr):
        cells.append(GridCell(level, lab + start, text, HEADER, rowspan=dspan, colspan=length))
    for level, start, length, text, dspan in _tree(row_paths, lab):
        cells.append(GridCell(hdr + start, level, text, LABEL, rowspan=length, colspan=dspan))
    for i, r in enumerate(block.rows):
        for k, c in enumerate(block.columns):
            cells.append(GridCell(hdr + i, lab + k, "", VALUE, ref=CellRef(t.code, r.code, c.code)))
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(t, hdr + len(block.rows), lab + len(block.columns), hdr, lab, tuple(cells))


def _transposed(t: Table) -> Grid:
    block = t.blocks[0]
    leaves = [(r, c) for r in block.rows for c in block.columns]
    paths = [r.path + (c.label,) for r, c in leaves]
    hdr = max(len(p) for p in paths)
    cells = [GridCell(level, start, text, HEADER, rowspan=dspan, colspan=length)
             for level, start, length, text, dspan in _tree(paths, hdr)]
    cells += [GridCell(hdr, k, "", VALUE, ref=CellRef(t.code, r.code, c.code)) for k, (r, c) in enumerate(leaves)]
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(t, hdr + 1, len(leaves), hdr, 0, tuple(cells))


def _stacked(t: Table) -> Grid:
    width = 1 + t.width
    cells: list[GridCell] = []
    row = 0
    for b in t.blocks:
        if b.caption:
            cells.append(GridCell(row, 0, b.caption, CAPTION, colspan=width))
            row += 1
        cells.append(GridCell(row, 0, b.corner or "", HEADER))
        for k, c in enumerate(b.columns):
            span = width - 1 - k if k == len(b.columns) - 1 else 1  # the last column fills the width
            cells.append(GridCell(row, 1 + k, c.label, HEADER, colspan=span))
        row += 1
        for r in b.rows:
            cells.append(GridCell(row, 0, r.label, LABEL))
            for k, c in enumerate(b.columns):
                span = width - 1 - k if k == len(b.columns) - 1 else 1
                cells.append(GridCell(row, 1 + k, "", VALUE, colspan=span, ref=CellRef(t.code, r.code, c.code)))
            row += 1
    return Grid(t, row, width, 0, 1, tuple(cells))


@lru_cache(maxsize=None)
def grid(table: Table) -> Grid:
    """The printed grid of a declared table."""
    return {Layout.CROSSTAB: _crosstab, Layout.TRANSPOSED: _transposed, Layout.STACKED: _stacked}[table.layout](table)
