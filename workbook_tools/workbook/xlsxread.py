"""A small, bounded .xlsx reader: zipfile + xml.etree on top of the pre-flight `Package`.

It returns what the checks need and nothing more: sheets in order with their visibility, defined names
(workbook-level and sheet-scoped) resolved to sheet + A1 reference, and per sheet the cells that hold a
value or a formula as `(row, col) -> RawCell` with the *cached* value, merged ranges, whether the sheet is
protected and the `<dimension>` it claims.  `<dimension>` is never trusted (WPS writes "A1" for a full
sheet; a hostile file claims A1:XFD1048576): every `<c>` is read, and nothing is allocated in proportion
to coordinates.  The largest row/column seen is recorded for the caller to judge.

openpyxl is not used here: it is 10–20× slower for this job, read_only mode trusts `<dimension>`, and
normal mode materialises cells of merges (see shared/research/tech.md §3–4).
"""

from __future__ import annotations

import datetime as _dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .. import numbers
from ..errors import InputError, input_error
from .a1 import _COLS, _LETTERS, _REF_POS, _REF_MEMO, MAX_COL, MAX_ROW, a1, col_letters, col_number, parse_a1, parse_range  # noqa: F401
from .preflight import NS_MAIN, Package, preflight
from .xlsxbook import DefinedName, book_part, parse_defined_name  # noqa: F401  (re-exported)
from .xlsxtext import SharedStrings, _rich_text, _strip_run_props, _unescape

MAX_CELLS = 200_000  # per sheet; the official tables need < 8,000
MAX_TAGS = 1_500_000  # per sheet part, counted before parsing so the element tree stays bounded
MAX_SHARED_STRINGS = 400_000
MAX_PARSED = 64 * 1024 * 1024  # sheet XML parsed per workbook
MAX_MERGES = 2_000  # per sheet; the official tables merge < 100 ranges, and label reading fills each one

_T = f"{{{NS_MAIN}}}"
ROW, C, V, F, IS, T, R = (_T + x for x in ("row", "c", "v", "f", "is", "t", "r"))

_ROOT_PREFIX = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")


def excel_date(serial: float, date1904: bool = False) -> _dt.datetime:
    """Excel serial → datetime.  1900 system: serial 60 is the phantom 1900-02-29, so days ≥ 61 are shifted."""
    if date1904:
        return _dt.datetime(1904, 1, 1) + _dt.timedelta(days=serial)
    if serial < 0:
        raise ValueError(f"negative date serial {serial}")
    base = _dt.datetime(1899, 12, 30) if serial >= 61 else _dt.datetime(1899, 12, 31)
    return base + _dt.timedelta(days=serial)


# ----------------------------------------------------------------------------------------------- results


class RawCell(NamedTuple):  # a tuple: ~3× cheaper to create than a frozen dataclass, and immutable
    value: str | float | int | bool | None  # the cached value
    type: str  # n, s, str, inlineStr, b, e (d for ISO dates some writers use)
    formula: str | None = None  # text of <f> without "="; "" for a cell sharing another cell's formula

    @property
    def has_formula(self) -> bool:
        return self.formula is not None


@dataclass
class RawSheet:
    name: str
    state: str  # visible, hidden, veryHidden
    part: str | None  # zip member, None when the relationship is missing
    kind: str = "worksheet"  # or chartsheet, dialogsheet …: only worksheets have cells
    cells: dict[tuple[int, int], RawCell] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)  # "A1:H1", as written
    protected: bool = False
    dimension: str | None = None  # the <dimension ref> as written; not trusted
    max_row: int = 0  # largest row / column of any <c> seen (0 when empty)
    max_col: int = 0
    names: dict[str, DefinedName] = field(default_factory=dict)  # sheet-scoped defined names
    loaded: bool = False  # False: not parsed (a worksheet the caller did not select, or not a worksheet)

    def value(self, ref: str):
        cell = self.cells.get(parse_a1(ref))
        return None if cell is None else cell.value


@dataclass
class RawWorkbook:
    path: Path
    sheets: list[RawSheet]
    names: dict[str, DefinedName]  # workbook-level defined names
    shared_strings: Sequence[str]  # a list, or `SharedStrings` made into text as the cells ask
    date1904: bool = False
    structure_locked: bool = False  # <workbookProtection lockStructure>
    app_name: str | None = None
    custom_properties: dict[str, object] = field(default_factory=dict)

    def sheet(self, name: str) -> RawSheet:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]


# ----------------------------------------------------------------------------------------------- reading


def read_workbook(path, select=None) -> RawWorkbook:
    """Read a workbook.  `select(book)`, called once the sheet list and names are known, may limit the
    work: it returns {sheet name: row limit or None for all rows}; sheets it leaves out are not parsed
    (`RawSheet.loaded` stays False).  The template reader uses it to skip sheets it has no use for."""
    pkg = preflight(path)
    try:
        return _read(pkg, select)
    finally:
        pkg.close()


def _error(pkg: Package, key: str, **params) -> InputError:
    return input_error(key, path=pkg.path, **params)


def _read(pkg: Package, select=None) -> RawWorkbook:
    rels = pkg.part_rels(pkg.main_part)
    part = book_part(pkg, rels)
    book = RawWorkbook(path=pkg.path, sheets=[RawSheet(*entry) for entry in part.sheets], names=dict(part.names),
                       shared_strings=[], date1904=part.date1904, structure_locked=part.structure_locked)
    for index, dn in part.local:
        book.sheets[index].names[dn.name] = dn

    sst_part = next((p for t, p in rels.values() if t.endswith("/sharedStrings")), None)
    if sst_part is None and pkg.has("xl/sharedStrings.xml"):
        sst_part = "xl/sharedStrings.xml"
    if sst_part and pkg.has(sst_part):
        book.shared_strings = _shared_strings(pkg, sst_part)

    wanted = select(book) if select else None
    parsed = 0  # two sheets may name one part: bound the parsing work, not just the inflated bytes
    for sheet in book.sheets:
        if sheet.kind != "worksheet" or (wanted is not None and sheet.name not in wanted):
            continue
        if not sheet.part or not pkg.has(sheet.part):
            raise _error(pkg, "missing-part.sheet", sheet=sheet.name)
        parsed += pkg.zip.getinfo(sheet.part).file_size
        if parsed > MAX_PARSED:
            raise _too_big(pkg, sheet.name)
        _read_sheet(pkg, sheet, book.shared_strings, wanted.get(sheet.name) if wanted else None)

    book.app_name = pkg.app_name
    book.custom_properties = pkg.custom_properties
    return book


def _shared_strings(pkg: Package, part: str) -> SharedStrings:
    data = pkg.read(part)
    if data.count(b"<") > MAX_TAGS:
        raise _too_big(pkg, part)
    if b"<rPr>" in data:
        # run formatting (font, size, colour) is half the elements LibreOffice writes and none of the
        # text; "<" cannot occur inside text unescaped, so the cut cannot touch a value
        data = _strip_run_props(data)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise _damaged_part(pkg, part, e) from None
    if len(root) > MAX_SHARED_STRINGS:
        raise _too_big(pkg, part)
    return SharedStrings(list(root))


def _too_big(pkg: Package, what: str) -> InputError:
    return _error(pkg, "sheet-too-large", what=what, limit=MAX_CELLS)


def _damaged_part(pkg: Package, part: str, e: Exception) -> InputError:
    return _error(pkg, "corrupt-xlsx.xml", part=part, reason=e)


def _number(text: str) -> int | float | str:
    """A numeric cell's <v>; text that is no sane number (1e400, NaN, 2_1, ١٢, 5,000 digits) is kept as
    written, so that the value rules report it instead of a figure nobody typed."""
    if len(text) <= 15 and text.isascii() and text.isdigit():  # what numbers.from_text makes of it, sooner
        return int(text)
    d = numbers.from_text(text)
    if d is None:
        return text
    return int(d) if numbers.is_integer_text(text) else float(d)


def _count_cells(data: bytes) -> int:
    m = _ROOT_PREFIX.search(data, 0, 4096)
    tag = b"<" + (m.group(1) + b":" if m and m.group(1) else b"") + b"c"
    return sum(data.count(tag + end) for end in (b" ", b">", b"/", b"\t", b"\n", b"\r"))


_ROW_START = re.compile(rb"<row r=\"([0-9]{1,7})\"")


def _head(data: bytes, rows: int) -> bytes:
    """The sheet XML cut after its first `rows` rows (well-formed again), when rows are written in order."""
    for m in _ROW_START.finditer(data):
        if int(m.group(1)) > rows:
            return data[:m.start()] + b"</sheetData></worksheet>"
    return data


def _read_sheet(pkg: Package, sheet: RawSheet, sst: Sequence[str], rows: int | None = None) -> None:
    sheet.loaded = True
    data = pkg.read(sheet.part)
    if rows is not None:
        data = _head(data, rows)
    # Bound the element tree before it is built: '<' starts every tag (it is escaped in text), and a
    # cheap count of cell tags refuses an oversized sheet without parsing it.  A part shorter than
    # 4 bytes per cell ("<c/>") cannot exceed the limit, so small sheets skip the scans.
    if len(data) > 4 * MAX_CELLS and (data.count(b"<") > MAX_TAGS or _count_cells(data) > MAX_CELLS):
        raise _too_big(pkg, sheet.name)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise _damaged_part(pkg, sheet.part, e) from None
    if root.tag != _T + "worksheet":
        raise _error(pkg, "not-xlsx.sheet", sheet=sheet.name)

    n_cells = 0
    max_row = max_col = 0
    for el in root:
        tag = el.tag.removeprefix(_T)
        if tag == "dimension":
            sheet.dimension = el.get("ref")
        elif tag == "mergeCells":
            sheet.merges = _merges(pkg, sheet, el)
        elif tag == "sheetProtection":
            sheet.protected = el.get("sheet") in ("1", "true")
        elif tag == "sheetData":
            n_cells, rows_seen, cols_seen = _sheet_data(pkg, sheet, el, sst, n_cells)
            max_row, max_col = max(max_row, rows_seen), max(max_col, cols_seen)
    sheet.max_row, sheet.max_col = max_row, max_col


_BLANK = object()  # a cell with a style and nothing else


def _cell_value(pkg: Package, sheet: RawSheet, c: ET.Element, typ: str, sst: Sequence[str], sst_digits: int,
                r: int, col_no: int):
    """The value and formula of one <c> (not inline-less blanks: the caller skips those first)."""
    n_sst = len(sst)
    v = formula = inline = None
    for child in c:
        ctag = child.tag
        if ctag == V:
            v = child.text
        elif ctag == F:
            formula = child.text or ""
        elif ctag == IS:
            inline = child
    if typ == "inlineStr":
        value = _rich_text(inline) if inline is not None else None
    elif v is None:
        if formula is None:
            return _BLANK, None
        value = "" if typ == "str" else None
    elif typ == "n":
        value = _number(v)
    elif typ == "s":
        # numbers.whole(v.strip(), 0, n_sst - 1), with its common case inlined
        index = (int(v) if v.isdigit() and v.isascii() and len(v) <= sst_digits
                 else numbers.whole(v.strip(), 0, n_sst - 1) if n_sst else None)
        index = None if index is None or index >= n_sst else index
        if index is None:
            raise _error(pkg, "bad-shared-string", sheet=sheet.name, cell=a1(r, col_no), index=v)
        value = sst[index]
    elif typ == "b":
        value = v.strip() in ("1", "true")
    elif typ == "str":
        value = _unescape(v)
    else:  # e (error text such as #DIV/0!), d (ISO date text), or unknown: as written
        value = v
    return value, formula


def _sheet_data(pkg: Package, sheet: RawSheet, el: ET.Element, sst: Sequence[str], n_cells: int) -> tuple[int, int, int]:
    """The cells of one <sheetData> into `sheet.cells`: (cells counted so far, last row, last column)."""
    cells = sheet.cells
    max_row = max_col = 0
    n_sst = len(sst)
    sst_digits = len(str(n_sst - 1)) if n_sst else 0
    row_no = 0
    for row in el:
        if row.tag != ROW:
            continue
        r_attr = row.get("r")
        if r_attr is None:
            row_no += 1
        else:
            # numbers.whole(r_attr, 1, MAX_ROW), inlined: ASCII digits only
            row_no = int(r_attr) if r_attr.isascii() and r_attr.isdigit() and len(r_attr) <= 7 else 0
            if not 1 <= row_no <= MAX_ROW:
                raise _bad_ref(pkg, sheet, f"第 {r_attr[:20]} 行", f"row {r_attr[:20]}")
        col_no = 0
        for c in row:
            if c.tag != C:
                continue
            n_cells += 1
            if n_cells > MAX_CELLS:
                raise _too_big(pkg, sheet.name)
            ref = c.get("r")
            pos = _REF_POS.get(ref) if ref else None
            if pos is not None:  # an address met before (a batch's workbooks share their layout)
                r, col_no = pos
            elif ref:
                # string methods beat a regex here; anything odd falls through to the range check
                cut = len(ref.rstrip("0123456789"))
                letters = ref[:cut]
                col_no = _COLS.get(letters) or (col_number(letters) if _LETTERS.fullmatch(letters) else 0)
                digits = ref[cut:]  # numbers.whole, inlined in the hottest loop: ASCII digits only
                r = int(digits) if digits.isascii() and 0 < len(digits) <= 7 else 0
                if 1 <= r <= MAX_ROW and 1 <= col_no <= MAX_COL and len(_REF_POS) < _REF_MEMO:
                    _REF_POS[ref] = (r, col_no)
            else:  # r is optional: the next column of the current row
                r, col_no = row_no, col_no + 1
            if not (1 <= r <= MAX_ROW and 1 <= col_no <= MAX_COL):
                raise _bad_ref(pkg, sheet, ref or f"R{r}C{col_no}")
            if r > max_row:
                max_row = r
            if col_no > max_col:
                max_col = col_no

            typ = c.get("t", "n")
            children = len(c)
            if not children and typ != "inlineStr":
                continue  # a styled blank: nothing to keep
            if children == 1:  # most filled cells: a whole number, or a shared string, and nothing else
                v = c[0]
                text = v.text
                if v.tag == V and text is not None and text.isascii() and text.isdigit():
                    # what _cell_value makes of them
                    if typ == "n" and len(text) <= 15:
                        cells[(r, col_no)] = RawCell(int(text), "n", None)
                        continue
                    if typ == "s" and len(text) <= sst_digits and int(text) < n_sst:
                        cells[(r, col_no)] = RawCell(sst[int(text)], "s", None)
                        continue
            value, formula = _cell_value(pkg, sheet, c, typ, sst, sst_digits, r, col_no)
            if value is _BLANK:
                continue  # a styled blank: nothing to keep
            cells[(r, col_no)] = RawCell(value, typ, formula)
    return n_cells, max_row, max_col


def _merges(pkg: Package, sheet: RawSheet, el: ET.Element) -> list[str]:
    refs = [m.get("ref", "") for m in el if m.get("ref")]
    if len(refs) > MAX_MERGES:
        raise _too_big(pkg, sheet.name)
    for ref in refs:
        try:
            parse_range(ref)
        except ValueError:
            raise _bad_ref(pkg, sheet, f"合并单元格 {ref[:40]}", f"merged range {ref[:40]}") from None
    return refs


def _bad_ref(pkg: Package, sheet: RawSheet, ref: str, ref_en: str | None = None) -> InputError:
    return _error(pkg, "bad-cell-ref", sheet=sheet.name, ref=(ref[:40], (ref_en or ref)[:40]))
