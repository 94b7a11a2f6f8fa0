"""The 校验 sheet: one live check per equation instance, compiled from the declared rules.

Every row holds the rule, what it says, where it applies (official labels, linked to the cells), a
✓/✗ cell and the difference, both as formulas from `rules.excel`; conditional formats colour them as
the user types.  The same compiled formulas, as conditional formats on the tables, colour the cells
of a relation that does not hold where the user types (`mark_cells`).
Cross-year instances appear only when last year's figures were given (they are kept on the hidden
sheet and addressed from there).  Cached results are computed by the Python rule engine, so a
workbook that was never recalculated still shows the truth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..editions import get_edition
from ..locate import Locator, instance_location
from ..messages import location_text
from ..messages import title as rule_title
from ..rules.excel import check_formula, difference_formula
from ..rules.expr import PREVIOUS, Instance
from ..rules.python import compile_edition
from .sheetmap import CHECK_SHEET, a1, quote_sheet
from .sizing import height_for

FIRST_ROW = 4  # rows 0–3: title, summary, hint, header
RESULT_COL, DIFF_COL, LINK_COL = 4, 5, 6
OK, BAD = "✓", "✗"
WIDTHS = (6, 24, 40, 56, 8, 12, 16)
# a cell reference outside quotes and names (formula texts here hold no other capitals followed by digits)
_REF = re.compile(r"(?<![A-Za-z0-9_$])\$?([A-Z]{1,3})\$?([0-9]+)(?![0-9(])")


@dataclass(frozen=True)
class CheckRow:
    row: int
    instance: Instance


def check_instances(edition, with_previous: bool) -> list[Instance]:
    """The instances the 校验 sheet lists, in its order: grouped by table, declaration order within."""
    instances = [i for i in compile_edition(edition) if with_previous or not i.crosses_years]
    order = {t.code: k for k, t in enumerate(edition.tables)}
    return sorted(instances, key=lambda i: order.get(i.lhs[0].ref.table, 99))


def plan_rows(edition, with_previous: bool = False) -> list[CheckRow]:
    """Where each check goes on the 校验 sheet (`edition`: a declaration or its id)."""
    ed = get_edition(edition) if isinstance(edition, str) else edition
    return [CheckRow(FIRST_ROW + k, inst) for k, inst in enumerate(check_instances(ed, with_previous))]


def plan(book) -> list[CheckRow]:
    return plan_rows(book.edition, book.previous is not None)


def result_range(rows: list[CheckRow], table: str) -> str | None:
    mine = [r.row for r in rows if r.instance.lhs[0].ref.table == table]
    if not mine:
        return None
    return f"{quote_sheet(CHECK_SHEET)}!{a1(min(mine), RESULT_COL, True)}:{a1(max(mine), RESULT_COL, True)}"


def _absolute(formula: str) -> str:
    """Every reference made absolute: a conditional format over scattered cells evaluates one formula
    relative to its first cell, so relative references would shift from cell to cell."""
    return _REF.sub(lambda m: f"${m.group(1)}${m.group(2)}", formula)


def _cells_on(book, inst: Instance, sheet: str) -> list | None:
    """The placed cells of an instance when all of them are this year's and on `sheet`, else None."""
    if any(t.report == PREVIOUS for t in inst.terms()):
        return None
    placed = [book.wmap.placed(t.ref) for t in inst.terms()]
    return placed if all(p.sheet == sheet for p in placed) else None


def mark_cells(book, ws, sheet: str) -> bool:
    """Colour, on a table sheet, the cells of every relation that does not hold (the broken column or
    row), with the 校验 sheet's own compiled formula.  True when the sheet has such marks."""
    fmt = book.fmt["bad"]
    marked = False
    for r in book.check_rows:
        cells = _cells_on(book, r.instance, sheet)
        if not cells:
            continue
        inst = r.instance
        local = book.formula(("mark", inst), lambda: _absolute(check_formula(
            inst, lambda ref: book.wmap.address(ref, from_sheet=sheet), OK, BAD)))
        where = " ".join(dict.fromkeys(a1(p.row, p.col) for p in cells))
        first = cells[0]
        ws.conditional_format(first.row, first.col, first.row, first.col, {
            "type": "formula", "criteria": f'={local[1:]}="{BAD}"', "format": fmt, "multi_range": where})
        marked = True
    return marked


def _link_target(book, inst: Instance) -> tuple[str, str] | None:
    """(`'表三'!$D$7:$D$31`, `表三 D7:D31`): the block of the instance's cells on the sheet of its first term."""
    sheet = book.wmap.placed(inst.lhs[0].ref).sheet
    placed = [p for p in (book.wmap.placed(t.ref) for t in inst.terms() if t.report != PREVIOUS) if p.sheet == sheet]
    if not placed:
        return None
    top, left = min(p.row for p in placed), min(p.col for p in placed)
    bottom = max(p.row + p.rowspan - 1 for p in placed)
    right = max(p.col + p.colspan - 1 for p in placed)
    one = (top, left) == (bottom, right)
    span = a1(top, left, True) + ("" if one else ":" + a1(bottom, right, True))
    shown = a1(top, left) + ("" if one else ":" + a1(bottom, right))
    return f"{quote_sheet(sheet)}!{span}", f"{sheet} {shown}"


def write_check_sheet(book, rows: list[CheckRow]) -> None:
    ws = book.sheet(CHECK_SHEET)
    fmt = book.fmt
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, LINK_COL, "校验（自动计算，无需填写）", fmt["title"])
    ws.set_row(0, 26)
    last = rows[-1].row if rows else FIRST_ROW
    span = f"{a1(FIRST_ROW, RESULT_COL, True)}:{a1(last, RESULT_COL, True)}"
    failed = sum(1 for r in rows if not book.outcome(r.instance))
    ws.merge_range(1, 0, 1, LINK_COL, "", fmt["status"])
    ws.write_formula(1, 0, f'="共 {len(rows)} 项校验，未通过 "&COUNTIF({span},"{BAD}")&" 项"', fmt["status"],
                     f"共 {len(rows)} 项校验，未通过 {failed} 项")
    ws.merge_range(2, 0, 2, LINK_COL, "✓ 表示关系成立；✗ 表示不平衡，差额 = 左边 − 右边。请回到对应的表修改黄色单元格。",
                   fmt["note"])
    for col, head in enumerate(("序号", "规则", "校验内容", "位置", "结果", "差额", "转到单元格")):
        ws.write(3, col, head, fmt["check_head"])
    ctx = Locator(book.report)
    address, previous = book.check_addresses()
    for k, r in enumerate(rows, start=1):
        inst = r.instance
        loc = location_text(instance_location(ctx, inst), "zh")
        ws.write(r.row, 0, k, fmt["check_text"])
        ws.write(r.row, 1, f"{inst.rule} {rule_title(inst.rule)}", fmt["check_text"])
        ws.write(r.row, 2, inst.equation.description, fmt["check_text"])
        ws.write(r.row, 3, loc, fmt["check_text"])
        target = _link_target(book, inst)
        if target:  # internal link (a column of its own: spreadsheet programs do not wrap link text)
            ws.write_url(r.row, LINK_COL, f"internal:{target[0]}", fmt["check_link"], target[1],
                         book.wording("workbook.check.link_tip", where=loc)[:255])
        else:
            ws.write_blank(r.row, LINK_COL, None, fmt["check_text"])
        ws.set_row(r.row, max(height_for(loc, WIDTHS[3]), height_for(inst.equation.description, WIDTHS[2])))
        outcome = book.outcome(inst)
        ws.write_formula(r.row, RESULT_COL, book.formula(("check", inst), lambda: check_formula(
            inst, address, OK, BAD, previous=previous)), fmt["check_result"], OK if outcome else BAD)
        ws.write_formula(r.row, DIFF_COL, book.formula(("diff", inst), lambda: difference_formula(
            inst, address, previous=previous)), fmt["check_diff"], book.difference(inst))
    if rows:
        ws.conditional_format(FIRST_ROW, RESULT_COL, last, RESULT_COL,
                              {"type": "cell", "criteria": "==", "value": f'"{BAD}"', "format": fmt["bad"]})
        ws.conditional_format(FIRST_ROW, RESULT_COL, last, RESULT_COL,
                              {"type": "cell", "criteria": "==", "value": f'"{OK}"', "format": fmt["ok"]})
        ws.conditional_format(FIRST_ROW, DIFF_COL, last, DIFF_COL,
                              {"type": "cell", "criteria": "!=", "value": 0, "format": fmt["bad"]})
        ws.conditional_format(1, 0, 1, 0, {"type": "text", "criteria": "not containing", "value": "未通过 0 项",
                                           "format": fmt["bad"]})
        ws.repeat_rows(3, 3)
        ws.freeze_panes(FIRST_ROW, 0)
    ws.set_landscape()
    book.print_setup(ws)
