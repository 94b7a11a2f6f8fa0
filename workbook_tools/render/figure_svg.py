"""「一图读懂」: the year's key figures as one picture a website can publish, drawn as SVG.

Figures are found by the declarations' roles (applications received and closed, how they were
answered, 主动公开 counts of 规章 and 规范性文件, 行政复议 and 行政诉讼, fees), never by cell codes;
the labels of the answer groups and of table 二 come from the edition.  PNG is this SVG converted
(`figure_png.py`).
"""

from __future__ import annotations

import os
import re
from html import escape
from pathlib import Path

from ..compare.chart import COLORS, FONTS
from ..editions.key_figures import key_figure
from ..errors import InputError
from ..messages import text
from ..model import Report
from ..spec import Role
from ..values import format_number

WIDTH = 1080
FORMATS = (".svg", ".png")
# the answer groups of table 三, in the order of the table
OUTCOMES = (Role.DISCLOSED, Role.PARTLY_DISCLOSED, Role.WITHHELD, Role.UNAVAILABLE, Role.NOT_PROCESSED,
            Role.OTHER_HANDLING)
_NUMBERING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]|^[一二三四五六七八九十]+、")
_PAREN = re.compile(r"[（(][^）)]*[）)]$")
RED, INK, PALE = "#B3261E", "#222222", "#FBEDEC"


def _bare(label: str) -> str:
    """A label without its numbering and its explanatory parenthesis: （二）部分公开（区分处理的…） → 部分公开."""
    return _PAREN.sub("", _NUMBERING.sub("", label)).strip()


def outcome_bars(report: Report) -> list[tuple[str, object]]:
    """(label, total) of each answer group the edition declares, labelled as the edition prints it."""
    edition = report.edition
    t3 = edition.table_for(Role.APPLICATIONS)
    rows = {r.code: r for _, r in t3.rows()}
    out = []
    for role in OUTCOMES:
        codes = edition.rows_for(role, Role.TOTAL)
        if not codes:
            continue
        first = rows[codes[0]]
        out.append((_bare(first.group or first.label), report.total(role, Role.TOTAL)))
    return out


def disclosure_items(report: Report) -> list[tuple[str, str, object]]:
    """(row label, column label, value) of table 二's 规章 and 规范性文件 cells."""
    edition = report.edition
    out = []
    for role in (Role.REGULATIONS, Role.NORMATIVE):
        for ref in edition.cells_for(role):
            _, _, row, col = edition.locate(ref.table, ref.row, ref.col)
            out.append((row.label, col.label, report.number(ref)))
    return out


def key_numbers(report: Report) -> list[tuple[str, object, str]]:
    """(messages key, value, unit key) of the big numbers."""
    return [(f.label, report.total(*f.roles), "compare.figure.unit.count")
            for f in map(key_figure, ("new", "closed", "carried_in", "carried_out"))]


def _n(v, lang: str) -> str:
    return text("compare.figure.no-figure", lang) if v is None else format_number(v)


def _t(x, y, s: str, size: int, fill: str = INK, anchor: str = "start", weight: str = "normal") -> str:
    return (f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" fill="{fill}" text-anchor="{anchor}" '
            f'font-weight="{weight}">{escape(s)}</text>')


def _heading(y: float, label: str) -> list[str]:
    return [f'<rect x="60" y="{y - 26:.0f}" width="8" height="32" fill="{RED}"/>', _t(80, y, label, 30, RED, weight="bold")]


def _card(x, y, w, h, label: str, value: str, unit: str, size: int = 64) -> list[str]:
    unit_part = f'<tspan font-size="24" dx="8">{escape(unit)}</tspan>' if unit else ""
    return [f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="14" fill="{PALE}"/>',
            f'<text x="{x + w / 2:.0f}" y="{y + h * 0.55:.0f}" text-anchor="middle" fill="{RED}" font-weight="bold" '
            f'font-size="{size}">{escape(value)}{unit_part}</text>',
            _t(x + w / 2, y + h - 22, label, 24, INK, "middle")]


def _grid(y: float, items: list[tuple[str, str, object]], lang: str) -> tuple[list[str], float]:
    """Table 二's counts as a small table: a row per kind of document, a column per count."""
    rows = list(dict.fromkeys(r for r, _, _ in items))
    cols = list(dict.fromkeys(c for _, c, _ in items))
    value = {(r, c): v for r, c, v in items}
    first, cw, rh = 300, (WIDTH - 120 - 300) / max(1, len(cols)), 78
    out = [f'<rect x="60" y="{y:.0f}" width="{WIDTH - 120}" height="{rh * (len(rows) + 1):.0f}" rx="14" fill="{PALE}"/>']
    for j, c in enumerate(cols):
        out.append(_t(60 + first + cw * (j + 0.5), y + 48, c, 24, INK, "middle", "bold"))
    for i, r in enumerate(rows, start=1):
        yy = y + rh * i
        out.append(f'<line x1="80" y1="{yy:.0f}" x2="{WIDTH - 80}" y2="{yy:.0f}" stroke="#E6B8B4"/>')
        out.append(_t(90, yy + 50, r, 26, INK))
        for j, c in enumerate(cols):
            out.append(_t(60 + first + cw * (j + 0.5), yy + 54, _n(value.get((r, c)), lang), 44, RED, "middle", "bold"))
    return out, y + rh * (len(rows) + 1)


def _hbars(y: float, bars: list[tuple[str, object]], lang: str) -> tuple[list[str], float]:
    top = max((float(v) for _, v in bars if v is not None), default=0) or 1.0
    out, row_h = [], 54
    for i, (label, v) in enumerate(bars):
        yy = y + i * row_h
        out.append(_t(250, yy + 30, label, 24, INK, "end"))
        w = 620 * float(v) / top if v is not None else 0
        out.append(f'<rect class="bar" x="270" y="{yy + 8:.0f}" width="{max(w, 2):.0f}" height="32" rx="4" '
                   f'fill="{COLORS[i % len(COLORS)]}"/>')
        out.append(_t(280 + w, yy + 33, _n(v, lang), 24, INK, weight="bold"))
    return out, y + len(bars) * row_h


def render_svg(report: Report, lang: str = "zh") -> str:
    """The picture as SVG text."""
    agency, year = report.meta.agency or "", report.meta.year or ""
    body = [f'<rect width="{WIDTH}" height="100%" fill="#FFFFFF"/>',
            f'<rect width="{WIDTH}" height="220" fill="{RED}"/>',
            _t(WIDTH / 2, 105, text("compare.figure.title", lang), 72, "#FFFFFF", "middle", "bold"),
            _t(WIDTH / 2, 170, text("compare.figure.subtitle", lang, agency=agency, year=year), 32, "#FFFFFF", "middle")]
    y = 300
    body += _heading(y, text("compare.figure.applications", lang))
    y += 30
    unit = text("compare.figure.unit.count", lang)
    for i, (key, v, _) in enumerate(key_numbers(report)):
        col, row = i % 2, i // 2
        body += _card(60 + col * 490, y + row * 190, 470, 170, text(key, lang), _n(v, lang), unit if v is not None else "",
                      72 if row == 0 else 56)
    y += 2 * 190 + 60
    body += _heading(y, text("compare.figure.outcomes", lang))
    bars, y = _hbars(y + 24, outcome_bars(report), lang)
    body += bars
    y += 70
    body += _heading(y, text("compare.figure.disclosure", lang))
    y += 30
    grid, y = _grid(y, disclosure_items(report), lang)
    body += grid
    y += 90
    appeals = [(f.label, report.total(*f.roles)) for f in map(key_figure, ("review", "litigation"))]
    if report.edition.cells_for(Role.FEE_AMOUNT):  # the 2021 edition reports fees in table 二
        appeals.append(("compare.figure.fees", report.total(Role.FEE_AMOUNT)))
    body += _heading(y, text("compare.figure.appeals" + ("-fees" if len(appeals) > 2 else ""), lang))
    y += 30
    w = (WIDTH - 120 - 20 * (len(appeals) - 1)) / len(appeals)
    for i, (key, v) in enumerate(appeals):
        body += _card(60 + i * (w + 20), y, w, 170, text(key, lang), _n(v, lang),
                      unit if v is not None and key != "compare.figure.fees" else "", 64)
    y += 170 + 70
    body.append(_t(WIDTH / 2, y, text("compare.figure.footer", lang, year=year), 22, "#666666", "middle"))
    height = y + 40
    title = f"{text('figure.title', lang)} {text('figure.subtitle', lang, agency=agency, year=year)}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" font-family="{FONTS}" role="img">'
            f"<title>{escape(title)}</title>\n" + "\n".join(body) + "\n</svg>\n")


def _unsupported(path) -> InputError:
    ext = Path(path).suffix or "—"
    return InputError(text("compare.figure.unsupported", "zh", ext=ext), text("compare.figure.unsupported", "en", ext=ext),
                      path=str(path), code="unsupported-format")


def check_figure_output(path: str | os.PathLike, force: bool = False, inputs=(), beside=()) -> Path:
    """Refuse a picture format we do not draw, an existing file (unless `force`), an input, or the
    report's own output, before anything is read."""
    from ..io.files import check_outputs

    if Path(path).suffix.lower() not in FORMATS:
        raise _unsupported(path)
    if any(os.path.abspath(path) == os.path.abspath(b) for b in beside):
        raise InputError(text("compare.figure.same-output", "zh"), text("compare.figure.same-output", "en"), path=str(path),
                         code="same-output")
    return check_outputs([path], force, inputs)[0]


def figure_bytes(report: Report, path: str | os.PathLike, lang: str = "zh") -> bytes:
    """The picture in the format of `path`'s extension (.svg, or .png converted from the SVG)."""
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise _unsupported(path)
    svg = render_svg(report, lang)
    if ext == ".png":
        from .figure_png import svg_to_png

        return svg_to_png(svg, near=Path(path).parent)
    return svg.encode("utf-8")


def write_figure(report: Report, path: str | os.PathLike, force: bool = False, inputs=(), lang: str = "zh") -> Path:
    """Draw the picture and write it atomically (the library's entry point)."""
    from ..io.files import write_atomic

    check_figure_output(path, force, inputs)
    return write_atomic(path, figure_bytes(report, path, lang), force=force, inputs=inputs)
