"""PDF with a text layer (no OCR) → paragraphs and tables, via pdfplumber.

Ruled tables are read as grids: every cell's box gives its span, so a merged label (三、本年度办理结果,
printed one character per line) covers the rows it spans and the source stays *dense*.  Text outside
the tables is re-joined into paragraphs from the line geometry (an indented line or a short previous
line starts a new paragraph); page numbers (``- 4 -``) are dropped.  A table continued on the next
page is simply the next table in reading order; tables.py carries its header across.

A PDF is a graph of objects that pdfminer follows wherever it points, so the file is measured before
the costly steps: the object count and the page tree (its /Count, then a bounded walk: depth, cycles,
pages) before pdfplumber builds a page; a page's content streams before it is interpreted; its ruling
lines and their crossings before the table finder, whose cost grows with their square.  While pdfminer
works, three hooks bound it (installed once, active only inside `parse`): every stream it inflates
(a small file can hold a gigabyte of zeros), every chain of references it follows (an object that
refers to itself loops for ever in pdfminer's `resolve1`) and every object drawn on a page.
"""

from __future__ import annotations

import itertools
import re
import zlib
from io import BytesIO
from pathlib import Path

from ..errors import InputError, input_error
from ..editions import editions
from .document import Para, SourceDoc, build, is_page_number
from .headings import Headings
from .limits import foreign, too_much
from .tables import SourceTable

MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 300
MAX_OBJECTS = 200_000  # objects in the cross-reference tables (a 30-page report has a few thousand)
MAX_DEPTH = 32  # levels of the page tree (real files have two or three)
MAX_STREAM = 32 * 1024 * 1024  # one stream, inflated (an embedded CJK font is at most ~20 MB)
MAX_INFLATED = 128 * 1024 * 1024  # all streams of the file, inflated
MAX_PAGE_CONTENT = 4 * 1024 * 1024  # a page's own drawing instructions, inflated (a table page: ~100 KB)
MAX_CONTENT = 24 * 1024 * 1024  # the same, all pages together
MAX_DRAWN = 50_000  # characters, lines, rectangles, curves and images on one page (a full page: ~3,000)
MAX_DRAWN_TOTAL = 500_000
MAX_CROSSINGS = 250_000  # vertical × horizontal ruling lines of a page, compared pairwise by the finder
MAX_POINTS = 2_500  # their intersections: the finder's cell search is quadratic in them (table 三: ~500)
MAX_HOPS = 16  # references to references
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


# ------------------------------------------------------------------------------------------------
# Bounds on pdfminer while it works
# ------------------------------------------------------------------------------------------------


class _Cost:
    """What the file being read has cost so far; the hooks charge it only while `active`."""

    active = False
    path = None
    inflated = 0
    content = 0
    drawn = 0

    def start(self, path) -> None:
        self.active, self.path, self.inflated, self.content, self.drawn = True, path, 0, 0, 0

    def inflate(self, n: int) -> None:
        if n > MAX_STREAM:
            raise too_much(self.path, "pdf-stream", MAX_STREAM // 1048576, "mb")
        self.inflated += n
        if self.inflated > MAX_INFLATED:
            raise too_much(self.path, "pdf-streams", MAX_INFLATED // 1048576, "mb")

    def room(self) -> int:
        return min(MAX_STREAM, MAX_INFLATED - self.inflated) + 1


COST = _Cost()


def _inflate(data: bytes, salvage: bool = False) -> bytes:
    """zlib.decompress with the output bounded; `salvage` keeps what a stream with a damaged end gave
    (pdfminer's own salvage feeds one byte at a time into a growing bytes object: quadratic)."""
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, COST.room())  # at most one byte more than allowed: enough to refuse
    except zlib.error:
        if not salvage:
            raise
        d, parts, n = zlib.decompressobj(), [], 0
        for k in range(0, len(data), 4096):
            try:
                parts.append(d.decompress(data[k:k + 4096], COST.room() - n))  # room() - n ≥ 1: never unbounded
            except zlib.error:
                if k + 4096 < len(data) - 3:  # damaged before the checksum: as pdfminer, give up
                    raise
                break
            n += len(parts[-1])
            if n >= COST.room():
                COST.inflate(n)  # raises
        out = b"".join(parts)
    COST.inflate(len(out))
    if not salvage and not d.eof:
        raise zlib.error("incomplete or truncated stream")
    return out


class _Zlib:
    """Stands in for the zlib module inside pdfminer.pdftypes."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data, *args):
        return _inflate(data) if COST.active and not args else zlib.decompress(data, *args)


def _salvage(data: bytes) -> bytes:
    return _inflate(data, salvage=True)


def _install() -> None:
    """The hooks, once per process; outside `parse` they behave as the originals."""
    import pdfminer.pdftypes as pt
    import pdfplumber.page as pp
    from pdfminer.lzw import LZWDecoder

    if getattr(pt, "_xxgk_bounded", False):
        return
    salvage, lzw, resolve = pt.decompress_corrupted, pt.lzwdecode, pt.PDFObjRef.resolve

    def decompress_corrupted(data):
        return _salvage(data) if COST.active else salvage(data)

    def lzwdecode(data):
        if not COST.active:
            return lzw(data)
        out, n = [], 0
        for chunk in LZWDecoder(BytesIO(data)).run():
            n += len(chunk)
            if n >= COST.room():
                COST.inflate(n)  # raises
            out.append(chunk)
        COST.inflate(n)
        return b"".join(out)

    def bounded_resolve(self, default=None):
        x = resolve(self, default)
        for _ in range(MAX_HOPS):
            if not isinstance(x, pt.PDFObjRef) or not COST.active:
                return x
            x = resolve(x, default)
        raise input_error("bad-pdf.loop")

    class Counted(pp.PDFPageAggregatorWithMarkedContent):
        drawn = 0

        def _charge(self):
            self.drawn += 1
            COST.drawn += 1
            if self.drawn > MAX_DRAWN:
                raise too_much(COST.path, "pdf-page-drawn", MAX_DRAWN, "objects", page=self.pageno)
            if COST.drawn > MAX_DRAWN_TOTAL:
                raise too_much(COST.path, "pdf-drawn", MAX_DRAWN_TOTAL, "objects")

        def render_char(self, *args, **kwargs):
            if COST.active:
                self._charge()
            return super().render_char(*args, **kwargs)

        def render_image(self, *args, **kwargs):
            if COST.active:
                self._charge()
            return super().render_image(*args, **kwargs)

        def paint_path(self, *args, **kwargs):
            if COST.active:
                self._charge()
            return super().paint_path(*args, **kwargs)

    pt.zlib, pt.decompress_corrupted, pt.lzwdecode = _Zlib, decompress_corrupted, lzwdecode
    pt.PDFObjRef.resolve = bounded_resolve
    pp.PDFPageAggregatorWithMarkedContent = Counted
    pt._xxgk_bounded = True


# ------------------------------------------------------------------------------------------------
# The file's structure, measured before pages are built
# ------------------------------------------------------------------------------------------------


def _encrypted(e: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError

    for _ in range(5):
        if isinstance(e, PDFEncryptionError):
            return True
        e = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e.__cause__ or e.__context__
        if e is None:
            return False
    return False


def _open(pdfplumber, path):
    try:
        return pdfplumber.open(str(path))
    except Exception as e:  # noqa: BLE001 - sorted below, and always an InputError
        if _encrypted(e):
            raise input_error("encrypted-pdf", path=path) from None
        with foreign(path, "open-pdf", "bad-pdf"):
            raise


def _structure(pdf, path) -> None:
    """Objects and pages counted without building a page: the cross-reference tables, the catalog's
    /Count, then the page tree itself (which /Count may misstate), depth and cycles included."""
    from pdfminer.pdftypes import PDFObjRef, resolve1
    from pdfminer.psparser import LIT

    objects = sum(len(list(itertools.islice(x.get_objids(), MAX_OBJECTS + 1))) for x in pdf.doc.xrefs)
    if objects > MAX_OBJECTS:
        raise too_much(path, "pdf-objects", MAX_OBJECTS, "objects")
    root = pdf.doc.catalog.get("Pages")
    node = resolve1(root)
    count = resolve1(node.get("Count")) if isinstance(node, dict) else None
    if isinstance(count, int) and count > MAX_PAGES:
        raise _pages(path, f"{count:,}")
    pages, seen, stack = 0, set(), [(root, 0)]
    while stack:
        ref, depth = stack.pop()
        if isinstance(ref, PDFObjRef):
            if ref.objid in seen:
                continue  # a cycle, or a page listed twice: pdfminer reads it once too
            seen.add(ref.objid)
        node = resolve1(ref)
        if not isinstance(node, dict):
            continue
        kind = node.get("Type")
        kids = resolve1(node.get("Kids"))
        if kind is LIT("Pages") and isinstance(kids, list):
            if depth >= MAX_DEPTH:
                raise input_error("bad-pdf.deep", path=path, limit=MAX_DEPTH)
            if len(kids) > 4 * MAX_PAGES:
                raise _pages(path, f"{len(kids):,}")
            stack += [(k, depth + 1) for k in reversed(kids)]
        elif kind is LIT("Page"):
            pages += 1
            if pages > MAX_PAGES:
                raise _pages(path, f"{MAX_PAGES}+")
    if not pages:  # pdfminer would then take every page object in the file, without a count
        raise input_error("bad-pdf.no-pages", path=path)


def _pages(path, n: str) -> InputError:
    return input_error("too-large.pages", path=path, n=n, limit=MAX_PAGES)


def parse(path) -> SourceDoc:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a declared dependency
        raise input_error("unusable-input.pdfplumber") from None
    doc = SourceDoc("pdf", path=str(path))
    if Path(path).stat().st_size > MAX_PDF_BYTES:
        raise too_much(path, "pdf-size", MAX_PDF_BYTES // 1048576, "mb")
    _install()
    COST.start(path)
    try:
        pdf = _open(pdfplumber, path)
        try:
            with foreign(path, "read-pdf", "bad-pdf"):  # pdfminer raises many kinds on damaged files
                doc.hints.append(str((pdf.metadata or {}).get("Title") or "")[:1000])
                _structure(pdf, path)
                flow = _flow(pdf, path)
        finally:
            pdf.stream.close()  # not pdf.close(): it builds every page first, even after a refusal
    finally:
        COST.active = False
    return _document(doc, flow)


def _content(page, path) -> None:
    """A page's drawing instructions, inflated (through the bounded hook) before they are interpreted."""
    from pdfminer.pdftypes import PDFStream, resolve1

    size = 0
    for s in page.page_obj.contents:
        s = resolve1(s)
        if isinstance(s, PDFStream):
            size += len(s.get_data())
    COST.content += size
    if size > MAX_PAGE_CONTENT:
        raise too_much(path, "pdf-page-content", MAX_PAGE_CONTENT // 1048576, "mb", page=page.page_number)
    if COST.content > MAX_CONTENT:
        raise too_much(path, "pdf-content", MAX_CONTENT // 1048576, "mb")


def _tables(page, path) -> list:
    """pdfplumber's ruled tables of a page, its lines and their crossings counted before the finder
    compares them (the same steps as TableFinder, with the bounds between them)."""
    from pdfplumber.table import (Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections,
                                  intersections_to_cells)

    finder = TableFinder.__new__(TableFinder)
    finder.page, finder.settings = page, TableSettings.resolve(None)
    finder.edges = finder.get_edges()
    v = sum(e["orientation"] == "v" for e in finder.edges)
    if v * (len(finder.edges) - v) > MAX_CROSSINGS:
        raise too_much(path, "pdf-lines", MAX_CROSSINGS, page=page.page_number)
    st = finder.settings
    finder.intersections = edges_to_intersections(finder.edges, st.intersection_x_tolerance, st.intersection_y_tolerance)
    if len(finder.intersections) > MAX_POINTS:
        raise too_much(path, "pdf-crossings", MAX_POINTS, "points", page=page.page_number)
    finder.cells = intersections_to_cells(finder.intersections)
    return [Table(page, group) for group in cells_to_tables(finder.cells)]


def _flow(pdf, path) -> list:
    """Lines and tables of every page, in reading order."""
    flow: list = []  # ("line", dict) | ("table", SourceTable), in reading order
    any_text = False
    for pno, page in enumerate(pdf.pages, 1):
        _content(page, path)
        tables = [t for t in _tables(page, path) if max((len(r.cells) for r in t.rows), default=0) >= 2]
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
        raise input_error("no-text", path=path)
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
