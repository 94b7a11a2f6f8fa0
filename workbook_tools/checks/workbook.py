"""Workbook rules W01–W04: what the reader noticed about a filled workbook itself.

The reader (workbook/reader.py) records the evidence in `report.workbook`; these checks only turn
it into findings, so that severity and switching off follow the catalogue and the run
configuration like every other rule.  Reports not read from a workbook carry no evidence.
"""

from __future__ import annotations

from ..findings import Location
from . import check


def _issues(ctx, rule: str):
    info = ctx.report.workbook
    for issue in info.issues if info else ():
        if issue.rule == rule:
            yield ctx.finding(rule, Location(where=issue.where or None), key=issue.key, where=issue.where,
                              **dict(issue.params))


for _rule in ("W01", "W02", "W03", "W04"):
    check(_rule)(lambda ctx, _r=_rule: _issues(ctx, _r))
