"""Workbook structure protection, added to xlsxwriter's output (xlsxwriter has no API for it).

`<workbookProtection lockStructure="1">` stops sheets being added, deleted, renamed or unhidden in
Excel and WPS.  It goes right after `<workbookPr>` (schema order).  The same pass names the creating
application in docProps/app.xml, which xlsxwriter always fills with "Microsoft Excel" — a template
must be told apart from a workbook Excel saved (`check` reports the creating program).  The zip is rewritten member by
member with the original order and fixed timestamps, so the output stays byte-for-byte
deterministic.  The legacy password hash is a deterrent, not security.
"""

from __future__ import annotations

import io
import re
import zipfile

_WORKBOOK_PR = re.compile(rb"(<workbookPr\b[^>]*/>)")
_APP = re.compile(rb"<Application>[^<]*</Application>")
_APP_VERSION = re.compile(rb"<AppVersion>[^<]*</AppVersion>")


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


def _xml_text(value: str) -> bytes:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def _name_application(body: bytes, app: tuple[str, str]) -> bytes:
    name, version = (_xml_text(v) for v in app)
    body, n = _APP.subn(lambda m: b"<Application>" + name + b"</Application>", body, count=1)
    body, k = _APP_VERSION.subn(lambda m: b"<AppVersion>" + version + b"</AppVersion>", body, count=1)
    if n != 1 or k != 1:
        raise RuntimeError("app.xml without <Application/> or <AppVersion/>")
    return body


def lock_structure(data: bytes, password: str | None = None, app: tuple[str, str] | None = None) -> bytes:
    """Structure protection, and (`app`) the creating application's name and version in app.xml."""
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
            elif item.filename == "docProps/app.xml" and app:
                body = _name_application(body, app)
            zout.writestr(item, body)
    return out.getvalue()
