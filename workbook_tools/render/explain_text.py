"""``--explain`` as terminal text: one line per figure, grouped by narrative section."""

from __future__ import annotations

from .lines import piece

from ..narrative.explain import Explained, summary
from ..values import format_number


def _snippet(sentence: str, start: int, length: int, width: int = 24) -> str:
    a = max(0, start - width)
    b = min(len(sentence), start + length + 8)
    return ("…" if a else "") + sentence[a:b] + ("…" if b < len(sentence) else "")


def render(items: list[Explained], lang: str = "zh") -> str:
    from ..messages import text

    lines = ["", text("explain.title", lang, **summary(items)) if items else text("explain.none", lang)]
    for e in items:
        c = e.comparison
        item = c.figure or c.claim
        where = item.place.section or "—"
        said = c.figure.text if c.figure else text("explain.claim", lang)
        quote = _snippet(item.place.sentence, item.start, len(c.figure.text if c.figure else c.claim.text))
        verdict = text(f"explain.{c.verdict}", lang)
        line = f"  [{where}] {said}  “{quote}”\n      → {verdict}"
        if e.cells_text.get(lang):
            value = f" = {format_number(c.table_value)}" if c.table_value is not None else ""
            line += piece("colon", lang) + f"{e.cells_text[lang]}{value}"
        why = e.why(lang)
        if why and not e.cells_text.get(lang):
            line += piece("colon", lang) + why
        elif why:
            line += piece("paren", lang, text=why)
        lines.append(line)
    return "\n".join(lines) + "\n"
