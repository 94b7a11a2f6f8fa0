"""What the narrative must cover (N06, N07, N08) and copying last year's text (N09)."""

from __future__ import annotations

import copy

from conftest import EXAMPLES
from workbook_tools import api
from workbook_tools.config import Config
from workbook_tools.model import TextBlock
from workbook_tools.narrative.similarity import compare_sections, normal_form, overlap
from workbook_tools.spec import AgencyKind


def sample():
    return api.load_report(EXAMPLES / "sample-county-2024.json")


def rules(report, previous=None, config=None, only=("N06", "N07", "N08", "N09")):
    return [f for f in api.validate_report(report, previous, config).findings if f.rule in only]


def test_sample_report_covers_everything():
    assert rules(sample()) == []


def test_n06_section_five_without_last_years_problems():
    r = sample()
    five = r.narrative.section("五")
    five.blocks = [b for b in five.blocks if "上年度" not in b.text]
    (f,) = rules(r)
    assert (f.rule, f.location.section) == ("N06", "五")
    five.blocks.append(TextBlock("paragraph", "2023年度报告指出的栏目更新不及时问题，已通过建立月度检查机制整改到位。"))
    assert rules(r) == []


def test_n06_leaves_an_empty_section_to_n10():
    r = sample()
    r.narrative.section("五").blocks = []
    assert [f.rule for f in api.validate_report(r).findings if f.rule in ("N06", "N10")] == ["N10"]


def test_n07_government_reports_name_assessment_evaluation_and_accountability():
    r = sample()
    r.meta.agency, r.meta.agency_kind = "示例县人民政府", AgencyKind.GOVERNMENT
    (f,) = rules(r)  # the sample mentions 考核 and 追究责任, but no 社会评议
    assert f.rule == "N07" and f.params["missing"] == "社会评议"
    r.narrative.section("一").blocks[-1].text = "将政务公开纳入年度工作考核，组织业务培训2次。"
    assert [f.params["missing"] for f in rules(r)] == ["社会评议、责任追究"]
    r.narrative.section("一").blocks.append(TextBlock("paragraph", "开展社会评议，对工作不力的单位依规追责问责。"))
    assert rules(r) == []


def test_n07_applies_to_governments_only():
    r = sample()
    r.meta.agency_kind = None
    r.meta.agency = "示例县人民政府"  # kind unknown: the name decides
    assert [f.rule for f in rules(r)] == ["N07"]
    r.meta.agency = "示例县人民政府办公室"
    assert rules(r) == []


def test_n08_topics_come_from_the_declaration():
    r = sample()
    r.narrative.section("一").blocks = [
        TextBlock("paragraph", "本局全年主动公开政府信息326条，依申请公开工作规范有序。"),
        TextBlock("paragraph", "落实公开属性源头认定和保密审查制度。"),
        TextBlock("paragraph", "将政务公开纳入年度考核，组织业务培训2次。"),
    ]
    (f,) = rules(r)
    assert f.rule == "N08" and f.params["missing"] == "政府信息公开平台建设"
    assert "政府信息公开平台建设" in f.message("zh") and "主动公开" in f.message("zh")


def _last_year(report):
    prev = copy.deepcopy(report)
    prev.meta.year = report.meta.year - 1
    for s in prev.narrative.sections:
        for b in s.blocks:
            b.text = b.text.replace("2024", "2023").replace("25件", "31件")
    return prev


def test_n09_text_copied_with_year_and_figures_changed():
    r = sample()
    found = rules(r, _last_year(r))
    assert [(f.rule, f.params["section"], f.params["ratio"]) for f in found] == [
        ("N09", "一", 100), ("N09", "五", 100), ("N09", "六", 100)]
    assert "100%" in found[0].message("zh") and found[0].params["passage"]


def test_n09_rewritten_text_is_not_flagged():
    r = sample()
    prev = _last_year(r)
    prev.narrative.section("一").blocks = [TextBlock("paragraph", "上一年度，本局以制度建设为重点，修订了公开指南和目录，"
                                                                   "开通了政务新媒体账号，并首次开展公开工作自查。")]
    prev.narrative.section("五").blocks = [TextBlock("paragraph", "去年的主要问题是人员变动频繁，已通过明确专人负责解决。")]
    prev.narrative.section("六").blocks = [TextBlock("paragraph", "上年度未发出收费通知，也未收取任何费用；"
                                                                   "人大代表建议和政协提案办理情况已在门户网站专栏集中公开。")]
    assert rules(r, prev) == []


def test_n09_threshold_is_configurable():
    r = sample()
    prev = _last_year(r)
    # Keep two of the five overview paragraphs: about 40 % of section 一 is still last year's.
    prev.narrative.section("一").blocks = r.narrative.section("一").blocks[:4]
    prev.narrative.section("五").blocks = prev.narrative.section("六").blocks = []
    assert rules(r, prev) == []
    strict = Config.from_dict({"rules": {"N09": {"tolerance": 30}}})
    assert [f.params["section"] for f in rules(r, prev, strict)] == ["一"]


def test_similarity_ignores_numbers_punctuation_and_order():
    a = "一、全年受理申请25件，办结25件。二、完善了公开目录和保密审查制度。"
    b = "二、完善了公开目录和保密审查制度！一、全年受理申请31件，办结30件"
    ratio, runs, cur, _ = overlap(a, b)
    assert ratio == 1.0 and normal_form("2024年 受理")[0] == "#年受理"
    assert overlap(a, "完全不同的一段文字，讲的是另一回事，与上面没有任何关系。")[0] == 0.0


def test_short_sections_are_not_scored():
    r = sample()
    prev = _last_year(r)
    assert "六" in {s.section for s in compare_sections(r.narrative, prev.narrative)}
    r.narrative.section("六").blocks = [TextBlock("paragraph", "无。")]
    prev.narrative.section("六").blocks = [TextBlock("paragraph", "无。")]
    assert "六" not in {s.section for s in compare_sections(r.narrative, prev.narrative)}
