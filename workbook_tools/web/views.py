"""Submissions as view models: the official tables from `layout.grid` with every finding on its cells,
the findings list, the narrative figures, and the office's return notes."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..layout import CAPTION, HEADER, LABEL, NOTE, VALUE, grid
from ..messages import text


@dataclass
class CellView:
    text: str
    tag: str  # th | td
    rowspan: int = 1
    colspan: int = 1
    address: str | None = None  # 表三!E12, the cell of the unit's workbook
    css: str = ""
    title: str = ""


@dataclass
class TableView:
    title: str
    rows: list[list[CellView]]


@dataclass
class FindingView:
    rule: str
    severity: str
    title: str
    message: str
    addresses: list[str] = field(default_factory=list)


def load_stored_report(path: Path):
    """A stored report (our own JSON) read back in this process."""
    from .. import api

    with tempfile.TemporaryDirectory(prefix="xxgk-web-") as tmp:
        src = Path(tmp) / "report.json"
        shutil.copyfile(path, src)
        return api.load_report(src)


def _addresses(report) -> dict[str, str]:
    from ..workbook.sheetmap import build_map

    try:
        m = build_map(report.edition, report.meta.profile)
    except Exception:  # noqa: BLE001 - an edition without a workbook map: cells keep their codes
        return {}
    return {p.ref.key: f"{p.sheet}!{p.address}" for p in m.cells}


def findings_view(findings: list[dict], addresses: dict[str, str], lang: str) -> list[FindingView]:
    out = []
    for f in findings or []:
        cells = [addresses.get(k, k) for k in f.get("cells") or []]
        out.append(FindingView(f["rule"], f["severity"], f["title"].get(lang) or f["rule"],
                               f["message"].get(lang) or "", cells))
    return out


def tables_view(report, findings: list[FindingView], addresses: dict[str, str]) -> list[TableView]:
    by_cell: dict[str, list[FindingView]] = {}
    for f in findings:
        for a in f.addresses:
            by_cell.setdefault(a, []).append(f)
    out = []
    for table in report.edition.tables:
        g = grid(table)
        rows = []
        for line in g.rows():
            row = []
            for c in line:
                if c.role == VALUE:
                    key = c.ref.key
                    cell = report.cells.get(key)
                    addr = addresses.get(key, key)
                    hits = by_cell.get(addr, [])
                    sev = {f.severity for f in hits}
                    css = "has-error" if "error" in sev else "has-warning" if "warning" in sev else ""
                    row.append(CellView(cell.raw if cell is not None and cell.raw is not None else "", "td",
                                        c.rowspan, c.colspan, addr, css,
                                        "\n".join(f"{f.rule} {f.message}" for f in hits)))
                else:
                    tag = "th" if c.role in (HEADER, LABEL, CAPTION, NOTE) else "td"
                    row.append(CellView(c.text, tag, c.rowspan, c.colspan, css=c.role))
            rows.append(row)
        out.append(TableView(table.title, rows))
    return out


def submission_view(report_path: Path | None, findings: list[dict], lang: str) -> dict:
    """Tables and findings of a parsed submission (no tables for an unreadable file)."""
    if report_path is None:
        return {"tables": [], "findings": findings_view(findings, {}, lang)}
    from ..errors import InputError

    try:
        report = load_stored_report(report_path)
    except (InputError, OSError):  # the stored report cannot be read back: the findings list alone
        return {"tables": [], "findings": findings_view(findings, {}, lang)}
    addresses = _addresses(report)
    fv = findings_view(findings, addresses, lang)
    return {"tables": tables_view(report, fv, addresses), "findings": fv, "report": report}


def revision_notes(findings: list[dict], lang: str, report=None) -> str:
    """The prefilled 退回修改意见: the errors and warnings in plain words, one per line."""
    try:
        from ..batch.feedback import revision_notes as notes  # the office's own wording, where present
    except ImportError:
        notes = None
    if notes is not None and report is not None:
        try:
            from .. import api

            return notes(api.validate_report(report), lang)
        except Exception:  # noqa: BLE001 - fall back to the plain list below
            pass
    lines = [text("web.notes.head", lang)]
    n = 0
    for f in findings or []:
        if f["severity"] not in ("error", "warning"):
            continue
        n += 1
        lines.append(f"{n}. {f['message'].get(lang) or ''}")
    if n == 0:
        return ""
    return "\n".join(lines)
