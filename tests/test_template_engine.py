"""A real spreadsheet engine agrees with the Python rules on every check cell of the template.

LibreOffice (headless, driven through python3-uno by tests/engine/lo_calc.py) fills the generated
template with hundreds of random fillings — balanced ones, deliberately broken ones, and messy ones
with blanks, placeholders and negative numbers — recalculates, and reads back every ✓/✗ cell, every
difference and every total.  Each must equal what the Python rule engine says for the same figures.
Some fillings are also saved as .xlsx by LibreOffice and read back with openpyxl.
"""

from __future__ import annotations

import random
from decimal import Decimal

import openpyxl
import pytest

from workbook_tools.model import Report
from workbook_tools.rules.expr import PREVIOUS
from workbook_tools.rules.python import computed_totals, evaluate
from workbook_tools.spec import CellRef
from workbook_tools.workbook import checksheet
from workbook_tools.workbook.sheetmap import CHECK_SHEET, build_map
from workbook_tools.rules.python import carried_over
from workbook_tools.workbook.writer import build_template

from factories import random_report
from lo_engine import require_engine, run_engine

FILLINGS = 200  # per edition, as the template issue asks


def _filling(edition: str, rng: random.Random, mode: str, year: int) -> Report:
    """A report whose input cells are balanced, broken (a few cells nudged) or messy."""
    r = random_report(edition, rng, year)
    wmap = build_map(edition)
    inputs = [p for p in wmap.inputs() if p.ref.table != "X"]
    if mode == "broken":
        for p in rng.sample(inputs, rng.randint(1, 3)):
            r.set(p.ref, str((r.number(p.ref) or 0) + rng.choice([-2, -1, 1, 3, 40])))
    elif mode == "messy":
        for p in rng.sample(inputs, rng.randint(3, 12)):
            r.set(p.ref, rng.choice(["", "—", "无", "-5", "0", "7"]))
    return r


def _excel_value(report: Report, ref: CellRef):
    cell = report.cell(ref)
    if cell is None or cell.raw in (None, ""):
        return None
    if cell.status == "number":
        v = cell.value
        return float(v) if isinstance(v, Decimal) else v
    return cell.raw


def _expected(edition, report: Report, previous: Report | None, instances):
    """What the Python rule engine says: totals from the inputs, then every instance."""
    def value(ref):
        if previous is not None and ref in carried_over(edition):
            return previous.number(carried_over(edition)[ref]) or 0
        return report.number(ref) or 0

    totals = computed_totals(edition, value)

    def lookup(sel, ref):
        if sel == PREVIOUS:
            return previous.number(ref) or 0
        return totals[ref] if ref in totals else value(ref)

    outcomes = {o.instance: o for o in evaluate(instances, lookup, previous is not None)}
    return totals, [outcomes[i] for i in instances]


@pytest.mark.parametrize("edition,profile,with_previous", [("2021", None, False), ("2019", "jilin", True),
                                                          ("2021", None, True)])
def test_libreoffice_agrees_with_python_rules(tmp_path, edition, profile, with_previous):
    require_engine()
    rng = random.Random(f"engine-{edition}-{with_previous}")
    year = 2020 if edition == "2019" else 2024
    previous = random_report(edition, rng, year - 1) if with_previous else None
    wmap = build_map(edition, profile)
    path = tmp_path / "template.xlsx"
    path.write_bytes(build_template(edition, year=year, profile=profile, previous=previous))
    ed = wmap.edition
    instances = checksheet.check_instances(ed, with_previous)
    assert instances, "the template has check cells"
    first, last = checksheet.FIRST_ROW, checksheet.FIRST_ROW + len(instances) - 1
    totals_cells = [p for p in wmap.cells if p.total]
    reads = [[CHECK_SHEET, first, checksheet.RESULT_COL, last, checksheet.DIFF_COL]]
    reads += [[p.sheet, p.row, p.col, p.row, p.col] for p in totals_cells]

    count = FILLINGS if not with_previous or edition == "2019" else 40
    modes = ["balanced", "broken", "messy"]
    reports, fillings = [], []
    for k in range(count):
        rep = _filling(edition, rng, modes[k % 3], year)
        reports.append(rep)
        cells = [[p.sheet, p.row, p.col, _excel_value(rep, p.ref)] for p in wmap.inputs()
                 if not (with_previous and p.ref in carried_over(ed))
                 and (p.ref.table != "X" or profile)]
        save = str(tmp_path / f"saved-{k}.xlsx") if k % 50 == 0 else None
        fillings.append({"cells": cells, "save": save})
    results = run_engine(path, fillings, reads)

    failures, seen = 0, {"✓": 0, "✗": 0}
    for k, (rep, got) in enumerate(zip(reports, results)):
        totals, outcomes = _expected(ed, rep, previous, instances)
        checks = got[0]
        for inst, outcome, (result, diff) in zip(instances, outcomes, checks):
            want = "✓" if outcome.holds else "✗"
            seen[result] = seen.get(result, 0) + 1
            if result != want or Decimal(str(diff)) != Decimal(outcome.diff):
                failures += 1
                assert failures < 5, f"filling {k}: {inst.rule} {inst.binding}: LibreOffice {result} {diff}, Python {want} {outcome.diff}"
        for p, cell in zip(totals_cells, got[1:]):
            assert Decimal(str(cell[0][0])) == Decimal(totals[p.ref]), f"filling {k}: total {p.ref.key}"
    assert failures == 0
    assert seen["✓"] > 0 and seen["✗"] > 0, "both outcomes must occur, or the test proves nothing"

    # the copies LibreOffice saved carry the recalculated results in their cached values
    for k, filling in enumerate(fillings):
        if not filling["save"]:
            continue
        wb = openpyxl.load_workbook(filling["save"], data_only=True)
        ws = wb[CHECK_SHEET]
        got = [ws.cell(row=first + 1 + i, column=checksheet.RESULT_COL + 1).value for i in range(len(instances))]
        _, outcomes = _expected(ed, reports[k], previous, instances)
        assert got == ["✓" if o.holds else "✗" for o in outcomes]
