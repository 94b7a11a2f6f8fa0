"""The rule catalogue listed for people (text) and programs (JSON)."""

from __future__ import annotations

import json

from ..editions import editions
from ..messages import LANGS, text, title
from .lines import piece
from ..rules.catalogue import RULES, RuleInfo

BOTH = "both"


def edition_key(info: RuleInfo) -> str:
    """What a rule applies to, from the registry: "both" when every declared layout, else the
    official editions it applies to (a variant such as the hybrid follows its official edition)."""
    if all(info.applies_to(e) for e in editions()):
        return BOTH
    return "+".join(e.id for e in editions() if e.official and info.applies_to(e))


def edition_label(key: str, lang: str = "zh") -> str:
    if key == BOTH:
        return text("cli.rules.both", lang)
    return piece("sep", lang).join(text("cli.rules.edition", lang, edition=k) for k in key.split("+"))


def describe(lang: str = "zh") -> list[dict]:
    return [
        {"rule": r.id, "severity": r.severity.value, "family": r.family, "editions": edition_key(r),
         "title": title(r.id, lang), "implemented": r.implemented, "needs_previous": r.needs_previous, "in_spec": r.in_spec}
        for r in RULES
    ]


def render_json(lang: str = "zh") -> str:
    return json.dumps(describe(lang), ensure_ascii=False, indent=2) + "\n"


def render_text(lang: str = "zh") -> str:
    sev = LANGS.get(lang, LANGS["zh"]).SEVERITY
    todo = piece("paren", lang, text=text("cli.rules.todo", lang))
    own = piece("paren", lang, text=text("cli.rules.own", lang))
    lines = [f"{d['rule']}  {sev[d['severity']]:<3} {edition_label(d['editions'], lang):<5} {d['title']}"
             f"{'' if d['implemented'] else todo}{'' if d['in_spec'] else own}" for d in describe(lang)]
    return "\n".join(lines) + "\n"
