"""Figures written in the narrative against the tables (N01 table 三, N02 table 四, N03 table 二).

Every sentence here is written for the test in the style of real reports.  Each case states the exact
findings expected, and many state that there must be none: a false alarm costs the filer an afternoon.
"""

from __future__ import annotations

import pytest

from workbook_tools.api import validate_report
from workbook_tools.findings import Severity
from workbook_tools.model import Meta, Narrative, NarrativeSection, Report, TextBlock
from workbook_tools.narrative.compare import comparisons

# Table 三 (总计 column unless stated): 新收 120 (自然人 100, 商业企业 15, 法律服务机构 5), 上年结转 6,
# 予以公开 50, 部分公开 20, 保护第三方 3, 不掌握 30, 重复申请 5, 其他 8 → （七）总计 116, 结转 10.
# Table 四: 复议 3/1/0/1 = 5; 直接起诉 1/0/0/0 = 1; 复议后起诉 0/0/0/1 = 1.  Table 二: 规范性文件 4 / 2 / 30.
CELLS = {
    "T3/R1/C1": 100, "T3/R1/C2": 15, "T3/R1/C5": 5, "T3/R1/C7": 120, "T3/R2/C1": 6, "T3/R2/C7": 6,
    "T3/R3.1/C7": 50, "T3/R3.2/C7": 20, "T3/R3.3.4/C7": 3, "T3/R3.4.1/C7": 30, "T3/R3.5.2/C7": 5,
    "T3/R3.6.3/C7": 8, "T3/R3.7/C7": 116, "T3/R4/C7": 10,
    "T4/F/C1": 3, "T4/F/C2": 1, "T4/F/C4": 1, "T4/F/C5": 5, "T4/L1/C1": 1, "T4/L1/C5": 1, "T4/L2/C4": 1, "T4/L2/C5": 1,
    "T2/normative/issued": 4, "T2/normative/repealed": 2, "T2/normative/in_force": 30,
}


def report_with(text: str, section: str = "一", edition: str = "2021") -> Report:
    r = Report(Meta(agency="示例区教育局", year=2024, edition=edition),
               narrative=Narrative(sections=[NarrativeSection(section, blocks=[TextBlock("paragraph", text)])]))
    for k, v in CELLS.items():
        if edition == "2019" and k.startswith("T2"):
            continue
        r.set(k.replace("R3.6.3", "R3.6") if edition == "2019" else k, str(v))
    return r.with_zeros()


def found(text: str, **kw):
    """(message key, first cell, table value, text value) of every N01–N03 finding."""
    result = validate_report(report_with(text, **kw))
    return [(f.key, f.location.cells[0], f.expected, f.actual) for f in result.findings if f.rule in ("N01", "N02", "N03")]


CONSISTENT = [
    "全年共收到政府信息公开申请120件，上年结转6件，办结116件，结转下年度继续办理10件。",
    "本年度新收政府信息公开申请一百二十件，上年度结转申请六件。",
    "２０２４年共受理政府信息公开申请１２０件。",
    "共受理申请120件，其中自然人申请100件，法人或其他组织申请20件。",
    "其中，予以公开50件，部分公开20件，不予公开3件，无法提供30件，不予处理5件，其他处理8件。",
    "予以公开及部分公开70件，占60.3%。",  # 70 / 116
    "予以公开50件，占办结总数的43%。",  # 50 / 116 = 43.1
    "予以公开、部分公开分别为50件、20件。",
    "共答复116件（含上年度结转申请6件，另有10件申请按规定顺延到下年度答复）。",
    "受理申请120件，同比增长20%，比上年增加20件。",
    "受理申请120件，较2023年（95件）有所增加。",
    "全市各部门共受理政府信息公开申请1350件，办结1300件。",
    "2023年受理政府信息公开申请100件。",
    "上年度我局受理申请98件。",
    "办理政务服务事项申请3.2万件，12345热线工单560件。",
    "受理信访事项45件，开展规范性文件备案审查134件，办理行政复议案件5件。",
    "主动公开政府信息2300余条，发布政策解读12篇。",
    "通过网络平台受理申请80件，信函申请40件。",  # two channels adding up to the 120 received
    "每月受理申请3至5件。",
    "办结率100%，按时答复率达到98.5%。",
    "政府信息公开行政复议5件，其中结果维持3件、结果纠正1件、尚未审结1件；行政诉讼2件。",
    "已审结的行政诉讼案件均获维持。",  # the one pending case is set aside by 已审结
    "未经复议直接起诉1件，复议后起诉1件。",
    "全年制发行政规范性文件4件，废止2件，现行有效30件。",
    "收到申请120余件。",
    "本年度收取信息处理费0元，发出收费通知0件。",
    "组织业务培训3次，开展督查2轮，一是加强领导，二是完善制度。",
]


@pytest.mark.parametrize("text", CONSISTENT)
def test_consistent_or_unrelated_sentences_give_no_finding(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年共收到政府信息公开申请125件。", [("N01", "T3/R1/C7", 120, 125)]),
        ("本年度共办结申请一百一十件。", [("N01", "T3/R3.7/C7", 116, 110)]),
        ("上年结转申请8件。", [("N01", "T3/R2/C7", 6, 8)]),
        ("答复116件，另有12件顺延至下年度办理。", [("N01", "T3/R4/C7", 10, 12)]),
        ("结转下年度继续办理9件。", [("N01", "T3/R4/C7", 10, 9)]),
        ("受理申请120件，其中自然人申请90件。", [("N01", "T3/R1/C1", 100, 90)]),
        ("予以公开及部分公开75件。", [("N01.sum", "T3/R3.1/C7", 70, 75)]),
        ("受理申请近100件。", [("N01.approx", "T3/R1/C7", 120, 100)]),
        ("共办理政府信息公开申请200件。", [("N01", "T3/R1/C7", 120, 200)]),
        ("受理申请125件，较上年增长25件。", [("N01", "T3/R1/C7", 120, 125)]),
        ("行政复议6件。", [("N02", "T4/F/C5", 5, 6)]),
        ("行政诉讼案件均获维持。", [("N02.claim", "T4/L1/C2", 1, None)]),  # one case 尚未审结
        ("行政复议5件，其中结果纠正2件。", [("N02", "T4/F/C2", 1, 2)]),
        ("行政诉讼3件。", [("N02.sum", "T4/L1/C5", 2, 3)]),
        ("行政复议、行政诉讼分别为5件、3件。", [("N02.sum", "T4/L1/C5", 2, 3)]),
        ("制发行政规范性文件5件。", [("N03", "T2/normative/issued", 4, 5)]),
        ("现行有效规范性文件二十八件。", [("N03", "T2/normative/in_force", 30, 28)]),
    ],
)
def test_contradicting_figures(text, expected):
    assert found(text) == expected


def test_region_scope_is_only_a_note():
    result = validate_report(report_with("我县共受理政府信息公开申请130件。"))
    (f,) = [f for f in result.findings if f.rule == "N01"]
    assert (f.key, f.severity, f.expected, f.actual) == ("N01.scope", Severity.INFO, 120, 130)
    assert "我县" in f.message("zh")


def test_claims_without_numbers():
    assert found("行政复议案件均获维持。") == [("N02.claim", "T4/F/C2", 2, None)]  # 纠正 1 + 尚未审结 1
    assert found("本年度未发生政府信息公开行政复议案件。") == [("N02.claim", "T4/F/C5", 5, None)]
    assert found("本年度未收到政府信息公开申请。") == [("N01.claim", "T3/R1/C7", 120, None)]
    assert found("未发生因政府信息公开引起的行政复议和行政诉讼。") == [
        ("N02.claim", "T4/F/C5", 5, None), ("N02.claim", "T4/L1/C5", 2, None)]
    assert found("各部门均未发生行政复议案件。") == []  # about other bodies


def test_percentage_checked_against_the_table_with_rounding():
    assert found("予以公开50件，占比43.1%。") == []
    assert found("予以公开50件，占比41.7%。") == []  # of the applications received (50 / 120)
    (f,) = [f for f in validate_report(report_with("予以公开50件，占比45.0%。")).findings if f.rule == "N01"]
    assert f.key == "N01.percent" and float(f.params["computed"]) == pytest.approx(43.1)
    assert "45.0%" in f.message("zh") and "43.1%" in f.message("zh")


def test_message_quotes_the_sentence_and_names_the_cell():
    (f,) = validate_report(report_with("全年共收到政府信息公开申请125件。")).findings[:0] or [
        f for f in validate_report(report_with("全年共收到政府信息公开申请125件。")).findings if f.rule == "N01"]
    zh, en = f.message("zh"), f.message("en")
    assert "全年共收到政府信息公开申请125件" in zh and "一、本年新收政府信息公开申请数量" in zh and "120" in zh
    assert "table 表三" in en and "125件" in en


def test_section_three_text_is_about_applications():
    assert found("本年度新收125件。", section="三") == [("N01", "T3/R1/C7", 120, 125)]
    assert found("本年度新收125件。", section="一") == []  # what was received is not said


def test_2019_edition_table_two_words():
    assert found("本年新制作规范性文件3件。", edition="2019") == [("N03", "T2/normative/made", 0, 3)]


def test_every_figure_is_kept_with_its_reason():
    by_text = {c.figure.text: c for c in comparisons(report_with(
        "全市各区共受理申请500件。主动公开信息300条。通过网络平台受理申请80件，同比增长5%。")) if c.figure}
    assert {t: (c.verdict, c.figure.reason) for t, c in by_text.items()} == {
        "500件": ("not_compared", "other_body"), "300条": ("not_compared", "other_kind"),
        "80件": ("mismatch", None), "5%": ("not_compared", "change")}  # 80: a channel, only a note
