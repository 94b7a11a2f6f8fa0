"""Reading real-looking published reports without false errors (headings, titles, periods, notes, other
editions' labels).  Each case starts from a consistent report published by the toolkit itself, changed the
way real sites and authors change it, and asserts the exact findings: what must be said and what must not."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from workbook_tools import api
from workbook_tools.dates import find_period, parse_date
from workbook_tools.importers import html as html_importer
from workbook_tools.importers import text as text_importer

from conftest import EXAMPLES

SAMPLE = EXAMPLES / "sample-county-2024.json"
AGENCY = "示例县市场监督管理局"


@pytest.fixture(scope="module")
def sample():
    return api.load_report(SAMPLE)


@pytest.fixture(scope="module")
def page(sample) -> str:
    return api.render_bytes(sample, "r.html").decode("utf-8")


def _import_html(text: str):
    return html_importer.build(html_importer.parse_text(text))


def _findings(report) -> list[tuple[str, str]]:
    return sorted((f.rule, f.key) for f in api.validate_report(report).findings)


def _cells(report) -> dict[str, object]:
    return {k: c.value for k, c in report.cells.items()}


def test_the_published_sample_reads_back_clean(page, sample):
    res = _import_html(page)
    assert _cells(res.report) == _cells(sample)
    assert _findings(res.report) == []


# ------------------------------------------------------------------------------------------------
# 1. Labels that another edition prints for the same row or column
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["规范性文件", "规 范 性 文 件", "规范性<br>文件"])
def test_2019_row_label_in_a_2021_table_is_read_into_its_cell(page, sample, written):
    res = _import_html(page.replace("<th scope=\"row\">行政规范性文件</th>", f"<th scope=\"row\">{written}</th>"))
    assert res.edition.id == "2021" and not res.partial
    assert _cells(res.report) == _cells(sample)
    assert _findings(res.report) == [("S10", "S10")]
    (dev,) = res.report.deviations
    assert dev.canonical == "行政规范性文件"


def test_2019_column_label_in_a_2021_table_is_read_into_its_cell(page, sample):
    res = _import_html(page.replace(">本年处理决定数量<", ">处理决定数量<"))
    assert res.edition.id == "2021" and not res.partial
    assert _cells(res.report) == _cells(sample)
    assert {f[0] for f in _findings(res.report)} == {"S10"}


def test_2021_row_label_in_a_2019_table_is_read_into_its_cell():
    seed = api.load_report(EXAMPLES / "dehui-2020.json")
    text = api.render_bytes(seed, "r.html").decode("utf-8")
    res = _import_html(text.replace("<th scope=\"row\">规范性文件</th>", "<th scope=\"row\">行政规范性文件</th>"))
    assert res.edition.id == "2019" and not res.partial
    assert _cells(res.report) == _cells(seed)
    assert [d.canonical for d in res.report.deviations] == ["规范性文件"]


def test_a_label_no_edition_prints_is_still_not_guessed(page):
    res = _import_html(page.replace("<th scope=\"row\">行政规范性文件</th>", "<th scope=\"row\">其他文件</th>"))
    assert res.partial
    assert "T2/normative/issued" not in res.report.cells
    rules = {f[0] for f in _findings(res.report)}
    assert {"S04", "S08"} <= rules


# ------------------------------------------------------------------------------------------------
# 2. Section headings as authors write them
# ------------------------------------------------------------------------------------------------

HEADING_VARIANTS = [
    ("六、其他需要报告的事项", "六、需要说明的其他事项与附表", "S03.differs"),
    ("六、其他需要报告的事项", "六、其他需要说明的事项", "S03.differs"),
    ("五、存在的主要问题及改进情况", "五、存在的主要问题和改进情况", "S03.differs"),
    ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况", "S03.variant"),
    ("五、存在的主要问题及改进情况", "五、工作中存在的不足及改进措施", "S03.differs"),
    ("一、总体情况", "一、基本情况", "S03.differs"),
    ("一、总体情况", "第一部分 总体情况", "S03.numbering"),
    ("三、收到和处理政府信息公开申请情况", "3.收到和处理政府信息公开申请情况", "S03.numbering"),
    ("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "S03.differs"),
]


@pytest.mark.parametrize("official,written,key", HEADING_VARIANTS)
def test_a_heading_variant_is_that_section_with_a_warning(page, sample, official, written, key):
    res = _import_html(page.replace(f"<h2>{official}</h2>", f"<h2>{written}</h2>"))
    assert [n for n, _ in res.report.document.headings] == list("一二三四五六")
    assert _findings(res.report) == [("S03", key)]
    assert _cells(res.report) == _cells(sample)


@pytest.mark.parametrize("replacement", [
    "<p>六、</p><p>其他需要报告的事项</p>",  # numbering and title in two paragraphs
    "<h2><span>六、</span><span style=\"font-family:黑体\">其他需要报告的事项</span></h2>",  # split across tags
    "<p>- 5 - 六、其他需要报告的事项</p>",  # after a page number, as PDF-to-HTML converters leave it
    "<p>\u3000\u3000六、其他需要报告的事项</p>",  # indented with ideographic spaces
    "<p>六、其他需要报告的</p><p>事项</p>",  # a heading wrapped over two lines
])
def test_a_heading_split_or_decorated_is_found(page, replacement):
    res = _import_html(page.replace("<h2>六、其他需要报告的事项</h2>", replacement))
    assert [n for n, _ in res.report.document.headings] == list("一二三四五六")
    assert _findings(res.report) == []
    assert "收费通知1件" in res.report.narrative.section("六").text()


def test_a_section_really_missing_is_an_error(page):
    start = page.index("<section id=\"section-五\">")
    end = page.index("<section id=\"section-六\">")
    res = _import_html(page[:start] + page[end:])
    assert ("S02", "S02.missing") in _findings(res.report)
    assert [n for n, _ in res.report.document.headings] == list("一二三四六")


def test_sections_out_of_order_are_an_error(page):
    five = page[page.index("<section id=\"section-五\">"):page.index("<section id=\"section-六\">")]
    six = page[page.index("<section id=\"section-六\">"):page.index("<p class=\"signature\">")]
    res = _import_html(page.replace(five + six, six + five))
    assert ("S02", "S02.order") in _findings(res.report)


def test_a_sub_heading_like_a_section_does_not_displace_the_real_one(page):
    # a numbered sub-item in section 一 that names section 二's topic; the real heading follows
    text = page.replace("<h3>（一）主动公开</h3>", "<p>2.主动公开工作</p>")
    res = _import_html(text)
    assert [n for n, _ in res.report.document.headings] == list("一二三四五六")
    assert "2.主动公开工作" in res.report.narrative.section("一").text()
    assert not [f for f in _findings(res.report) if f[0] in ("S02", "S03")]


def test_a_weak_heading_is_used_only_when_the_official_one_is_absent(page):
    # 五、…整改… as a sub-heading inside 六 must not become section 五 when 五 is printed
    text = page.replace("<p>本年度办理人大代表建议", "<p>五、整改落实</p><p>本年度办理人大代表建议")
    res = _import_html(text)
    assert [n for n, _ in res.report.document.headings] == list("一二三四五六")
    assert "五、整改落实" in res.report.narrative.section("六").text()


# ------------------------------------------------------------------------------------------------
# 3. No title line in the body
# ------------------------------------------------------------------------------------------------

def _without_title(page: str) -> str:
    return re.sub(r"<h1>.*?</h1>", "", page, flags=re.S)


def test_title_from_the_page_title_with_a_site_suffix(page):
    text = _without_title(page).replace("<title>", "<title>示例县市场监督管理局2024年政府信息公开工作年度报告_示例县人民政府门户网站<x>")
    text = re.sub(r"<title>.*?<x>.*?</title>",
                  "<title>示例县市场监督管理局2024年政府信息公开工作年度报告_示例县人民政府门户网站</title>", text, flags=re.S)
    res = _import_html(text)
    assert (res.report.meta.agency, res.report.meta.year) == (AGENCY, 2024)
    assert res.report.narrative.preamble[0].startswith("本报告根据")  # the preamble stays the preamble
    assert _findings(res.report) == []


@pytest.mark.parametrize("preamble,agency", [
    ("根据《中华人民共和国政府信息公开条例》要求，示例县市场监督管理局编制了2024年政府信息公开工作年度报告。", AGENCY),
    ("根据《中华人民共和国政府信息公开条例》规定，特向社会公布《示例县市场监督管理局2024年度政府信息公开工作年度报告》。", AGENCY),
    ("根据《中华人民共和国政府信息公开条例》，本局编制2024年政府信息公开工作年度报告。", AGENCY),  # agency from the signature
])
def test_agency_and_year_from_the_preamble(page, preamble, agency):
    text = re.sub(r"<title>.*?</title>", "<title>政务公开</title>", _without_title(page), flags=re.S)
    text = re.sub(r'<p class="preamble">.*?</p>', f'<p class="preamble">{preamble}本报告中所列数据统计期限为2024年1月1日至12月31日。</p>',
                  text, flags=re.S)
    res = _import_html(text)
    assert (res.report.meta.agency, res.report.meta.year) == (agency, 2024)
    assert res.report.meta.title is None or "根据" not in res.report.meta.title


def test_page_chrome_before_the_title_is_not_part_of_it(page):
    chrome = "<p>首页 > 政务公开 > 政府信息公开年报</p><p>发布时间：2025-01-20 来源：示例县市场监督管理局</p>"
    res = _import_html(page.replace("<h1>", chrome + "<h1>", 1))
    assert (res.report.meta.agency, res.report.meta.year) == (AGENCY, 2024)
    assert not any("首页" in p for p in res.report.narrative.preamble)


def test_year_from_the_statistical_period_alone(page):
    text = re.sub(r"<title>.*?</title>", "<title>年报</title>", _without_title(page), flags=re.S)
    res = _import_html(text)
    assert res.report.meta.year == 2024
    assert res.report.meta.agency == AGENCY  # from the signature
    assert any("统计期限" in n for n in res.report.read_notes)


def test_no_year_anywhere_is_said_not_skipped(page):
    text = re.sub(r"<title>.*?</title>", "", _without_title(page), flags=re.S)
    text = text.replace("本报告中所列数据统计期限为2024年1月1日至12月31日。", "")
    text = text.replace("2025年1月20日", "")
    res = _import_html(text)
    assert res.report.meta.year is None
    keys = _findings(res.report)
    assert ("P01", "P01.no_year") in keys
    out = api.validate_report(res.report)
    assert any("未能确定报告年度" in f.message("zh") for f in out.findings)


def test_title_from_word_properties(tmp_path, sample):
    docx = pytest.importorskip("docx")
    path = tmp_path / "r.docx"
    api.render_report(sample, path)
    d = docx.Document(str(path))
    for p in list(d.paragraphs)[:3]:  # drop the title lines from the body
        if "年度报告" in p.text or p.text.strip() == AGENCY:
            p._element.getparent().remove(p._element)
    d.core_properties.title = "示例县市场监督管理局2024年政府信息公开工作年度报告"
    out = tmp_path / "no-title.docx"
    d.save(str(out))
    report = api.load_report(out)
    assert (report.meta.agency, report.meta.year) == (AGENCY, 2024)


# ------------------------------------------------------------------------------------------------
# 4. The statistical period in other words: one extractor for the importer and P03
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,start,end", [
    ("本报告中所列数据统计期限为2024年1月1日至12月31日。", "2024-01-01", "2024-12-31"),
    ("本报告所列数据统计期限为2024年 1 月 1 日至 12 月 31 日。", "2024-01-01", "2024-12-31"),
    ("本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。", "2024-01-01", "2024-12-31"),
    ("统计时段为2024年1月1日—2024年12月31日。", "2024-01-01", "2024-12-31"),
    ("报告数据统计时间从二〇二四年一月一日到十二月三十一日。", "2024-01-01", "2024-12-31"),
    ("本局于2019年9月组建，本报告数据统计期限为2019年9月1日起至12月31日。", "2019-09-01", "2019-12-31"),
    ("2024年1月1日至12月31日，全年共收到申请25件。", "2024-01-01", "2024-12-31"),  # a whole year without a cue
])
def test_period_forms(sentence, start, end):
    p = find_period(sentence)
    assert p is not None and (p.start.isoformat(), p.end.isoformat()) == (start, end)


@pytest.mark.parametrize("sentence", [
    "2024年3月1日至5月31日开展专项整治行动。",  # an event, not the period
    "本报告电子版可在门户网站下载。",
    "统计期限为2024年12月31日至1月1日。",  # backwards
])
def test_not_a_period(sentence):
    assert find_period(sentence) is None


def _with_period(page: str, sentence: str) -> str:
    return page.replace("本报告中所列数据统计期限为2024年1月1日至12月31日。", sentence)


@pytest.mark.parametrize("sentence", [
    "本报告所列数据统计期限为2024年 1 月 1 日至 12 月 31 日。",
    "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
    "本报告所列数据统计区间为2024年1月1日到2024年12月31日。",
])
def test_imported_period_satisfies_p03(page, sentence):
    res = _import_html(_with_period(page, sentence))
    assert res.report.meta.extra["statistical_period"] == "2024-01-01/2024-12-31"
    assert _findings(res.report) == []


def test_partial_period_is_a_warning_naming_it(page):
    res = _import_html(_with_period(page, "本局于2024年9月组建，本报告数据统计期限为2024年9月1日起至12月31日。"))
    assert res.report.meta.extra["statistical_period"] == "2024-09-01/2024-12-31"
    (f,) = [f for f in api.validate_report(res.report).findings if f.rule == "P03"]
    assert f.key == "P03.partial" and f.severity.value == "warning"
    assert "2024年9月1日起至12月31日" in f.message("zh")


def test_period_of_another_year_is_reported(page):
    res = _import_html(_with_period(page, "本报告中所列数据统计期限为2023年1月1日至12月31日。"))
    assert ("P03", "P03.wrong") in _findings(res.report)


def test_no_period_is_reported(page):
    res = _import_html(_with_period(page, ""))
    assert _findings(res.report) == [("P03", "P03.missing")]


def test_dates_with_spaces_and_numerals():
    assert parse_date("2025年 1 月 18 日") == dt.date(2025, 1, 18)
    assert parse_date("二〇二五年一月十八日") == dt.date(2025, 1, 18)
    assert parse_date("2025年2月30日") is None


# ------------------------------------------------------------------------------------------------
# 5. The table-三 note with a character off
# ------------------------------------------------------------------------------------------------

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@pytest.mark.parametrize("written", [
    "（本列数据的钩稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "（本列数据的构稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
    "本列数据钩稽关系：第一项加第二项之和等于第三项加第四项之和",
])
def test_note_variants_count_as_printed(page, written):
    assert NOTE in page
    res = _import_html(page.replace(NOTE, written))
    assert res.report.document.table3_note is True
    assert _findings(res.report) == []


def test_note_absent_is_reported(page):
    res = _import_html(page.replace(NOTE, ""))
    assert res.report.document.table3_note is False
    assert _findings(res.report) == [("S09", "S09")]


# ------------------------------------------------------------------------------------------------
# Plain text (sparse tables), the same classes
# ------------------------------------------------------------------------------------------------

def test_plain_text_with_variant_headings_and_other_edition_label(sample):
    text = api.render_bytes(sample, "r.txt").decode("utf-8")
    text = text.replace("五、存在的主要问题及改进情况", "五、存在的主要问题和改进情况")
    text = text.replace("六、其他需要报告的事项", "六、需要说明的其他事项与附表")
    text = re.sub(r"(?m)^(\s*)行政规范性文件", r"\1规范性文件", text)
    report = text_importer.build(text_importer.parse(text)).report
    assert _cells(report) == _cells(sample)
    assert _findings(report) == [("S03", "S03.differs"), ("S03", "S03.differs"), ("S10", "S10")]


# ------------------------------------------------------------------------------------------------
# A PDF made by LibreOffice from an edited Word file: variant headings, no title, spaced period
# ------------------------------------------------------------------------------------------------

def test_pdf_with_variant_headings_and_no_title(tmp_path, sample):
    docx = pytest.importorskip("docx")
    from conftest import require
    from workbook_tools.render.report_pdf import docx_to_pdf, find_soffice

    require(find_soffice() is not None, "LibreOffice (soffice) not installed")
    d = docx.Document(io.BytesIO(api.render_bytes(sample, "r.docx")))
    edits = {"五、存在的主要问题及改进情况": "五、存在的主要问题和改进情况",
             "六、其他需要报告的事项": "六、需要说明的其他事项与附表"}
    for p in list(d.paragraphs):
        t = p.text.strip()
        if "政府信息公开工作年度报告" in t and len(t) < 40 or t == AGENCY and p is d.paragraphs[0]:
            p._element.getparent().remove(p._element)
        elif t in edits:
            for run in p.runs[1:]:
                run.text = ""
            p.runs[0].text = edits[t]
        elif "统计期限为2024年1月1日至12月31日" in t:
            for run in p.runs:
                run.text = run.text.replace("2024年1月1日至12月31日", "2024年 1 月 1 日至 12 月 31 日")
    buf = io.BytesIO()
    d.save(buf)
    pdf = tmp_path / "edited.pdf"
    pdf.write_bytes(docx_to_pdf(buf.getvalue()))
    report = api.load_report(pdf)
    assert (report.meta.agency, report.meta.year) == (AGENCY, 2024)
    assert _cells(report) == _cells(sample)
    assert _findings(report) == [("S03", "S03.differs"), ("S03", "S03.differs")]



# ------------------------------------------------------------------------------------------------
# A workbook typed by hand, read by its labels, with the other edition's row label
# ------------------------------------------------------------------------------------------------

def test_hand_made_workbook_with_the_2019_row_label(tmp_path, sample):
    from workbook_helpers import hand_made_workbook

    path = hand_made_workbook(sample, tmp_path / "hand.xlsx", labels={"行政规范性文件": "规范性文件"})
    back = api.load_report(path)
    assert back.workbook.strategy == "labels"
    assert {k: v for k, v in _cells(back).items()} == _cells(sample)
    assert [(f.rule, f.severity.value) for f in api.validate_report(back).findings] == [("S10", "info")]


# ------------------------------------------------------------------------------------------------
# A table of the agency's own in section 六 (信息处理费) stays in the text and is compared (N05)
# ------------------------------------------------------------------------------------------------

FEE_TABLE = ("<table><tr><td>发出收费通知的件数（件）</td><td>发出收费通知的总金额（元）</td><td>实际收取的总金额（元）</td></tr>"
             "<tr><td>{n}</td><td>{amount}</td><td>0</td></tr></table>")


@pytest.mark.parametrize("notices,amount,expected", [(0, 0, [("N05", "N05.notices")]), (1, 100, []), (3, 300, [])])
def test_fee_table_in_section_six(page, notices, amount, expected):
    text = page.replace("发出收费通知1件，申请人逾期未缴纳，实际收取信息处理费0元。", "信息处理费情况见下表。")
    text = text.replace("<p>本年度办理人大代表建议", FEE_TABLE.format(n=notices, amount=amount) + "<p>本年度办理人大代表建议")
    res = _import_html(text)
    assert "发出收费通知的件数（件） | 发出收费通知的总金额（元） | 实际收取的总金额（元）" in res.report.narrative.section("六").text()
    assert _findings(res.report) == expected
