"""Variations of how reports write their figures, class by class (N01 table 三, N02 table 四, N05 fee
notices): figures about other things stay silent, figures missed before are now compared, a part of
the body's work is only a note that names the part, and fee notices are read from sentences, lines
and a fourth table in section 六.

Every sentence is written for these tests in the style of real reports.
"""

from __future__ import annotations

import pytest

from factories import huaian_2024
from workbook_tools import api
from workbook_tools.findings import Severity
from workbook_tools.io.report_json import dump_bytes
from workbook_tools.model import Meta, Narrative, NarrativeSection, Report, TextBlock
from workbook_tools.narrative.compare import MATCH, comparisons

W, I = Severity.WARNING, Severity.INFO

# A county government, 2024.  Table 三 (总计): 新收 95 (自然人 80, 商业企业 15), 上年结转 5; 予以公开 40,
# 部分公开 10, 保护第三方 3, 不掌握 20, 重复申请 4, 逾期未缴费 3, 其他 5 → （七）总计 85, 结转 15.
# Table 四: 复议 2 维持 + 1 尚未审结 = 3; 直接起诉 1 维持.
CELLS = {
    "T3/R1/C1": 80, "T3/R1/C2": 15, "T3/R1/C7": 95, "T3/R2/C1": 5, "T3/R2/C7": 5,
    "T3/R3.1/C7": 40, "T3/R3.2/C7": 10, "T3/R3.3.4/C7": 3, "T3/R3.4.1/C7": 20, "T3/R3.5.2/C7": 4,
    "T3/R3.6.2/C7": 3, "T3/R3.6.3/C7": 5, "T3/R3.7/C7": 85, "T3/R4/C7": 15,
    "T4/F/C1": 2, "T4/F/C4": 1, "T4/F/C5": 3, "T4/L1/C1": 1, "T4/L1/C5": 1,
}
NO_APPEALS = {k: 0 for k in CELLS if k.startswith("T4/")}


def report_with(texts, section: str = "一", edition: str = "2021", cells: dict | None = None) -> Report:
    """`texts`: one paragraph, or a list of paragraphs, of `section`."""
    paragraphs = [texts] if isinstance(texts, str) else texts
    r = Report(Meta(agency="示例县人民政府", year=2024, edition=edition),
               narrative=Narrative(sections=[NarrativeSection(section, blocks=[TextBlock("paragraph", t) for t in paragraphs])]))
    for k, v in {**CELLS, **(cells or {})}.items():
        if edition == "2019":
            k = k.replace("R3.6.2", "R3.6").replace("R3.6.3", "R3.6")
        r.set(k, str(v))
    return r.with_zeros()


def figures(report: Report):
    """(key, first cell, table value, text value, severity) of every N01, N02 and N05 finding."""
    return [(f.key, f.location.cells[0] if f.location.cells else None, f.expected, f.actual, f.severity)
            for f in api.validate_report(report).findings if f.rule in ("N01", "N02", "N05")
            and f.key not in ("N05.unreported", "N05.no_applications")]


def found(texts, **kw):
    return figures(report_with(texts, **kw))


# -- 10. a figure about other things is not compared with table 三 ---------------------------------

OTHER_THINGS = [
    "全年印发公文共514条，其中主动公开400条，依申请公开93条，不予公开21条。",
    "本年度共制发文件320件，其中主动公开286件、依申请公开20件、不予公开14件。",
    "全年产生政府信息1250条，按公开属性划分，主动公开1100条，依申请公开110条，不予公开40条。",
    "公文办理方面，全年处理公文2180件，其中不予公开12件。",
    "经源头认定，今年部分公开信息6条，不予公开信息2条。",
]


@pytest.mark.parametrize("text", OTHER_THINGS)
def test_counts_of_documents_and_information_are_not_applications(text):
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "未发生因依申请公开引发的行政复议和行政诉讼。",
    "全年未收到因政府信息公开申请引起的行政复议。",
    "没有因依申请公开工作被提起行政复议或行政诉讼的情况。",
])
def test_no_appeals_is_a_claim_about_table_four_only(text):
    assert found(text, cells=NO_APPEALS) == []  # table 三 has 95 applications: no N01
    claims = found(text)
    assert claims and all(key == "N02.claim" and cell.startswith("T4/") for key, cell, *_ in claims)


def test_an_application_count_after_documents_is_still_read():
    # 受理 names applications again after the documents: the outcome that follows is table 三's.
    assert found("主动公开信息300条，受理依申请公开95件，其中予以公开45件。") == [
        ("N01", "T3/R3.1/C7", 40, 45, W)]


# -- 11. figures that were missed ---------------------------------------------------------------

@pytest.mark.parametrize("texts, expected", [
    ("本年度共受理政府信息公开申请95件。答复11件。", [("N01", "T3/R3.7/C7", 85, 11, W)]),
    ("全年依申请公开工作平稳有序。本年新收150件，上年结转5件。", [("N01", "T3/R1/C7", 95, 150, W)]),
    ("依申请公开方面，严格落实答复规范。本年度新收98件。", [("N01", "T3/R1/C7", 95, 98, W)]),
    ("我县共受理申请95件。办结80件。", [("N01.scope", "T3/R3.7/C7", 85, 80, I)]),  # the scope carries too
])
def test_the_topic_of_a_paragraph_carries_over_sentences(texts, expected):
    assert found(texts) == expected


@pytest.mark.parametrize("texts", [
    "本年度共受理政府信息公开申请95件。答复85件。",
    "全市各部门共受理政府信息公开申请1350件。办结1300件。",  # other bodies, in both sentences
    "2023年受理申请100件。办结98件。",  # last year, in both sentences
    "主动公开信息300条。办结11件。",  # what was closed is not said
    ["受理政府信息公开申请95件。", "办结11件。"],  # another paragraph: the topic does not carry
    "受理政府信息公开申请95件。行政复议3件。",
])
def test_carried_topic_stays_silent_when_it_should(texts):
    assert found(texts) == []


@pytest.mark.parametrize("text, expected", [
    ("因无法提供相关信息答复2件。", [("N01.sum", "T3/R3.4.1/C7", 20, 2, W)]),
    ("以“无法提供”答复2件。", [("N01.sum", "T3/R3.4.1/C7", 20, 2, W)]),
    ("答复“本机关不掌握相关政府信息”12件。", [("N01", "T3/R3.4.1/C7", 20, 12, W)]),
    ("对申请人作出无法提供答复20件。", []),
    ("因不予公开相关信息答复3件。", []),
])
def test_outcome_rows_with_their_object(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("行政复议案件均获维持。", [("N02.claim", "T4/F/C2", 1, None, W)]),  # 1 尚未审结
    ("行政复议3件，全部维持。", [("N02.claim", "T4/F/C2", 1, None, W)]),
    ("政府信息公开行政复议案件全部维持原行政行为。", [("N02.claim", "T4/F/C2", 1, None, W)]),
    ("已审结的行政复议案件均获维持。", []),  # the pending case is set aside
    ("除1件尚未审结外，其余均获维持。", []),
    ("行政诉讼1件，均获维持。", []),
    ("行政复议案件均未被纠正。", []),
])
def test_all_upheld_is_contradicted_by_pending_or_corrected_cases(text, expected):
    assert found(text) == expected


def test_all_upheld_with_a_corrected_case():
    assert found("已审结的行政复议案件均获维持。", cells={"T4/F/C2": 1, "T4/F/C4": 0}) == [("N02.claim", "T4/F/C2", 1, None, W)]


@pytest.mark.parametrize("text, expected", [
    ("本年度发生政府信息公开行政复议2件。", [("N02", "T4/F/C5", 0, 2, W)]),
    ("收到行政复议申请1件，已办结。", [("N02", "T4/F/C5", 0, 1, W)]),
    ("因政府信息公开被提起行政诉讼1起。", [("N02.sum", "T4/L1/C5", 0, 1, W)]),
    ("本年度未发生政府信息公开行政复议和行政诉讼案件。", []),
])
def test_appeals_in_the_text_while_table_four_is_zero(text, expected):
    assert found(text, cells=NO_APPEALS) == expected


@pytest.mark.parametrize("text, key, word", [
    ("区政府办代表区政府受理政府信息公开申请17件。", "N01.part_acting", "区政府办代表区政府"),
    ("区人民政府办公室代表区人民政府受理申请17件。", "N01.part_acting", "代表区人民政府"),
    ("本局办公室受理政府信息公开申请17件。", "N01.part_unit", "办公室"),
    ("网上受理申请17件。", "N01.part_channel", "网上"),
    ("通过信函方式受理申请17件。", "N01.part_channel", "信函"),
    ("上半年受理政府信息公开申请17件。", "N01.part_period", "上半年"),
    ("1-6月共受理申请17件。", "N01.part_period", "1-6月"),
])
def test_a_part_of_the_work_is_a_note_that_names_it(text, key, word):
    result = api.validate_report(report_with(text))
    (f,) = [f for f in result.findings if f.rule == "N01"]
    assert (f.key, f.severity, f.expected, f.actual) == (key, I, 95, 17)
    assert word in f.message("zh") and word in f.message("en")


@pytest.mark.parametrize("text", [
    "区政府办代表区政府受理政府信息公开申请95件。",
    "通过网络平台受理申请80件，信函申请15件。",  # the parts add up to the whole
    "上半年受理申请45件，下半年受理申请50件。",
    "截至12月31日，共受理申请95件。",  # a date, not a part of the year
    "上半年受理申请45件，全年共受理95件。",
])
def test_parts_that_agree_are_silent(text):
    assert found(text) == []


def test_a_part_is_not_an_error_but_the_whole_is():
    assert sorted(found("网上受理申请17件，全年共受理申请90件。")) == [
        ("N01", "T3/R1/C7", 95, 90, W), ("N01.part_channel", "T3/R1/C7", 95, 17, I)]


# -- 12. fee notices in section 六 against table 三 （六）2 ----------------------------------------

FEE_TABLE = ("发出收费通知的件数（件）  发出收费通知的总金额（元）  实际收取的总金额（元）\n"
             "{n}  {amount}  0")
PIPE_TABLE = ("| 发出收费通知件数 | 发出收费通知总金额（万元） | 实际收取总金额（万元） |\n"
              "| --- | --- | --- |\n| {n} | 0.03 | 0 |")


@pytest.mark.parametrize("texts, unpaid, expected", [
    ("本年度发出收费通知3件，实际收取信息处理费0元。", 3, []),
    ("本年度发出收费通知3件，实际收取信息处理费0元。", 5, [("N05.notices", "T3/R3.6.2/C7", 5, 3, W)]),
    ("本年度发出收费通知3件，实际收取信息处理费200元。", 1, []),  # two paid
    ("依据《政府信息公开信息处理费管理办法》，向申请人发出收费通知书2件。", 3, [("N05.notices", "T3/R3.6.2/C7", 3, 2, W)]),
    ("本年度未发出收费通知，未收取信息处理费。", 0, []),
    ("本年度未发出收费通知，未收取信息处理费。", 2, [("N05.claim", "T3/R3.6.2/C7", 2, None, W)]),
    (FEE_TABLE.format(n=3, amount=300), 3, []),
    (FEE_TABLE.format(n=2, amount=200), 3, [("N05.notices", "T3/R3.6.2/C7", 3, 2, W)]),
    (PIPE_TABLE.format(n=1), 3, [("N05.notices", "T3/R3.6.2/C7", 3, 1, W)]),
    (["信息处理费收取情况如下：", "发出收费通知件数：1", "实际收取金额（元）：0"], 3, [("N05.notices", "T3/R3.6.2/C7", 3, 1, W)]),
    (["发出收费通知的件数（件） 实际收取的总金额（元）", "2 0"], 3, [("N05.notices", "T3/R3.6.2/C7", 3, 2, W)]),
    ("发出收费通知件数：4件。", 3, []),
])
def test_fee_notices_against_unpaid_applications(texts, unpaid, expected):
    assert found(texts, section="六", cells={"T3/R3.6.2/C7": unpaid, "T3/R3.6.3/C7": 8 - unpaid}) == expected


def test_fee_table_figures_are_explained():
    report = report_with(FEE_TABLE.format(n=3, amount=300), section="六")
    by_text = {c.figure.text: c for c in comparisons(report) if c.figure}
    assert (by_text["3"].rule, by_text["3"].verdict, by_text["3"].cells[0].key) == ("N05", MATCH, "T3/R3.6.2/C7")
    assert by_text["300"].figure.quantity.value == 300 and by_text["300"].verdict == "not_compared"


def test_the_2019_edition_has_no_row_for_unpaid_fees():
    assert found("本年度发出收费通知3件。", section="六", edition="2019") == []


def test_a_report_saved_and_loaded_keeps_its_findings(tmp_path):
    r = report_with(["全年依申请公开工作平稳有序。本年新收150件。", "区政府办代表区政府受理申请17件。"])
    r.narrative.sections.append(NarrativeSection("六", blocks=[TextBlock("paragraph", "发出收费通知1件，实际收取信息处理费0元。")]))
    path = tmp_path / "report.json"
    path.write_bytes(dump_bytes(r))
    assert sorted(figures(api.load_report(path))) == [
        ("N01", "T3/R1/C7", 95, 150, W), ("N01.part_acting", "T3/R1/C7", 95, 17, I),
        ("N05.notices", "T3/R3.6.2/C7", 3, 1, W)]


def test_real_tables_with_new_sentences():
    """淮安's table 三 and 四 (SPEC A.1) with sentences of each class."""
    r = huaian_2024()
    r.narrative = Narrative(sections=[NarrativeSection("一", blocks=[TextBlock("paragraph", t) for t in (
        "全年印发公文共514条，其中主动公开400条，依申请公开93条，不予公开21条。",
        "全年依申请公开工作平稳有序。本年新收3119件，上年结转34件。答复3050件。",
        "政府信息公开行政复议案件均获维持。",
    )])])
    assert figures(r) == [("N02.claim", "T4/F/C2", 64 + 178 + 37, None, W)]


@pytest.mark.parametrize("text", [
    "发出收费通知3件，其中2件申请人已按时缴费。",
    "发出收费通知3件，申请人均未缴纳，1件已撤回申请。",
    "发出收费通知3件，涉及金额300元。",
])
def test_what_follows_a_fee_notice_count_is_not_another_count_of_notices(text):
    assert found(text, section="六") == []  # 3 notices for the 3 unpaid applications


def test_january_to_december_is_the_whole_year():
    assert found("1至12月共受理申请90件。") == [("N01", "T3/R1/C7", 95, 90, W)]
