"""The printed report looks like a 公文: four distinct faces (heavy Song title, Hei level-1 and Kai
level-2 headings, Fang body), the GB/T 9704 grid of 28 characters × 22 lines, the title's lines one
line distance apart, table 三 breaking across pages with its header repeated and each group label on
the page of its rows, and file properties that say what made the .docx.

Needs soffice, pdffonts, fc-list and the free stand-in fonts of templates/fonts/fonts-zh.conf
(Debian: texlive-lang-chinese for FandolFang/FandolKai, fonts-noto-cjk); without them the tests skip
locally and fail on CI.  Two LibreOffice conversions for the whole module.
"""

from __future__ import annotations

import collections
import datetime as dt
import io
import re
import subprocess
import sys
import zipfile

import pytest

from workbook_tools import __version__, api
from workbook_tools.layout import Layout
from workbook_tools.model import TextBlock
from workbook_tools.render import report_docx
from workbook_tools.render.document import build
from workbook_tools.render.templates import Templates

from conftest import EXAMPLES, ROOT, require, require_command
from render_helpers import distinct_report

BODY_PT = 16
PITCH_PT = 28.95
# a paragraph without punctuation, so that no line-breaking rule moves a character to the next line
SENTENCE = "本机关坚持以公开为常态不公开为例外推进决策执行管理服务结果公开"


def _require_fonts():
    require_command("soffice")
    require_command("pdffonts")
    fc = subprocess.run([require_command("fc-list"), ":", "family"], capture_output=True, text=True,
                        env={"FONTCONFIG_FILE": str(ROOT / "templates" / "fonts" / "fonts-zh.conf")})
    families = fc.stdout
    for family in ("FandolFang", "FandolKai", "Noto Serif CJK SC", "Noto Sans CJK SC"):
        require(family in families, f"font {family} not installed (texlive-lang-chinese, fonts-noto-cjk)")


def _base(fontname: str) -> str:
    return fontname.split("+", 1)[-1]


def _face(chars: list[dict]) -> str:
    """The face of the Chinese characters of a line (digits and Latin letters have their own)."""
    names = collections.Counter(_base(c["fontname"]) for c in chars if ord(c["text"][0]) >= 0x3000)
    return names.most_common(1)[0][0]


def _lines(page) -> dict[int, list[dict]]:
    """The characters of a PDF page by line (rounded top), left to right."""
    out = collections.defaultdict(list)
    for c in page.chars:
        if c["text"].strip():
            out[round(c["top"])].append(c)
    return {top: sorted(cs, key=lambda c: c["x0"]) for top, cs in sorted(out.items())}


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory):
    """The example report printed through the command line, as a user does it."""
    _require_fonts()
    out = tmp_path_factory.mktemp("official") / "x.docx"
    run = subprocess.run([sys.executable, "-m", "workbook_tools", "report", str(EXAMPLES / "sample-county-2024.json"),
                          "-o", str(out), "--pdf"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return out.with_suffix(".pdf")


@pytest.fixture(scope="module")
def long_report(tmp_path_factory):
    """A report whose section 一 runs over several full pages, which pushes table 三 across a page break
    inside one of its groups (without the keep rules, （六）其他处理 loses its label to the page before)."""
    _require_fonts()
    require_command("pdftotext")
    import pdfplumber

    report = distinct_report("2021")
    report.narrative.section("一").blocks = [TextBlock("heading", "（一）主动公开"),
                                             *[TextBlock("paragraph", SENTENCE * 12) for _ in range(6)]]
    out = tmp_path_factory.mktemp("long") / "long.docx"
    _, pdf = api.render_report(report, out, pdf=True)
    texts = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    band = _table_three(report).grid.table.column_band
    wanted = {0, 1} | {i for i, t in enumerate(texts.split("\f")) if band in re.sub(r"\s", "", t)}
    with pdfplumber.open(pdf) as doc:  # only the pages looked at: pdfplumber takes its time
        pages = [(_lines(p), p.extract_text() or "", {w["text"] for w in p.extract_words()}) if i in wanted
                 else ({}, "", set()) for i, p in enumerate(doc.pages)]
    return report, pages


def test_pdf_embeds_four_distinct_faces(example_pdf):
    import pdfplumber

    listing = subprocess.run(["pdffonts", str(example_pdf)], capture_output=True, text=True, check=True).stdout
    embedded = {line.split()[0].split("+", 1)[-1] for line in listing.splitlines()[2:] if " yes " in line}
    with pdfplumber.open(example_pdf) as doc:
        lines = _lines(doc.pages[0])
    texts = {top: "".join(c["text"] for c in cs) for top, cs in lines.items()}
    title_top = min(texts)
    heading1 = next(t for t, s in texts.items() if s.startswith("一、"))
    heading2 = next(t for t, s in texts.items() if s.startswith("（一）"))
    body = next(t for t, s in texts.items() if t > heading2 and len(s) > 20)
    face = {role: _face(lines[top]) for role, top in
            (("title", title_top), ("h1", heading1), ("h2", heading2), ("body", body))}
    assert len(set(face.values())) == 4, face
    assert set(face.values()) <= embedded, listing
    assert "fang" in face["body"].lower() and "kai" in face["h2"].lower(), face
    assert "bold" in face["title"].lower() and "serif" in face["title"].lower(), face
    assert "sans" in face["h1"].lower() or "hei" in face["h1"].lower(), face
    # the year in the title is as heavy as its characters, not a light Latin serif
    title_rows = sorted(t for t, cs in lines.items() if cs[0]["size"] > 20)
    second = lines[title_rows[1]]
    assert {_base(c["fontname"]) for c in second} == {face["title"]}, second[0]["fontname"]
    # two title lines at the body's line distance (it used to be twice that)
    assert len(title_rows) == 2 and abs(title_rows[1] - title_rows[0] - PITCH_PT) < 2


def test_full_page_holds_28_characters_by_22_lines(long_report):
    _, pages = long_report
    lines, _, _ = pages[1]  # page 2: body text only
    body = {top: cs for top, cs in lines.items() if abs(cs[0]["size"] - BODY_PT) < 0.5}
    assert len(body) == 22, sorted(body)
    counts = collections.Counter(len(cs) for cs in body.values())
    assert max(counts) == 28 and counts[28] >= 15, counts
    tops = sorted(body)
    steps = {round(b - a, 1) for a, b in zip(tops, tops[1:])}
    assert all(abs(s - PITCH_PT) < 1 for s in steps), steps
    # the page number: 四号, "— 2 —" at the left on an even page, "— 1 —" at the right on an odd one
    for n, (page_lines, _, _) in enumerate(pages[:2], 1):
        foot = [cs for cs in page_lines.values() if cs[0]["size"] < BODY_PT - 1 and cs[0]["top"] > 700]
        assert foot and "".join(c["text"] for c in foot[-1]) == f"—{n}—"
        x = foot[-1][0]["x0"]
        assert (x > 400) if n % 2 else (x < 150), (n, x)


def _table_three(report):
    part = next(t for t in build(report, Templates.load()).tables() if t.grid.table.layout is Layout.CROSSTAB)
    return part


def _row_numbers(report, part) -> dict[str, set[str]]:
    """Each data row of the table → the distinct numbers printed in it."""
    rows: dict[str, set[str]] = collections.defaultdict(set)
    for cell in part.grid.value_cells():
        rows[cell.ref.row].add(part.values[cell.ref.key])
    return rows


def test_table_three_across_a_page_break(long_report):
    report, pages = long_report
    part = _table_three(report)
    table = part.grid.table
    band = table.column_band
    groups = {r.code: r.group for b in table.blocks for r in b.rows}
    numbers = _row_numbers(report, part)
    settings = Templates.load().docx  # the group labels' column, in points from the page edge
    widths = settings["column_widths_mm"][table.layout.value]
    left = (settings["margin_left_mm"] + widths[0]) / 25.4 * 72
    right = left + widths[1] / 25.4 * 72
    on_pages = [i for i, (_, text, _) in enumerate(pages) if band in re.sub(r"\s", "", text)]
    assert len(on_pages) >= 2, "table 三 does not break across pages (or its header does not repeat)"
    for i in on_pages:
        page_lines, _, words = pages[i]
        rows = [code for code, nums in numbers.items() if nums <= words]
        assert len(rows) >= 2, f"page {i + 1} holds the header of table 三 and {len(rows)} row(s)"
        # every group with a row on this page shows its label on this page, in its own column
        label_col = "".join(c["text"] for cs in page_lines.values() for c in cs if left <= c["x0"] < right)
        for group in {groups[code] for code in rows if groups.get(code)}:
            assert re.sub(r"\s", "", group) in label_col, f"page {i + 1}: group {group} has rows but no label"


def _docx_parts(docx: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml") or n.endswith(".rels")} | {
            "_names": "\n".join(z.namelist())}


def test_docx_properties_say_what_made_it():
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    parts = _docx_parts(report_docx.render(distinct_report("2021")))
    core, app = parts["docProps/core.xml"], parts["docProps/app.xml"]
    assert "<dc:creator>xxgk</dc:creator>" in core and "<cp:lastModifiedBy>xxgk</cp:lastModifiedBy>" in core
    created = re.search(r"<dcterms:created[^>]*>([^<]+)<", core).group(1)
    when = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
    assert before - dt.timedelta(seconds=1) <= when <= dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)
    assert "<Application>xxgk</Application>" in app
    version = re.search(r"<AppVersion>([^<]+)<", app).group(1)
    assert re.fullmatch(r"\d\d\.\d{4}", version)  # Word refuses a file with another form
    major, minor, *_ = (__version__.split(".") + ["0"])
    assert version.startswith(f"{int(major):02d}.{int(minor):02d}")
    assert "<Company>示例县市场监督管理局</Company>" in app
    assert "thumbnail" not in parts["_names"]


def test_docx_names_the_official_fonts_and_the_grid():
    settings = Templates.load().docx
    parts = _docx_parts(report_docx.render(distinct_report("2021")))
    styles, document = parts["word/styles.xml"], parts["word/document.xml"]
    for style_id, font in (("Normal", settings["body_font"]), ("Heading1", settings["heading1_font"]),
                           ("Heading2", settings["heading2_font"]), ("xxgkTitle", settings["title_font"])):
        block = re.search(rf'w:styleId="{style_id}".*?</w:style>', styles, re.S).group(0)
        assert f'w:eastAsia="{font}"' in block, style_id
    grid = re.search(r"<w:docGrid[^>]*>", document).group(0)
    assert 'w:type="linesAndChars"' in grid and 'w:linePitch="579"' in grid
    pitch = BODY_PT + int(re.search(r'w:charSpace="(-?\d+)"', grid).group(1)) / 4096
    width_pt = (settings["page_width_mm"] - settings["margin_left_mm"] - settings["margin_right_mm"]) / 25.4 * 72
    assert 28 * pitch <= width_pt < 29 * pitch
    # table rows: headers repeat, rows never split, and group rows keep with the next one
    assert document.count("<w:tblHeader/>") >= 3 and "<w:cantSplit/>" in document and "<w:keepNext/>" in document


def test_libreoffice_gets_the_line_grid_only():
    from workbook_tools.render.report_pdf import for_libreoffice

    docx = report_docx.render(distinct_report("2021"))
    printed = _docx_parts(for_libreoffice(docx))
    assert 'w:type="lines"' in re.search(r"<w:docGrid[^>]*>", printed["word/document.xml"]).group(0)
    assert _docx_parts(docx)["word/styles.xml"] == printed["word/styles.xml"]
    # the .docx itself keeps its character grid
    assert b'w:type="linesAndChars"' in zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")


def test_page_breaks_fall_between_groups_and_never_after_a_caption():
    settings = Templates.load().docx
    first, limit = settings["table_keep_first_rows"], settings["table_keep_group_rows"]
    for part in build(distinct_report("2021"), Templates.load()).tables():
        g = part.grid
        kept = report_docx.rows_kept_with_next(g, first, limit)
        assert g.n_rows - 1 not in kept  # the last row goes with whatever follows the table
        assert set(range(min(g.n_rows - 1, g.header_rows + first))) <= kept
        for r, row in enumerate(g.rows()):
            if r < g.n_rows - 1 and row and all(c.role in ("caption", "header") for c in row):
                assert r in kept, (part.caption, r)
        for c in g.cells:
            if c.row >= g.header_rows and 1 < c.rowspan <= limit:  # a group: no break inside it
                assert set(range(c.row, c.row + c.rowspan - 1)) <= kept, (part.caption, c.text)
