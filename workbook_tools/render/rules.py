"""The rule catalogue listed for people (text) and programs (JSON)."""

from __future__ import annotations

import json

from ..messages import LANGS, title
from ..rules.catalogue import RULES

def describe(lang: str = "zh") -> list[dict]:
    return [
        {"rule": r.id, "severity": r.severity.value, "family": r.family,
         "editions": "both" if len(r.editions) == 3 else ("2019" if r.editions == ("2019",) else "2021"),
         "title": title(r.id, lang), "implemented": r.implemented, "needs_previous": r.needs_previous, "in_spec": r.in_spec}
        for r in RULES
    ]


def render_json(lang: str = "zh") -> str:
    return json.dumps(describe(lang), ensure_ascii=False, indent=2) + "\n"


def render_text(lang: str = "zh") -> str:
    sev = LANGS.get(lang, LANGS["zh"]).SEVERITY
    todo = "（尚未实现）" if lang == "zh" else " (not yet implemented)"
    eds = {"both": "两版" if lang == "zh" else "both", "2019": "2019版" if lang == "zh" else "2019", "2021": "2021版" if lang == "zh" else "2021"}
    own = "（本工具规则，不在 SPEC §9 中）" if lang == "zh" else " (the toolkit's own, not in SPEC §9)"
    lines = [f"{d['rule']}  {sev[d['severity']]:<3} {eds[d['editions']]:<5} {d['title']}{'' if d['implemented'] else todo}"
             f"{'' if d['in_spec'] else own}" for d in describe(lang)]
    return "\n".join(lines) + "\n"
