"""Tidy CSV typed by people: the outer label in the block column (表四 行政复议 with the row left
empty, 行政诉讼 + 复议后起诉, 表二's 第二十条 captions), and table 二's captions exported for Excel."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from conftest import EXAMPLES
from factories import huaian_2024
from workbook_tools import api
from workbook_tools.io import tidy_csv

HEAD = "table,block,row_code,row_label,col_code,col_label,value,raw\n"
T4_COLS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _t4_lines(rows: dict[tuple[str, str], str]) -> str:
    out = []
    for (block, row), values in rows.items():
        for col, v in zip(T4_COLS, values.split()):
            out.append(f"表四,{block},,{row},,{col},{v},")
    return "\n".join(out) + "\n"


def _rules(report) -> Counter:
    return Counter(f.rule for f in api.validate_report(report).findings)


@pytest.mark.parametrize("blocks", [
    {("行政复议", ""): "72 64 178 37 351", ("行政诉讼", "未经复议直接起诉"): "13 4 8 1 26", ("行政诉讼", "复议后起诉"): "12 1 1 6 20"},
    {("行政复议", ""): "72 64 178 37 351", ("", "行政诉讼/未经复议直接起诉"): "13 4 8 1 26", ("行政诉讼 ", " 复议后起诉"): "12 1 1 6 20"},
    {("", "行政复议"): "72 64 178 37 351", ("行政诉讼", "未经复议直接起诉"): "13 4 8 1 26", ("M", "复议后起诉"): "12 1 1 6 20"},
])
def test_table4_with_the_block_column_is_placed_completely(blocks):
    r = tidy_csv.loads(HEAD + "META,,edition,,,,2021,\n" + _t4_lines(blocks), "people.csv")
    want = huaian_2024()
    got = {k: (c.raw, c.value) for k, c in r.cells.items()}
    assert got == {k: (c.raw, c.value) for k, c in want.cells.items() if k.startswith("T4/")}
    assert not r.unplaced and not r.deviations
    found = _rules(r)
    assert found["S07"] == 0 and found["S08"] == 0 and found["A04"] == 0


def test_block_alone_that_is_only_a_group_is_not_guessed():
    text = HEAD + "META,,edition,,,,2021,\n表四,行政诉讼,,,,结果维持,5,\n表四,行政复议,,,,结果维持,2,\n"
    r = tidy_csv.loads(text, "p.csv")
    assert {k: c.raw for k, c in r.cells.items()} == {"T4/F/C1": "2"}
    assert [(u.where, u.text, u.raw) for u in r.unplaced] == [("p.csv:3", "表四 / 行政诉讼 / 结果维持", "5")]
    assert _rules(r)["S08"] == 1


@pytest.mark.parametrize("edition,lines,cells", [
    ("2021", ["META,,edition,,,,2021,", "表二,第二十条第（一）项,,规章,,本年制发件数,1,", "表二,第二十条第（一）项,,行政规范性文件,,现行有效件数,66,",
              "表二,第二十条第(八)项,,行政事业性收费,,本年收费金额（单位：万元）,96171.6,"],
     {"T2/regulations/issued": "1", "T2/normative/in_force": "66", "T2/fees/amount": "96171.6"}),
    ("2019", ["表二,第二十条第（九）项,,政府集中采购,,采购总金额,,83.82万元", "表二,第二十条第（一）项,,规范性文件,,本年新制作数量,3,"],
     {"T2/procurement/amount": "83.82万元", "T2/normative/made": "3"}),
])
def test_table2_captions_in_the_block_column(edition, lines, cells):
    r = tidy_csv.loads(HEAD + "\n".join(lines) + "\n", "p.csv")
    assert r.meta.edition == edition
    assert {k: c.raw for k, c in r.cells.items()} == cells and not r.unplaced
    assert [(d.written, d.canonical) for d in r.deviations] == []


def test_a_block_that_contradicts_the_row_is_refused():
    text = HEAD + ("META,,edition,,,,2021,\n表二,第二十条第（五）项,,规章,,本年制发件数,1,\n"
                   "表三,（四）无法提供,,1.属于国家秘密,,自然人,4,\n表三,（三）不予公开,,1.属于国家秘密,,自然人,5,\n")
    r = tidy_csv.loads(text, "p.csv")
    assert {k: c.raw for k, c in r.cells.items()} == {"T3/R3.3.1/C1": "5"}
    assert [u.where for u in r.unplaced] == ["p.csv:3", "p.csv:4"]
    assert _rules(r)["S08"] == 2


def test_group_or_band_in_the_block_column_completes_the_row_label():
    text = HEAD + ("META,,edition,,,,2021,\n表三,（六）其他处理,,3.其他,,自然人,4,\n"
                   "表三,三、本年度办理结果,,（三）不予公开/1.属于国家秘密,,总计,6,\n表三,三、本年度办理结果,,（七）总计,,自然人,7,\n")
    r = tidy_csv.loads(text, "p.csv")
    assert {k: c.raw for k, c in r.cells.items()} == {"T3/R3.6.3/C1": "4", "T3/R3.3.1/C7": "6", "T3/R3.7/C1": "7"}
    assert not r.unplaced and not r.deviations


@pytest.mark.parametrize("name", ["dehui-2020.json", "sample-county-2024.json"])
def test_export_names_table2_captions_and_round_trips(tmp_path, name):
    r = api.load_report(EXAMPLES / name)
    out = tmp_path / "r.csv"
    api.save_report(r, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    t2 = [x for x in rows if x["table"] == "T2"]
    assert t2 and all(x["block_label"].startswith("第二十条第（") for x in t2)
    assert {x["block_label"] for x in rows if x["table"] in ("T3", "T4", "META")} == {""}
    back = api.load_report(out)
    assert back.meta == r.meta and back.cells == r.cells


def test_csv_without_the_caption_column_still_reads():
    text = "table,block,row_code,row_label,col_code,col_label,value,raw,unit,source\nT4,M,F,行政复议,C1,结果维持,3,3,,\n"
    r = tidy_csv.loads(text, "old.csv")
    assert r.cells["T4/F/C1"].raw == "3" and not r.unplaced
