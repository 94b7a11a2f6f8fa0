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

from ..errors import InputError
from ..model import Cell, Meta, Narrative, Report
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


def _refuse(zh: str, en: str, code: str) -> InputError:
    return InputError(f"无法汇总：{zh}", f"cannot add up: {en}", code=code)


def merge_reports(reports: Sequence[Report], agency: str, year: int | None = None) -> Report:
    """The sum of `reports` as the report of `agency`."""
    if not reports:
        raise _refuse("没有要汇总的报告。", "no reports given.", "merge-empty")
    if not agency or not agency.strip():
        raise _refuse("请用 --agency 给出汇总报告的机关名称。", "name the agency of the sum with --agency.", "merge-agency")
    labels = [_label(r, i) for i, r in enumerate(reports)]

    by_edition: dict[str, list[str]] = {}
    for r, lab in zip(reports, labels):
        by_edition.setdefault(r.edition.name, []).append(lab)
    if len(by_edition) > 1:
        zh, en = _groups(by_edition)
        raise _refuse(f"报告的版式不一致（{zh}），只能汇总同一版式的报告。", f"the reports use different editions ({en}).",
                      "merge-mixed-edition")
    by_profile: dict[str, list[str]] = {}
    for r, lab in zip(reports, labels):
        by_profile.setdefault(r.profile.name if r.profile else "全国统一格式", []).append(lab)
    if len(by_profile) > 1:
        zh, en = _groups(by_profile)
        raise _refuse(f"报告的省级扩展不一致（{zh}）。", f"the reports use different provincial profiles ({en}).",
                      "merge-mixed-profile")

    notes: list[str] = []
    no_year = [lab for r, lab in zip(reports, labels) if r.meta.year is None]
    if year is None:
        if no_year:
            raise _refuse(f"{_listed(no_year)} 未填写报告年度；请用 --year 指定年度。",
                          f"{_listed_en(no_year)} give no year; state it with --year.", "merge-no-year")
        by_year: dict[str, list[str]] = {}
        for r, lab in zip(reports, labels):
            by_year.setdefault(f"{r.meta.year}年", []).append(lab)
        if len(by_year) > 1:
            zh, en = _groups(by_year)
            raise _refuse(f"报告年度不一致（{zh}），只能汇总同一年度的报告。", f"the reports are of different years ({en}).",
                          "merge-mixed-year")
        year = reports[0].meta.year
    else:
        other = [f"{lab}（{r.meta.year}年）" for r, lab in zip(reports, labels) if r.meta.year not in (None, year)]
        if other:
            raise _refuse(f"以下报告不是 {year} 年度的：{_listed(other)}。", f"these reports are not of {year}: {_listed_en(other)}.",
                          "merge-mixed-year")
        for lab in no_year:
            notes.append(f"{lab} 未填写报告年度，按 {year} 年度汇总。")

    seen: dict[str, str] = {}
    twice = []
    for lab, r in zip(labels, reports):
        key = normalize_agency(r.meta.agency)
        if key and key in seen:
            twice.append(f"{seen[key]} / {lab}")
        elif key:
            seen[key] = lab
    if twice:
        raise _refuse(f"同一单位的报告出现了两次：{_listed(twice)}。", f"one agency's report is included twice: {_listed_en(twice)}.",
                      "merge-duplicate")

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
        raise _refuse(("；".join(problems_zh[:MAX_LISTED]) + (f"；等 {n} 处" if n > MAX_LISTED else "") + "。请先更正。"),
                      ("; ".join(problems_en[:MAX_LISTED]) + (f"; {n} in all" if n > MAX_LISTED else "") + ". Correct them first."),
                      "merge-not-a-number")
    for lab, n in absent.items():
        notes.append(f"{lab} 的报告缺少 {n} 个单元格，按 0 计入。")
    meta.extra["merged_from"] = "、".join(labels)
    meta.extra["merged_count"] = str(len(reports))
    out.read_notes = [f"汇总自 {len(reports)} 个单位的报告。"]
    out.read_notes += [f"计入：{lab}（{Path(r.source).name if r.source else '—'}）" for lab, r in zip(labels, reports)]
    out.read_notes += notes
    return out


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
        raise InputError("没有找到要汇总的报告。", "no reports to add up found.", path="、".join(str(p) for p in paths),
                         code="no-files")
    reports = []
    for f in found:
        try:
            reports.append(api.load_report(f.path))
        except InputError as e:
            e.path = e.path or str(f.path)
            e.zh = f"无法汇总，此文件无法读取：{e.zh}"
            e.en = f"cannot add up, this file cannot be read: {e.en}"
            raise
    merged = merge_reports(reports, agency, year)
    result = api.validate_report(merged, None, config)
    inputs = [MergeInput(str(f.path), r.meta.agency, api.validate_report(r, None, config).count(Severity.ERROR))
              for f, r in zip(found, reports)]
    return MergeOutcome(merged, result, inputs)
