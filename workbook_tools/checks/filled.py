"""S11 (the toolkit's own rule): a report whose table 三 holds no figure was never filled in.

Blanks and placeholders count as 0, so a blank template balances and would pass every other
rule.  An agency without applications writes 0 in table 三, and a 0 it typed is a figure; the 0
that a template's formula computes in a total cell is not.
"""

from __future__ import annotations

from functools import lru_cache

from ..rules.python import deriving_instances
from ..spec import Edition, Role
from ..values import NUMBER
from . import check

# the table every report must fill: applications received and handled
FILLED_TABLE = Role.APPLICATIONS


@lru_cache(maxsize=None)
def _totals(edition: Edition) -> frozenset[str]:
    return frozenset(ref.key for ref in deriving_instances(edition))


def has_figure(report, table: str) -> bool:
    """Some cell of `table` holds a number the filer wrote (a computed total of 0 does not count)."""
    totals = _totals(report.edition)
    prefix = table + "/"
    for key, cell in report.cells.items():
        if key.startswith(prefix) and cell.status == NUMBER and cell.value is not None:
            if key not in totals or cell.value != 0:
                return True
    return False


@check("S11")
def filled_in(ctx):
    report = ctx.report
    filled = ctx.edition.table_for(FILLED_TABLE).code
    if has_figure(report, filled):
        return
    tables = [t.code for t in ctx.edition.tables]
    nothing = not any(has_figure(report, t) for t in tables)
    yield ctx.finding("S11", ctx.loc(table=filled), key="S11.empty" if nothing else "S11.table3")
