"""Real documents: the seed text (2019 edition, 吉林 extra line) and the 淮安 2024 PDF (SPEC Appendix A.1)."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, shared
from workbook_tools import api
from workbook_tools.cli import app
from workbook_tools.importers import read

SEED = ("seeds", "000_f5d5ef7bb5443bb4.txt")
HUAIAN = ("fixtures", "real", "2024_huaian-shi.pdf")
TEMPLATE = ("fixtures", "real", "2021_official-format-template.docx")


def _appendix_a1() -> dict[str, Decimal]:
    """Every figure of SPEC Appendix A.1, read from the spec text itself."""
    spec = shared("format", "SPEC.md").read_text(encoding="utf-8")
    part = spec[spec.index("### A.1"):spec.index("### A.2")]
    want: dict[str, Decimal] = {}
    cols = [f"C{i}" for i in range(1, 8)]
    for m in re.finditer(r"^\| (R[\d.]+) \|(.*)\|$", part, re.M):
        for col, v in zip(cols, m.group(2).split("|")):
            want[f"T3/{m.group(1)}/{col}"] = Decimal(v.strip())
    t2 = {"regulations": ("issued", "repealed", "in_force"), "normative": ("issued", "repealed", "in_force")}
    m = re.search(r"`规章` ([\d ./]+); `行政规范性文件` ([\d ./]+);", part)
    for row, text in zip(t2, m.groups()):
        for col, v in zip(t2[row], text.split("/")):
            want[f"T2/{row}/{col}"] = Decimal(v.strip())
    for label, key in (("行政许可", "T2/licensing/decisions"), ("行政处罚", "T2/penalty/decisions"),
                       ("行政强制", "T2/coercion/decisions"), ("行政事业性收费", "T2/fees/amount")):
        want[key] = Decimal(re.search(rf"`{label}` ([\d.]+)", part).group(1))
    for row in ("F", "L1", "L2"):
        nums = re.search(rf"{row} = ([\d, *]+);?", part).group(1).replace("*", "").split(",")
        for i, v in enumerate(nums[:5], 1):
            want[f"T4/{row}/C{i}"] = Decimal(v.strip())
    return want


@pytest.fixture(scope="module")
def seed():
    return read(shared(*SEED))


@pytest.fixture(scope="module")
def huaian():
    return read(shared(*HUAIAN))


def test_seed_every_figure_matches_the_example_data(seed):
    want = api.load_report(EXAMPLES / "dehui-2020.json")
    got = seed.report
    assert seed.edition.id == "2019" and not seed.partial
    assert {k: c.value for k, c in got.cells.items()} == {k: c.value for k, c in want.cells.items()}
    assert got.cells["T2/procurement/amount"].raw == "83.82万元"
    assert got.cells["T2/procurement/amount"].value == Decimal("83.82") and got.cells["T2/procurement/amount"].unit == "万元"
    assert got.meta.profile == "jilin" and got.cells["X/release_total/V"].value == 15


def test_seed_metadata_and_narrative(seed):
    r = seed.report
    assert (r.meta.agency, r.meta.year, r.meta.signature_date) == ("德惠市机关事务管理局", 2020, dt.date(2021, 1, 18))
    assert [n for n, _ in r.document.headings] == ["一", "二", "三", "四", "五", "六"]
    assert r.document.table3_note is True
    five = r.narrative.section("五")
    assert five.title == "5、 存在的主要问题及改进情况"
    assert [b.text for b in five.blocks if b.kind == "heading"] == ["（一）存在问题", "（二）改进措施"]
    assert "德惠市机关事务管理局" not in r.narrative.section("六").text()  # the signature is not narrative
    assert "_GoBack" not in r.narrative.all_text()


def test_seed_validation_reports_the_misnumbered_headings_as_wording(seed):
    # the sections are there, numbered 1、 and 5、: a wording warning (S03), not a missing section (S02)
    result = api.validate_report(seed.report)
    s03 = [f for f in result.findings if f.rule == "S03"]
    assert {(f.location.section, f.key, f.severity.value) for f in s03} == {
        ("一", "S03.numbering", "warning"), ("五", "S03.numbering", "warning")}
    assert not [f for f in result.findings if f.severity.value == "error"]


def test_huaian_pdf_every_figure_equals_appendix_a1(huaian):
    want = _appendix_a1()
    assert len(want) == 200
    got = huaian.report
    assert huaian.edition.id == "2021" and not huaian.partial
    assert {k: Decimal(str(got.cells[k].value)) for k in want} == want
    assert len(got.cells) == 200


def test_huaian_pdf_validates_without_error_and_reports_label_variants(huaian):
    result = api.validate_report(huaian.report)
    assert result.valid, [f.message() for f in result.findings if f.severity.value == "error"]
    s10 = {f.params["written"] for f in result.findings if f.rule == "S10"}
    assert "第二十条 第（一）项" in s10 and "3、其他" in s10
    assert not [f for f in result.findings if f.rule in ("S02", "S03", "S08", "S09")]


def test_huaian_pdf_metadata_and_narrative(huaian):
    r = huaian.report
    assert (r.meta.agency, r.meta.year) == ("淮安市人民政府", 2024)
    assert r.meta.extra["statistical_period"] == "2024-01-01/2024-12-31"
    one = r.narrative.section("一").paragraphs()
    # paragraphs are re-joined across line and page breaks, without the page numbers
    assert any("营商环境高质量推进产业发展" in p and "建设‘四最’一流" in p for p in one)
    assert "3940元" in r.narrative.section("六").text()
    assert not any(re.search(r"- \d+ -", p) for p in one)


def test_blank_official_template_reads_as_blank_cells():
    res = read(shared(*TEMPLATE))
    assert res.edition.id == "2021" and not res.partial
    assert {c.status for c in res.report.cells.values()} == {"blank"}


def test_cli_import_writes_json_and_says_what_it_found(tmp_path):
    out = tmp_path / "h.json"
    r = CliRunner().invoke(app, ["import", str(shared(*HUAIAN)), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "2021 版" in r.output and "完整导入" in r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["cells"]["T3/R1/C7"]["value"] == 3119 and data["document"]["table3_note"] is True
    again = CliRunner().invoke(app, ["import", str(shared(*HUAIAN)), "-o", str(out)])
    assert again.exit_code == 2  # no overwrite without --force
    assert api.load_report(out).document.headings[0] == ("一", "一、总体情况")


def test_cli_validate_and_convert_accept_published_documents(tmp_path):
    r = CliRunner().invoke(app, ["validate", str(shared(*HUAIAN))])
    assert r.exit_code == 0, r.output
    out = tmp_path / "seed.csv"
    r = CliRunner().invoke(app, ["convert", str(shared(*SEED)), "-o", str(out)])
    assert r.exit_code == 0 and "83.82万元" in out.read_text(encoding="utf-8-sig")


def test_a_document_without_report_tables_is_refused(tmp_path):
    src = tmp_path / "notes.txt"
    src.write_text("会议纪要\n今天讨论了三件事。\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["import", str(src), "-o", str(tmp_path / "x.json")])
    assert r.exit_code == 2 and not (tmp_path / "x.json").exists()
