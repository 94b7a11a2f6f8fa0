"""What people really type into a number cell, read without silent coercion.

`parse_value()` keeps the text as written and returns the normalised number next to it, with notes
on every liberty taken (full-width digits, thousands separators, a leading ``+``, a unit, a 元→万元
conversion).  The value rules (V01–V05) report from those notes; nothing is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .numbers import MAX_TEXT, to_decimal
from .spec import Kind

BLANK = "blank"
PLACEHOLDER = "placeholder"
NUMBER = "number"
INVALID = "invalid"

# Notes recorded while normalising (stable codes; messages live in messages/)
FULLWIDTH = "fullwidth"
THOUSANDS = "thousands"
PLUS = "plus"
UNIT = "unit"  # a unit was written in the cell
CONVERTED = "converted"  # converted from the written unit to the column's unit
NO_UNIT = "no_unit"  # money in a column whose unit the filer must state

# Placeholders people write for "nothing here" (SPEC §9.2 V03, §16): words, and marks compared after
# NFKC folding and without spaces, so that full/half width and any run of dashes or slashes count alike.
PLACEHOLDER_WORDS = frozenset({"无", "空", "暂无", "没有", "无此项", "此项无", "不适用", "不涉及", "未涉及", "n/a", "na", "x", "×"})
PLACEHOLDER_MARKS = "-‐‑‒–—―─━⁃﹘﹣/\\"  # hyphens, en/em dashes, horizontal bar, box rules; slashes
COUNT_UNITS = ("件", "个", "条", "项", "笔", "次", "家", "人", "份")
MONEY_UNITS = {"万元": Decimal(10000), "元": Decimal(1)}

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
# ASCII digits only (after NFKC has folded full-width ones): \d would take any script's digits
_NUMBER = re.compile(r"^(?P<sign>[+-]?)(?P<body>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?P<frac>\.[0-9]+)?(?P<unit>万元|元|[件个条项笔次家人份])?$")
_FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")
_MARKS = re.compile("[" + re.escape(PLACEHOLDER_MARKS) + "]{1,8}")


def is_placeholder(text: str) -> bool:
    """`text` (already NFKC-folded, without spaces) says "nothing here" instead of a number."""
    return text.lower() in PLACEHOLDER_WORDS or bool(_MARKS.fullmatch(text))


@dataclass(frozen=True)
class Parsed:
    value: int | Decimal | None
    status: str
    unit: str | None = None
    notes: tuple[str, ...] = ()


WHOLE_AS_IS = 10 ** 15  # whole numbers below this need no Decimal round trip: far inside numbers.MAX_DIGITS


def _as_number(d: Decimal, kind: Kind) -> int | Decimal:
    if kind is not Kind.MONEY and d == d.to_integral_value():
        return int(d)
    return d.normalize() if d != d.to_integral_value() else Decimal(int(d))


def parse_value(raw, kind: Kind = Kind.COUNT, unit: str | None = None) -> Parsed:
    """Parse one cell as written.  `unit` is the column's canonical money unit (None = free)."""
    if raw is None:
        return Parsed(None, BLANK)
    if type(raw) is int and kind is not Kind.MONEY and -WHOLE_AS_IS < raw < WHOLE_AS_IS:
        return Parsed(raw, NUMBER)  # most cells of a workbook: what the Decimal round trip below gives
    if isinstance(raw, (bool, int, float, Decimal)):
        d = to_decimal(raw)  # None for bool, nan, inf, and numbers too long to be a figure
        if d is None:
            return Parsed(None, INVALID)
        return Parsed(_as_number(d, kind), NUMBER, unit if kind is Kind.MONEY else None,
                      () if kind is not Kind.MONEY or unit else (NO_UNIT,))
    text = str(raw)
    notes: list[str] = []
    folded = unicodedata.normalize("NFKC", text)
    if folded != text and any("\uff10" <= ch <= "\uff19" or ch in "＋．，" for ch in text):
        notes.append(FULLWIDTH)
    s = _SPACES.sub("", folded)
    if not s:
        return Parsed(None, BLANK)
    if is_placeholder(s):
        return Parsed(None, PLACEHOLDER)
    s = s.replace("，", ",")
    if len(s) > MAX_TEXT:
        return Parsed(None, INVALID)
    if any(ch.isdigit() and not ch.isascii() and ch not in _FULLWIDTH_DIGITS for ch in text):
        return Parsed(None, INVALID)  # ١٢, ², ①: NFKC would fold some of them into digits nobody typed
    m = _NUMBER.match(s)
    if not m or not (m.group("body") or m.group("frac")):
        return Parsed(None, INVALID)
    if m.group("sign") == "+":
        notes.append(PLUS)
    body = m.group("body") or "0"
    if "," in body:
        notes.append(THOUSANDS)
    d = to_decimal(Decimal(m.group("sign").replace("+", "") + body.replace(",", "") + (m.group("frac") or "")))
    if d is None:
        return Parsed(None, INVALID, notes=tuple(notes))
    written = m.group("unit")
    out_unit = None
    if written:
        notes.append(UNIT)
    if kind is Kind.MONEY:
        if written and written not in MONEY_UNITS:
            return Parsed(None, INVALID, notes=tuple(notes))
        if unit:
            out_unit = unit
            if written and written != unit:
                d = d * MONEY_UNITS[written] / MONEY_UNITS[unit]
                notes.append(CONVERTED)
        else:
            out_unit = written
            if not written:
                notes.append(NO_UNIT)
    elif written and written in MONEY_UNITS:
        return Parsed(None, INVALID, notes=tuple(notes))
    return Parsed(_as_number(d, kind), NUMBER, out_unit, tuple(notes))


def format_number(value: int | Decimal | None) -> str:
    """Canonical text of a number: no exponent, no trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        text = format(value, "f")
        return text
    return str(value)
