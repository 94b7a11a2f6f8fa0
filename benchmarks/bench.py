"""Speed of the toolkit's own work, measured (not a timed test).  Prints a table for the README.

Usage: python benchmarks/bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbook_tools import api  # noqa: E402
from workbook_tools.io import report_json, tidy_csv  # noqa: E402
from workbook_tools.validate import validate  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm caches (compiled rules, declarations)
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=200)
    n = ap.parse_args().repeat
    example = ROOT / "examples" / "sample-county-2024.json"
    text = example.read_text(encoding="utf-8")
    report = report_json.loads(text)
    csv_text = tidy_csv.report_to_csv(report).decode("utf-8-sig")
    rows = [
        ("load report JSON (200 cells + narrative)", lambda: report_json.loads(text)),
        ("load tidy CSV by codes", lambda: tidy_csv.loads(csv_text)),
        ("validate (all implemented rules)", lambda: validate(report)),
        ("validate with previous year", lambda: validate(report, report)),
        ("load JSON + validate (api.validate_file)", lambda: api.validate_file(example)),
    ]
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {n} runs each")
    print(f"{'step':<44} {'p50 ms':>8} {'p95 ms':>8}")
    for name, fn in rows:
        p50, p95 = timed(fn, n)
        print(f"{name:<44} {p50:8.2f} {p95:8.2f}")
    cmd = [sys.executable, "-m", "workbook_tools", "validate", str(example), "--format", "json"]
    runs = []
    for _ in range(10):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, cwd=ROOT)
        runs.append((time.perf_counter() - t0) * 1000)
    print(f"{'xxgk validate, whole process (10 runs)':<44} {statistics.median(runs):8.1f}")


if __name__ == "__main__":
    main()
