"""Report → locked .xlsx: the blank template (`build_template`) and a filled workbook (`fill_workbook`).

Both are the same writer: a template is the workbook of a report without figures.  The layout comes
from the cell map (sheetmap.py), formulas from the rule compiler (rules/excel.py) and cached values
from the Python rule engine, so the file is correct even where nothing recalculates it.  Output is
deterministic for a given creation time (xlsxwriter's zip timestamps are fixed): the time is the real
one unless the caller passes it or `SOURCE_DATE_EPOCH` names it (reproducible builds).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from decimal import Decimal

from .. import __version__
from ..editions import default_edition, get_edition, get_profile
from ..messages import area_texts
from ..model import Meta, Report
from ..rules.excel import total_formula
from ..rules.expr import PREVIOUS, Instance
from ..rules.python import carried_over, compile_edition, computed_totals, deriving_instances, evaluate
from ..spec import AgencyKind, CellRef, Edition, Kind, Role
from ..values import MONEY_UNITS, NUMBER
from . import checksheet, tables, texts
from .protect import legacy_hash, lock_structure
from .sheetmap import (FORMAT_ID, HELP_SHEET, META_SHEET, NARRATIVE_SECTIONS, TEMPLATE_VERSION, Field, Placed,
                       TablePlacement, WorkbookMap, a1, build_map, quote_sheet)
from .styles import INPUT_STYLE, Formats
from .textslots import slot_texts, slots_needed
from ..provenance import APPLICATION, app_version

_LATEST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last time an .xlsx date can hold
UNITS = tuple(MONEY_UNITS)  # what the filer may pick for money whose unit the format does not print

PROMPTS = {
    Kind.COUNT: ("请填写件数", "填写大于或等于 0 的整数；没有发生的填 0，不要留空或填“—”“无”。",
                 "此处应填写大于或等于 0 的整数。"),
    Kind.SIGNED: ("请填写增减数", "填写整数，减少时填负数（如 -3）；没有变化的填 0。", "此处应填写整数（可为负数）。"),
    Kind.MONEY: ("请填写金额", "单位：{unit}，可保留两位小数，不得为负数；不要在单元格里写单位，未收费的填 0。",
                 "此处应填写大于或等于 0 的金额（单位：{unit}）。"),
}


def wording(key: str, **params) -> str:
    """A Chinese text of the workbook area (messages/workbook.py): the workbook is written in Chinese."""
    zh = area_texts("workbook")[key][0]
    return zh.format(**params) if params else zh


def creation_time(created: dt.datetime | None = None) -> dt.datetime:
    """UTC creation time, naive as xlsxwriter wants it: the given one, `SOURCE_DATE_EPOCH`, or now."""
    if created is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.isascii() and epoch.isdigit() and len(epoch) <= 12 and int(epoch) <= _LATEST_EPOCH:
            created = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        else:
            created = dt.datetime.now(dt.timezone.utc)
    if created.tzinfo is not None:
        created = created.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return created.replace(microsecond=0)


def _excel_number(v):
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


class Book:
    """One workbook being written: sheets, formats and everything the sheet writers need to share."""

    def __init__(self, report: Report, previous: Report | None, password: str | None, wmap: WorkbookMap,
                 created: dt.datetime | None = None):
        import xlsxwriter

        self.report, self.previous, self.password, self.wmap = report, previous, password, wmap
        self.created = creation_time(created)
        self.edition: Edition = wmap.edition
        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buffer, {"in_memory": True, "strings_to_numbers": False,
                                                    "strings_to_formulas": False, "strings_to_urls": False})
        self.fmt = Formats(self.wb)
        self._sheets = {name: self.wb.add_worksheet(name) for name in (*wmap.sheets, META_SHEET)}
        self._validations: dict[tuple, list[tuple[int, int]]] = {}
        self._texts = slot_texts(report, wmap)
        self._carried = carried_over(self.edition)  # pre-filled from last year when it is given
        self._totals = computed_totals(self.edition, self._input_number)
        self._previous_cells = self._plan_previous()
        self.check_rows = checksheet.plan(self)
        self._outcomes = self._evaluate()

    wording = staticmethod(wording)

    # -- values ---------------------------------------------------------------------------------
    def _input_number(self, ref: CellRef):
        """What Excel's SUM sees in an input cell: numbers; text and blanks count as 0."""
        if self.previous is not None and ref in self._carried:
            return self.previous.number(self._carried[ref]) or 0
        cell = self.report.cell(ref)
        return cell.value if cell is not None and cell.status == NUMBER and cell.value is not None else 0

    def _number(self, selector: str, ref: CellRef):
        if selector == PREVIOUS:
            return (self.previous.number(ref) if self.previous else None) or 0
        return self._totals[ref] if ref in self._totals else self._input_number(ref)

    def _evaluate(self) -> dict[Instance, object]:
        instances = [r.instance for r in self.check_rows]
        return {o.instance: o for o in evaluate(instances, self._number, self.previous is not None)}

    def outcome(self, inst: Instance) -> bool:
        return self._outcomes[inst].holds

    def difference(self, inst: Instance):
        return _excel_number(self._outcomes[inst].diff)

    def _plan_previous(self) -> dict[CellRef, tuple[int, object]]:
        """Last year's figures the cross-year checks need, kept on the hidden sheet (row → value)."""
        if self.previous is None:
            return {}
        refs = []
        for inst in (i for i in compile_edition(self.edition) if i.crosses_years):
            refs += [t.ref for t in inst.terms() if t.report == PREVIOUS and t.ref not in refs]
        first = len(self._meta_rows()) + 2
        return {ref: (first + k, _excel_number(self.previous.number(ref) or 0)) for k, ref in enumerate(refs)}

    def formula(self, key, make) -> str:
        """Formula texts depend only on the map (and on whether last year's figures are present), so
        they are compiled once per map and reused for every workbook written from it."""
        key = (key, self.previous is not None)
        if key not in self.wmap.memo:
            self.wmap.memo[key] = make()
        return self.wmap.memo[key]

    def check_addresses(self):
        def here(ref: CellRef) -> str:
            return self.wmap.address(ref)

        def last_year(ref: CellRef) -> str:
            return f"{quote_sheet(META_SHEET)}!{a1(self._previous_cells[ref][0], 1, True)}"

        return here, last_year

    # -- sheets ---------------------------------------------------------------------------------
    def sheet(self, name: str):
        return self._sheets[name]

    def print_setup(self, ws, tall: int = 0) -> None:
        """A4, one page wide (`tall` pages high, 0 = as many as needed), centred, page numbers."""
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, tall)
        ws.center_horizontally()
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        ws.set_footer("&C&A　第 &P 页，共 &N 页")  # the sheet's name: printed pages say which table they are
        ws.protect(self.password or "", {"format_columns": True, "format_rows": True,
                                         "select_locked_cells": True, "select_unlocked_cells": True})

    def write_status(self, ws, row: int, width: int, table: str) -> None:
        span = checksheet.result_range(self.check_rows, table)
        style = self.fmt["status"]
        if span is None:
            ws.merge_range(row, 0, row, width - 1, "本表没有自动校验的勾稽关系。", style)
            return
        failed = sum(1 for r in self.check_rows if r.instance.lhs[0].ref.table == table and not self.outcome(r.instance))
        count = f'COUNTIF({span},"{checksheet.BAD}")'
        formula = (f'=IF({count}=0,"本表校验：全部通过 {checksheet.OK}",'
                   f'"本表校验：有 "&{count}&" 项未通过 {checksheet.BAD}，请查看“校验”表")')
        cached = (f"本表校验：全部通过 {checksheet.OK}" if failed == 0
                  else f"本表校验：有 {failed} 项未通过 {checksheet.BAD}，请查看“校验”表")
        ws.merge_range(row, 0, row, width - 1, "", style)
        ws.write_formula(row, 0, formula, style, cached)
        ws.conditional_format(row, 0, row, 0, {"type": "text", "criteria": "containing", "value": checksheet.BAD,
                                               "format": self.fmt["bad"]})
        ws.conditional_format(row, 0, row, 0, {"type": "text", "criteria": "containing", "value": checksheet.OK,
                                               "format": self.fmt["ok"]})

    def _span(self, ws, p: Placed, value, style, formula: str | None = None) -> None:
        if p.rowspan > 1 or p.colspan > 1:
            ws.merge_range(p.row, p.col, p.row + p.rowspan - 1, p.col + p.colspan - 1, "", style)
        if formula:
            ws.write_formula(p.row, p.col, formula, style, value)
        elif value is None or value == "":
            ws.write_blank(p.row, p.col, None, style)
        elif isinstance(value, str):
            ws.write_string(p.row, p.col, value, style)
        else:
            ws.write_number(p.row, p.col, value, style)

    def write_value(self, ws, p: Placed) -> None:
        self.wb.define_name(p.name, f"={quote_sheet(p.sheet)}!{a1(p.row, p.col, True)}")
        if p.total:
            formula = self.formula(("total", p.ref), lambda: total_formula(
                deriving_instances(self.edition)[p.ref], lambda ref: self.wmap.address(ref, from_sheet=p.sheet)))
            self._span(ws, p, _excel_number(self._totals[p.ref]), self.fmt["total"], formula)
            return
        if self.previous is not None and p.ref in self._carried:
            self._span(ws, p, _excel_number(self._input_number(p.ref)), self.fmt["reference"])
            return
        cell = self.report.cell(p.ref)
        if cell is None or cell.status != NUMBER or cell.value is None:
            value = None if cell is None else (cell.raw or None)
        else:
            value = _excel_number(cell.value)
        self._span(ws, p, value, self.fmt[INPUT_STYLE[p.kind.value]])
        self._validations.setdefault((p.sheet, p.kind, p.unit), []).append((p.row, p.col))

    def write_references(self, ws, tp: TablePlacement, widths: list[float]) -> None:
        """2021 edition with --previous: last year's 现行有效件数 beside table 二, for reference."""
        in_force = set(self.edition.cells_for(Role.IN_FORCE))  # none in the 2019 edition
        if self.previous is None or tp.table not in {r.table for r in in_force}:
            return
        refs = [p for p in self.wmap.cells if p.ref in in_force]
        if not refs:
            return
        col = tp.grid.n_cols
        ws.set_column(col, col, 14)
        ws.write_string(refs[0].row - 1, col, "上年现行有效件数（参考）", self.fmt["header"])
        for p in refs:
            ws.write_number(p.row, col, _excel_number(self.previous.number(p.ref) or 0), self.fmt["reference"])

    def write_field(self, ws, f: Field) -> None:
        self.wb.define_name(f.name, f"={quote_sheet(f.sheet)}!{a1(f.row, f.col, True)}")
        value = field_value(self.report, f.key, self.wmap)
        if f.kind == "info":
            ws.write_string(f.row, f.col, value or "（无）", self.fmt["field_info"])
            return
        style = {"year": "field_year", "date": "field_date"}.get(f.kind, "field_input")
        if value is None:
            ws.write_blank(f.row, f.col, None, self.fmt[style])
        elif isinstance(value, dt.date):
            ws.write_datetime(f.row, f.col, dt.datetime(value.year, value.month, value.day), self.fmt[style])
        elif isinstance(value, int):
            ws.write_number(f.row, f.col, value, self.fmt[style])
        else:
            ws.write_string(f.row, f.col, value, self.fmt[style])
        rule = {
            "unit": {"validate": "list", "source": list(UNITS), "input_title": "请选择金额单位",
                     "input_message": "表格没有规定此项金额的单位，请选择所填金额的单位。"},
            "choice": {"validate": "list", "source": list(texts.KIND_CHOICES.values()),
                       "input_title": "请选择单位类型", "input_message": "决定发布期限：部门 1月31日前，地方人民政府 3月31日前。"},
            "year": {"validate": "integer", "criteria": "between", "minimum": 2008, "maximum": 2100,
                     "input_title": "报告年度", "input_message": "填写四位数年份，如 2024。",
                     "error_message": "年度应为 2008 至 2100 之间的四位数。"},
            "date": {"validate": "date", "criteria": "between", "minimum": dt.date(2008, 1, 1),
                     "maximum": dt.date(2100, 12, 31), "input_title": "请填写日期",
                     "input_message": "格式如 2025-01-20（显示为 2025年1月20日）。", "error_message": "请填写有效日期。"},
        }.get(f.kind)
        if rule:
            rule.setdefault("error_title", "输入有误")
            ws.data_validation(f.row, f.col, f.row, f.col, rule)

    def text(self, key: str) -> str:
        return self._texts.get(key, "")

    def write_text(self, ws, f: Field) -> None:
        self.wb.define_name(f.name, f"={quote_sheet(f.sheet)}!{a1(f.row, f.col, True)}")
        text = self._texts.get(f.key)
        style = self.fmt["heading_input" if f.kind == "heading" else "text_input"]
        if text:
            ws.write_string(f.row, f.col, text, style)
        else:
            ws.write_blank(f.row, f.col, None, style)
        limit = 200 if f.kind == "heading" else texts.TEXT_LIMIT
        ws.data_validation(f.row, f.col, f.row, f.col, {
            "validate": "length", "criteria": "<=", "value": limit, "error_title": "文字过长",
            "error_message": f"一个单元格最多 {limit} 字，请分到下一个小标题或精简。", "ignore_blank": True})

    def write_validations(self) -> None:
        for (sheet, kind, unit), cells in self._validations.items():
            ws = self.sheet(sheet)
            title, message, error = PROMPTS[kind]
            unit = unit or "在右侧“金额单位”中选择"
            rule = {"input_title": title, "input_message": message.format(unit=unit),
                    "error_title": "输入有误", "error_message": error.format(unit=unit)}
            if kind is Kind.COUNT:
                rule.update(validate="integer", criteria=">=", value=0)
            elif kind is Kind.SIGNED:
                rule.update(validate="integer", criteria="between", minimum=-10**9, maximum=10**9)
            else:
                rule.update(validate="decimal", criteria=">=", value=0)
            ranges = " ".join(a1(r, c) for r, c in cells)
            r0, c0 = cells[0]
            ws.data_validation(r0, c0, r0, c0, {**rule, "multi_range": ranges})

    # -- the hidden sheet -----------------------------------------------------------------------
    def _meta_rows(self) -> list[tuple[str, str]]:
        m = self.report.meta
        return [
            ("format", FORMAT_ID),
            ("template_version", TEMPLATE_VERSION),
            ("generator", f"workbook_tools {__version__}"),
            ("edition", self.edition.id),
            ("profile", self.wmap.profile.id if self.wmap.profile else ""),
            ("declaration", self.wmap.declaration_hash),
            ("year", str(m.year or "")),
            ("agency", m.agency or ""),
            ("slots", ";".join(f"{k}={v}" for k, v in self.wmap.slots)),
            ("previous", "yes" if self.previous is not None else "no"),
        ]

    def write_meta_sheet(self) -> None:
        ws = self.sheet(META_SHEET)
        f = self.fmt["meta"]
        rows = self._meta_rows()
        for r, (k, v) in enumerate(rows):
            ws.write_string(r, 0, k, f)
            ws.write_string(r, 1, v, f)
        r = len(rows) + 1
        ws.write_string(r, 0, "last_year", f)
        for ref, (row, value) in self._previous_cells.items():
            ws.write_string(row, 0, ref.key, f)
            ws.write_number(row, 1, value, f)
        r = max([r + 1] + [row + 2 for row, _ in self._previous_cells.values()])
        # the cell map: key, where (sheet!cell), role; the defined name of each is derived from its key
        for col, head in enumerate(("cell", "where", "role")):
            ws.write_string(r, col, head, f)
        for p in self.wmap.cells:
            r += 1
            for col, v in enumerate((p.ref.key, f"{p.sheet}!{p.address}", "total" if p.total else p.kind.value)):
                ws.write_string(r, col, v, f)
        for fld in self.wmap.fields:
            r += 1
            for col, v in enumerate((fld.key, f"{fld.sheet}!{fld.address}", fld.kind)):
                ws.write_string(r, col, v, f)
        ws.protect(self.password or "")
        ws.very_hidden()

    def close(self) -> bytes:
        m = self.report.meta
        self.wb.set_properties({
            "title": f"{m.agency or ''}{m.year or ''}{'年' if m.year else ''}政府信息公开工作年度报告（填报模板）",
            "subject": self.edition.document_title,
            "author": APPLICATION,  # xlsxwriter writes it as creator and as last modified by
            "company": m.agency or "",
            "keywords": f"政府信息公开工作年度报告, {self.edition.document}",
            "comments": wording("workbook.properties.comments", app=APPLICATION, version=__version__),
            "created": self.created,
        })
        for name, value in (("xxgk_format", FORMAT_ID), ("xxgk_template_version", TEMPLATE_VERSION),
                            ("xxgk_edition", self.edition.id),
                            ("xxgk_profile", self.wmap.profile.id if self.wmap.profile else ""),
                            ("xxgk_declaration", self.wmap.declaration_hash),
                            ("xxgk_generator", f"{APPLICATION} {__version__}")):
            self.wb.set_custom_property(name, value or "-")
        self.sheet(self.wmap.sheets[0]).activate()
        self.wb.close()
        return lock_structure(self.buffer.getvalue(), self.password, app=(APPLICATION, app_version()))


def field_value(report: Report, key: str, wmap: WorkbookMap):
    """The value a metadata field (or a money cell's unit selector) shows for a report."""
    meta = report.meta
    kind, _, name = key.partition(".")
    if kind == "extra":
        return meta.extra.get(name)
    if kind == "unit":
        cell = report.cell(name)
        return cell.unit if cell is not None else None
    if name == "agency_kind":
        return texts.KIND_CHOICES.get(meta.agency_kind.value) if meta.agency_kind else None
    if name == "edition":
        return f"{wmap.edition.name}（{wmap.edition.document}）"
    if name == "profile":
        return wmap.profile.name if wmap.profile else None
    return getattr(meta, name)


def write_workbook(report: Report, previous: Report | None = None, password: str | None = None,
                   created: dt.datetime | None = None) -> bytes:
    """The workbook of a report: a blank template when the report has no figures."""
    wmap = build_map(report.edition, report.profile, slots_needed(report))
    book = Book(report, previous, password, wmap, created)
    texts.write_info_sheet(book)
    for section in book.edition.sections:
        if section.table:  # the national table, then any table of the profile printed after it
            for tp in (tp for tp in wmap.tables if tp.grid.table.section == section.number):
                tables.write_table_sheet(book, tp)
        elif section.number in NARRATIVE_SECTIONS:
            texts.write_narrative_sheet(book, section.number)
    checksheet.write_check_sheet(book, book.check_rows)
    texts.write_help_sheet(book, HELP_SHEET)
    book.write_validations()
    book.write_meta_sheet()
    return book.close()


def build_template(edition: str | None = None, *, year: int | None = None, agency: str | None = None,
                   agency_kind: AgencyKind | str | None = None, profile: str | None = None,
                   password: str | None = None, previous: Report | None = None,
                   created: dt.datetime | None = None) -> bytes:
    """A blank, locked template for one agency and year (all optional: the committed blank templates have none)."""
    ed = get_edition(edition) if edition else default_edition()
    get_profile(profile)  # unknown profile → error before anything is written
    kind = AgencyKind(agency_kind) if agency_kind else None
    report = Report(meta=Meta(agency=agency, agency_kind=kind, year=year, edition=ed.id, profile=profile))
    return write_workbook(report, previous, password, created)


def fill_workbook(report: Report, password: str | None = None, created: dt.datetime | None = None) -> bytes:
    """A report written into the template of its edition."""
    return write_workbook(report, None, password, created)


__all__ = ["build_template", "fill_workbook", "write_workbook", "creation_time", "legacy_hash", "APPLICATION"]
