"""Cell text of an .xlsx: shared strings (made into text only when a cell asks), rich-text runs and
OOXML's _xHHHH_ escapes.  Split from xlsxread.py, which reads the cells."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .ooxml import NS_MAIN

_T = f"{{{NS_MAIN}}}"
T, R = _T + "t", _T + "r"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    # OOXML writes control characters as _xHHHH_ (and a literal "_x" as _x005F_x); a surrogate code
    # point would make the text unencodable later, so that escape stays as written
    return _ESCAPE.sub(_unescape_one, text) if "_x" in text else text


def _unescape_one(m: re.Match) -> str:
    code = int(m.group(1), 16)
    return m.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


def _rich_text(el: ET.Element) -> str:
    """All <t> of an <si>/<is>: plain text or rich-text runs; phonetic <rPh> runs are not part of the value."""
    parts: list[str] = []
    for child in el:
        tag = child.tag
        if tag == T:
            parts.append(child.text or "")
        elif tag == R:
            for t in child:
                if t.tag == T:
                    parts.append(t.text or "")
    return _unescape("".join(parts))


class SharedStrings:
    """The shared strings, each made into text when a cell first asks for it: the sheets a reader skips
    (a template's help and check sheets) hold most of them."""

    __slots__ = ("_items", "_texts")

    def __init__(self, items: list[ET.Element]):
        self._items = items
        self._texts: list[str | None] = [None] * len(items)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i: int) -> str:
        text = self._texts[i]
        if text is None:
            text = self._texts[i] = _rich_text(self._items[i])
        return text

    def __iter__(self):
        return (self[i] for i in range(len(self._items)))

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (list, tuple, SharedStrings)) else NotImplemented


def _strip_run_props(data: bytes) -> bytes:
    """Drop every ``<rPr>…</rPr>`` in one pass (a lazy regular expression rescans to the end for each
    unclosed ``<rPr>``: quadratic on a crafted file).  Once no ``</rPr>`` follows, nothing more can go."""
    out, pos = [], 0
    while True:
        start = data.find(b"<rPr>", pos)
        end = data.find(b"</rPr>", start) if start >= 0 else -1
        if end < 0:
            out.append(data[pos:])
            return b"".join(out)
        out.append(data[pos:start])
        pos = end + len(b"</rPr>")
