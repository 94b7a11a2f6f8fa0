"""Builders of synthetic published reports for the importer tests: HTML (dense, merged cells) and
plain text (sparse, as extracted from Word), drawn from `layout.grid()` with a distinct figure in every
cell, so that a value landing in the wrong cell cannot go unnoticed."""

from __future__ import annotations

import html

from workbook_tools.editions import get_edition
from workbook_tools.layout import VALUE, grid

AGENCY = "示例县交通运输局"


def figures(edition_id: str) -> dict[str, str]:
    """A distinct number for every declared cell (money cells get a decimal)."""
    out = {}
    for i, (t, b, r, c) in enumerate(get_edition(edition_id).cells(), 1):
        out[f"{t.code}/{r.code}/{c.code}"] = f"{i}.5" if b.kind_of(c).value == "money" else str(i * 7)
    return out


def headings(edition_id: str) -> dict[str, str]:
    return {s.number: s.title for s in get_edition(edition_id).sections}


def _table_html(t, values, labels) -> str:
    g = grid(t)
    rows = []
    for row in g.rows():
        tds = []
        for c in row:
            text = values.get(c.ref.key, "") if c.role == VALUE else labels.get(c.text, c.text)
            span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            tds.append(f"<td{span}>{html.escape(text).replace(chr(10), '<br>')}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return "<table border=1>" + "".join(rows) + "</table>"


def _dense_rows_html(t, values, labels, start: int) -> str:
    """Grid rows from `start` on, every position a cell of its own (a merged cell continued from above is
    an empty cell), as a table continued on a new page prints them."""
    g = grid(t)
    dense = g.dense()
    rows = []
    for r in range(start, g.n_rows):
        tds = []
        for k, c in enumerate(dense[r]):
            own = c is not None and c.row == r and c.col == k
            text = "" if not own else values.get(c.ref.key, "") if c.role == VALUE else labels.get(c.text, c.text)
            tds.append(f"<td>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return "<table border=1>" + "".join(rows) + "</table>"


def html_report(edition_id: str, values=None, labels=None, heads=None, year=2024, split_t3_at: int | None = None,
                between: str = "", cut_naively: bool = False) -> str:
    """A whole report page.  `labels` rewrites printed labels; `split_t3_at` cuts table 三 into two tables
    (the second without header) after that grid row, with `between` (a page number) in between."""
    ed = get_edition(edition_id)
    values = figures(edition_id) if values is None else values
    labels = labels or {}
    heads = {**headings(edition_id), **(heads or {})}
    parts = [f"<h1>{AGENCY}{year}年政府信息公开工作年度报告</h1>",
             f"<p>本报告所列数据的统计期限自{year}年1月1日至{year}年12月31日。</p>"]
    for s in ed.sections:
        parts.append(f"<h2>{html.escape(heads[s.number])}</h2>")
        if s.table:
            t = ed.table(s.table)
            page = _table_html(t, values, labels)
            if t.code == "T3" and split_t3_at is not None:
                rows = page.split("</tr>")
                head = "</tr>".join(rows[:split_t3_at]) + "</tr></table>"
                tail = ("<table border=1>" + "</tr>".join(rows[split_t3_at:]) if cut_naively
                        else _dense_rows_html(t, values, labels, split_t3_at))
                page = head + f"<p>{between}</p>" + tail
            parts.append(page)
        else:
            parts.append(f"<p>第{s.number}部分的示例文字，由测试生成。</p>")
    parts.append(f"<p>{AGENCY}</p><p>{year + 1}年1月20日</p>")
    return "<html><head><meta charset='utf-8'></head><body>" + "\n".join(parts) + "</body></html>"


def text_report(edition_id: str, values=None, labels=None) -> str:
    """A report as plain text extracted from Word: each cell on a tabbed line, a blank line after each row;
    a merged cell appears once, in the row where it starts."""
    ed = get_edition(edition_id)
    values = figures(edition_id) if values is None else values
    labels = labels or {}
    lines = [f"{AGENCY}", "2024年政府信息公开工作年度报告", ""]
    for s in ed.sections:
        lines.append(s.title)
        if not s.table:
            lines.append("示例文字。")
            continue
        for row in grid(ed.table(s.table)).rows():
            for c in row:
                text = values.get(c.ref.key, "") if c.role == VALUE else labels.get(c.text, c.text)
                lines.append("\t" + text.replace("\n", ""))
            lines.append("")
    lines += ["", AGENCY, "2025年1月20日"]
    return "\n".join(lines) + "\n"
