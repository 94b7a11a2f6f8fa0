"""Dates as reports write them, and the statistical period (统计期限) — one extractor for everyone.

The importer stores the period it finds and P03 judges it; both call `find_period`, so they can
never disagree about whether a report states one.  Reports write the period in many ways:
``统计期限为2024年1月1日至12月31日``, ``2024年 1 月 1 日—2024年12月31日`` (spaces from Word),
``自2024年1月1日起至2024年12月31日止``, ``从…到…``, Chinese numerals, or a partial year after a
reorganisation (``2019年9月1日起至12月31日``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_Y = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})"
_M = r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})"
_D = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE = re.compile(rf"^(?P<y>{_Y})年(?P<m>{_M})月(?P<d>{_D})日$")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_TO = r"(?:至|到|—+|－|-|–|~|～)"
# start date (year required), an optional 起, a connector, the end date (year optional), an optional 止
_RANGE = re.compile(
    rf"(?P<y1>{_Y})年(?P<m1>{_M})月(?P<d1>{_D})日(?:起)?{_TO}(?:(?P<y2>{_Y})年)?(?P<m2>{_M})月(?P<d2>{_D})日(?:止)?")
_CUE = re.compile(r"统计|数据|期限|时限|期间|区间|时段")


def _cn_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if len(s) == 4:  # 二〇二一
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return _CN_DIGIT[s]


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(_cn_number(y), _cn_number(m), _cn_number(d))
    except (ValueError, KeyError):
        return None


def parse_date(text: str) -> dt.date | None:
    """``2025年1月18日`` or ``二〇二五年一月十八日`` (spaces anywhere) → date; anything else → None."""
    m = _DATE.match(_SPACES.sub("", text or ""))
    return _date(m["y"], m["m"], m["d"]) if m else None


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    text: str  # as written, spaces removed

    @property
    def iso(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def is_calendar_year(self, year: int | None = None) -> bool:
        y = self.start.year if year is None else year
        return self.start == dt.date(y, 1, 1) and self.end == dt.date(y, 12, 31)


def find_period(text: str) -> Period | None:
    """The statistical period stated in `text`: the first date range introduced by a cue word
    (统计, 数据, 期限 …) in the same sentence.  A range without a cue is a period only when it is
    a whole calendar year (``2024年1月1日至12月31日``): other ranges in prose are events."""
    flat = _SPACES.sub("", text or "")
    fallback = None
    for m in _RANGE.finditer(flat):
        start = _date(m["y1"], m["m1"], m["d1"])
        end = _date(m["y2"] or m["y1"], m["m2"], m["d2"])
        if start is None or end is None or end < start:
            continue
        sentence_start = max(flat.rfind(p, 0, m.start()) for p in "。；！？\n") + 1
        found = Period(start, end, m.group(0))
        if _CUE.search(flat, sentence_start, m.start()) or _CUE.search(flat[m.end():m.end() + 6]):
            return found
        if fallback is None and found.is_calendar_year():
            fallback = found
    return fallback


def parse_period(iso: str | None) -> Period | None:
    """A period stored as ``2024-01-01/2024-12-31`` (meta.extra) → Period."""
    try:
        a, b = (iso or "").split("/")
        return Period(dt.date.fromisoformat(a), dt.date.fromisoformat(b), iso or "")
    except ValueError:
        return None
