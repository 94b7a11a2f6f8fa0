"""What the narrative must cover, and whether it is last year's: N06 (上年度问题整改), N07 (考核、评议、
追究 in a government's report), N08 (the five topics of 总体情况), N09 (内容雷同 with `--previous`)."""

from __future__ import annotations

import re
from decimal import Decimal

from ..narrative.similarity import compare_sections
from ..spec import AgencyKind
from . import check
from .narrative import section_text

# 条例第五十条第（四）项: what a people's government reports under 监督保障.  Not a table label.
GOVERNMENT_ITEMS = (
    ("工作考核", ("考核",)),
    ("社会评议", ("社会评议", "评议")),
    ("责任追究", ("责任追究", "追究", "追责", "问责")),
)
_RECTIFY = re.compile(r"整改|改进|落实|解决|完成|改正|纠正|提升|优化|加强")
DEFAULT_SIMILARITY = Decimal("0.8")
_SENTENCE = re.compile(r"[^。！？\n]+")


def _last_year(year: int | None) -> re.Pattern:
    alts = ["上一?年度?", "去年", "前一年度?"] + ([f"{year - 1}\\s*年"] if year else [])
    return re.compile("|".join(alts))


@check("N06")
def last_years_problems(ctx):
    text = section_text(ctx, "五")
    if not ctx.narrative_present or not re.sub(r"\W", "", text):
        return  # an empty section 五 is N10's finding
    last = _last_year(ctx.year)
    for sentence in _SENTENCE.findall(text):
        if last.search(sentence) and _RECTIFY.search(sentence):
            return
    yield ctx.finding("N06", ctx.loc(section="五"))


def is_government(report) -> bool:
    kind = report.meta.agency_kind
    if kind is not None:
        return kind is AgencyKind.GOVERNMENT or kind == AgencyKind.GOVERNMENT.value
    return bool(report.meta.agency and report.meta.agency.endswith("人民政府"))


@check("N07")
def government_accountability(ctx):
    if not ctx.narrative_present or not is_government(ctx.report):
        return
    text = ctx.report.narrative.all_text()
    missing = [name for name, words in GOVERNMENT_ITEMS if not any(w in text for w in words)]
    if missing:
        yield ctx.finding("N07", ctx.loc(section="一"), missing="、".join(missing), count=len(missing))


@check("N08")
def overview_topics(ctx):
    if not ctx.narrative_present:
        return
    topics = ctx.edition.section("一").topics
    text = section_text(ctx, "一")
    missing = [name for name, words in topics if not any(w in text for w in words)]
    if missing:
        yield ctx.finding("N08", ctx.loc(section="一"), missing="、".join(missing),
                          topics="、".join(name for name, _ in topics), count=len(missing))


def similarity_threshold(ctx) -> Decimal:
    """`[rules.N09] tolerance = 0.7` (or 70, in percent) sets the threshold; 0.8 by default."""
    t = ctx.config.tolerance("N09")
    if t is None:
        return DEFAULT_SIMILARITY
    return t / 100 if t > 1 else t


@check("N09")
def copied_from_last_year(ctx):
    if ctx.previous is None or not ctx.narrative_present or not ctx.previous.narrative.present:
        return
    threshold = similarity_threshold(ctx)
    for s in compare_sections(ctx.report.narrative, ctx.previous.narrative):
        if Decimal(str(round(s.ratio, 4))) >= threshold:
            passage = " ".join(s.passages[0].text.split()) if s.passages else ""
            if len(passage) > 60:
                passage = passage[:60] + "…"
            yield ctx.finding("N09", ctx.loc(section=s.section), section=s.section,
                              ratio=round(s.ratio * 100), threshold=round(threshold * 100),
                              passage=passage, passages=len(s.passages))
