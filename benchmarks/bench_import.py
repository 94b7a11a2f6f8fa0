"""Time to import a typical published report (`xxgk import`), per input format, in the toolkit's own time.

Inputs: the seed report (plain text from Word, 2019 edition), the real 淮安 2024 PDF, and the 2021 example
rendered to .html, .md and .docx by the report renderers (skipped if those are absent).  Interpreter
start-up is excluded; reading the file, parsing, finding sections, aligning the tables by label and
building the report are included.  "first" is the first call in this process (it imports pdfplumber or
python-docx); "median" is over the following runs.  The goal is well under a second.

    python benchmarks/bench_import.py [runs]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from workbook_tools import api  # noqa: E402
from workbook_tools.importers import read  # noqa: E402

GOAL_MS = 1000


def inputs(tmp: Path) -> list[tuple[str, Path]]:
    out = []
    seed = SHARED / "seeds" / "000_f5d5ef7bb5443bb4.txt"
    pdf = SHARED / "fixtures" / "real" / "2024_huaian-shi.pdf"
    if seed.exists():
        out.append(("seed 2020 (txt)", seed))
    if hasattr(api, "render_report"):
        report = api.load_report(ROOT / "examples" / "sample-county-2024.json")
        for ext in (".html", ".md", ".docx"):
            try:
                (path, *_) = api.render_report(report, tmp / f"sample-county-2024{ext}")
                out.append((f"sample 2024 ({ext[1:]})", path))
            except Exception as e:  # noqa: BLE001 - a renderer missing is reported, not fatal
                print(f"skipped {ext}: {e}")
    if pdf.exists():
        out.append(("淮安 2024 (pdf, 6 pages)", pdf))
    return out


def main(runs: int = 10) -> int:
    with tempfile.TemporaryDirectory() as d:
        print(f"{'input':<28}{'cells':>6}{'first ms':>10}{'median ms':>11}{'max ms':>9}")
        worst = 0.0
        for name, path in inputs(Path(d)):
            times = []
            for _ in range(runs + 1):
                t = time.perf_counter()
                res = read(path)
                times.append((time.perf_counter() - t) * 1000)
            first, rest = times[0], times[1:]
            worst = max(worst, max(rest))
            print(f"{name:<28}{len(res.report.cells):>6}{first:>10.1f}{statistics.median(rest):>11.1f}{max(rest):>9.1f}")
        print(f"slowest repeated import: {worst:.0f} ms (goal: under {GOAL_MS} ms)")
        return 0 if worst < GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10))
