"""Python checks, one function per catalogue rule, registered by id.

A check receives a `Context` and yields findings through `ctx.finding(...)`, which takes the
severity from the catalogue and the run configuration: checks never decide severity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Callable, Iterable

from ..config import Config
from ..findings import Finding, Location
from ..locate import Locator
from ..model import Report
from ..spec import CellRef, Edition, Profile

CHECKS: dict[str, Callable[["Context"], Iterable[Finding]]] = {}


def check(rule_id: str):
    def register(fn):
        CHECKS[rule_id] = fn
        return fn

    return register


@dataclass
class Context:
    report: Report
    previous: Report | None
    config: Config

    @property
    def edition(self) -> Edition:
        return self.report.edition

    @property
    def profile(self) -> Profile | None:
        return self.report.profile

    @property
    def year(self) -> int | None:
        return self.report.meta.year

    def loc(self, ref: CellRef | None = None, **codes) -> Location:
        """Location with official labels, from a cell or from table/row/column codes (see `Locator.loc`)."""
        return self._locator.loc(ref, **codes)

    @cached_property
    def _locator(self) -> Locator:
        return Locator(self.report)

    def finding(self, rule: str, loc: Location = Location(), *, key: str | None = None,
                expected: int | Decimal | None = None, actual: int | Decimal | None = None, **params) -> Finding:
        return Finding(rule, self.config.severity(rule), key or rule, loc, expected, actual, params)

    @cached_property
    def narrative_present(self) -> bool:
        return self.report.narrative.present


# Register the checks (import for side effects, in catalogue order of families).
from . import arithmetic, narrative, publication, structure, cell_values  # noqa: E402,F401
from . import narrative_coverage, narrative_figures  # noqa: E402,F401
from . import document  # noqa: E402,F401  (S02, S03, S09: imported documents)
from . import workbook  # noqa: E402,F401  (W01–W04: filled workbooks)
from . import filled  # noqa: E402,F401  (S11: a report nobody filled in)
