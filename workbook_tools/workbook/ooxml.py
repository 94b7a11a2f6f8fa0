"""Names of the Open XML package format and small pure helpers over them: namespaces, relationship
targets as member names, the typed value of a custom property.  No I/O and no refusals: pre-flight
(preflight.py) and the workbook reader use them."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET

from .. import numbers

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_OFFICE_DOC = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                  "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _variant(el: ET.Element) -> object:
    """A custom property's value; a number that is no sane number (NaN, 1e400, 5,000 digits) stays text."""
    kind, text = _local(el.tag), (el.text or "").strip()
    if kind in ("i1", "i2", "i4", "i8", "int", "ui1", "ui2", "ui4", "ui8", "uint") and numbers.is_integer_text(text):
        d = numbers.from_text(text)
        if d is not None:
            return int(d)
    if kind in ("r4", "r8", "decimal"):
        d = numbers.from_text(text)
        if d is not None:
            return int(d) if numbers.is_integer_text(text) else float(d)
    if kind == "bool":
        return text.lower() in ("1", "true")
    return el.text or ""


def resolve_target(source_part: str, target: str) -> str:
    """A relationship target as a member name: absolute ("/xl/x.xml") or relative to the source part's folder."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def _is_xml_name(name: str) -> bool:
    return name.endswith((".xml", ".rels", ".vml"))
