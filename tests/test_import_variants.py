"""Synthetic published reports, built with a distinct figure in every cell: variants import correctly
or fail loudly, and a value never lands in a cell it does not belong to."""

from __future__ import annotations

import pytest

from import_helpers import figures, html_report, text_report
from workbook_tools import api
from workbook_tools.importers import read


def _read(tmp_path, text: str, name: str, encoding: str = "utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return read(p)


def _raw(res) -> dict[str, str]:
    return {k: c.raw for k, c in res.report.cells.items()}


def _no_misplaced(res, edition_id: str) -> None:
    """Every value read is the one written in that very cell."""
    want = figures(edition_id)
    wrong = {k: v for k, v in _raw(res).items() if v and k in want and v != want[k]}
    assert not wrong


@pytest.mark.parametrize("edition_id", ["2019", "2021", "2021-hybrid"])
def test_html_every_cell_and_the_layout_detected(tmp_path, edition_id):
    res = _read(tmp_path, html_report(edition_id), "r.html")
    assert res.edition.id == edition_id and not res.partial
    assert _raw(res) == figures(edition_id)


@pytest.mark.parametrize("edition_id", ["2019", "2021", "2021-hybrid"])
def test_sparse_text_every_cell(tmp_path, edition_id):
    res = _read(tmp_path, text_report(edition_id), "r.txt")
    assert res.edition.id == edition_id and not res.partial
    assert _raw(res) == figures(edition_id)


def test_gbk_page_with_typos_line_breaks_and_nbsp(tmp_path):
    labels = {"2.其他法律行政法规禁止公开": "2.其他法律行政止公开",  # typo seen in a real table (SPEC §16)
              "社会公益组织": "社会公益组识", "自然人": "自 然 人", "商业企业": "商业\n企业",
              "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
                  "1、申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"}
    page = html_report("2021", labels=labels).replace("<meta charset='utf-8'>", "<meta charset='gbk'>")
    page = page.replace("<td></td>", "<td>&nbsp;</td>")
    res = _read(tmp_path, page, "r.htm", encoding="gbk")
    assert not res.partial and _raw(res) == figures("2021")
    written = {d.written: d.canonical for d in res.report.deviations}
    assert written["2.其他法律行政止公开"] == "2.其他法律行政法规禁止公开"
    assert written["社会公益组识"] == "社会公益组织"
    assert "商业企业" not in written  # a line break inside a cell is layout, not a deviation


def test_blank_cells_and_placeholders_stay_in_their_cells(tmp_path):
    values = figures("2021")
    values.update({"T3/R1/C3": "", "T3/R3.1/C7": "—", "T2/fees/amount": "2510元", "T4/L1/C2": "无"})
    res = _read(tmp_path, html_report("2021", values=values), "r.html")
    cells = res.report.cells
    assert (cells["T3/R1/C3"].status, cells["T3/R3.1/C7"].status, cells["T4/L1/C2"].status) == ("blank", "placeholder", "placeholder")
    assert cells["T2/fees/amount"].raw == "2510元" and str(cells["T2/fees/amount"].value) == "0.251"
    assert _raw(res) == values
    rules = {f.rule for f in api.validate_report(res.report).findings}
    assert {"V02", "V03", "V04"} <= rules


def test_sparse_text_with_blank_cells_keeps_positions(tmp_path):
    values = figures("2019")
    values.update({"T3/R2/C2": "", "T3/R2/C3": "", "T2/procurement/amount": ""})
    res = _read(tmp_path, text_report("2019", values=values), "r.txt")
    assert not res.partial and _raw(res) == values


def test_heading_variants(tmp_path):
    heads = {"一": "1、 总体情况", "五": "五、政府信息公开工作存在的主要问题及改进情况", "六": "六、其他需要报告的事项说明"}
    page = html_report("2021", heads=heads)
    # a heading glued to the end of the paragraph before it, as HTML-to-text conversions leave it
    page = page.replace("<p>第一部分的示例文字，由测试生成。</p>\n<h2>二、主动公开政府信息情况</h2>",
                        "<p>第一部分的示例文字，由测试生成。二、主动公开政府信息情况</p>")
    res = _read(tmp_path, page, "r.html")
    assert not res.partial and _raw(res) == figures("2021")
    assert [n for n, _ in res.report.document.headings] == ["一", "二", "三", "四", "五", "六"]
    assert res.report.narrative.section("一").text() == "第一部分的示例文字，由测试生成。"
    findings = api.validate_report(res.report).findings
    assert {(f.rule, f.key) for f in findings if f.rule in ("S02", "S03")} == {
        ("S03", "S03.numbering"), ("S03", "S03.variant"), ("S03", "S03.differs")}


def test_missing_section_and_missing_note_are_reported(tmp_path):
    page = html_report("2021", labels={"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）": ""})
    page = page.replace("<h2>六、其他需要报告的事项</h2>", "")
    res = _read(tmp_path, page, "r.html")
    keys = {f.key for f in api.validate_report(res.report).findings}
    assert {"S02.missing", "S09"} <= keys


def test_table_split_across_pages_with_a_page_number_between(tmp_path):
    page = html_report("2021", split_t3_at=12, between="- 4 -")
    res = _read(tmp_path, page, "r.html")
    assert not res.partial and _raw(res) == figures("2021")


def test_extra_row_is_unplaced_not_added_anywhere(tmp_path):
    row2 = '<tr><td colspan="3">二、上年结转政府信息公开申请数量'
    page = html_report("2021")
    assert row2 in page
    page = page.replace(row2, '<tr><td colspan="3">小计</td>' + "<td>99999</td>" * 7 + "</tr>" + row2, 1)
    res = _read(tmp_path, page, "r.html")
    assert _raw(res) == figures("2021")
    assert [u.text for u in res.report.unplaced] == ["小计"]
    assert "S08" in {f.rule for f in api.validate_report(res.report).findings}


def test_swapped_header_in_sparse_text_fails_loudly(tmp_path):
    text = text_report("2021").replace("\t自然人\n", "\tTMP\n").replace("\t总计\n\n\t商业企业", "\t自然人\n\n\t商业企业")
    text = text.replace("\tTMP\n", "\t总计\n")
    res = _read(tmp_path, text, "r.txt")
    assert res.partial
    assert any("表三" in p.zh for p in res.problems)
    assert not [k for k in res.report.cells if k.startswith("T3/")]  # nothing guessed
    _no_misplaced(res, "2021")
    result = api.validate_report(res.report)
    assert not result.valid and "S06" in {f.rule for f in result.findings}
    assert any("部分导入" in n for n in res.report.read_notes)


def test_sparse_row_with_a_value_missing_is_refused(tmp_path):
    text = text_report("2021").replace("\t一、本年新收政府信息公开申请数量\n", "\t一、本年新收政府信息公开申请数量\nDROP", 1)
    lines = text.split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("DROP"))
    lines[k] = lines[k][4:]
    del lines[k + 1]  # one of the seven values of the row disappears
    res = _read(tmp_path, "\n".join(lines), "r.txt")
    assert res.partial and not [k for k in res.report.cells if k.startswith("T3/R1/")]
    assert any("一、本年新收政府信息公开申请数量" in p.zh for p in res.problems)
    _no_misplaced(res, "2021")
    assert len([k for k in res.report.cells if k.startswith("T3/")]) == 24 * 7


def test_table_cut_with_its_merged_cells_fails_loudly(tmp_path):
    # the continuation lost the cells merged from above: its rows are shorter than the header says
    res = _read(tmp_path, html_report("2021", split_t3_at=12, cut_naively=True), "r.html")
    assert res.partial and any("表三" in p.zh for p in res.problems)
    _no_misplaced(res, "2021")
    assert "T3/R3.3.6/C1" not in res.report.cells
