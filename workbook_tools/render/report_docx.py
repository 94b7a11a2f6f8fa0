"""The report as a Word document in the style of a 公文 (GB/T 9704-2012), with python-docx.

A4 with margins 37/35/28/26 mm and a document grid of 22 lines × 28 characters (w:docGrid
linesAndChars); title 方正小标宋简体 二号 centred, its lines one line distance apart; body 仿宋_GB2312 三号
with a two-character first-line indent; level-1 headings 黑体, level-2 楷体_GB2312 (each with its
eastAsia font); Latin letters and digits in Times New Roman; page numbers "— N —" in 宋体 四号, odd
pages right, even pages left.  Core and app properties name the toolkit and the real creation time.
Every font and size comes from `templates/report/report.toml` [docx], and fonts are named, never
embedded.  The text uses named styles (正文/Heading 1/Heading 2/…), so a user restyles it in Word
once instead of paragraph by paragraph.

Tables are written as WordprocessingML directly from `layout.grid()` (see `document.word_rows`):
merged headers as gridSpan/vMerge, header rows repeated on each page (tblHeader), rows that never
split across pages, groups kept on one page (`rows_kept_with_next`), and fixed column widths in both
`w:gridCol` (read by LibreOffice) and `w:tcW` (read by Word).
"""

from __future__ import annotations

import io
import math
from xml.sax.saxutils import escape

from ..layout import CAPTION, HEADER, LABEL, NOTE, Layout
from ..model import Report
from .document import Document, ExtraLinePart, Heading, Paragraph, TablePart, build, em_width, word_rows
from .templates import Templates

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_MM = 1440 / 25.4

STYLE_TITLE = "报告标题"
STYLE_TABLE = "报告表格"
STYLE_SIGNATURE = "报告署名"


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


class _Styler:
    """Applies the [docx] settings to python-docx objects."""

    def __init__(self, settings: dict):
        self.s = settings

    def __getitem__(self, key):
        return self.s[key]

    def fonts(self, rpr_owner, east_asia: str, latin: str | None = None, size: float | None = None):
        from docx.oxml.ns import qn
        from docx.shared import Pt

        latin = latin or self.s["latin_font"]
        rpr = rpr_owner if rpr_owner.tag == qn("w:rPr") else rpr_owner.get_or_add_rPr()
        rfonts = rpr.get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)  # a theme font would override the named one
        rfonts.set(qn("w:ascii"), latin)
        rfonts.set(qn("w:hAnsi"), latin)
        rfonts.set(qn("w:eastAsia"), east_asia)
        rfonts.set(qn("w:cs"), latin)
        if size:
            sz = rpr.get_or_add_sz()
            sz.val = Pt(size)
            szcs = rpr.find(qn("w:szCs"))
            if szcs is None:
                szcs = rpr.makeelement(qn("w:szCs"), {})
                sz.addnext(szcs)  # schema order: sz, szCs, …, lang
            szcs.set(qn("w:val"), str(round(size * 2)))


# CT_RPr children that come after w:spacing (ECMA-376 17.3.2.28)
_AFTER_SPACING = ("w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
                  "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def _set_char_spacing(rpr, twentieths: int) -> None:
    """Character spacing (expanded > 0, condensed < 0) in twentieths of a point, at its schema position."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = rpr.find(qn("w:spacing"))
    if el is None:
        el = OxmlElement("w:spacing")
        later = [c for c in rpr if c.tag.startswith(f"{{{W_NS}}}") and c.tag.split("}")[1] in _AFTER_SPACING]
        if later:
            later[0].addprevious(el)
        else:
            rpr.append(el)
    el.set(qn("w:val"), str(twentieths))


def _paragraph_style(doc, name: str, style_id: str, base: str = "Normal"):
    from docx.enum.style import WD_STYLE_TYPE

    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = style_id  # ASCII ids, as Word itself writes them; the name shown stays Chinese
        style.base_style = doc.styles[base]
        style.quick_style = True
        return style


# CT_PPr child order (ECMA-376 17.3.1.26) for the flags set below
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc")


def _set_ppr_flags(ppr, **flags: str) -> None:
    """Set on/off properties of a paragraph style at their schema position (Word rejects misordered XML)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for name, val in flags.items():
        el = ppr.find(qn(f"w:{name}"))
        if el is None:
            el = OxmlElement(f"w:{name}")
            rank = _PPR_ORDER.index(name)
            after = [c for c in ppr if c.tag.startswith(f"{{{W_NS}}}") and c.tag.split("}")[1] in _PPR_ORDER
                     and _PPR_ORDER.index(c.tag.split("}")[1]) > rank]
            if after:
                after[0].addprevious(el)
            else:
                ppr.append(el)
        el.set(qn("w:val"), val)


def _table_and_signature_styles(doc, st: _Styler):
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt

    table = _paragraph_style(doc, STYLE_TABLE, "xxgkTable")
    st.fonts(table.element, st["table_font"], size=float(st["table_size"]))
    _set_char_spacing(table.element.get_or_add_rPr(), 0)
    tbf = table.paragraph_format
    tbf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tbf.first_line_indent = Pt(0)
    tbf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    tbf.widow_control = False
    table.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
    _set_ppr_flags(table.element.get_or_add_pPr(), snapToGrid="0")  # table lines ignore the body line grid

    sig = _paragraph_style(doc, STYLE_SIGNATURE, "xxgkSignature")
    sig.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sig.paragraph_format.first_line_indent = Pt(0)
    sig.paragraph_format.keep_with_next = True
    sig.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
    return table, sig


def _setup_styles(doc, st: _Styler) -> dict[str, str]:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    body_size = float(st["body_size"])
    pitch = Pt(float(st["line_pitch_pt"]))
    indent_chars = float(st["first_line_indent_chars"])

    # East Asian text is Simplified Chinese (line breaking, punctuation, font fallback)
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    st.fonts(rpr_default, st["body_font"], size=body_size)

    normal = doc.styles["Normal"]
    st.fonts(normal.element, st["body_font"], size=body_size)
    _set_char_spacing(normal.element.get_or_add_rPr(), condensed_spacing(st))
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = pitch
    pf.space_before = pf.space_after = Pt(0)
    pf.first_line_indent = Pt(body_size * indent_chars)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.widow_control = True
    ind = normal.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(round(indent_chars * 100)))  # Word: indent in characters
    # no extra space between Chinese and digits ("2024年", not "2024 年"), as 公文 are set
    _set_ppr_flags(normal.element.get_or_add_pPr(), autoSpaceDE="0", autoSpaceDN="0")

    for name, font in (("Heading 1", st["heading1_font"]), ("Heading 2", st["heading2_font"])):
        h = doc.styles[name]
        st.fonts(h.element, font, size=body_size)
        h.font.bold = False
        h.font.italic = False
        h.font.color.rgb = RGBColor(0, 0, 0)
        hf = h.paragraph_format
        hf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        hf.line_spacing = pitch
        hf.space_before = hf.space_after = Pt(0)
        hf.first_line_indent = Pt(body_size * indent_chars)
        hf.keep_with_next = True
        hind = h.element.get_or_add_pPr().get_or_add_ind()
        hind.set(qn("w:firstLineChars"), str(round(indent_chars * 100)))

    title = _paragraph_style(doc, STYLE_TITLE, "xxgkTitle")
    # the year in the title is set in the title face too, as heavy as the characters around it
    st.fonts(title.element, st["title_font"], latin=st["title_font"], size=float(st["title_size"]))
    _set_char_spacing(title.element.get_or_add_rPr(), 0)
    tf = title.paragraph_format
    tf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tf.first_line_indent = Pt(0)
    tf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    tf.line_spacing = pitch  # the title's lines at the body's line distance
    tf.keep_with_next = True
    title.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
    # off the grid: a 二号 line would take two grid lines, and its characters two grid cells each
    _set_ppr_flags(title.element.get_or_add_pPr(), snapToGrid="0")

    table, sig = _table_and_signature_styles(doc, st)
    return {"title": title.style_id, "table": table.style_id, "signature": sig.style_id}


def char_space(st: _Styler) -> int:
    """w:charSpace of the document grid: how much each character pitch differs from the body size,
    in 1/4096 pt, so that `chars_per_line` characters fill the type width (three-号 at 28 a line is
    15.79 pt, a little narrower than the 16 pt type; without it only 27 characters fit)."""
    type_width_pt = (float(st["page_width_mm"]) - float(st["margin_left_mm"]) - float(st["margin_right_mm"])) / 25.4 * 72
    pitch = type_width_pt / float(st["chars_per_line"])
    return round((pitch - float(st["body_size"])) * 4096)


def condensed_spacing(st: _Styler) -> int:
    """Character spacing of the body, in twentieths of a point, that keeps a character inside one grid
    cell.  Word squeezes characters into a narrower grid by itself; LibreOffice gives each character
    that is wider than a cell two cells (14 a line), so the body is condensed to just under the cell
    width that LibreOffice derives from w:charSpace (whole twips)."""
    type_width_pt = (float(st["page_width_mm"]) - float(st["margin_left_mm"]) - float(st["margin_right_mm"])) / 25.4 * 72
    cell_twips = math.floor(type_width_pt / float(st["chars_per_line"]) * 20)
    return min(0, cell_twips - round(float(st["body_size"]) * 20) - 1)


def _setup_page(doc, st: _Styler) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(float(st["page_width_mm"])), Mm(float(st["page_height_mm"]))
    sec.top_margin, sec.bottom_margin = Mm(float(st["margin_top_mm"])), Mm(float(st["margin_bottom_mm"]))
    sec.left_margin, sec.right_margin = Mm(float(st["margin_left_mm"])), Mm(float(st["margin_right_mm"]))
    sec.footer_distance = Mm(float(st["footer_distance_mm"]))
    grid = sec._sectPr.find(qn("w:docGrid"))
    if grid is not None:  # GB/T 9704: 22 lines of 28 characters in the type area
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(round(float(st["line_pitch_pt"]) * 20)))
        grid.set(qn("w:charSpace"), str(char_space(st)))


def _add_field(paragraph, instr: str, style) -> None:
    """A field as Word writes it, one run per part, each styled (LibreOffice sets the page number in
    the font of the run holding the result; one run for the whole field left it in the body font)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for tag, val in (("w:fldChar", "begin"), ("w:instrText", instr), ("w:fldChar", "separate"), ("w:t", "1"),
                     ("w:fldChar", "end")):
        run = paragraph.add_run()
        style(run)
        el = OxmlElement(tag)
        if tag == "w:fldChar":
            el.set(qn("w:fldCharType"), val)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = val
        run._r.append(el)


def _page_numbers(doc, st: _Styler) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    pattern = str(st["page_number"])
    before, _, after = pattern.partition("${page}")
    size = float(st["page_number_size"])
    font = st["page_number_font"]
    sec = doc.sections[0]
    footers = [(sec.footer, WD_ALIGN_PARAGRAPH.RIGHT)]
    if st["odd_even_page_numbers"]:
        doc.settings.odd_and_even_pages_header_footer = True
        footers.append((sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
    for footer, align in footers:
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        pf = p.paragraph_format
        pf.first_line_indent = Pt(0)
        p._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")  # not the body's indent
        # 空一字 from the outer edge
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            pf.right_indent = Pt(size)
        else:
            pf.left_indent = Pt(size)
        _set_ppr_flags(p._p.get_or_add_pPr(), snapToGrid="0")  # not spread over the character grid

        def style(run):
            st.fonts(run._r, font, latin=font, size=size)
            _set_char_spacing(run._r.get_or_add_rPr(), 0)

        for text in (before, None, after):
            if text is None:
                _add_field(p, "PAGE", style)
            elif text:
                style(p.add_run(text))


def rows_kept_with_next(g, keep_first: int, group_limit: int) -> set[int]:
    """Rows whose paragraphs keep with the next row, so that a page never breaks there.

    The header rows and the first `keep_first` data rows (a table never leaves only its header and one
    row at the foot of a page), the row before the last (nor one row alone on the next page), a row
    of captions or headings inside the table (第二十条第（一）项 goes with its rows), and every row
    inside a merged group of at most `group_limit` rows: a group label such as （三）不予公开 moves to
    the next page with all its rows instead of leaving them under an empty cell."""
    last = g.n_rows - 1
    keep = set(range(min(last, g.header_rows + keep_first)))
    if last - 1 >= g.header_rows:
        keep.add(last - 1)
    for r, row in enumerate(g.rows()):
        if row and all(c.role in (CAPTION, HEADER) for c in row):
            keep.add(r)
    for c in g.cells:
        if c.row >= g.header_rows and 1 < c.rowspan <= group_limit:
            keep.update(range(c.row, c.row + c.rowspan - 1))
    keep.discard(last)
    return keep


def _cell_xml(part: TablePart, cell, continued: bool, widths: list[int], styles: dict, st: _Styler,
              keep_next: bool = False) -> str:
    width = sum(widths[cell.col:cell.col + cell.colspan])
    pr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.colspan > 1:
        pr.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
    if cell.rowspan > 1:
        pr.append('<w:vMerge/>' if continued else '<w:vMerge w:val="restart"/>')
    pr.append('<w:vAlign w:val="center"/>')
    align = "left" if cell.role in (LABEL, NOTE) and not continued else "center"
    if cell.role == LABEL and cell.rowspan > 1 and cell.colspan == 1 and part.grid.table.layout is Layout.CROSSTAB:
        align = "center"  # a band label running down a narrow column
    run = ""
    if not continued:
        text = part.text(cell)
        size = st["table_header_size"] if cell.role in (HEADER, CAPTION, NOTE) else st["table_size"]
        half_points = round(float(size) * 2)
        run = (f'<w:r><w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
               f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')
    keep = "<w:keepNext/>" if keep_next else ""
    return (f'<w:tc><w:tcPr>{"".join(pr)}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{styles["table"]}"/>{keep}'
            f'<w:jc w:val="{align}"/></w:pPr>{run}</w:p></w:tc>')


def column_widths_mm(part: TablePart, st: _Styler, type_width_mm: float) -> list[float]:
    """Label columns as configured for the layout; the value columns share the rest equally."""
    g = part.grid
    labels = [float(w) for w in st["column_widths_mm"].get(g.table.layout.value, [])][: g.n_cols]
    rest = g.n_cols - len(labels)
    each = (type_width_mm - sum(labels)) / rest if rest else 0
    return labels + [each] * rest


def table_xml(part: TablePart, st: _Styler, styles: dict, type_width_mm: float) -> str:
    g = part.grid
    widths = [_twips(w) for w in column_widths_mm(part, st, type_width_mm)]
    row_height = _twips(float(st["table_row_height_mm"]))
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr>',
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>',
        f"<w:tblBorders>{border}</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    kept = rows_kept_with_next(g, int(st["table_keep_first_rows"]), int(st["table_keep_group_rows"]))
    for r, row in enumerate(word_rows(g)):
        header = '<w:tblHeader/>' if r < g.header_rows else ""
        out.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{row_height}" w:hRule="atLeast"/>{header}</w:trPr>')
        out.extend(_cell_xml(part, cell, continued, widths, styles, st, r in kept) for cell, continued in row)
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<Application>{app}</Application><DocSecurity>0</DocSecurity><Company>{company}</Company>'
            '<AppVersion>{version}</AppVersion></Properties>')


def _properties(doc, d: Document) -> None:
    """What made the file and when: creator, last editor and application are the toolkit, the times
    the real ones; the agency is the company.  The template's Mac thumbnail is dropped."""
    import datetime as dt

    from ..provenance import APPLICATION, app_version

    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props = doc.core_properties
    props.title = d.title
    props.author = props.last_modified_by = APPLICATION
    props.created = props.modified = now
    props.revision = 1
    props.language = "zh-CN"
    props.comments = ""
    props.keywords = "政府信息公开工作年度报告"
    package = doc.part.package
    company = d.signature[0] if d.signature else ""
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package.rels.pop(rid)
        elif rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = _APP_XML.format(app=APPLICATION, company=escape(company),
                                                    version=app_version()).encode("utf-8")


def render_document(d: Document) -> bytes:
    from docx import Document as WordDocument
    from docx.oxml import parse_xml
    from docx.shared import Pt

    st = _Styler(d.settings.docx)
    doc = WordDocument()
    _setup_page(doc, st)
    styles = _setup_styles(doc, st)
    type_width = float(st["page_width_mm"]) - float(st["margin_left_mm"]) - float(st["margin_right_mm"])
    body = doc.element.body

    for line in d.title_lines:
        doc.add_paragraph(line, style=STYLE_TITLE)
    doc.add_paragraph("")  # one blank line under the title (GB/T 9704 7.3.3)
    for text in d.preamble:
        doc.add_paragraph(text)
    for sec in d.sections:
        doc.add_paragraph(sec.title, style="Heading 1")
        for part in sec.parts:
            if isinstance(part, TablePart):
                if part.grid.table.heading:  # a profile's own table: its title above it
                    doc.add_paragraph(part.caption)
                tbl = parse_xml(table_xml(part, st, styles, type_width))
                body.insert(len(body) - 1, tbl)  # before the final sectPr
            elif isinstance(part, ExtraLinePart):
                doc.add_paragraph(part.text)
            elif isinstance(part, Heading):
                doc.add_paragraph(part.text, style="Heading 2")
            elif isinstance(part, Paragraph):
                doc.add_paragraph(part.text)

    if d.signature:
        doc.add_paragraph("")
        doc.add_paragraph("")
        body_size = float(st["body_size"])
        right_chars = float(st["date_right_indent_chars"])
        date_width = em_width(d.signature[-1])
        for i, line in enumerate(d.signature):
            p = doc.add_paragraph(line, style=STYLE_SIGNATURE)
            # the date 右空四字; the agency centred over the date (GB/T 9704 7.3.5.1)
            indent = right_chars if i == len(d.signature) - 1 else right_chars + (date_width - em_width(line)) / 2
            p.paragraph_format.right_indent = Pt(max(0.0, indent) * body_size)

    _page_numbers(doc, st)
    _properties(doc, d)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def render(report: Report, templates: Templates | None = None) -> bytes:
    tpl = templates or Templates.load()
    return render_document(build(report, tpl))

