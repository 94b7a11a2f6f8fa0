"""PDF with a text layer (no OCR) → paragraphs and tables, via pdfplumber.

Ruled tables are read as grids: every cell's box gives its span, so a merged label (三、本年度办理结果,
printed one character per line) covers the rows it spans and the source stays *dense*.  Text outside
the tables is re-joined into paragraphs from the line geometry (an indented line or a short previous
line starts a new paragraph); page numbers (``- 4 -``) are dropped.  A table continued on the next
page is simply the next table in reading order; tables.py carries its header across.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..editions import editions
from .document import Para, SourceDoc, build, is_page_number
from .headings import Headings
from .tables import SourceTable

MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 300
_CJK = "\u3400-\u9fff\uff00-\uffef\u3000-\u303f“”‘’"
_GAP = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")


def _squeeze(text: str) -> str:
    """Drop the spaces PDF extraction puts between Chinese and digits (``2024 年`` → ``2024年``)."""
    return _GAP.sub("", text).strip()


def _grid(table) -> list[list[str]]:
    """The table as a dense grid: each cell's text repeated over the columns and rows its box covers."""
    text = table.extract()
    boxes = [c for row in table.rows for c in row.cells if c is not None]
    xs = sorted({round(b[0], 1) for b in boxes})
    tops = sorted({round(b[1], 1) for b in boxes})
    out = [["" for _ in xs] for _ in tops]
    for i, row in enumerate(table.rows):
        for j, box in enumerate(row.cells):
            if box is None:
                continue
            t = (text[i][j] if i < len(text) and j < len(text[i]) else "") or ""
            cols = [k for k, x in enumerate(xs) if box[0] - 1 <= x < box[2] - 1]
            rows = [k for k, y in enumerate(tops) if box[1] - 1 <= y < box[3] - 1]
            for r in rows:
                for c in cols:
                    out[r][c] = t
    return out


def _paragraphs(lines: list[dict], left: float, right: float, size: float, heads: Headings) -> list[str]:
    paras: list[str] = []
    prev = None
    after_heading = False
    for ln in lines:
        text = _squeeze(ln["text"])
        if not text:
            continue
        # a heading stands alone even when it is not indented and the line above it is full
        heading = heads.candidate(text) is not None
        # a centred or right-aligned line (title, signature, date) is a paragraph of its own
        new = (prev is None or heading or after_heading or ln["x0"] > left + 1.2 * size
               or prev["x1"] < right - 1.5 * size or prev["x0"] > left + 4 * size)
        if new or not paras:
            paras.append(text)
        else:
            paras[-1] += text
        prev, after_heading = ln, heading
    return paras


def parse(path) -> SourceDoc:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("读取 PDF 需要 pdfplumber：pip install pdfplumber", "reading PDF needs pdfplumber") from None
    doc = SourceDoc("pdf", path=str(path))
    if Path(path).stat().st_size > MAX_PDF_BYTES:
        raise InputError("PDF 文件过大，不像是一份年度报告。", "the PDF is too large for a report.", path=str(path), code="too-large")
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as e:
        raise InputError(f"无法打开 PDF：{e}", f"cannot open the PDF: {e}", path=str(path), code="bad-pdf") from None
    try:
        doc.hints.append(str((pdf.metadata or {}).get("Title") or ""))
        flow = _flow(pdf, path)
    except InputError:
        raise
    except Exception as e:  # pdfminer raises many kinds on damaged files; none is our defect
        raise InputError(f"PDF 已损坏或无法解析：{type(e).__name__}: {e}", f"damaged or unreadable PDF: {type(e).__name__}: {e}",
                         path=str(path), code="bad-pdf") from None
    finally:
        pdf.close()
    return _document(doc, flow)


def _flow(pdf, path) -> list:
    """Lines and tables of every page, in reading order."""
    if len(pdf.pages) > MAX_PAGES:
        raise InputError(f"PDF 有 {len(pdf.pages)} 页，超过 {MAX_PAGES} 页，不像是一份年度报告。",
                         f"the PDF has {len(pdf.pages)} pages (limit {MAX_PAGES}).", path=str(path), code="too-large")
    flow: list = []  # ("line", dict) | ("table", SourceTable), in reading order
    any_text = False
    for pno, page in enumerate(pdf.pages, 1):
        tables = [t for t in page.find_tables() if max((len(r.cells) for r in t.rows), default=0) >= 2]
        boxes = [t.bbox for t in tables]
        placed = [(t.bbox[1], "table", t) for t in tables]
        for ln in page.extract_text_lines(return_chars=False):
            any_text = any_text or bool(ln["text"].strip())
            mid = (ln["top"] + ln["bottom"]) / 2
            if any(b[1] <= mid <= b[3] and ln["x0"] < b[2] and ln["x1"] > b[0] for b in boxes):
                continue
            if is_page_number(ln["text"]):
                continue
            placed.append((ln["top"], "line", dict(ln, page=pno)))
        placed.sort(key=lambda x: x[0])
        for _, kind, obj in placed:
            if kind == "table":
                flow.append(("table", SourceTable(_grid(obj), dense=True, where=f"第{pno}页表格")))
            else:
                flow.append(("line", obj))
    if not any_text:
        raise InputError("PDF 没有文字层（可能是扫描件），本工具不做文字识别（OCR）。",
                         "the PDF has no text layer (a scan?); OCR is not supported.", path=str(path), code="no-text")
    return flow


def _document(doc: SourceDoc, flow: list) -> SourceDoc:
    lines = [o for k, o in flow if k == "line"]
    left = min((ln["x0"] for ln in lines), default=0)
    right = max((ln["x1"] for ln in lines), default=0)
    size = sorted(ln["bottom"] - ln["top"] for ln in lines)[len(lines) // 2] if lines else 12
    run: list[dict] = []
    heads = Headings(editions())
    for kind, obj in flow + [("end", None)]:
        if kind == "line":
            run.append(obj)
            continue
        for text in _paragraphs(run, left, right, size, heads):
            doc.items.append(Para(text, f"第{run[0]['page']}页"))
        run = []
        if kind == "table":
            doc.items.append(obj)
    return doc


def read(path):
    return build(parse(Path(path)))


def load(path):
    return read(path).report
