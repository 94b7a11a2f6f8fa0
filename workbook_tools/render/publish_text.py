"""``xxgk report``: the files written, or why nothing was (the error count and the first errors)."""

from __future__ import annotations

from ..findings import Severity
from ..messages import LANGS, text, title
from .lines import Line, piece, wrote

SHOWN = 5  # errors listed when a report is refused


def render(done, lang: str = "zh", ui: str | None = None) -> list[Line]:
    """`done` is an `api.Published`; errors it was written with anyway are said on stderr.
    `ui`: the language of the "wrote" lines, when it is not `lang`."""
    lines = wrote(done.paths, ui or lang)
    if done.errors:
        lines.append(Line(text("publish.allowed", lang, errors=done.errors), err=True))
    return lines


def render_refused(e, lang: str = "zh") -> list[Line]:
    """`e` is an `api.NotPublishable`."""
    result = e.result
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    key = "publish.unfilled" if result.unfilled else "publish.refused"
    sev = LANGS[lang].SEVERITY["error"]
    colon = piece("colon", lang)
    lines = [Line(text(key, lang, errors=len(errors), path=e.path), err=True),
             Line(text("publish.first", lang, n=min(SHOWN, len(errors))), err=True)]
    lines += [Line(f"  [{sev}] {f.rule} {title(f.rule, lang)}{colon}{f.message(lang)}", err=True) for f in errors[:SHOWN]]
    if len(errors) > SHOWN:
        lines.append(Line("  " + text("publish.more", lang, n=len(errors) - SHOWN), err=True))
    return lines
