"""docx → PDF (LibreOffice) → text and PNG: the printed report carries the title and every number, page 1
looks like a 公文 first page and the table-三 page shows a ruled table.  Needs soffice, pdftotext and
pdftoppm (CI installs them; locally the tests skip without them).

Set XXGK_RENDER_DIR to keep the PDFs and PNGs for looking at them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from workbook_tools import api

from conftest import require_command
from render_helpers import distinct_report


@pytest.fixture(scope="module", params=("2021", "2019"))
def printed(request, tmp_path_factory):
    require_command("soffice")
    require_command("pdftotext")
    require_command("pdftoppm")
    out = tmp_path_factory.mktemp(f"pdf{request.param}")
    report = distinct_report(request.param)
    docx, pdf = api.render_report(report, out / "report.docx", pdf=True)
    pages = []
    n = 1
    while True:
        text = subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, text=True, check=False)
        if text.returncode != 0 or not text.stdout.strip():
            break
        pages.append(text.stdout)
        n += 1
    keep = os.environ.get("XXGK_RENDER_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(pdf, Path(keep) / f"report-{request.param}.pdf")
    return report, pdf, pages, keep


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?(?:万元)?", text.replace(" ", "")))


def test_pdf_text_has_title_and_every_table_number(printed):
    report, pdf, pages, _ = printed
    squeezed = re.sub(r"\s+", "", "".join(pages))
    assert "示例县市场监督管理局2024年政府信息公开工作年度报告" in squeezed
    numbers = set()
    for page in pages:  # per line, so that numbers of neighbouring cells are not glued together
        for line in page.splitlines():
            numbers |= set(re.findall(r"\d+(?:\.\d+)?", line))
    table_values = {c.raw.replace("万元", "") for k, c in report.cells.items() if k[:2] in ("T2", "T3", "T4", "X/")}
    assert table_values - numbers == set()
    assert len(pages) >= 4


def _png(pdf: Path, page: int, keep: str | None, name: str) -> Path:
    prefix = pdf.parent / name
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)],
                   check=True)
    png = prefix.with_suffix(".png")
    if keep:
        shutil.copy(png, Path(keep) / png.name)
    return png


def _dark_rows_and_cols(png: Path):
    from PIL import Image

    img = Image.open(png).convert("L")
    w, h = img.size
    px = img.load()
    dark = [[px[x, y] < 128 for x in range(w)] for y in range(h)]
    return img.size, dark


def test_page_one_looks_like_a_first_page(printed):
    report, pdf, pages, keep = printed
    (w, h), dark = _dark_rows_and_cols(_png(pdf, 1, keep, f"page1-{report.meta.edition}"))
    inked = [y for y in range(h) if any(dark[y])]
    assert inked, "page 1 is blank"
    # the title is the first ink, centred on the type area (28 mm left, 26 mm right margin)
    top = inked[0]
    assert 0.11 * h < top < 0.2 * h  # 37 mm top margin = 12.5 % of 297 mm
    title_cols = [x for y in range(top, top + 15) for x in range(w) if dark[y][x]]
    centre = (min(title_cols) + max(title_cols)) / 2 / w
    type_centre = (28 + 156 / 2) / 210
    assert abs(centre - type_centre) < 0.03
    # body text stays within the type area: nothing in the left 28 mm margin
    left_ink = min(x for y in inked for x in range(w) if dark[y][x])
    assert left_ink / w > 26 / 210
    assert "— 1 —" in pages[0] or "—1—" in pages[0].replace(" ", "")


def test_table_three_page_shows_the_ruled_table(printed):
    report, pdf, pages, keep = printed
    page = next(i for i, p in enumerate(pages, 1) if "申请人情况" in p)
    (w, h), dark = _dark_rows_and_cols(_png(pdf, page, keep, f"table3-{report.meta.edition}"))
    # horizontal rules: rows where more than half the width is ink
    rules = [y for y in range(h) if sum(dark[y]) > 0.5 * w]
    distinct = [y for i, y in enumerate(rules) if i == 0 or y - rules[i - 1] > 2]
    assert len(distinct) >= 12, f"only {len(distinct)} table rules found"
    # and the header labels are on that page
    text = pages[page - 1].replace(" ", "")
    for label in ("申请人情况", "法人或其他组织", "其他", "总计"):  # short labels: narrow columns wrap the others
        assert label in text
