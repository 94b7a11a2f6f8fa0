"""Every implemented rule: silent on a clean report, a finding naming table/row/column on a broken one."""

import copy
import datetime as dt
import random
from decimal import Decimal

import pytest

from factories import huaian_2024, random_report, shanghai_2019
from workbook_tools.config import Config
from workbook_tools.findings import Severity
from workbook_tools.model import Narrative, NarrativeSection, TextBlock
from workbook_tools.rules.catalogue import RULES
from workbook_tools.spec import AgencyKind
from workbook_tools.validate import validate


def rules_of(result, severity=None):
    return [f.rule for f in result.findings if severity is None or f.severity is severity]


def only(result, rule):
    found = [f for f in result.findings if f.rule == rule]
    assert found, f"no {rule} finding among {rules_of(result)}"
    return found


def narrative(one=("本报告中所列数据统计期限为2024年1月1日至12月31日。",
                   "主动公开、依申请公开、政府信息管理、平台建设和监督保障工作有序推进，开展工作考核和社会评议，落实责任追究。"),
              five=("上年度报告所列问题已整改完成。存在的问题是公开深度不够，改进措施是加强解读。",),
              six=("本年度未收取信息处理费。",)):
    return Narrative([], [
        NarrativeSection("一", None, [TextBlock("paragraph", t) for t in one]),
        NarrativeSection("五", None, [TextBlock("paragraph", t) for t in five]),
        NarrativeSection("六", None, [TextBlock("paragraph", t) for t in six]),
    ])


@pytest.fixture
def clean():
    r = huaian_2024()
    r.meta.agency_kind = AgencyKind.GOVERNMENT
    r.meta.title = "淮安市人民政府2024年政府信息公开工作年度报告"
    r.meta.publication_date = dt.date(2025, 3, 20)
    r.narrative = narrative()
    return r


def test_clean_real_report_has_no_finding(clean):
    res = validate(clean)
    assert res.findings == [] and res.valid and res.exit_code == 0


def test_huaian_2024_figures_give_no_error():  # SPEC Appendix A.1
    assert rules_of(validate(huaian_2024()), Severity.ERROR) == []


def test_shanghai_2019_gives_the_predicted_findings():  # SPEC Appendix A.2
    res = validate(shanghai_2019())
    blanks = {k for f in res.findings if f.rule == "V02" for k in f.location.cells}  # grouped per table
    r = shanghai_2019()
    assert blanks == {k for k, c in r.cells.items() if c.status == "blank"}
    a01 = only(res, "A01")
    assert [f.location.row for f in a01] == ["R3.1", "R3.2"]  # the outcome rows with non-zero parts
    assert all(f.location.col == "C7" and f.actual == 0 for f in a01)
    a02 = only(res, "A02")
    assert [(f.location.col, f.expected, f.actual) for f in a02] == [("C7", 0, 805)]
    assert "A03" not in rules_of(res)  # E1 holds in every column
    assert only(res, "V04")[0].location.row == "procurement"
    assert not res.valid and res.exit_code == 1


# -- arithmetic ------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell,rule,row,col", [
    ("T3/R3.3.2/C7", "A01", "R3.3.2", "C7"),
    ("T3/R3.7/C2", "A02", "R3.7", "C2"),
    ("T4/L1/C5", "A04", "L1", "C5"),
])
def test_totals(clean, cell, rule, row, col):
    clean.set(cell, str(clean.number(cell) + 3))
    f = only(validate(clean), rule)[0]
    assert (f.location.row, f.location.col, f.diff) == (row, col, 3)
    assert f.severity is Severity.ERROR


def test_balance_per_column(clean):
    clean.set("T3/R4/C1", "104")
    clean.set("T3/R4/C7", "104")
    res = validate(clean)
    a03 = only(res, "A03")
    assert [f.location.col for f in a03] == ["C1", "C7"]
    msg = a03[0].message()
    assert "表三" in msg and "「自然人」列" in msg and "相差 -1" in msg
    assert "table 表三" in a03[0].message("en") and "balance" in a03[0].message("en")


def test_message_names_table_row_and_column_in_chinese(clean):
    clean.set("T3/R1/C1", "3002")
    f = only(validate(clean), "A01")[0]
    assert f.message() == "表三「一、本年新收政府信息公开申请数量」行「总计」列：总计应为 3120（自然人与法人或其他组织各列之和），实为 3119，相差 -1。"


def consistent_previous(cur):
    """Last year's report as this year's figures imply it (every cross-year rule holds)."""
    prev = copy.deepcopy(cur)
    prev.meta.year = cur.meta.year - 1
    prev.narrative = Narrative()  # a copied text would rightly be N09
    for col in ("C1", "C2", "C3", "C4", "C5", "C6", "C7"):
        prev.set(f"T3/R4/{col}", cur.cell(f"T3/R2/{col}").raw)
    if cur.edition.id == "2019":
        for row in ("licensing", "other_services", "penalty", "coercion", "fees"):
            prev.set(f"T2/{row}/prev_items", cur.cell(f"T2/{row}/prev_items").raw)
            prev.set(f"T2/{row}/change", "0")
    else:
        for row in ("regulations", "normative"):
            n = cur.number(f"T2/{row}/in_force") - cur.number(f"T2/{row}/issued") + cur.number(f"T2/{row}/repealed")
            prev.set(f"T2/{row}/in_force", str(n))
    return prev


def test_cross_year_carry_over(clean):
    prev = consistent_previous(clean)
    assert validate(clean, prev).findings == []
    prev.set("T3/R4/C1", "30")
    f = only(validate(clean, prev), "A05")[0]
    assert (f.location.row, f.location.col, f.actual, f.expected) == ("R2", "C1", 34, 30)
    assert f.severity is Severity.WARNING
    assert "上年报告“四、结转下年度继续办理”为 30" in f.message()


def test_cross_year_rules_are_skipped_without_previous(clean):
    res = validate(clean)
    assert "skipped.previous" in res.skipped


def test_in_force_continuity_2021(clean):
    prev = consistent_previous(clean)
    assert "A07" not in rules_of(validate(clean, prev))
    prev.set("T2/normative/in_force", "80")  # 80 + 8 - 26 = 62, but 66 reported
    f = only(validate(clean, prev), "A07")[0]
    assert (f.location.row, f.location.col, f.actual, f.expected) == ("normative", "in_force", 66, 62)
    # configurable tolerance for this approximate rule
    cfg = Config.from_dict({"rules": {"A07": {"tolerance": 5}}})
    assert "A07" not in rules_of(validate(clean, prev, cfg))


def test_item_continuity_2019():
    cur = random_report("2019", random.Random(5), 2020)
    prev = consistent_previous(cur)
    assert validate(cur, prev).findings == []
    prev.set("T2/licensing/change", "-2")
    f = only(validate(cur, prev), "A06")[0]
    assert (f.location.row, f.location.col, f.diff) == ("licensing", "prev_items", 2)


def test_cross_edition_previous_year_only_compares_table3():
    rng = random.Random(9)
    prev, cur = random_report("2019", rng, 2020), random_report("2021", rng, 2021)
    for col in ("C1", "C2", "C3", "C4", "C5", "C6", "C7"):
        cur.set(f"T3/R2/{col}", prev.cell(f"T3/R4/{col}").raw)
    res = validate(cur, prev)
    assert not {"A05", "A06", "A07"} & set(rules_of(res))


# -- structure -------------------------------------------------------------------------------------

def test_edition_must_match_year(clean):
    assert "S01" not in rules_of(validate(clean))
    r = random_report("2019", random.Random(1), 2022)
    f = only(validate(r), "S01")[0]
    assert "2021 版" in f.message() and "国办公开办函〔2021〕30号" in f.message()
    r = random_report("2021", random.Random(1), 2020)
    assert "S01" in rules_of(validate(r))


def test_hybrid_layout_is_flagged():
    r = random_report("2021-hybrid", random.Random(3), 2023)
    res = validate(r)
    assert rules_of(res, Severity.ERROR) == ["S01"]
    assert "混合版式" in res.findings[0].message()


def test_missing_rows_columns_and_cells(clean):
    for col in ("C1", "C2", "C3", "C4", "C5", "C6", "C7"):
        del clean.cells[f"T3/R3.5.3/{col}"]
    for row in [r for r in list(clean.cells) if r.startswith("T3/") and r.endswith("/C4")]:
        del clean.cells[row]
    del clean.cells["T4/F/C2"]
    del clean.cells["T2/fees/amount"]
    res = validate(clean)
    s06 = only(res, "S06")
    assert {(f.key, f.location.row, f.location.col) for f in s06} == {("missing.row", "R3.5.3", None), ("missing.col", None, "C4")}
    assert {f.message() for f in s06} == {"表三「（五）不予处理/3.要求提供公开出版物」行缺失。", "表三「社会公益组织」列缺失。"}
    assert [(f.key, f.location.cells) for f in only(res, "S07")] == [("missing.cell", ("T4/F/C2",))]
    assert [f.location.row for f in only(res, "S04")] == ["fees"]
    # rules on absent cells are skipped, not guessed
    assert "A04" not in rules_of(res)


def test_table2_of_2019_is_s05():
    r = random_report("2019", random.Random(4))
    del r.cells["T2/procurement/projects"]
    assert [f.location.col for f in only(validate(r), "S05")] == ["projects"]


# -- values ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,rule,key", [
    ("三件", "V01", "V01.invalid"),
    ("2.5", "V01", "V01.fraction"),
    ("-3", "V01", "V01.negative"),
    ("", "V02", "V02"),
    ("—", "V03", "V03"),
    ("无", "V03", "V03"),
    ("１２", "V05", "V05"),
    ("1,200", "V05", "V05"),
    ("12件", "V05", "V05"),
])
def test_values(clean, raw, rule, key):
    clean.set("T3/R1/C3", raw)
    f = [x for x in validate(clean).findings if x.location.cells == ("T3/R1/C3",) and x.rule == rule]
    assert f and f[0].key == key, validate(clean).findings
    assert "「科研机构」列" in f[0].message()


def test_signed_change_may_be_negative():
    r = random_report("2019", random.Random(2))
    r.set("T2/licensing/change", "-8")
    r.set("T2/penalty/change", "+4")
    res = validate(r)
    assert "V01" not in rules_of(res)
    assert [f.location.row for f in only(res, "V05")] == ["penalty"]


def test_money_units(clean):
    clean.set("T2/fees/amount", "251000元")
    f = only(validate(clean), "V04")[0]
    assert f.key == "V04.converted" and clean.number("T2/fees/amount") == Decimal("25.1")
    r = random_report("2019", random.Random(2))
    r.set("T2/procurement/amount", "120")
    assert only(validate(r), "V04")[0].key == "V04.no_unit"
    r.set("T2/procurement/amount", "83.82万元")
    assert only(validate(r), "V04")[0].key == "V04.in_cell"
    r.set("T2/procurement/amount", "0")
    assert "V04" not in rules_of(validate(r))


# -- narrative and publication ---------------------------------------------------------------------

def test_fees_must_be_reported_in_section_six(clean):
    clean.narrative = narrative(six=("本年度办理人大代表建议3件。",))
    assert [f.location.section for f in only(validate(clean), "N04")] == ["六"]


def test_fee_notices_need_a_report(clean):
    clean.narrative = narrative(six=("本年度办理人大代表建议3件。",))
    f = [x for x in validate(clean).findings if x.key == "N05.unreported"]
    assert f and "6 件" in f[0].message() and f[0].location.row == "R3.6.2"
    clean.narrative = narrative(six=("本年度发出收费通知6件，收取信息处理费0元。",))
    assert "N05" not in rules_of(validate(clean))


def test_fee_collected_without_applications():
    r = random_report("2021", random.Random(1))
    for ref in [k for k in r.cells if k.startswith("T3/")]:
        r.set(ref, "0")
    r.narrative = narrative(six=("全年收取信息处理费300元。",))
    assert [f.key for f in only(validate(r), "N05")] == ["N05.no_applications"]


def test_empty_or_boilerplate_sections(clean):
    clean.narrative = narrative(five=(), six=("无。",))
    res = validate(clean)
    assert {(f.key, f.location.section) for f in only(res, "N10")} == {("N10.empty", "五"), ("N10.boilerplate", "六")}


def test_section_six_may_be_nil_in_the_2019_edition():
    r = random_report("2019", random.Random(1))
    r.narrative = narrative(one=("本报告中所列数据统计期限为2020年1月1日至12月31日。",), six=("本年度无其他需要报告的事项。",))
    assert "N10" not in rules_of(validate(r))


def test_year_consistency(clean):
    clean.meta.title = "淮安市人民政府2023年政府信息公开工作年度报告"
    clean.narrative = narrative(one=("本报告中所列数据统计期限为2024年1月1日至12月31日。", "2023年，本机关持续推进公开工作。"))
    keys = [f.key for f in only(validate(clean), "N11")]
    assert keys == ["N11.title", "N11.text"]


def test_title(clean):
    clean.meta.title = "淮安市2024年度政务公开年报"
    keys = {f.key for f in only(validate(clean), "P01")}
    assert keys == {"P01.phrase", "P01.agency"}
    clean.meta.title = "2024年淮安市人民政府政府信息公开工作年度报告"  # year first is accepted
    assert "P01" not in rules_of(validate(clean))


def test_deadline_depends_on_agency_kind(clean):
    clean.meta.agency_kind = AgencyKind.DEPARTMENT
    f = only(validate(clean), "P02")[0]
    assert f.severity is Severity.ERROR and "2025-01-31" in f.message()
    clean.meta.agency_kind = None
    assert "P02" not in rules_of(validate(clean))  # unknown kind: only 31 March binds
    clean.meta.publication_date = dt.date(2025, 4, 2)
    assert only(validate(clean), "P02")[0].severity is Severity.WARNING


def test_statistical_period(clean):
    clean.narrative = narrative(one=("本年度公开工作有序推进。",))
    assert only(validate(clean), "P03")[0].key == "P03.missing"
    clean.narrative = narrative(one=("本报告所列数据的统计期限为2023年1月1日至2023年12月31日。",))
    assert only(validate(clean), "P03")[0].key == "P03.wrong"
    clean.narrative = narrative(one=("本报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。",))
    assert "P03" not in rules_of(validate(clean))


def test_narrative_rules_wait_for_a_narrative():
    res = validate(huaian_2024())
    assert "skipped.narrative" in res.skipped and not any(f.rule.startswith(("N", "P03")) for f in res.findings)


# -- configuration ---------------------------------------------------------------------------------

def test_config_switches_rules_off_and_changes_severity(clean):
    clean.set("T3/R1/C1", "3002")
    res = validate(clean, config=Config.from_dict({"rules": {"a01": {"severity": "warning"}, "A03": {"enabled": False}}}))
    assert rules_of(res) == ["A01"] and res.findings[0].severity is Severity.WARNING and res.valid


def test_bad_config_is_an_input_error(tmp_path):
    from workbook_tools.errors import InputError

    p = tmp_path / "x.toml"
    p.write_text('[rules.Z99]\nenabled = false\n', encoding="utf-8")
    with pytest.raises(InputError, match="未知规则 Z99"):
        Config.load(p)
    p.write_text('[rules.A01]\nseverity = "fatal"\n', encoding="utf-8")
    with pytest.raises(InputError, match="severity"):
        Config.load(p)


def test_every_implemented_rule_is_exercised_by_some_test():
    """Keeps the suite honest: each implemented rule id appears in at least one test file."""
    from conftest import ROOT

    src = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py") if p.name != "test_messages.py")
    missing = [r.id for r in RULES if r.implemented and f'"{r.id}"' not in src and f"'{r.id}'" not in src]
    assert missing == []


def test_random_balanced_reports_are_clean():
    rng = random.Random(11)
    for ed in ("2019", "2021"):
        for _ in range(50):
            r = random_report(ed, rng)
            assert validate(r).findings == [], ed
