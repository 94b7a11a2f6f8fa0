"""`xxgk compare`: every figure of this year and last, the change and the percentage, matched through
the declarations (also across editions), written as .xlsx with a native chart, .html with an inline
SVG chart, or .docx; a region's sum compares the same way."""

import dataclasses
import io
import zipfile
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from workbook_tools import api
from workbook_tools.cli import app
from workbook_tools.compare import compare, compare_reports
from workbook_tools.compare.figures import match_cells
from workbook_tools.editions import get_edition
from workbook_tools.spec import Role

runner = CliRunner()
THIS = EXAMPLES / "sample-county-2024.json"


def _received(report):
    return report.edition.cells_for(Role.RECEIVED, Role.TOTAL)[0]


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    """This year's sample report and a last year made from it: fewer applications, one more review."""
    folder = tmp_path_factory.mktemp("years")
    last = api.load_report(THIS)
    last.meta.year = 2023
    first_col = last.edition.cells_for(Role.RECEIVED)[0]  # the first applicant column of 一、本年新收
    last.set(first_col, str(last.number(first_col) - 5))
    last.set(_received(last), str(last.number(_received(last)) - 5))
    review = last.edition.cells_for(Role.REVIEW, Role.TOTAL)[0]
    last.set(review, str(last.number(review) + 1))
    path = folder / "2023.json"
    api.save_report(last, path)
    return folder, THIS, path


def test_same_edition_every_figure_with_change_and_percent(years):
    _, this_path, last_path = years
    this, last = api.load_report(this_path), api.load_report(last_path)
    c = compare_reports(this, last)
    assert len(c.rows) == sum(1 for _ in this.edition.cells()) and not c.only_this and not c.only_last
    row = next(r for r in c.rows if r.this_place.key == _received(this).key)
    assert (row.this, row.last, row.change) == (25, 20, 5) and row.percent == Decimal("25.0")
    assert row.this_place.table == "表三" and "本年新收" in row.this_place.item and row.this_place.column == "总计"
    key = {k.name: k for k in c.key}
    assert (key["new"].this, key["new"].last) == (25, 20)
    assert key["review"].change == -1 and key["review"].percent == Decimal("-33.3")
    assert c.changed == 3  # the applicant column, its total and the review total
    assert not c.notes


def test_percent_is_blank_when_last_year_was_zero():
    this, last = api.load_report(THIS), api.load_report(THIS)
    ref = this.edition.cells_for(Role.RECEIVED)[1]
    last.set(ref, "0")
    this.set(ref, "4")
    row = next(r for r in compare_reports(this, last).rows if r.this_place.key == ref.key)
    assert row.change == 4 and row.percent is None


def test_editions_that_differ_are_matched_by_the_declarations():
    c = compare_reports(api.load_report(THIS), api.load_report(EXAMPLES / "dehui-2020.json"))
    assert c.only_this and c.only_last  # the 2021 table 二 columns and （六） rows have no 2019 counterpart
    assert any("（六）" in p.item for p in c.only_this) and any(p.table == "表二" for p in c.only_last)
    assert {k for k, _ in c.notes} >= {"compare.note.editions", "compare.note.years", "compare.note.agency"}
    matched = {r.this_place.key for r in c.rows}
    assert _received(api.load_report(THIS)).key in matched


def test_a_renamed_code_is_matched_by_its_label():
    e = get_edition("2021")
    t3 = e.table_for(Role.APPLICATIONS)
    old = e.rows_for(Role.FORWARD, Role.TOTAL)[0]
    blocks = tuple(dataclasses.replace(b, rows=tuple(dataclasses.replace(r, code="RX") if r.code == old else r
                                                     for r in b.rows)) for b in t3.blocks)
    renamed = dataclasses.replace(e, tables=tuple(dataclasses.replace(t, blocks=blocks) if t is t3 else t
                                                  for t in e.tables))
    pairs, only_this, only_last = match_cells(renamed, e)
    assert (f"{t3.code}/RX/{e.columns_for(Role.APPLICATIONS, Role.TOTAL)[0]}",
            f"{t3.code}/{old}/{e.columns_for(Role.APPLICATIONS, Role.TOTAL)[0]}") in pairs
    assert not only_this and not only_last


def test_xlsx_has_numbers_formulas_and_a_native_chart(years, tmp_path):
    import openpyxl

    _, this_path, last_path = years
    done = compare(this_path, last_path, tmp_path / "对比.xlsx")
    assert done.exit_code == 0 and done.path.exists()
    wb = openpyxl.load_workbook(done.path)
    key = wb.worksheets[0]
    assert key["A1"].value.startswith("示例县") and "2024年与2023年" in key["A1"].value
    assert [key.cell(3, j).value for j in range(1, 6)] == ["主要数字", "2024年", "2023年", "增减", "增减率"]
    assert (key["A4"].value, key["B4"].value, key["C4"].value, key["D4"].value) == ("本年新收申请", 25, 20, "=B4-C4")
    assert len(key._charts) == 1
    with zipfile.ZipFile(done.path) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    assert "<c:barChart>" in chart and "主要数字同比" in chart
    rows = wb.worksheets[1]
    assert rows.max_row == 1 + len(done.comparison.rows)


def test_html_draws_the_chart_inline_and_escapes_what_came_from_files(tmp_path):
    this = api.load_report(THIS)
    this.meta.agency = "<script>alert(1)</script>局"
    last = api.load_report(THIS)
    last.meta.year = 2023
    src_this, src_last = tmp_path / "a.json", tmp_path / "b.json"
    api.save_report(this, src_this)
    api.save_report(last, src_last)
    page = compare(src_this, src_last, tmp_path / "c.html").path.read_text(encoding="utf-8")
    assert "<svg" in page and "<rect" in page and "Noto Sans CJK SC" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "逐项对比" in page and "增减率" in page


def test_docx_holds_the_tables(years, tmp_path):
    import docx

    _, this_path, last_path = years
    path = compare(this_path, last_path, tmp_path / "c.docx", lang="en").path
    d = docx.Document(str(path))
    assert len(d.tables) == 2
    assert [c.text for c in d.tables[0].rows[0].cells] == ["Key figure", "2024", "2023", "Change", "Change %"]
    assert d.tables[0].rows[1].cells[3].text == "+5"


def test_refusals(years, tmp_path):
    from workbook_tools.errors import InputError

    _, this_path, last_path = years
    out = tmp_path / "c.html"
    out.write_text("keep")
    with pytest.raises(InputError):
        compare(this_path, last_path, out)
    assert out.read_text() == "keep"
    with pytest.raises(InputError) as e:
        compare(this_path, last_path, tmp_path / "c.pdf")
    assert "只能写成 .xlsx、.html 或 .docx" in e.value.zh
    with pytest.raises(InputError):
        compare(this_path, this_path, tmp_path / "d.html")
    assert not (tmp_path / "d.html").exists()


def test_a_regions_sum_against_last_years_sum(tmp_path):
    def agencies(year: int, extra: int) -> list:
        paths = []
        for name in ("甲局", "乙局"):
            r = api.load_report(THIS)
            r.meta.agency, r.meta.year = name, year
            ref = r.edition.cells_for(Role.RECEIVED)[0]
            r.set(ref, str(r.number(ref) + extra))
            r.set(_received(r), str(r.number(_received(r)) + extra))
            paths.append(tmp_path / f"{year}-{name}.json")
            api.save_report(r, paths[-1])
        return paths

    now = api.merge(agencies(2024, 3), tmp_path / "2024汇总.json", "某县人民政府", year=2024).path
    then = api.merge(agencies(2023, 0), tmp_path / "2023汇总.json", "某县人民政府", year=2023).path
    c = compare(now, then, tmp_path / "汇总对比.html").comparison
    assert c.this.merged == 2 and c.last.merged == 2
    key = {k.name: k for k in c.key}
    assert (key["new"].this, key["new"].last) == (56, 50)


def test_cli_prints_the_summary_and_the_file(years, tmp_path):
    _, this_path, last_path = years
    out = tmp_path / "c.xlsx"
    r = runner.invoke(app, ["compare", str(this_path), "--previous", str(last_path), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "同比：示例县" in r.output and "本年新收申请：20 → 25（+5）" in r.output and f"已写入 {out}" in r.output
    r = runner.invoke(app, ["compare", str(this_path), "--previous", str(last_path), "-o", str(out)])
    assert r.exit_code == 2 and "已存在" in r.output
    r = runner.invoke(app, ["compare", str(this_path), "-p", str(EXAMPLES / "dehui-2020.json"), "-o",
                            str(tmp_path / "x.docx"), "--lang", "en"])
    assert r.exit_code == 0 and "could not be compared" in r.output and "wrote" in r.output
    assert zipfile.ZipFile(io.BytesIO((tmp_path / "x.docx").read_bytes())).testzip() is None
