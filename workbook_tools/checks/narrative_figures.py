"""Figures in the narrative against the tables: N01 (table 三), N02 (table 四), N03 (table 二).

All three read the same `narrative.compare.comparisons()`, computed once per validation.  Each
finding quotes the sentence and points at the cell it contradicts.  A figure whose scope is the
whole region (全市, 我县 …) may legitimately differ from the body's own table, so its mismatch is
only a note (info), whatever the rule's configured severity; so is the figure of a part of the body's
work (代表区政府, 政府办, 网上, 上半年 …), whose message names the part.
"""

from __future__ import annotations

from dataclasses import replace

from ..findings import Severity
from ..narrative.compare import MISMATCH, Comparison, comparisons
from ..narrative.vocab import PART, REGION
from . import check


def narrative_comparisons(ctx) -> list[Comparison]:
    cached = ctx.__dict__.get("_narrative_comparisons")
    if cached is None:
        cached = comparisons(ctx.report) if ctx.narrative_present else []
        ctx.__dict__["_narrative_comparisons"] = cached
    return cached


def part_of(ctx, section: str | None) -> str:
    """The narrative section as the reader sees it: its official title (labels stay Chinese)."""
    if section is None:
        return "（前言）"
    try:
        return ctx.edition.section(section).title
    except KeyError:
        return section


def _labels(ctx, cells) -> tuple[str, str]:
    rows, cols = [], []
    for ref in cells:
        loc = ctx.loc(ref)
        if loc.row_label and loc.row_label not in rows:
            rows.append(loc.row_label)
        if loc.col_label and loc.col_label not in cols:
            cols.append(loc.col_label)
    return "、".join(rows), "、".join(cols)


def comparison_common(ctx, c: Comparison) -> tuple:
    """Location and the message values every narrative-figure finding has."""
    loc = ctx.loc(c.cells[0], cells=tuple(r.key for r in c.cells))
    rows, cols = _labels(ctx, c.cells)
    return loc, dict(part=part_of(ctx, c.place.section), quote=c.place.sentence, rows=rows, cols=cols, n=len(c.cells))


def _findings(ctx, rule: str):
    for c in narrative_comparisons(ctx):
        if c.rule != rule or c.verdict != MISMATCH:
            continue
        loc, common = comparison_common(ctx, c)
        if c.claim is not None:
            f = ctx.finding(rule, loc, key=f"{rule}.claim", expected=c.table_value, actual=None,
                            claim=c.claim.text, **common)
        elif c.figure.quantity.is_percent:
            base_rows, _ = _labels(ctx, c.base)
            f = ctx.finding(rule, loc, key=f"{rule}.percent", stated=c.stated, computed=c.table_value,
                            num=c.numerator, den=c.denominator, base=base_rows, figure=c.figure.text, **common)
        else:
            variant = ".approx" if c.figure.approx else ".sum" if len(c.cells) > 1 else ""
            if c.scope == REGION:
                variant = ".scope"
            elif c.scope == PART:
                variant = f".part_{c.figure.part}"
            f = ctx.finding(rule, loc, key=rule + variant, expected=c.table_value, actual=c.stated,
                            figure=c.figure.text, scope=c.figure.scope_word, **common)
            if c.scope in (REGION, PART):
                f = replace(f, severity=Severity.INFO)  # the region's or a part's figure may not be the body's own
        yield f


@check("N01")
def applications_in_text(ctx):
    yield from _findings(ctx, "N01")


@check("N02")
def appeals_in_text(ctx):
    yield from _findings(ctx, "N02")


@check("N03")
def rules_in_text(ctx):
    yield from _findings(ctx, "N03")
