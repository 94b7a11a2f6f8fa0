"""Pre-flight for a workbook someone hands us: decide what the file really is before any parser sees it.

The type comes from the first bytes, never from the extension.  A zip is bounded (member count, declared
and real uncompressed sizes, compression ratio, member names), checked for the parts an .xlsx needs, and
every XML part is scanned for a DTD (no entity tricks reach a parser).  An OLE container is told apart
(its directory read by ole.py): encrypted .xlsx, legacy .xls / WPS .et, other Office files.  Everything
that cannot be used becomes an `InputError` in Chinese and English; nothing is written, the input is
only read.

`preflight(path)` returns a `Package`: the bytes of members on demand (read in chunks, limits enforced on
what actually comes out, not on what the headers claim), the creating application and custom properties.
"""

from __future__ import annotations

import io
import posixpath
import re
import stat
import struct
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .ole import OLE_MAGIC, _scan_stream_names, cfb_stream_names  # noqa: F401  (cfb_stream_names: tests)
from .ooxml import NS_CT, NS_MAIN, NS_PKG_REL, NS_STRICT_MAIN, REL_OFFICE_DOC  # noqa: F401  (NS_MAIN: xlsxread)
from .ooxml import _is_xml_name, _local, _variant, resolve_target  # noqa: F401  (resolve_target kept public here)

MAX_FILE = 64 * 1024 * 1024  # on disk
MAX_MEMBERS = 500
MAX_TOTAL = 64 * 1024 * 1024  # sum of uncompressed sizes
MAX_MEMBER = 32 * 1024 * 1024
MAX_RATIO = 200  # for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_CENTRAL_DIR = 2 * 1024 * 1024  # bytes of zip directory parsed before the member count is known
CHUNK = 256 * 1024

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"

ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

# A DTD is the only door to entity expansion and external entities; refuse it in UTF-8 and UTF-16.
_DTD_MARKS = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
# An XML declaration naming a single-byte codec (e.g. EBCDIC cp500) would hide the DTD from that scan.
_XML_DECL_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_OK_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii"}

SAVE_AS_XLSX_ZH = "请在 Excel/WPS 中打开后另存为“Excel 工作簿(*.xlsx)”再试。"
SAVE_AS_XLSX_EN = 'open it in Excel or WPS and save it as "Excel Workbook (*.xlsx)", then try again.'


def _fail(path, code: str, zh: str, en: str) -> InputError:
    return InputError(zh, en, path=str(path), code=code)


def _damaged(path, detail: str = "") -> InputError:
    return _fail(path, "corrupt-xlsx",
                 "文件已损坏或不完整（可能下载或复制不完整），无法读取。请重新获取原文件，或在 Excel/WPS 中打开后另存为 .xlsx 再试。",
                 "the file is damaged or incomplete (perhaps an interrupted download or copy)"
                 + (f" ({detail})" if detail else "") + "; get the original again, or open and re-save it as .xlsx.")


def _too_large(path, what_zh: str, what_en: str) -> InputError:
    return _fail(path, "too-large", f"文件{what_zh}，超出了可处理的范围，已拒绝读取（年度报告工作簿通常只有几十 KB）。",
                 f"the file {what_en}, beyond what this tool accepts (an annual-report workbook is a few tens of KB).")


# ----------------------------------------------------------------------------------------------- the package


@dataclass
class Package:
    """An .xlsx that passed pre-flight.  Holds the file's bytes in memory (bounded by MAX_FILE); members are
    inflated only when asked for, each at most once."""

    path: Path
    zip: zipfile.ZipFile
    main_part: str  # usually xl/workbook.xml
    content_types: dict[str, str]  # part name (no leading slash) or "*.ext" → content type
    _cache: dict[str, bytes] = field(default_factory=dict, repr=False)
    _inflated: int = 0

    # -- members
    def has(self, name: str) -> bool:
        return name in self.zip.NameToInfo

    def names(self) -> list[str]:
        return self.zip.namelist()

    def read(self, name: str) -> bytes:
        """The member's bytes.  Stops at the limits while inflating; XML parts are scanned for a DTD."""
        data = self._cache.get(name)
        if data is not None:
            return data
        info = self.zip.NameToInfo.get(name)
        if info is None:
            raise _fail(self.path, "missing-part", f"工作簿缺少必需的部件 {name}，文件可能已损坏。{SAVE_AS_XLSX_ZH}",
                        f"the workbook lacks the part {name}; it may be damaged: {SAVE_AS_XLSX_EN}")
        data = self._inflate(info)
        if _is_xml_name(name):
            _check_xml(self.path, name, data)
        self._cache[name] = data
        return data

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        limit = min(MAX_MEMBER, MAX_TOTAL - self._inflated)
        parts: list[bytes] = []
        got = 0
        try:
            with self.zip.open(info) as f:
                while True:
                    chunk = f.read(CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    if got > limit:
                        raise _too_large(self.path, "解压后过大", "inflates to too much data")
                    parts.append(chunk)
        except (InputError, MemoryError):
            raise
        except Exception as e:  # noqa: BLE001 - bad CRC-32, truncated data, unknown compression, zip password …
            raise _damaged(self.path, f"{info.filename}: {e}") from None
        self._inflated += got
        return b"".join(parts)

    def part_rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of a part: id → (type, resolved target part name).  External targets are skipped."""
        rels_name = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
        if not self.has(rels_name):
            return {}
        root = parse_xml(self, rels_name)
        out: dict[str, tuple[str, str]] = {}
        for rel in root:
            if rel.get("TargetMode") == "External":
                continue
            rid, typ, target = rel.get("Id"), rel.get("Type", ""), rel.get("Target")
            if rid and target:
                out[rid] = (typ, resolve_target(part, target))
        return out

    # -- diagnostics
    @property
    def app_name(self) -> str | None:
        """Creating application, e.g. "Microsoft Excel 16.0300", "WPS Office 11.1…", "LibreOffice/7.4.7.2$Linux…"."""
        if not self.has("docProps/app.xml"):
            return None
        try:
            root = parse_xml(self, "docProps/app.xml")
        except InputError:
            return None
        found = {_local(e.tag): (e.text or "").strip() for e in root}
        name = " ".join(x for x in (found.get("Application"), found.get("AppVersion")) if x)
        return name or None

    @property
    def custom_properties(self) -> dict[str, object]:
        """docProps/custom.xml as name → value; numbers and booleans typed whatever vt: type the writer chose."""
        if not self.has("docProps/custom.xml"):
            return {}
        root = parse_xml(self, "docProps/custom.xml")
        props: dict[str, object] = {}
        for prop in root:
            name = prop.get("name")
            if name is None or len(prop) == 0:
                continue
            props[name] = _variant(prop[0])
        return props

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def parse_xml(pkg: Package, name: str) -> ET.Element:
    """Parse one (already DTD-checked) member; any XML error is a damaged-file InputError."""
    data = pkg.read(name)
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise _damaged(pkg.path, f"{name}: {e}") from None


def _check_xml(path, name: str, data: bytes) -> None:
    m = _XML_DECL_ENCODING.match(data[:200])
    if m and m.group(1).decode("ascii").lower() not in _OK_ENCODINGS:
        raise _fail(path, "xml-encoding", f"部件 {name} 使用了不支持的字符编码，已拒绝读取。{SAVE_AS_XLSX_ZH}",
                    f"the part {name} uses an unsupported character encoding; refused: {SAVE_AS_XLSX_EN}")
    if any(mark in data for mark in _DTD_MARKS):
        raise _fail(path, "xml-doctype",
                    f"文件的部件 {name} 含有 DOCTYPE 声明（可用于实体注入或“XML 炸弹”攻击），正常的 Excel/WPS 文件不会有，已拒绝读取。"
                    "如文件来源可靠，请在 Excel/WPS 中另存为 .xlsx 后再试。",
                    f"the part {name} contains a DOCTYPE declaration (used for entity-expansion or external-entity "
                    "attacks; Excel and WPS never write one); refused. If the file is trustworthy, re-save it as .xlsx.")


# ----------------------------------------------------------------------------------------------- entry point


def preflight(path) -> Package:
    path = Path(path)
    data = _read_input(path)
    head = data[:8]
    if head.startswith(ZIP_MAGIC):
        return _check_zip(path, data)
    if head == OLE_MAGIC:
        raise _ole_error(path, data)
    if head.startswith(EMPTY_ZIP_MAGIC):
        raise _damaged(path, "empty zip archive")
    raise _other_error(path, data)


def _read_input(path: Path) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise _fail(path, "not-found", "文件不存在。", "file not found.") from None
    except OSError as e:
        raise _fail(path, "unreadable", f"无法访问文件：{e.strerror}", f"cannot access the file: {e.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail(path, "is-directory", "给出的是文件夹，不是 Excel 文件；请指定一个 .xlsx 文件。",
                    "this is a folder, not an Excel file; give one .xlsx file.")
    if not stat.S_ISREG(st.st_mode):
        raise _fail(path, "not-a-file", "不是普通文件（设备、管道等），无法读取。", "not a regular file (device, pipe …); cannot read it.")
    if st.st_size == 0:
        raise _fail(path, "empty-file", "文件是空的（0 字节），可能保存或上传时出了问题。请重新保存为 .xlsx 后再试。",
                    "the file is empty (0 bytes); it was probably not saved or uploaded completely.")
    if st.st_size > MAX_FILE:
        raise _too_large(path, f"有 {st.st_size // (1024 * 1024)} MB", f"is {st.st_size // (1024 * 1024)} MB")
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE + 1)
    except PermissionError:
        raise _fail(path, "unreadable", "没有读取该文件的权限。", "no permission to read the file.") from None
    except OSError as e:
        raise _fail(path, "unreadable", f"无法读取文件：{e.strerror}", f"cannot read the file: {e.strerror}") from None
    if len(data) > MAX_FILE:  # grew while we looked
        raise _too_large(path, "过大", "is too large")
    if not data:
        raise _fail(path, "empty-file", "文件是空的（0 字节）。", "the file is empty (0 bytes).")
    return data


# ----------------------------------------------------------------------------------------------- zip


def _central_directory_bounds(path, data: bytes) -> None:
    """Refuse a huge zip directory before zipfile builds one object per entry."""
    eocd = data.rfind(EMPTY_ZIP_MAGIC, max(0, len(data) - 65557))
    if eocd < 0 or eocd + 22 > len(data):
        raise _damaged(path, "no end-of-central-directory record")
    entries, cd_size = struct.unpack_from("<HI", data, eocd + 10)
    locator = eocd - 20
    if (entries == 0xFFFF or cd_size == 0xFFFFFFFF) and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        # zip64: the real figures are in the zip64 end record the locator points to
        at = struct.unpack_from("<Q", data, locator + 8)[0]
        if data[at:at + 4] != b"PK\x06\x06" or at + 56 > len(data):
            raise _damaged(path, "bad zip64 end record")
        entries, cd_size = struct.unpack_from("<QQ", data, at + 32)
    if entries > MAX_MEMBERS:
        raise _too_many(path, entries)
    if cd_size > MAX_CENTRAL_DIR:
        raise _too_many(path, entries)


def _too_many(path, n: int) -> InputError:
    return _fail(path, "too-many-parts", f"压缩包内有 {n} 个部件，远多于正常的 .xlsx 工作簿，已拒绝读取。",
                 f"the archive holds {n} members, far more than a normal .xlsx; refused.")


def _unsafe_name(name: str) -> bool:
    if not name or "\x00" in name or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return True
    return ".." in re.split(r"[/\\]", name)


def _check_zip(path: Path, data: bytes) -> Package:
    _central_directory_bounds(path, data)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except MemoryError:
        raise
    except Exception as e:  # noqa: BLE001 - whatever zipfile trips over in a damaged directory means "damaged"
        raise _damaged(path, str(e)) from None
    if len(infos) > MAX_MEMBERS:
        raise _too_many(path, len(infos))
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if _unsafe_name(name) or name in seen:
            raise _fail(path, "unsafe-member",
                        f"压缩包内有不安全或重复的部件名“{name[:80]}”（路径穿越等），正常的 .xlsx 不会这样，已拒绝读取。",
                        f"the archive has an unsafe or duplicate member name '{name[:80]}' (path traversal …); refused.")
        seen.add(name)
        if info.flag_bits & 0x1:
            raise _fail(path, "encrypted", "压缩包内的部件设置了密码，无法读取。" + SAVE_AS_XLSX_ZH,
                        "members of the archive are password-protected; " + SAVE_AS_XLSX_EN)
        total += info.file_size
        if info.file_size > MAX_MEMBER or total > MAX_TOTAL:
            raise _too_large(path, "解压后过大（疑似“压缩炸弹”）", "inflates to too much data (a zip bomb?)")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _too_large(path, "的压缩比异常（疑似“压缩炸弹”）", "has an abnormal compression ratio (a zip bomb?)")

    pkg = Package(path=path, zip=zf, main_part="xl/workbook.xml", content_types={})
    _identify_zip(pkg, seen)
    # Every XML part is inflated (bounded) and DTD-checked now, so a later reader — ours or openpyxl —
    # never meets a hostile part, and truncation or CRC damage surfaces here.
    for name in zf.namelist():
        if _is_xml_name(name):
            pkg.read(name)
    _check_main_part(pkg)
    return pkg


def _identify_zip(pkg: Package, names: set[str]) -> None:
    path = pkg.path
    if "mimetype" in names:
        mime = pkg.read("mimetype")[:200].strip()
        if mime.startswith(ODS_MIME):
            raise _fail(path, "ods", "这是 OpenDocument 电子表格（.ods，LibreOffice/WPS 的格式），不是 .xlsx。" + SAVE_AS_XLSX_ZH,
                        "this is an OpenDocument spreadsheet (.ods), not .xlsx: " + SAVE_AS_XLSX_EN)
        raise _not_xlsx(path, f"OpenDocument ({mime[:60].decode('ascii', 'replace')})")
    if "word/document.xml" in names:
        raise _fail(path, "docx", "这是 Word 文档（.docx），只是扩展名改成了 .xlsx；请提供填好的 Excel 工作簿。",
                    "this is a Word document (.docx) with an .xlsx extension; give the filled-in Excel workbook.")
    if "ppt/presentation.xml" in names:
        raise _fail(path, "pptx", "这是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿。",
                    "this is a PowerPoint presentation (.pptx), not an Excel workbook.")
    if "[Content_Types].xml" not in names:
        raise _not_xlsx(path, "no [Content_Types].xml")

    root = parse_xml(pkg, "[Content_Types].xml")
    for el in root:
        kind, ctype = _local(el.tag), el.get("ContentType", "")
        if kind == "Override" and el.get("PartName"):
            pkg.content_types[el.get("PartName", "").lstrip("/")] = ctype
        elif kind == "Default" and el.get("Extension"):
            pkg.content_types["*." + el.get("Extension", "").lower()] = ctype

    pkg.main_part = "xl/workbook.xml"
    if "_rels/.rels" in names:
        for rel in parse_xml(pkg, "_rels/.rels"):
            if rel.get("Type") in REL_OFFICE_DOC and rel.get("Target"):
                pkg.main_part = resolve_target("", rel.get("Target", ""))
                break

    main_type = pkg.content_types.get(pkg.main_part, "")
    if pkg.main_part.endswith(".bin") or "sheet.binary" in main_type:
        raise _fail(path, "xlsb", "这是 Excel 二进制工作簿（.xlsb），不能直接读取。" + SAVE_AS_XLSX_ZH,
                    "this is an Excel binary workbook (.xlsb): " + SAVE_AS_XLSX_EN)
    macro = any("macroenabled" in t.lower() for t in pkg.content_types.values())
    if macro or any(posixpath.basename(n).lower() == "vbaproject.bin" for n in names):
        raise _fail(path, "xlsm", "这是含宏的工作簿（.xlsm），出于安全考虑不接受含宏的文件。请在 Excel/WPS 中另存为“Excel 工作簿(*.xlsx)”（不含宏）后重试。",
                    "this is a macro-enabled workbook (.xlsm); macros are not accepted. Save it as "
                    '"Excel Workbook (*.xlsx)" (without macros) and try again.')
    if pkg.main_part not in names:
        raise _fail(path, "missing-part", f"工作簿缺少主部件 {pkg.main_part}，文件已损坏或不是 Excel 工作簿。{SAVE_AS_XLSX_ZH}",
                    f"the workbook part {pkg.main_part} is missing; the file is damaged or not an Excel workbook: {SAVE_AS_XLSX_EN}")


def _check_main_part(pkg: Package) -> None:
    data = pkg.read(pkg.main_part)
    # Only the root element's name is needed: feed small pieces until it has been seen.
    parser = ET.XMLPullParser(events=("start",))
    root_tag = ""
    try:
        for at in range(0, min(len(data), 64 * 1024), 2048):
            parser.feed(data[at:at + 2048])
            root_tag = next((el.tag for _event, el in parser.read_events()), "")
            if root_tag:
                break
    except ET.ParseError as e:
        raise _damaged(pkg.path, f"{pkg.main_part}: {e}") from None
    ns = root_tag[1:].split("}", 1)[0] if root_tag.startswith("{") else ""
    if ns == NS_STRICT_MAIN:
        raise _fail(pkg.path, "strict-ooxml",
                    "文件保存成了“Strict Open XML 电子表格”格式，无法读取。请在 Excel 中另存为普通的“Excel 工作簿(*.xlsx)”"
                    "（不要选“Strict Open XML 电子表格”）后重试。",
                    'the file was saved as "Strict Open XML Spreadsheet"; save it as the ordinary '
                    '"Excel Workbook (*.xlsx)" (not Strict) and try again.')
    if ns != NS_MAIN or _local(root_tag) != "workbook":
        raise _not_xlsx(pkg.path, f"main part is {root_tag[:120]!r}")


def _not_xlsx(path, detail: str) -> InputError:
    return _fail(path, "not-xlsx", "这是一个压缩包，但不是 Excel 工作簿（.xlsx）。" + SAVE_AS_XLSX_ZH,
                 f"this is a zip archive but not an Excel workbook (.xlsx) ({detail}): {SAVE_AS_XLSX_EN}")


# ----------------------------------------------------------------------------------------------- OLE / CFB


ENCRYPTED_ZH = "文件已设置打开密码，无法读取。请在 Excel/WPS 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存为 .xlsx 重试。"
ENCRYPTED_EN = ("the file is protected with an opening password and cannot be read. Remove the password in Excel/WPS "
                "(File → Info → Protect Workbook → Encrypt with Password, clear it), save as .xlsx and try again.")
LEGACY_ZH = "这是旧版 Excel 97-2003（.xls）或 WPS（.et）文件，请在 Excel/WPS 中另存为“Excel 工作簿(*.xlsx)”后重试。"
LEGACY_EN = ('this is a legacy Excel 97-2003 (.xls) or WPS (.et) file; save it in Excel/WPS as "Excel Workbook (*.xlsx)" '
             "and try again.")


def _ole_error(path, data: bytes) -> InputError:
    try:
        names = cfb_stream_names(data)
    except ValueError:
        names = _scan_stream_names(data)
    upper = {n.upper() for n in names}
    if {"ENCRYPTIONINFO", "ENCRYPTEDPACKAGE"} & upper:
        return _fail(path, "encrypted", ENCRYPTED_ZH, ENCRYPTED_EN)
    if {"WORKBOOK", "BOOK"} & upper:
        return _fail(path, "legacy-xls", LEGACY_ZH, LEGACY_EN)
    if "WORDDOCUMENT" in upper:
        return _fail(path, "doc", "这是旧版 Word 文档（.doc），不是 Excel 工作簿。", "this is a legacy Word document (.doc), not an Excel workbook.")
    if "POWERPOINT DOCUMENT" in upper:
        return _fail(path, "ppt", "这是旧版 PowerPoint 文件（.ppt），不是 Excel 工作簿。", "this is a legacy PowerPoint file (.ppt), not an Excel workbook.")
    # Unknown OLE content: most likely a spreadsheet in an old format, or a damaged one.
    return _fail(path, "legacy-xls", "这是旧版 Office（OLE）格式的文件，无法识别为 .xlsx 工作簿。" + SAVE_AS_XLSX_ZH,
                 "this is a legacy Office (OLE) file, not an .xlsx workbook: " + SAVE_AS_XLSX_EN)


# ----------------------------------------------------------------------------------------------- text and other


def _other_error(path, data: bytes) -> InputError:
    head = data[:8192]
    text = _as_text(head)
    if text is None:
        return _fail(path, "not-excel", "这不是 Excel 工作簿（.xlsx），文件内容无法识别。" + SAVE_AS_XLSX_ZH,
                     "this is not an Excel workbook (.xlsx); the content is not recognised: " + SAVE_AS_XLSX_EN)
    low = text.lstrip().lower()
    if low.startswith(("<!doctype html", "<html", "<table", "<meta")) or "<html" in low[:2000]:
        return _fail(path, "html", "这是网页（HTML）文件，只是扩展名是 Excel 的（常见于系统导出的“Excel”）。" + SAVE_AS_XLSX_ZH,
                     "this is a web page (HTML) with an Excel extension (common for system exports): " + SAVE_AS_XLSX_EN)
    if low.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in low:
        return _fail(path, "xml-2003", "这是 Excel 2003 XML 电子表格，不是 .xlsx。" + SAVE_AS_XLSX_ZH,
                     "this is an Excel 2003 XML spreadsheet, not .xlsx: " + SAVE_AS_XLSX_EN)
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if lines and sum(1 for ln in lines if any(sep in ln for sep in (",", "\t", ";", "，"))) >= max(1, len(lines) // 2):
        return _fail(path, "csv-text",
                     "这是逗号或制表符分隔的文本（CSV）文件，只是扩展名改成了 Excel 的。请在 Excel/WPS 中打开后另存为“Excel 工作簿(*.xlsx)”；"
                     "如果是本工具导出的逐格 CSV，请把扩展名改回 .csv，直接用 xxgk validate 检查或用 xxgk convert 转换。",
                     'this is comma- or tab-separated text (CSV) with an Excel extension. Open it in Excel/WPS and save it as '
                     '"Excel Workbook (*.xlsx)"; if it is a tidy CSV exported by this tool, rename it to .csv and use '
                     "xxgk validate or xxgk convert directly.")
    return _fail(path, "text", "这是纯文本文件，不是 Excel 工作簿（.xlsx）。" + SAVE_AS_XLSX_ZH,
                 "this is a plain text file, not an Excel workbook (.xlsx): " + SAVE_AS_XLSX_EN)


def _as_text(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return head.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in head:
        return None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            # the head may end inside a multi-byte character: drop up to 3 trailing bytes
            for cut in range(4):
                try:
                    text = head[:len(head) - cut].decode(enc)
                    break
                except UnicodeDecodeError:
                    if cut == 3:
                        raise
            printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
            if printable >= 0.95 * max(1, len(text)):
                return text
        except UnicodeDecodeError:
            continue
    return None
