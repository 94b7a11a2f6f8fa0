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

from ..errors import InputError
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
    return InputError("不是有效的 .docx 文件，或文件已损坏（旧版 .doc 请先另存为 .docx）" + (f"：{detail}" if detail else "。"),
                      "not a valid .docx file, or a damaged one (save an old .doc as .docx first)" + (f": {detail}" if detail else "."),
                      path=str(path), code="bad-docx")


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
        raise too_much(path, "Word 文件中的部件数", "the number of parts in the Word file", MAX_MEMBERS, "个", "parts")


def _inflate(z: zipfile.ZipFile, info: zipfile.ZipInfo, room: int, path) -> int:
    """Inflate one XML part for real, chunk by chunk, stopping at the limits; returns its size."""
    got, tail = 0, b""
    with z.open(info) as f:
        while chunk := f.read(CHUNK):
            got += len(chunk)
            if got > MAX_PART:
                raise too_much(path, f"Word 文件中的“{info.filename}”解压后的大小", f"'{info.filename}' inflated",
                               MAX_PART // 1048576, " MB", "MB")
            if got > room:
                raise too_much(path, "Word 文件全部 XML 部件解压后的大小", "the Word file's XML parts inflated",
                               MAX_XML // 1048576, " MB", "MB")
            if any(m in tail + chunk for m in _DTD):  # the only door to entity expansion
                raise InputError(f"Word 文件中的“{info.filename}”含有 DTD 声明，正常的 Word 文件不会有，已拒绝读取。",
                                 f"'{info.filename}' in the Word file declares a DTD; refused.", path=str(path), code="bad-docx")
            tail = chunk[-32:]  # a declaration cut between two chunks is still seen
    return got


def _check(path: Path) -> None:
    try:
        if path.stat().st_size > MAX_DOCX:
            raise too_much(path, "Word 文件的大小", "the Word file's size", MAX_DOCX // 1048576, " MB", "MB")
        _members(path)
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if sum(i.file_size for i in infos) > MAX_UNZIPPED:
                raise too_much(path, "Word 文件解压后的大小", "the Word file inflated", MAX_UNZIPPED // 1048576, " MB", "MB")
            xml = 0
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")):
                    xml += _inflate(z, info, MAX_XML - xml, path)
    except FileNotFoundError:
        raise InputError("文件不存在。", "file not found.", path=str(path), code="not-found") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError, ValueError,
            EOFError, OSError) as e:
        raise _bad(path, str(e)) from None  # damaged data, an unknown compression, a password


def _spans(tbl, where: str, path) -> tuple[int, int]:
    """(rows, grid cells) of a table, every span bounded, before any cell is built."""
    rows = tbl.tr_lst
    if len(rows) > MAX_ROWS:
        raise too_much(path, f"{where}的行数", f"the rows of {where}", MAX_ROWS, "行", "rows")
    cells = 0
    for tr in rows:
        width = tr.grid_before + tr.grid_after
        for tc in tr.tc_lst:
            span = tc.grid_span
            if span > MAX_SPAN:
                raise too_much(path, f"{where}中一个合并单元格跨越的列数", f"the columns a merged cell of {where} spans",
                               MAX_SPAN, "列", "columns")
            width += span
        if width > MAX_COLUMNS:
            raise too_much(path, f"{where}的列数（含合并单元格）", f"the columns of {where}", MAX_COLUMNS, "列", "columns")
        cells += width
    if cells > MAX_TABLE_CELLS:
        raise too_much(path, f"{where}的单元格数（含合并单元格）", f"the cells of {where}", MAX_TABLE_CELLS, "个", "cells")
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
                root = (budget.text(_Cell(tc, table).text.strip(), f"{where}的一个单元格", f"a cell of {where}"), span)
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

    with foreign(path, "打开 Word 文件", "opening the Word file", "bad-docx"):
        d = docx.Document(str(path))
    budget = Budget(path)
    with foreign(path, "读取 Word 文件", "reading the Word file", "bad-docx"):
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
