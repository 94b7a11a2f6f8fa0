"""The comparison as a workbook: the key figures with a native Excel column chart, every figure of
the three tables, and what could not be compared.  Numbers are numbers (the change and the
percentage are formulas of the two years' cells), texts are written as texts (never formulas)."""

from __future__ import annotations

import io
import unicodedata

from ..messages import text
from .common import headers, key_headers, key_name, notes, sides, title, unmatched
from .figures import Comparison

_MAX_TEXT = 32767


def _t(v) -> str:
    s = "".join(ch for ch in str(v) if ch in "\t\n" or unicodedata.category(ch) != "Cc")
    return s[:_MAX_TEXT]


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s[:100])


def _num(ws, row: int, col: int, v, fmt=None) -> None:
    if v is None:
        ws.write_string(row, col, text("compare.none", "zh"), fmt)
    else:
        ws.write_number(row, col, float(v), fmt)


def _figures(ws, first: int, items, f) -> None:
    """Rows of (labels…, this, last): the change and the percentage as formulas of the two cells."""
    for i, (labels, this, last) in enumerate(items, start=first):
        for j, lab in enumerate(labels):
            ws.write_string(i, j, _t(lab))
        n = len(labels)
        _num(ws, i, n, this, f["num"])
        _num(ws, i, n + 1, last, f["num"])
        a, b = _cell(i, n), _cell(i, n + 1)
        if this is not None and last is not None:
            ws.write_formula(i, n + 2, f"={a}-{b}", f["change"], float(this - last))
            ws.write_formula(i, n + 3, f'=IF({b}=0,"—",({a}-{b})/{b})', f["pct"],
                             float((this - last) / last) if last else "—")
        else:
            ws.write_string(i, n + 2, "—")
            ws.write_string(i, n + 3, "—")


def _cell(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(row, col)


def render(c: Comparison, lang: str = "zh") -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False,
                                   "default_format_properties": {"font_name": "宋体", "font_size": 11}})
    wb.set_properties({"title": _t(title(c, lang)), "comments": "xxgk compare"})
    f = {"head": wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}),
         "title": wb.add_format({"bold": True, "font_size": 14}),
         "num": wb.add_format({"num_format": "#,##0.####"}),
         "change": wb.add_format({"num_format": "+#,##0.####;-#,##0.####;0"}),
         "pct": wb.add_format({"num_format": "+0.0%;-0.0%;0.0%"})}

    key = wb.add_worksheet(_t(text("compare.sheet.key", lang)))
    key.write_string(0, 0, _t(title(c, lang)), f["title"])
    for j, h in enumerate(key_headers(c, lang)):
        key.write_string(2, j, _t(h), f["head"])
    _figures(key, 3, [((key_name(k.name, lang),), k.this, k.last) for k in c.key], f)
    key.set_column(0, 0, 18)
    key.set_column(1, 4, 12)
    last_row = 2 + len(c.key)
    chart = wb.add_chart({"type": "column"})
    for col, color in ((2, "#95A5A6"), (1, "#C0392B")):  # last year first: read left to right
        chart.add_series({"name": [key.name, 2, col], "categories": [key.name, 3, 0, last_row, 0],
                          "values": [key.name, 3, col, last_row, col], "fill": {"color": color},
                          "data_labels": {"value": True}})
    chart.set_title({"name": _t(text("compare.chart.title", lang))})
    chart.set_legend({"position": "top"})
    chart.set_size({"width": 760, "height": 360})
    key.insert_chart(last_row + 3, 0, chart)
    key.set_landscape()
    key.set_paper(9)
    key.fit_to_pages(1, 1)
    row = last_row + 23
    for line in [sides(c, lang), *notes(c, lang)]:
        key.write_string(row, 0, _t(line))
        row += 1

    ws = wb.add_worksheet(_t(text("compare.sheet.rows", lang)))
    heads = headers(c, lang)
    for j, h in enumerate(heads):
        ws.write_string(0, j, _t(h), f["head"])
    items = [((r.this_place.table, r.this_place.item, r.this_place.column), r.this, r.last) for r in c.rows]
    _figures(ws, 1, items, f)
    widths = [max([_width(h) + 2] + [_width(str(it[0][j])) + 2 for it in items[:2000]]) for j, h in enumerate(heads[:3])]
    for j, w in enumerate(widths):
        ws.set_column(j, j, min(w, 60))
    ws.set_column(3, 6, 12)
    ws.freeze_panes(1, 3)
    ws.autofilter(0, 0, max(1, len(items)), len(heads) - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)

    missing = unmatched(c, lang)
    if missing:
        un = wb.add_worksheet(_t(text("compare.sheet.unmatched", lang)))
        un.write_string(0, 0, _t(text("compare.col.unmatched", lang)), f["head"])
        un.write_string(0, 1, _t(text("compare.col.why", lang)), f["head"])
        for i, (where, why) in enumerate(missing, start=1):
            un.write_string(i, 0, _t(where))
            un.write_string(i, 1, _t(why))
        un.set_column(0, 0, 70)
        un.set_column(1, 1, 30)
    wb.close()
    return buf.getvalue()
