"""The workbook part of an .xlsx (xl/workbook.xml): the sheet list, the defined names, the 1904 date
system and structure protection.

What a part says is worked out once per distinct part in a process (remembered.py): the workbooks of a batch
carry their template's, and it names a few hundred cells."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from .. import numbers
from ..errors import input_error
from .a1 import parse_range
from .preflight import NS_MAIN, Package, parse_xml
from .remembered import said

NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAX_SHEET_INDEX = 65_535  # localSheetId: an index into the sheet list
_T = f"{{{NS_MAIN}}}"

# 'Sheet name'!$A$1[:$B$2] (quotes doubled inside), Sheet!A1 (LibreOffice leaves Chinese names unquoted),
# and LibreOffice's native $Sheet.$A$1 should one slip through.
_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!:$\[\]*?/\\]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$")
_REF_LO = re.compile(r"^\$?([^'!.$\[\]]+)\.(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$")


@dataclass(frozen=True, slots=True)  # frozen: one part's names are shared by the books that carry it
class DefinedName:
    name: str
    text: str  # as written, e.g. '表三'!$D$7
    sheet: str | None  # the sheet the reference points to, when it is a single cell or range
    ref: str | None  # "D7" or "D7:E9", without $; None for formulas, constants, several areas, #REF!
    scope: str | None = None  # sheet name for a sheet-scoped name, None for workbook level
    hidden: bool = False


class SheetEntry(NamedTuple):
    name: str
    state: str  # visible, hidden, veryHidden
    part: str | None  # zip member, None when the relationship is missing
    kind: str  # worksheet, chartsheet, dialogsheet …


@dataclass(frozen=True)
class BookPart:
    sheets: tuple[SheetEntry, ...]
    names: dict[str, DefinedName]  # workbook-level; callers copy the dict
    local: tuple[tuple[int, DefinedName], ...]  # sheet-scoped names by sheet index (scope set)
    date1904: bool = False
    structure_locked: bool = False


def parse_defined_name(text: str) -> tuple[str | None, str | None]:
    """'表三'!$D$7 / 表三!$D$7 / $表三.$D$7 → ("表三", "D7"); anything else → (None, None)."""
    text = text.strip().lstrip("=")
    m = _REF.match(text)
    if m:
        sheet = m.group(2).strip() if m.group(1) is None else m.group(1).replace("''", "'")
        return sheet, m.group(3).replace("$", "").upper()
    m = _REF_LO.match(text)
    if m:
        return m.group(1).strip(), m.group(2).replace("$", "").upper()
    return None, None


def book_part(pkg: Package, rels: dict[str, tuple[str, str]]) -> BookPart:
    """What the main part says, the relationships resolving each sheet to its part (its names are shared
    by the books that carry the same part: `RawWorkbook` copies the dicts)."""
    return said(("book", tuple(sorted(rels.items()))), pkg.read(pkg.main_part), lambda: _parse(pkg, rels))


def _parse(pkg: Package, rels: dict[str, tuple[str, str]]) -> BookPart:
    root = parse_xml(pkg, pkg.main_part)
    sheets: list[SheetEntry] = []
    names: dict[str, DefinedName] = {}
    local: list[tuple[int, DefinedName]] = []
    date1904 = locked = False
    for el in root:
        tag = el.tag
        if tag == _T + "sheets":
            for s in el:
                rid = s.get(f"{{{NS_REL}}}id")
                typ, target = rels.get(rid, ("", None)) if rid else ("", None)
                kind = typ.rsplit("/", 1)[-1] if typ else "worksheet"
                sheets.append(SheetEntry(s.get("name", ""), s.get("state", "visible"), target, kind))
        elif tag == _T + "definedNames":
            for d in el:
                dn = _defined_name(pkg, d)
                at = d.get("localSheetId")
                if at is not None:
                    local.append((_sheet_index(pkg, dn, at), dn))
                else:
                    names[dn.name] = dn
        elif tag == _T + "workbookPr":
            date1904 = el.get("date1904") in ("1", "true")
        elif tag == _T + "workbookProtection":
            locked = el.get("lockStructure") in ("1", "true")
    scoped = tuple((i, replace(dn, scope=sheets[i].name)) for i, dn in local if i < len(sheets))
    return BookPart(tuple(sheets), names, scoped, date1904, locked)


def _defined_name(pkg: Package, d: ET.Element) -> DefinedName:
    """A <definedName>; one that points at a cell outside Excel's grid ($D$0) means a damaged file."""
    text = d.text or ""
    sheet, ref = _name_ref(text) if len(text) <= _MEMO_TEXT else parse_defined_name(text)
    name = d.get("name", "")
    if ref is not None and not (_in_grid(ref) if len(ref) <= _MEMO_TEXT else _in_grid.__wrapped__(ref)):
        raise input_error("bad-cell-ref.name", path=pkg.path, name=name[:60], ref=text[:60])
    return DefinedName(name=name, text=text, sheet=sheet, ref=ref, hidden=d.get("hidden") in ("1", "true"))


_MEMO_TEXT = 300  # texts remembered by the memos below: a sheet name and a range are far shorter
_name_ref = lru_cache(maxsize=4096)(parse_defined_name)


@lru_cache(maxsize=4096)
def _in_grid(ref: str) -> bool:
    try:
        parse_range(ref)
    except ValueError:
        return False
    return True


def _sheet_index(pkg: Package, dn: DefinedName, local: str) -> int:
    index = numbers.whole(local, 0, MAX_SHEET_INDEX)
    if index is None:
        raise input_error("bad-sheet-id", path=pkg.path, name=dn.name[:60], id=local[:40])
    return index
