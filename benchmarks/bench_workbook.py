"""Speed of the Excel side, measured (not a timed test).  Prints a table for the README.

Template generation, filling, and reading a filled workbook back (read, read + validate), next to
bare openpyxl and bare python-calamine on the very same file, so the toolkit's cost can be compared
with what a plain library spends just to get the values out.

Usage: python benchmarks/bench_workbook.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import timed  # noqa: E402  (the same median/p95 measurement as the other scripts)
from workbook_tools import api  # noqa: E402
from workbook_tools.validate import validate  # noqa: E402
from workbook_tools.workbook.reader import load  # noqa: E402
from workbook_tools.workbook.writer import build_template, fill_workbook  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=60)
    n = ap.parse_args().repeat
    report = api.load_report(ROOT / "examples" / "sample-county-2024.json")
    tmp = Path(tempfile.mkdtemp(prefix="xxgk-bench-"))
    path = tmp / "filled.xlsx"
    path.write_bytes(fill_workbook(report))

    rows = [
        ("template, 2021 edition (xxgk template)", timed(lambda: build_template("2021", year=2024, agency="某局"), n)),
        ("fill a report into its template (xxgk fill)", timed(lambda: fill_workbook(report), n)),
        ("read a filled workbook (xxgk read)", timed(lambda: load(path), n)),
        ("read + validate", timed(lambda: validate(load(path)), n)),
    ]
    import openpyxl

    rows.append(("bare openpyxl load (data_only)", timed(lambda: openpyxl.load_workbook(path, data_only=True), max(10, n // 4))))
    rows.append(("bare openpyxl load (read_only, all values)", timed(
        lambda: [list(ws.iter_rows(values_only=True)) for ws in openpyxl.load_workbook(path, read_only=True, data_only=True)],
        max(10, n // 4))))
    try:
        import python_calamine

        def calamine():
            wb = python_calamine.CalamineWorkbook.from_path(str(path))
            return [wb.get_sheet_by_name(s).to_python(skip_empty_area=False) for s in wb.sheet_names]

        rows.append(("bare python-calamine, every sheet", timed(calamine, n)))
    except ImportError:
        rows.append(("bare python-calamine (not installed: pip install '.[bench]')", (float("nan"), float("nan"))))

    print(f"{path.stat().st_size / 1024:.1f} KB workbook, {len(report.cells)} cells, {n} runs\n")
    print("| step | median | p95 |")
    print("|---|---|---|")
    for name, (p50, p95) in rows:
        print(f"| {name} | {p50:.1f} ms | {p95:.1f} ms |")


if __name__ == "__main__":
    main()
