"""The comparison as a Word document: the title, the key figures and every figure as tables, and
what could not be compared.  (Word has no SVG reader in python-docx: the chart lives in the .xlsx and
.html forms.)"""

from __future__ import annotations

import io

from ..messages import text
from .common import change, headers, key_headers, key_name, notes, number, percent, sides, title, unmatched


def _table(doc, heads: list[str], rows: list[list[str]]) -> None:
    """A grid table, the header bold and the figure columns right-aligned.  The rows are made at once and
    each cell written through its first paragraph: python-docx's add_row and cell.text are slow at
    hundreds of rows."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    t = doc.add_table(rows=len(rows) + 1, cols=len(heads))
    t.style = "Table Grid"
    figures = len(heads) - 4  # the four figure columns
    for i, (row, values) in enumerate(zip(t.rows, [heads, *rows])):
        for j, (cell, v) in enumerate(zip(row.cells, values)):
            para = cell.paragraphs[0]
            run = para.add_run(v)
            if i == 0:
                run.bold = True
            elif j >= figures:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _font(doc) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def render(c, lang: str = "zh") -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    doc = docx.Document()
    _font(doc)
    sec = doc.sections[0]
    sec.orientation, sec.page_width, sec.page_height = WD_ORIENT.LANDSCAPE, Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Mm(18))
    doc.add_heading(title(c, lang), level=1)
    doc.add_paragraph(sides(c, lang))
    for n in notes(c, lang):
        doc.add_paragraph(n)
    doc.add_heading(text("compare.chart.title", lang), level=2)
    _table(doc, key_headers(c, lang), [[key_name(k.name, lang), number(k.this, lang), number(k.last, lang),
                                        change(k.change, lang), percent(k.percent, lang)] for k in c.key])
    doc.add_heading(text("compare.rows.title", lang), level=2)
    _table(doc, headers(c, lang), [[r.this_place.table, r.this_place.item, r.this_place.column, number(r.this, lang),
                                    number(r.last, lang), change(r.change, lang), percent(r.percent, lang)] for r in c.rows])
    missing = unmatched(c, lang)
    if missing:
        doc.add_heading(text("compare.sheet.unmatched", lang), level=2)
        colon = ": " if lang == "en" else "："
        for where, why in missing:  # a typed bullet: python-docx looks a named style up slowly, per paragraph
            doc.add_paragraph(f"• {where}{colon}{why}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
