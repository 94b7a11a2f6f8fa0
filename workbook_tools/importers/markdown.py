"""Markdown (as written by the report renderer, or by hand) → paragraphs and tables.

The official tables need merged cells, which pipe tables cannot express, so the renderer embeds
them as HTML tables: those blocks go through the HTML reader.  PDF-to-Markdown converters and web
editors write pipe tables instead (``| 信息内容 | 本年制发件数 | … |``, with or without the ``|---|``
line, sometimes without the outer pipes); a merged cell comes out repeated or as empty cells.  Those
become `SourceTable`s for the label alignment of tables.py.  The rest is read line by line with
heading marks and backslash escapes removed.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .document import Para, SourceDoc, build
from .html import parse_text as parse_html
from .limits import check_text
from .tables import SourceTable

_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
_ESCAPE = re.compile(r"\\([\\`*_\[\]{}()<>#+\-.!|~=])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_PIPE = re.compile(r"(?<!\\)\|")  # a cell border; ``\|`` is a pipe inside a cell
_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")
_EMPHASIS = re.compile(r"(\*\*|__|~~|`)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _cell(text: str) -> str:
    """A pipe-table cell as plain text: emphasis and code marks, ``<br>``, entities and escapes removed."""
    text = _BREAK.sub("\n", text)
    for _ in range(3):  # nested marks: ***规章*** or **`规章`**
        text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    return _ESCAPE.sub(r"\1", html.unescape(text)).replace("\u00a0", " ").strip()


def framed(line: str) -> bool:
    """Written with outer pipes (``| a | b |``)?  Decided once per table: in a table without them a
    row that starts or ends with an empty cell also starts or ends with a pipe."""
    s = line.strip()
    return len(s) > 1 and s.startswith("|") and s.endswith("|") and not s.endswith("\\|")


def pipe_cells(line: str, outer: bool | None = None) -> list[str] | None:
    """The cells of a pipe-table row, or None when the line is not one.

    With outer pipes a row may have a single cell (a caption ``| 第二十条第（一）项 |``); without them it
    needs at least two, so that a stray ``|`` in prose stays prose."""
    if not _PIPE.search(line):
        return None
    outer = framed(line) if outer is None else outer
    text = line.strip() if outer else line
    parts = _PIPE.split(text)
    if outer:  # a row may still lack one of its outer pipes
        start = 1 if text.startswith("|") else 0
        end = len(parts) - 1 if text.endswith("|") and len(parts) - start > 1 else len(parts)
        parts = parts[start:end]
    elif len(parts) < 2:
        return None
    return [_cell(p) for p in parts]


def is_separator(line: str, after_first: bool) -> bool:
    """The ``|---|:---:|`` line.  Right after the first row any dashes will do; elsewhere three or more,
    so that a row of ``-`` placeholders (``| - | - |``) stays a row."""
    s = line.strip()
    return "|" in s and bool(_SEPARATOR.match(s)) and (after_first or "---" in s or ":-" in s or "-:" in s)


def pipe_table(lines: list[str], first: int) -> tuple[SourceTable | None, int]:
    """The pipe table starting at ``lines[first]`` (numbered from 1 in messages) and the index after it.

    Dense when every row of several cells is as wide as the header row (positions are grid columns:
    a merged cell repeated or left empty, as tables.py expects); a one-cell row (a caption) is padded
    to that width.  Ragged rows are read as sparse, cells in the order written."""
    rows: list[list[str]] = []
    where: list[str] = []
    outer = framed(lines[first])
    k = first
    while k < len(lines):
        line = lines[k]
        if is_separator(line, k == first + 1):
            k += 1
            continue
        cells = pipe_cells(line, outer)
        if cells is None:
            break
        rows.append(cells)
        where.append(f"第{k + 1}行")
        k += 1
    if not rows or (len(rows) == 1 and not outer and k == first + 1):
        return None, first  # one unframed line with a pipe: prose, not a table
    wide = [len(r) for r in rows if len(r) > 1]
    width = wide[0] if wide else 1
    dense = all(n == width for n in wide)
    if dense:
        rows = [r + [""] * (width - len(r)) if len(r) == 1 else r for r in rows]
    return SourceTable(rows, dense=dense, where=where[0], row_where=where), k


def _heading_free(line: str) -> str:
    line = _HEADING.sub("", line).rstrip()
    line = re.sub(r"\s+#+\s*$", "", line)
    return _ESCAPE.sub(r"\1", line).strip()


def _lines(text: str, start: int, doc: SourceDoc) -> None:
    lines = text.splitlines()
    k = 0
    while k < len(lines):
        if pipe_cells(lines[k]) is not None:
            table, after = pipe_table(lines, k)
            if table is not None:
                _renumber(table, start - 1)
                doc.items.append(table)
                k = after
                continue
        line = _heading_free(lines[k])
        if line and not re.fullmatch(r"[-*_]{3,}", line):
            doc.items.append(Para(line, f"第{start + k}行"))
        k += 1


def _renumber(table: SourceTable, offset: int) -> None:
    """Line numbers of a table read from a part of the file, counted in the whole file."""
    if offset:
        table.row_where = [f"第{int(w[1:-1]) + offset}行" for w in table.row_where]
        table.where = table.row_where[0]


def parse(text: str, path: str | None = None) -> SourceDoc:
    check_text(text, path)  # size, lines and tables bounded before any line is parsed
    doc = SourceDoc("md", path=path)
    pos = 0
    for m in _TABLE.finditer(text):
        _lines(text[pos:m.start()], text.count("\n", 0, pos) + 1, doc)
        doc.items += parse_html(m.group(0)).items
        pos = m.end()
    _lines(text[pos:], text.count("\n", 0, pos) + 1, doc)
    return doc


def read(path):
    from ..io.files import read_text

    return build(parse(read_text(path), str(path)))


def load(path):
    return read(Path(path)).report
