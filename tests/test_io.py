"""Report JSON and tidy CSV: lossless round trips, the schema, label-matched CSV, clear errors."""

import json
import random
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT
from factories import huaian_2024, random_report
from workbook_tools import api
from workbook_tools.errors import InputError, OutputExists
from workbook_tools.io import report_json, tidy_csv
from workbook_tools.io.files import write_atomic
from workbook_tools.model import Cell
from workbook_tools.validate import validate

SCHEMA = json.loads((ROOT / "workbook_tools" / "schema" / "report.schema.json").read_text(encoding="utf-8"))
RAWS = st.one_of(st.none(), st.sampled_from(["", "—", "无", "-", "１２", "1,234", "+5", "3件", "abc", "2.5", "0"]),
                 st.integers(min_value=0, max_value=10**7).map(str))


def _with_raws(report, raws):
    for key, raw in zip(list(report.cells), raws):
        report.set(key, raw, source=f"测试!A{len(raw or '')}")
    return report


@pytest.mark.parametrize("name", ["dehui-2020.json", "sample-county-2024.json"])
def test_examples_follow_the_schema_and_round_trip(name):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    jsonschema.validate(json.loads(text), SCHEMA)
    r = report_json.loads(text)
    assert report_json.dumps(r) == text  # canonical documents survive the trip byte for byte
    assert report_json.loads(report_json.dumps(r)) == r


@settings(max_examples=60, deadline=None)
@given(edition=st.sampled_from(["2019", "2021", "2021-hybrid"]), seed=st.integers(0, 10**6),
       raws=st.lists(RAWS, min_size=0, max_size=40))
def test_json_round_trip_is_lossless(edition, seed, raws):
    r = _with_raws(random_report(edition, random.Random(seed)), raws)
    r.set(next(k for k in r.cells if k.startswith("T2/")), "83.82万元")
    text = report_json.dumps(r)
    jsonschema.validate(json.loads(text), SCHEMA)
    back = report_json.loads(text)
    assert back == r
    assert report_json.dumps(back) == text


@settings(max_examples=60, deadline=None)
@given(edition=st.sampled_from(["2019", "2021", "2021-hybrid"]), seed=st.integers(0, 10**6),
       raws=st.lists(RAWS, min_size=0, max_size=40))
def test_csv_round_trip_keeps_every_cell(edition, seed, raws):
    r = _with_raws(random_report(edition, random.Random(seed)), raws)
    data = tidy_csv.report_to_csv(r)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    back = tidy_csv.loads(data.decode("utf-8-sig"), "r.csv")
    assert back.meta == r.meta
    assert back.cells == {k: (c if c.raw else Cell(None, c.value, c.unit, c.status, c.notes, c.source)) for k, c in r.cells.items()}


def test_hand_written_csv_is_placed_by_labels():
    text = (
        "table,block,row_code,row_label,col_code,col_label,value,raw\n"
        "表三,,,一、本年新收政府信息公开申请数量,,自然人,5,\n"
        "表三,,,一、 本年新收政府信息公开申请数量,,总计,5,\n"
        "T3,,,（三）不予公开/1.属于国家秘密,,自然人,1,\n"
        "T3,,,(六)其他处理/1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请,,自然人,2,\n"
        "三,,,四、结转下年度继续办理,,总 计,2,\n"
        "表四,,,行政诉讼/复议后起诉,,结果维持,1,\n"
        "表二,,,行政规范性文件,,现行有效件数,12,\n"
        "表三,,,二、上年结转政府信息公开申请数童,,自然人,3,\n"  # one wrong character
        "表三,,,本年收到的来信,,自然人,9,\n"  # not in the format
    )
    r = tidy_csv.loads(text, "hand.csv")
    assert r.meta.edition == "2021"  # detected from the labels: the split （六） and 行政规范性文件
    assert r.number("T3/R1/C1") == 5 and r.number("T3/R1/C7") == 5
    assert r.number("T3/R3.3.1/C1") == 1 and r.number("T3/R3.6.1/C1") == 2
    assert r.number("T3/R4/C7") == 2 and r.number("T4/L2/C1") == 1 and r.number("T2/normative/in_force") == 12
    assert r.number("T3/R2/C1") == 3
    assert [(d.written, d.canonical) for d in r.deviations] == [("二、上年结转政府信息公开申请数童", "二、上年结转政府信息公开申请数量")]
    assert [u.text for u in r.unplaced] == ["表三 / 本年收到的来信 / 自然人"]
    res = validate(r)
    assert {"S08", "S10"} <= {f.rule for f in res.findings}
    assert "hand.csv:10" in next(f for f in res.findings if f.rule == "S08").message()


def test_csv_of_the_2019_layout_is_detected():
    text = "row_label,col_label,value\n规范性文件,本年新制作数量,3\n（六）其他处理,自然人,1\n"
    assert tidy_csv.loads(text).meta.edition == "2019"
    text = "row_label,col_label,value\n行政规范性文件,本年制发件数,3\n（六）其他处理,自然人,1\n"
    assert tidy_csv.loads(text).meta.edition == "2021-hybrid"


def test_jilin_line_travels_through_csv():
    r = api.load_report(EXAMPLES / "dehui-2020.json")
    back = tidy_csv.loads(tidy_csv.report_to_csv(r).decode("utf-8-sig"))
    assert back.meta.profile == "jilin" and back.number("X/release_total/V") == 15
    assert back.cell("T2/procurement/amount").raw == "83.82万元" and back.number("T2/procurement/amount") == Decimal("83.82")


def test_csv_neutralises_formula_injection():
    r = huaian_2024()
    r.meta.agency = "=HYPERLINK(\"http://x\")"
    r.set("T3/R1/C3", "=1+1")
    data = tidy_csv.report_to_csv(r).decode("utf-8-sig")
    assert "'=HYPERLINK" in data and "'=1+1" in data
    back = tidy_csv.loads(data)
    assert back.meta.agency == r.meta.agency and back.cell("T3/R1/C3").raw == "=1+1"
    assert ",-8," not in data  # plain negative numbers are left as numbers


@pytest.mark.parametrize("text,needle", [
    ("{", "不是有效的 JSON"),
    ("[]", "顶层应为对象"),
    ('{"format": "other"}', "format"),
    ('{"version": 9}', "不支持的版本"),
    ('{"meta": {"edition": "1999"}}', "未知版式"),
    ('{"meta": {"year": "二〇二四"}}', "四位年份"),
    ('{"meta": {"edition": "2021"}, "cells": {"T3/R3.6/C1": 1}}', "没有单元格"),
    ('{"meta": {"edition": "2021"}, "cells": {"T3/R1/C1": {"raw": "1", "value": true}}}', "应为数字"),
    ('{"meta": {"edition": "2021"}, "cells": {"T3/R1/C1": {"raw": "1", "value": "NaN"}}}', "应为数字"),
    ('{"meta": {"edition": "2021"}, "cells": {"T3/R1/C1": {"raw": "1", "value": "Infinity"}}}', "应为数字"),
    ('{"meta": {"edition": "2021"}, "cells": {"T3/R1/C1": {"raw": "1", "value": "abc"}}}', "应为数字"),
    ('{"meta": {"signature_date": "2021年1月18日"}}', "YYYY-MM-DD"),
    ('{"narrative": {"sections": [{"number": "七"}]}}', "number"),
])
def test_bad_json_gives_a_clear_error(text, needle):
    with pytest.raises(InputError) as e:
        report_json.loads(text, "x.json")
    assert needle in e.value.message("zh") and e.value.exit_code == 2


@pytest.mark.parametrize("text,needle", [
    ("", "空的"),
    ("a,b\n1,2\n", "value"),
    ("value,x\n1,2\n", "row_code/col_code"),
    ("row_label,col_label,value\n无关,无关,1\n", "没有一行"),
    ("table,row_code,col_code,value\nMETA,year,,abc\n", "META"),
])
def test_bad_csv_gives_a_clear_error(text, needle):
    with pytest.raises(InputError) as e:
        tidy_csv.loads(text, "x.csv")
    assert needle in e.value.message("zh")


def test_writes_are_atomic_and_refuse_to_overwrite(tmp_path):
    target = tmp_path / "out" / "r.json"
    write_atomic(target, b"one")
    with pytest.raises(OutputExists):
        write_atomic(target, b"two")
    assert target.read_bytes() == b"one"
    write_atomic(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["r.json"]  # no temporary left behind


def test_convert_never_touches_its_input(tmp_path):
    src = tmp_path / "in.json"
    src.write_bytes((EXAMPLES / "sample-county-2024.json").read_bytes())
    before = (src.read_bytes(), src.stat().st_mtime_ns)
    api.convert(src, tmp_path / "o.csv")
    api.convert(tmp_path / "o.csv", tmp_path / "o.json")
    assert (src.read_bytes(), src.stat().st_mtime_ns) == before
    with pytest.raises(InputError):
        api.convert(src, src, force=True)
    assert api.load_report(tmp_path / "o.json").cells == api.load_report(src).cells


def test_unknown_extensions_and_missing_files(tmp_path):
    with pytest.raises(InputError, match="不支持"):
        api.load_report(tmp_path / "a.xyz")
    with pytest.raises(InputError, match="不存在"):
        api.load_report(tmp_path / "missing.json")
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(InputError, match="文件夹"):
        api.load_report(folder)
