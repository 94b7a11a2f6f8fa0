"""一图读懂 and the charts of the office workbook (native Excel charts, so they stay live in Excel and WPS).

The region's key figures are the sums over the valid reports only (a report with errors may carry
wrong figures); which cells make a key figure comes from the declarations (`editions.key_figures`).  The
charts read their numbers from a hidden sheet, so the printed 一图读懂 page holds only the picture.
"""

from __future__ import annotations

from decimal import Decimal

from ..editions.key_figures import KEY_FIGURES, NAMES, key_figure
from ..messages import text
from .texts import t

UNITS_CHARTED = 15  # units in the per-unit chart (the largest by applications received)
CARD_COLS = 2  # columns per big number
CARDS_PER_ROW = 4
COL_WIDTH = 13
CHART_FONT = {"name": "宋体"}


def region_figures(files: list[dict]) -> tuple[int, dict[str, int | Decimal]]:
    """(number of valid reports, key figure -> sum over them); a figure a report lacks adds nothing."""
    valid = [f for f in files if f["status"] == "ok"]
    sums: dict[str, int | Decimal] = {}
    for name in NAMES:
        values = [(f.get("figures") or {}).get(name) for f in valid]
        sums[name] = sum(v for v in values if isinstance(v, (int, Decimal)) and not isinstance(v, bool))
    return len(valid), sums


def overview_sheet(book, summary, files: list[dict]) -> None:
    """一图读懂: title, big numbers with labels, a status chart and a per-unit chart, on one portrait page."""
    from .write import excel_number, number_text
    from .xlsx import period

    lang, wb = summary.lang, book.wb
    ws = book.sheet(text("office.sheet.overview", lang), landscape=False)
    ws.fit_to_pages(1, 1)
    width = CARD_COLS * CARDS_PER_ROW
    ws.set_column(0, width - 1, COL_WIDTH)
    title = wb.add_format({"bold": True, "font_size": 20, "align": "center", "valign": "vcenter", "font_color": "#1F3864"})
    sub = wb.add_format({"align": "center", "font_color": "#595959", "text_wrap": True})
    label = wb.add_format({"align": "center", "valign": "vcenter", "bg_color": "#DDEBF7", "font_color": "#1F3864"})
    big = wb.add_format({"align": "center", "valign": "vcenter", "bold": True, "font_size": 24, "font_color": "#C00000",
                         "num_format": "#,##0"})
    ws.merge_range(0, 0, 0, width - 1, text("office.overview.title", lang, period=period(summary)), title)
    ws.set_row(0, 36)
    n_valid, sums = region_figures(files)
    ws.merge_range(1, 0, 1, width - 1, text("office.overview.basis", lang, valid=n_valid, files=len(files)), sub)
    ws.set_row(1, 30)
    cards = [(text("office.overview.files", lang), len(files)), (t("status.ok", lang), n_valid)]
    cards += [(text(k.column, lang), sums[k.name]) for k in KEY_FIGURES]
    row = 3
    for k, (name, value) in enumerate(cards):
        r, c = row + 3 * (k // CARDS_PER_ROW), CARD_COLS * (k % CARDS_PER_ROW)
        ws.merge_range(r, c, r, c + CARD_COLS - 1, name, label)
        number = excel_number(value)  # NaN or beyond Excel's range (a hostile file) is shown as text
        ws.merge_range(r + 1, c, r + 1, c + CARD_COLS - 1, number_text(value) if number is None else number, big)
        ws.set_row(r + 1, 40)
    chart_row = row + 3 * ((len(cards) + CARDS_PER_ROW - 1) // CARDS_PER_ROW)
    px = width * (COL_WIDTH * 7 + 5)
    status = status_chart(book, summary)
    status.set_size({"width": px, "height": 260})
    ws.insert_chart(chart_row, 0, status, {"object_position": 3})
    units = sorted((f for f in files if f["status"] == "ok" and _plottable((f.get("figures") or {}).get("new"))),
                   key=lambda f: -excel_number(f["figures"]["new"]))[:UNITS_CHARTED]
    if units:
        chart = unit_chart(book, summary, units)
        chart.set_size({"width": px, "height": 110 + 30 * len(units)})
        ws.insert_chart(chart_row + 14, 0, chart, {"object_position": 3})
    else:
        ws.write_string(chart_row + 14, 0, text("office.overview.no_units", lang))


def _plottable(v) -> bool:
    from .write import excel_number

    return isinstance(v, (int, Decimal)) and not isinstance(v, bool) and excel_number(v) is not None


def status_chart(book, summary):
    """How the files fared: one column per status, coloured like the fills of 汇总."""
    lang = summary.lang
    tot = summary.totals
    points = [(t("status.ok", lang), tot["ok"], "#70AD47"), (t("status.errors", lang), tot["errors"], "#C00000"),
              (t("status.unfilled", lang), tot["unfilled"], "#ED7D31"),
              (t("status.unreadable", lang), tot["unreadable"], "#7F7F7F")]
    if "roster" in tot:
        points.append((t("roster.missing", lang), tot["roster"]["missing"], "#FFC000"))
    first = _data(book, [(name, n) for name, n, _ in points])
    last = first + len(points) - 1
    name = book.data_name
    chart = book.wb.add_chart({"type": "column"})
    chart.add_series({
        "name": text("office.chart.status", lang),
        "categories": [name, first, 0, last, 0],
        "values": [name, first, 1, last, 1],
        "points": [{"fill": {"color": color}} for _, _, color in points],
        "data_labels": {"value": True, "font": CHART_FONT},
    })
    chart.set_title({"name": text("office.chart.status", lang), "name_font": {**CHART_FONT, "size": 12}})
    chart.set_legend({"none": True})
    chart.set_x_axis({"num_font": CHART_FONT})
    step = max(1, -(-max(n for _, n, _ in points) // 5))  # whole files on the axis
    grid = {"visible": True, "line": {"color": "#D9D9D9"}}
    chart.set_y_axis({"num_font": CHART_FONT, "min": 0, "major_unit": step, "major_gridlines": grid})
    return chart


def unit_chart(book, summary, units: list[dict]):
    """Applications received and closed per unit (the largest first), from the valid reports."""
    lang = summary.lang
    rows = [(f.get("agency") or f["file"], f["figures"]["new"], f["figures"].get("closed")) for f in units]
    first = _data(book, rows)
    last = first + len(rows) - 1
    name = book.data_name
    chart = book.wb.add_chart({"type": "bar"})
    for col, key, color in ((1, "new", "#4472C4"), (2, "closed", "#A5A5A5")):
        chart.add_series({
            "name": text(key_figure(key).column, lang),
            "categories": [name, first, 0, last, 0],
            "values": [name, first, col, last, col],
            "fill": {"color": color},
            "data_labels": {"value": True, "font": {**CHART_FONT, "size": 8}},
        })
    key = "office.chart.units" if len(rows) == UNITS_CHARTED else "office.chart.units_all"
    chart.set_title({"name": text(key, lang, n=len(rows)), "name_font": {**CHART_FONT, "size": 12}})
    chart.set_x_axis({"num_font": CHART_FONT, "min": 0})  # a bar chart's x axis is its value axis
    chart.set_y_axis({"num_font": {**CHART_FONT, "size": 9}, "reverse": True})  # the largest at the top
    chart.set_legend({"position": "bottom", "font": CHART_FONT})
    return chart


def _data(book, rows: list[tuple]) -> int:
    """Queue rows for the hidden chart-data sheet; the first row's index."""
    first = len(book.chart_rows)
    book.chart_rows.extend(rows)
    return first


def data_sheet(book) -> None:
    """The hidden sheet the charts read (written last, after every chart has queued its rows)."""
    rows = book.chart_rows
    if not rows:
        return
    ws = book.wb.add_worksheet(book.data_name)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            book.cell(ws, i, j, v)
    ws.set_column(0, 0, 30)
    ws.hide()
