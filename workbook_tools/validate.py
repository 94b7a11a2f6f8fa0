"""Run the catalogue's checks over a report and collect one `Result`."""

from __future__ import annotations

from .checks import CHECKS, Context
from .config import Config
from .findings import Result
from .model import Report
from .rules.catalogue import RULES
from .years import plausible_year

_FAMILY_ORDER = {"workbook": 0, "structure": 1, "value": 2, "arithmetic": 3, "narrative": 4, "publication": 5}
_FIRST = {"S11": (-1, 0)}  # "not filled in" explains everything after it: say it first
# rules whose check computes dates from the year: with a year like 24 they would only say nonsense
# (a deadline of 0025-01-31); S01 reports the year instead and names them
_NEED_REAL_YEAR = frozenset({"P02", "P03"})


def validate(report: Report, previous: Report | None = None, config: Config | None = None) -> Result:
    config = config or Config()
    ctx = Context(report, previous, config)
    findings = []
    skipped = []
    year_unusable = report.meta.year is not None and not plausible_year(report.meta.year)
    for info in RULES:
        if not info.implemented or not info.applies_to(report.edition) or not config.enabled(info.id):
            continue
        if info.needs_previous and previous is None:
            continue
        if info.id in _NEED_REAL_YEAR and year_unusable:
            continue
        findings.extend(CHECKS[info.id](ctx))
    if previous is None:
        skipped.append("skipped.previous")
    if year_unusable:
        skipped.append("skipped.year")
    if not report.narrative.present:
        skipped.append("skipped.narrative")
    order = {r.id: _FIRST.get(r.id, (_FAMILY_ORDER[r.family], i)) for i, r in enumerate(RULES)}
    findings.sort(key=lambda f: (f.severity.rank, order.get(f.rule, (9, 0))))
    return Result(
        findings=findings,
        source=report.source,
        agency=report.meta.agency,
        year=report.meta.year,
        edition=report.edition.id,
        profile=report.meta.profile,
        skipped=skipped,
        read_notes=list(report.read_notes),
    )
