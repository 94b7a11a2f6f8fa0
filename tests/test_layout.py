"""The printed grid of every table: spans as in the official layouts, and a grid that tiles exactly."""

import pytest

from workbook_tools.editions import editions, get_edition
from workbook_tools.layout import HEADER, LABEL, NOTE, VALUE, grid
from workbook_tools.spec import cell_refs


def _find(g, text):
    return next(c for c in g.cells if c.text == text)


@pytest.mark.parametrize("eid,results_span,rows", [("2019", 20, 26), ("2021", 22, 28)])
def test_table3_headers_as_official(eid, results_span, rows):
    g = grid(get_edition(eid).table("T3"))
    assert (g.n_rows, g.n_cols, g.header_rows) == (rows, 10, 3)  # the official Word template is 28×10
    corner = g.cells[0]
    assert corner.role == NOTE and (corner.rowspan, corner.colspan) == (3, 3)
    assert (_find(g, "申请人情况").colspan, _find(g, "申请人情况").rowspan) == (7, 1)
    assert _find(g, "自然人").rowspan == 2 and _find(g, "总计").rowspan == 2
    assert _find(g, "法人或其他组织").colspan == 5
    assert _find(g, "三、本年度办理结果").rowspan == results_span
    assert _find(g, "（三）不予公开").rowspan == 8
    assert _find(g, "一、本年新收政府信息公开申请数量").colspan == 3
    assert _find(g, "（七）总计").colspan == 2
    other = _find(g, "（六）其他处理")
    assert (other.rowspan, other.colspan) == ((1, 2) if eid == "2019" else (3, 1))


def test_table4_headers_as_official():
    g = grid(get_edition("2021").table("T4"))
    assert (g.n_rows, g.n_cols) == (4, 15)
    assert (_find(g, "行政复议").colspan, _find(g, "行政诉讼").colspan) == (5, 10)
    assert _find(g, "未经复议直接起诉").colspan == 5
    first_row = [c for c in g.cells if c.row == 1 and c.text == "结果维持"]
    assert first_row and first_row[0].rowspan == 2  # 行政复议's columns span two header rows
    assert [c.ref.key for c in g.value_cells()][:6] == ["T4/F/C1", "T4/F/C2", "T4/F/C3", "T4/F/C4", "T4/F/C5", "T4/L1/C1"]


def test_table2_blocks_fill_the_width():
    g = grid(get_edition("2021").table("T2"))
    assert (g.n_rows, g.n_cols) == (14, 4)  # the official Word template is 14×4
    for c in g.cells:
        if c.role in (HEADER, VALUE) and c.col > 0:
            assert c.col + c.colspan <= 4
    assert _find(g, "本年处理决定数量").colspan == 3
    assert _find(g, "第二十条第（一）项").colspan == 4


@pytest.mark.parametrize("ed", editions(), ids=lambda e: e.id)
def test_grids_tile_exactly_and_hold_every_cell_once(ed):
    refs = []
    for t in ed.tables:
        g = grid(t)
        seen = set()
        for c in g.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    assert (r, k) not in seen, (t.code, r, k)
                    seen.add((r, k))
        assert len(seen) == g.n_rows * g.n_cols
        refs += [c.ref for c in g.value_cells()]
        assert all(c.text for c in g.cells if c.role in (HEADER, LABEL))
    assert refs == cell_refs(ed)
