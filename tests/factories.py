"""Reports for tests: the real figures of SPEC Appendix A, and random balanced or broken fillings."""

from __future__ import annotations

import random
import re
from dataclasses import replace

from conftest import shared
from workbook_tools.editions import get_edition
from workbook_tools.model import Report, blank_report
from workbook_tools.rules.python import derive_totals
from workbook_tools.spec import CellRef

T3_COLS = ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]


def appendix_a1_table3() -> dict[str, list[str]]:
    """Table 三 of 淮安 2024 as printed in SPEC Appendix A.1."""
    text = shared("format", "SPEC.md").read_text(encoding="utf-8")
    part = text.split("### A.1", 1)[1].split("### A.2", 1)[0]
    rows = {}
    for m in re.finditer(r"^\| (R[\d.]+) \|((?: [\d]+ \|){7})$", part, re.M):
        rows[m.group(1)] = m.group(2).replace("|", " ").split()
    return rows


def huaian_2024() -> Report:
    r = blank_report("2021", 2024, "淮安市人民政府")
    for (row, col), v in {
        ("regulations", "issued"): "1", ("regulations", "repealed"): "0", ("regulations", "in_force"): "11",
        ("normative", "issued"): "8", ("normative", "repealed"): "26", ("normative", "in_force"): "66",
        ("licensing", "decisions"): "447228", ("penalty", "decisions"): "3985758", ("coercion", "decisions"): "88283",
        ("fees", "amount"): "96171.6",
    }.items():
        r.set(CellRef("T2", row, col), v)
    for row, values in appendix_a1_table3().items():
        for col, v in zip(T3_COLS, values):
            r.set(CellRef("T3", row, col), v)
    for row, values in {"F": "72 64 178 37 351", "L1": "13 4 8 1 26", "L2": "12 1 1 6 20"}.items():
        for i, v in enumerate(values.split()):
            r.set(CellRef("T4", row, f"C{i + 1}"), v)
    return r


def shanghai_2019() -> Report:
    """SPEC Appendix A.2: zero cells and every row total left blank (— = blank)."""
    r = blank_report("2019", 2019, "上海市人民政府办公厅")
    for ref in list(r.cells):
        if ref.startswith("T3/"):
            r.set(ref, None)
    table = {
        "R1": "821 35 — — 2 1 859",
        "R2": "18 — — — — — 18",
        "R3.1": "258 12 — — 1 1 —",
        "R3.2": "509 23 — — 1 — —",
        "R3.7": "767 35 — — 2 1 805",
        "R4": "72 — — — — — 72",
    }
    for row, values in table.items():
        for col, v in zip(T3_COLS, values.split()):
            r.set(CellRef("T3", row, col), None if v == "—" else v)
    r.set(CellRef("T2", "procurement", "amount"), "251000元")
    return r


def random_report(edition: str, rng: random.Random, year: int | None = None) -> Report:
    """A balanced random filling: parts drawn at random, totals derived from the declared equations."""
    ed = get_edition(edition)
    r = blank_report(ed.id, year or (2020 if ed.id == "2019" else 2024), "测试机关")
    totals = derive_totals(ed)
    for ref in list(r.cells):
        cref = CellRef.parse(ref)
        if cref in totals or cref.row in ("R4",):
            continue
        kind, _ = r.kind_of(cref)
        v = rng.choice([0, 0, 0, 1, 2, 5, 17, 130])
        if kind.value == "signed":
            v = rng.choice([-3, 0, 4])
        cell = r.set(cref, str(v))
        if kind.value == "money" and cell.unit is None:  # a unit the filer states beside the table
            r.cells[ref] = replace(cell, unit="万元")
    # R4 balances table 三: R4 = R1 + R2 - R3.7, so draw outcomes no larger than what came in
    for col in T3_COLS[:-1]:
        came = r.number(f"T3/R1/{col}") + r.number(f"T3/R2/{col}")
        outcomes = [ref for ref in r.cells if ref.startswith("T3/R3.") and ref.endswith(f"/{col}") and not ref.startswith("T3/R3.7/")]
        left = came
        for ref in outcomes:
            v = min(r.number(ref), left)
            r.set(ref, str(v))
            left -= v
        r.set(f"T3/R4/{col}", str(left))
    for _ in range(2):  # row totals, then （七）总计 (its own row total needs the column totals)
        for ref, terms in totals.items():
            r.set(ref, str(sum(r.number(t.ref) * t.sign for t in terms)))
    return r
