"""The one place where a number read from a file becomes a Python number.

Python's own parsers are too generous for untrusted files: ``float()`` gives ``inf`` and ``nan``,
``int()`` and ``Decimal()`` take underscores (``2_1`` → 21) and any script's digits (``١٢`` → 12),
``str.isdigit()`` is true for ``²`` that ``int()`` then refuses, and a 5,000-digit integer trips the
int-string limit (ValueError) while ``1e999999999`` becomes a billion digits once formatted.  Every
number the readers meet goes through these functions instead:

- `from_text` — a number as a program writes it (a cell's ``<v>``, a JSON value, a CSV ``value``):
  ASCII digits, optional sign, point and exponent, at most `MAX_TEXT` characters, finite, and no more
  than `MAX_DIGITS` digits once written out plainly.  Anything else is None: the caller keeps the text.
- `to_decimal` — the same bounds for a number that is already one (int, float, Decimal).
- `whole` — a structural number (a row, a column, an index, a sheet id): ASCII digits only, in a range.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

MAX_TEXT = 64  # characters of a number's text: Excel writes at most ~24 ("-1.2345678901234567E-100")
MAX_DIGITS = 40  # digits of a number written out without an exponent: far beyond any figure of a report

_MACHINE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,9})?")


def bounded(d: Decimal) -> bool:
    """`d` is finite and at most MAX_DIGITS digits long when written without an exponent."""
    if not d.is_finite():
        return False
    if d.is_zero():
        return abs(d.as_tuple().exponent) <= MAX_DIGITS  # type: ignore[arg-type]
    if not -MAX_DIGITS <= d.adjusted() < MAX_DIGITS:  # cheap, and before touching the digits
        return False
    _, digits, exp = d.as_tuple()
    whole_part = max(len(digits) + exp, 1)  # type: ignore[operator]
    return whole_part + max(-exp, 0) <= MAX_DIGITS  # type: ignore[operator]


def from_text(text: str) -> Decimal | None:
    """A number as a program writes it, or None when the text is not one (or not a sane one)."""
    s = text.strip(" \t\r\n")
    if len(s) > MAX_TEXT or not _MACHINE.fullmatch(s):
        return None
    d = Decimal(s)
    return d if bounded(d) else None


def is_integer_text(text: str) -> bool:
    """The text of an integer without point or exponent (``12``, ``-3``): read as int, not float."""
    s = text.strip(" \t\r\n").lstrip("+-")
    return s.isascii() and s.isdigit()


def to_decimal(value) -> Decimal | None:
    """An int, float, Decimal or number text as a bounded, finite Decimal; None otherwise (bool too)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return to_decimal(Decimal(value)) if value.bit_length() <= 4 * MAX_DIGITS else None  # never int→str
    if isinstance(value, float):
        return to_decimal(Decimal(repr(value))) if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return value if bounded(value) else None
    if isinstance(value, str):
        return from_text(value)
    return None


def whole(text, lo: int, hi: int) -> int | None:
    """A structural whole number in [lo, hi] written with ASCII digits only; None otherwise."""
    if not isinstance(text, str) or not text or len(text) > len(str(hi)) or not (text.isascii() and text.isdigit()):
        return None
    n = int(text)
    return n if lo <= n <= hi else None


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def year(text: str) -> int:
    """A year as people write it in a data file (``2024``, ``２０２４``, ``2024年``); ValueError otherwise."""
    n = whole(str(text).strip().removesuffix("年").strip().translate(_FULLWIDTH_DIGITS), 1, 9999)
    if n is None:
        raise ValueError(f"not a year: {str(text)[:40]!r}")
    return n
