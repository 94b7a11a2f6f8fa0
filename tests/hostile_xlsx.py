"""Builders for broken, disguised and hostile workbooks, made by the tests themselves.

Every case starts from a small valid workbook written by xlsxwriter (`base_workbook`) and changes one
thing: a part rewritten, added or dropped, the zip damaged, or a different container altogether (a
minimal OLE compound file, an .ods, a .docx, plain text).  Large inflated sizes are produced without
inflating anything: a deflate block of zeros after a full flush is the same bytes every time, so a
1 GiB member is that block repeated, written into a zip by hand.

`CASES` maps a file name to (builder, expectation): an InputError code, or a check on the RawWorkbook.
`HEAVY` names the cases that are read in a child process under a memory limit and a timeout.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import xlsxwriter

NS_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_STRICT_MAIN = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
NS_STRICT_R = b"http://purl.oclc.org/ooxml/officeDocument/relationships"
SHEET1 = "xl/worksheets/sheet1.xml"
SST = "xl/sharedStrings.xml"


# ----------------------------------------------------------------------------------------------- valid sources


def base_workbook(path: Path) -> Path:
    """Two sheets with Chinese names, shared strings, numbers, a formula, names and a merge."""
    wb = xlsxwriter.Workbook(str(path))
    t3 = wb.add_worksheet("表三")
    t3.merge_range("A1:D1", "三、收到和处理政府信息公开申请情况")
    t3.write("A2", "本年新收政府信息公开申请数量")
    for col, value in enumerate([12, 3, 0, 1], start=1):
        t3.write_number(2, col, value)  # B3:E3
    t3.write_formula("F3", "=SUM(B3:E3)", None, 16)
    t3.write("A4", "备注")
    meta = wb.add_worksheet("_meta")
    meta.write("A1", "xxgk-template")
    meta.write("B1", 2021)
    meta.very_hidden()
    wb.define_name("T3_R1_C1", "='表三'!$B$3")
    wb.define_name("T3_R1_total", "=表三!$F$3")
    wb.set_custom_property("xxgk_template", "2021")
    wb.close()
    return path


def rich_workbook(path: Path) -> Path:
    """Everything the positive tests look at, written by xlsxwriter."""
    wb = xlsxwriter.Workbook(str(path))
    bold = wb.add_format({"bold": True})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    t2 = wb.add_worksheet("表二")
    t2.write("A1", "主动公开政府信息情况")
    t2.write_number("B2", 1)
    t2.write_number("C2", 96171.6)
    t2.write_number("D2", -3)
    t2.write_rich_string("A3", "第二十条", bold, "第（一）项", "（规章）")
    t2.write_boolean("B3", True)
    t2.write_boolean("C3", False)
    t2.write_formula("D3", "=B2*2", None, 2)
    t2.write_formula("E3", '=IF(B2>0,"有","无")', None, "有")
    t2.write_formula("F3", "=1/0", None, "#DIV/0!")
    t2.write_formula("G3", "=B3", None, True)
    t2.write_datetime("A4", __import__("datetime").datetime(2025, 1, 31), date_fmt)
    t2.write_string("A5", "  前后空格  ")
    t2.write_string("A6", "第一段\n第二段")
    t2.write_string("A7", "回车\r\n换行")  # the CR is stored as _x000D_
    t2.merge_range("A8:D8", "合并的标题")
    t2.merge_range("E8:E10", "竖向合并")
    t2.protect()
    t3 = wb.add_worksheet("表 三（2）")  # a space and full-width brackets: must be quoted in names
    t3.write_number("D7", 42)
    t3.write_number("E9", 7)
    hidden = wb.add_worksheet("说明")
    hidden.write("A1", "隐藏的说明")
    hidden.hide()
    meta = wb.add_worksheet("_meta")
    meta.write("A1", "edition")
    meta.write("B1", "2021")
    meta.very_hidden()
    wb.define_name("fees_amount", "='表二'!$C$2")
    wb.define_name("quoted_space", "='表 三（2）'!$D$7")
    wb.define_name("a_range", "='表 三（2）'!$D$7:$E$9")
    wb.define_name("constant", "=42")
    wb.define_name("表二!local_total", "=表二!$D$3")
    wb.set_custom_property("xxgk_edition", "2021")
    wb.set_custom_property("xxgk_version", 3)
    wb.set_custom_property("xxgk_ratio", 2.5)
    wb.set_custom_property("xxgk_locked", True)
    wb.close()
    return path


def inline_workbook(path: Path) -> Path:
    """xlsxwriter's constant_memory mode writes strings inline (<is>), rich text included."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    bold = wb.add_format({"bold": True})
    ws = wb.add_worksheet("表四")
    ws.write_string("A1", "行政复议")
    ws.write_rich_string("A2", "结果", bold, "维持", "（件）")
    ws.write_number("B2", 5)
    wb.close()
    return path


# ----------------------------------------------------------------------------------------------- zip surgery


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def write_zip(path: Path, parts: dict[str, bytes], stored: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data, zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return path


def rewrite(src: Path, dst: Path, replace: dict[str, bytes] | None = None, drop: tuple[str, ...] = (),
            stored: tuple[str, ...] = ()) -> Path:
    parts = {k: v for k, v in members(src).items() if k not in drop}
    parts.update(replace or {})
    return write_zip(dst, parts, stored)


def edit(src: Path, dst: Path, name: str, old: bytes, new: bytes) -> Path:
    data = members(src)[name]
    assert old in data, (name, old)
    return rewrite(src, dst, {name: data.replace(old, new, 1)})


def raw_zip(path: Path, entries: list[tuple[str, bytes, int, int, int]]) -> Path:
    """A zip written by hand: (name, deflated bytes, crc, declared size, real size) per member — the
    declared size may lie, which zipfile cannot be made to write."""
    out = io.BytesIO()
    central = []
    for name, comp, crc, declared, _real in entries:
        offset = out.tell()
        raw = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(comp), declared, len(raw), 0))
        out.write(raw)
        out.write(comp)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(comp), declared,
                                   len(raw), 0, 0, 0, 0, 0, offset) + raw)
    start = out.tell()
    for c in central:
        out.write(c)
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), size, start, 0))
    path.write_bytes(out.getvalue())
    return path


def deflate_repeated(prefix: bytes, fill: bytes, mib: int, suffix: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of prefix + mib MiB of `fill` + suffix, built from one repeated block.  Returns
    (compressed, crc32, size)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = fill * ((1 << 20) // len(fill))
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    first = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    steady = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)  # identical for every further block
    tail = c.compress(suffix) + c.flush()
    comp = head + first + steady * (mib - 1) + tail
    crc = zlib.crc32(prefix)
    for _ in range(mib):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(suffix, crc)
    return comp, crc, len(prefix) + mib * len(block) + len(suffix)


def _raw_members(src: Path, skip: str) -> list[tuple[str, bytes, int, int, int]]:
    out = []
    for name, data in members(src).items():
        if name != skip:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            comp = c.compress(data) + c.flush()
            out.append((name, comp, zlib.crc32(data), len(data), len(data)))
    return out


# ----------------------------------------------------------------------------------------------- OLE


def cfb(path: Path, streams: dict[str, bytes]) -> Path:
    """A minimal version-3 compound file: FAT in sector 0, directory after it, each stream in regular
    sectors (padded to 4,096 bytes so that no mini stream is needed)."""
    sec = 512
    free, end, fatsect, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    # siblings must be ordered: shorter names first, then by upper case
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    n_entries = 1 + len(names)
    dir_sectors = -(-n_entries // 4)
    data_sectors = []
    next_sector = 1 + dir_sectors
    fat = [fatsect] + [i + 2 if i + 2 < 1 + dir_sectors else end for i in range(dir_sectors)]
    for name in names:
        payload = streams[name].ljust(4096, b"\x00")
        n = -(-len(payload) // sec)
        data_sectors.append((name, next_sector, len(streams[name]), payload.ljust(n * sec, b"\x00")))
        fat += [next_sector + i + 1 if i + 1 < n else end for i in range(n)]
        next_sector += n
    assert len(fat) <= sec // 4, "a minimal CFB: one FAT sector"
    fat += [free] * (sec // 4 - len(fat))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        return (raw.ljust(64, b"\x00") + struct.pack("<HBBIII", len(raw), kind, 1, left, right, child)
                + bytes(16) + bytes(4) + bytes(16) + struct.pack("<IQ", start, size))

    entries = [entry("Root Entry", 5, nostream, nostream, 1 if names else nostream, end, 0)]
    for i, (name, start, size, _payload) in enumerate(data_sectors):
        right = i + 2 if i + 1 < len(data_sectors) else nostream
        entries.append(entry(name, 2, nostream, right, nostream, start, size))
    while len(entries) % 4:
        entries.append(bytes(64) + struct.pack("<HBBIII", 0, 0, 0, nostream, nostream, nostream) + bytes(52))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *([free] * 108)))
    assert len(header) == sec
    body = struct.pack(f"<{sec // 4}I", *fat) + b"".join(entries) + b"".join(p for *_, p in data_sectors)
    path.write_bytes(header + body)
    return path


# ----------------------------------------------------------------------------------------------- the cases


def _encrypted(p: Path) -> Path:
    # what Excel writes for "Encrypt with Password": the real package is encrypted inside the OLE file
    return cfb(p, {"\x06DataSpaces": b"\x08\x00\x00\x00", "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00",
                   "EncryptedPackage": b"\x00" * 64})


def _xls(p: Path) -> Path:
    return cfb(p, {"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00", "\x05SummaryInformation": b"\xfe\xff"})


def _et(p: Path) -> Path:
    return cfb(p, {"Book": b"\x09\x08\x08\x00\x00\x05\x05\x00"})  # BIFF5-style stream name


def _ods(p: Path) -> Path:
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")  # first, stored: as ODF wants
        z.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                   'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>', zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", "<manifest/>", zipfile.ZIP_DEFLATED)
    return p


def _csv(p: Path) -> Path:
    p.write_text("table,block,row_code,row_label,col_code,col_label,value\nT3,,R1,本年新收,C1,自然人,12\n", encoding="utf-8-sig")
    return p


def _docx(p: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("政府信息公开工作年度报告")
    d.save(str(p))
    return p


def _base(tmp: Path) -> Path:
    return base_workbook(tmp / "_base.xlsx")


def _truncated(p: Path) -> Path:
    data = _base(p.parent).read_bytes()
    p.write_bytes(data[: len(data) // 2])
    return p


def _crc_error(p: Path) -> Path:
    # stored (not deflated), so flipping a digit leaves the XML valid and only the CRC-32 tells
    src = rewrite(_base(p.parent), p.parent / "_stored.xlsx", stored=(SHEET1,))
    data = bytearray(src.read_bytes())
    at = data.index(b"<v>12</v>")
    data[at + 3] = ord("9")
    p.write_bytes(bytes(data))
    return p


def _deflate_damage(p: Path) -> Path:
    src = rewrite(_base(p.parent), p.parent / "_one.xlsx")
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo(SHEET1)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + info.compress_size - 10, 7):
        data[i] ^= 0xFF
    p.write_bytes(bytes(data))
    return p


def _zip_bomb(p: Path) -> Path:
    comp, crc, size = deflate_repeated(b"", b"\x00", 1024, b"")  # 1 GiB of zeros in ~1 MB
    return raw_zip(p, _raw_members(_base(p.parent), SHEET1) + [(SHEET1, comp, crc, size, size)])


def _lying_size(p: Path) -> Path:
    head = b'<?xml version="1.0"?><worksheet xmlns="%s"><sheetData>' % NS_MAIN
    comp, _crc, size = deflate_repeated(head, b" ", 64, b"</sheetData></worksheet>")
    return raw_zip(p, _raw_members(_base(p.parent), SHEET1) + [(SHEET1, comp, 0x12345678, 40_000, size)])


def _too_many_members(p: Path) -> Path:
    extra = {f"xl/media/image{i}.png": b"x" for i in range(600)}
    return rewrite(_base(p.parent), p, extra)


def _traversal(p: Path) -> Path:
    return rewrite(_base(p.parent), p, {"../../evil.sh": b"echo pwned"})


def _absolute(p: Path) -> Path:
    return rewrite(_base(p.parent), p, {"/etc/cron.d/evil": b"* * * * * root true"})


def _duplicate(p: Path) -> Path:
    src = _base(p.parent)
    parts = members(src)
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate we want
            z.writestr("xl/workbook.xml", parts["xl/workbook.xml"].replace(b"_meta", b"other"))
    return p


LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
          + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
          + b"]>\n")


def _billion_laughs(p: Path) -> Path:
    sst = LAUGHS + b'<sst xmlns="%s" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>' % NS_MAIN
    return rewrite(_base(p.parent), p, {SST: sst})


def _xxe(p: Path) -> Path:
    sheet = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
             b'<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
             b"</sheetData></worksheet>" % NS_MAIN)
    return rewrite(_base(p.parent), p, {SHEET1: sheet})


def _doctype_sheet(p: Path) -> Path:
    return edit(_base(p.parent), p, SHEET1, b"<worksheet", b"<!DOCTYPE worksheet>\n<worksheet")


def _quadratic(p: Path) -> Path:
    # one 50 kB entity referenced 50,000 times: 2.5 GB once expanded, no nesting for a parser to spot
    wb = members(_base(p.parent))["xl/workbook.xml"]
    body = wb.split(b"?>", 1)[1].replace(b'name="_meta"', b'name="' + b"&a;" * 50_000 + b'"', 1)
    doc = b'<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY a "' + b"A" * 50_000 + b'">]>' + body
    return rewrite(_base(p.parent), p, {"xl/workbook.xml": doc})


def _utf16_doctype(p: Path) -> Path:
    text = LAUGHS.decode().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    sst = text + f'<sst xmlns="{NS_MAIN.decode()}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    return rewrite(_base(p.parent), p, {SST: sst.encode("utf-16")})


def _ebcdic_doctype(p: Path) -> Path:
    # a single-byte codec expat accepts through Python: the DTD is not visible as ASCII bytes
    sst = f'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]><sst xmlns="{NS_MAIN.decode()}"><si><t>&a;</t></si></sst>'
    return rewrite(_base(p.parent), p, {SST: b'<?xml version="1.0" encoding="cp500"?>' + sst.encode("cp500")})


def _strict(p: Path) -> Path:
    parts = members(_base(p.parent))
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")):
            parts[name] = data.replace(NS_MAIN, NS_STRICT_MAIN).replace(NS_R, NS_STRICT_R)
    return write_zip(p, parts)


def _xlsm(p: Path) -> Path:
    parts = members(_base(p.parent))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(
        b"<Default Extension=\"xml\"", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        b"<Default Extension=\"xml\"")
    parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return write_zip(p, parts)


def _vba_only(p: Path) -> Path:
    # content type says .xlsx but a VBA project rides along
    return rewrite(_base(p.parent), p, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)})


def _sparse_xml(dimension: bytes | None) -> bytes:
    dim = b'<dimension ref="%s"/>' % dimension if dimension else b""
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="%s" xmlns:r="%s">%s'
            b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far away</t></is></c></row>'
            b"</sheetData></worksheet>" % (NS_MAIN, NS_R, dim))


def _sparse(p: Path) -> Path:
    return rewrite(_base(p.parent), p, {SHEET1: _sparse_xml(b"A1:XFD1048576")})


def _lying_dimension(p: Path) -> Path:
    return edit(_base(p.parent), p, SHEET1, b'<dimension ref="A1:F4"/>', b'<dimension ref="A1"/>')


def _many_cells(p: Path, rows: int = 3000, cols: int = 100) -> Path:
    out = [b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>' % NS_MAIN]
    letters = [_letters(c) for c in range(1, cols + 1)]
    for r in range(1, rows + 1):
        rb = str(r).encode()
        out.append(b'<row r="%s">' % rb + b"".join(b'<c r="%s%s"><v>1</v></c>' % (col, rb) for col in letters) + b"</row>")
    out.append(b"</sheetData></worksheet>")
    return rewrite(_base(p.parent), p, {SHEET1: b"".join(out)})


def _letters(n: int) -> bytes:
    s = b""
    while n:
        n, rem = divmod(n - 1, 26)
        s = bytes([65 + rem]) + s
    return s


def _beyond_grid(p: Path) -> Path:
    return edit(_base(p.parent), p, SHEET1, b'<c r="B3"', b'<c r="B2000000"')


def _malformed(p: Path) -> Path:
    return edit(_base(p.parent), p, SHEET1, b"</sheetData>", b"</sheetDat>")


def _missing_workbook(p: Path) -> Path:
    return rewrite(_base(p.parent), p, drop=("xl/workbook.xml",))


def _missing_sheet(p: Path) -> Path:
    return rewrite(_base(p.parent), p, drop=(SHEET1,))


def _missing_sst(p: Path) -> Path:
    return rewrite(_base(p.parent), p, drop=(SST,))


def _sst_out_of_range(p: Path) -> Path:
    data = members(_base(p.parent))[SHEET1]
    cell = data.index(b'<c r="A2"')
    v = data.index(b"<v>", cell)
    end = data.index(b"</v>", v)
    return rewrite(p.parent / "_base.xlsx", p, {SHEET1: data[:v + 3] + b"9999" + data[end:]})


def _xlsb(p: Path) -> Path:
    parts = members(_base(p.parent))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.binary.macroEnabled.main")
    return write_zip(p, parts)


def _random(p: Path) -> Path:
    import random

    p.write_bytes(random.Random(7).randbytes(20_000))
    return p


def _html(p: Path) -> Path:
    p.write_text("<html><head><meta charset='utf-8'></head><body><table><tr><td>表三</td></tr></table></body></html>",
                 encoding="utf-8")
    return p


def _directory(p: Path) -> Path:
    p.mkdir()
    return p


def _pptx_like(p: Path) -> Path:
    return write_zip(p, {"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})


def _zip_of_text(p: Path) -> Path:
    return write_zip(p, {"readme.txt": b"hello"})


# expectation: an InputError code (str), or "ok" for a file that must be read
CASES: dict[str, tuple] = {
    "encrypted.xlsx": (_encrypted, "encrypted"),
    "legacy.xls.xlsx": (_xls, "legacy-xls"),
    "wps.et": (_et, "legacy-xls"),
    "ods-renamed.xlsx": (_ods, "ods"),
    "csv-renamed.xlsx": (_csv, "csv-text"),
    "html-renamed.xls": (_html, "html"),
    "empty.xlsx": (lambda p: p.write_bytes(b"") or p, "empty-file"),
    "random.xlsx": (_random, "not-excel"),
    "truncated.xlsx": (_truncated, "corrupt-xlsx"),
    "crc-error.xlsx": (_crc_error, "corrupt-xlsx"),
    "deflate-damage.xlsx": (_deflate_damage, "corrupt-xlsx"),
    "zip-bomb.xlsx": (_zip_bomb, "too-large"),
    "lying-size.xlsx": (_lying_size, "corrupt-xlsx"),
    "too-many-members.xlsx": (_too_many_members, "too-many-parts"),
    "path-traversal.xlsx": (_traversal, "unsafe-member"),
    "absolute-member.xlsx": (_absolute, "unsafe-member"),
    "duplicate-member.xlsx": (_duplicate, "unsafe-member"),
    "billion-laughs.xlsx": (_billion_laughs, "xml-doctype"),
    "xxe.xlsx": (_xxe, "xml-doctype"),
    "doctype-sheet.xlsx": (_doctype_sheet, "xml-doctype"),
    "quadratic.xlsx": (_quadratic, "xml-doctype"),
    "utf16-doctype.xlsx": (_utf16_doctype, "xml-doctype"),
    "ebcdic-doctype.xlsx": (_ebcdic_doctype, "xml-encoding"),
    "strict.xlsx": (_strict, "strict-ooxml"),
    "macro.xlsm": (_xlsm, "xlsm"),
    "vba-in-xlsx.xlsx": (_vba_only, "xlsm"),
    "binary.xlsb": (_xlsb, "xlsb"),
    "docx-renamed.xlsx": (_docx, "docx"),
    "pptx-renamed.xlsx": (_pptx_like, "pptx"),
    "zip-of-text.xlsx": (_zip_of_text, "not-xlsx"),
    "sparse-xfd.xlsx": (_sparse, "ok"),
    "lying-dimension.xlsx": (_lying_dimension, "ok"),
    "300k-cells.xlsx": (_many_cells, "sheet-too-large"),
    "beyond-grid.xlsx": (_beyond_grid, "bad-cell-ref"),
    "malformed-sheet.xlsx": (_malformed, "corrupt-xlsx"),
    "missing-workbook.xlsx": (_missing_workbook, "missing-part"),
    "missing-sheet.xlsx": (_missing_sheet, "missing-part"),
    "missing-sst.xlsx": (_missing_sst, "bad-shared-string"),
    "sst-out-of-range.xlsx": (_sst_out_of_range, "bad-shared-string"),
    "a-directory.xlsx": (_directory, "is-directory"),
    "missing.xlsx": (lambda p: p, "not-found"),
}

HEAVY = {"zip-bomb.xlsx", "lying-size.xlsx", "billion-laughs.xlsx", "quadratic.xlsx", "sparse-xfd.xlsx",
         "300k-cells.xlsx", "too-many-members.xlsx", "utf16-doctype.xlsx"}
