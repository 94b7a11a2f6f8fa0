"""The report as plain text, with tables laid out as in the published seed report.

Table rows are written the way text extracted from a Word file shows them: every table cell on its own
line after a tab, a blank line after each row, a cell merged down repeated as an empty cell in the rows
it covers.  Text in this shape pastes cell by cell into Word or Excel and reads back with the importers.
"""

from __future__ import annotations

from ..model import Report
from .document import Document, ExtraLinePart, Heading, Paragraph, TablePart, build, display_width, word_rows
from .templates import Templates


def table_lines(part: TablePart) -> list[str]:
    lines: list[str] = []
    for row in word_rows(part.grid):
        for cell, continued in row:
            lines.append("\t" + ("" if continued else _one_line(part.text(cell))))
        lines.append("")
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


def body_lines(doc: Document) -> list[str]:
    lines: list[str] = list(doc.preamble)
    for sec in doc.sections:
        lines.append(sec.title)
        for part in sec.parts:
            if isinstance(part, TablePart):
                if part.grid.table.heading:  # a profile's own table: its title above it
                    lines.append(part.caption)
                lines.extend(table_lines(part))
                lines.append("")
            elif isinstance(part, ExtraLinePart):
                lines.extend(["\t" + part.text, "", ""])  # a one-cell row, as in the seed
            elif isinstance(part, (Heading, Paragraph)):
                lines.append(part.text)
    return lines


def render_document(doc: Document) -> str:
    width = int(doc.settings.get("text", "width"))
    signature = "\n".join(" " * max(0, width - display_width(s)) + s for s in doc.signature)
    if signature:
        signature = "\n" + signature + "\n"
    text = doc.settings.fill("report.txt", title="\n".join(doc.title_lines), body="\n".join(body_lines(doc)),
                             signature=signature)
    return text.rstrip("\n") + "\n"


def render(report: Report, templates: Templates | None = None) -> bytes:
    tpl = templates or Templates.load()
    return render_document(build(report, tpl)).encode("utf-8")
