"""Publication rules: title (P01), deadline (P02), statistical period (P03)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..dates import find_period
from ..findings import Severity
from ..spec import REPORT_TITLE, AgencyKind
from . import check

TITLE_PHRASE = REPORT_TITLE


@check("P01")
def title(ctx):
    if ctx.year is None:  # say it rather than skip the year-dependent rules silently
        yield ctx.finding("P01", key="P01.no_year")
    t = ctx.report.meta.title
    if not t:
        return
    compact = re.sub(r"\s+", "", t)
    if TITLE_PHRASE not in compact:
        yield ctx.finding("P01", key="P01.phrase", title=t)
    if not re.search(r"\d{4}年", compact):
        yield ctx.finding("P01", key="P01.year", title=t)
    agency = ctx.report.meta.agency
    if agency and re.sub(r"\s+", "", agency) not in compact:
        yield ctx.finding("P01", key="P01.agency", title=t, agency=agency)


def deadline(year: int, kind: AgencyKind | None) -> dt.date:
    """条例第四十九条: departments by 31 January, governments by 31 March of the next year."""
    return dt.date(year + 1, 1, 31) if kind is AgencyKind.DEPARTMENT else dt.date(year + 1, 3, 31)


@check("P02")
def published_in_time(ctx):
    meta = ctx.report.meta
    date = meta.publication_date or meta.signature_date
    if meta.year is None or date is None:
        return
    limit = deadline(meta.year, meta.agency_kind)
    if date > limit:
        f = ctx.finding("P02", expected=None, actual=None, date=date.isoformat(), deadline=limit.isoformat(),
                        which="发布日期" if meta.publication_date else "成文日期",
                        which_en="publication date" if meta.publication_date else "signature date")
        known = meta.agency_kind in (AgencyKind.DEPARTMENT, AgencyKind.GOVERNMENT)
        if not known and f.severity is Severity.ERROR:  # SPEC: an error only when the body type is known
            f = replace(f, severity=Severity.WARNING)
        yield f


@check("P03")
def statistical_period(ctx):
    if not ctx.narrative_present or ctx.year is None:
        return
    n = ctx.report.narrative
    period = find_period("\n".join(n.preamble + [s.text() for s in n.sections]))
    if period is None:
        yield ctx.finding("P03", key="P03.missing", year=ctx.year)
    elif period.start.year != ctx.year or period.end.year != ctx.year:
        yield ctx.finding("P03", key="P03.wrong", found=period.text, year=ctx.year)
    elif not period.is_calendar_year():  # a body set up or merged during the year: say what it covers
        yield ctx.finding("P03", key="P03.partial", found=period.text, start=period.start.isoformat(),
                          end=period.end.isoformat(), year=ctx.year)
