"""Validation result → readable terminal text, in Chinese or English."""

from __future__ import annotations

from ..editions import get_edition, get_profile
from ..findings import Result, Severity
from ..messages import LANGS, text, title


def render(result: Result, lang: str = "zh") -> str:
    m = LANGS.get(lang, LANGS["zh"])
    lines = []
    head = " ".join(str(x) for x in (result.agency, f"{result.year}年" if result.year and lang == "zh" else result.year) if x)
    if result.source:
        lines.append(f"{text('file', lang)}: {result.source}")
    if head:
        lines.append(head)
    if result.edition:
        ed = get_edition(result.edition)
        name = ed.name if lang == "zh" else ed.name_en
        line = f"{text('layout', lang)}: {name}（{ed.document}）" if lang == "zh" else f"{text('layout', lang)}: {name} ({ed.document})"
        if result.profile:
            p = get_profile(result.profile)
            line += f"  {text('profile', lang)}: {p.name if lang == 'zh' else p.name_en}"
        lines.append(line)
    counts = {f"{s.value}s": result.count(s) for s in Severity}
    verdict = text("result.pass" if result.valid else "result.fail", lang)
    lines.append(f"{verdict}（{text('summary', lang, **counts)}）" if lang == "zh" else f"{verdict} ({text('summary', lang, **counts)})")
    lines.append("")
    if not result.findings:
        lines.append(text("no_findings", lang))
    for f in result.findings:
        lines.append(f"[{m.SEVERITY[f.severity.value]}] {f.rule} {title(f.rule, lang)}")
        lines.append(f"    {f.message(lang)}")
    for key in result.skipped:
        lines.append(f"· {text(key, lang)}")
    for note in result.read_notes:
        lines.append(f"· {note}")
    return "\n".join(lines) + "\n"
