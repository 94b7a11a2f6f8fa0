"""The structure of the publishable report, independent of the output format.

`build()` turns a `Report` into a `Document`: title lines, preamble, the six sections in the order of
the edition (official titles, the narrative's sub-headings and paragraphs, the table of the section as
a `layout.grid()` with the text of every value cell, the profile's extra lines and tables after it), and
the signature block.  Each renderer (report_docx, report_html, report_markdown, report_text) only
typesets a `Document`; none looks at the declarations or the report model itself.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Union

from ..layout import Grid, GridCell, grid
from ..model import Report
from ..spec import EXTRA_COLUMN, EXTRA_TABLE, CellRef
from ..values import format_number
from .templates import Templates

LEVEL_SECTION = 1  # 一、总体情况 (黑体)
LEVEL_SUB = 2  # （一）… (楷体)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class TablePart:
    grid: Grid
    values: dict[str, str]  # cell key → text printed in the cell

    @property
    def code(self) -> str:
        return self.grid.table.code

    @property
    def caption(self) -> str:
        return self.grid.table.caption

    def text(self, cell: GridCell) -> str:
        """What a grid cell shows: its label, or the value written for its cell reference."""
        return self.values.get(cell.ref.key, "") if cell.ref is not None else cell.text


@dataclass(frozen=True)
class ExtraLinePart:
    text: str  # label and value joined by the wording template
    label: str
    value: str


Part = Union[Heading, Paragraph, TablePart, ExtraLinePart]


@dataclass
class Section:
    number: str
    title: str
    parts: list[Part] = field(default_factory=list)


@dataclass
class Document:
    title_lines: list[str]
    preamble: list[str]
    sections: list[Section]
    signature: list[str]  # agency, 成文日期 (either may be missing)
    settings: Templates

    @property
    def title(self) -> str:
        return "".join(self.title_lines)

    def tables(self) -> list[TablePart]:
        return [p for s in self.sections for p in s.parts if isinstance(p, TablePart)]


def cell_text(report: Report, key: str) -> str:
    """A value as the filer wrote it ("83.82万元", "—"), or its number when only the number is known."""
    cell = report.cells.get(key)
    if cell is None:
        return ""
    if cell.raw is not None and str(cell.raw).strip():
        return str(cell.raw).strip()
    return format_number(cell.value) if cell.value is not None else ""


def format_date(d: dt.date, tpl: Templates) -> str:
    """成文日期 as GB/T 9704 writes it: 2025年1月20日 (no leading zeros)."""
    return tpl.substitute(tpl.wording("date"), "report.toml [wording] date",
                          year=str(d.year), month=str(d.month), day=str(d.day))


def _title_lines(report: Report, tpl: Templates) -> list[str]:
    m = report.meta
    if m.title:
        text = m.title
    else:
        text = tpl.substitute(tpl.wording("title"), "report.toml [wording] title",
                              agency=m.agency or "XX", year=str(m.year or "XXXX"))
    return [line.strip() for line in text.split("\n") if line.strip()]


def _table_part(report: Report, code: str) -> TablePart:
    g = grid(report.edition.table(code))
    return TablePart(g, {c.ref.key: cell_text(report, c.ref.key) for c in g.value_cells()})


def _extra_lines(report: Report, table_code: str, tpl: Templates) -> list[ExtraLinePart]:
    out = []
    for line in report.profile.lines if report.profile else ():
        if line.after_table != table_code:
            continue
        label = line.label_for(report.meta.year)
        value = cell_text(report, CellRef(EXTRA_TABLE, line.code, EXTRA_COLUMN).key)
        text = tpl.substitute(tpl.wording("extra_line"), "report.toml [wording] extra_line", label=label, value=value)
        out.append(ExtraLinePart(text, label, value))
    return out


def build(report: Report, tpl: Templates) -> Document:
    narrative = report.narrative
    official = bool(tpl.wording("official_section_titles"))
    sections: list[Section] = []
    for decl in report.edition.sections:
        written = narrative.section(decl.number)
        title = decl.title if official or written is None or not written.title else written.title
        sec = Section(decl.number, title)
        for block in written.blocks if written else ():
            if not block.text.strip():
                continue
            sec.parts.append(Heading(LEVEL_SUB, block.text.strip()) if block.kind == "heading" else Paragraph(block.text.strip()))
        if decl.table:
            sec.parts.append(_table_part(report, decl.table))
            sec.parts.extend(_extra_lines(report, decl.table, tpl))
            # a profile's own tables printed in this section, after the national one
            sec.parts += [_table_part(report, t.code) for t in report.edition.tables
                          if t.section == decl.number and t.code != decl.table]
        elif not sec.parts and tpl.wording("empty_section"):
            sec.parts.append(Paragraph(tpl.wording("empty_section")))
        sections.append(sec)

    signature: list[str] = []
    if tpl.wording("signature"):
        if report.meta.agency:
            signature.append(report.meta.agency)
        if report.meta.signature_date:
            signature.append(format_date(report.meta.signature_date, tpl))
    preamble = [p.strip() for p in narrative.preamble if p and p.strip()]
    return Document(_title_lines(report, tpl), preamble, sections, signature, tpl)


def display_width(text: str) -> int:
    """Columns a string takes in a monospaced terminal (CJK and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def em_width(text: str) -> float:
    """Width in em of a line set in a CJK font with half-width digits and Latin letters."""
    return display_width(text) / 2


def word_rows(g: Grid) -> list[list[tuple[GridCell, bool]]]:
    """The grid as Word stores it: per row, one entry per table cell, left to right.

    A cell merged across columns is one entry (its gridSpan); a cell merged down is an entry in every
    row it covers, the first one starting the merge and the others continuing it (`True`).  The seed
    report's text extraction shows exactly these entries, continuations as empty cells.
    """
    dense = g.dense()
    rows: list[list[tuple[GridCell, bool]]] = []
    for r in range(g.n_rows):
        row: list[tuple[GridCell, bool]] = []
        k = 0
        while k < g.n_cols:
            cell = dense[r][k]
            if cell is None:  # a hole would be a defect of layout.grid(); keep the columns aligned
                raise ValueError(f"{g.table.code}: grid position {r},{k} is not covered")
            row.append((cell, cell.row != r))
            k = cell.col + cell.colspan
        rows.append(row)
    return rows
