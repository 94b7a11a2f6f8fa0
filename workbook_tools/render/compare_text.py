"""``xxgk compare``: what was compared, the key figures, what could not be compared, the file written."""

from __future__ import annotations

from ..compare.common import change, key_name, notes, number
from ..messages import text
from .lines import Line, wrote

SHOWN = 5  # items that could not be compared, named on screen


def render(done, lang: str = "zh") -> list[Line]:
    """`done` is a `compare.Compared`."""
    c = done.comparison
    lines = [Line(text("compare.summary", lang, agency=c.this.agency or "", this=c.this.year or "—",
                       last=c.last.year or "—", rows=len(c.rows), changed=c.changed))]
    for k in c.key:
        arrow = text("compare.arrow", lang, last=number(k.last, lang), this=number(k.this, lang), change=change(k.change, lang))
        lines.append(Line(f"  {key_name(k.name, lang)}{'：' if lang != 'en' else ': '}{arrow}"))
    missing = [p.label for p in (*c.only_this, *c.only_last)]
    if missing:
        items = "；".join(missing[:SHOWN]) + (text("compare.summary.more", lang) if len(missing) > SHOWN else "")
        lines.append(Line(text("compare.summary.unmatched", lang, n=len(missing), items=items), err=True))
    lines += [Line(text("compare.warning", lang, note=n), err=True) for n in notes(c, lang)]
    return lines + wrote([done.path], lang)
