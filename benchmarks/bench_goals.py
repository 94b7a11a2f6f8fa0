"""The speed goals of issue 17, measured side by side in one run (not a timed test).

Usage: python benchmarks/bench_goals.py [--repeat 100] [--runs 15] [--files 600] [--skip-check]

1. read + validate of a filled template against bare python-calamine extracting every value of the same
   file, interleaved (one of each, in turn) so that a busy machine slows all alike, next to the floor of
   any reader that keeps our safety checks: the pre-flight (every part inflated, CRC- and DTD-checked)
   and an ElementTree parse of the parts the reader reads, with nothing mapped or checked;
2. whole processes, interleaved too: `python -c pass`, `xxgk --help`, `xxgk validate x.json` (after one
   warming run of each, which writes the bytecode and the kept help as any first use does), and as its
   floors the import of typer alone and the import of the modules a validation runs;
3. `xxgk check -j 2` over a folder of filled workbooks (files/s, peak memory), in a fresh process.

Each figure is printed next to its goal with met / not met, and the load average at the time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
EXAMPLE = ROOT / "examples" / "sample-county-2024.json"


def _p(samples: list[float], q: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, max(0, int(len(s) * q + 0.5) - 1))]


def interleaved(fns: dict, repeat: int) -> dict[str, list[float]]:
    """Milliseconds per call of each function, the functions called in turn `repeat` times."""
    for fn in fns.values():
        fn()  # warm: imports, compiled checks, declarations
    samples: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - t0) * 1000)
    return samples


def reading(repeat: int) -> dict:
    import python_calamine

    from workbook_tools import api
    from workbook_tools.workbook.preflight import preflight
    from workbook_tools.workbook.writer import fill_workbook

    tmp = Path(tempfile.mkdtemp(prefix="xxgk-goals-"))
    path = tmp / "filled.xlsx"
    path.write_bytes(fill_workbook(api.load_report(EXAMPLE)))

    def calamine():
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        return [wb.get_sheet_by_name(s).to_python(skip_empty_area=False) for s in wb.sheet_names]

    def read_validate():
        return api.validate_report(api.load_report(path))

    parts = _parts_read(path)

    def floor():  # what no reader of ours can skip: pre-flight, and parsing the parts it reads
        pkg = preflight(path)
        for part in parts:
            ET.fromstring(pkg.read(part))
        pkg.close()

    s = interleaved({"calamine": calamine, "floor": floor, "read": lambda: api.load_report(path),
                     "read+validate": read_validate}, repeat)
    kb = path.stat().st_size / 1024
    shutil.rmtree(tmp, ignore_errors=True)
    return {k: (statistics.median(v), _p(v, 0.95)) for k, v in s.items()} | {"kb": kb, "parts": len(parts)}


VALIDATION_IMPORTS = ("import workbook_tools.api, workbook_tools.validate, workbook_tools.io.report_json, "
                      "workbook_tools.narrative.compare, workbook_tools.render.result_text")


def _parts_read(path: Path) -> list[str]:
    """The XML parts the template reader parses for `path`: the workbook, shared strings, the sheets it selects."""
    from workbook_tools import api
    from workbook_tools.workbook import xlsxread

    sheets: list[str] = []
    real = xlsxread._read_sheet

    def spy(pkg, sheet, sst, rows=None):
        sheets.append(sheet.part)
        return real(pkg, sheet, sst, rows)

    xlsxread._read_sheet = spy
    try:
        api.load_report(path)
    finally:
        xlsxread._read_sheet = real
    return ["xl/workbook.xml", "xl/sharedStrings.xml", *sheets]


def processes(runs: int) -> dict:
    xxgk = Path(sys.executable).with_name("xxgk")
    base = [str(xxgk)] if xxgk.exists() else [sys.executable, "-m", "workbook_tools"]
    cmds = {"python -c pass": [sys.executable, "-c", "pass"], "xxgk --help": [*base, "--help"],
            "xxgk validate x.json": [*base, "validate", str(EXAMPLE)],
            # floors of the last: the command-line library alone, and the modules a validation needs
            "python -c 'import typer'": [sys.executable, "-c", "import typer"],
            "python -c 'import <validation modules>'": [sys.executable, "-c", VALIDATION_IMPORTS]}

    # as installed Python runs: bytecode kept (the first, warming run writes it), whatever this shell says
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def runner(cmd):
        return lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)

    s = interleaved({k: runner(c) for k, c in cmds.items()}, runs)
    return {k: (statistics.median(v), _p(v, 0.95)) for k, v in s.items()}


def checking(files: int, jobs: int) -> dict:
    from bench_check import generate

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        generate(folder, files, "xlsx")
        out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_check.py"), "--child", str(folder), str(jobs)],
                             capture_output=True, text=True, check=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    return r | {"rate": r["files"] / r["check_s"]}


def _goal(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=100)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--files", type=int, default=600)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--skip-check", action="store_true")
    args = ap.parse_args()
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f} at the start")
    print("| measure | p50 | p95 | ratio (p50) | goal | |")
    print("|---|---|---|---|---|---|")
    r = reading(args.repeat)
    cal = r["calamine"][0]
    print(f"| bare python-calamine, every sheet ({r['kb']:.0f} KB filled template) | {cal:.1f} ms | {r['calamine'][1]:.1f} ms "
          f"| 1 | | |")
    print(f"| floor: pre-flight + ElementTree parse of the {r['parts']} parts the reader reads | {r['floor'][0]:.1f} ms "
          f"| {r['floor'][1]:.1f} ms | {r['floor'][0] / cal:.1f}× | | |")
    print(f"| read (api.load_report) | {r['read'][0]:.1f} ms | {r['read'][1]:.1f} ms | {r['read'][0] / cal:.1f}× | | |")
    rv = r["read+validate"]
    print(f"| read + validate | {rv[0]:.1f} ms | {rv[1]:.1f} ms | {rv[0] / cal:.1f}× | ≤ 3× | {_goal(rv[0] <= 3 * cal)} |")
    p = processes(args.runs)
    bare = p["python -c pass"][0]
    for name, limit in (("python -c pass", None), ("xxgk --help", 2), ("xxgk validate x.json", 3),
                        ("python -c 'import typer'", None), ("python -c 'import <validation modules>'", None)):
        p50, p95 = p[name]
        goal = f"| ≤ {limit}× | {_goal(p50 <= limit * bare)} |" if limit else "| | |"
        print(f"| {name}, whole process ({args.runs} runs) | {p50:.0f} ms | {p95:.0f} ms | {p50 / bare:.1f}× {goal}")
    if not args.skip_check:
        c = checking(args.files, args.jobs)
        print(f"| xxgk check -j {args.jobs}, {c['files']} filled workbooks ({c['unreadable']} broken) | {c['rate']:.0f} files/s "
              f"| | | ≥ 200/s | {_goal(c['rate'] >= 200)} |")
        print(f"| check: CPU per file / peak RSS main / largest worker | {c['cpu_s'] / c['files'] * 1000:.1f} ms "
              f"| | | {c['rss_main_mb']:.0f} MB / {c['rss_worker_mb']:.0f} MB | |")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
