"""Validation result → readable terminal text, in Chinese or English."""

from __future__ import annotations

from ..editions import get_edition, get_profile
from ..findings import Result, Severity
from ..messages import LANGS, text, title
from ..readnotes import worded
from .lines import in_lang, piece


def render(result: Result, lang: str = "zh") -> str:
    m = LANGS.get(lang, LANGS["zh"])
    lines = []
    head = " ".join(str(x) for x in (result.agency, piece("year", lang, year=result.year) if result.year else None) if x)
    if result.source:
        lines.append(f"{text('file', lang)}: {result.source}")
    if head:
        lines.append(head)
    if result.edition:
        ed = get_edition(result.edition)
        name = in_lang(ed.name, ed.name_en, lang)
        line = f"{text('layout', lang)}: {name}{piece('paren', lang, text=ed.document)}"
        if result.profile:
            p = get_profile(result.profile)
            line += f"  {text('profile', lang)}: {in_lang(p.name, p.name_en, lang)}"
        lines.append(line)
    counts = {f"{s.value}s": result.count(s) for s in Severity}
    verdict = text("result.unfilled" if result.unfilled else "result.pass" if result.valid else "result.fail", lang)
    lines.append(verdict + piece("paren", lang, text=text("summary", lang, **counts)))
    lines.append("")
    if not result.findings:
        lines.append(text("no_findings", lang))
    for run in _runs(result.findings):
        f = run[0]
        head = f"[{m.SEVERITY[f.severity.value]}] {f.rule} {title(f.rule, lang)}"
        if len(run) <= SHOWN:
            for g in run:
                lines.append(f"[{m.SEVERITY[g.severity.value]}] {g.rule} {title(g.rule, lang)}")
                lines.append(f"    {g.message(lang)}")
            continue
        table = f.location.table_label
        lines.append(head + (text("group.count", lang, table=table, n=len(run)) if table else
                             text("group.count_all", lang, n=len(run))))
        lines.extend(f"    {g.message(lang)}" for g in run[:SHOWN])
        lines.append("    " + text("group.more", lang, n=len(run) - SHOWN))
    for key in result.skipped:
        lines.append(f"· {text(key, lang)}")
    for note in result.read_notes:
        lines.append(f"· {worded(note, lang)}")
    return "\n".join(lines) + "\n"


SHOWN = 3  # a run of more findings of one rule in one table is shown as its first three and a count


def _runs(findings):
    """Consecutive findings of the same rule, severity and table (validate sorts them so)."""
    runs = []
    for f in findings:
        last = runs[-1][0] if runs else None
        if (last is not None and not f.parts and not last.parts and (f.rule, f.severity, f.location.table)
                == (last.rule, last.severity, last.location.table)):
            runs[-1].append(f)
        else:
            runs.append([f])
    return runs


def render_json(result: Result, explained: list | None, lang: str = "zh") -> str:
    """``validate --format json``: the result, with ``explain`` when the figures were asked for."""
    import json

    data = result.to_dict(lang)
    if explained is not None:
        data["explain"] = [e.to_dict(lang) for e in explained]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_explained(result: Result, explained: list | None, lang: str = "zh") -> str:
    """``validate`` as text, followed by the ``--explain`` listing when asked for."""
    out = render(result, lang)
    if explained is not None:
        from .explain_text import render as render_explain

        out += render_explain(explained, lang)
    return out
