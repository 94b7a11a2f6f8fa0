"""Workbook structure protection, added to xlsxwriter's output (xlsxwriter has no API for it).

`<workbookProtection lockStructure="1">` stops sheets being added, deleted, renamed or unhidden in
Excel and WPS.  It goes right after `<workbookPr>` (schema order).  The zip is rewritten member by
member with the original order and fixed timestamps, so the output stays byte-for-byte
deterministic.  The legacy password hash is a deterrent, not security.
"""

from __future__ import annotations

import io
import re
import zipfile

_WORKBOOK_PR = re.compile(rb"(<workbookPr\b[^>]*/>)")


def legacy_hash(password: str) -> str:
    """The 16-bit password verifier of Excel's sheet and workbook protection (ECMA-376 §18.2.29)."""
    h = 0
    for ch in reversed(password):
        h = ((h >> 14) & 0x01) | ((h << 1) & 0x7FFF)
        h ^= ord(ch)
    h = ((h >> 14) & 0x01) | ((h << 1) & 0x7FFF)
    h ^= len(password)
    h ^= 0xCE4B
    return f"{h:X}"


def lock_structure(data: bytes, password: str | None = None) -> bytes:
    pw = f' workbookPassword="{legacy_hash(password)}"' if password else ""
    element = f'<workbookProtection{pw} lockStructure="1"/>'.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                body, n = _WORKBOOK_PR.subn(lambda m: m.group(1) + element, body, count=1)
                if n != 1:
                    raise RuntimeError("workbook.xml without <workbookPr/>")
            zout.writestr(item, body)
    return out.getvalue()
