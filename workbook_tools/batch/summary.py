"""The batch summary: one row per file, one per finding, and the roster's view (who has not
submitted, who submitted twice, which files belong to no one on the list)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..editions.key_figures import NAMES as FIGURES
from ..editions.key_figures import key_figure
from ..messages import in_lang, text
from .discover import Found
from .roster import Roster, normalize_stem
from .texts import t


@dataclass
class Summary:
    files: list[dict]  # one per file, in discovery order (see `build`)
    roster: Roster | None = None
    roster_rows: list[dict] = field(default_factory=list)  # roster order, then the files on no entry
    inputs: list[str] = field(default_factory=list)
    previous_dir: str | None = None
    previous_unreadable: dict[str, str] = field(default_factory=dict)  # last year's files that could not be read
    lang: str = "zh"
    deadline: str | None = None  # the date units must report by, named in the workbook's reminders (催报)

    # -- counts -----------------------------------------------------------------------------------
    @property
    def totals(self) -> dict:
        status = Counter(f["status"] for f in self.files)
        out = {
            "files": len(self.files),
            "ok": status["ok"],
            "errors": status["errors"],
            "unfilled": status["unfilled"],  # an S11 error: a status of its own, never 通过
            "unreadable": status["unreadable"],
            "error_findings": sum(f["errors"] for f in self.files),
            "warning_findings": sum(f["warnings"] for f in self.files),
            "info_findings": sum(f["infos"] for f in self.files),
        }
        if self.roster is not None:
            entries = [r for r in self.roster_rows if r["entry"] is not None]
            roster_status = Counter(r["status"] for r in entries)
            out["roster"] = {
                "entries": len(entries),
                "submitted": roster_status["submitted"] + roster_status["duplicate"],
                "missing": roster_status["missing"],
                "duplicate": roster_status["duplicate"],
                "unknown_files": sum(1 for f in self.files if f["roster_status"] == "unknown"),
                "unidentified_files": sum(1 for f in self.files if f["roster_status"] == "unidentified"),
            }
        return out

    @property
    def exit_code(self) -> int:
        """0: every file read, filled in and without errors; 1: otherwise."""
        tot = self.totals
        return 0 if tot["errors"] == 0 and tot["unfilled"] == 0 and tot["unreadable"] == 0 else 1

    def findings(self):
        """(file row, finding) for every finding, file by file."""
        for f in self.files:
            for g in f["findings"]:
                yield f, g


def build(found: list[Found], rows: list[dict], roster: Roster | None = None, previous_display: dict | None = None,
          lang: str = "zh", inputs=(), previous_dir=None) -> Summary:
    files = []
    for no, (fd, row) in enumerate(zip(found, rows), start=1):
        r = dict(row)
        r["no"] = no
        r["file"] = fd.display
        r["notes"] = list(row.get("notes") or [])
        r["roster_name"] = r["roster_status"] = r["match"] = None
        r["roster_entry"] = None
        if r.get("previous") and previous_display:
            r["previous"] = previous_display.get(r["previous"], r["previous"])
        files.append(r)
    summary = Summary(files, roster, inputs=[str(p) for p in inputs], previous_dir=str(previous_dir) if previous_dir else None,
                      lang=lang)
    _years(files, lang)
    if roster is not None:
        _match_roster(summary, roster, lang)
    else:
        _duplicates_by_agency(files, lang)
    return summary


def _years(files: list[dict], lang: str) -> None:
    years = Counter(f["year"] for f in files if f["status"] != "unreadable" and f["year"])
    if len(years) < 2:
        return
    (majority, top), (_, second) = years.most_common(2)
    if top == second:  # no majority: nothing to say
        return
    for f in files:
        if f["status"] != "unreadable" and f["year"] and f["year"] != majority:
            f["notes"].append(t("note.year", lang, year=f["year"], majority=majority))


def _duplicates_by_agency(files: list[dict], lang: str) -> None:
    groups: dict[str, list[dict]] = {}
    for f in files:
        if f["status"] != "unreadable" and f.get("agency_key"):
            groups.setdefault(f["agency_key"], []).append(f)
    for group in groups.values():
        if len(group) > 1:
            _flag_duplicates(group, lang)


def _flag_duplicates(group: list[dict], lang: str) -> None:
    for f in group:
        others = "、".join(g["file"] for g in group if g is not f)
        f["notes"].append(t("note.duplicate", lang, others=others))
        f["duplicate"] = True


def _match_roster(summary: Summary, roster: Roster, lang: str) -> None:
    index = roster.index()
    by_entry: dict[int, list[dict]] = {}
    for f in summary.files:
        m = index.match(f.get("agency")) if f.get("agency") else None
        how = m.how if m else None
        if m is None or not m.unique:
            stem = index.match(None, normalized=normalize_stem(Path(f["file"]).stem))
            if stem is not None and stem.unique:
                m, how = stem, "stem"
        if m is not None and m.unique:
            entry = m.values[0]
            f["roster_entry"] = entry
            f["roster_name"] = roster.names[entry]
            f["match"] = how
            f["roster_status"] = "submitted"
            by_entry.setdefault(entry, []).append(f)
        else:
            # a file that could not be read and whose name says nothing is not "off the roster": unknown
            f["roster_status"] = "unidentified" if f["status"] == "unreadable" else "unknown"
            if m is not None and m.candidates:
                f["notes"].append(t("note.roster_ambiguous", lang, names="、".join(m.candidates[:5])))
    rows = []
    for entry, name in enumerate(roster.names):
        got = by_entry.get(entry, [])
        if len(got) > 1:
            _flag_duplicates(got, lang)
            for f in got:
                f["roster_status"] = "duplicate"
        rows.append({"entry": entry, "name": name, "status": "missing" if not got else "duplicate" if len(got) > 1 else "submitted",
                     "files": [f["no"] for f in got]})
    for status in ("unknown", "unidentified"):
        for f in summary.files:
            if f["roster_status"] == status:
                rows.append({"entry": None, "name": f.get("agency") or "", "status": status, "files": [f["no"]]})
    summary.roster_rows = rows


# ------------------------------------------------------------------------------------------------
# Tables, as the writers show them
# ------------------------------------------------------------------------------------------------

def file_columns(summary: Summary) -> list[str]:
    cols = ["no", "file", "agency"]
    if summary.roster is not None:
        cols += ["roster_name", "roster_status", "match"]
    cols += ["status", "errors", "warnings", "infos", "reason", "year", "edition", "profile", *FIGURES]
    if summary.previous_dir:
        cols.append("previous")
    cols += ["application", "notes"]
    return cols


FINDING_COLUMNS = ["no", "file", "agency", "rule", "severity", "title", "table", "block", "row", "col", "where",
                   "expected", "actual", "message"]
ROSTER_COLUMNS = ["no", "roster_name", "roster_status", "files", "status", "match"]

_HEADER_KEYS = {
    "no": "col.no", "file": "col.file", "agency": "col.agency", "roster_name": "col.roster_name",
    "roster_status": "col.roster_status", "match": "col.match", "status": "col.status", "errors": "col.errors",
    "warnings": "col.warnings", "infos": "col.infos", "reason": "col.reason", "year": "col.year",
    "edition": "col.edition", "profile": "col.profile", "previous": "col.previous", "application": "col.application",
    "notes": "col.notes", "rule": "col.rule", "severity": "col.severity", "title": "col.title", "table": "col.table",
    "block": "col.block", "row": "col.row", "col": "col.col", "where": "col.where", "expected": "col.expected",
    "actual": "col.actual", "message": "col.message", "files": "col.files",
}


def header(key: str, lang: str) -> str:
    if key in FIGURES:
        return text(key_figure(key).column, lang)
    return t(_HEADER_KEYS[key], lang)


def _edition(edition_id, lang):
    if not edition_id:
        return None
    from ..editions import get_edition

    ed = get_edition(edition_id)
    return in_lang(ed.name, ed.name_en, lang)


def _profile(profile_id, lang):
    if not profile_id:
        return None
    from ..editions import get_profile

    p = get_profile(profile_id)
    return in_lang(p.name, p.name_en, lang)


def file_cells(f: dict, summary: Summary) -> dict:
    """A file row as displayed: labels in the summary's language, numbers left as numbers."""
    lang = summary.lang
    out = {
        "no": f["no"], "file": f["file"], "agency": f.get("agency"), "roster_name": f.get("roster_name"),
        "roster_status": t(f"roster.{f['roster_status']}", lang) if f.get("roster_status") else None,
        "match": t(f"how.{f['match']}", lang) if f.get("match") else None,
        "status": t(f"status.{f['status']}", lang), "errors": f["errors"], "warnings": f["warnings"], "infos": f["infos"],
        "reason": f.get("reason"), "year": f.get("year"), "edition": _edition(f.get("edition"), lang),
        "profile": _profile(f.get("profile"), lang), "previous": f.get("previous"), "application": f.get("application"),
        "notes": "；".join(f["notes"]) if lang != "en" else "; ".join(f["notes"]),
    }
    for k in FIGURES:
        out[k] = (f.get("figures") or {}).get(k)
    return out


def finding_cells(f: dict, g: dict, lang: str) -> dict:
    return {"no": f["no"], "file": f["file"], "agency": f.get("agency"), "rule": g["rule"],
            "severity": t(f"severity.{g['severity']}", lang), "title": g["title"], "table": g["table"], "block": g["block"],
            "row": g["row"], "col": g["col"], "where": g["where"], "expected": g["expected"], "actual": g["actual"],
            "message": g["message"]}


def roster_cells(summary: Summary) -> list[dict]:
    lang = summary.lang
    by_no = {f["no"]: f for f in summary.files}
    out = []
    for i, r in enumerate(summary.roster_rows, start=1):
        files = [by_no[n] for n in r["files"]]
        sep = "、" if lang != "en" else ", "
        out.append({
            "no": i if r["entry"] is not None else None,
            "roster_name": r["name"],
            "roster_status": t(f"roster.{r['status']}", lang),
            "files": sep.join(f["file"] for f in files),
            "status": sep.join(t(f"status.{f['status']}", lang) for f in files),
            "match": sep.join(t(f"how.{f['match']}", lang) for f in files if f.get("match")),
        })
    return out
