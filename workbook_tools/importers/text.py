"""Plain text as extracted from a Word file (the seed report): every table cell on its own line after
a tab, a blank line after each table row, paragraphs as untabbed lines.  A line with tabs inside
(``规章<TAB>1<TAB>0<TAB>11``) is one row of cells.  Tables read this way are *sparse*: a merged cell
appears once, so columns are located from the header text in the declared order (tables.py).
Text saved from a web page or a Markdown converter may hold pipe tables (``| 规章 | 1 | 0 | 11 |``):
they are read as in Markdown (markdown.py)."""

from __future__ import annotations

from pathlib import Path

from .document import Para, SourceDoc, build
from .markdown import pipe_cells, pipe_table
from .tables import SourceTable


def parse(text: str, path: str | None = None) -> SourceDoc:
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

    lines = [x.rstrip("\r") for x in text.splitlines()]
    k = 0
    while k < len(lines):
        n, line = k + 1, lines[k]
        k += 1
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
