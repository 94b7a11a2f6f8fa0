"""The rule catalogue (SPEC §9): id, default severity, editions it applies to.  Data only.

Severity is the rule's default; a run configuration may change it or switch a rule off
(config.py).  Checks never decide severity themselves.  Titles and messages are in messages/.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
BOTH, A, B = ("2019", "2021", "2021-hybrid"), ("2019",), ("2021", "2021-hybrid")


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: Severity
    editions: tuple[str, ...]
    family: str  # structure | value | arithmetic | narrative | publication | workbook
    implemented: bool = True
    needs_previous: bool = False
    in_spec: bool = True  # False: the toolkit's own rule, not in SPEC §9


RULES = (
    RuleInfo("S01", E, BOTH, "structure"),
    RuleInfo("S02", E, BOTH, "structure"),
    RuleInfo("S03", W, BOTH, "structure"),
    RuleInfo("S04", E, B, "structure"),
    RuleInfo("S05", E, A, "structure"),
    RuleInfo("S06", E, BOTH, "structure"),
    RuleInfo("S07", E, BOTH, "structure"),
    RuleInfo("S08", W, BOTH, "structure"),
    RuleInfo("S09", W, BOTH, "structure"),
    RuleInfo("S10", I, BOTH, "structure"),
    # The toolkit's own (not in SPEC §9): table 三 without a single figure is a template nobody filled in,
    # whose zeros would otherwise balance and pass.
    RuleInfo("S11", E, BOTH, "structure", in_spec=False),
    RuleInfo("V01", E, BOTH, "value"),
    RuleInfo("V02", W, BOTH, "value"),
    RuleInfo("V03", W, BOTH, "value"),
    RuleInfo("V04", W, BOTH, "value"),
    RuleInfo("V05", I, BOTH, "value"),
    RuleInfo("V06", W, B, "value", implemented=False),
    RuleInfo("A01", E, BOTH, "arithmetic"),
    RuleInfo("A02", E, BOTH, "arithmetic"),
    RuleInfo("A03", E, BOTH, "arithmetic"),
    RuleInfo("A04", E, BOTH, "arithmetic"),
    RuleInfo("A05", W, BOTH, "arithmetic", needs_previous=True),
    RuleInfo("A06", W, A, "arithmetic", needs_previous=True),
    RuleInfo("A07", W, B, "arithmetic", needs_previous=True),
    RuleInfo("A08", W, BOTH, "arithmetic", implemented=False),
    RuleInfo("A09", W, BOTH, "arithmetic", implemented=False),
    RuleInfo("N01", W, BOTH, "narrative"),
    RuleInfo("N02", W, BOTH, "narrative"),
    RuleInfo("N03", W, BOTH, "narrative"),
    RuleInfo("N04", W, B, "narrative"),
    RuleInfo("N05", W, B, "narrative"),
    RuleInfo("N06", W, B, "narrative"),
    RuleInfo("N07", W, BOTH, "narrative"),
    RuleInfo("N08", W, BOTH, "narrative"),
    RuleInfo("N09", W, BOTH, "narrative", needs_previous=True),
    RuleInfo("N10", W, BOTH, "narrative"),
    RuleInfo("N11", W, BOTH, "narrative"),
    RuleInfo("P01", W, BOTH, "publication"),
    RuleInfo("P02", E, BOTH, "publication"),
    RuleInfo("P03", W, BOTH, "publication"),
    RuleInfo("P04", I, BOTH, "publication", implemented=False),
    RuleInfo("P05", W, BOTH, "publication", implemented=False),
    RuleInfo("P06", I, BOTH, "publication", implemented=False),
    # The toolkit's own rules on filled workbooks (not in the SPEC catalogue): the file itself, not the report.
    RuleInfo("W01", W, BOTH, "workbook", in_spec=False),  # template identity: version, edition, declaration
    RuleInfo("W02", W, BOTH, "workbook", in_spec=False),  # sheets renamed, removed or added
    RuleInfo("W03", W, BOTH, "workbook", in_spec=False),  # a formula cell overwritten, or an input holding a formula
    RuleInfo("W04", I, BOTH, "workbook", in_spec=False),  # cached results not recalculated (ignored: we recompute)
)

BY_ID = {r.id: r for r in RULES}


def rule(rule_id: str) -> RuleInfo:
    return BY_ID[rule_id]
