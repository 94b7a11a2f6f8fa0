"""Word .docx → paragraphs and tables, in body order, via python-docx.

python-docx gives each table row its cells with merged cells repeated (gridSpan and vMerge), which
is exactly the dense grid the aligner wants.  Paragraphs inside table cells are joined with line
breaks; a Word file is a zip, so size and member sizes are bounded before it is opened.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import InputError
from .document import Para, SourceDoc, build
from .tables import SourceTable

MAX_DOCX = 50 * 1024 * 1024
MAX_UNZIPPED = 200 * 1024 * 1024


def _check(path: Path) -> None:
    try:
        if path.stat().st_size > MAX_DOCX:
            raise InputError("Word 文件过大。", "the Word file is too large.", path=str(path), code="too-large")
        with zipfile.ZipFile(path) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UNZIPPED:
                raise InputError("Word 文件解压后过大。", "the Word file expands too much.", path=str(path), code="too-large")
    except FileNotFoundError:
        raise InputError("文件不存在。", "file not found.", path=str(path), code="not-found") from None
    except zipfile.BadZipFile:
        raise InputError("不是有效的 .docx 文件（旧版 .doc 请先另存为 .docx）。",
                         "not a valid .docx file (save an old .doc as .docx first).", path=str(path), code="bad-docx") from None


def parse(path) -> SourceDoc:
    path = Path(path)
    _check(path)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        d = docx.Document(str(path))
    except Exception as e:
        raise InputError(f"无法打开 Word 文件：{e}", f"cannot open the Word file: {e}", path=str(path), code="bad-docx") from None
    doc = SourceDoc("docx", path=str(path), hints=[d.core_properties.title or ""])
    n_table = 0
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, d).text
            for line in text.split("\n"):
                if line.strip():
                    doc.items.append(Para(line.strip()))
        elif tag == "tbl":
            n_table += 1
            t = Table(child, d)
            rows = [[c.text.strip() for c in r.cells] for r in t.rows]
            doc.items.append(SourceTable(rows, dense=True, where=f"表格{n_table}"))
    return doc


def read(path):
    return build(parse(path))


def load(path):
    return read(path).report
