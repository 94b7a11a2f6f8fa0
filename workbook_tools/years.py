"""Which report years make sense: the first year an official edition covers, up to next year.

A report on 2018 or earlier used a format this toolkit does not declare, and `24` or `2090` is a
typing mistake; next year is allowed because templates are prepared ahead of the year they serve.
"""

from __future__ import annotations

import datetime as dt


def first_year() -> int:
    from .editions import editions

    return min(e.years[0] for e in editions() if e.official)


def last_year(today: dt.date | None = None) -> int:
    return (today or dt.date.today()).year + 1


def plausible_year(year: int, today: dt.date | None = None) -> bool:
    return first_year() <= year <= last_year(today)
