"""Column widths and row heights so that every label is readable without the user resizing anything.

Excel does not grow rows for wrapped text in merged cells, and LibreOffice/WPS differ in what they
auto-fit, so the template sets explicit sizes from a simple text-width estimate: a CJK character is
about two width units of 宋体 11 pt, an ASCII character one.
"""

from __future__ import annotations

import math
import unicodedata

LINE_HEIGHT = 15.0  # points per wrapped line of 宋体 11 pt
PADDING = 1.0  # width units lost to cell padding


def text_units(text: str) -> float:
    return sum(2.1 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def lines_needed(text: str, width_units: float) -> int:
    """Wrapped lines of `text` in a cell `width_units` wide (explicit line breaks respected)."""
    usable = max(width_units - PADDING, 1.0)
    return sum(max(1, math.ceil(text_units(part) / usable)) for part in (text or "").split("\n"))


def height_for(text: str, width_units: float, rows: int = 1) -> float:
    """Height each of `rows` rows needs so that `text` fits a merged cell of that width."""
    return lines_needed(text, width_units) * LINE_HEIGHT / rows + 3.0 / rows
