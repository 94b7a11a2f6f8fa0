"""Equations compiled to Python: expanded once per edition, then evaluated over reports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterable

from ..spec import CellRef, Edition
from .expr import PREVIOUS, Instance, Term

# value lookup: (report selector, cell) -> number, or None when the cell cannot be read as a number
Lookup = Callable[[str, CellRef], "int | Decimal | None"]


@dataclass(frozen=True)
class Outcome:
    instance: Instance
    lhs: int | Decimal
    rhs: int | Decimal
    tolerance: Decimal

    @property
    def diff(self) -> int | Decimal:
        return self.lhs - self.rhs

    @property
    def holds(self) -> bool:
        return abs(self.diff) <= self.tolerance


def compile_edition(edition: Edition) -> tuple[Instance, ...]:
    """Every concrete instance of every equation of an edition, in declaration order; compiled once per edition
    object (kept on it: hashing a whole declaration for a cache key costs more than the lookup saves)."""
    memo = edition.__dict__
    if "_compiled" not in memo:
        memo["_compiled"] = tuple(i for eq in edition.equations for i in eq.expand(edition))
    return memo["_compiled"]


def instances_of(edition: Edition, rule_id: str) -> tuple[Instance, ...]:
    """The compiled instances of one rule."""
    by_rule = edition.__dict__.get("_compiled_by_rule")
    if by_rule is None:
        by_rule = {}
        for i in compile_edition(edition):
            by_rule.setdefault(i.rule, []).append(i)
        by_rule = edition.__dict__["_compiled_by_rule"] = {k: tuple(v) for k, v in by_rule.items()}
    return by_rule.get(rule_id, ())


def _side(terms: Iterable[Term], lookup: Lookup):
    total: int | Decimal = 0
    for t in terms:
        v = lookup(t.report, t.ref)
        if v is None:
            return None
        total += t.sign * v
    return total


def evaluate(instances: Iterable[Instance], lookup: Lookup, has_previous: bool, tolerance: Callable[[str], Decimal | None] = lambda rule: None) -> Iterable[Outcome]:
    """Outcomes of the instances that can be evaluated (cells readable; previous year present)."""
    for inst in instances:
        if inst.crosses_years and not has_previous:
            continue
        lhs = _side(inst.lhs, lookup)
        rhs = _side(inst.rhs, lookup)
        if lhs is None or rhs is None:
            continue
        tol = tolerance(inst.rule)
        yield Outcome(inst, lhs, rhs, inst.equation.tolerance if tol is None else tol)


@lru_cache(maxsize=None)
def deriving_instances(edition: Edition) -> dict[CellRef, Instance]:
    """Total cell -> the instance that computes it (first deriving equation wins)."""
    out: dict[CellRef, Instance] = {}
    for inst in compile_edition(edition):
        tgt = inst.target
        if tgt is not None and tgt not in out and not inst.crosses_years:
            out[tgt] = inst
    return out


@lru_cache(maxsize=None)
def carried_over(edition: Edition) -> dict[CellRef, CellRef]:
    """Cell -> last year's cell it must equal, for the pure carry-over equations (二、上年结转 = last
    year's 四、结转下年度继续办理): a template made with last year's report can fill these in."""
    out: dict[CellRef, CellRef] = {}
    for inst in compile_edition(edition):
        (lhs, *more), rhs = inst.lhs, inst.rhs
        if (not more and len(rhs) == 1 and lhs.report != PREVIOUS and rhs[0].report == PREVIOUS
                and lhs.sign == rhs[0].sign == 1):
            out[lhs.ref] = rhs[0].ref
    return out


def derive_totals(edition: Edition) -> dict[CellRef, tuple[Term, ...]]:
    """Total cell -> the terms it is computed from."""
    return {ref: inst.rhs for ref, inst in deriving_instances(edition).items()}


def computed_totals(edition: Edition, value: Callable[[CellRef], "int | Decimal"],
                    fixed: "set[CellRef] | frozenset[CellRef]" = frozenset()) -> dict[CellRef, "int | Decimal"]:
    """Every total cell computed from the input cells, the way the workbook's formulas do it
    (totals may build on other totals, e.g. （七）总计 of the 总计 column).  Totals in `fixed` (a
    formula someone overwrote with a number) are taken from `value` like inputs, as Excel would."""
    memo: dict[CellRef, int | Decimal] = {}
    for ref, terms in _total_order(edition):
        if ref in fixed:
            continue
        total: int | Decimal = 0
        for sign, term in terms:
            v = memo.get(term)
            total += sign * (value(term) if v is None else v)  # None: an input, or a fixed total
        memo[ref] = total
    return memo


def _total_order(edition: Edition) -> tuple[tuple[CellRef, tuple[tuple[int, CellRef], ...]], ...]:
    """The total cells with their terms, each after the totals it builds on; worked out once per edition
    object (every workbook read computes its totals)."""
    memo = edition.__dict__
    if "_total_order" not in memo:
        terms = derive_totals(edition)
        order: list[tuple[CellRef, tuple[tuple[int, CellRef], ...]]] = []
        seen: set[CellRef] = set()

        def visit(ref: CellRef) -> None:
            if ref in seen or ref not in terms:
                return
            seen.add(ref)
            for t in terms[ref]:
                visit(t.ref)
            order.append((ref, tuple((t.sign, t.ref) for t in terms[ref])))

        for ref in terms:
            visit(ref)
        memo["_total_order"] = tuple(order)
    return memo["_total_order"]


__all__ = ["Outcome", "compile_edition", "evaluate", "derive_totals", "deriving_instances", "computed_totals",
           "carried_over", "PREVIOUS"]
