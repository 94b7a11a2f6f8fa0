"""The blank templates as they come out of the printer (LibreOffice → PDF, read with pdfplumber).

What a filer sees on paper: every page A4 with nothing cut off at either side, each table on one
sheet of paper like the official table (table 三 landscape), the group labels of table 三 written
across their cell rather than one character per line, and the money-unit column of the 2019 table 二
inside the table's frame.  Each page's footer names its sheet, which is how pages are counted per sheet.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections import Counter, defaultdict

import pytest

from conftest import require_command
from workbook_tools.editions import get_edition
from workbook_tools.spec import Role
from workbook_tools.workbook.sheetmap import META_SHEET, build_map
from workbook_tools.workbook.writer import build_template

EDITIONS = ("2019", "2021")
FOOTER = re.compile(r"^(?P<sheet>\S.*?)\s*第\s*\d+\s*页，共\s*\d+\s*页$")
A4 = {595, 842}
EDGE = 18.0  # points (a quarter inch): closer to the paper's edge than any printer prints


def _red(rect) -> bool:
    """The fill of a failed check (styles.BAD_FILL)."""
    from workbook_tools.workbook.styles import BAD_FILL

    color = rect.get("non_stroking_color")
    want = tuple(int(BAD_FILL[k:k + 2], 16) / 255 for k in (1, 3, 5))
    return isinstance(color, (tuple, list)) and len(color) == 3 and all(abs(a - b) < 0.02 for a, b in zip(color, want))


def _pages(pdf: bytes) -> list[dict]:
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            lines = (page.extract_text() or "").splitlines()
            m = FOOTER.match(lines[-1].strip()) if lines else None
            out.append({"sheet": m.group("sheet") if m else None, "width": page.width, "height": page.height,
                        "chars": [(c["text"], c["x0"], c["x1"], c["size"]) for c in page.chars],
                        "words": page.extract_words(), "lines": lines,
                        "rects": [(r["top"], r["x0"], r["x1"]) for r in page.rects if _red(r)],
                        "edges": [(e["top"], e["x0"], e["x1"]) for e in page.edges  # ruled borders, not fills
                                  if e["orientation"] == "h" and e["object_type"] == "line"]})
    return out


def _unbalanced():
    """A filled 2021 workbook whose first column does not balance (five more new applications than handled)."""
    from conftest import EXAMPLES
    from workbook_tools import api
    from workbook_tools.workbook.writer import fill_workbook

    report = api.load_report(EXAMPLES / "sample-county-2024.json")
    ed = report.edition
    first = next(c for _, _, c in ed.table("T3").cells())
    new = next(ref for ref in ed.cells_for(Role.RECEIVED) if ref.col == first.code)
    report.set(new, str(report.number(new) + 5))
    return fill_workbook(report)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Both blank templates and the unbalanced workbook, printed by one LibreOffice run (start-up is the cost)."""
    exe = require_command("soffice")
    folder = tmp_path_factory.mktemp("print")
    books = {**{e: build_template(e) for e in EDITIONS}, "unbalanced": _unbalanced()}
    for name, data in books.items():
        (folder / f"{name}.xlsx").write_bytes(data)
    cmd = [exe, "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
           f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--convert-to", "pdf", "--outdir", str(folder),
           *(str(folder / f"{name}.xlsx") for name in books)]
    subprocess.run(cmd, capture_output=True, timeout=240, check=False)
    missing = [name for name in books if not (folder / f"{name}.pdf").is_file()]
    assert not missing, f"LibreOffice printed no PDF for {missing}"
    return {name: _pages((folder / f"{name}.pdf").read_bytes()) for name in books}


def _sheet_pages(pages, sheet):
    return [p for p in pages if p["sheet"] == sheet]


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_is_a4_and_nothing_is_cut_off_at_either_side(printed, edition):
    for n, page in enumerate(printed[edition], start=1):
        assert {round(page["width"]), round(page["height"])} == A4, n
        outside = [c for c in page["chars"] if c[1] < EDGE or c[2] > page["width"] - EDGE]
        assert not outside, f"page {n} ({page['sheet']}) prints beyond the paper: {''.join(c[0] for c in outside)[:40]}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_sheet_prints_and_each_table_on_one_page(printed, edition):
    pages = printed[edition]
    wmap = build_map(edition)
    counts = Counter(p["sheet"] for p in pages)
    assert set(counts) == set(wmap.sheets) and META_SHEET not in counts, counts  # every visible sheet, footer found
    for tp in wmap.tables:
        assert counts[tp.sheet] == 1, f"{tp.sheet} prints on {counts[tp.sheet]} pages"
    t3 = _sheet_pages(pages, get_edition(edition).table("T3").title)[0]
    assert round(t3["width"]) == 842, "table 三 prints landscape"
    assert counts[wmap.sheets[-1]] <= 2  # the instructions


@pytest.mark.parametrize("edition", EDITIONS)
def test_table_three_on_one_page_is_still_readable(printed, edition):
    t3 = _sheet_pages(printed[edition], get_edition(edition).table("T3").title)[0]
    sizes = Counter(round(c[3], 1) for c in t3["chars"] if c[0].strip())
    assert min(sizes) >= 5.5, sizes  # the small print (the corner note) too
    assert sizes.most_common(1)[0][0] >= 7.0, sizes  # labels and figures


def _reads_across(words, label: str) -> bool:
    """`label` written left to right, on one line or wrapped onto the line just below."""
    for w in words:
        head = w["text"]
        if len(head) < 3 or not label.startswith(head):
            continue
        rest = label[len(head):]
        if not rest:
            return True
        below = [v for v in words if abs(v["x0"] - w["x0"]) < 3 and 0 < v["top"] - w["top"] < 30]
        if any(v["text"].startswith(rest) for v in below):
            return True
    return False


@pytest.mark.parametrize("edition", EDITIONS)
def test_table_three_group_labels_read_across_their_cell(printed, edition):
    ed = get_edition(edition)
    groups = {r.group for _, r in ed.table("T3").rows() if r.group}
    assert groups
    t3 = _sheet_pages(printed[edition], ed.table("T3").title)[0]
    stacked = [g for g in groups if not _reads_across(t3["words"], g.replace(" ", ""))]
    assert not stacked, f"printed one character per line: {stacked}"


def test_the_2019_money_unit_column_is_inside_the_table_frame(printed):
    wmap = build_map("2019")
    unit = next(f for f in wmap.fields if f.kind == "unit")
    page = _sheet_pages(printed["2019"], unit.sheet)[0]
    word = next(w for w in page["words"] if unit.label in w["text"])
    right: dict[int, float] = defaultdict(float)  # every ruled line of the table, by height on the page
    for top, _, x1 in page["edges"]:
        right[round(top)] = max(right[round(top)], x1)
    assert len(right) > 10
    short = {y: x for y, x in right.items() if x < word["x1"]}
    assert not short, f"rows whose frame stops before the 金额单位 column: {short}"


def test_the_columns_that_do_not_balance_print_red_in_table_three(printed):
    ed = get_edition("2021")
    first = next(c for _, _, c in ed.table("T3").cells())
    page = _sheet_pages(printed["unbalanced"], ed.table("T3").title)[0]
    total = next(c for _, _, c in ed.table("T3").cells() if Role.TOTAL in c.roles)
    words = {w["text"]: (w["x0"] + w["x1"]) / 2 for w in page["words"]}
    header_bottom = max(w["bottom"] for w in page["words"] if w["text"] == total.label)
    red = [r for r in page["rects"] if r[0] > header_bottom]  # the status line above the table is red too
    assert red, "no cell of the table is marked"
    marked = {label for label in (first.label, total.label) if any(r[1] <= words[label] <= r[2] for r in red)}
    assert marked == {first.label, total.label}  # 一 + 二 = （七）总计 + 四 fails in its column and in the total's
    balanced = {c.label for _, _, c in ed.table("T3").cells()} - {first.label, total.label}
    others = [label for label in balanced if label in words and any(r[1] <= words[label] <= r[2] for r in red)]
    assert len(balanced & set(words)) >= 3 and not others, others  # the columns that balance stay unmarked
