"""Hostile and malformed published documents (HTML, Markdown, text, Word, PDF), built by code.

Each case is one class of trouble the importer must survive: super-linear work on a small file, a
dimension far beyond any report, or a structure that reaches an assertion inside python-docx or
pdfminer.  Nothing is committed as a binary: Word files are made with python-docx and zipfile from a
report the toolkit renders itself, PDF files are written object by object (`pdf_file`), and a few
"odd but readable" cases start from the real PDF in ../shared.

`CASES` maps a file name to (builder, expectation).  `Expect.codes` are the exit codes allowed:
(2,) for a refusal, whose message must contain every `needles` text; (0, 1) for a file that is odd
but still readable.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from conftest import EXAMPLES, SHARED

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Expect:
    codes: tuple[int, ...] = (2,)
    needles: tuple[str, ...] = ()
    import_too: bool = False  # also run `xxgk import F -o out.json`


READABLE = Expect((0, 1), ("导入：",), import_too=True)  # read as a document, its findings reported


def refused(*needles: str, import_too: bool = False) -> Expect:
    return Expect((2,), needles, import_too)


# ----------------------------------------------------------------------------------------------- sources


_RENDERED: dict[str, bytes] = {}


def rendered(ext: str) -> bytes:
    """The sample report as the toolkit publishes it (.html, .docx, .md, .txt)."""
    if ext not in _RENDERED:
        from workbook_tools import api

        report = api.load_report(EXAMPLES / "sample-county-2024.json")
        _RENDERED[ext] = api.render_bytes(report, f"report{ext}")
    return _RENDERED[ext]


def _html(body: str) -> str:
    return f"<html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>"


def _into_report_html(extra: str, where: str = "</body>") -> str:
    html = rendered(".html").decode("utf-8")
    return html.replace(where, extra + where, 1)


# ----------------------------------------------------------------------------------------------- Word


def _docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _write_zip(path: Path, parts: dict[str, bytes], big: dict[str, list[tuple[bytes, int]]] | None = None,
               zip64: bool = True) -> None:
    """A zip of `parts`; a `big` member is written piece by piece (each piece repeated n times) while it
    is compressed, so that it never exists in memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        for name, pieces in (big or {}).items():
            with z.open(name, "w", force_zip64=zip64) as f:
                for chunk, n in pieces:
                    for _ in range(n):
                        f.write(chunk)


def _report_docx(path: Path, change) -> None:
    """The rendered report with its document.xml passed through `change` (text → text)."""
    parts = _docx_parts(rendered(".docx"))
    parts["word/document.xml"] = change(parts["word/document.xml"].decode("utf-8")).encode("utf-8")
    _write_zip(path, parts)


def _body(xml: str) -> str:
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W}"><w:body>')
    return head + xml + "<w:sectPr/></w:body></w:document>"


def _bare_docx(path: Path, body_xml: str | bytes, **extra) -> None:
    """The rendered report's package with another document.xml."""
    parts = _docx_parts(rendered(".docx"))
    parts["word/document.xml"] = body_xml if isinstance(body_xml, bytes) else body_xml.encode("utf-8")
    parts.update(extra)
    _write_zip(path, parts)


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def docx_gridspan(path: Path) -> None:
    row = "<w:tr>" + _cell("自然人", '<w:gridSpan w:val="100000000"/>') + "</w:tr>"
    _bare_docx(path, _body(f"<w:tbl>{row * 3}</w:tbl>"))


def docx_bad_gridspan(path: Path) -> None:
    _bare_docx(path, _body("<w:tbl><w:tr>" + _cell("x", '<w:gridSpan w:val="many"/>') + "</w:tr></w:tbl>"))


def docx_inflated(path: Path, zip64: bool = True) -> None:
    # 150 MB of real document.xml in a ~1 MB file: the declared sizes pass, the inflated part does not
    parts = _docx_parts(rendered(".docx"))
    del parts["word/document.xml"]
    head, tail = _body("").split("<w:sectPr/>")
    para = b"<w:p><w:r><w:t>" + "政府信息公开".encode() * 40 + b"</w:t></w:r></w:p>"
    _write_zip(path, parts, big={"word/document.xml": [(head.encode(), 1), (para * 2000, 100), (tail.encode(), 1)]}, zip64=zip64)


def docx_lying_size(path: Path) -> None:
    # the same 150 MB, its zip headers claiming 1 MB: zipfile stops at the claim and the CRC fails
    docx_inflated(path, zip64=False)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        local = z.getinfo("word/document.xml").header_offset
    claim = (1 << 20).to_bytes(4, "little")
    data[local + 22:local + 26] = claim  # the local header's uncompressed size
    at = int.from_bytes(data[data.rindex(b"PK\x05\x06") + 16:][:4], "little")  # the central directory
    while data[at:at + 4] == b"PK\x01\x02":
        n, extra, comment = (int.from_bytes(data[at + k:at + k + 2], "little") for k in (28, 30, 32))
        if data[at + 46:at + 46 + n] == b"word/document.xml":
            data[at + 24:at + 28] = claim
        at += 46 + n + extra + comment
    path.write_bytes(bytes(data))


def docx_paragraph(size: int):
    def build(path: Path) -> None:
        text = "依申请公开" * (size // 15)  # `size` bytes of UTF-8
        _report_docx(path, lambda x: x.replace("<w:body>", f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>", 1))
    return build


def docx_cell(size: int):
    def build(path: Path) -> None:
        text = "自然人" * (size // 9)
        table = f"<w:tbl><w:tr>{_cell(text)}{_cell('1')}</w:tr></w:tbl>"
        _report_docx(path, lambda x: x.replace("<w:body>", "<w:body>" + table, 1))
    return build


def docx_vmerge_first_row(path: Path) -> None:
    # every cell of the first row of every table says it continues a merge from above
    def change(xml: str) -> str:
        return re.sub(r"(<w:tbl>.*?<w:tr\b[^>]*>)(.*?)(</w:tr>)",
                      lambda m: m.group(1) + m.group(2).replace("<w:tcPr>", "<w:tcPr><w:vMerge/>") + m.group(3),
                      xml, flags=re.S)
    _report_docx(path, change)


def docx_vmerge_tower(path: Path) -> None:
    first = "<w:tr>" + _cell("自然人", '<w:vMerge w:val="restart"/>') + _cell("1") + "</w:tr>"
    rest = "<w:tr>" + _cell("", "<w:vMerge/>") + _cell("1") + "</w:tr>"
    _bare_docx(path, _body(f"<w:tbl>{first}{rest * 1999}</w:tbl>"))


def docx_empty_table(path: Path) -> None:
    _report_docx(path, lambda x: x.replace("<w:body>", "<w:body><w:tbl/><w:tbl><w:tblPr/></w:tbl>", 1))


def docx_not_xml(path: Path) -> None:
    _bare_docx(path, b"\x00\x01 this is not <xml at all")


def docx_dtd(path: Path) -> None:
    lol = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    xml = _body("<w:p><w:r><w:t>&b;</w:t></w:r></w:p>").replace("?>", "?>" + lol, 1)
    _bare_docx(path, xml)


def docx_deep(path: Path) -> None:
    _bare_docx(path, _body("<w:sdt><w:sdtContent>" * 50_000 + "</w:sdtContent></w:sdt>" * 50_000))


def docx_many_parts(path: Path) -> None:
    parts = _docx_parts(rendered(".docx"))
    parts.update({f"word/media/x{k}.bin": b"" for k in range(3_000)})
    _write_zip(path, parts)


def docx_no_document(path: Path) -> None:
    parts = _docx_parts(rendered(".docx"))
    del parts["word/document.xml"]
    _write_zip(path, parts)


# ----------------------------------------------------------------------------------------------- PDF


def pdf_file(objects: dict[int, bytes], *, root: int = 1, trailer: bytes = b"", xref: bool = True) -> bytes:
    """A PDF from numbered object bodies, with a correct cross-reference table (or a broken one)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    start = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    lines = [b"%010d 00000 n \n" % (offsets[n] if xref else 7 * n) if n in offsets else b"0000000000 65535 f \n"
             for n in range(1, size)]
    out += b"".join(lines)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer, start if xref else 99)
    return bytes(out)


def stream(data: bytes, flate: bool = False, extra: bytes = b"") -> bytes:
    if flate:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def one_page(content: bytes, *, flate: bool = False, size: int = 842) -> bytes:
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                     2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R " % (size, size)
                        + b"/Resources << /Font << /F1 5 0 R >> >> >>",
                     4: stream(content, flate),
                     5: FONT})


HELLO = b"BT /F1 12 Tf 72 760 Td (Annual report 2024) Tj ET"


def pdf_grid(n: int):
    """n × n ruled cells, 8 pt apart (closer lines would be snapped into one by the table finder)."""
    def build(path: Path) -> None:
        end = 50 + 8 * n
        ops = [b"0.5 w"]
        for k in range(n + 1):
            ops.append(b"%d 50 m %d %d l S" % (50 + 8 * k, 50 + 8 * k, end))
            ops.append(b"50 %d m %d %d l S" % (50 + 8 * k, end, 50 + 8 * k))
        path.write_bytes(one_page(HELLO + b"\n" + b"\n".join(ops), flate=True, size=end + 50))
    return build


def pdf_deep_tree(path: Path) -> None:
    depth = 5_000
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    for k in range(depth):  # Pages node 2+k holds node 3+k
        objs[2 + k] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (3 + k)
    leaf = 2 + depth
    objs[leaf] = (b"<< /Type /Page /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"
                  % (leaf + 1, leaf + 2))
    objs[leaf + 1] = stream(HELLO)
    objs[leaf + 2] = FONT
    path.write_bytes(pdf_file(objs))


def pdf_pages(n: int, count: int | None = None):
    def build(path: Path) -> None:
        kids = b" ".join(b"%d 0 R" % (4 + k) for k in range(n))
        objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n if count is None else count),
                3: stream(HELLO)}
        for k in range(n):
            objs[4 + k] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"
        path.write_bytes(pdf_file(objs))
    return build


def pdf_self_reference(path: Path) -> None:
    path.write_bytes(pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"2 0 R"}))


def pdf_kids_cycle(path: Path) -> None:
    path.write_bytes(pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                               2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                               3: b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"}))


def pdf_encrypted(path: Path) -> None:
    # a standard security handler whose user password is not empty: pdfminer cannot open it
    o, u = b"<" + b"41" * 32 + b">", b"<" + b"42" * 32 + b">"
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>",
            3: b"<< /Filter /Standard /V 1 /R 2 /O %s /U %s /P -44 >>" % (o, u)}
    file_id = b"<" + b"0123456789abcdef" * 2 + b">"
    path.write_bytes(pdf_file(objs, trailer=b"/Encrypt 3 0 R /ID [%s %s] " % (file_id, file_id)))


def pdf_broken_xref(path: Path) -> None:
    path.write_bytes(pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                               2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                               3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                                  b"/Resources << /Font << /F1 5 0 R >> >> >>",
                               4: stream(HELLO), 5: FONT}, xref=False))


REAL_PDF = SHARED / "fixtures" / "real" / "2024_huaian-shi.pdf"


def real_pdf_broken_xref(path: Path) -> None:
    """The real report with its startxref pointing nowhere: pdfminer rebuilds the table by scanning."""
    data = REAL_PDF.read_bytes()
    at = data.rindex(b"startxref")
    path.write_bytes(data[:at] + b"startxref\n123\n%%EOF\n")


def pdf_flate_bomb(path: Path) -> None:
    # 1 GiB of spaces as a content stream of ~1 MB: a deflate block after a full flush is the same bytes
    # every time, so the stream is that block repeated, with the right checksum
    block = b" " * (1 << 20)
    c = zlib.compressobj(9)
    head = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(1024):
        adler = zlib.adler32(block, adler)
    body = head + again * 1023 + c.flush()[:-4] + adler.to_bytes(4, "big")
    page = stream(body, extra=b" /Filter /FlateDecode")
    path.write_bytes(pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                               2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                               3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                               4: page}))


def pdf_glyphs(path: Path) -> None:
    path.write_bytes(one_page(b"BT /F1 1 Tf 10 10 Td " + b"(ab) Tj " * 100_000 + b"ET", flate=True))


# ----------------------------------------------------------------------------------------------- text files


def _text(content: str, encoding: str = "utf-8"):
    def build(path: Path) -> None:
        path.write_bytes(content.encode(encoding))
    return build


def _lazy_text(make):
    def build(path: Path) -> None:
        path.write_text(make(), encoding="utf-8")
    return build


# ----------------------------------------------------------------------------------------------- cases

CASES: dict[str, tuple] = {
    # 2. super-linear work on small files: HTML constructs left open, spans, sizes
    "unclosed-tags.html": (_text("<a" * 40_000), refused("未闭合")),
    "open-p.html": (_lazy_text(lambda: _into_report_html("<p 第一段文字" * 8_000)), refused("未闭合", import_too=True)),
    "open-comment.html": (_text(_html("<!--" * 20_000)), refused("未闭合")),
    "open-quotes.html": (_text('<a href="' * 20_000), refused("未闭合")),
    "stray-lt.html": (_lazy_text(lambda: _into_report_html("<p>a<b 与 <p 未闭合 2<3</p>", "</p>") + "<!-- 未闭合"), READABLE),
    "colspan-rows.html": (_text(_html("<table>" + "<tr><td colspan=200>x</td></tr>" * 20_000 + "</table>")), refused("行数")),
    "colspan-wide.html": (_text(_html("<table>" + ("<tr>" + "<td colspan=200>1</td>" * 5 + "</tr>") * 100 + "</table>")),
                          refused("单元格数")),
    "rowspan-tower.html": (_text(_html("<table>" + ("<tr>" + "<td rowspan=200>1</td>" * 10 + "</tr>") * 1_500 + "</table>")),
                           refused("单元格数")),
    "many-tables.html": (_text(_html("<table><tr><td>1</td><td>2</td></tr></table>" * 300)), refused("表格数")),
    "huge-cell.html": (_text(_html("<table><tr><td>" + "自然人" * 700_000 + "</td><td>1</td></tr></table>")), refused("单元格")),
    "huge-paragraph.html": (_text(_html("<p>" + "依申请公开" * 200_000 + "</p>")), refused("段落")),
    "span-digits.html": (_text(_html(f"<table><tr><td colspan='{'9' * 5000}'>自然人</td></tr></table>")), refused("没有找到")),
    "empty-tables.md": (_text("| |\n|-|\n\n" * 300_000), refused("上限")),
    "html-tables.md": (_text("<table></table>\n" * 300_000), refused("上限")),
    "many-pipe-tables.md": (_text("| 1 |\n\n" * 250), refused("表格数")),
    "many-html-tables.md": (_text("<table></table>\n" * 250), refused("表格数")),
    "unclosed-html-tables.md": (_text("<table>\n" * 150 + ("政府信息公开工作。" * 100 + "\n") * 450), refused("没有找到")),
    "long-line.txt": (_text("依申请公开" * 2_800_000), refused("字符数")),
    "many-lines.txt": (_text("一\n" * 200_000), refused("行数")),
    "docx-gridspan.docx": (docx_gridspan, refused("合并单元格", import_too=True)),
    "docx-inflated.docx": (docx_inflated, refused("document.xml", "解压后")),
    "docx-lying-size.docx": (docx_lying_size, refused("CRC")),
    "docx-40mb-paragraph.docx": (docx_paragraph(40_000_000), refused("解压后")),
    "docx-long-paragraph.docx": (docx_paragraph(3_000_000), refused("段落")),
    "docx-30mb-cell.docx": (docx_cell(30_000_000), refused("解压后")),
    "docx-long-cell.docx": (docx_cell(1_000_000), refused("单元格")),
    "ruled-grid.pdf": (pdf_grid(200), refused("交点", import_too=True)),
    "dense-grid.pdf": (pdf_grid(600), refused("横线数")),
    "many-glyphs.pdf": (pdf_glyphs, refused("对象数")),
    "flate-bomb.pdf": (pdf_flate_bomb, refused("解压后")),
    # 3. malformed structure that reaches a library's assertion
    "marked-section.html": (_lazy_text(lambda: _into_report_html("<![foo[ x ]]><![ <![if x]>y<![endif]>")), READABLE),
    "docx-vmerge-first-row.docx": (docx_vmerge_first_row, READABLE),
    "docx-vmerge-tower.docx": (docx_vmerge_tower, refused("没有找到")),
    "docx-empty-table.docx": (docx_empty_table, READABLE),
    "docx-not-xml.docx": (docx_not_xml, refused("Word")),
    "docx-bad-gridspan.docx": (docx_bad_gridspan, refused("Word")),
    "docx-dtd.docx": (docx_dtd, refused("DTD")),
    "docx-deep.docx": (docx_deep, refused("Word")),
    "docx-many-parts.docx": (docx_many_parts, refused("部件数")),
    "docx-no-document.docx": (docx_no_document, refused("Word")),
    "deep-page-tree.pdf": (pdf_deep_tree, refused("页面树", import_too=True)),
    "self-reference.pdf": (pdf_self_reference, refused("PDF")),
    "kids-cycle.pdf": (pdf_kids_cycle, refused("PDF")),
    "broken-xref.pdf": (pdf_broken_xref, refused("没有找到")),
    # 8. PDF specifics
    "encrypted.pdf": (pdf_encrypted, refused("加密", "另存为未加密的 PDF", import_too=True)),
    "100k-pages.pdf": (pdf_pages(100_000), refused("100,000 页")),
    "lying-count.pdf": (pdf_pages(100_000, count=1), refused("超过 300 页")),
}
if REAL_PDF.exists():  # the reference material beside the checkout
    CASES["real-broken-xref.pdf"] = (real_pdf_broken_xref, refused("PDF", "损坏"))
