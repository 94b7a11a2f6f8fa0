"""Structure rules: edition against year (S01), complete tables (S04–S07), extra lines (S08),
label deviations (S10)."""

from __future__ import annotations

from ..editions import edition_for_year
from ..spec import CellRef, Layout
from ..years import first_year, last_year, plausible_year
from . import check


@check("S01")
def edition_matches_year(ctx):
    ed, year = ctx.edition, ctx.year
    if year is not None and not plausible_year(year):  # 24, 1999, 2090: no edition to compare with
        yield ctx.finding("S01", key="S01.implausible", year=year, first=first_year(), last=last_year())
        return
    if not ed.official:
        yield ctx.finding("S01", key="S01.unofficial", layout=ed.name, notes=ed.notes)
        return
    if year is not None and not ed.prescribed_for(year):
        want = edition_for_year(year)
        yield ctx.finding("S01", key="S01.year", year=year, layout=ed.name, document=ed.document,
                          want=want.name, want_document=want.document)


def _completeness(ctx, rule):
    cells = ctx.report.cells
    for t in ctx.edition.tables:
        if t.completeness_rule != rule:
            continue
        rows, cols, refs = _addresses(ctx.edition, t)
        missing_rows = set()
        for row, keys in rows:
            if all(k not in cells for k in keys):
                missing_rows.add(row)
                yield ctx.finding(rule, ctx.loc(table=t.code, row=row), key="missing.row")
        missing_cols = set()
        for col, keys in cols:
            if all(k not in cells for k in keys):
                missing_cols.add(col)
                yield ctx.finding(rule, ctx.loc(table=t.code, col=col), key="missing.col")
        for ref in refs:
            if ref.row not in missing_rows and ref.col not in missing_cols and ref.key not in cells:
                yield ctx.finding(rule, ctx.loc(ref), key="missing.cell")


def _addresses(edition, t):
    """A table's cell keys by row and, for a cross table, by column, and its cells: once per edition object
    (every validation asks)."""
    memo = edition.__dict__.setdefault("_completeness", {})
    if t.code not in memo:
        rows = tuple((r.code, tuple(CellRef(t.code, r.code, c.code).key for c in b.columns)) for b, r in t.rows())
        cols = tuple((c.code, tuple(CellRef(t.code, r.code, c.code).key for r in b.rows))
                     for b in t.blocks for c in b.columns) if t.layout is Layout.CROSSTAB else ()
        memo[t.code] = (rows, cols, tuple(CellRef(t.code, r.code, c.code) for _, r, c in t.cells()))
    return memo[t.code]


for _rule in ("S04", "S05", "S06", "S07"):
    check(_rule)(lambda ctx, _r=_rule: _completeness(ctx, _r))


@check("S08")
def outside_the_format(ctx):
    for u in ctx.report.unplaced:
        yield ctx.finding("S08", key="S08", text=u.text, raw=u.raw or "", where=u.where)


@check("S10")
def label_deviations(ctx):
    for d in ctx.report.deviations:
        yield ctx.finding("S10", key="S10", written=d.written, canonical=d.canonical, where=d.where)
