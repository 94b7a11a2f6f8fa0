"""`xxgk merge` as a library: the sum of many valid reports is a valid report whose every cell is the
sum of the inputs; what cannot be added up is refused with the files named."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from batch_corpus import write_json
from factories import random_report
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook_tools import api
from workbook_tools.batch.merge import merge_files, merge_reports
from workbook_tools.errors import InputError
from workbook_tools.findings import Severity


def reports(edition: str, seeds: list[int], profile: str | None = None, year: int | None = None):
    out = []
    for i, seed in enumerate(seeds):
        r = random_report(edition, random.Random(seed), year)
        r.meta.agency = f"白石市第{i + 1}局"
        if profile:
            r.meta.profile = profile
            r.set("X/release_total/V", str(seed % 997))
        out.append(r)
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edition=st.sampled_from(["2019", "2021"]), profile=st.sampled_from([None, "jilin"]),
       seeds=st.lists(st.integers(0, 10 ** 6), min_size=1, max_size=7))
def test_the_sum_of_valid_reports_is_valid_and_adds_up_cell_by_cell(edition, profile, seeds):
    inputs = reports(edition, seeds, profile)
    for r in inputs:
        assert api.validate_report(r).count(Severity.ERROR) == 0
    total = merge_reports(inputs, "白石市人民政府")
    declared = [ref.key for ref in inputs[0].declared_refs()]
    assert sorted(total.cells) == sorted(declared)
    for key in declared:
        assert total.number(key) == sum(r.number(key) for r in inputs), key
        assert total.cells[key].status == "number"
    result = api.validate_report(total)
    assert result.count(Severity.ERROR) == 0, [f.message() for f in result.findings]
    m = total.meta
    assert (m.agency, m.year, m.edition, m.profile) == ("白石市人民政府", inputs[0].meta.year, inputs[0].edition.id, profile)
    assert m.extra["merged_from"] == "、".join(r.meta.agency for r in inputs) and m.extra["merged_count"] == str(len(inputs))
    assert not total.narrative.present
    # the sum survives the report JSON
    from workbook_tools.io import report_json

    back = report_json.loads(report_json.dumps(total))
    assert {k: (c.value, c.unit) for k, c in back.cells.items()} == {k: (c.value, c.unit) for k, c in total.cells.items()}
    assert back.meta.extra == m.extra


def test_money_is_added_in_one_unit():
    a, b, c = reports("2019", [1, 2, 3])
    a.set("T2/procurement/amount", "251000元")  # 25.1 万元
    b.set("T2/procurement/amount", "83.82万元")
    c.set("T2/procurement/amount", "0")
    total = merge_reports([a, b, c], "白石市人民政府")
    cell = total.cells["T2/procurement/amount"]
    assert cell.value == Decimal("108.92") and cell.unit == "万元"
    # amounts that name no unit cannot be added to ones that do
    c.set("T2/procurement/amount", "12")
    with pytest.raises(InputError) as e:
        merge_reports([a, b, c], "白石市人民政府")
    assert "采购总金额" in e.value.zh and "白石市第3局" in e.value.zh and e.value.code == "merge-not-a-number"


def test_refusals_name_the_files():
    base = reports("2021", [1, 2, 3])
    with pytest.raises(InputError) as e:
        merge_reports(base + reports("2019", [4]), "X")
    assert e.value.code == "merge-mixed-edition" and "2019/2020 版" in e.value.zh
    other = reports("2021", [5], year=2023)
    other[0].meta.agency = "松江县财政局"
    with pytest.raises(InputError) as e:
        merge_reports(base + other, "X")
    assert e.value.code == "merge-mixed-year" and "松江县财政局" in e.value.zh
    with pytest.raises(InputError) as e:
        merge_reports(base, "X", year=2023)
    assert e.value.code == "merge-mixed-year"
    jilin = reports("2021", [6], profile="jilin")
    jilin[0].meta.agency = "长春市某局"
    with pytest.raises(InputError) as e:
        merge_reports(base + jilin, "X")
    assert e.value.code == "merge-mixed-profile"
    with pytest.raises(InputError) as e:
        merge_reports(base + reports("2021", [7]), "X")  # 白石市第1局 again
    assert e.value.code == "merge-duplicate" and "白石市第1局" in e.value.zh
    bad = reports("2021", [8])
    bad[0].meta.agency = "东湖县审计局"
    bad[0].set("T3/R1/C1", "十二")
    with pytest.raises(InputError) as e:
        merge_reports(base + bad, "X")
    assert e.value.code == "merge-not-a-number" and "东湖县审计局" in e.value.zh and "自然人" in e.value.zh
    with pytest.raises(InputError):
        merge_reports([], "X")
    with pytest.raises(InputError):
        merge_reports(base, " ")


def test_a_missing_year_needs_year_given():
    a, b = reports("2021", [1, 2])
    b.meta.year = None
    with pytest.raises(InputError) as e:
        merge_reports([a, b], "X")
    assert e.value.code == "merge-no-year" and "--year" in e.value.zh
    total = merge_reports([a, b], "X", year=a.meta.year)
    assert total.meta.year == a.meta.year and any("未填写报告年度" in n for n in total.read_notes)


def test_merging_files_validates_the_sum_and_each_input(tmp_path):
    rs = reports("2021", [1, 2, 3])
    rs[2].set("T3/R1/C1", str(rs[2].number("T3/R1/C1") + 1))  # unbalanced input: the sum is unbalanced too
    for i, r in enumerate(rs):
        write_json(r, tmp_path / f"{i}")
    out = merge_files([tmp_path], "白石市人民政府")
    assert [i.errors > 0 for i in out.inputs] == [False, False, True]
    assert not out.result.valid and {f.rule for f in out.result.findings} >= {"A01", "A03"}
    assert any("2.json" in n for n in out.report.read_notes)
    (tmp_path / "3.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError) as e:
        merge_files([tmp_path], "白石市人民政府")
    assert e.value.path and e.value.path.endswith("3.json") and "无法汇总" in e.value.zh
