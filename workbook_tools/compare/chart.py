"""A bar chart drawn as SVG text: grouped bars, one group per label, one bar per series.

Drawn by the toolkit (no plotting library): the same picture in a web page, a workbook's neighbour
or the key-figures picture.  Every text is escaped; numbers are laid out on a rounded scale.
"""

from __future__ import annotations

import math
from html import escape

from ..values import format_number

# CJK fonts a reader's machine is likely to have, then the generic family
FONTS = ("'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', "
         "'SimHei', sans-serif")
COLORS = ("#C0392B", "#95A5A6", "#2E86C1", "#D68910", "#28B463", "#7D3C98")


def nice_top(v: float) -> float:
    """The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^n) at or above `v`: the scale's end."""
    if v <= 0:
        return 1.0
    exp = 10.0 ** math.floor(math.log10(v))
    return next(m * exp for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * exp >= v)


def bars(labels: list[str], series: list[tuple[str, list]], *, x: float = 0, y: float = 0, width: float = 800,
         height: float = 320, legend: bool = True) -> str:
    """SVG elements (no <svg> wrapper) of a grouped bar chart inside the box (x, y, width, height).
    `series`: (name, values) with one value per label; None draws no bar."""
    values = [float(v) for _, vs in series for v in vs if v is not None]
    top = nice_top(max(values, default=0) * 1.12)  # headroom for the value above the highest bar
    left, bottom, head = x + 10, y + height - 48, y + (36 if legend else 10)
    plot_h = bottom - head
    group_w = (width - 20) / max(1, len(labels))
    bar_w = min(42.0, group_w * 0.7 / max(1, len(series)))
    out = [f'<g font-family="{FONTS}">']
    for k in range(5):  # grid lines at quarters of the scale
        gy = bottom - plot_h * k / 4
        out.append(f'<line x1="{left:.1f}" y1="{gy:.1f}" x2="{x + width - 10:.1f}" y2="{gy:.1f}" stroke="#E5E7E9"/>')
    for i, label in enumerate(labels):
        gx = left + group_w * i + (group_w - bar_w * len(series)) / 2
        for j, (_, vs) in enumerate(series):
            v = vs[i]
            if v is None:
                continue
            h = plot_h * float(v) / top if top else 0
            bx, by = gx + bar_w * j, bottom - h
            out.append(f'<rect x="{bx:.1f}" y="{by:.1f}" width="{bar_w - 4:.1f}" height="{max(h, 0.5):.1f}" '
                       f'fill="{COLORS[j % len(COLORS)]}" rx="2"/>')
            out.append(f'<text x="{bx + (bar_w - 4) / 2:.1f}" y="{by - 5:.1f}" font-size="13" text-anchor="middle" '
                       f'fill="#333">{escape(format_number(v))}</text>')
        cx = left + group_w * i + group_w / 2
        out.append(f'<text x="{cx:.1f}" y="{bottom + 22:.1f}" font-size="14" text-anchor="middle" '
                   f'fill="#333">{escape(label)}</text>')
    if legend:
        lx = left
        for j, (name, _) in enumerate(series):
            out.append(f'<rect x="{lx:.1f}" y="{y + 6:.1f}" width="14" height="14" fill="{COLORS[j % len(COLORS)]}"/>')
            out.append(f'<text x="{lx + 20:.1f}" y="{y + 18:.1f}" font-size="14" fill="#333">{escape(name)}</text>')
            lx += 30 + 15 * len(name)
    out.append("</g>")
    return "\n".join(out)


def svg(body: str, width: float, height: float, title: str = "") -> str:
    head = f"<title>{escape(title)}</title>" if title else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
            f'viewBox="0 0 {width:g} {height:g}" role="img" font-family="{FONTS}">{head}\n{body}\n</svg>')
