"""Word .docx → paragraphs and tables, in body order, via python-docx.

Each table row gives its cells with merged cells repeated (gridSpan and vMerge), which is exactly the
dense grid the aligner wants.  Paragraphs inside table cells are joined with line breaks.

A Word file is a zip that python-docx inflates and parses whole, so the zip is checked first: the
member count, the declared sizes, and the XML parts inflated for real (a small file can hold a huge
``document.xml``), with no DTD.  Rows are expanded here rather than through python-docx's ``row.cells``,
which repeats a cell ``gridSpan`` times without a bound and walks a vertical merge upwards once per
row (quadratic, and a ValueError when a merge continues from nothing); spans are bounded before any
cell is built.  Whatever python-docx raises on a malformed file is an `InputError` naming the file.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError, input_error
from .document import Para, SourceDoc, build
from .limits import MAX_COLUMNS, MAX_ROWS, MAX_SPAN, MAX_TABLE_CELLS, Budget, foreign, too_much
from .tables import SourceTable

MAX_DOCX = 50 * 1024 * 1024  # on disk
MAX_UNZIPPED = 200 * 1024 * 1024  # all members as declared (pictures included)
MAX_PART = 16 * 1024 * 1024  # one XML part, inflated (document.xml of a long report: ~1 MB)
MAX_XML = 32 * 1024 * 1024  # all XML parts together, inflated: what python-docx parses
MAX_MEMBERS = 2_000
CHUNK = 1024 * 1024
_DTD = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def _bad(path, detail: str = "") -> InputError:
    return input_error("bad-docx.detail" if detail else "bad-docx", path=path, detail=detail)


def _members(path: Path) -> None:
    """The zip's own count of members, from its end record, before zipfile reads the directory."""
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - 66_000))
        tail = f.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        raise _bad(path)
    (entries,), (dir_size,) = struct.unpack("<H", tail[at + 10:at + 12]), struct.unpack("<I", tail[at + 12:at + 16])
    if entries > MAX_MEMBERS or dir_size > 200 * MAX_MEMBERS:
        raise too_much(path, "docx-parts", MAX_MEMBERS, "parts")


def _inflate(z: zipfile.ZipFile, info: zipfile.ZipInfo, room: int, path) -> int:
    """Inflate one XML part for real, chunk by chunk, stopping at the limits; returns its size."""
    got, tail = 0, b""
    with z.open(info) as f:
        while chunk := f.read(CHUNK):
            got += len(chunk)
            if got > MAX_PART:
                raise too_much(path, "docx-part-inflated", MAX_PART // 1048576, "mb", part=info.filename)
            if got > room:
                raise too_much(path, "docx-xml-inflated", MAX_XML // 1048576, "mb")
            if any(m in tail + chunk for m in _DTD):  # the only door to entity expansion
                raise input_error("bad-docx.dtd", path=path, part=info.filename)
            tail = chunk[-32:]  # a declaration cut between two chunks is still seen
    return got


def _check(path: Path) -> None:
    try:
        if path.stat().st_size > MAX_DOCX:
            raise too_much(path, "docx-size", MAX_DOCX // 1048576, "mb")
        _members(path)
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if sum(i.file_size for i in infos) > MAX_UNZIPPED:
                raise too_much(path, "docx-inflated", MAX_UNZIPPED // 1048576, "mb")
            xml = 0
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")):
                    xml += _inflate(z, info, MAX_XML - xml, path)
    except FileNotFoundError:
        raise input_error("not-found", path=path) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError, ValueError,
            EOFError, OSError) as e:
        raise _bad(path, str(e)) from None  # damaged data, an unknown compression, a password


def _spans(tbl, where: str, path) -> tuple[int, int]:
    """(rows, grid cells) of a table, every span bounded, before any cell is built."""
    rows = tbl.tr_lst
    if len(rows) > MAX_ROWS:
        raise too_much(path, "rows", MAX_ROWS, "rows", where=where)
    cells = 0
    for tr in rows:
        width = tr.grid_before + tr.grid_after
        for tc in tr.tc_lst:
            span = tc.grid_span
            if span > MAX_SPAN:
                raise too_much(path, "span", MAX_SPAN, "columns", where=where)
            width += span
        if width > MAX_COLUMNS:
            raise too_much(path, "columns.docx", MAX_COLUMNS, "columns", where=where)
        cells += width
    if cells > MAX_TABLE_CELLS:
        raise too_much(path, "cells.docx", MAX_TABLE_CELLS, "cells", where=where)
    return len(rows), cells


def _rows(table, budget: Budget, where: str) -> list[list[str]]:
    """Cell texts per row, as python-docx's ``row.cells`` gives them (a cell repeated over its span, a
    vertical merge repeating the cell it continues), in one pass.  A merge that continues from nothing
    (the first row, or no cell above at that column) is read as the cell it is, as Word shows it."""
    from docx.table import _Cell

    out: list[list[str]] = []
    above: dict[int, tuple[str, int]] = {}  # grid column where a cell starts → (text, span) of its merge's root
    for tr in table._tbl.tr_lst:
        row: list[str] = []
        here: dict[int, tuple[str, int]] = {}
        col = tr.grid_before
        for tc in tr.tc_lst:
            span = max(tc.grid_span, 1)
            if tc.vMerge == "continue" and col in above:
                root = above[col]
            else:
                root = (budget.text(_Cell(tc, table).text.strip(), "cell", where=where), span)
            here[col] = root
            row += [root[0]] * root[1]
            col += span
        above = here
        out.append(row)
    return out


def parse(path) -> SourceDoc:
    path = Path(path)
    _check(path)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    with foreign(path, "open-docx", "bad-docx"):
        d = docx.Document(str(path))
    budget = Budget(path)
    with foreign(path, "read-docx", "bad-docx"):
        doc = SourceDoc("docx", path=str(path), hints=[(d.core_properties.title or "")[:1000]])
        n_table = 0
        for child in d.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if tag == "p":
                text = Paragraph(child, d).text
                for line in text.split("\n"):
                    if line.strip():
                        doc.items.append(Para(budget.paragraph(line.strip())))
            elif tag == "tbl":
                n_table += 1
                where = f"表格{n_table}"
                n_rows, cells = _spans(child, where, path)
                budget.table(n_rows, 0, cells, where)
                doc.items.append(SourceTable(_rows(Table(child, d), budget, where), dense=True, where=where))
    return doc


def read(path):
    return build(parse(path))


def load(path):
    return read(path).report
