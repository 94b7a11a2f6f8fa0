"""The sheets 表二, 表三, 表四: the official grid (labels, merged headers) with input and total cells."""

from __future__ import annotations

from ..layout import CAPTION, HEADER, LABEL, NOTE, VALUE, GridCell
from ..spec import EXTRA_TABLE, Layout
from .checksheet import mark_cells
from .sheetmap import TablePlacement, a1
from .sizing import LINE_HEIGHT, height_for, text_units

VALUE_WIDTH = {Layout.STACKED: 17.0, Layout.CROSSTAB: 9.5, Layout.TRANSPOSED: 7.6}
LAST_LABEL_WIDTH = 34.0  # the leaf labels of table 三 (wrapping to two lines at most)
INNER_LABEL_WIDTH = 15.0
VERTICAL_WIDTH = 4.6


def _vertical(c: GridCell) -> bool:
    """The outer band label down a tall narrow merge (三、本年度办理结果) reads top to bottom, as printed;
    the group labels inside it (（三）不予公开) wrap horizontally in a column wide enough for them."""
    return c.role == LABEL and c.col == 0 and c.colspan == 1 and c.rowspan >= 4 and len(c.text) <= 2 * c.rowspan


def column_widths(tp: TablePlacement) -> list[float]:
    g = tp.grid
    widths = [VALUE_WIDTH[g.table.layout]] * g.n_cols
    for k in range(g.label_cols):
        cells = [c for c in g.cells if c.role == LABEL and c.col == k and c.colspan == 1]
        if cells and all(_vertical(c) for c in cells):
            widths[k] = VERTICAL_WIDTH
        elif k == g.label_cols - 1:
            widths[k] = min(max((text_units(c.text) for c in cells), default=20) + 2, LAST_LABEL_WIDTH)
        else:
            widths[k] = min(max((text_units(c.text) for c in cells), default=10) + 2, INNER_LABEL_WIDTH)
    if g.table.layout is Layout.STACKED:
        widths[0] = 28.0
    return widths


def row_heights(tp: TablePlacement, widths: list[float]) -> list[float]:
    g = tp.grid
    heights = [18.0] * g.n_rows
    for c in g.cells:
        if c.role == VALUE or not c.text:
            continue
        if _vertical(c):
            need = (len(c.text) * LINE_HEIGHT * 0.95 + 4) / c.rowspan
        else:
            need = height_for(c.text, sum(widths[c.col:c.col + c.colspan]), c.rowspan)
        for r in range(c.row, c.row + c.rowspan):
            heights[r] = max(heights[r], need)
    return heights


def _style(c: GridCell, layout: Layout) -> str:
    if c.role == NOTE:
        return "corner"
    if c.role == CAPTION:
        return "caption"
    if c.role == HEADER:
        return "header"
    if _vertical(c):
        return "label_vertical"
    return "label" if layout is not Layout.TRANSPOSED else "header"


def _put(ws, fmt, row: int, col: int, rowspan: int, colspan: int, value, style) -> None:
    if rowspan > 1 or colspan > 1:
        ws.merge_range(row, col, row + rowspan - 1, col + colspan - 1, value, style)
    else:
        ws.write(row, col, value, style)


def _beside(book, tp: TablePlacement) -> int:
    """Columns written right of the official grid: a money unit selector, last year's reference figures."""
    unit = any(f.sheet == tp.sheet and f.kind == "unit" for f in book.wmap.fields)
    return 1 if unit or (book.previous is not None and tp.grid.table.layout is Layout.STACKED) else 0


def _close_frame(ws, fmt, tp: TablePlacement) -> None:
    """Borders in the column beside the grid, so that a unit selector stays inside the table's frame;
    the cells that column holds are written over these afterwards."""
    col = tp.grid.n_cols
    for r in (*range(tp.origin, tp.origin + tp.grid.n_rows), *tp.extra_rows):
        ws.write_blank(r, col, None, fmt["label"])


def write_table_sheet(book, tp: TablePlacement) -> None:
    ws = book.sheet(tp.sheet)
    fmt = book.fmt
    g = tp.grid
    table = g.table
    widths = column_widths(tp)
    for k, w in enumerate(widths):
        ws.set_column(k, k, w)
    heights = row_heights(tp, widths)
    for r, h in enumerate(heights):
        ws.set_row(tp.origin + r, h)

    extra = _beside(book, tp)
    width = g.n_cols + extra  # the printed frame: the grid and what is written beside it
    # a profile's own table is titled by itself; a national one by its section
    title = table.heading or book.edition.section(table.section).title
    ws.merge_range(0, 0, 0, width - 1, title, fmt["title"])
    ws.set_row(0, 26)
    book.write_status(ws, 1, width, table.code)
    marked = mark_cells(book, ws, tp.sheet)
    hint = "黄色单元格为填写区，灰色单元格自动计算；没有发生的事项请填 0，不要留空或填“—”“无”。"
    hint += book.wording("workbook.marks.hint") if marked else ""
    ws.merge_range(2, 0, 2, width - 1, hint, fmt["note"])
    ws.set_row(2, height_for(hint, sum(widths)) + 2)

    if extra:
        _close_frame(ws, fmt, tp)
    for c in g.cells:
        row = tp.origin + c.row
        if c.role == VALUE:
            book.write_value(ws, book.wmap.placed(c.ref))
        else:
            _put(ws, fmt, row, c.col, c.rowspan, c.colspan, c.text, fmt[_style(c, table.layout)])

    for line_row, p in zip(tp.extra_rows, [p for p in book.wmap.cells if p.ref.table == EXTRA_TABLE and p.sheet == tp.sheet]):
        label = next(ln for ln in book.wmap.profile.lines if ln.code == p.ref.row).label_for(book.report.meta.year)
        _put(ws, fmt, line_row, 0, 1, g.n_cols - 1, label, fmt["label"])
        ws.set_row(line_row, height_for(label, sum(widths[:-1])))
        book.write_value(ws, p)

    for f in book.wmap.fields:
        if f.sheet == tp.sheet and f.kind == "unit":
            ws.set_column(f.col, f.col, 10)
            ws.write(f.row - 1, f.col, f.label, fmt["header"])
            book.write_field(ws, f)
    book.write_references(ws, tp, widths)
    end = tp.last_row
    if table.heading is None:  # the section's free text goes below its national table
        text = book.wmap.field(f"text.{table.section}.1.body")
        _put(ws, fmt, text.row, 0, 1, text.col, text.label, fmt["field_label"])
        ws.merge_range(text.row, text.col, text.row, width - 1, "", fmt["text_input"])
        book.write_text(ws, text)
        ws.set_row(text.row, 60)
        end = text.row
    ws.print_area(0, 0, end, width - 1)
    if g.header_rows:
        ws.repeat_rows(tp.origin, tp.origin + g.header_rows - 1)
        ws.freeze_panes(tp.origin + g.header_rows, g.label_cols)
    if table.layout is not Layout.STACKED:
        ws.set_landscape()
    book.print_setup(ws, tall=1)  # each table on one sheet of paper, like the official table
    ws.set_selection(a1(tp.origin + g.header_rows, g.label_cols) if tp.last_row else "A1")
