"""The publishable report (issue 5): Word, HTML, Markdown and text, parsed back and compared with the
official layout (`layout.grid`) and the numbers of the input; the seed report reproduced as text."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest

from workbook_tools import api
from workbook_tools.errors import InputError
from workbook_tools.render import report_pdf
from workbook_tools.render.document import build
from workbook_tools.render.templates import BUILTIN, Templates

from conftest import EXAMPLES, ROOT, require, shared
from render_helpers import EDITIONS, distinct_report, docx_anchors, expected_anchors, html_anchors, html_tables, text_rows


@pytest.fixture(scope="module", params=EDITIONS)
def case(request):
    report = distinct_report(request.param)
    doc = build(report, Templates.load())
    return report, doc


def _official_labels(edition, table_code):
    t = edition.table(table_code)
    labels = set()
    for b in t.blocks:
        labels |= {r.label for r in b.rows} | {c.label for c in b.columns}
        labels |= {x for r in b.rows for x in (r.group, r.band) if x}
        labels |= {c.group for c in b.columns if c.group} | ({b.caption} if b.caption else set())
    return labels | ({t.column_band} if t.column_band else set())


def _value_texts(report, table_code):
    return {k: c.raw for k, c in report.cells.items() if k.startswith(table_code + "/")}


# --- Word --------------------------------------------------------------------------------------

def test_docx_tables_have_official_layout_and_input_numbers(case):
    from docx import Document

    report, doc = case
    word = Document(io.BytesIO(api.render_bytes(report, "r.docx")))
    assert len(word.tables) == 3
    for table, part in zip(word.tables, doc.tables()):
        assert docx_anchors(table) == expected_anchors(part)
        texts = {a[4] for a in docx_anchors(table)}
        assert _official_labels(report.edition, part.code) <= texts
        assert set(_value_texts(report, part.code).values()) <= texts
        # header rows repeat on every page; no row breaks across pages
        trs = table._tbl.tr_lst
        assert [tr.trPr.find(_w("tblHeader")) is not None for tr in trs] == [i < part.grid.header_rows for i in range(len(trs))]
        assert all(tr.trPr.find(_w("cantSplit")) is not None for tr in trs)
        widths = [int(g.get(_w("w"))) for g in table._tbl.tblGrid.findall(_w("gridCol"))]
        assert len(widths) == part.grid.n_cols and abs(sum(widths) / 1440 * 25.4 - 156) < 0.5
        assert table._tbl.tblPr.find(_w("tblLayout")).get(_w("type")) == "fixed"


def _w(tag):
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def test_docx_follows_gbt9704(case):
    from docx import Document
    from docx.enum.text import WD_LINE_SPACING

    report, doc = case
    data = api.render_bytes(report, "r.docx")
    word = Document(io.BytesIO(data))
    sec = word.sections[0]
    mm = lambda v: round(v / 36000, 1)  # EMU → mm
    assert (mm(sec.page_width), mm(sec.page_height)) == (210, 297)
    assert (mm(sec.top_margin), mm(sec.bottom_margin), mm(sec.left_margin), mm(sec.right_margin)) == (37, 35, 28, 26)

    def east_asia(style):
        return style.element.rPr.rFonts.get(_w("eastAsia"))

    normal = word.styles["Normal"]
    assert east_asia(normal) == "仿宋_GB2312" and normal.font.size.pt == 16 and normal.font.name == "Times New Roman"
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.first_line_indent.pt == 32
    assert east_asia(word.styles["Heading 1"]) == "黑体" and east_asia(word.styles["Heading 2"]) == "楷体_GB2312"

    paras = word.paragraphs
    assert [p.text for p in paras[:2]] == ["示例县市场监督管理局", "2024年政府信息公开工作年度报告"]
    assert east_asia(paras[0].style) == "方正小标宋简体" and paras[0].style.font.size.pt == 22
    assert paras[0].style.paragraph_format.alignment == 1  # centred
    h1 = [p.text for p in paras if p.style.name == "Heading 1"]
    assert h1 == [s.title for s in report.edition.sections]
    assert [p.text for p in paras if p.style.name == "Heading 2"][:2] == ["（一）主动公开", "（二）依申请公开"]
    assert [p.text for p in paras[-2:]] == ["示例县市场监督管理局", "2025年1月5日"]

    footer_xml = sec.footer._element.xml
    assert "PAGE" in footer_xml and footer_xml.count("—") == 2
    assert "PAGE" in sec.even_page_footer._element.xml
    with zipfile.ZipFile(io.BytesIO(data)) as z:  # fonts are named, never embedded
        assert not [n for n in z.namelist() if n.startswith("word/fonts/")]
        assert b"embedTrueTypeFonts" not in z.read("word/settings.xml")


# --- HTML --------------------------------------------------------------------------------------

def test_html_tables_have_official_layout_and_input_numbers(case):
    report, doc = case
    html = api.render_bytes(report, "r.html").decode("utf-8")
    tables = html_tables(html)
    assert [t["id"] for t in tables] == ["table-T2", "table-T3", "table-T4"]
    for table, part in zip(tables, doc.tables()):
        assert html_anchors(table) == expected_anchors(part)
        assert table["caption"] == part.caption
        cells = [c for row in table["rows"] for c in row]
        for c in cells:  # headers are <th scope>, values are plain <td>
            if c["tag"] == "th":
                assert c["attrs"].get("scope") in ("col", "row", "rowgroup")
        values = [c["text"] for c in cells if c["tag"] == "td" and "class" not in c["attrs"]]
        assert sorted(values) == sorted(_value_texts(report, part.code).values())


def test_html_is_valid_self_contained_and_escaped():
    try:
        import html5lib
    except ImportError:
        html5lib = None
    require(html5lib is not None, "python package html5lib (strict HTML5 parser) not installed")
    report = distinct_report("2021")
    report.meta.agency = "A&B<script>局"
    report.narrative.sections[0].blocks[0].text = "“引号”与<b>标签</b>&"
    html = api.render_bytes(report, "r.html").decode("utf-8")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(html)
    assert parser.errors == []
    assert tree.find(".//title").text == "A&B<script>局2024年政府信息公开工作年度报告"
    assert tree.find(".//h3").text == "“引号”与<b>标签</b>&"
    assert "<script>" not in html and html.startswith("<!DOCTYPE html>")
    assert tree.get("lang") == "zh-CN"
    # nothing is fetched from elsewhere
    assert not re.search(r"""\b(src|href)\s*=|@import|url\(""", html)
    assert "@media print" in html and "@page" in html


# --- Markdown ----------------------------------------------------------------------------------

def test_markdown_headings_text_and_tables(case):
    report, doc = case
    md = api.render_bytes(report, "r.md").decode("utf-8")
    assert md.startswith("# 示例县市场监督管理局2024年政府信息公开工作年度报告\n")
    assert [line[3:] for line in md.splitlines() if line.startswith("## ")] == [s.title for s in report.edition.sections]
    for table, part in zip(html_tables(md), doc.tables()):
        assert html_anchors(table) == expected_anchors(part)
    assert md.rstrip().endswith("示例县市场监督管理局  \n2025年1月5日")


def test_markdown_does_not_turn_text_into_markup():
    from workbook_tools.render.report_markdown import escape_md

    assert escape_md("1. 第一项") == "1\\. 第一项"
    assert escape_md("- 不是列表") == "\\- 不是列表"
    assert escape_md("数量*2 与 <a>") == "数量\\*2 与 \\<a\\>"
    assert escape_md("1.属于国家秘密") == "1.属于国家秘密"  # no space: not a list, left as written


# --- plain text --------------------------------------------------------------------------------

def test_text_rows_carry_labels_and_numbers(case):
    report, doc = case
    rows = text_rows(api.render_bytes(report, "r.txt").decode("utf-8"))
    t3 = report.edition.table("T3")
    for _, row in t3.rows():
        line = next(r for r in rows if row.label in r)
        expected = [report.cells[f"T3/{row.code}/{c.code}"].raw for c in t3.blocks[0].columns]
        assert line[-len(expected):] == expected
    t4_values = next(r for r in rows if r and all(x.isdigit() for x in r) and len(r) == 15)
    t4 = report.edition.table("T4").blocks[0]
    assert t4_values == [report.cells[f"T4/{r.code}/{c.code}"].raw for r in t4.rows for c in t4.columns]


def test_seed_figures_reproduce_the_seed_tables_cell_for_cell():
    seed = next(shared("seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    report = api.load_report(EXAMPLES / "dehui-2020.json")
    ours = api.render_bytes(report, "r.txt").decode("utf-8")
    seed_rows, our_rows = text_rows(seed), text_rows(ours)
    assert len(seed_rows) == 49  # 14 rows of table 二, the 吉林 line, 30 of table 三, 4 of table 四
    for i, (a, b) in enumerate(zip(seed_rows, our_rows)):
        assert a == b, f"row {i}"
    assert seed_rows == our_rows
    # and the title and signature read as in the seed
    assert ours.splitlines()[:2] == ["德惠市机关事务管理局", "2020年政府信息公开工作年度报告"]
    assert [line.strip() for line in ours.splitlines()[-2:]] == ["德惠市机关事务管理局", "2021年1月18日"]


# --- document structure, wording, templates ----------------------------------------------------

def test_signature_date_has_no_leading_zeros_and_sections_follow_the_edition():
    report = distinct_report("2019")
    report.meta.signature_date = dt.date(2021, 1, 8)
    doc = build(report, Templates.load())
    assert doc.signature == ["示例县市场监督管理局", "2021年1月8日"]
    assert [s.title for s in doc.sections] == [s.title for s in report.edition.sections]
    extra = [p for s in doc.sections for p in s.parts if type(p).__name__ == "ExtraLinePart"]
    assert [e.text for e in extra] == [f"2024年本行政区域（或本部门）政府信息公开发布总数量（非新闻类、消息类）：{e.value}" for e in extra]
    assert len(extra) == 1 and extra[0].value.isdigit()


def test_empty_sections_and_written_titles():
    report = api.load_report(EXAMPLES / "dehui-2020.json")
    report.narrative.sections[-1].blocks.clear()
    report.narrative.sections[-1].title = "六、其他事项"
    doc = build(report, Templates.load())
    assert doc.sections[-1].title == "六、其他需要报告的事项"  # the official title by default
    assert [p.text for p in doc.sections[-1].parts] == ["无。"]


def test_user_template_dir_changes_wording_and_layout(tmp_path):
    (tmp_path / "report.toml").write_text(
        '[wording]\ntitle = "${year}年${agency}\\n政府信息公开工作年度报告"\nempty_section = "本年度无此类事项。"\n'
        '[docx]\nbody_font = "方正仿宋_GBK"\n', encoding="utf-8")
    (tmp_path / "report.txt").write_text("【${title}】\n${body}", encoding="utf-8")
    report = api.load_report(EXAMPLES / "dehui-2020.json")
    report.narrative.sections[-1].blocks.clear()
    text = api.render_bytes(report, "r.txt", template_dir=tmp_path).decode("utf-8")
    assert text.startswith("【2020年德惠市机关事务管理局\n政府信息公开工作年度报告】\n")
    assert "本年度无此类事项。" in text and "2021年1月18日" not in text  # the copy's report.txt has no signature

    from docx import Document

    word = Document(io.BytesIO(api.render_bytes(report, "r.docx", template_dir=tmp_path)))
    assert word.styles["Normal"].element.rPr.rFonts.get(_w("eastAsia")) == "方正仿宋_GBK"
    assert word.styles["Heading 1"].element.rPr.rFonts.get(_w("eastAsia")) == "黑体"  # not in the copy: built-in
    html = api.render_bytes(report, "r.html", template_dir=tmp_path).decode("utf-8")
    assert "<h1>2020年德惠市机关事务管理局<br>政府信息公开工作年度报告</h1>" in html


def test_template_mistakes_are_reported_plainly(tmp_path):
    (tmp_path / "report.md").write_text("# ${titel}\n", encoding="utf-8")
    report = api.load_report(EXAMPLES / "dehui-2020.json")
    with pytest.raises(InputError) as e:
        api.render_bytes(report, "r.md", template_dir=tmp_path)
    assert "titel" in e.value.zh and "${title}" in e.value.zh
    with pytest.raises(InputError):
        Templates.load(tmp_path / "missing")


def test_builtin_templates_are_where_the_docs_say():
    assert BUILTIN == ROOT / "templates" / "report"
    assert {p.name for p in BUILTIN.iterdir()} >= {"report.toml", "report.html", "report.css", "report.md", "report.txt"}
    assert (ROOT / "templates" / "fonts" / "fonts-zh.conf").is_file()


# --- api and CLI -------------------------------------------------------------------------------

def test_render_report_writes_refuses_overwrite_and_checks_pdf_first(tmp_path, monkeypatch):
    report = api.load_report(EXAMPLES / "sample-county-2024.json")
    out = tmp_path / "报告.html"
    assert api.render_report(report, out) == [out]
    with pytest.raises(InputError) as e:
        api.render_report(report, out)
    assert e.value.code == "output-exists"
    api.render_report(report, out, force=True)
    with pytest.raises(InputError) as e:
        api.render_report(report, tmp_path / "报告.odt")
    assert e.value.code == "unsupported-format"

    monkeypatch.setattr(report_pdf, "find_soffice", lambda: None)
    with pytest.raises(InputError) as e:
        api.render_report(report, tmp_path / "新报告.docx", pdf=True)
    assert e.value.code == "no-libreoffice" and "LibreOffice" in e.value.zh
    assert not (tmp_path / "新报告.docx").exists()  # nothing half-written


def test_cli_report_command(tmp_path):
    from typer.testing import CliRunner

    from workbook_tools.cli import app

    runner = CliRunner()
    out = tmp_path / "报告.docx"
    res = runner.invoke(app, ["report", str(EXAMPLES / "sample-county-2024.json"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 10000 and "已写入" in res.output
    res = runner.invoke(app, ["report", str(EXAMPLES / "sample-county-2024.json"), "-o", str(out)])
    assert res.exit_code == 2 and "--force" in res.output
    res = runner.invoke(app, ["report", str(tmp_path / "无.json"), "-o", str(tmp_path / "x.md")])
    assert res.exit_code == 2 and "Traceback" not in res.output
    csv = tmp_path / "r.csv"
    api.save_report(api.load_report(EXAMPLES / "dehui-2020.json"), csv)
    res = runner.invoke(app, ["report", str(csv), "-o", str(tmp_path / "r.txt")])
    assert res.exit_code == 0, res.output
    assert text_rows((tmp_path / "r.txt").read_text(encoding="utf-8"))[-1] == ["0"] * 15
