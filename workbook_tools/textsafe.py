"""Text that every output can hold.

XML 1.0 (the inside of .xlsx and .docx) has no way to carry the C0 control characters other than tab,
newline and carriage return, the lone surrogates U+D800–U+DFFF, or U+FFFE/U+FFFF: python-docx refuses
them, xlsxwriter writes a file Excel will not open, and a lone surrogate cannot even be encoded as
UTF-8, so JSON and CSV fail too.  They reach us through JSON escapes (``"\\u0001"``, ``"\\ud800"``), CSV
and text files, and the ``_xHHHH_`` escapes of a workbook.

The report model never holds them: every text a model object takes passes through `clean`, which puts
U+FFFD (the replacement character, visible where something was lost) in their place.  The objects
remember that they did (`was_cleaned`), and `cleaning_note` turns that into one read note.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARK = "_xxgk_cleaned"  # attribute set on a model object whose text was cleaned (not a dataclass field)


def unwritable(text: str) -> bool:
    return _UNWRITABLE.search(text) is not None


def any_unwritable(*texts) -> bool:
    for t in texts:  # a loop, not any(): asked for every cell of every report
        if isinstance(t, str) and _UNWRITABLE.search(t) is not None:
            return True
    return False


def clean(text):
    """`text` with every character XML 1.0 cannot hold replaced by U+FFFD; non-strings unchanged."""
    if isinstance(text, str) and _UNWRITABLE.search(text):
        return _UNWRITABLE.sub(REPLACEMENT, text)
    return text


def clean_into(obj, name: str, value):
    """Store `value` cleaned as `obj.name` (frozen dataclasses included) and mark `obj` if it changed."""
    cleaned = clean(value)
    if cleaned is not value:
        object.__setattr__(obj, _MARK, True)
    object.__setattr__(obj, name, cleaned)


def clean_list(obj, values: list) -> list:
    """`values` itself when all its texts can be written (callers may hold it), else a cleaned copy."""
    if not any(isinstance(v, str) and _UNWRITABLE.search(v) for v in values):
        return values
    object.__setattr__(obj, _MARK, True)
    return [clean(v) for v in values]


def mark(obj) -> None:
    object.__setattr__(obj, _MARK, True)


def was_cleaned(obj) -> bool:
    return getattr(obj, _MARK, False)


def cleaning_note(places: list[str]) -> str:
    from .readnotes import note

    shown = clean("、".join(places[:8]) + ("…" if len(places) > 8 else ""))  # a place may be named by the bad text
    return note("reading.cleaned", n=len(places), mark=REPLACEMENT, places=(shown, shown.replace("、", ", ")))


def unmark(obj) -> None:
    if getattr(obj, _MARK, False):
        object.__setattr__(obj, _MARK, False)
