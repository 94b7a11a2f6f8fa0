"""The declarations against SPEC §13, character for character, and their internal soundness."""

import re

import pytest
import yaml

from conftest import shared
from workbook_tools.editions import declaration_problems, detect_edition, edition_for_year, editions, get_edition, get_profile
from workbook_tools.spec import cell_refs


@pytest.fixture(scope="module")
def canon():
    text = shared("format", "SPEC.md").read_text(encoding="utf-8")
    block = re.search(r"## 13\..*?```yaml\n(.*?)```", text, re.S).group(1)
    data = yaml.safe_load(block)
    # "sections: same as edition_A" in the SPEC means exactly that
    data["edition_B"]["sections"] = data["edition_A"]["sections"]
    return data


def _t2(ed):
    t = ed.table("T2")
    return [{"caption": b.caption, "cols": [c.label for c in b.columns], "rows": [r.label for r in b.rows]} for b in t.blocks]


@pytest.mark.parametrize("eid,key", [("2019", "edition_A"), ("2021", "edition_B")])
def test_sections_and_table2_equal_spec(canon, eid, key):
    ed = get_edition(eid)
    assert [s.title for s in ed.sections] == canon[key]["sections"]
    assert _t2(ed) == canon[key]["table2"]
    assert {b.corner for b in ed.table("T2").blocks} == {canon["edition_A"]["table2_header_first_cell"]}


def test_table3_equals_spec(canon):
    spec = canon["table3_common"]
    # the YAML comments say which rows are edition-specific
    raw = shared("format", "SPEC.md").read_text(encoding="utf-8")
    b_only = set(re.findall(r"(R3\.6\.\d): .*# B only", raw))
    groups = {k for k in spec["rows"] if k.startswith("G")} | {"R3.6"}
    for eid in ("2019", "2021"):
        t = get_edition(eid).table("T3")
        assert t.note == spec["note"]
        assert t.column_band == spec["header"]["top"]
        assert [c.label for c in t.blocks[0].columns] == spec["cols"]
        assert {c.group for c in t.blocks[0].columns} == {None, spec["header"]["group"]}
        want = [(k, v) for k, v in spec["rows"].items()
                if (k not in groups or (k == "R3.6" and eid == "2019")) and (eid == "2021" or k not in b_only)]
        got = [(r.code, r.label) for r in t.blocks[0].rows]
        assert got == want
        # the group labels, as declared on the rows they cover
        bands = {r.band for r in t.blocks[0].rows} - {None}
        assert bands == {spec["rows"]["G3"]}
        assert {r.group for r in t.blocks[0].rows} - {None} == (
            {spec["rows"][g] for g in ("G3.3", "G3.4", "G3.5")} | ({spec["rows"]["R3.6"]} if eid == "2021" else set()))


def test_table4_equals_spec(canon):
    spec = canon["table4_common"]
    for ed in editions():
        t = ed.table("T4")
        rows = t.blocks[0].rows
        assert [r.label for r in rows] == [spec["top"][0]] + spec["litigation_blocks"]
        assert [r.group for r in rows] == [None, spec["top"][1], spec["top"][1]]
        assert [c.label for c in t.blocks[0].columns] == spec["cols"]


def test_declarations_are_sound():
    assert declaration_problems() == {e.id: [] for e in editions()}


def test_cell_counts_follow_the_spec():
    # SPEC §2.3/§2.4/§2.5 and §3.4/§3.5: 22+161+15 and 10+175+15
    assert len(cell_refs(get_edition("2019"))) == 198
    assert len(cell_refs(get_edition("2021"))) == 200
    assert len(cell_refs(get_edition("2021-hybrid"))) == 186


def test_codes_make_valid_excel_names():
    for ed in editions():
        for ref in cell_refs(ed):
            assert re.fullmatch(r"T\d_[A-Za-z0-9_]+", ref.name), ref.name


def test_edition_for_year_and_aliases():
    assert edition_for_year(2020).id == "2019"
    assert edition_for_year(2021).id == "2021"
    assert edition_for_year(2035).id == "2021"
    assert get_edition("hybrid").id == "2021-hybrid"
    assert get_edition("2021").document == "国办公开办函〔2021〕30号"
    assert get_edition("2019").document == "国办公开办函〔2019〕60号"


@pytest.mark.parametrize("eid", ["2019", "2021", "2021-hybrid"])
def test_detection_from_the_cells_themselves(eid):
    keys = [r.key for r in cell_refs(get_edition(eid))]
    ed, score = detect_edition(keys)
    assert ed.id == eid and score == 1.0
    # a partial table still points the right way
    ed, _ = detect_edition([k for k in keys if k.startswith(("T2", "T3/R3.6"))])
    assert ed.id == eid


def test_jilin_profile_line():
    p = get_profile("jilin")
    assert p.lines[0].label_for(2020) == "2020年本行政区域（或本部门）政府信息公开发布总数量（非新闻类、消息类）"
