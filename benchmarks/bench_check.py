"""Throughput of `xxgk check`: files per second and peak memory over a folder of ≥ 1,000 reports.

Usage: python benchmarks/bench_check.py [--files 1000] [--jobs 1,2] [--dir DIR]

The folder is generated once (random balanced reports as report JSON, 2 % broken files) and checked
in a fresh process per `-j`, so that each run's peak memory is its own.  Printed per run: the check
itself (discovery, parallel validation, summary) and writing the .xlsx summary; the peak resident
memory of the main process and of the largest worker.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def generate(folder: Path, n: int, fmt: str = "json") -> None:
    """`n` files: distinct random reports as JSON; as .xlsx (filled templates, slow to make) 50 distinct
    workbooks copied round-robin.  Every 50th file is broken."""
    from batch_corpus import COUNTIES, DEPARTMENTS, named_report, write_json

    from workbook_tools import api

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2024)
    made: list[bytes] = []
    for i in range(n):
        stem = folder / f"{i:05d}"
        if i % 50 == 49:
            stem.with_suffix(f".{fmt}").write_bytes(b'{"meta": {' if fmt == "json" else b"PK\x03\x04 broken")
            continue
        agency = f"{COUNTIES[i % len(COUNTIES)]}{DEPARTMENTS[i // len(COUNTIES) % len(DEPARTMENTS)]}{i}"
        if fmt == "json":
            write_json(named_report(agency, rng), stem)
        else:
            if len(made) < 50:
                made.append(api.report_bytes(named_report(agency, rng), "x.xlsx"))
            stem.with_suffix(".xlsx").write_bytes(made[i % len(made)])


def child(folder: str, jobs: int) -> None:
    from workbook_tools.batch.check import _preload, check
    from workbook_tools.batch.write import to_xlsx

    _preload()  # imports and compiled rules: start-up, not throughput (≈ 0.3 s, see `xxgk` start-up figures)
    cpu0 = sum(getattr(resource.getrusage(resource.RUSAGE_SELF), f) for f in ("ru_utime", "ru_stime"))
    t0 = time.perf_counter()
    summary = check([folder], jobs=jobs)
    t1 = time.perf_counter()
    data = to_xlsx(summary)
    t2 = time.perf_counter()
    print(json.dumps({
        "files": len(summary.files),
        "unreadable": summary.totals["unreadable"],
        "check_s": t1 - t0,
        "xlsx_s": t2 - t1,
        "xlsx_kb": len(data) // 1024,
        "cpu_s": sum(getattr(resource.getrusage(w), f) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                     for f in ("ru_utime", "ru_stime")) - cpu0,
        "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--dir", type=Path, help="use (or fill) this folder instead of a temporary one")
    ap.add_argument("--format", choices=("json", "xlsx"), default="json", help="report JSON or filled .xlsx workbooks")
    ap.add_argument("--child", nargs=2, metavar=("DIR", "JOBS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir or Path(tmp) / "reports"
        if not folder.exists() or not any(folder.iterdir()):
            t0 = time.perf_counter()
            generate(folder, args.files, args.format)
            print(f"generated {args.files} .{args.format} files in {time.perf_counter() - t0:.1f} s")
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"load average {os.getloadavg()[0]:.1f} before the runs")
        print("| -j | files | check (wall) | files/s | CPU ms per file | + .xlsx summary | peak RSS main / largest worker |")
        print("|---|---|---|---|---|---|---|")
        for jobs in [int(j) for j in args.jobs.split(",")]:
            out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(jobs)], capture_output=True, text=True,
                                 check=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"| {jobs} | {r['files']} ({r['unreadable']} broken) | {r['check_s']:.2f} s | {r['files'] / r['check_s']:.0f} "
                  f"| {r['cpu_s'] / r['files'] * 1000:.1f} | {r['xlsx_s']:.2f} s ({r['xlsx_kb']} KB) "
                  f"| {r['rss_main_mb']:.0f} MB / {r['rss_worker_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
