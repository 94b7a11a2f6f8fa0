"""Pipe tables as PDF-to-Markdown converters and web editors write them (.md and .txt): read by label
like HTML tables, whatever the framing, separator line or way of printing merged cells; prose with a
stray ``|`` stays prose."""

from __future__ import annotations

from collections import Counter

import pytest
from typer.testing import CliRunner

from factories import huaian_2024
from import_helpers import AGENCY, figures, html_report
from workbook_tools import api
from workbook_tools.cli import app
from workbook_tools.editions import get_edition
from workbook_tools.importers import markdown, read
from workbook_tools.layout import VALUE, grid


def pipe_rows(table, values, merged="empty", labels=None):
    """The printed grid, one cell per position; a merged cell once then empty, or repeated."""
    g = grid(table)
    out = []
    for r, line in enumerate(g.dense()):
        cells = []
        for k, c in enumerate(line):
            if c is None or (merged == "empty" and (c.row, c.col) != (r, k)):
                cells.append("")
            elif c.role == VALUE:
                cells.append(values.get(c.ref.key, ""))
            else:
                text = c.text.replace("\n", "")
                cells.append((labels or {}).get(text, text))
        out.append(cells)
    return out


def md_report(edition_id, values=None, merged="empty", outer=True, separator=True, labels=None, prose=None):
    ed = get_edition(edition_id)
    values = figures(edition_id) if values is None else values
    lines = [f"# {AGENCY}2024年政府信息公开工作年度报告", "", "本报告所列数据的统计期限自2024年1月1日至2024年12月31日。", ""]
    for s in ed.sections:
        lines += [f"## {s.title}", ""]
        if not s.table:
            lines += [(prose or {}).get(s.number, f"第{s.number}部分的示例文字。"), ""]
            continue
        for i, row in enumerate(pipe_rows(ed.table(s.table), values, merged, labels)):
            lines.append("| " + " | ".join(row) + " |" if outer else " | ".join(row))
            if i == 0 and separator:
                lines.append("|" + "---|" * len(row) if outer else "|".join(["---"] * len(row)))
        lines.append("")
    lines += [AGENCY, "2025年1月20日"]
    return "\n".join(lines) + "\n"


def _import(tmp_path, text, name="r.md"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return read(p)


def _raw(res):
    return {k: c.raw for k, c in res.report.cells.items()}


@pytest.mark.parametrize("edition_id", ["2019", "2021", "2021-hybrid"])
@pytest.mark.parametrize("merged,outer,separator", [
    ("empty", True, True), ("repeat", True, False), ("empty", False, True), ("repeat", False, False)])
def test_every_cell_of_a_pipe_table_report(tmp_path, edition_id, merged, outer, separator):
    res = _import(tmp_path, md_report(edition_id, merged=merged, outer=outer, separator=separator))
    assert res.edition.id == edition_id and not res.partial
    assert _raw(res) == figures(edition_id)
    assert all(c.source.startswith("第") for c in res.report.cells.values())  # line numbers of the file


@pytest.mark.parametrize("edition_id,merged", [("2021", "empty"), ("2019", "repeat")])
def test_text_file_with_pipe_tables(tmp_path, edition_id, merged):
    res = _import(tmp_path, md_report(edition_id, merged=merged, outer=merged == "empty"), "r.txt")
    assert res.edition.id == edition_id and not res.partial and _raw(res) == figures(edition_id)


def test_inline_formatting_escaped_pipes_and_breaks_do_not_break_labels(tmp_path):
    ed = get_edition("2021")
    labels = {"规章": "**规章**", "自然人": "*自然人*", "商业企业": "商业<br>企业", "行政许可": "`行政许可`",
              ed.table("T3").note: "（本列数据的勾稽关系为：第一项加第二项之和 \\| 等于第三项加第四项之和）",
              "3.其他": "3.其他&nbsp;"}
    res = _import(tmp_path, md_report("2021", labels=labels))
    assert not res.partial and _raw(res) == figures("2021")
    assert not res.report.deviations  # emphasis and markup are formatting, not a different label


def test_escaped_pipe_is_text_inside_its_cell(tmp_path):
    values = figures("2021")
    values["T4/F/C1"] = "1\\|2"
    text = md_report("2021", values=values)
    t4 = [x for x in markdown.parse(text).items if getattr(x, "rows", None) and x.rows[0][0] == "行政复议"][0]
    assert {len(r) for r in t4.rows} == {15} and t4.rows[-1][0] == "1|2"
    res = _import(tmp_path, text)  # text in a value cell: the row is refused, nothing lands elsewhere
    assert res.partial and not any(k.startswith("T4/") for k in res.report.cells)
    assert {k: v for k, v in _raw(res).items() if v != values[k]} == {}


def test_balanced_report_gives_the_same_findings_as_its_html_page(tmp_path):
    r = huaian_2024()
    values = {k: c.raw for k, c in r.cells.items()}
    values["T3/R1/C3"] = "—"  # zeros written as a dash and as a word: V03, not V01
    values["T3/R2/C2"] = "不适用"
    md = _import(tmp_path, md_report("2021", values=values, merged="empty", outer=False))
    page = _import(tmp_path, html_report("2021", values=values), "r.html")
    assert _raw(md) == _raw(page) == values and not md.partial
    found = Counter(f.rule for f in api.validate_report(md.report).findings)
    assert found == Counter(f.rule for f in api.validate_report(page.report).findings)
    assert found["V03"] == 2 and found["V01"] == 0 and not any(k[0] == "A" for k in found)


def test_placeholder_row_under_the_header_is_a_row_not_a_separator(tmp_path):
    values = figures("2021")
    for col in ("C1", "C2", "C3", "C4", "C5"):
        values[f"T4/F/{col}"] = "-"
    text = md_report("2021", values=values, separator=False)
    res = _import(tmp_path, text)
    assert not res.partial and {res.report.cells[f"T4/F/C{i}"].status for i in range(1, 6)} == {"placeholder"}


def test_prose_with_a_pipe_and_an_unrelated_table_stay_silent(tmp_path):
    prose = {"一": "联系电话：0431-12345678 | 传真：0431-87654321",
             "六": "| 联系人 | 电话 |\n|---|---|\n| 张三 | 12345 |"}
    res = _import(tmp_path, md_report("2021", prose=prose))
    assert not res.partial and _raw(res) == figures("2021")
    assert not res.report.unplaced and not res.problems
    text = res.report.narrative.sections[0].text()
    assert "传真：0431-87654321" in text


def test_single_line_with_a_pipe_is_prose():
    doc = markdown.parse("本局网址 | 政务公开专栏\n\n第二段。\n")
    assert [type(x).__name__ for x in doc.items] == ["Para", "Para"]


def test_ragged_rows_are_read_as_sparse():
    doc = markdown.parse("| 规章 | 1 | 0 |\n| 行政规范性文件 | 2 | 1 | 9 |\n")
    (table,) = doc.items
    assert not table.dense and table.rows == [["规章", "1", "0"], ["行政规范性文件", "2", "1", "9"]]


def test_damaged_row_is_partial_and_never_misplaced(tmp_path):
    text = md_report("2021")
    want = figures("2021")
    row = "| 规章 | " + " | ".join(want[f"T2/regulations/{c}"] for c in ("issued", "repealed", "in_force")) + " |"
    assert row in text
    text = text.replace(row, "| 规章 | " + want["T2/regulations/issued"] + " | " + want["T2/regulations/repealed"] + " |")
    res = _import(tmp_path, text)
    assert res.partial and "T2/regulations/in_force" in res.missing
    assert {k: v for k, v in _raw(res).items() if v != want.get(k)} == {}


@pytest.mark.parametrize("damage,code", [(False, 0), (True, 1)])
def test_cli_import_of_a_markdown_file(tmp_path, damage, code):
    text = md_report("2019", merged="repeat")
    if damage:
        text = text.replace("| 行政许可 |", "| 行政许诺可可可 |", 1)
    src = tmp_path / "报告.md"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "r.json"
    r = CliRunner().invoke(app, ["import", str(src), "-o", str(out)])
    assert r.exit_code == code, r.output
    back = api.load_report(out)
    assert back.meta.edition == "2019"
    want = figures("2019")
    assert {k: c.raw for k, c in back.cells.items() if c.raw != want.get(k)} == {}
    assert ("T2/licensing/prev_items" in back.cells) is not damage
