"""What a part of an .xlsx says, remembered per distinct part in a process.

The workbooks of a batch carry their template's small parts byte for byte ([Content_Types].xml, the
relationships, docProps, xl/workbook.xml with its few hundred defined names), so what each says is worked
out once.  Every file still has every part inflated, CRC-checked and DTD-scanned by the pre-flight and is
compared with what was remembered in full; a part whose reading fails is never remembered; what is kept is
immutable, or copied by the caller before it is changed."""

from __future__ import annotations

import threading

MAX_BYTES = 64 * 1024  # parts longer than this are read each time (a template's largest is about 20 KB)
MAX_PARTS = 64  # distinct parts kept (4 MB at most); then the memo starts again

_SAID: dict[tuple, object] = {}
_LOCK = threading.Lock()  # the web application reads in threads too


def said(what, data: bytes, make):
    """`make()`, what the part `data` says as `what` (a hashable naming the reading), once per distinct part."""
    if len(data) > MAX_BYTES:
        return make()
    key = (what, data)
    try:
        return _SAID[key]
    except KeyError:
        pass
    value = make()  # raises for a part that cannot be read: nothing is kept
    with _LOCK:
        if len(_SAID) >= MAX_PARTS:
            _SAID.clear()
        _SAID[key] = value
    return value
