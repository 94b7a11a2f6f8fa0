"""What people write for "nothing": one declared, tolerant set of placeholders (V03, a warning), while
words that carry a figure (三件) stay V01 errors."""

from __future__ import annotations

from collections import Counter

import pytest

from factories import huaian_2024
from workbook_tools import api
from workbook_tools.spec import Kind
from workbook_tools.values import INVALID, NUMBER, PLACEHOLDER, parse_value

PLACEHOLDERS = ["不适用", "/", "——", "无此项", "—", "-", "－", "无", "/ ", " —— ", "— —", "———", "／", "―", "－－",
                "暂无", "无 此 项", "不涉及", "N/A", "//", "\u3000—\u3000"]
NOT_PLACEHOLDERS = ["三件", "约5件", "5件左右", "—5", "无5", "见说明", "不适用5"]


@pytest.mark.parametrize("raw", PLACEHOLDERS)
@pytest.mark.parametrize("kind", [Kind.COUNT, Kind.SIGNED, Kind.MONEY])
def test_placeholders_in_every_kind_of_cell(raw, kind):
    p = parse_value(raw, kind)
    assert (p.status, p.value, p.notes) == (PLACEHOLDER, None, ())


@pytest.mark.parametrize("raw", NOT_PLACEHOLDERS)
def test_text_with_a_figure_or_a_word_is_not_a_placeholder(raw):
    assert parse_value(raw).status == INVALID


@pytest.mark.parametrize("raw,value", [("-3", -3), ("－3", -3), ("+4", 4), ("0", 0)])
def test_signed_numbers_are_not_taken_for_dashes(raw, value):
    p = parse_value(raw, Kind.SIGNED)
    assert (p.status, p.value) == (NUMBER, value)


def _value_rules(report) -> Counter:
    return Counter(f.rule for f in api.validate_report(report).findings if f.rule.startswith(("V", "A")))


@pytest.mark.parametrize("raw", PLACEHOLDERS)
def test_a_placeholder_for_a_zero_is_one_warning(raw):
    r = huaian_2024()
    assert _value_rules(r) == Counter()
    r.set("T3/R1/C3", raw)  # a zero in the real report
    cell = r.cells["T3/R1/C3"]
    assert (cell.raw, cell.status, r.number("T3/R1/C3")) == (raw, PLACEHOLDER, 0)
    findings = [f for f in api.validate_report(r).findings if f.rule.startswith(("V", "A"))]
    assert [(f.rule, f.severity.value) for f in findings] == [("V03", "warning")]
    assert raw in findings[0].message("zh")


@pytest.mark.parametrize("raw", ["三件", "约5件"])
def test_words_with_a_figure_are_one_error(raw):
    r = huaian_2024()
    r.set("T3/R1/C3", raw)
    assert _value_rules(r) == Counter({"V01": 1})


def test_placeholders_survive_json_and_csv(tmp_path):
    r = huaian_2024()
    for key, raw in zip(["T3/R1/C3", "T3/R1/C4", "T3/R2/C2", "T2/regulations/repealed"], ["不适用", "/ ", "——", "无此项"]):
        r.set(key, raw)
    for name in ("r.json", "r.csv"):
        api.save_report(r, tmp_path / name)
        back = api.load_report(tmp_path / name)
        assert back.cells == r.cells
        assert _value_rules(back) == Counter({"V03": 4})
