"""Figures and claims of the narrative against the table cells they speak about.

`comparisons(report)` is what rules N01–N03 report from and what ``--explain`` prints: one
`Comparison` per figure or claim, with the verdict and the cells it was compared with.

Loose wording is honoured: ``5500余件`` is consistent with any table value ≥ 5500, ``近100件`` with
≤ 100; a percentage is consistent when it equals outcome ÷ base rounded (or truncated) to the
decimals written, for any usual base (（七）总计, 本年新收, 本年新收 + 上年结转).

Figures of a part of the work (网上受理80件，信函申请40件) are each compared with the whole; parts of one
sentence that add up to it are consistent together.  Fee notices are rule N05's: at least as many as
the applications table 三 closed because the fee was not paid.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from ..model import Report
from ..spec import CellRef, Edition, Role
from . import vocab as V
from .extract import Claim, Extraction, Figure, extract

RULE_OF_TABLE = {Role.APPLICATIONS: "N01", Role.APPEALS: "N02", Role.DISCLOSURE: "N03"}  # by the table's role
RULE_OF_TOPIC = {V.FEE_NOTICE: "N05"}


def rule_of(item, edition: Edition) -> str | None:
    if item.topic in RULE_OF_TOPIC:
        return RULE_OF_TOPIC[item.topic]
    if not item.table:
        return None
    roles = edition.table(item.table).roles
    return next((rule for role, rule in RULE_OF_TABLE.items() if role in roles), None)
MATCH, MISMATCH, NOT_COMPARED, NO_VALUE = "match", "mismatch", "not_compared", "no_value"


@dataclass(frozen=True)
class Comparison:
    figure: Figure | None
    claim: Claim | None
    verdict: str  # match | mismatch | not_compared | no_value
    rule: str | None = None  # N01 / N02 / N03 for figures about a table
    cells: tuple[CellRef, ...] = ()  # the cells compared (the best candidate)
    table_value: Decimal | None = None  # their sum, or the percentage computed from them
    stated: Decimal | None = None  # what the text says
    base: tuple[CellRef, ...] = ()  # denominator cells of a percentage
    numerator: Decimal | None = None
    denominator: Decimal | None = None

    @property
    def place(self):
        return (self.figure or self.claim).place

    @property
    def reason(self) -> str | None:
        item = self.figure or self.claim
        return item.reason

    @property
    def scope(self) -> str:
        return (self.figure or self.claim).scope


def comparisons(report: Report, extraction: Extraction | None = None) -> list[Comparison]:
    ex = extraction or extract(report.narrative, report.edition, report.meta.year)
    out = _parts_together([_figure(report, f) for f in ex.figures])
    out += [_claim(report, c) for c in ex.claims]
    out.sort(key=lambda c: (_order(c.place.section), c.place.paragraph, c.place.offset,
                            (c.figure or c.claim).start))
    return out


def _order(section):
    return "〇一二三四五六".find(section) if section else -1


def _sum(report: Report, cells) -> Decimal | None:
    total = Decimal(0)
    for ref in cells:
        v = report.number(ref)
        if v is None:
            return None
        total += Decimal(v)
    return total


def _parts_together(out: list[Comparison]) -> list[Comparison]:
    """Parts of one sentence compared with the same cells: consistent when they add up to the table;
    only a breakdown (not compared) when the sentence also states the whole, consistently."""
    groups: dict = {}
    wholes = set()
    for k, c in enumerate(out):
        if c.figure is None or c.verdict not in (MATCH, MISMATCH) or c.figure.quantity.is_percent:
            continue
        if c.scope == V.PART and not c.figure.approx:
            groups.setdefault((c.place, c.cells), []).append(k)
        elif c.scope != V.PART and c.verdict == MATCH:
            wholes.add((c.place.section, c.place.paragraph, c.place.offset, c.cells))
    for (place, cells), ks in groups.items():
        if len(ks) > 1 and sum(out[k].stated for k in ks) == out[ks[0]].table_value:
            for k in ks:
                out[k] = replace(out[k], verdict=MATCH)
        elif (place.section, place.paragraph, place.offset, cells) in wholes:
            for k in ks:
                if out[k].verdict == MISMATCH and out[k].stated <= out[k].table_value:
                    out[k] = replace(out[k], verdict=NOT_COMPARED)
    return out


def _figure(report: Report, f: Figure) -> Comparison:
    rule = rule_of(f, report.edition)
    stated = f.quantity.value
    if not f.compared:
        return Comparison(f, None, NOT_COMPARED, rule, stated=stated)
    if f.quantity.is_percent:
        return _percent(report, f, rule)
    first = None
    for cells in f.targets:
        v = _sum(report, cells)
        if v is None:
            continue
        if first is None:
            first = (cells, v)
        if _consistent(stated, v, f.approx):
            return Comparison(f, None, MATCH, rule, cells, v, stated)
    if first is None:
        return Comparison(f, None, NO_VALUE, rule, f.targets[0], stated=stated)
    return Comparison(f, None, MISMATCH, rule, first[0], first[1], stated)


def _consistent(stated: Decimal, table: Decimal, approx: str | None) -> bool:
    if approx == "ge":
        return table >= stated
    if approx == "gt":
        return table > stated
    if approx == "le":
        return table <= stated
    if approx == "lt":
        return table < stated
    if approx == "about":
        return abs(table - stated) <= max(Decimal(1), stated / 10)
    return table == stated


def _percent(report: Report, f: Figure, rule) -> Comparison:
    stated = f.quantity.value
    num_cells = f.targets[0]
    num = _sum(report, num_cells)
    first = None
    for base in f.denominators:
        den = _sum(report, base)
        if num is None or not den:
            continue
        computed = Decimal(100) * num / den
        if first is None:
            first = (base, den, computed)
        if _rounds_to(computed, stated, f.quantity.decimals):
            return Comparison(f, None, MATCH, rule, num_cells, _q(computed, f.quantity.decimals), stated, base, num, den)
    if first is None:
        return Comparison(f, None, NO_VALUE, rule, num_cells, stated=stated)
    base, den, computed = first
    return Comparison(f, None, MISMATCH, rule, num_cells, _q(computed, f.quantity.decimals), stated, base, num, den)


def _q(x: Decimal, decimals: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-max(decimals, 1)), ROUND_HALF_UP)


def _rounds_to(computed: Decimal, stated: Decimal, decimals: int) -> bool:
    """44.66 is 44.7 (rounded) or 44.6 (truncated) when one decimal is written; 100% only if exact."""
    if stated == 100:
        return computed == 100
    unit = Decimal(1).scaleb(-decimals)
    return abs(computed - stated) <= unit / 2 or (stated <= computed < stated + unit)


def _claim(report: Report, c: Claim) -> Comparison:
    rule = rule_of(c, report.edition)
    if c.reason:
        return Comparison(None, c, NOT_COMPARED, rule)
    v = _sum(report, c.cells)
    if v is None:
        return Comparison(None, c, NO_VALUE, rule, c.cells)
    return Comparison(None, c, MATCH if v == 0 else MISMATCH, rule, c.cells, v, Decimal(0))
