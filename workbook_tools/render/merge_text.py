"""``xxgk merge``: the agencies included, the check of the sum, and the inputs that do not balance."""

from __future__ import annotations

import json

from ..batch.texts import t
from ..findings import Severity
from ..io.inputs import terminal_safe
from ..messages import LANGS, text, title
from .lines import in_lang, piece

NAMES_SHOWN = 10
FINDINGS_SHOWN = 20


def render_json(done, lang: str = "zh") -> str:
    """`done` is an `api.Merged`."""
    included = [{"file": i.path, "agency": i.agency, "errors": i.errors} for i in done.outcome.inputs]
    return json.dumps({"included": included, "result": done.result.to_dict(lang)}, ensure_ascii=False, indent=2) + "\n"


def render(done, lang: str = "zh") -> str:
    outcome, res = done.outcome, done.result
    names = [terminal_safe(i.agency or i.path) for i in outcome.inputs]
    shown = piece("sep", lang).join(names[:NAMES_SHOWN]) + (piece("and-more", lang) if len(names) > NAMES_SHOWN else "")
    r = outcome.report
    lines = [t("merge.included", lang, n=len(names), year=r.meta.year, edition=in_lang(r.edition.name, r.edition.name_en, lang),
               names=shown)]
    counts = text("summary", lang, errors=res.count(Severity.ERROR), warnings=res.count(Severity.WARNING),
                  infos=res.count(Severity.INFO))
    lines.append(t("merge.result", lang, verdict=text("result.pass" if res.valid else "result.fail", lang), counts=counts))
    sev = LANGS[lang].SEVERITY
    colon = piece("colon", lang)
    lines += [f"  [{sev[f.severity.value]}] {f.rule} {title(f.rule, lang)}{colon}{f.message(lang)}"
              for f in res.findings[:FINDINGS_SHOWN]]
    bad = [i for i in outcome.inputs if i.errors]
    if bad:
        lines.append(t("merge.inputs_with_errors", lang))
        lines += [f"  {terminal_safe(i.agency or '?')}（{terminal_safe(i.path)}）：{t('sum.n_errors', lang, n=i.errors)}"
                  for i in bad]
    return "\n".join(lines) + "\n"
