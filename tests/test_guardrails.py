"""Verdicts a user can trust: an unfilled report never passes, `report` does not publish errors
silently, floods of one finding are grouped, one wrong total reads as one mistake, and years are
plausible."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT
from workbook_tools import api
from workbook_tools.cli import app
from workbook_tools.config import Config
from workbook_tools.findings import Severity
from workbook_tools.io.report_json import dump_bytes
from workbook_tools.model import blank_report
from workbook_tools.validate import validate

runner = CliRunner()
TEMPLATES = ROOT / "templates" / "workbooks"
SAMPLE = EXAMPLES / "sample-county-2024.json"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def sample():
    return api.load_report(SAMPLE)


def write(report, path):
    path.write_bytes(dump_bytes(report))
    return path


def of(result, rule):
    return [f for f in result.findings if f.rule == rule]


def t3_keys(report):
    return [k for k in report.cells if k.startswith("T3/")]


# -- 13. an unfilled report is not valid ------------------------------------------------------------


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_blank_template_is_unfilled_and_exits_1(edition):
    r = run("validate", TEMPLATES / f"xxgk-template-{edition}.xlsx")
    assert r.exit_code == 1
    assert "未通过：报告未填写" in r.stdout and "[错误] S11 报告已填写" in r.stdout
    assert r.stdout.index("S11") < r.stdout.index("V02")  # said first
    data = json.loads(run("validate", TEMPLATES / f"xxgk-template-{edition}.xlsx", "--format", "json").stdout)
    assert data["valid"] is False and data["unfilled"] is True
    assert data["findings"][0]["rule"] == "S11" and data["findings"][0]["severity"] == "error"


def test_table_three_blank_while_table_two_has_figures_is_unfilled():
    r = sample()
    for k in t3_keys(r):
        r.set(k, None)
    res = validate(r)
    (s11,) = of(res, "S11")
    assert s11.key == "S11.table3" and "表三没有填写任何数字" in s11.message("zh")
    assert res.unfilled and not res.valid


def test_table_three_of_placeholders_only_is_unfilled():
    r = sample()
    for k in t3_keys(r):
        r.set(k, "—")
    assert validate(r).unfilled


def test_report_filled_with_zeros_is_filled():
    res = validate(blank_report("2021", 2024, "某某县档案馆"))  # every cell an explicit 0
    assert of(res, "S11") == [] and not res.unfilled and res.valid


def test_one_figure_in_table_three_is_enough():
    r = sample()
    for k in t3_keys(r):
        r.set(k, None)
    r.set("T3/R4/C1", "0")  # a typed 0 is a figure
    assert of(validate(r), "S11") == []


def test_valid_report_has_no_s11_and_rules_lists_it():
    assert of(validate(sample()), "S11") == []
    r = run("rules")
    assert "S11" in r.stdout and "报告已填写" in r.stdout
    data = json.loads(run("rules", "--format", "json", "--lang", "en").stdout)
    (s11,) = [d for d in data if d["rule"] == "S11"]
    assert s11["severity"] == "error" and s11["title"] == "report filled in" and s11["in_spec"] is False


def test_disabled_s11_gives_back_the_old_verdict(tmp_path):
    cfg = tmp_path / "rules.toml"
    cfg.write_text("[rules.S11]\nenabled = false\n", encoding="utf-8")
    r = run("validate", TEMPLATES / "xxgk-template-2021.xlsx", "--config", cfg)
    assert r.exit_code == 0 and "S11" not in r.stdout


def test_check_lists_an_unfilled_unit_apart_from_errors(tmp_path):
    sub = tmp_path / "报送"
    sub.mkdir()
    (sub / "空白.xlsx").write_bytes((TEMPLATES / "xxgk-template-2021.xlsx").read_bytes())
    write(sample(), sub / "示例县.json")
    broken = sample()
    broken.meta.agency = "示例县财政局"
    broken.set("T3/R1/C1", "99")
    write(broken, sub / "财政局.json")
    r = run("check", sub, "--no-progress", "-j", 1)
    assert r.exit_code == 1
    assert "通过 1，有错误 1，未填写 1" in r.stdout and "未填写：\n  空白.xlsx" in r.stdout
    data = json.loads(run("check", sub, "--no-progress", "-j", 1, "--format", "json").stdout)
    status = {f["file"].split("/")[-1]: (f["status"], f["status_label"]) for f in data["files"]}
    assert status["空白.xlsx"] == ("unfilled", "未填写")
    assert status["财政局.json"] == ("errors", "有错误") and status["示例县.json"] == ("ok", "通过")
    assert data["totals"]["unfilled"] == 1 and data["exit_code"] == 1


def test_check_of_filled_reports_only_still_passes(tmp_path):
    write(sample(), tmp_path / "示例县.json")
    r = run("check", tmp_path, "--no-progress", "-j", 1)
    assert r.exit_code == 0 and "未填写 0" in r.stdout


# -- 14. `report` validates before publishing --------------------------------------------------------


def broken_sample():
    r = sample()
    r.set("T3/R1/C1", str(r.number("T3/R1/C1") + 5))  # breaks A01 (row 一) and A03 (自然人)
    return r


def test_report_with_errors_is_not_written(tmp_path):
    src = write(broken_sample(), tmp_path / "有错.json")
    out = tmp_path / "报告.docx"
    r = run("report", src, "-o", out)
    assert r.exit_code == 1 and not out.exists()
    assert "报告有 2 个错误，未生成" in r.stderr and "--allow-errors" in r.stderr
    assert "A01" in r.stderr and "A03" in r.stderr and "已写入" not in r.output


def test_allow_errors_writes_and_says_how_many(tmp_path):
    src = write(broken_sample(), tmp_path / "有错.json")
    out = tmp_path / "报告.md"
    r = run("report", src, "-o", out, "--allow-errors")
    assert r.exit_code == 0 and out.exists()
    assert "已写入" in r.stdout and "报告有 2 个错误，已按 --allow-errors 照样生成" in r.stderr


def test_unfilled_template_is_not_published(tmp_path):
    out = tmp_path / "报告.html"
    r = run("report", TEMPLATES / "xxgk-template-2019.xlsx", "-o", out)
    assert r.exit_code == 1 and not out.exists() and "报告未填写" in r.stderr
    r = run("report", TEMPLATES / "xxgk-template-2019.xlsx", "-o", out, "--allow-errors", "--lang", "en")
    assert r.exit_code == 0 and out.exists() and "1 error(s)" in r.stderr


def test_valid_report_is_published_without_allow_errors(tmp_path):
    out = tmp_path / "报告.txt"
    r = run("report", SAMPLE, "-o", out)
    assert r.exit_code == 0 and out.exists() and r.stderr == ""


def test_publish_report_api_owns_the_decision(tmp_path):
    out = tmp_path / "r.md"
    with pytest.raises(api.NotPublishable) as e:
        api.publish_report(broken_sample(), out)
    assert e.value.exit_code == 1 and e.value.result.count(Severity.ERROR) == 2 and not out.exists()
    done = api.publish_report(broken_sample(), out, allow_errors=True)
    assert done.paths == [out] and done.errors == 2
    # an existing output or a wrong format is said before the report is judged (exit 2, not 1)
    with pytest.raises(api.InputError) as e:
        api.publish_report(broken_sample(), out)
    assert e.value.code == "output-exists"
    # a configuration may downgrade what blocks publication, as for `validate`
    cfg = Config.from_dict({"rules": {"A01": {"severity": "warning"}, "A03": {"severity": "warning"}}})
    assert api.publish_report(broken_sample(), tmp_path / "r2.md", config=cfg).errors == 0


# -- 15. floods are grouped; one wrong total is one mistake -------------------------------------------


def test_blank_cells_are_one_finding_per_table_and_json_keeps_every_cell():
    data = json.loads(run("validate", TEMPLATES / "xxgk-template-2021.xlsx", "--format", "json").stdout)
    v02 = [f for f in data["findings"] if f["rule"] == "V02"]
    assert [f["table"] for f in v02] == ["表二", "表三", "表四"]
    t3 = v02[1]
    assert t3["count"] == len(t3["locations"]) == len(t3["cells"]) == 144
    assert "表三有 144 个单元格为空白" in t3["message"] and "等 144 处" in t3["message"]
    first = t3["locations"][0]
    assert first["cell"] == "T3/R1/C1" and first["where"] == "表三!D7" and first["col"] == "自然人"
    assert "为空白" in first["message"]


def test_two_blank_cells_stay_two_plain_findings():
    r = sample()
    r.set("T3/R1/C2", None)
    r.set("T4/F/C1", None)
    v02 = of(validate(r), "V02")
    assert len(v02) == 2 and all(not f.parts for f in v02)
    assert v02[0].message("zh").startswith("表三「一、本年新收政府信息公开申请数量」行「商业企业」列为空白")
    assert "个单元格" not in v02[0].message("zh")


@pytest.mark.parametrize("n, grouped", [(3, False), (4, True)])
def test_grouping_starts_at_four_cells_of_one_table(n, grouped):
    r = sample()
    for col in ("C2", "C3", "C4", "C5")[:n]:
        r.set(f"T3/R2/{col}", None)
    v02 = of(validate(r), "V02")
    assert (len(v02), bool(v02[0].parts)) == ((1, True) if grouped else (n, False))


def test_placeholders_are_grouped_with_what_was_written():
    r = sample()
    for row in ("R3.3.1", "R3.3.2", "R3.3.3", "R3.3.4", "R3.3.5"):
        r.set(f"T3/{row}/C2", "—")
    (v03,) = of(validate(r), "V03")
    assert len(v03.parts) == 5 and "（“—”）" in v03.message("zh")
    assert "5 cells hold a placeholder" in v03.message("en")
    assert [p["raw"] for p in v03.to_dict()["locations"]] == ["—"] * 5


def test_text_output_folds_a_run_of_one_rule(tmp_path):
    r = sample()
    for row in ("R3.1", "R3.2", "R3.3.1", "R3.3.2", "R3.3.3", "R3.3.4"):
        r.set(f"T3/{row}/C2", "x1")  # six V01 errors in table 三 (not grouped at the source)
    src = write(r, tmp_path / "r.json")
    out = run("validate", src).stdout
    assert "[错误] V01 数值类型正确（表三共 6 处）" in out and "……另有 3 处同类问题" in out
    assert out.count("应填数字") == 3
    data = json.loads(run("validate", src, "--format", "json").stdout)
    assert len([f for f in data["findings"] if f["rule"] == "V01"]) == 6  # JSON keeps them all


def test_three_findings_of_a_rule_are_printed_as_they_are(tmp_path):
    r = sample()
    for row in ("R3.1", "R3.2", "R3.3.1"):
        r.set(f"T3/{row}/C2", "x1")
    out = run("validate", write(r, tmp_path / "r.json")).stdout
    assert out.count("[错误] V01") == 3 and "共 3 处" not in out


def arithmetic(report):
    return [f for f in validate(report).findings if f.rule in ("A01", "A02", "A03")]


def test_a_wrong_row_total_breaks_the_balance_and_says_so():
    r = sample()
    r.set("T3/R1/C7", str(r.number("T3/R1/C7") + 5))
    a01, a03 = arithmetic(r)
    assert (a01.rule, a01.key, a01.diff) == ("A01", "A01", 5)
    assert (a03.rule, a03.key, a03.location.col, a03.diff) == ("A03", "A03.follows", "C7", 5)
    assert "「一、本年新收政府信息公开申请数量」行总计的错误（见 A01）" in a03.message("zh")
    assert a03.to_dict()["follows_from"] == ["T3/R1/C7"] and a03.severity is Severity.ERROR


def test_a_wrong_outcome_total_explains_the_seven_total():
    r = sample()
    r.set("T3/R3.1/C7", str(r.number("T3/R3.1/C7") + 5))
    a01, a02 = arithmetic(r)
    assert a02.key == "A02.follows" and a02.diff == -5 and "「（一）予以公开」" in a02.message("zh")


def test_a_wrong_seven_total_is_one_mistake_in_three_relations():
    r = sample()
    r.set("T3/R3.7/C7", str(r.number("T3/R3.7/C7") + 5))
    found = arithmetic(r)
    assert [(f.rule, f.key) for f in found] == [("A01", "A01"), ("A02", "A02.follows"), ("A03", "A03.follows")]


def test_a_wrong_part_is_not_blamed_on_the_total():
    r = sample()
    r.set("T3/R1/C1", str(r.number("T3/R1/C1") + 5))  # the 自然人 figure, not the total, is off
    found = arithmetic(r)
    assert [(f.rule, f.location.col) for f in found] == [("A01", "C7"), ("A03", "C1")]
    assert all(not f.key.endswith(".follows") for f in found)


def test_a_coincidence_of_two_mistakes_is_not_explained():
    r = sample()
    r.set("T3/R1/C7", str(r.number("T3/R1/C7") + 5))
    r.set("T3/R4/C7", str(r.number("T3/R4/C7") + 2))  # A01 row 四 off by 2: 5 − 2 = 3 ≠ the A03 diff
    r.set("T3/R2/C7", str(r.number("T3/R2/C7") + 1))  # and 二 off by 1, in its row and the column
    a03 = [f for f in arithmetic(r) if f.rule == "A03"]
    assert [f.key for f in a03] == ["A03.follows"]  # 5 + 1 − 2 = 4: all three rows, exactly
    r.set("T3/R2/C1", str(r.number("T3/R2/C1") + 1))  # now row 二 balances but column C7 does not
    a03 = [f for f in arithmetic(r) if f.rule == "A03" and f.location.col == "C7"]
    assert [f.key for f in a03] == ["A03"]


def test_each_broken_relation_is_reported_once():
    r = sample()
    for k in ("T3/R1/C7", "T3/R3.1/C2", "T3/R4/C3", "T3/R3.7/C5"):
        r.set(k, str(r.number(k) + 3))
    found = arithmetic(r)
    keys = [(f.rule, f.location.row, f.location.col) for f in found]
    assert len(keys) == len(set(keys))


# -- 16. plausible years ------------------------------------------------------------------------------


def test_template_refuses_a_two_digit_year(tmp_path):
    out = tmp_path / "t.xlsx"
    r = run("template", "-o", out, "--year", 24)
    assert r.exit_code == 2 and not out.exists() and "四位年份" in r.stderr and "“24”" in r.stderr


@pytest.mark.parametrize("year", [2018, dt.date.today().year + 2])
def test_template_refuses_years_outside_the_formats(tmp_path, year):
    assert run("template", "-o", tmp_path / "t.xlsx", "--year", year).exit_code == 2


def test_template_refuses_an_edition_the_year_does_not_prescribe(tmp_path):
    out = tmp_path / "t.xlsx"
    r = run("template", "-o", out, "--edition", "2019", "--year", 2024)
    assert r.exit_code == 2 and not out.exists()
    assert "2024年度报告应使用2021 版" in r.stderr and "--force-edition" in r.stderr
    r = run("template", "-o", out, "--edition", "2019", "--year", 2024, "--force-edition")
    assert r.exit_code == 0 and api.load_report(out).meta.edition == "2019"


def test_template_edition_follows_the_year(tmp_path):
    assert run("template", "-o", tmp_path / "a.xlsx", "--year", 2020).exit_code == 0
    assert api.load_report(tmp_path / "a.xlsx").meta.edition == "2019"
    assert run("template", "-o", tmp_path / "b.xlsx", "--year", dt.date.today().year + 1).exit_code == 0
    assert api.load_report(tmp_path / "b.xlsx").meta.edition == "2021"
    assert run("template", "-o", tmp_path / "c.xlsx").exit_code == 0  # neither: the current edition
    assert api.load_report(tmp_path / "c.xlsx").meta.edition == "2021"


@pytest.mark.parametrize("year", [24, 1999, 2090])
def test_validate_reports_an_implausible_year(tmp_path, year):
    r = sample()
    r.meta.year = year
    res = validate(r)
    (s01,) = of(res, "S01")
    assert s01.key == "S01.implausible" and s01.severity is Severity.ERROR
    assert f"报告年度“{year}”不是可信的年度" in s01.message("zh") and "four digits" in s01.message("en")
    assert of(res, "P02") == [] and of(res, "P03") == []  # no deadline of 0025-01-31
    cli = run("validate", write(r, tmp_path / "r.json"))
    assert cli.exit_code == 1 and "] P02" not in cli.stdout and "按时发布（P02）与统计期限（P03）未检查" in cli.stdout


def test_plausible_years_stay_silent():
    for year in (2019, 2020, 2024):
        r = sample()
        r.meta.year = year
        r.meta.edition = "2019" if year < 2021 else "2021"
        assert [f.key for f in of(validate(r), "S01")] == []
