"""The rule catalogue (SPEC §9): id, default severity, which editions it applies to.  Data only.

A rule applies to every edition unless it names what it needs (`only=`): a table checked for
completeness under its id, an equation declared under its id, a cell role, or the report years it
belongs to.  No rule names an edition id, so a new declaration gets the rules its tables call for.

Severity is the rule's default; a run configuration may change it or switch a rule off
(config.py).  Checks never decide severity themselves.  Titles and messages are in messages/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..findings import Severity
from ..spec import Edition, Role

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def completeness(rule_id: str) -> Callable[[Edition], bool]:
    """Editions with a table whose completeness is checked under `rule_id` (S04: the 2021 table 二)."""
    return lambda e: any(t.completeness_rule == rule_id for t in e.tables)


def equation(rule_id: str) -> Callable[[Edition], bool]:
    """Editions declaring an equation under `rule_id` (A06 and A07 balance cells only some editions have)."""
    return lambda e: any(eq.rule == rule_id for eq in e.equations)


def role(*roles: str) -> Callable[[Edition], bool]:
    return lambda e: bool(e.cells_for(*roles))


def since(year: int) -> Callable[[Edition], bool]:
    """Editions prescribed (or, for a variant, claiming) report years from `year` on."""
    return lambda e: e.years[0] >= year


# 《政府信息公开信息处理费管理办法》 applies from 2021-01-01 and the format for those reports asks section 六
# for the fees and section 五 for how last year's problems were dealt with.
FEE_ERA = since(2021)


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: Severity
    family: str  # structure | value | arithmetic | narrative | publication | workbook
    implemented: bool = True
    needs_previous: bool = False
    in_spec: bool = True  # False: the toolkit's own rule, not in SPEC §9
    only: Callable[[Edition], bool] | None = None  # what an edition needs for the rule; None = every edition

    def applies_to(self, edition: Edition) -> bool:
        return self.only is None or self.only(edition)


RULES = (
    RuleInfo("S01", E, "structure"),
    RuleInfo("S02", E, "structure"),
    RuleInfo("S03", W, "structure"),
    RuleInfo("S04", E, "structure", only=completeness("S04")),
    RuleInfo("S05", E, "structure", only=completeness("S05")),
    RuleInfo("S06", E, "structure", only=completeness("S06")),
    RuleInfo("S07", E, "structure", only=completeness("S07")),
    RuleInfo("S08", W, "structure"),
    RuleInfo("S09", W, "structure"),
    RuleInfo("S10", I, "structure"),
    # The toolkit's own (not in SPEC §9): table 三 without a single figure is a template nobody filled in,
    # whose zeros would otherwise balance and pass.
    RuleInfo("S11", E, "structure", in_spec=False),
    RuleInfo("V01", E, "value"),
    RuleInfo("V02", W, "value"),
    RuleInfo("V03", W, "value"),
    RuleInfo("V04", W, "value"),
    RuleInfo("V05", I, "value"),
    RuleInfo("V06", W, "value", implemented=False, only=role(Role.FEE_AMOUNT)),
    RuleInfo("A01", E, "arithmetic", only=equation("A01")),
    RuleInfo("A02", E, "arithmetic", only=equation("A02")),
    RuleInfo("A03", E, "arithmetic", only=equation("A03")),
    RuleInfo("A04", E, "arithmetic", only=equation("A04")),
    RuleInfo("A05", W, "arithmetic", needs_previous=True, only=equation("A05")),
    RuleInfo("A06", W, "arithmetic", needs_previous=True, only=equation("A06")),
    RuleInfo("A07", W, "arithmetic", needs_previous=True, only=equation("A07")),
    RuleInfo("A08", W, "arithmetic", implemented=False),
    RuleInfo("A09", W, "arithmetic", implemented=False),
    # The toolkit's own (not in SPEC §9): the equations a provincial profile declares over its own tables
    # (and the national cells they tie to); present only when the report's profile declares one.
    RuleInfo("A10", E, "arithmetic", in_spec=False, only=equation("A10")),
    RuleInfo("N01", W, "narrative"),
    RuleInfo("N02", W, "narrative"),
    RuleInfo("N03", W, "narrative"),
    RuleInfo("N04", W, "narrative", only=FEE_ERA),
    RuleInfo("N05", W, "narrative", only=FEE_ERA),
    RuleInfo("N06", W, "narrative", only=FEE_ERA),
    RuleInfo("N07", W, "narrative"),
    RuleInfo("N08", W, "narrative"),
    RuleInfo("N09", W, "narrative", needs_previous=True),
    RuleInfo("N10", W, "narrative"),
    RuleInfo("N11", W, "narrative"),
    RuleInfo("P01", W, "publication"),
    RuleInfo("P02", E, "publication"),
    RuleInfo("P03", W, "publication"),
    RuleInfo("P04", I, "publication", implemented=False),
    RuleInfo("P05", W, "publication", implemented=False),
    RuleInfo("P06", I, "publication", implemented=False),
    # The toolkit's own rules on filled workbooks (not in the SPEC catalogue): the file itself, not the report.
    RuleInfo("W01", W, "workbook", in_spec=False),  # template identity: version, edition, declaration
    RuleInfo("W02", W, "workbook", in_spec=False),  # sheets renamed, removed or added
    RuleInfo("W03", W, "workbook", in_spec=False),  # a formula cell overwritten, or an input holding a formula
    RuleInfo("W04", I, "workbook", in_spec=False),  # cached results not recalculated (ignored: we recompute)
)

BY_ID = {r.id: r for r in RULES}


def rule(rule_id: str) -> RuleInfo:
    return BY_ID[rule_id]
