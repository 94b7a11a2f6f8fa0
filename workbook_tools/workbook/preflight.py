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
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, input_error, pair
from .ole import OLE_MAGIC, _scan_stream_names, cfb_stream_names  # noqa: F401  (cfb_stream_names: tests)
from .ooxml import NS_CT, NS_MAIN, NS_PKG_REL, NS_STRICT_MAIN, REL_OFFICE_DOC  # noqa: F401  (NS_MAIN: xlsxread)
from .ooxml import _is_xml_name, _local, _variant, resolve_target  # noqa: F401  (resolve_target kept public here)
from .remembered import said

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

def _fail(path, key: str, **params) -> InputError:
    """The error ``inputs.<key>``; every workbook text may end with the advice to save the file as .xlsx."""
    return input_error(key, path=path, save_as=pair("save-as-xlsx"), **params)


def _damaged(path, detail: str = "") -> InputError:
    # the detail (a zip or XML library's words) is for the English reader only
    return _fail(path, "corrupt-xlsx", detail=("", pair("piece.paren", text=detail)[1]) if detail else "")


def _too_large(path, what: str, **params) -> InputError:
    """`what`: the case of ``inputs.xlsx-size.<what>`` saying how the file is too large."""
    return _fail(path, "too-large.xlsx", what=pair(f"xlsx-size.{what}", **params))


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
    _raw: bytes = field(default=b"", repr=False)  # the file's bytes, which `zip` reads from

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
            raise _fail(self.path, "missing-part", name=name)
        data = self._inflate(info)
        if _is_xml_name(name):
            _check_xml(self.path, name, data)
        self._cache[name] = data
        return data

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        limit = min(MAX_MEMBER, MAX_TOTAL - self._inflated)
        data = _inflate_plain(self._raw, info, limit) if self._raw else None
        if data is not None:
            self._inflated += len(data)
            return data
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
                        raise _too_large(self.path, "inflated")
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

        def read() -> dict[str, tuple[str, str]]:
            out: dict[str, tuple[str, str]] = {}
            for rel in parse_xml(self, rels_name):
                if rel.get("TargetMode") == "External":
                    continue
                rid, typ, target = rel.get("Id"), rel.get("Type", ""), rel.get("Target")
                if rid and target:
                    out[rid] = (typ, resolve_target(part, target))
            return out

        return dict(said(("rels", part), self.read(rels_name), read))

    # -- diagnostics
    @property
    def app_name(self) -> str | None:
        """Creating application, e.g. "Microsoft Excel 16.0300", "WPS Office 11.1…", "LibreOffice/7.4.7.2$Linux…"."""
        if not self.has("docProps/app.xml"):
            return None

        def read() -> str | None:
            found = {_local(e.tag): (e.text or "").strip() for e in parse_xml(self, "docProps/app.xml")}
            from ..provenance import shown

            return shown(found.get("Application") or "", found.get("AppVersion")) or None

        try:
            return said("app", self.read("docProps/app.xml"), read)
        except InputError:
            return None

    @property
    def custom_properties(self) -> dict[str, object]:
        """docProps/custom.xml as name → value; numbers and booleans typed whatever vt: type the writer chose."""
        if not self.has("docProps/custom.xml"):
            return {}

        def read() -> dict[str, object]:
            props: dict[str, object] = {}
            for prop in parse_xml(self, "docProps/custom.xml"):
                name = prop.get("name")
                if name is not None and len(prop):
                    props[name] = _variant(prop[0])
            return props

        return dict(said("custom", self.read("docProps/custom.xml"), read))

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra field length
_PLAIN_FLAGS = 0x0808  # a data descriptor follows, UTF-8 name: nothing that changes how the data reads


def _inflate_plain(raw: bytes, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """A stored or deflated member straight from the file's bytes, without zipfile's reader objects:
    the same checks (local header, real size within the declared one and the limit, CRC-32) for the
    common case; None for anything else, which `zipfile` then reads (and refuses) as before."""
    if info.flag_bits & ~_PLAIN_FLAGS or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    if info.file_size > limit:
        return None  # zipfile's reader stops at the limit and says so
    at = info.header_offset
    if at < 0 or at + _LOCAL_HEADER.size > len(raw):
        return None
    magic, name_len, extra_len = _LOCAL_HEADER.unpack_from(raw, at)
    start = at + _LOCAL_HEADER.size + name_len + extra_len
    name = raw[at + _LOCAL_HEADER.size:at + _LOCAL_HEADER.size + name_len]
    encoded = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437", "replace")
    end = getattr(info, "_end_offset", None)  # where newer zipfile versions see the next member begin
    if magic != b"PK\x03\x04" or name != encoded or start + info.compress_size > (len(raw) if end is None else end):
        return None  # overlapping members included: zipfile refuses those where it knows how
    comp = raw[start:start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        data = comp[:info.file_size]
    else:
        inflater = zlib.decompressobj(-15)
        try:
            data = inflater.decompress(comp, info.file_size + 1)
        except zlib.error:
            return None
        if not inflater.eof:
            return None  # truncated, or longer than declared: zipfile says which
    if len(data) > info.file_size or zlib.crc32(data) != info.CRC:
        return None
    return data


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
        raise _fail(path, "xml-encoding", name=name)
    if any(mark in data for mark in _DTD_MARKS):
        raise _fail(path, "xml-doctype", name=name)


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
        raise _fail(path, "not-found") from None
    except OSError as e:
        raise _fail(path, "unreadable.access", reason=e.strerror) from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail(path, "is-directory")
    if not stat.S_ISREG(st.st_mode):
        raise _fail(path, "not-a-file.xlsx")
    if st.st_size == 0:
        raise _fail(path, "empty-file")
    if st.st_size > MAX_FILE:
        raise _too_large(path, "size", mb=st.st_size // (1024 * 1024))
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE + 1)
    except PermissionError:
        raise _fail(path, "unreadable.permission") from None
    except OSError as e:
        raise _fail(path, "unreadable", reason=e.strerror) from None
    if len(data) > MAX_FILE:  # grew while we looked
        raise _too_large(path, "grew")
    if not data:
        raise _fail(path, "empty-file.read")
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
    return _fail(path, "too-many-parts", n=n)


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
            raise _fail(path, "unsafe-member", name=name[:80])
        seen.add(name)
        if info.flag_bits & 0x1:
            raise _fail(path, "encrypted.members")
        total += info.file_size
        if info.file_size > MAX_MEMBER or total > MAX_TOTAL:
            raise _too_large(path, "bomb")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _too_large(path, "ratio")

    pkg = Package(path=path, zip=zf, main_part="xl/workbook.xml", content_types={}, _raw=data)
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
            raise _fail(path, "ods")
        raise _not_xlsx(path, f"OpenDocument ({mime[:60].decode('ascii', 'replace')})")
    if "word/document.xml" in names:
        raise _fail(path, "docx")
    if "ppt/presentation.xml" in names:
        raise _fail(path, "pptx")
    if "[Content_Types].xml" not in names:
        raise _not_xlsx(path, "no [Content_Types].xml")

    pkg.content_types.update(said("types", pkg.read("[Content_Types].xml"), lambda: _content_types(pkg)))
    pkg.main_part = "xl/workbook.xml"
    if "_rels/.rels" in names:
        pkg.main_part = said("main", pkg.read("_rels/.rels"), lambda: _main_part(pkg))

    main_type = pkg.content_types.get(pkg.main_part, "")
    if pkg.main_part.endswith(".bin") or "sheet.binary" in main_type:
        raise _fail(path, "xlsb")
    macro = any("macroenabled" in t.lower() for t in pkg.content_types.values())
    if macro or any(posixpath.basename(n).lower() == "vbaproject.bin" for n in names):
        raise _fail(path, "xlsm")
    if pkg.main_part not in names:
        raise _fail(path, "missing-part.main", name=pkg.main_part)


def _content_types(pkg: Package) -> dict[str, str]:
    types: dict[str, str] = {}
    for el in parse_xml(pkg, "[Content_Types].xml"):
        kind, ctype = _local(el.tag), el.get("ContentType", "")
        if kind == "Override" and el.get("PartName"):
            types[el.get("PartName", "").lstrip("/")] = ctype
        elif kind == "Default" and el.get("Extension"):
            types["*." + el.get("Extension", "").lower()] = ctype
    return types


def _main_part(pkg: Package) -> str:
    for rel in parse_xml(pkg, "_rels/.rels"):
        if rel.get("Type") in REL_OFFICE_DOC and rel.get("Target"):
            return resolve_target("", rel.get("Target", ""))
    return "xl/workbook.xml"


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
        raise _fail(pkg.path, "strict-ooxml")
    if ns != NS_MAIN or _local(root_tag) != "workbook":
        raise _not_xlsx(pkg.path, f"main part is {root_tag[:120]!r}")


def _not_xlsx(path, detail: str) -> InputError:
    return _fail(path, "not-xlsx", detail=("", detail))


# ----------------------------------------------------------------------------------------------- OLE / CFB




def _ole_error(path, data: bytes) -> InputError:
    try:
        names = cfb_stream_names(data)
    except ValueError:
        names = _scan_stream_names(data)
    upper = {n.upper() for n in names}
    if {"ENCRYPTIONINFO", "ENCRYPTEDPACKAGE"} & upper:
        return _fail(path, "encrypted")
    if {"WORKBOOK", "BOOK"} & upper:
        return _fail(path, "legacy-xls")
    if "WORDDOCUMENT" in upper:
        return _fail(path, "doc")
    if "POWERPOINT DOCUMENT" in upper:
        return _fail(path, "ppt")
    # Unknown OLE content: most likely a spreadsheet in an old format, or a damaged one.
    return _fail(path, "legacy-xls.ole")


# ----------------------------------------------------------------------------------------------- text and other


def _other_error(path, data: bytes) -> InputError:
    head = data[:8192]
    text = _as_text(head)
    if text is None:
        return _fail(path, "not-excel")
    low = text.lstrip().lower()
    if low.startswith(("<!doctype html", "<html", "<table", "<meta")) or "<html" in low[:2000]:
        return _fail(path, "html")
    if low.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in low:
        return _fail(path, "xml-2003")
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if lines and sum(1 for ln in lines if any(sep in ln for sep in (",", "\t", ";", "，"))) >= max(1, len(lines) // 2):
        return _fail(path, "csv-text")
    return _fail(path, "text")


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
