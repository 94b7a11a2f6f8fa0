"""Tidy CSV placed by labels, where a row or column carries the label the other edition prints for the
same cell (规范性文件 / 行政规范性文件, 处理决定数量 / 本年处理决定数量): placed in the right cell with an
S10 deviation.  The pairs come from `editions.other_labels`; labels of cells the other edition does not
share stay unplaced (S08)."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from factories import huaian_2024
from workbook_tools import api
from workbook_tools.io import tidy_csv

HEAD = "table,block,row_code,row_label,col_code,col_label,value,raw\n"


def _load(lines: list[str], edition: str | None = None):
    meta = [f"META,,edition,,,,{edition},"] if edition else []
    return tidy_csv.loads(HEAD + "\n".join(meta + lines) + "\n", "p.csv")


def _cells(r) -> dict[str, str]:
    return {k: c.raw for k, c in r.cells.items()}


def _findings(r) -> Counter:
    return Counter(f.rule for f in api.validate_report(r).findings if f.rule in ("S08", "S10"))


@pytest.mark.parametrize("edition", ["2021", None])
def test_2019_row_label_in_a_2021_file(edition):
    r = _load(["表二,,,规范性文件,,本年制发件数,8,", "表二,,,规范性文件,,现行有效件数,66,",
               "表二,第二十条第（一）项,,规范性文件,,本年废止件数,26,", "表二,,,规章,,本年制发件数,1,"], edition)
    assert r.meta.edition.startswith("2021")
    assert _cells(r) == {"T2/normative/issued": "8", "T2/normative/in_force": "66", "T2/normative/repealed": "26",
                         "T2/regulations/issued": "1"}
    assert [(d.where, d.written, d.canonical) for d in r.deviations] == [
        ("p.csv:%d" % n, "规范性文件", "行政规范性文件") for n in ((3, 4, 5) if edition else (2, 3, 4))]
    assert not r.unplaced
    assert _findings(r) == Counter({"S10": 3})  # one per line, each naming the line


def test_2019_column_label_in_a_2021_file():
    r = _load(["表二,,,行政许可,,处理决定数量,447228,", "表二,,,行政处罚,,处理决定数量,3985758,",
               "表二,,,行政强制,,本年处理决定数量,88283,"], "2021")
    assert _cells(r) == {"T2/licensing/decisions": "447228", "T2/penalty/decisions": "3985758",
                         "T2/coercion/decisions": "88283"}
    assert [(d.written, d.canonical) for d in r.deviations] == [("处理决定数量", "本年处理决定数量")] * 2
    assert not r.unplaced


def test_2021_labels_in_a_2019_file():
    r = _load(["表二,,,行政规范性文件,,本年新制作数量,3,", "表二,,,行政许可,,本年处理决定数量,12,",
               "表二,,,行政许可,,上一年项目数量,40,"], "2019")
    assert _cells(r) == {"T2/normative/made": "3", "T2/licensing/decisions": "12", "T2/licensing/prev_items": "40"}
    assert sorted((d.written, d.canonical) for d in r.deviations) == [("本年处理决定数量", "处理决定数量"),
                                                                      ("行政规范性文件", "规范性文件")]


def test_row_and_column_of_the_other_edition_on_one_line():
    r = _load(["表二,第二十条第（五）项,,行政许可,,处理决定数量,7,", "表二,,,规范性文件,,现行有效件数,9,"], "2021")
    assert _cells(r) == {"T2/licensing/decisions": "7", "T2/normative/in_force": "9"}
    assert len(r.deviations) == 2 and _findings(r) == Counter({"S10": 2})


def test_cells_the_other_edition_does_not_share_stay_unplaced():
    """本年新制作数量 is 2019's column of another cell (made ≠ issued), 其他对外管理服务事项 a 2019-only row:
    neither is moved into a 2021 cell."""
    r = _load(["表二,,,规范性文件,,本年新制作数量,3,", "表二,,,其他对外管理服务事项,,处理决定数量,5,",
               "表二,,,规章,,本年制发件数,1,"], "2021")
    assert _cells(r) == {"T2/regulations/issued": "1"}
    assert [u.where for u in r.unplaced] == ["p.csv:3", "p.csv:4"]
    assert not r.deviations
    assert _findings(r) == Counter({"S08": 2})


def test_a_whole_2021_report_with_2019_labels_round_trips_and_detects_2021():
    want = huaian_2024()
    rows = list(csv.reader(io.StringIO(tidy_csv.report_to_csv(want).decode("utf-8-sig"))))
    out = [rows[0]]
    for row in rows[1:]:
        if row[0] == "META":
            continue  # no edition named: detected from the labels
        row[3] = row[5] = ""  # placed by labels only
        row[4] = {"行政规范性文件": "规范性文件"}.get(row[4], row[4])
        row[6] = {"本年处理决定数量": "处理决定数量"}.get(row[6], row[6])
        out.append(row)
    buf = io.StringIO()
    csv.writer(buf).writerows(out)
    r = tidy_csv.loads(buf.getvalue(), "h.csv")
    assert r.meta.edition == "2021"
    assert {k: c.value for k, c in r.cells.items()} == {k: c.value for k, c in want.cells.items()}
    assert Counter((d.written, d.canonical) for d in r.deviations) == Counter(
        {("规范性文件", "行政规范性文件"): 3, ("处理决定数量", "本年处理决定数量"): 3})
    assert not r.unplaced
    found = Counter(f.rule for f in api.validate_report(r).findings)
    assert found["S10"] == 6 and found["S08"] == 0 and found["S04"] == 0
