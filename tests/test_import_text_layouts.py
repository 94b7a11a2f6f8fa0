"""Plain-text tables the way other programs write them (SPEC §12, §16):

- a spreadsheet copied as text: tab-separated rows forming a full grid, a merged cell once and then
  empty fields (or repeated) — read as a dense grid;
- ``pdftotext -layout``: fields separated by runs of spaces at column positions, page numbers between
  the lines, labels wrapped above and below their figures — read by position, and a figure that is not
  under a certain column leaves its row reported, never in a guessed cell.

Every synthetic figure is distinct (import_helpers.figures), so a value in the wrong cell shows."""

from __future__ import annotations

import re
import subprocess
from collections import Counter

import pytest

from conftest import EXAMPLES, require_command, shared
from factories import huaian_2024
from import_helpers import AGENCY, figures, text_report
from workbook_tools import api
from workbook_tools.editions import get_edition
from workbook_tools.importers import text as text_importer
from workbook_tools.layout import VALUE, grid

STRUCTURE = ("S04", "S05", "S06", "S07", "S08", "S10")


def _load(tmp_path, body: str, name: str = "report.txt"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return api.load_report(path)


def _cells(report) -> dict[str, str]:
    return {k: c.raw for k, c in report.cells.items()}


def _structure(report) -> Counter:
    return Counter(f.rule for f in api.validate_report(report).findings if f.rule in STRUCTURE)


def _findings(report) -> Counter:
    return Counter((f.rule, f.severity.value) for f in api.validate_report(report).findings)


# ------------------------------------------------------------------------------------------------
# A. A spreadsheet copied as text: tab-separated full grid
# ------------------------------------------------------------------------------------------------


def grid_text(edition_id: str, values: dict[str, str], fill: bool = False, edit=None) -> str:
    """The report with every table as tab-separated grid rows: a merged cell's text where it starts and
    empty fields over the rest of its area (`fill`: the text repeated there, as some sheets copy)."""
    ed = get_edition(edition_id)
    lines = [AGENCY, "2024年政府信息公开工作年度报告", ""]
    for s in ed.sections:
        lines.append(s.title)
        if not s.table:
            lines.append("示例文字。")
            continue
        for r, row in enumerate(grid(ed.table(s.table)).dense()):
            cells = []
            for k, c in enumerate(row):
                own = c is not None and c.row == r and c.col == k
                text = "" if c is None or not (own or fill) else values.get(c.ref.key, "") if c.role == VALUE else c.text
                cells.append(text.replace("\n", ""))
            lines.append("\t".join(cells))
        lines.append("")
    lines += ["", AGENCY, "2025年1月20日"]
    out = "\n".join(lines) + "\n"
    return edit(out) if edit else out


@pytest.mark.parametrize("edition_id", ["2021", "2019"])
@pytest.mark.parametrize("fill", [False, True])
def test_tab_separated_full_grid_places_every_cell(tmp_path, edition_id, fill):
    values = figures(edition_id)
    r = _load(tmp_path, grid_text(edition_id, values, fill))
    assert r.meta.edition == edition_id
    assert _cells(r) == values
    assert not r.unplaced and not r.deviations
    assert _structure(r) == Counter()


def test_tab_grid_and_word_cell_text_read_the_same_cells(tmp_path):
    """The Word text (one cell per tabbed line, sparse) still reads as before, next to the grid."""
    values = figures("2021")
    words = _load(tmp_path, text_report("2021", values), "word.txt")
    sheet = _load(tmp_path, grid_text("2021", values), "sheet.txt")
    assert _cells(words) == _cells(sheet) == values


def test_a_ragged_tab_block_is_not_a_grid_and_nothing_is_misplaced(tmp_path):
    """One row of table 三 lost a field (its last one): the block is not a grid and is read as sparse,
    as before; whatever cannot be aligned is reported, no figure lands elsewhere."""
    values = figures("2021")
    one = "\t".join(["一、本年新收政府信息公开申请数量", "", ""] + [values[f"T3/R1/C{i}"] for i in range(1, 8)])

    r = _load(tmp_path, grid_text("2021", values, edit=lambda t: t.replace(one, one.rsplit("\t", 1)[0])))
    got = _cells(r)
    assert all(got[k] == values[k] for k in got)
    assert not any(k.startswith("T3/") for k in got)  # the sparse reading refuses the grid's empty fields
    assert {k for k in values if not k.startswith("T3/")} <= set(got)
    assert _structure(r)["S06"] > 0


def test_a_value_in_a_merged_label_area_is_refused(tmp_path):
    """A figure typed into a label column of the grid (left of the value columns): that row is
    refused and reported, the other rows are placed."""
    values = figures("2021")
    one = "\t".join(["一、本年新收政府信息公开申请数量", "", ""] + [values[f"T3/R1/C{i}"] for i in range(1, 8)])
    bad = "\t".join(["一、本年新收政府信息公开申请数量", "9", ""] + [values[f"T3/R1/C{i}"] for i in range(1, 8)])
    r = _load(tmp_path, grid_text("2021", values, edit=lambda t: t.replace(one, bad)))
    assert _cells(r) == {k: v for k, v in values.items() if not k.startswith("T3/R1/")}
    assert _structure(r) == Counter({"S06": 1})


# ------------------------------------------------------------------------------------------------
# B. pdftotext -layout
# ------------------------------------------------------------------------------------------------


def _pdftotext(pdf: bytes, tmp_path) -> str:
    exe = require_command("pdftotext")
    src = tmp_path / "in.pdf"
    src.write_bytes(pdf)
    out = subprocess.run([exe, "-layout", str(src), "-"], capture_output=True, check=True, timeout=60)
    return out.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def huaian_layout(tmp_path_factory) -> str:
    return _pdftotext(shared("fixtures", "real", "2024_huaian-shi.pdf").read_bytes(), tmp_path_factory.mktemp("h"))


@pytest.fixture(scope="module")
def sample_layout(tmp_path_factory) -> str:
    require_command("soffice")
    from workbook_tools.render import report_pdf

    pdf = report_pdf.render(api.load_report(EXAMPLES / "sample-county-2024.json"))
    return _pdftotext(pdf, tmp_path_factory.mktemp("s"))


def _values(report) -> dict[str, object]:
    return {k: c.value for k, c in report.cells.items()}


def test_huaian_pdftotext_layout_reads_every_cell(tmp_path, huaian_layout):
    """The real report: T3 wraps its labels, splits 三、本年度办理结果 one character per line and goes on
    over a page without its header; T4's header is five lines of fragments.  Same reading as the PDF."""
    r = _load(tmp_path, huaian_layout)
    want = huaian_2024()
    assert r.meta.edition == "2021" and r.meta.agency == "淮安市人民政府"
    assert _values(r) == _values(want)
    assert not r.unplaced
    # S10: 第二十条 第（…）项 with a space (×4), 1、 numbering (×3), 结 果维持 as printed; the prose
    # findings are those of the PDF itself
    assert _findings(r) == Counter({("S10", "info"): 8, ("N06", "warning"): 1, ("N07", "warning"): 1})
    pdf = api.load_report(shared("fixtures", "real", "2024_huaian-shi.pdf"))
    assert _values(pdf) == _values(r)


def test_sample_pdftotext_layout_places_tables_2_and_3_and_reports_table_4(tmp_path, sample_layout):
    """LibreOffice prints table 四's header in narrow cells whose text columns do not line up with the
    figures below: no figure there is under a certain header, so the row is reported, not guessed."""
    r = _load(tmp_path, sample_layout)
    want = api.load_report(EXAMPLES / "sample-county-2024.json")
    assert r.meta.edition == "2021"
    assert _values(r) == {k: v for k, v in _values(want).items() if not k.startswith("T4/")}
    assert _findings(r) == Counter({("S07", "error"): 3})
    assert any("表四" in n and "未导入" in n for n in r.read_notes)


def _shift(text: str, line_has: str, old: str, by: int) -> str:
    """Move the field `old` of the line containing `line_has` `by` columns to the right."""
    lines = text.split("\n")
    k = next(i for i, x in enumerate(lines) if line_has in x)
    m = re.search(rf"(?<=\s){re.escape(old)}(?=\s|$)", lines[k])
    lines[k] = lines[k][:m.start()] + " " * by + old + lines[k][m.end():]
    return "\n".join(lines)


def test_a_figure_between_two_columns_leaves_its_row_unplaced(tmp_path, huaian_layout):
    """R3.3.1's 科研机构 figure moved half-way to 社会公益组织: that row is reported, nothing misplaced."""
    lines = huaian_layout.split("\n")
    k = next(i for i, x in enumerate(lines) if "1.属于国家秘密" in x)
    fields = list(re.finditer(r"\S+", lines[k]))
    a, b = fields[3], fields[4]  # 科研机构 and 社会公益组织 figures
    mid = (a.start() + b.start()) // 2
    row = lines[k][:a.start()] + " " * (a.end() - a.start()) + lines[k][a.end():]
    lines[k] = row[:mid] + a.group() + row[mid + len(a.group()):]
    r = _load(tmp_path, "\n".join(lines))
    want = _values(huaian_2024())
    assert _values(r) == {k: v for k, v in want.items() if not k.startswith("T3/R3.3.1/")}
    assert _structure(r) == Counter({"S06": 1, "S10": 8})  # S10: as in the unchanged text


def test_a_figure_under_no_header_leaves_its_row_unplaced(tmp_path, huaian_layout):
    """行政许可's figure pushed far right, under no header of its block: reported (S04), not placed."""
    r = _load(tmp_path, _shift(huaian_layout, "行政许可  ", "447228", 30))
    want = _values(huaian_2024())
    assert _values(r) == {k: v for k, v in want.items() if k != "T2/licensing/decisions"}
    assert _structure(r) == Counter({"S04": 1, "S10": 8})


def test_a_continued_page_with_a_column_missing_is_reported(tmp_path, huaian_layout):
    """On the page where table 三 goes on without its header, the 其他 column is blanked out: the
    columns can no longer be told by their order, so those rows are reported; the first page stays."""
    lines = huaian_layout.split("\n")
    start = next(i for i, x in enumerate(lines) if "2.没有现成信息需要另行制作" in x)
    end = next(i for i, x in enumerate(lines) if "四、结转下年度继续办理" in x)
    for k in range(start, end + 1):
        fields = list(re.finditer(r"\S+", lines[k]))
        if len(fields) >= 7 and all(re.fullmatch(r"\d+", f.group()) for f in fields[-7:]):
            f = fields[-2]
            lines[k] = lines[k][:f.start()] + " " * (f.end() - f.start()) + lines[k][f.end():]
    r = _load(tmp_path, "\n".join(lines))
    want = _values(huaian_2024())
    later = {"R3.4.2", "R3.4.3", "R3.5.1", "R3.5.2", "R3.5.3", "R3.5.4", "R3.5.5", "R3.6.1", "R3.6.2", "R3.6.3",
             "R3.7", "R4"}
    assert _values(r) == {k: v for k, v in want.items() if k.split("/")[1] not in later or not k.startswith("T3/")}
    # without its three （六） rows, table 三 fits the 2019 declaration as well as the 2021 one, and the
    # tie goes to the hybrid layout (S01), which reports （六）其他处理 as one missing row
    found = Counter(f.rule for f in api.validate_report(r).findings if f.rule in STRUCTURE + ("S01",))
    assert found == Counter({"S06": len(later) - 2, "S10": 5, "S01": 1})


def test_a_blank_cell_on_a_continued_page_stays_blank(tmp_path, huaian_layout):
    """The 其他 figure of three rows left out on the page without header: each remaining figure is
    placed by where it stands, the left-out cells are blank (V02), nothing shifts left."""
    lines = huaian_layout.split("\n")
    blanked = []
    for label in ("2.没有现成信息需要另行制作", "2.重复申请", "4.无正当理由大量反复申请"):
        k = next(i for i, x in enumerate(lines) if label in x)
        f = list(re.finditer(r"\S+", lines[k]))[-2]
        lines[k] = lines[k][:f.start()] + " " * (f.end() - f.start()) + lines[k][f.end():]
        blanked.append(k)
    r = _load(tmp_path, "\n".join(lines))
    want = _values(huaian_2024())
    gaps = {"T3/R3.4.2/C6", "T3/R3.5.2/C6", "T3/R3.5.4/C6"}
    assert _values(r) == {k: (None if k in gaps else v) for k, v in want.items()}
    assert {k for k, c in r.cells.items() if c.raw == ""} == gaps
    assert Counter(f.rule for f in api.validate_report(r).findings if f.rule in STRUCTURE + ("V02",)) == Counter(
        {"S10": 8, "V02": 3})


HAND_ALIGNED = """示例县交通运输局2024年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（一）项
信息内容        本年制发件数    本年废止件数    现行有效件数
规章            1               0               11
行政规范性文件  8               26              66
第二十条第（五）项
信息内容        本年处理决定数量
行政许可        447228
"""


def test_a_table_aligned_by_hand_counts_chinese_characters_as_two_columns(tmp_path):
    """Typed in an editor that shows a Chinese character two columns wide: read by display width."""
    r = _load(tmp_path, HAND_ALIGNED)
    assert _cells(r) == {"T2/regulations/issued": "1", "T2/regulations/repealed": "0", "T2/regulations/in_force": "11",
                         "T2/normative/issued": "8", "T2/normative/repealed": "26", "T2/normative/in_force": "66",
                         "T2/licensing/decisions": "447228"}
    assert not r.unplaced


def test_spaced_fields_that_merely_follow_each_other_are_read_in_order(tmp_path):
    """Cells separated by spaces but not in columns (a converter's output): the sparse reading, which
    takes the header in the declared order, as for Word text."""
    body = HAND_ALIGNED.replace("        本年制发件数    本年废止件数    现行有效件数", "  本年制发件数  本年废止件数  现行有效件数")
    body = re.sub(r"(?m)^(规章|行政规范性文件|行政许可|信息内容) +", r"\1  ", body)
    body = re.sub(r"(?m)(?<=\S) {3,}(?=\S)", "  ", body)
    r = _load(tmp_path, body)
    assert _cells(r) == _cells(_load(tmp_path, HAND_ALIGNED, "aligned.txt"))
    assert len(_cells(r)) == 7 and not r.unplaced


def test_prose_with_double_spaces_stays_prose(tmp_path):
    """Two spaced-out lines with figures but no declared label are narrative, not a table."""
    values = figures("2021")
    body = text_report("2021", values).replace(
        "示例文字。", "本年度共收到申请  12  件，\n其中网上申请  7  件，现场申请  5  件\n", 1)
    r = _load(tmp_path, body)
    assert _cells(r) == values
    assert not r.unplaced
    one = r.narrative.sections[0].text()
    assert "12" in one and "现场申请" in one


def test_layout_blocks_are_found_only_around_spaced_rows():
    lines = ["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容   本年制发件数   本年废止件数   现行有效件数",
             "规章   1   0   11", "行政规范性文件   8   26   66", "", "三、收到和处理政府信息公开申请情况"]
    assert text_importer.layout_blocks(lines) == [(1, 5)]
