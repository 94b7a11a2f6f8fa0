"""The office workbook of `check -o 汇总校验.xlsx` as a disclosure office uses it: an overview band, problems
first, totals, fills, a print layout that reads; charts and 一图读懂; a ready 退回修改意见 per unit and a 催报
list.  One LibreOffice conversion (module scope) checks that every sheet prints within its page width."""

from __future__ import annotations

import copy
import io
import random
import re
import zipfile

import pytest
from batch_corpus import named_report, write_json, write_roster
from conftest import require

from workbook_tools import api
from workbook_tools.batch.check import check
from workbook_tools.batch.feedback import reminder_text, revision_notes, row_notes
from workbook_tools.batch.write import to_xlsx
from workbook_tools.spec import Role

ROSTER = ["青山县教育局", "青山县财政局", "青山县民政局", "青山县公安局", "青山县水利局", "青山县审计局", "青山县商务局"]
MISSING = ["青山县审计局", "青山县商务局"]
DEADLINE = "2025年1月20日"


def _cell(report, *roles):
    (ref,) = report.edition.cells_for(*roles)
    return ref


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """Five reports (one unbalanced, one with a word for a number, one with a warning), an old .xls, and a
    roster naming two units that sent nothing."""
    folder = tmp_path_factory.mktemp("office") / "报送"
    folder.mkdir()
    rng = random.Random(5)
    reports = {}
    for i, name in enumerate(ROSTER[:5]):
        r = named_report(name, rng)
        if i == 1:  # a total that no longer adds up
            ref = _cell(r, Role.RECEIVED, Role.TOTAL)
            r.set(ref, str(r.number(ref) + 1))
        if i == 2:
            r.set(_cell(r, Role.DISCLOSED, Role.TOTAL), "十二")
        if i == 3:  # a money figure with its unit typed in the cell: a warning only
            r.set(_cell(r, Role.FEE_AMOUNT), "8.5万元")
        reports[name] = r
        write_json(r, folder / f"{i + 1:02d}")
    (folder / "06.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    roster = folder.parent / "名单.csv"
    write_roster(roster, ROSTER)
    summary = check([folder], roster=roster, jobs=0)
    summary.deadline = DEADLINE
    data = to_xlsx(summary)
    path = folder.parent / "汇总校验.xlsx"
    path.write_bytes(data)
    return {"summary": summary, "data": data, "path": path, "reports": reports, "folder": folder}


@pytest.fixture(scope="module")
def book(office):
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(office["data"]))


def _table(ws, first_head="序号"):
    top = next(r for r in range(1, 12) if ws.cell(r, 1).value == first_head)
    head = [c.value for c in ws[top]]
    body = [dict(zip(head, row)) for row in ws.iter_rows(min_row=top + 1, values_only=True) if isinstance(row[0], int)]
    return top, head, body


# ------------------------------------------------------------------------------------------ notes


def test_revision_notes_say_what_to_fix_where_errors_first(office):
    r = copy.deepcopy(office["reports"]["青山县财政局"])
    r.set(_cell(r, Role.FEE_AMOUNT), "8.5万元")  # add a warning to the two errors
    result = api.validate_report(r, None)
    note = revision_notes(result)
    lines = note.splitlines()
    assert lines[0].startswith("青山县财政局：") and "2 处错误" in lines[0] and "1 处需核实" in lines[0]
    errors_at = next(i for i, s in enumerate(lines) if s.startswith("须修改的错误"))
    warnings_at = next(i for i, s in enumerate(lines) if s.startswith("请核实的问题"))
    assert errors_at < warnings_at
    numbers = [int(m.group(1)) for s in lines if (m := re.match(r"(\d+)\. ", s))]
    assert numbers == list(range(1, len(numbers) + 1)) == [1, 2, 3]
    assert lines[errors_at + 1] == "【表三】"  # grouped per table, the table named once
    expected = r.number(_cell(r, Role.RECEIVED, Role.TOTAL)) - 1
    assert any(re.fullmatch(rf"\d+\. 「[^」]+」行「总计」列应为 {expected}，现为 {expected + 1}（.+）。", s) for s in lines), note
    assert "8.5万元" in note.split("请核实的问题")[1]
    english = revision_notes(result, "en")
    assert "Errors to correct (2):" in english and "should be" in english and "须修改" not in english


def test_a_clean_report_gets_no_list_and_a_row_gets_the_same_note(office):
    clean = api.validate_report(office["reports"]["青山县教育局"], None)
    assert "未发现问题" in revision_notes(clean) and "1." not in revision_notes(clean)
    rows = {f.get("agency"): f for f in office["summary"].files}
    for name in ("青山县财政局", "青山县民政局", "青山县公安局"):
        alone = api.validate_report(office["reports"][name], None)
        assert row_notes(rows[name]) == revision_notes(alone), name  # the workbook and the web say the same
    unreadable = next(f for f in office["summary"].files if f["status"] == "unreadable")
    assert "无法读取" in row_notes(unreadable) and "另存为" in row_notes(unreadable)


def test_reminder_text():
    assert reminder_text("青山县审计局", DEADLINE, year=2024) == \
        "青山县审计局：你单位尚未报送2024年度政府信息公开工作年度报告，请于2025年1月20日前报送。"
    assert "尽快" in reminder_text("青山县审计局") and "by 1 March" in reminder_text("X", "1 March", "en")


# ------------------------------------------------------------------------------------------ 汇总


def test_summary_sheet_opens_with_the_overview_and_lists_problems_first(book, office):
    ws = book["汇总"]
    assert "汇总校验" in ws["A1"].value and "2024" in ws["A1"].value
    band = {ws.cell(2, j).value: ws.cell(3, j).value for j in range(1, 10) if ws.cell(2, j).value}
    assert band == {"应报": 7, "已报": 5, "未报送": 2, "未填写": 0, "有错误": 2, "无法读取": 1, "通过": 3}
    top, head, body = _table(ws)
    assert [r["序号"] for r in body] == list(range(1, 7))  # 序号 counts the rows as shown
    assert [r["状态"] for r in body] == ["无法读取", "有错误", "有错误", "通过", "通过", "通过"]
    assert [r["单位"] for r in body[1:]] == ROSTER[1:3] + [ROSTER[0], ROSTER[3], ROSTER[4]]  # then roster order
    assert ws.freeze_panes == f"A{top + 1}" and book["汇总"].print_title_rows == f"${top}:${top}"
    # the totals row adds up every file's figures (numbers: the summary holds no formula)
    total_row = top + len(body) + 1
    assert ws.cell(total_row, 2).value.startswith("合计")
    figures = [f["figures"]["new"] for f in office["summary"].files if f["figures"].get("new") is not None]
    assert ws.cell(total_row, head.index("本年新收") + 1).value == sum(figures)
    assert ws.cell(total_row, head.index("错误") + 1).value == 3


def test_status_is_shown_by_conditional_fills_not_coloured_text(book):
    ws = book["汇总"]
    top, head, body = _table(ws)
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[head.index("状态")]
    ranges = {str(r.sqref): [rule for rule in r.rules] for r in ws.conditional_formatting}
    rules = next(v for k, v in ranges.items() if k.startswith(letter))
    formulas = {rule.formula[0]: rule.dxf.fill.bgColor.rgb for rule in rules}
    assert '"有错误"' in formulas and '"通过"' in formulas and formulas['"有错误"'] != formulas['"通过"']
    status_cell = ws.cell(top + 2, head.index("状态") + 1)
    font = status_cell.font
    assert status_cell.value == "有错误" and not font.b and (font.color is None or font.color.type == "theme")


@pytest.mark.parametrize("sheet", ["汇总", "一图读懂", "问题明细", "退回修改意见", "报送情况", "催报", "说明"])
def test_every_sheet_is_set_up_for_a4_at_page_width(book, sheet):
    ws = book[sheet]
    assert ws.page_setup.paperSize in (9, "9")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (1, None)
    if sheet in ("汇总", "问题明细", "退回修改意见"):
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows


# ------------------------------------------------------------------------------------------ sheets


def test_revision_notes_sheet_and_reminders(book, office):
    _, _, notes = _table(book["退回修改意见"])
    by_unit = {r["文件"]: r for r in notes}
    assert set(by_unit) == {"02.json", "03.json", "04.json", "06.xls"}  # clean reports are not sent back
    note = by_unit["02.json"]["退回修改意见"]
    assert note.startswith("青山县财政局：") and "应为" in note and "现为" in note and "【表三】" in note
    assert "十二" in by_unit["03.json"]["退回修改意见"] and "请核实的问题" in by_unit["04.json"]["退回修改意见"]
    assert book["退回修改意见"].row_dimensions[2].height > 15  # a note of several lines is not cut off
    _, _, remind = _table(book["催报"])
    assert [r["名单单位"] for r in remind] == MISSING
    assert remind[0]["催报通知"] == reminder_text(MISSING[0], DEADLINE, year=2024)


def test_charts_and_the_region_at_a_glance(office, book):
    with zipfile.ZipFile(io.BytesIO(office["data"])) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        assert len(charts) == 2
        xml = [z.read(n).decode() for n in charts]
    assert sorted(re.search(r'<c:barDir val="(\w+)"', x).group(1) for x in xml) == ["bar", "col"]
    assert all("图表数据" in x for x in xml)
    ws = book["一图读懂"]
    values = {}  # big numbers: a label with its number below
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    for (r, c), v in cells.items():
        if isinstance(v, str) and isinstance(cells.get((r + 1, c)), (int, float)):
            values[v] = cells[(r + 1, c)]
    valid = [office["reports"][n] for n in ("青山县教育局", "青山县公安局", "青山县水利局")]
    received = sum(r.number(_cell(r, Role.RECEIVED, Role.TOTAL)) for r in valid)
    assert values["本年新收"] == received and values["通过"] == 3 and values["收到文件"] == 6
    assert "2024年度" in ws["A1"].value and "一图读懂" in ws["A1"].value


def test_english_workbook(office):
    import openpyxl

    summary = check([office["folder"]], roster=office["folder"].parent / "名单.csv", jobs=0, lang="en")
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(summary)))
    assert wb.sheetnames == ["summary", "at a glance", "findings", "revision notes", "submissions", "reminders", "about",
                             "chart data"]
    assert wb["summary"].cell(2, 1).value == "due"


# ------------------------------------------------------------------------------------------ printed


@pytest.fixture(scope="module")
def printed(office):
    from workbook_tools.render.report_pdf import find_soffice, office_to_pdf

    require(find_soffice() is not None, "LibreOffice (soffice) not installed")
    pdfplumber = pytest.importorskip("pdfplumber")
    pdf = office_to_pdf(office["data"], ".xlsx", near=office["path"])
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(p.width, p.extract_text() or "", [c["x1"] for c in p.chars]) for p in doc.pages]


def test_libreoffice_prints_every_sheet_with_its_charts_within_the_page_width(printed):
    # each sheet's first printed line: its title or its header row
    markers = {"汇总": "汇总校验", "一图读懂": "一图读懂", "问题明细": "规则名称", "退回修改意见": "退回修改意见",
               "报送情况": "名单单位 报送情况", "催报": "催报通知", "说明": "生成时间"}
    pages = {sheet: next((i for i, (_, txt, _) in enumerate(printed) if marker in txt.split("\n")[0]), None)
             for sheet, marker in markers.items()}
    assert all(i is not None for i in pages.values()), pages
    assert sorted(pages.values()) == list(pages.values())  # one page (at least) per sheet, in the sheets' order
    for width, txt, xs in printed:
        assert xs and max(xs) <= width + 0.5, txt[:80]  # nothing cut off at the right edge …
        first = txt.split("\n")[0]
        # … nor carried over to a page of its own: every page opens with a sheet's title or its repeated header
        assert first.startswith("序号") or any(m in first for m in markers.values()), first
    glance = printed[pages["一图读懂"]][1]
    assert "报告校验情况" in glance and "各单位本年新收与办结申请" in glance  # the charts' titles: drawn
    assert "青山县教育局" in glance and "本年新收" in glance


def test_figures_no_workbook_can_hold_still_give_a_workbook(tmp_path):
    # a hostile file's figures (NaN, 1e400) reach the big numbers, the chart data and the totals row as text
    from decimal import Decimal

    import openpyxl

    from workbook_tools.batch.discover import Found
    from workbook_tools.batch.job import _row
    from workbook_tools.batch.summary import build

    values = [Decimal("NaN"), Decimal("1e400"), 7]
    found = [Found(tmp_path / f"{i}.json", f"{i}.json") for i in range(len(values))]
    rows = [_row(str(f.path), status="ok", agency=f"单位{i}", figures={k: v for k in ("new", "closed")})
            for i, (f, v) in enumerate(zip(found, values))]
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(build(found, rows, None, {}, "zh", inputs=["x"]))))
    texts = {c.value for row in wb["一图读懂"].iter_rows() for c in row if isinstance(c.value, str)}
    assert "NaN" in texts
    assert [r[0] for r in wb["图表数据"].iter_rows(values_only=True)][-1:] == ["单位2"]  # only the plottable unit
