"""Plain text as extracted from a Word file (the seed report): every table cell on its own line after
a tab, a blank line after each table row, paragraphs as untabbed lines.  A line with tabs inside
(``规章<TAB>1<TAB>0<TAB>11``) is one row of cells.  Tables read this way are *sparse*: a merged cell
appears once, so columns are located from the header text in the declared order (tables.py).
Text saved from a web page or a Markdown converter may hold pipe tables (``| 规章 | 1 | 0 | 11 |``):
they are read as in Markdown (markdown.py).

A spreadsheet copied as text is different: one line per grid row, every grid position present, a
merged cell written once and followed by empty fields (``一、本年新收…<TAB><TAB><TAB>5<TAB>0…``).  Such
a block (consecutive lines with tabs between fields, all of one width) is a *dense* table: positions
are grid columns, as in HTML.  Reading it as sparse would take the empty fields for blank values.
Word's one-cell-per-line text never forms such a block: its lines hold a single leading tab.

Text printed by ``pdftotext -layout`` has no tabs: the cells of a row are separated by runs of spaces
at the columns where the PDF printed them.  Such blocks are found and read by position in
layout_text.py (`layout_blocks`, `read_layout`)."""

from __future__ import annotations

from pathlib import Path

from .document import Para, SourceDoc, build
from .layout_text import layout_blocks, read_layout  # noqa: F401  (re-exported: tests call text.layout_blocks)
from .limits import check_text
from .markdown import pipe_cells, pipe_table
from .tables import SourceTable


def _fields(line: str) -> list[str] | None:
    """The fields of a grid row, or None for a line that is not one: no tab between two fields
    (a Word cell line is a single leading tab and its text)."""
    line = line.rstrip("\r")
    if "\t" not in line.lstrip("\t") or not line.strip():
        return None
    return line.split("\t")


def grid_block(lines: list[str], first: int) -> tuple[SourceTable | None, int]:
    """The dense grid starting at ``lines[first]`` and the index after it, or (None, first): at least
    two consecutive rows, all with the same number of fields."""
    rows: list[list[str]] = []
    k = first
    while k < len(lines):
        cells = _fields(lines[k])
        if cells is None or (rows and len(cells) != len(rows[0])):
            break
        rows.append(cells)
        k += 1
    if len(rows) < 2 or (k < len(lines) and _fields(lines[k]) is not None):
        return None, first  # a ragged block stays sparse, as before
    where = [f"第{first + i + 1}行" for i in range(len(rows))]
    return SourceTable([[c.strip() for c in r] for r in rows], dense=True, where=where[0], row_where=where), k


def parse(text: str, path: str | None = None) -> SourceDoc:
    check_text(text, path)  # size, lines and tables bounded before any line is parsed
    doc = SourceDoc("txt", path=path)
    rows: list[list[str]] = []
    where: list[str] = []
    cur: list[str] | None = None
    start = 0

    def close_table():
        nonlocal rows, where, cur
        if cur:
            rows.append(cur)
        cur = None
        if rows:
            doc.items.append(SourceTable(rows, dense=False, where=f"第{start}行", row_where=where))
        rows, where = [], []

    ends = text.splitlines(keepends=True)
    lines = [x.rstrip("\r\n\x0c\x0b\x1c\x1d\x1e\x85\u2028\u2029") for x in ends]
    breaks = {i + 1 for i, x in enumerate(ends) if x.endswith("\x0c")}  # form feed: a new page
    blocks = dict(layout_blocks(lines))
    k = 0
    while k < len(lines):
        n, line = k + 1, lines[k]
        if k in blocks:
            close_table()
            doc.items += read_layout(lines, k, blocks[k], breaks)
            k = blocks[k]
            continue
        k += 1
        if cur is None and _fields(line) is not None and (k < 2 or _fields(lines[k - 2]) is None):
            table, after = grid_block(lines, n - 1)
            if table is not None:
                close_table()
                doc.items.append(table)
                k = after
                continue
        if not line.startswith("\t") and pipe_cells(line) is not None:
            table, after = pipe_table(lines, n - 1)
            if table is not None:
                close_table()
                doc.items.append(table)
                k = after
                continue
        if line.startswith("\t"):
            if not rows and cur is None:
                start = n
            if cur is None:
                cur = []
                where.append(f"第{n}行")
            cur.extend(line[1:].split("\t"))
        elif not line.strip():
            if cur is not None:
                rows.append(cur)
                cur = None
        elif "\t" in line.strip():
            if cur is not None:
                rows.append(cur)
                cur = None
            if not rows:
                start = n
            rows.append(line.strip().split("\t"))
            where.append(f"第{n}行")
        else:
            close_table()
            doc.items.append(Para(line, f"第{n}行"))
    close_table()
    return doc


def read(path) -> "object":
    from ..io.files import read_text

    return build(parse(read_text(path), str(path)))


def load(path):
    return read(Path(path)).report
