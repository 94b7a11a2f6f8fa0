"""A filled template whose hidden sheet and defined names were lost (its sheets copied into a new
workbook with openpyxl) is read by labels: the toolkit's own helper columns beside table 二 (the
金额单位 selector, last year's 现行有效件数) are recognised, the chosen unit is kept, and every cell
reads as it did through the cell map."""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from factories import random_report
from workbook_tools import api
from workbook_tools.cli import app
from workbook_tools.workbook.writer import write_workbook


def _copy(src, dst, merges: bool) -> None:
    """What a person does with openpyxl: cell values (cached results, not formulas) of the visible sheets."""
    wb = openpyxl.load_workbook(src, data_only=True)
    new = openpyxl.Workbook()
    new.remove(new.active)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        out = new.create_sheet(ws.title)
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    out.cell(c.row, c.column, c.value)
        if merges:
            for rng in ws.merged_cells.ranges:
                out.merge_cells(str(rng))
    new.save(dst)


def _cells(report) -> dict:
    return {k: (c.raw, c.value, c.unit, c.status) for k, c in report.cells.items()}


def _fill_and_copy(tmp_path, report_path, merges, previous=None):
    filled = tmp_path / "filled.xlsx"
    if previous is None:
        r = CliRunner().invoke(app, ["fill", str(report_path), "-o", str(filled)])
        assert r.exit_code == 0, r.output
    else:  # `fill` has no --previous; the writer offers last year's figures beside table 二
        filled.write_bytes(write_workbook(api.load_report(report_path), previous=previous))
    copied = tmp_path / "copied.xlsx"
    _copy(filled, copied, merges)
    return api.load_report(filled), api.load_report(copied)


@pytest.mark.parametrize("name", ["dehui-2020.json", "sample-county-2024.json"])
@pytest.mark.parametrize("merges", [True, False])
def test_every_cell_of_a_copied_template(tmp_path, name, merges):
    by_map, by_labels = _fill_and_copy(tmp_path, EXAMPLES / name, merges)
    assert by_map.workbook.strategy == "template" and by_labels.workbook.strategy == "labels"
    assert _cells(by_labels) == _cells(by_map)
    assert not by_labels.unplaced and not by_labels.deviations
    assert by_labels.meta.edition == by_map.meta.edition and by_labels.meta.profile == by_map.meta.profile
    assert Counter(f.rule for f in api.validate_report(by_labels).findings if f.rule[0] in "VAS") == \
        Counter(f.rule for f in api.validate_report(by_map).findings if f.rule[0] in "VAS")


@pytest.mark.parametrize("unit,raw,value,v04", [("元", "251000", Decimal(251000), 0), ("万元", "25.1", Decimal("25.1"), 0),
                                              (None, "25.1", Decimal("25.1"), 1)])
def test_the_chosen_unit_is_read_beside_the_amount(tmp_path, unit, raw, value, v04):
    r = api.load_report(EXAMPLES / "dehui-2020.json")
    r.set("T2/procurement/amount", raw)
    cell = r.cells["T2/procurement/amount"]
    r.cells["T2/procurement/amount"] = type(cell)(cell.raw, cell.value, unit, cell.status, cell.notes, cell.source)
    src = tmp_path / "r.json"
    api.save_report(r, src)
    by_map, by_labels = _fill_and_copy(tmp_path, src, merges=True)
    got = by_labels.cells["T2/procurement/amount"]
    assert (got.raw, got.value, got.unit) == (raw, value, unit)
    assert by_labels.cells["T2/procurement/projects"].raw == "1"
    assert _cells(by_labels) == _cells(by_map)
    assert Counter(f.rule for f in api.validate_report(by_labels).findings)["V04"] == v04


def test_reference_column_of_last_year_is_not_a_value(tmp_path):
    last = random_report("2021", random.Random(3), year=2023)
    by_map, by_labels = _fill_and_copy(tmp_path, EXAMPLES / "sample-county-2024.json", True, previous=last)
    ws = openpyxl.load_workbook(tmp_path / "copied.xlsx")["表二"]
    assert ws["E5"].value == "上年现行有效件数（参考）" and ws["E7"].value == last.number("T2/normative/in_force")
    assert _cells(by_labels) == _cells(by_map) and not by_labels.unplaced


def test_a_column_the_filer_added_is_not_taken_for_a_helper(tmp_path):
    """Only the toolkit's own helper headers are set aside: a 备注 column typed beside table 二 is the
    filer's, its row cannot be aligned and is reported missing, never read with a shifted value."""
    by_map, _ = _fill_and_copy(tmp_path, EXAMPLES / "sample-county-2024.json", True)
    wb = openpyxl.load_workbook(tmp_path / "copied.xlsx")
    ws = wb["表二"]
    ws.cell(5, 5, "备注")
    ws.cell(6, 5, "万元")
    wb.save(tmp_path / "noted.xlsx")
    back = api.load_report(tmp_path / "noted.xlsx")
    assert {k: v for k, v in _cells(back).items() if v != _cells(by_map)[k]} == {}
    assert set(by_map.cells) - set(back.cells) == {"T2/regulations/issued", "T2/regulations/repealed", "T2/regulations/in_force"}
    assert any("3 个单元格未读到" in n for n in back.read_notes)
