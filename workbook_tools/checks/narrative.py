"""Narrative rules on fees, section content and years: fees reported (N04), fee notices (N05: against
table 三 through the figure extraction, and by presence), empty or boilerplate sections (N10), year
consistency (N11)."""

from __future__ import annotations

import re

from ..rules.catalogue import rule
from ..spec import Role
from . import check

FEE_WORDS = ("信息处理费", "处理费")
_BOILERPLATE = re.compile(r"^(本年度|本年|今年|报告期内)?(暂|均)?(无|没有)(其他)?(需要|需)?(报告|说明)?(的)?(事项|问题|情况)?$")
_PUNCT = re.compile(r"[\s\u3000。，、；：！？,.;:!?（）()“”\"'—-]+")
_YEAR_START = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)?\s*(\d{4})年")
_FEE_AMOUNT = re.compile(r"(?:收取|收缴|实收)[^。；]{0,20}?(?:信息)?处理费[^。；\d]{0,6}(\d[\d,，.]*)\s*(万元|元)")


def section_text(ctx, number: str) -> str:
    s = ctx.report.narrative.section(number)
    return s.text() if s else ""


def is_boilerplate(text: str) -> bool:
    core = _PUNCT.sub("", text)
    return not core or bool(_BOILERPLATE.match(core))


@check("N04")
def fees_reported(ctx):
    if not ctx.narrative_present:
        return
    if not any(w in section_text(ctx, "六") for w in FEE_WORDS + ("收费通知",)):  # a fee table may name only notices
        yield ctx.finding("N04", ctx.loc(section="六"))


def _notices_in_text(ctx):
    """Fee notices written in the prose (or a fee table in 六) fewer than table 三's applications closed
    for non-payment, or said to be none while that row is not 0."""
    from ..narrative.compare import MISMATCH
    from .narrative_figures import comparison_common, narrative_comparisons

    for c in narrative_comparisons(ctx):
        if c.rule != "N05" or c.verdict != MISMATCH:
            continue
        loc, common = comparison_common(ctx, c)
        if c.claim is not None:
            yield ctx.finding("N05", loc, key="N05.claim", expected=c.table_value, claim=c.claim.text, **common)
        else:
            yield ctx.finding("N05", loc, key="N05.notices", expected=c.table_value, actual=c.stated,
                              figure=c.figure.text, **common)


@check("N05")
def fee_notices(ctx):
    if not ctx.narrative_present:
        return
    yield from _notices_in_text(ctx)
    text = section_text(ctx, "六")
    # the 2021 row of applications closed for an unpaid fee notice; the 2019 edition has none
    for ref in ctx.edition.cells_for(Role.FEE_NOTICE, Role.TOTAL):
        unpaid = ctx.report.number(ref)
        if unpaid and not any(w in text for w in FEE_WORDS + ("收费通知",)):
            yield ctx.finding("N05", ctx.loc(ref), key="N05.unreported", count=unpaid)
    received = sum(ctx.report.number(ref) or 0 for role in (Role.RECEIVED, Role.CARRIED_OVER)
                   for ref in ctx.edition.cells_for(role, Role.TOTAL))
    m = _FEE_AMOUNT.search(text)
    if m and received == 0:
        amount = m.group(1).replace(",", "").replace("，", "")
        try:
            positive = float(amount) > 0
        except ValueError:
            positive = False
        if positive:
            yield ctx.finding("N05", ctx.loc(section="六"), key="N05.no_applications", amount=m.group(0))


@check("N10")
def empty_sections(ctx):
    if not ctx.narrative_present:
        return
    for number in ("五", "六"):
        s = ctx.report.narrative.section(number)
        text = s.text() if s else ""
        if not _PUNCT.sub("", text):
            yield ctx.finding("N10", ctx.loc(section=number), key="N10.empty", section=number)
        # where N04 asks section 六 for the fees, a bare 无 there is boilerplate too
        elif is_boilerplate(text) and (number == "五" or rule("N04").applies_to(ctx.edition)):
            yield ctx.finding("N10", ctx.loc(section=number), key="N10.boilerplate", section=number, text=text.strip())


@check("N11")
def year_consistency(ctx):
    year = ctx.year
    if year is None:
        return
    title = ctx.report.meta.title
    if title:
        m = re.search(r"(\d{4})\s*年", title)
        if m and int(m.group(1)) != year:
            yield ctx.finding("N11", key="N11.title", found=m.group(1), year=year)
    if not ctx.narrative_present:
        return
    overview = ctx.report.narrative.section("一")
    for block in overview.blocks if overview else ():
        m = _YEAR_START.match(block.text.strip())
        if m and int(m.group(1)) != year:
            yield ctx.finding("N11", ctx.loc(section="一"), key="N11.text", found=m.group(1), year=year,
                              text=block.text.strip()[:40])
