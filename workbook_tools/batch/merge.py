"""Add up many agencies' reports of one year and edition: the region-level figures (区域汇总).

Every declared cell of the result is the sum of that cell over the inputs (blanks and placeholders
count as 0, as in validation).  The totals of a sum of balanced reports balance again, so the result
is validated like any report.  Refused, with a clear InputError naming the files: mixed editions,
years or provincial profiles; one agency included twice; a cell that is not a number; money amounts
whose unit (元/万元) cannot be told.  The agencies included are recorded in `meta.extra`
(``merged_from``, ``merged_count``) and, one line each with the file, in `read_notes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..errors import InputError, input_error
from ..model import Cell, Meta, Narrative, Report
from ..readnotes import note
from ..spec import CellRef, Kind
from ..values import MONEY_UNITS
from .roster import normalize_agency

MAX_LISTED = 8  # names shown in one message


@dataclass
class MergeInput:
    path: str
    agency: str | None
    errors: int = 0  # error-level findings of the input itself (None: not validated)


@dataclass
class MergeOutcome:
    report: object  # Report
    result: object  # findings.Result of the merged report
    inputs: list[MergeInput] = field(default_factory=list)


def _label(r: Report, i: int) -> str:
    return r.meta.agency or (Path(r.source).name if r.source else f"#{i + 1}")


def _listed(items) -> str:
    items = list(items)
    text = "、".join(str(x) for x in items[:MAX_LISTED])
    return text + (f" 等 {len(items)} 个" if len(items) > MAX_LISTED else "")


def _listed_en(items) -> str:
    items = list(items)
    text = ", ".join(str(x) for x in items[:MAX_LISTED])
    return text + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")


def _groups(labels_by_value: dict) -> tuple[str, str]:
    zh = "；".join(f"{k}：{_listed(v)}" for k, v in labels_by_value.items())
    en = "; ".join(f"{k}: {_listed_en(v)}" for k, v in labels_by_value.items())
    return zh, en


def _listing(items) -> tuple[str, str]:
    return _listed(items), _listed_en(items)


def merge_reports(reports: Sequence[Report], agency: str, year: int | None = None) -> Report:
    """The sum of `reports` as the report of `agency`."""
    if not reports:
        raise input_error("merge-empty")
    if not agency or not agency.strip():
        raise input_error("merge-agency")
    labels = [_label(r, i) for i, r in enumerate(reports)]
    _same_layout(reports, labels)
    year, notes = _same_year(reports, labels, year)
    _once_each(reports, labels)
    out, absent = _sum_cells(reports, labels, agency, year)
    for lab, n in absent.items():
        notes.append(note("reading.merge_missing", unit=lab, n=n))
    out.meta.extra["merged_from"] = "、".join(labels)
    out.meta.extra["merged_count"] = str(len(reports))
    out.read_notes = [note("reading.merged", n=len(reports))]
    out.read_notes += [note("reading.counted", unit=lab, file=Path(r.source).name if r.source else "—") for lab, r in zip(labels, reports)]
    out.read_notes += notes
    return out


def _same_layout(reports: Sequence[Report], labels: list[str]) -> None:
    by_edition: dict[str, list[str]] = {}
    for r, lab in zip(reports, labels):
        by_edition.setdefault(r.edition.name, []).append(lab)
    if len(by_edition) > 1:
        raise input_error("merge-mixed-edition", groups=_groups(by_edition))
    by_profile: dict[str, list[str]] = {}
    for r, lab in zip(reports, labels):
        by_profile.setdefault(r.profile.name if r.profile else "全国统一格式", []).append(lab)
    if len(by_profile) > 1:
        raise input_error("merge-mixed-profile", groups=_groups(by_profile))


def _same_year(reports: Sequence[Report], labels: list[str], year: int | None) -> tuple[int, list[str]]:
    """The year of the sum (all inputs of one year, or the one asked), and the notes on inputs without one."""
    notes: list[str] = []
    no_year = [lab for r, lab in zip(reports, labels) if r.meta.year is None]
    if year is None:
        if no_year:
            raise input_error("merge-no-year", labels=_listing(no_year))
        by_year: dict[str, list[str]] = {}
        for r, lab in zip(reports, labels):
            by_year.setdefault(f"{r.meta.year}年", []).append(lab)
        if len(by_year) > 1:
            raise input_error("merge-mixed-year", groups=_groups(by_year))
        year = reports[0].meta.year
    else:
        other = [f"{lab}（{r.meta.year}年）" for r, lab in zip(reports, labels) if r.meta.year not in (None, year)]
        if other:
            raise input_error("merge-mixed-year.other", year=year, labels=_listing(other))
        for lab in no_year:
            notes.append(note("reading.merge_year", unit=lab, year=year))
    return year, notes


def _once_each(reports: Sequence[Report], labels: list[str]) -> None:
    seen: dict[str, str] = {}
    twice = []
    for lab, r in zip(labels, reports):
        key = normalize_agency(r.meta.agency)
        if key and key in seen:
            twice.append(f"{seen[key]} / {lab}")
        elif key:
            seen[key] = lab
    if twice:
        raise input_error("merge-duplicate", labels=_listing(twice))


def _sum_cells(reports: Sequence[Report], labels: list[str], agency: str, year: int) -> tuple[Report, dict[str, int]]:
    """The report whose every declared cell is the sum over `reports`, and the cells each input lacks."""
    first = reports[0]
    meta = Meta(agency=agency.strip(), year=year, edition=first.edition.id, profile=first.meta.profile)
    out = Report(meta=meta, narrative=Narrative())
    problems_zh: list[str] = []
    problems_en: list[str] = []
    absent: dict[str, int] = {}
    for ref in first.declared_refs():
        kind, col_unit = first.kind_of(ref)
        parts = []
        for r, lab in zip(reports, labels):
            c = r.cells.get(ref.key)
            if c is None:
                absent[lab] = absent.get(lab, 0) + 1
                continue
            if c.number is None:
                where_zh, where_en = _where(first, ref)
                problems_zh.append(f"{lab} 的{where_zh}“{c.raw}”不是数字")
                problems_en.append(f"{where_en} of {lab} is not a number ({c.raw!r})")
                continue
            parts.append((c.number, c.unit, lab))
        if kind is Kind.MONEY:
            total, unit = _money_sum(parts, col_unit, first, ref, problems_zh, problems_en)
            out.cells[ref.key] = Cell.of(total, unit)
        else:
            out.cells[ref.key] = Cell.of(sum((v for v, _, _ in parts), 0))
    if problems_zh:
        n = len(problems_zh)
        raise input_error("merge-not-a-number",
                          problems=("；".join(problems_zh[:MAX_LISTED]) + (f"；等 {n} 处" if n > MAX_LISTED else ""),
                                    "; ".join(problems_en[:MAX_LISTED]) + (f"; {n} in all" if n > MAX_LISTED else "")))
    return out, absent


def _money_sum(parts, col_unit, report, ref, problems_zh, problems_en):
    """Sum money in one unit: the column's when it has one; else the common written unit, else 万元
    (converting 元); refused when some amounts state a unit and others do not."""
    if col_unit:
        return sum((Decimal(v) for v, _, _ in parts), Decimal(0)), col_unit
    nonzero = [(v, u, lab) for v, u, lab in parts if v]
    units = {u for _, u, _ in nonzero}
    if not nonzero:
        return Decimal(0), None
    if len(units) == 1:
        return sum((Decimal(v) for v, _, _ in nonzero), Decimal(0)), units.pop()
    if None in units:
        where_zh, where_en = _where(report, ref)
        unknown = [lab for _, u, lab in nonzero if u is None]
        problems_zh.append(f"{where_zh}：{_listed(unknown)} 未注明单位（元或万元），与其他单位的金额无法相加")
        problems_en.append(f"{where_en}: {_listed_en(unknown)} state no unit (元 or 万元), so the amounts cannot be added")
        return Decimal(0), None
    total = sum((Decimal(v) * MONEY_UNITS[u] / MONEY_UNITS["万元"] for v, u, _ in nonzero), Decimal(0))
    return total, "万元"


def _where(report: Report, ref: CellRef) -> tuple[str, str]:
    from ..locate import locate
    from ..messages import location_text

    loc = locate(report, ref)
    return location_text(loc, "zh"), location_text(loc, "en")


def merge_files(paths: Sequence[str | Path], agency: str, year: int | None = None, config=None,
                exclude: Sequence[str | Path] = ()) -> MergeOutcome:
    """Read every report under `paths` (files or folders), add them up, validate the sum and each input."""
    from .. import api
    from ..findings import Severity
    from .discover import discover

    found = discover(paths, exclude=exclude)
    if not found:
        raise input_error("no-files.merge", path="、".join(str(p) for p in paths))
    reports = []
    for f in found:
        try:
            reports.append(api.load_report(f.path))
        except InputError as e:
            e.path = e.path or str(f.path)
            raise e.reword("merge-unreadable")
    merged = merge_reports(reports, agency, year)
    result = api.validate_report(merged, None, config)
    inputs = [MergeInput(str(f.path), r.meta.agency, api.validate_report(r, None, config).count(Severity.ERROR))
              for f, r in zip(found, reports)]
    return MergeOutcome(merged, result, inputs)
