"""The sheets 表二, 表三, 表四: the official grid (labels, merged headers) with input and total cells."""

from __future__ import annotations

from ..layout import CAPTION, HEADER, LABEL, NOTE, VALUE, GridCell
from ..spec import EXTRA_TABLE, Layout
from .sheetmap import TablePlacement, a1
from .sizing import LINE_HEIGHT, height_for, text_units

VALUE_WIDTH = {Layout.STACKED: 17.0, Layout.CROSSTAB: 9.5, Layout.TRANSPOSED: 7.6}
LAST_LABEL_WIDTH = 34.0  # the leaf labels of table 三 (wrapping to two lines at most)
INNER_LABEL_WIDTH = 15.0
VERTICAL_WIDTH = 4.6


def _vertical(c: GridCell) -> bool:
    """A band label down a tall narrow merge (三、本年度办理结果) reads top to bottom, as printed."""
    return c.role == LABEL and c.colspan == 1 and c.rowspan >= 4 and len(c.text) <= 2 * c.rowspan


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

    section = book.edition.section(table.section)
    ws.merge_range(0, 0, 0, g.n_cols - 1, section.title, fmt["title"])
    ws.set_row(0, 26)
    book.write_status(ws, 1, g.n_cols, table.code)
    hint = "黄色单元格为填写区，灰色单元格自动计算；没有发生的事项请填 0，不要留空或填“—”“无”。"
    ws.merge_range(2, 0, 2, g.n_cols - 1, hint, fmt["note"])
    ws.set_row(2, height_for(hint, sum(widths)) + 2)

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
    text = book.wmap.field(f"text.{table.section}.1.body")
    _put(ws, fmt, text.row, 0, 1, text.col, text.label, fmt["field_label"])
    ws.merge_range(text.row, text.col, text.row, g.n_cols - 1, "", fmt["text_input"])
    book.write_text(ws, text)
    ws.set_row(text.row, 60)

    last = tp.last_row
    beside = any(f.sheet == tp.sheet and f.kind == "unit" for f in book.wmap.fields) or book.previous is not None
    ws.print_area(0, 0, text.row, g.n_cols - (0 if beside and table.layout is Layout.STACKED else 1))
    if g.header_rows:
        ws.repeat_rows(tp.origin, tp.origin + g.header_rows - 1)
        ws.freeze_panes(tp.origin + g.header_rows, g.label_cols)
    if table.layout is not Layout.STACKED:
        ws.set_landscape()
    book.print_setup(ws)
    ws.set_selection(a1(tp.origin + g.header_rows, g.label_cols) if last else "A1")
