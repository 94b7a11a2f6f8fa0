"""A1 addresses of Excel's grid: column letters, cell and range references, all bounded by the grid.

Split from xlsxread.py; the memos are shared with its cell loop (a batch's workbooks repeat the same
few thousand addresses)."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import numbers

MAX_ROW, MAX_COL = 1_048_576, 16_384  # Excel's own grid: beyond it the file is invalid, not just odd
_A1 = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


def col_letters(n: int) -> str:
    """1 → A, 26 → Z, 27 → AA, 16384 → XFD."""
    if n < 1:
        raise ValueError(f"column number must be ≥ 1, got {n}")
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def col_number(letters: str) -> int:
    """"A" → 1, "XFD" → 16384 (letters are at most three, so the memo stays small)."""
    n = _COLS.get(letters)
    if n is None:
        n = 0
        for ch in letters.upper():
            n = n * 26 + ord(ch) - 64
        if len(letters) <= 3:
            _COLS[letters] = n
    return n


_COLS: dict[str, int] = {}
_LETTERS = re.compile(r"[A-Za-z]{1,3}")
_REF_POS: dict[str, tuple[int, int]] = {}  # "D7" -> (7, 4) for addresses inside the grid
_REF_MEMO = 20_000  # addresses remembered at most (about 3 MB; a template has a few thousand)


@lru_cache(maxsize=8192)  # the same few hundred addresses come back in every workbook of a batch
def parse_a1(ref: str) -> tuple[int, int]:
    """"D7" (or "$D$7") → (7, 4), 1-based (row, col), inside Excel's grid; ValueError otherwise."""
    m = _A1.match(ref.strip())
    row = numbers.whole(m.group(2), 1, MAX_ROW) if m else None
    col = col_number(m.group(1)) if m else 0
    if row is None or not 1 <= col <= MAX_COL:
        raise ValueError(f"not an A1 cell reference: {ref[:40]!r}")
    return row, col


def parse_range(ref: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """"A1:H2" → ((1, 1), (2, 8)); a single cell is a range of one.  ValueError for anything else."""
    first, sep, last = ref.partition(":")
    start = parse_a1(first)
    return start, (parse_a1(last) if sep else start)


def a1(row: int, col: int) -> str:
    return f"{col_letters(col)}{row}"
