"""What is done to one file of a batch, inside a worker process: read it, find last year's report,
validate, and reduce everything to small plain rows (cheap to send back to the parent).

`check_file` never raises for a bad file: every way a file can fail becomes an "unreadable" row
with a reason.  `failed_row` builds the same row when the worker itself could not finish (timeout,
crash), from the parent.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..editions.key_figures import key_figures
from ..errors import InputError
from .discover import SPREADSHEET_EXTS
from .roster import NameIndex, normalize_agency
from .texts import t

# meta.extra keys under which a reader may leave the program that wrote the file
APP_KEYS = ("application", "app", "app_name", "创建程序")
_APP_XML_LIMIT = 256 * 1024


@dataclass
class CheckSettings:
    """Everything a worker needs, sent once per worker process."""

    lang: str = "zh"
    config: Config | None = None
    previous: NameIndex | None = None  # last year's files by agency: name -> path
    timeout: float | None = None

    # the `run.Task` protocol ---------------------------------------------------------------------
    def run(self, path: str) -> dict:
        return check_file(path, self)

    def failed(self, path: str, code: str, detail: str = "") -> dict:
        return failed_row(path, code, self.lang, detail=detail, seconds=self.timeout)


@dataclass
class PeekSettings:
    """Read last year's files only for their agency and year."""

    lang: str = "zh"
    timeout: float | None = None

    def run(self, path: str) -> dict:
        try:
            report = _load(Path(path), self.lang)
        except _Unreadable as u:
            return {"path": path, "ok": False, "reason": u.text}
        except (RecursionError, MemoryError):
            return {"path": path, "ok": False, "reason": t("reason.too-complex", self.lang)}
        return {"path": path, "ok": True, "agency": report.meta.agency, "year": report.meta.year}

    def failed(self, path: str, code: str, detail: str = "") -> dict:
        return {"path": path, "ok": False, "reason": _reason(code, self.lang, detail, self.timeout)}


class _Unreadable(Exception):
    def __init__(self, code: str, text: str):
        super().__init__(text)
        self.code = code
        self.text = text


def _reason(code: str, lang: str, detail: str = "", seconds=None) -> str:
    key = f"reason.{code}"
    if code == "timeout":
        return t(key, lang, seconds=f"{seconds:g}" if seconds else "?")
    if code == "internal":
        return t(key, lang, detail=detail[:300])
    return t(key, lang)


def failed_row(path: str, code: str, lang: str, detail: str = "", seconds=None) -> dict:
    return _row(path, status="unreadable", reason_code=code, reason=_reason(code, lang, detail, seconds))


def _row(path: str, **kw) -> dict:
    row = {"path": path, "status": None, "reason_code": None, "reason": None, "agency": None, "agency_key": "", "year": None,
           "edition": None, "profile": None, "errors": 0, "warnings": 0, "infos": 0, "figures": {},
           "application": None, "previous": None, "notes": [], "findings": []}
    row.update(kw)
    return row


def _load(path: Path, lang: str):
    """api.load_report, with every failure turned into `_Unreadable`."""
    from .. import api

    from ..io.inputs import check_input

    try:  # a FIFO, a device, a symlink loop or a huge file is a row with its reason, never a wait
        check_input(path, api.input_limit(path))
    except InputError as e:
        raise _Unreadable(e.code, e.text(lang)) from None
    ext = path.suffix.lower()
    if ext not in api.LOADERS:
        if ext in (".xls", ".et"):
            raise _Unreadable("xls", t("reason.xls", lang))
        if ext == ".ods":
            raise _Unreadable("ods", t("reason.ods", lang))
        if ext in SPREADSHEET_EXTS:
            raise _Unreadable("no-xlsx-reader", t("reason.no-xlsx-reader", lang, ext=ext))
    try:
        return api.load_report(path)
    except InputError as e:
        raise _Unreadable(e.code, e.text(lang)) from None


def check_file(path: str, settings: CheckSettings) -> dict:
    from .. import api
    from ..findings import Severity
    from ..messages import title

    lang = settings.lang
    p = Path(path)
    try:
        report = _load(p, lang)
    except _Unreadable as u:
        return _row(path, status="unreadable", reason_code=u.code, reason=u.text)
    except (RecursionError, MemoryError):
        return _row(path, status="unreadable", reason_code="too-complex", reason=t("reason.too-complex", lang))

    notes: list[str] = []
    previous = None
    previous_path = None
    if settings.previous is not None:
        m = settings.previous.match(report.meta.agency)
        if m is None:
            notes.append(t("note.no_previous", lang))
        elif not m.unique:
            names = m.candidates or tuple(Path(v).name for v in m.values)
            notes.append(t("note.previous_ambiguous", lang, names="、".join(names[:5])))
        else:
            previous_path = m.values[0]
            try:
                previous = _load(Path(previous_path), lang)
            except _Unreadable as u:
                notes.append(t("note.previous_unreadable", lang, reason=u.text))
            except (RecursionError, MemoryError):
                notes.append(t("note.previous_unreadable", lang, reason=t("reason.too-complex", lang)))
    if not report.meta.agency:
        notes.append(t("note.no_agency", lang))

    result = api.validate_report(report, previous, settings.config)
    findings = []
    for f in result.findings:
        loc = f.location
        findings.append({
            "rule": f.rule,
            "severity": f.severity.value,
            "title": title(f.rule, lang),
            "table": loc.table_label,
            "block": loc.block_label,
            "row": loc.row_label,
            "col": loc.col_label,
            "where": loc.where,  # 表三!D7 when the reader recorded where each cell was
            "cells": list(loc.cells),
            "expected": f.expected,
            "actual": f.actual,
            "message": f.message(lang),
        })
    errors = result.count(Severity.ERROR)
    return _row(
        path,
        status="unfilled" if result.unfilled else "ok" if errors == 0 else "errors",  # unfilled: S11
        agency=report.meta.agency,
        agency_key=normalize_agency(report.meta.agency),
        year=report.meta.year,
        edition=report.edition.id,
        profile=report.meta.profile,
        errors=errors,
        warnings=result.count(Severity.WARNING),
        infos=result.count(Severity.INFO),
        figures=key_figures(report),
        application=application(report, p),
        previous=previous_path,
        notes=notes,
        findings=findings,
    )


_APP = re.compile(rb"<(?:\w+:)?Application>([^<]{1,200})</(?:\w+:)?Application>")
_APP_VERSION = re.compile(rb"<(?:\w+:)?AppVersion>([^<]{1,50})</(?:\w+:)?AppVersion>")


def application(report, path: Path) -> str | None:
    """The program that wrote the file: what the workbook reader found (`report.workbook`), a note in
    meta.extra, or docProps/app.xml of an Office file (read with a size limit and a regular
    expression: no XML parser on foreign input)."""
    info = getattr(report, "workbook", None)
    if info is not None and getattr(info, "application", None):
        return str(info.application)[:200]
    for key in APP_KEYS:
        if report.meta.extra.get(key):
            return str(report.meta.extra[key])[:200]
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".docx"):
        return None
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("docProps/app.xml")
            if info.file_size > _APP_XML_LIMIT:
                return None
            with z.open(info) as fh:
                data = fh.read(_APP_XML_LIMIT)
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError, ValueError, NotImplementedError, EOFError):
        return None
    m = _APP.search(data)
    if not m:
        return None
    name = m.group(1).decode("utf-8", "replace").strip()
    v = _APP_VERSION.search(data)
    from ..provenance import shown

    return shown(name, v.group(1).decode("utf-8", "replace") if v else None)
