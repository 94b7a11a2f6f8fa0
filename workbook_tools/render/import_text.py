"""``xxgk import``: the layout detected, what was read, what could not be aligned, and the file written."""

from __future__ import annotations

from ..messages import text
from ..readnotes import worded
from .lines import Line, in_lang, piece, wrote

MISSING_SHOWN = 12  # cell keys listed before "…"


def render(done, lang: str = "zh") -> list[Line]:
    """`done` is an `api.Imported`."""
    res, report = done.imported, done.imported.report
    ed = res.edition
    lines = [Line(text("import.layout", lang, name=in_lang(ed.name, ed.name_en, lang), document=ed.document)),
             Line(text("import.cells", lang, cells=len(report.cells), deviations=len(report.deviations),
                       unplaced=len(report.unplaced)))]
    if res.partial:
        lines.append(Line(text("import.partial", lang), err=True))
        lines += [Line("  " + in_lang(p.zh, p.en, lang), err=True) for p in res.problems]
        if res.missing:
            more = piece("ellipsis", "en") if len(res.missing) > MISSING_SHOWN else ""  # cell keys: one style
            lines.append(Line("  " + text("import.missing", lang, n=len(res.missing))
                              + piece("sep", "en").join(res.missing[:MISSING_SHOWN]) + more, err=True))
    else:
        lines.append(Line(text("import.complete", lang)))
    return lines + wrote([done.path], lang)


def render_read(done, lang: str = "zh") -> list[Line]:
    """``xxgk read`` (an `api.Written`): the reader's notes (worded by the readers), then the count
    and the file written."""
    notes = [Line(worded(note, lang)) for note in done.report.read_notes]
    return notes + [Line(text("read.cells", lang, n=len(done.report.cells), path=done.path))]
