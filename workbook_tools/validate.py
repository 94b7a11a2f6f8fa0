"""Run the catalogue's checks over a report and collect one `Result`."""

from __future__ import annotations

from .checks import CHECKS, Context
from .config import Config
from .findings import Result
from .model import Report
from .rules.catalogue import RULES

_FAMILY_ORDER = {"workbook": 0, "structure": 1, "value": 2, "arithmetic": 3, "narrative": 4, "publication": 5}


def validate(report: Report, previous: Report | None = None, config: Config | None = None) -> Result:
    config = config or Config()
    ctx = Context(report, previous, config)
    findings = []
    skipped = []
    for info in RULES:
        if not info.implemented or report.edition.id not in info.editions or not config.enabled(info.id):
            continue
        if info.needs_previous and previous is None:
            continue
        findings.extend(CHECKS[info.id](ctx))
    if previous is None:
        skipped.append("skipped.previous")
    if not report.narrative.present:
        skipped.append("skipped.narrative")
    order = {r.id: (_FAMILY_ORDER[r.family], i) for i, r in enumerate(RULES)}
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
