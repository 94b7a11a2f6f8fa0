"""The text sheets: 基本信息 (metadata), the narrative sections, and 填报说明 (instructions)."""

from __future__ import annotations

from ..messages import title as rule_title
from ..rules.catalogue import RULES
from .sheetmap import INFO_SHEET
from .sizing import height_for

TEXT_LIMIT = 10000  # characters per narrative cell (Excel's own limit is 32,767)
BODY_WIDTH = 90  # column width of the narrative text cells
# The 填报说明 sheet is one column: spreadsheet programs cannot shrink a single column to the page
# (LibreOffice's "fit to width" only joins page columns), so it is as wide as an A4 page itself.
HELP_WIDTH = 68
MAX_ROW_HEIGHT = 409  # points: Excel's largest row height
KIND_CHOICES = {
    "department": "县级以上人民政府部门",
    "government": "县级以上地方人民政府",
    "other": "乡镇人民政府、街道办事处及其他",
}


def write_info_sheet(book) -> None:
    ws = book.sheet(INFO_SHEET)
    fmt = book.fmt
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 58)
    ws.merge_range(0, 0, 0, 1, book.wmap.edition.document_title.strip("《》") + "（填报模板）", fmt["title"])
    ws.set_row(0, 28)
    sub = f"依据{book.wmap.edition.document}，{book.wmap.edition.name}。黄色单元格为填写区。"
    ws.merge_range(1, 0, 1, 1, sub, fmt["subtitle"])
    for f in book.wmap.fields:
        if f.sheet != INFO_SHEET:
            continue
        ws.write(f.row, 0, f.label, fmt["field_label"])
        ws.set_row(f.row, max(22.0, height_for(f.label, 34)))
        book.write_field(ws, f)
    book.print_setup(ws)


def write_narrative_sheet(book, number: str) -> None:
    section = book.edition.section(number)
    ws = book.sheet(section.title)
    fmt = book.fmt
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, BODY_WIDTH)
    ws.merge_range(0, 0, 0, 1, section.title, fmt["title"])
    ws.set_row(0, 26)
    hint = ("左列填小标题（可改写，不需要的留空），右列填该小标题下的正文；一个单元格内可分段（Alt+Enter 换行，"
            "WPS/LibreOffice 为 Ctrl+Enter）。")
    if number == "一":
        hint += "已按格式要求列出主动公开、依申请公开、政府信息管理、平台建设、监督保障五个方面。"
    ws.merge_range(1, 0, 1, 1, hint, fmt["note"])
    ws.set_row(1, height_for(hint, 114) + 2)
    ws.write(2, 0, "小标题", fmt["check_head"])
    ws.write(2, 1, "正文", fmt["check_head"])
    for f in book.wmap.fields:
        if f.sheet != section.title:
            continue
        if f.key == "preamble":
            ws.write(f.row, 0, f.label, fmt["field_label"])
        book.write_text(ws, f)
        if f.col == 1:  # room for a paragraph or two; more when the text is already there (fill)
            ws.set_row(f.row, min(MAX_ROW_HEIGHT, max(100.0, height_for(book.text(f.key), BODY_WIDTH))))
    book.print_setup(ws)


def help_lines(book) -> list[tuple[str, str]]:
    """(style, text) lines of the 填报说明 sheet, built from the declaration and the rule catalogue."""
    ed = book.edition
    lines = [
        ("help_head", "一、怎样填写"),
        ("help", f"1. 本模板按{ed.document}{ed.document_title}制作，适用于{ed.years[0]}年度"
                 + (f"至{ed.years[1]}年度" if ed.years[1] else "及以后年度") + "的报告。"),
        ("help", "2. 只有黄色单元格可以填写；标签、表头和灰色的合计单元格已锁定，合计由公式自动计算。"),
        ("help", "3. 各表数字一律填阿拉伯数字，没有发生的事项填 0；不要留空，不要填“—”“/”“无”。"),
        ("help", "4. 金额按表头标注的单位填写（如“万元”），可保留两位小数，不要在单元格里写单位。"),
        ("help", "5. “校验”工作表实时显示勾稽关系是否成立：✓ 为通过，✗ 为不平衡，并给出差额；各表顶部也有本表校验结果。"),
        ("help", "6. 文字部分按工作表分别填写；一个单元格内可以分段。"),
        ("help", "7. 填好后请保存为 .xlsx 格式（不要另存为 .xls、.et 或加密），再用 xxgk validate 文件名.xlsx 做全面检查。"),
        ("help_head", "二、自动检查的勾稽关系"),
    ]
    seen = set()
    for eq in ed.equations:
        if eq.rule in seen:
            continue
        seen.add(eq.rule)
        cross = "（需上年数据，使用 --previous 生成模板时才显示）" if any(
            c.report != "this" for c in eq.lhs + eq.rhs) else ""
        lines.append(("help", f"{eq.rule} {rule_title(eq.rule)}：{eq.description}{cross}"))
    lines.append(("help_head", "三、提交后还会检查的规则"))
    for r in RULES:
        if r.applies_to(ed) and r.implemented and r.family != "arithmetic":
            lines.append(("help", f"{r.id} {rule_title(r.id)}"))
    return lines


def write_help_sheet(book, name: str) -> None:
    ws = book.sheet(name)
    ws.set_column(0, 0, HELP_WIDTH)
    ws.write(0, 0, "填报说明", book.fmt["title"])
    ws.set_row(0, 26)
    for i, (style, text) in enumerate(help_lines(book), start=2):
        ws.write(i, 0, text, book.fmt[style])
        ws.set_row(i, max(18.0, height_for(text, HELP_WIDTH - 2)))
    book.print_setup(ws)


__all__ = ["write_info_sheet", "write_narrative_sheet", "write_help_sheet", "KIND_CHOICES", "TEXT_LIMIT"]
