"""The report as one self-contained HTML5 page for an agency website (CMS) or for printing.

Tables follow `layout.grid()` exactly: one `<td>`/`<th>` per grid anchor with its rowspan/colspan, a
`<caption>`, header cells with `scope`, the header rows in `<thead>` (repeated on printed pages), and
each block of table 二 in a `<tbody>` of its own headed by its 第二十条 caption row.  All text is
escaped; the CSS is inlined; nothing is loaded from elsewhere.
"""

from __future__ import annotations

from html import escape

from ..layout import CAPTION, HEADER, LABEL, NOTE, Grid
from ..model import Report
from .document import Document, ExtraLinePart, Heading, Paragraph, TablePart, build
from .templates import Templates


def _cell(part: TablePart, cell, indent: str) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    text = escape(part.text(cell))
    if cell.role == CAPTION:
        return f'{indent}<th scope="rowgroup"{attrs}>{text}</th>'
    if cell.role == HEADER:
        return f'{indent}<th scope="col"{attrs}>{text}</th>'
    if cell.role == LABEL:
        return f'{indent}<th scope="row"{attrs}>{text}</th>'
    if cell.role == NOTE:
        return f'{indent}<td class="note"{attrs}>{text}</td>'
    return f"{indent}<td{attrs}>{text}</td>"


def _row_groups(g: Grid) -> list[tuple[str, int, int]]:
    """(element, first row, end row): thead for the header rows, one tbody per block of a stacked table."""
    groups = []
    if g.header_rows:
        groups.append(("thead", 0, g.header_rows))
    starts = sorted({c.row for c in g.cells if c.role == CAPTION} | {g.header_rows})
    bounds = starts + [g.n_rows]
    groups += [("tbody", a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
    return groups


def table_html(part: TablePart, with_class: bool = True) -> str:
    """One official table as HTML (also embedded in the Markdown version)."""
    g = part.grid
    rows = g.rows()
    cls = ' class="xxgk-table"' if with_class else ""
    out = [f'<table id="table-{part.code}"{cls}>', f"  <caption>{escape(part.caption)}</caption>"]
    for element, start, end in _row_groups(g):
        out.append(f"  <{element}>")
        for r in range(start, end):
            out.append("    <tr>")
            out.extend(_cell(part, c, "      ") for c in rows[r])
            out.append("    </tr>")
        out.append(f"  </{element}>")
    out.append("</table>")
    return "\n".join(out)


def _paragraph(text: str, cls: str | None = None) -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{escape(text)}</p>"


def body_html(doc: Document) -> str:
    out = [_paragraph(p, "preamble") for p in doc.preamble]
    for sec in doc.sections:
        out.append(f'<section id="section-{sec.number}">')
        out.append(f"<h2>{escape(sec.title)}</h2>")
        for part in sec.parts:
            if isinstance(part, TablePart):
                out.append(table_html(part))
            elif isinstance(part, ExtraLinePart):
                out.append(_paragraph(part.text, "extra-line"))
            elif isinstance(part, Heading):
                out.append(f"<h3>{escape(part.text)}</h3>")
            elif isinstance(part, Paragraph):
                out.append(_paragraph(part.text))
        out.append("</section>")
    return "\n".join(out)


def render_document(doc: Document) -> str:
    signature = ""
    if doc.signature:
        signature = '<p class="signature">' + "<br>".join(escape(s) for s in doc.signature) + "</p>"
    return doc.settings.fill(
        "report.html",
        title=escape(doc.title),
        title_html="<br>".join(escape(t) for t in doc.title_lines),
        css=doc.settings.text("report.css").strip(),
        body=body_html(doc),
        signature=signature,
    )


def render(report: Report, templates: Templates | None = None) -> bytes:
    tpl = templates or Templates.load()
    return render_document(build(report, tpl)).encode("utf-8")
