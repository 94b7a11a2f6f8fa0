"""What every format of the comparison shows, worded once: headers, number texts, the rows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..editions.key_figures import key_figure
from ..messages import text
from ..values import format_number
from .figures import Comparison, Side


def number(v, lang: str) -> str:
    return text("compare.none", lang) if v is None else format_number(v)


def change(v, lang: str) -> str:
    if v is None:
        return text("compare.none", lang)
    return ("+" if v > 0 else "") + format_number(v)


def percent(v: Decimal | None, lang: str) -> str:
    if v is None:
        return text("compare.none", lang)
    return ("+" if v > 0 else "") + f"{v}%"


def year(side: Side, lang: str) -> str:
    return text("compare.year", lang, year=side.year) if side.year else (side.agency or "—")


def title(c: Comparison, lang: str) -> str:
    return text("compare.title", lang, agency=c.this.agency or "", this=c.this.year or "—", last=c.last.year or "—")


def headers(c: Comparison, lang: str) -> list[str]:
    return [text("compare.col.table", lang), text("compare.col.item", lang), text("compare.col.column", lang),
            year(c.this, lang), year(c.last, lang), text("compare.col.change", lang), text("compare.col.percent", lang)]


def key_headers(c: Comparison, lang: str) -> list[str]:
    return [text("compare.col.figure", lang), year(c.this, lang), year(c.last, lang),
            text("compare.col.change", lang), text("compare.col.percent", lang)]


def key_name(name: str, lang: str) -> str:
    return text(key_figure(name).label, lang)


def notes(c: Comparison, lang: str) -> list[str]:
    return [text(key, lang, **params) for key, params in c.notes]


def unmatched(c: Comparison, lang: str) -> list[tuple[str, str]]:
    """(where, why) for every item of one year that has no counterpart in the other."""
    return ([(p.label, text("compare.only-this", lang)) for p in c.only_this]
            + [(p.label, text("compare.only-last", lang)) for p in c.only_last])


def sides(c: Comparison, lang: str) -> str:
    def one(s: Side) -> str:
        name = Path(s.source).name if s.source else s.agency or "—"
        return name + (f"（{text('compare.merged', lang, n=s.merged)}）" if s.merged else "")

    return text("compare.source", lang, this=one(c.this), last=one(c.last))
