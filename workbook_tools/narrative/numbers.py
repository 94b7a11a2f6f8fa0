"""Numerals as they appear in report prose: ``3119``, ``3,119``, ``３１１９``, ``三千一百一十九``,
``1.2万``, ``5500余``, ``3至5``, ``44.7%``, ``百分之九十``.

`NUMBER` is the regular expression of one figure with its unit; `figure_value()` turns a match into
a `Quantity`.  Units outside `UNITS` (年, 月, 日, 号, 期, 场 …) are deliberately not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN = "零〇一二两三四五六七八九十百千万亿"

_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": "."})
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")

COUNT_UNITS = ("件", "个", "宗", "起", "份", "条", "次", "项", "篇")
MONEY_UNITS = {"万元": Decimal(10_000), "元": Decimal(1)}

_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CNN = f"[{CN}]+"
# 个 followed by 月/季度/工作日… is a duration or an article, not a count.
_UNIT = r"万元|元|%|件|个(?!月|季度|工作日|自然日|小时|百分点|方面|阶段)|宗|起|份|条|次|项|篇"

NUMBER = re.compile(
    rf"""
    (?<![A-Za-z\d.第{CN}])
    (?:百分之(?P<pct>{_AR}|[{CN}点]+)
      |(?P<a>{_AR}|{_CNN})(?P<am>万(?!元))?(?P<approx>余|多)?
       (?:(?P<sep>至|到|-|~|～|—|－)(?P<b>{_AR}|{_CNN})(?P<bm>万(?!元))?)?
       (?P<unit>{_UNIT}))
    """,
    re.X,
)


def normalise_text(text: str) -> str:
    """Full-width digits and % folded, every space and line break removed (PDF/Word artefacts)."""
    return _SPACE.sub("", (text or "").translate(_FULLWIDTH))


def cn_to_int(s: str) -> int | None:
    """``三千一百一十九`` → 3119, ``十二`` → 12, ``一万二千`` → 12000; None when it is not a numeral."""
    if not s or any(ch not in CN for ch in s):
        return None
    if all(ch in _CN_DIGIT for ch in s) and len(s) > 1:  # 二〇二四 written digit by digit
        return int("".join(str(_CN_DIGIT[ch]) for ch in s))
    total = section = digit = 0
    for ch in s:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
        else:
            total += (section + digit) * _CN_BIG[ch]
            section = digit = 0
    return total + section + digit


def to_number(s: str, multiplier: str | None = None) -> Decimal | None:
    if s is None:
        return None
    if s[0].isdigit():
        d = Decimal(s.replace(",", ""))
    else:
        n = cn_to_int(s.replace("点", "")) if "点" not in s else None
        if "点" in s:  # 九十五点五
            whole, _, frac = s.partition("点")
            w = cn_to_int(whole)
            digits = "".join(str(_CN_DIGIT.get(ch, "")) for ch in frac)
            d = Decimal(f"{w}.{digits}") if w is not None and digits else None
        else:
            d = Decimal(n) if n is not None else None
    if d is not None and multiplier:
        d *= _CN_BIG[multiplier]
    return d


@dataclass(frozen=True)
class Quantity:
    value: Decimal  # the figure (lower bound of a range); money in 元
    unit: str  # 件 / 个 / … / 元 / %
    high: Decimal | None = None  # upper bound of a range
    approx: str | None = None  # 余/多 (at least), or a prefix word set later (近, 约 …)
    decimals: int = 0  # digits after the point as written (for percentage rounding)

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_money(self) -> bool:
        return self.unit == "元"

    @property
    def is_range(self) -> bool:
        return self.high is not None


def figure_value(m: re.Match) -> Quantity | None:
    """The quantity a `NUMBER` match denotes, or None for text that only looks like one."""
    if m.group("pct") is not None:
        raw = m.group("pct")
        v = to_number(raw)
        if v is None:
            return None
        return Quantity(v, "%", decimals=_decimals(raw))
    unit = m.group("unit")
    a, b = to_number(m.group("a"), m.group("am")), to_number(m.group("b"), m.group("bm"))
    if a is None or (m.group("b") is not None and b is None):
        return None
    scale = Decimal(1)
    if unit in MONEY_UNITS:
        scale, unit = MONEY_UNITS[unit], "元"
    return Quantity(a * scale, unit, high=b * scale if b is not None else None, approx=m.group("approx"),
                    decimals=_decimals(m.group("a")))


def _decimals(raw: str) -> int:
    if "." in raw:
        return len(raw.split(".")[1])
    if "点" in raw:
        return len(raw.split("点")[1])
    return 0
