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


@lru_cache(maxsize=None)
def compile_edition(edition: Edition) -> tuple[Instance, ...]:
    """Every concrete instance of every equation of an edition, in declaration order."""
    return tuple(i for eq in edition.equations for i in eq.expand(edition))


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


def derive_totals(edition: Edition) -> dict[CellRef, tuple[Term, ...]]:
    """Total cell -> the terms it is computed from (first deriving equation wins)."""
    out: dict[CellRef, tuple[Term, ...]] = {}
    for inst in compile_edition(edition):
        tgt = inst.target
        if tgt is not None and tgt not in out and not inst.crosses_years:
            out[tgt] = inst.rhs
    return out


__all__ = ["Outcome", "compile_edition", "evaluate", "derive_totals", "PREVIOUS"]
