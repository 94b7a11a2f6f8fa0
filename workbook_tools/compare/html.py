"""The comparison as one self-contained web page: the key figures with a bar chart drawn as inline
SVG, then every figure of the three tables, then what could not be compared."""

from __future__ import annotations

from html import escape

from . import chart
from .common import change, headers, key_headers, key_name, notes, number, percent, sides, title, unmatched, year
from .figures import Comparison

_CSS = """
body { font-family: %s; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.5em; text-align: center; } h2 { font-size: 1.2em; border-left: 4px solid #C0392B; padding-left: .5em; }
table { border-collapse: collapse; width: 100%%; margin: .5em 0 1.5em; font-size: .95em; }
th, td { border: 1px solid #BBB; padding: .3em .5em; } td:first-child, td.n, th { white-space: nowrap; } th { background: #F2F3F4; }
td.n { text-align: right; font-variant-numeric: tabular-nums; } td.up { color: #B03A2E; } td.down { color: #1E8449; }
p.note { color: #9A7D0A; } p.src { color: #666; font-size: .9em; }
""" % chart.FONTS


def _cells(values: list[str], classes: list[str]) -> str:
    return "".join(f'<td class="{c}">{escape(v)}</td>' if c else f"<td>{escape(v)}</td>" for v, c in zip(values, classes))


def _trend(v) -> str:
    return "n up" if v is not None and v > 0 else "n down" if v is not None and v < 0 else "n"


def key_chart(c: Comparison, lang: str, width: int = 900, height: int = 340) -> str:
    labels = [key_name(k.name, lang) for k in c.key]
    series = [(year(c.this, lang), [k.this for k in c.key]), (year(c.last, lang), [k.last for k in c.key])]
    return chart.svg(chart.bars(labels, series, width=width, height=height), width, height, title(c, lang))


def render(c: Comparison, lang: str = "zh") -> bytes:
    from ..messages import text

    out = ["<!DOCTYPE html>", f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
           f"<title>{escape(title(c, lang))}</title><style>{_CSS}</style></head><body>",
           f"<h1>{escape(title(c, lang))}</h1>", f'<p class="src">{escape(sides(c, lang))}</p>']
    out += [f'<p class="note">{escape(n)}</p>' for n in notes(c, lang)]
    out.append(f"<h2>{escape(text('compare.chart.title', lang))}</h2>")
    out.append(f'<figure>{key_chart(c, lang)}</figure>')
    out.append("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in key_headers(c, lang)) + "</tr>")
    for k in c.key:
        vals = [key_name(k.name, lang), number(k.this, lang), number(k.last, lang), change(k.change, lang),
                percent(k.percent, lang)]
        out.append("<tr>" + _cells(vals, ["", "n", "n", _trend(k.change), _trend(k.change)]) + "</tr>")
    out.append("</table>")
    out.append(f"<h2>{escape(text('compare.rows.title', lang))}</h2>")
    out.append("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers(c, lang)) + "</tr>")
    for r in c.rows:
        p = r.this_place
        vals = [p.table, p.item, p.column, number(r.this, lang), number(r.last, lang), change(r.change, lang),
                percent(r.percent, lang)]
        out.append("<tr>" + _cells(vals, ["", "", "", "n", "n", _trend(r.change), _trend(r.change)]) + "</tr>")
    out.append("</table>")
    missing = unmatched(c, lang)
    if missing:
        out.append(f"<h2>{escape(text('compare.sheet.unmatched', lang))}</h2><table>"
                   f"<tr><th>{escape(text('compare.col.unmatched', lang))}</th><th>{escape(text('compare.col.why', lang))}</th></tr>")
        out += [f"<tr><td>{escape(w)}</td><td>{escape(y)}</td></tr>" for w, y in missing]
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out).encode("utf-8")
