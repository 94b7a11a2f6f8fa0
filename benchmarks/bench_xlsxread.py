"""Time to read a filled annual-report-sized workbook: `read_workbook` against openpyxl (and calamine).

The workbook is generated here, shaped like a returned template (shared/research/tech.md §3): 6 visible
sheets and a veryHidden one, 288 numbers, 24 SUM formulas and 6 check formulas with cached values,
9 long narrative cells, 297 workbook-level names, 7 merges per sheet.  With LibreOffice on the machine the
same workbook is also re-saved by it (shared strings and cached values as in a real returned file).

Each reader does the same job: load and collect every non-empty cached value into {(sheet, "C4"): value}.
In-process, after warm-up; median / p10 / p90 in milliseconds.  Goal for read_workbook: ≤ 5 ms.

    python benchmarks/bench_xlsxread.py [runs]
    pip install -e '.[bench]'   # python-calamine, for the comparison only
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import xlsxwriter

from workbook_tools.workbook.xlsxread import a1, col_letters, read_workbook

GOAL_MS = 5.0
SHEETS = ["封面", "表一", "表二", "表三", "表四", "正文"]


def build(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    head = wb.add_format({"bold": True, "align": "center"})
    narrative = 0
    for s, name in enumerate(SHEETS):
        ws = wb.add_worksheet(name)
        for m in range(7):
            ws.merge_range(m * 2, 8, m * 2, 10, f"{name}合并标题{m}", head)
        ws.write(0, 0, f"{name}：政府信息公开工作年度报告")
        for c in range(6):
            ws.write(1, c + 1, f"第{c + 1}列", head)
        for r in range(8):
            ws.write(r + 2, 0, f"第{r + 1}行 本年新收政府信息公开申请数量")
            for c in range(6):
                ws.write_number(r + 2, c + 1, (s + 1) * 100 + r * 6 + c)
                wb.define_name(f"{name}_R{r + 1}_C{c + 1}", f"='{name}'!${col_letters(c + 2)}${r + 3}")
            if r < 4:
                total = sum((s + 1) * 100 + r * 6 + c for c in range(6))
                ws.write_formula(r + 2, 7, f"=SUM(B{r + 3}:G{r + 3})", None, total)
        ws.write_formula(12, 1, "=IF(H3=SUM(B3:G3),\"通过\",\"不平衡\")", None, "通过")
        for k in range(2 if s < 3 else 1):  # 9 narrative cells, ~10,700 characters in all
            text = f"{'一二三四五六'[s]}、总体情况（{k + 1}）" + "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，及时准确公开政府信息。" * 31
            ws.write(14 + k, 0, text)
            narrative += len(text)
    wb.define_name("edition", "='_meta'!$B$1")
    meta = wb.add_worksheet("_meta")
    meta.write("A1", "xxgk-template")
    meta.write("B1", "2021")
    meta.very_hidden()
    wb.close()
    return path


def libreoffice_copy(src: Path, out_dir: Path) -> Path | None:
    soffice = os.environ.get("XXGK_SOFFICE") or shutil.which("soffice")
    if not soffice:
        return None
    profile = out_dir / "lo_profile"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir / "lo"), str(src)],
                   check=False, capture_output=True, timeout=180)
    out = out_dir / "lo" / src.name
    return out if out.exists() else None


def ours(path: Path) -> dict:
    book = read_workbook(path)
    return {(s.name, a1(r, c)): cell.value for s in book.sheets for (r, c), cell in s.cells.items()
            if cell.value not in (None, "")}


def openpyxl_normal(path: Path) -> dict:
    import openpyxl

    wb = openpyxl.load_workbook(path, data_only=True)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets for c in ws._cells.values()
            if c.value not in (None, "")}


def openpyxl_read_only(path: Path) -> dict:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out = {}
    for ws in wb.worksheets:
        ws.reset_dimensions()  # read_only trusts <dimension>
        for row in ws.iter_rows():
            for c in row:
                if getattr(c, "value", None) not in (None, ""):
                    out[(ws.title, c.coordinate)] = c.value
    wb.close()
    return out


def calamine(path: Path) -> dict:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    out = {}
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v not in (None, ""):
                    out[(name, a1(r, c))] = v
    return out


def timeit(fn, path: Path, runs: int) -> tuple[float, float, float, int]:
    for _ in range(3):
        n = len(fn(path))
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn(path)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[len(times) // 10], times[(len(times) * 9) // 10], n


def main(runs: int = 60) -> int:
    readers = [("read_workbook (zip + ElementTree)", ours), ("openpyxl normal (data_only)", openpyxl_normal),
               ("openpyxl read_only", openpyxl_read_only)]
    try:
        import python_calamine  # noqa: F401

        readers.append(("python-calamine (no names)", calamine))
    except ImportError:
        print("python-calamine not installed: pip install -e '.[bench]' to compare")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        files = [("xlsxwriter", build(tmp / "report.xlsx"))]
        lo = libreoffice_copy(files[0][1], tmp)
        if lo:
            files.append(("LibreOffice re-save", lo))
        worst = 0.0
        for label, path in files:
            book = read_workbook(path)
            n_names = len(book.names)
            print(f"\n{label}: {path.stat().st_size:,} bytes, {len(book.sheets)} sheets, {n_names} names, "
                  f"{sum(len(s.cells) for s in book.sheets)} cells with a value")
            print(f"{'reader':<36}{'median':>9}{'p10':>8}{'p90':>8}{'values':>8}")
            for name, fn in readers:
                med, p10, p90, n = timeit(fn, path, runs)
                if fn is ours:
                    worst = max(worst, med)
                print(f"{name:<36}{med:>9.2f}{p10:>8.2f}{p90:>8.2f}{n:>8}")
        print(f"\nread_workbook median, slowest file: {worst:.2f} ms (goal ≤ {GOAL_MS} ms)")
        return 0 if worst <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 60))
