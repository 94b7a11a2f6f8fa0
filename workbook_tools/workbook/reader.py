"""Filled workbook → Report, never trusting what the file claims.

Two strategies, and the report says which one was used (`read_notes`, `report.workbook.strategy`):

- **template**: the workbook came from `xxgk template` (its hidden sheet names the edition, profile
  and text slots).  The cell map is rebuilt from the declaration and each cell is found through its
  defined name (which follows a renamed sheet), else at its mapped address.
- **labels**: any other workbook (typed by hand in the official layout, an older or another
  province's form).  Every sheet becomes a table of texts and goes through the same label matching
  as published documents (importers/), so layout detection and label tolerance are shared.

Totals are recomputed from the inputs; a cached total that disagrees, a formula replaced by a number,
a formula typed into an input, and sheets renamed, removed or added become W01–W04 evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from .. import numbers
from ..editions import UnknownEdition
from ..errors import input_error
from ..labels import normalize
from ..layout import VALUE
from ..model import Cell, Deviation, Meta, Report, Unplaced, WorkbookInfo, WorkbookIssue
from ..readnotes import note
from ..rules.python import computed_totals
from ..spec import AgencyKind, CellRef, Kind
from ..values import MONEY_UNITS, WHOLE_AS_IS, format_number
from .sheetmap import CHECK_SHEET, FORMAT_ID, HELP_SHEET, META_SHEET, TEMPLATE_VERSION, Field, WorkbookMap, a1, build_map
from .texts import KIND_CHOICES
from .textslots import narrative_from_texts
from .xlsxread import RawCell, RawSheet, RawWorkbook, excel_date, parse_a1, parse_range, read_workbook

LABEL_GRID_LIMIT = (400, 60)  # rows × columns of a sheet considered when matching labels


IDENTITY_ROWS = 12  # the key/value rows at the top of the hidden sheet


def _template_sheets(book: RawWorkbook):
    """A workbook that looks like ours: every sheet but the ones without inputs, and only the identity
    rows of the hidden sheet (its cell map is for people and other tools; ours comes from the declaration)."""
    names = {s.name for s in book.sheets}
    if META_SHEET not in names:
        return None
    return {s.name: (IDENTITY_ROWS if s.name == META_SHEET else None) for s in book.sheets
            if s.name not in (CHECK_SHEET, HELP_SHEET)}


def load(path) -> Report:
    raw = read_workbook(path, select=_template_sheets)
    identity = template_identity(raw)
    if identity is None and any(s.kind == "worksheet" and not s.loaded for s in raw.sheets):
        raw = read_workbook(path)  # it only looked like ours: read everything for label matching
    report = read_template(raw, identity) if identity else read_by_labels(raw)
    report.source = str(path)
    if raw.app_name:
        report.read_notes.append(note("reading.app", app=raw.app_name))
    return report


# ----------------------------------------------------------------------------------------------- values


def cell_text(value) -> str | int | Decimal | None:
    """A cached cell value as the report model takes it: numbers exact, text as typed."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return int(value) if value.is_integer() else Decimal(repr(value))
    return value


def _plain(value) -> str:
    v = cell_text(value)
    return "" if v is None else v if isinstance(v, str) else format_number(v)


# ----------------------------------------------------------------------------------------------- template


def template_identity(raw: RawWorkbook) -> dict[str, str] | None:
    """Key/value rows of the hidden sheet when the workbook came from our template."""
    try:
        sheet = raw.sheet(META_SHEET)
    except KeyError:
        return None
    rows = {}
    for r in range(1, IDENTITY_ROWS + 1):
        k, v = sheet.cells.get((r, 1)), sheet.cells.get((r, 2))
        if k is not None and isinstance(k.value, str):
            rows[k.value] = _plain(v.value) if v is not None else ""
    return rows if rows.get("format") == FORMAT_ID else None


def _slots(text: str) -> dict[str, int]:
    out = {}
    for part in (text or "").split(";"):
        k, _, v = part.partition("=")
        n = numbers.whole(v, 0, 10**6)  # "²".isdigit() is true, int("²") fails: ASCII digits only
        if k and n is not None:
            out[k] = min(n, 200)
    return out


def _sheet_title(wmap: WorkbookMap, sheet: str) -> str | None:
    """The text the template puts in A1 of a sheet (its title), for sheets that have one."""
    for tp in wmap.tables:
        if tp.sheet == sheet:
            return wmap.edition.section(tp.grid.table.section).title
    return sheet if any(s.title == sheet for s in wmap.edition.sections) else None


class _Locator:
    """Finds a mapped cell: through its defined name first (follows renamed sheets), then by address."""

    def __init__(self, raw: RawWorkbook, wmap: WorkbookMap, issues: list[WorkbookIssue]):
        self.raw, self.issues = raw, issues
        self.sheets = {s.name: s for s in raw.sheets}
        self.renamed: dict[str, str] = {}
        for expected in wmap.sheets:
            if expected in self.sheets:
                continue
            found = {dn.sheet for dn in raw.names.values() if dn.sheet and dn.sheet in self.sheets
                     and any(p.name == dn.name and p.sheet == expected for p in wmap.cells)}
            found |= {dn.sheet for f in wmap.fields if f.sheet == expected
                      for dn in [raw.names.get(f.name)] if dn and dn.sheet in self.sheets}
            if not found:  # names not updated by the renaming tool: recognise the sheet by its title row
                title = _sheet_title(wmap, expected)
                found = {s.name for s in raw.sheets if title and s.name not in wmap.sheets
                         and normalize(_plain(s.cells[(1, 1)].value) if (1, 1) in s.cells else "") == normalize(title)}
            if len(found) == 1:
                self.renamed[expected] = found.pop()
                issues.append(WorkbookIssue("W02", "W02.renamed", expected, (("expected", expected), ("found", self.renamed[expected]))))
            else:
                issues.append(WorkbookIssue("W02", "W02.missing", expected, (("expected", expected),)))
        known = set(wmap.sheets) | set(self.renamed.values()) | {META_SHEET}
        for s in raw.sheets:
            if s.name not in known and s.state == "visible":
                issues.append(WorkbookIssue("W02", "W02.added", s.name, (("found", s.name),)))

    def find(self, name: str, sheet: str, row: int, col: int) -> tuple[RawSheet | None, tuple[int, int], str]:
        dn = self.raw.names.get(name)
        if dn is not None and dn.sheet in self.sheets and dn.ref and ":" not in dn.ref:
            pos = parse_a1(dn.ref)
            return self.sheets[dn.sheet], pos, f"{dn.sheet}!{dn.ref}"
        target = self.renamed.get(sheet, sheet)
        if target in self.sheets:
            return self.sheets[target], (row + 1, col + 1), f"{target}!{a1(row, col)}"
        return None, (row + 1, col + 1), f"{sheet}!{a1(row, col)}"


def read_template(raw: RawWorkbook, identity: dict[str, str]) -> Report:
    try:
        wmap = build_map(identity.get("edition") or "", identity.get("profile") or None, _slots(identity.get("slots", "")))
    except UnknownEdition:
        raise input_error("unknown-edition.template", path=raw.path, name=identity.get("edition")) from None
    issues: list[WorkbookIssue] = []
    version = identity.get("template_version") or "?"
    if version != TEMPLATE_VERSION:
        issues.append(WorkbookIssue("W01", "W01.version", "", (("found", version), ("current", TEMPLATE_VERSION))))
    if identity.get("declaration") and identity["declaration"] != wmap.declaration_hash:
        issues.append(WorkbookIssue("W01", "W01.declaration", "",
                                    (("found", identity["declaration"]), ("current", wmap.declaration_hash))))
    loc = _Locator(raw, wmap, issues)
    report = Report(meta=Meta(edition=wmap.edition.id, profile=wmap.profile.id if wmap.profile else None))
    _read_fields(report, wmap, loc)
    _read_cells(report, wmap, loc, issues)
    _check_labels(report, wmap, loc)
    report.workbook = WorkbookInfo("template", raw.app_name, version, issues)
    report.read_notes.insert(0, note("reading.template", version=version, edition=(wmap.edition.name, wmap.edition.name_en)))
    return report


def _read_cells(report: Report, wmap: WorkbookMap, loc: _Locator, issues: list[WorkbookIssue]) -> None:
    units = {f.key[5:]: f for f in wmap.fields if f.kind == "unit"}
    formulas: dict[CellRef, tuple[RawCell, str]] = {}
    fixed: set[CellRef] = set()
    for p in wmap.cells:
        sheet, pos, where = loc.find(p.name, p.sheet, p.row, p.col)
        if sheet is None:
            continue  # absent: the structure rules report the missing cells
        rc = sheet.cells.get(pos)
        if (rc is not None and rc.formula is None and type(rc.value) is int and not p.total
                and p.kind is not Kind.MONEY and -WHOLE_AS_IS < rc.value < WHOLE_AS_IS):
            report.cells[p.ref.key] = Cell.whole(rc.value, where)
            continue
        if p.total and rc is not None and rc.has_formula:
            formulas[p.ref] = (rc, where)
            continue
        if p.total:
            fixed.add(p.ref)
            issues.append(WorkbookIssue("W03", "W03.overwritten", where, (("raw", _plain(rc.value if rc else None)),)))
        elif rc is not None and rc.formula:
            issues.append(WorkbookIssue("W03", "W03.input_formula", where,
                                        (("formula", rc.formula), ("raw", _plain(rc.value)))))
        unit = p.unit
        if p.kind is Kind.MONEY and unit is None and p.ref.key in units:
            chosen = _field_value(loc, units[p.ref.key], loc.raw.date1904)
            unit = chosen.strip() if chosen and chosen.strip() in MONEY_UNITS else None
        report.cells[p.ref.key] = Cell.parse(cell_text(rc.value if rc else None), p.kind, unit, where)
    by_key = report.numbers()
    totals = computed_totals(report.edition, lambda ref: by_key.get(ref.key) or 0, fixed)
    for ref, (rc, where) in formulas.items():
        value = totals[ref]
        report.cells[ref.key] = Cell.of(value, source=where)
        cached = cell_text(rc.value)
        if isinstance(cached, (int, Decimal)) and cached != value:
            issues.append(WorkbookIssue("W04", "W04.stale", where,
                                        (("cached", format_number(cached)), ("computed", format_number(value)))))


def _field_value(loc: _Locator, f: Field, date1904: bool):
    sheet, pos, _ = loc.find(f.name, f.sheet, f.row, f.col)
    rc = sheet.cells.get(pos) if sheet else None
    value = None if rc is None else rc.value
    if f.kind == "date" and isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return excel_date(float(value), date1904).date()
        except (ValueError, OverflowError):
            return None
    if f.kind == "date" and isinstance(value, str):
        from ..importers.document import parse_date

        text = value.strip()
        m = re.fullmatch(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})", text)
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else parse_date(text)
        except ValueError:
            return None
    if f.kind == "year":
        m = re.search(r"(19|20|21)[0-9]{2}", _plain(value).translate(_FULLWIDTH))
        return int(m.group(0)) if m else None
    text = _plain(value) if value is not None else ""
    return text if text.strip() else None  # kept as typed; only an all-blank cell is "not filled"


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_KINDS = {**{v: k for k, v in KIND_CHOICES.items()}, **{k: k for k in KIND_CHOICES}}


def _read_fields(report: Report, wmap: WorkbookMap, loc: _Locator) -> None:
    meta = report.meta
    texts: dict[str, str] = {}
    for f in wmap.fields:
        if f.kind in ("info", "unit"):
            continue
        value = _field_value(loc, f, loc.raw.date1904)
        if f.key.startswith(("text.", "preamble")):
            if value:
                texts[f.key] = str(value)
            continue
        kind, _, name = f.key.partition(".")
        if kind == "extra":
            if value:
                meta.extra[name] = str(value)
        elif name == "agency_kind":
            code = _KINDS.get(str(value).strip()) if value else None
            meta.agency_kind = AgencyKind(code) if code else None
        else:
            setattr(meta, name, value)
    report.narrative = narrative_from_texts(texts, wmap)


def _check_labels(report: Report, wmap: WorkbookMap, loc: _Locator) -> None:
    """Edited labels (S10) and anything typed outside the form on a table sheet (S08)."""
    for tp in wmap.tables:
        sheet = loc.sheets.get(loc.renamed.get(tp.sheet, tp.sheet))
        if sheet is None:
            continue
        occupied, labels = _form_of(wmap, tp)
        for pos, row, col, label in labels:
            rc = sheet.cells.get(pos)
            written = _plain(rc.value) if rc else ""
            if written != label and normalize(written) != normalize(label):
                report.deviations.append(Deviation(f"{sheet.name}!{a1(row, col)}", written, label))
        top = tp.origin + 1
        for (r, k), rc in sheet.cells.items():
            if r < top or r == tp.text_row + 1 or (r, k) in occupied or rc.value in (None, "") or rc.has_formula:
                continue
            if r - 1 > tp.last_row or k - 1 >= tp.grid.n_cols:
                if any(f.sheet == tp.sheet and (f.row + 1, f.col + 1) == (r, k) for f in wmap.fields):
                    continue
                if k - 1 == tp.grid.n_cols and r - 1 <= tp.last_row:
                    continue  # the unit selector / last year's reference column beside table 二
            elif any(p.sheet == tp.sheet and (p.row + 1, p.col + 1) == (r, k) for p in wmap.cells):
                continue
            elif r - 1 in tp.extra_rows:
                continue
            report.unplaced.append(Unplaced(f"{sheet.name}!{a1(r - 1, k - 1)}", _plain(rc.value)[:80], _plain(rc.value)))


def _form_of(wmap: WorkbookMap, tp) -> tuple[frozenset, tuple]:
    """The sheet positions a table's form covers, and its label cells (position, row, column, label):
    once per map, not per workbook read."""
    key = ("form", tp.table)
    if key not in wmap.memo:
        occupied: set[tuple[int, int]] = set()
        labels = []
        for c in tp.grid.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    occupied.add((tp.origin + r + 1, k + 1))
            if c.role != VALUE and c.text:
                labels.append(((tp.origin + c.row + 1, c.col + 1), tp.origin + c.row, c.col, c.text))
        wmap.memo[key] = (frozenset(occupied), tuple(labels))
    return wmap.memo[key]


# ----------------------------------------------------------------------------------------------- labels


def _segments(grid: list[list[str]], sheet: str, Para, SourceTable) -> list:
    """Split a sheet at empty rows; in each part, leading one-cell rows are text (titles), the rest a table."""
    out: list = []
    part: list[int] = []
    for i in range(len(grid) + 1):
        if i < len(grid) and any(x.strip() for x in grid[i]):
            part.append(i)
            continue
        if not part:
            continue
        k = 0
        while k < len(part) and sum(1 for x in grid[part[k]] if x.strip()) == 1:
            out.append(Para(" ".join(x for x in grid[part[k]] if x.strip()), f"{sheet}!第{part[k] + 1}行"))
            k += 1
        rows = part[k:]
        if rows:
            out.append(SourceTable([grid[r] for r in rows], dense=True, where=sheet,
                                   row_where=[f"{sheet}!第{r + 1}行" for r in rows]))
        part = []
    return out


# The toolkit's own helper columns beside a table (not part of the official form): the 元/万元 selector of
# money without a declared unit (sheetmap) and last year's 现行有效件数 shown for reference (writer).
REFERENCE_HEADER = "上年现行有效件数（参考）"


@lru_cache(maxsize=1)
def _helper_headers() -> dict[str, str]:
    """Normalised header text → "unit" | "reference"."""
    from ..editions import editions

    out = {normalize(f.label): "unit" for e in editions() for f in build_map(e).fields if f.kind == "unit"}
    out[normalize(REFERENCE_HEADER)] = "reference"
    return out


def _helper_columns(grid: list[list[str]], sheet: str) -> dict[str, str]:
    """Blanks the helper columns of a sheet read by labels, so that label matching sees the official
    table only; returns the unit chosen in each row (``表二!第21行`` → ``万元``).

    A helper column is headed by its text as the last filled cell of its row, and runs down to the
    first empty row, as the writer lays it out."""
    headers = _helper_headers()
    units: dict[str, str] = {}
    for r, row in enumerate(grid):
        filled = [k for k, x in enumerate(row) if x.strip()]
        if not filled or normalize(row[filled[-1]]) not in headers:
            continue
        k, kind = filled[-1], headers[normalize(row[filled[-1]])]
        row[k] = ""
        for r2 in range(r + 1, len(grid)):
            if not any(x.strip() for x in grid[r2]):
                break
            chosen = grid[r2][k].strip()
            if kind == "unit" and chosen in MONEY_UNITS:
                units[f"{sheet}!第{r2 + 1}行"] = chosen
            grid[r2][k] = ""
    return units


def _apply_units(report: Report, units: dict[str, str]) -> None:
    """Money cells without a declared unit take the unit chosen beside them (rule V04 then applies)."""
    for key, cell in list(report.cells.items()):
        m = re.match(r"^(.*?!第\d+行)", cell.source or "")
        if not m or m.group(1) not in units:
            continue
        kind, declared = report.kind_of(CellRef.parse(key))
        if kind is Kind.MONEY and declared is None:
            report.cells[key] = Cell.parse(cell.raw, kind, units[m.group(1)], cell.source)


def _sheet_grid(sheet: RawSheet, n_rows: int, n_cols: int, pats) -> list[list[str]]:
    """A sheet as a dense grid of texts: a merged label covers its span, as in a document table, except a
    provincial line (``2020年本行政区域…``) whose label merged across the row would otherwise repeat."""
    from ..importers.tables import profile_line

    grid = [[""] * n_cols for _ in range(n_rows)]
    for (r, k), rc in sheet.cells.items():
        if r <= n_rows and k <= n_cols:
            grid[r - 1][k - 1] = _plain(rc.value)
    for rng in sheet.merges:
        try:
            (r0, c0), (r1, c1) = parse_range(rng)  # checked by the reader already; bounded either way
        except ValueError:
            continue
        if r0 > n_rows or c0 > n_cols:
            continue
        text = grid[r0 - 1][c0 - 1]
        if r0 == r1 and text and profile_line(text, pats):
            continue
        for r in range(r0, min(r1, n_rows) + 1):
            for k in range(c0, min(c1, n_cols) + 1):
                grid[r - 1][k - 1] = text
    return grid


def read_by_labels(raw: RawWorkbook) -> Report:
    """A workbook not made from the template: every visible sheet is matched by its labels."""
    from ..editions import profiles
    from ..importers.document import Para, SourceDoc, build
    from ..importers.tables import SourceTable, profile_patterns

    max_rows, max_cols = LABEL_GRID_LIMIT
    items: list = []
    notes: list[str] = []
    units: dict[str, str] = {}
    pats = profile_patterns(profiles())
    for sheet in raw.sheets:
        if sheet.state != "visible" or not sheet.cells:
            continue
        n_rows, n_cols = min(sheet.max_row, max_rows), min(sheet.max_col, max_cols)
        if sheet.max_row > max_rows or sheet.max_col > max_cols:
            notes.append(note("reading.beyond", sheet=sheet.name, rows=max_rows, cols=max_cols))
        grid = _sheet_grid(sheet, n_rows, n_cols, pats)
        units.update(_helper_columns(grid, sheet.name))
        items += _segments(grid, sheet.name, Para, SourceTable)
    result = build(SourceDoc("xlsx", items, str(raw.path)))
    report = result.report
    _apply_units(report, units)
    report.document = None  # a workbook is not a published document: S02/S03/S09 do not apply
    report.workbook = WorkbookInfo("labels", raw.app_name, None, [])
    report.read_notes.insert(0, note("reading.by_labels", edition=(result.edition.name, result.edition.name_en)))
    report.read_notes += notes
    for p in result.problems:
        report.read_notes.append(note("reading.problem", problem=(p.zh, p.en)))
    if result.missing:
        report.read_notes.append(note("reading.cells_missing", n=len(result.missing)))
    return report


__all__ = ["load", "template_identity", "read_template", "read_by_labels"]
