"""Writes the conformance inputs of every official edition: `python tests/conformance/make.py`.

Each folder `tests/conformance/<edition>/` holds
- `report.json`: a balanced report with values drawn so that no two neighbouring cells are equal (a value read into
  the wrong cell shows), with a narrative whose figures agree with the tables;
- `faults.json`: cell edits that break the balances in known ways;
- `expected.json`: the arithmetic and value findings (rule, severity, cells) of the report and of the faulty report.
The expected findings were generated once and reviewed by hand; re-run this script only when a declaration changes,
and review the diff of `expected.json` before committing it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE.parent)]

from workbook_tools import api  # noqa: E402
from workbook_tools.editions import editions, get_edition  # noqa: E402
from workbook_tools.model import Cell, Meta, Narrative, NarrativeSection, Report, TextBlock  # noqa: E402
from workbook_tools.rules.python import computed_totals  # noqa: E402
from workbook_tools.spec import CellRef, Role  # noqa: E402
from workbook_tools.workbook.sheetmap import build_map  # noqa: E402

# What the conformance holds every reader to: the findings that depend on the figures alone.
COMPARED = ("A", "V")


def balanced_report(edition_id: str, seed: int = 2024, year: int | None = 0) -> Report:
    """Every input drawn at random, table 三 balanced (一 + 二 = 三 + 四), totals derived from the declared equations.
    `year` 0: a year the edition is prescribed for; None: no year."""
    ed = get_edition(edition_id)
    rng = random.Random(seed)
    if year == 0:
        year = ed.years[0] + 3 if ed.years[1] is None else ed.years[1]
    report = Report(meta=Meta(agency="示例县交通运输局", year=year, edition=ed.id,
                              signature_date=dt.date(year + 1, 1, 20) if year else None)).with_zeros()
    for p in build_map(ed.id).inputs():
        report.cells[p.ref.key] = Cell.parse(str(rng.randint(1, 60)), p.kind, p.unit)
    t3 = ed.table_for(Role.APPLICATIONS)
    (received,), (carried,), (forward,) = (ed.rows_for(x) for x in (Role.RECEIVED, Role.CARRIED_OVER, Role.FORWARD))
    for b in t3.blocks:
        for col in (x.code for x in b.columns if Role.TOTAL not in x.roles):
            closed = sum(report.number(CellRef(t3.code, r.code, col)) for r in b.rows if r.role == "outcome")
            c = report.number(CellRef(t3.code, carried, col))
            new = max(closed + rng.randint(1, 9) - c, 0)  # 一 + 二 = 三 + 四, something carried forward
            report.set(CellRef(t3.code, received, col), str(new))
            report.set(CellRef(t3.code, forward, col), str(new + c - closed))
    for ref, v in computed_totals(ed, lambda ref: report.number(ref) or 0).items():
        report.cells[ref.key] = Cell.of(v)
    report.narrative = Narrative(sections=[
        NarrativeSection(s.number, None, [TextBlock("paragraph", f"本机关{s.title[2:]}，情况详见下表。")])
        for s in ed.sections])
    return report


def faults(report: Report) -> list[dict]:
    """Two edits: one input cell of table 三 raised by 5 (totals left alone), one total lowered by 1."""
    ed = report.edition
    t3 = ed.table_for(Role.APPLICATIONS)
    outcome = next(r for b in t3.blocks for r in b.rows if r.role == "outcome")
    col = next(x.code for b in t3.blocks for x in b.columns if Role.TOTAL not in x.roles)
    cell = CellRef(t3.code, outcome.code, col).key
    (forward,) = ed.rows_for(Role.FORWARD)
    total_col = next(x.code for b in t3.blocks for x in b.columns if Role.TOTAL in x.roles)
    total = CellRef(t3.code, forward, total_col).key
    return [{"cell": cell, "value": str(report.number(cell) + 5)},
            {"cell": total, "value": str(report.number(total) - 1)}]


def apply_faults(report: Report, edits: list[dict]) -> Report:
    for e in edits:
        report.set(e["cell"], e["value"])
    return report


def compared_findings(result) -> list[dict]:
    out = []
    for f in result.findings:
        if f.rule.startswith(COMPARED):
            out.append({"rule": f.rule, "severity": f.severity.value, "cells": sorted(f.location.cells)})
    return sorted(out, key=lambda d: (d["rule"], d["cells"]))


def main() -> None:
    for ed in editions():
        if not ed.official:
            continue
        folder = HERE / ed.id
        folder.mkdir(exist_ok=True)
        report = balanced_report(ed.id)
        api.save_report(report, folder / "report.json", force=True)
        edits = faults(report)
        (folder / "faults.json").write_text(json.dumps(edits, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        faulty = apply_faults(api.load_report(folder / "report.json"), edits)
        expected = {"report": compared_findings(api.validate_report(report)),
                    "faulty": compared_findings(api.validate_report(faulty))}
        (folder / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
        print(folder.name, len(expected["report"]), len(expected["faulty"]))


if __name__ == "__main__":
    main()
