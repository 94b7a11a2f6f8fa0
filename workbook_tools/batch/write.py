"""The batch summary as a file (.xlsx, .json or .csv) and as terminal text.

Every text that came from a submitted file (agency names, file names, messages quoting cells) is
untrusted: in .xlsx it is written as a string (never a formula), without characters XML forbids and
within Excel's length limit; in .csv it passes through `csv_safe`; on the terminal control characters
are removed.  All outputs are checked for existence before the batch starts and written atomically.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

from ..errors import input_error, OutputExists
from ..findings import _jsonable
from ..io.files import write_outputs
from ..io.inputs import terminal_safe
from ..io.tidy_csv import csv_safe
from .summary import FINDING_COLUMNS, ROSTER_COLUMNS, Summary, file_cells, file_columns, finding_cells, header, roster_cells
from .texts import t

FORMATS = (".xlsx", ".json", ".csv")
XLSX_MAX_TEXT = 32767
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
EXCEL_MAX = 9.99999999999999e307  # Excel's largest number; beyond it (and inf, NaN) a number is written as text


def planned_outputs(path: str | Path, with_roster: bool, lang: str = "zh") -> list[Path]:
    """The files a summary at `path` consists of (a .csv summary has sibling files)."""
    p = Path(path)
    ext = p.suffix.lower()
    if ext not in FORMATS:
        raise input_error("unsupported-format.summary", path=p,
                          ext=ext or ("无扩展名", "no extension"))
    out = [p]
    if ext == ".csv":
        out.append(p.with_name(f"{p.stem}-{t('csv.findings', lang)}.csv"))
        if with_roster:
            out.append(p.with_name(f"{p.stem}-{t('csv.roster', lang)}.csv"))
    return out


def refuse_existing(paths: list[Path], force: bool) -> None:
    if force:
        return
    for p in paths:
        if p.exists():
            raise OutputExists(str(p))


def write_summary(summary: Summary, path: str | Path, force: bool = False, inputs=()) -> list[Path]:
    """Every file of the summary as one set (all or none); none may replace one of `inputs`."""
    targets = planned_outputs(path, summary.roster is not None, summary.lang)
    refuse_existing(targets, force)
    ext = targets[0].suffix.lower()
    if ext == ".json":
        data = [json.dumps(to_json(summary), ensure_ascii=False, indent=2).encode("utf-8", "replace") + b"\n"]
    elif ext == ".csv":
        data = to_csv(summary)
    else:
        data = [to_xlsx(summary)]
    return write_outputs(list(zip(targets, data)), force=force, inputs=inputs)


# ------------------------------------------------------------------------------------------------
# JSON
# ------------------------------------------------------------------------------------------------


def _json_number(v):
    """A number as strict JSON holds it: NaN and infinities (which json.dumps would write bare) as text."""
    if isinstance(v, float) and not (v == v and abs(v) != float("inf")):
        return number_text(Decimal(v))
    if isinstance(v, Decimal) and not v.is_finite():
        return number_text(v)
    return _jsonable(v)


def to_json(summary: Summary) -> dict:
    lang = summary.lang
    files = []
    for f in summary.files:
        shown = file_cells(f, summary)
        files.append({
            "no": f["no"],
            "file": f["file"],
            "agency": f.get("agency"),
            "status": f["status"],
            "status_label": shown["status"],
            "reason_code": f.get("reason_code"),
            "reason": f.get("reason"),
            "roster": None if summary.roster is None else {
                "name": f.get("roster_name"), "status": f.get("roster_status"), "matched": f.get("match")},
            "year": f.get("year"),
            "edition": f.get("edition"),
            "profile": f.get("profile"),
            "stats": {"errors": f["errors"], "warnings": f["warnings"], "infos": f["infos"]},
            "figures": {k: _json_number(v) for k, v in (f.get("figures") or {}).items()},
            "previous": f.get("previous"),
            "application": f.get("application"),
            "duplicate": bool(f.get("duplicate")),
            "notes": list(f["notes"]),
            "findings": [{**g, "expected": _json_number(g["expected"]), "actual": _json_number(g["actual"])}
                         for g in f["findings"]],
        })
    out = {
        "format": "xxgk-check",
        "version": 1,
        "lang": lang,
        "exit_code": summary.exit_code,
        "totals": summary.totals,
        "inputs": summary.inputs,
        "previous": summary.previous_dir,
        "previous_unreadable": dict(summary.previous_unreadable),
        "files": files,
        "roster": None,
    }
    if summary.roster is not None:
        out["roster"] = {
            "source": summary.roster.source,
            "notes": list(summary.roster.notes),
            "entries": [{"name": r["name"], "status": r["status"], "files": r["files"]}
                        for r in summary.roster_rows if r["entry"] is not None],
            "unknown_files": [r["files"][0] for r in summary.roster_rows if r["entry"] is None],
        }
    return out


# ------------------------------------------------------------------------------------------------
# CSV
# ------------------------------------------------------------------------------------------------


def _csv_value(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, (int, Decimal)):
        return csv_safe(number_text(v))
    return csv_safe(_XML_ILLEGAL.sub("", str(v)))


def number_text(v) -> str:
    """A number as text for any writer: NaN and infinities named, huge values with an exponent."""
    if isinstance(v, Decimal) and not v.is_finite():
        return "NaN" if v.is_nan() else ("-" if v < 0 else "") + "Infinity"
    if isinstance(v, Decimal) and abs(v.adjusted()) > 30:
        return f"{v:E}"
    if isinstance(v, int) and len(str(abs(v))) > 30:
        return f"{Decimal(v):E}"
    from ..values import format_number

    return format_number(v)


def excel_number(v) -> float | None:
    """`v` as a number Excel can hold, or None when it must be written as text."""
    try:
        f = float(v)
    except (OverflowError, ValueError, TypeError):
        return None
    return f if f == f and abs(f) <= EXCEL_MAX else None


def _csv(headers: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([csv_safe(h) for h in headers])
    for row in rows:
        w.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8", "replace")


def _tables(summary: Summary):
    lang = summary.lang
    cols = file_columns(summary)
    files = (cols, [[file_cells(f, summary)[c] for c in cols] for f in summary.files])
    findings = (FINDING_COLUMNS, [[finding_cells(f, g, lang)[c] for c in FINDING_COLUMNS] for f, g in summary.findings()])
    roster = (ROSTER_COLUMNS, [[r[c] for c in ROSTER_COLUMNS] for r in roster_cells(summary)]) if summary.roster is not None else None
    return files, findings, roster


def to_csv(summary: Summary) -> list[bytes]:
    lang = summary.lang
    out = []
    for table in _tables(summary):
        if table is not None:
            cols, rows = table
            out.append(_csv([header(c, lang) for c in cols], rows))
    return out


# ------------------------------------------------------------------------------------------------
# XLSX
# ------------------------------------------------------------------------------------------------

def _xlsx_text(v) -> str:
    s = _XML_ILLEGAL.sub("", str(v))
    return s if len(s) <= XLSX_MAX_TEXT else s[: XLSX_MAX_TEXT - 1] + "…"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s[:200])


def to_xlsx(summary: Summary) -> bytes:
    """The office workbook (see `xlsx.py`)."""
    from .xlsx import to_xlsx as office_workbook

    return office_workbook(summary)


# ------------------------------------------------------------------------------------------------
# Terminal
# ------------------------------------------------------------------------------------------------


def _short(s, n: int = 60) -> str:
    s = terminal_safe(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def _named_file(f: dict, lang: str) -> str:
    """`agency（file）`, or the file alone when the report names no agency (a blank template)."""
    if not f.get("agency"):
        return _short(f["file"])
    return f"{_short(f['agency'])}（{_short(f['file'])}）" if lang != "en" else f"{_short(f['agency'])} ({_short(f['file'])})"


def text_summary(summary: Summary, limit: int = 20, has_output: bool = True) -> str:
    """The summary for people: counts, then who is missing, unreadable or has errors (at most `limit`
    lines per list; 0 = counts only)."""
    lang = summary.lang
    tot = summary.totals
    lines = [t("sum.checked", lang, n=tot["files"], ok=tot["ok"], errors=tot["errors"], unfilled=tot["unfilled"],
               unreadable=tot["unreadable"],
               e=tot["error_findings"], w=tot["warning_findings"])]
    if "roster" in tot:
        r = tot["roster"]
        lines.append(t("sum.roster", lang, n=r["entries"], submitted=r["submitted"], missing=r["missing"],
                       duplicate=r["duplicate"], unknown=r["unknown_files"], unidentified=r["unidentified_files"]))
    if limit <= 0:
        return "\n".join(lines)
    sep = "、" if lang != "en" else ", "
    colon = "：" if lang != "en" else ": "

    def section(head: str, items: list[str]) -> None:
        if not items:
            return
        lines.append(head)
        for s in items[:limit]:
            lines.append("  " + s)
        if len(items) > limit:
            lines.append("  " + t("sum.more" if has_output else "sum.more_no_output", lang, n=len(items) - limit))

    if summary.roster is not None:
        missing = [_short(r["name"]) for r in summary.roster_rows if r["status"] == "missing"]
        if missing:
            lines.append(t("sum.missing", lang) + sep.join(missing[:limit * 3]) +
                         ("" if len(missing) <= limit * 3 else " " + t("sum.more", lang, n=len(missing) - limit * 3)))
        by_no = {f["no"]: f for f in summary.files}
        section(t("sum.duplicates", lang), [f"{_short(r['name'])}{colon}{sep.join(_short(by_no[n]['file']) for n in r['files'])}"
                                            for r in summary.roster_rows if r["status"] == "duplicate"])
        section(t("sum.unknown", lang), [f"{_short(by_no[r['files'][0]]['file'])}（{_short(r['name'] or '?')}）" if lang != "en"
                                         else f"{_short(by_no[r['files'][0]]['file'])} ({_short(r['name'] or '?')})"
                                         for r in summary.roster_rows if r["status"] == "unknown"])
    section(t("sum.unreadable", lang), [f"{_short(f['file'])}{colon}{_short(f['reason'], 120)}"
                                        for f in summary.files if f["status"] == "unreadable"])
    section(t("about.previous_unreadable", lang) + colon, [f"{_short(name)}{colon}{_short(reason, 120)}"
                                                           for name, reason in summary.previous_unreadable.items()])
    section(t("sum.unfilled", lang), [_named_file(f, lang) for f in summary.files if f["status"] == "unfilled"])
    section(t("sum.with_errors", lang), [f"{_short(f.get('agency') or '?')}（{_short(f['file'])}）{colon}"
                                         f"{t('sum.n_errors', lang, n=f['errors'])}" if lang != "en" else
                                         f"{_short(f.get('agency') or '?')} ({_short(f['file'])}){colon}{t('sum.n_errors', lang, n=f['errors'])}"
                                         for f in summary.files if f["status"] == "errors"])
    return "\n".join(lines)
