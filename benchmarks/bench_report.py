"""Time to assemble the publishable report in each format (`xxgk report`), in the toolkit's own time.

Interpreter start-up is excluded; loading the report JSON is excluded; everything else is in: reading the
templates, building the document structure, rendering and serialising the bytes (not writing the file).
"first" is the first call in this process (it imports python-docx for .docx); "median" is over the
following runs.  PDF is not timed here: it is LibreOffice's time (about 1.5 s, mostly its start-up).

    python benchmarks/bench_report.py [runs]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbook_tools import api  # noqa: E402

GOAL_MS = 150
FORMATS = (".docx", ".html", ".md", ".txt")
EXAMPLES = ("dehui-2020.json", "sample-county-2024.json")


def main(runs: int = 20) -> int:
    reports = {name: api.load_report(ROOT / "examples" / name) for name in EXAMPLES}
    print(f"{'example':<26}{'format':<8}{'first ms':>10}{'median ms':>11}{'max ms':>9}")
    worst = 0.0
    for name, report in reports.items():
        for fmt in FORMATS:
            times = []
            for _ in range(runs + 1):
                t = time.perf_counter()
                api.render_bytes(report, "out" + fmt)
                times.append((time.perf_counter() - t) * 1000)
            first, rest = times[0], times[1:]
            worst = max(worst, first, max(rest))
            print(f"{name:<26}{fmt:<8}{first:>10.1f}{statistics.median(rest):>11.1f}{max(rest):>9.1f}")
    verdict = "within" if worst <= GOAL_MS else "OVER"
    print(f"slowest single call: {worst:.1f} ms ({verdict} the {GOAL_MS} ms goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
