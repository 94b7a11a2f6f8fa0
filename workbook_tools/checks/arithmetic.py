"""Arithmetic rules A01–A07 and a profile's A10: the declared equations, evaluated by the compiled Python form."""

from __future__ import annotations

from ..locate import instance_location
from ..rules.expr import PREVIOUS
from ..rules.python import instances_of, evaluate
from . import check


def _lookup(ctx):
    memo = ctx.__dict__  # the reports' numbers, once per validation: every equation reads them
    if "_numbers" not in memo:
        memo["_numbers"] = (ctx.report.numbers(), ctx.previous.numbers() if ctx.previous is not None else None)
    this, last = memo["_numbers"]

    def value(report_sel, ref):
        numbers = last if report_sel == PREVIOUS else this
        return None if numbers is None else numbers.get(ref.key)

    return value


def _outcomes(ctx, rule_id):
    """The evaluated instances of one rule, once per validation (A02 and A03 ask for A01's too)."""
    key = f"_outcomes_{rule_id}"
    memo = ctx.__dict__
    if key not in memo:
        instances = instances_of(ctx.edition, rule_id)
        memo[key] = tuple(evaluate(instances, _lookup(ctx), ctx.previous is not None, ctx.config.tolerance))
    return memo[key]


def _equation_findings(ctx, rule_id):
    wrong = _wrong_row_totals(ctx) if rule_id in FOLLOWS_A01 else {}
    for out in _outcomes(ctx, rule_id):
        if out.holds:
            continue
        inst = out.instance
        loc = instance_location(ctx, inst)
        causes = _explained_by(inst, out.diff, wrong)
        extra = {}
        if causes:
            extra = {"key": f"{rule_id}.follows", "follows_from": tuple(c.key for c in causes),
                     "causes": "、".join(f"「{ctx.loc(c).row_label}」" for c in causes)}
        yield ctx.finding(rule_id, loc, expected=out.rhs, actual=out.lhs, lhs=out.lhs, rhs=out.rhs,
                          rule_text=inst.equation.description, **extra)


# One mistyped row total breaks its row (A01) and, by the same amount, the balances of the total
# column that add it up (A02, A03).  Those findings say so, so that one mistake reads as one.
FOLLOWS_A01 = ("A02", "A03")


def _wrong_row_totals(ctx) -> dict:
    """Total cell -> (total − sum of its row) for every row total A01 reports."""
    if not ctx.config.enabled("A01"):
        return {}
    return {o.instance.lhs[0].ref: o.diff for o in _outcomes(ctx, "A01") if not o.holds}


def _explained_by(inst, diff, wrong: dict) -> tuple:
    """The wrong row totals among `inst`'s terms whose errors add up to exactly `diff`, else ()."""
    causes, predicted = [], 0
    for side, sign in ((inst.lhs, 1), (inst.rhs, -1)):
        for t in side:
            if t.report != PREVIOUS and t.ref in wrong:
                causes.append(t.ref)
                predicted += sign * t.sign * wrong[t.ref]
    return tuple(causes) if causes and predicted == diff else ()


for _rule in ("A01", "A02", "A03", "A04", "A06", "A07", "A10"):
    check(_rule)(lambda ctx, _r=_rule: _equation_findings(ctx, _r))


@check("A05")
def carried_over(ctx):
    this, last = ctx.year, ctx.previous.meta.year if ctx.previous else None
    if this is not None and last is not None and last != this - 1:
        yield ctx.finding("A05", key="A05.year", year=this, previous=last)
    yield from _equation_findings(ctx, "A05")
