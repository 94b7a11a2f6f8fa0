"""The report model: metadata, every cell as written and as a number, and the narrative.

A `Report` is what every reader produces (JSON, tidy CSV, later workbooks and published documents)
and what the validator, renderers and writers consume.  No model object holds text that a file cannot
carry: every text field passes through `textsafe.clean` when it is set (see textsafe.py).  Cells are keyed by `CellRef.key`
(``T3/R3.3.1/C7``); a cell that is absent from `cells` was not in the source at all (a structure
problem), while a present cell with an empty `raw` is a blank the filer left (a value problem).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Iterator

from . import textsafe
from .editions import applied, default_edition, get_edition, get_profile
from .spec import EXTRA_COLUMN, EXTRA_TABLE, REPORT_TITLE, AgencyKind, CellRef, Edition, Kind, Profile
from .values import BLANK, INVALID, NUMBER, PLACEHOLDER, Parsed, format_number, parse_value

SECTION_NUMBERS = ("一", "二", "三", "四", "五", "六")


@dataclass(frozen=True)
class Cell:
    raw: str | None  # exactly as written (None: an empty cell)
    value: int | Decimal | None  # normalised number in the column's unit
    unit: str | None = None  # unit of `value` for money cells
    status: str = NUMBER  # number | blank | placeholder | invalid
    notes: tuple[str, ...] = ()  # normalisation notes (values.py)
    source: str | None = None  # where it was read: "表三!D7", "report.csv:12", ...

    def __post_init__(self):
        if textsafe.any_unwritable(self.raw, self.unit, self.source):  # cells are many: test first
            for name in ("raw", "unit", "source"):
                textsafe.clean_into(self, name, getattr(self, name))

    @classmethod
    def parse(cls, raw, kind: Kind = Kind.COUNT, unit: str | None = None, source: str | None = None) -> "Cell":
        p: Parsed = parse_value(raw, kind, unit)
        text = raw if raw is None or isinstance(raw, str) else format_number(p.value) if p.value is not None else str(raw)
        return cls(text, p.value, p.unit, p.status, p.notes, source)

    @classmethod
    def whole(cls, value: int, source: str | None = None) -> "Cell":
        """What `parse` makes of a whole number read as one for a cell that is not money, sooner: most
        cells of a workbook (the reader calls it for numbers below values.WHOLE_AS_IS)."""
        return cls(str(value), value, None, NUMBER, (), source)

    @classmethod
    def of(cls, value: int | Decimal, unit: str | None = None, source: str | None = None) -> "Cell":
        return cls(format_number(value), value, unit, NUMBER, (), source)

    @property
    def number(self) -> int | Decimal | None:
        """Value for arithmetic: blanks and placeholders count as 0 (and are reported by V02/V03)."""
        if self.status in (BLANK, PLACEHOLDER):
            return 0
        if self.status == INVALID:
            return None
        return self.value


@dataclass
class Meta:
    agency: str | None = None
    agency_kind: AgencyKind | None = None
    year: int | None = None
    edition: str = field(default_factory=lambda: default_edition().id)
    profile: str | None = None
    title: str | None = None  # as published; None = the default title is used
    signature_date: dt.date | None = None  # 成文日期 under the signature
    publication_date: dt.date | None = None  # date it was put online
    extra: dict[str, str] = field(default_factory=dict)  # contact, address, url, ...

    def __setattr__(self, name, value):
        if name == "extra":
            value = _TextDict(self, value or {})
        textsafe.clean_into(self, name, value)

    @property
    def default_title(self) -> str:
        return f"{self.agency or 'XX'}{self.year or 'XXXX'}年{REPORT_TITLE}"


class _TextDict(dict):
    """Meta.extra: keys and values cleaned however they are put in (extra[k] = v included)."""

    def __init__(self, owner, items):
        super().__init__()
        self._owner = owner
        for k, v in dict(items).items():
            self[k] = v

    def __setitem__(self, key, value):
        k, v = textsafe.clean(key), textsafe.clean(value)
        if k is not key or v is not value:
            textsafe.mark(self._owner)
        super().__setitem__(k, v)

    def __reduce__(self):  # pickles (batch workers) as the plain dict it is
        return dict, (dict(self),)


def _clean_setattr(self, name, value):
    if isinstance(value, list):
        value = textsafe.clean_list(self, value)
    textsafe.clean_into(self, name, value)


@dataclass
class TextBlock:
    kind: str  # "heading" | "paragraph"
    text: str

    __setattr__ = _clean_setattr


@dataclass
class NarrativeSection:
    number: str  # 一 … 六
    title: str | None = None  # as written; None = the official title
    blocks: list[TextBlock] = field(default_factory=list)

    __setattr__ = _clean_setattr

    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "paragraph"]

    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass
class Narrative:
    preamble: list[str] = field(default_factory=list)
    sections: list[NarrativeSection] = field(default_factory=list)

    __setattr__ = _clean_setattr

    def section(self, number: str) -> NarrativeSection | None:
        for s in self.sections:
            if s.number == number:
                return s
        return None

    @property
    def present(self) -> bool:
        return bool(self.preamble or any(s.blocks or s.title for s in self.sections))

    def all_text(self) -> str:
        return "\n".join(self.preamble + [s.text() for s in self.sections])


@dataclass(frozen=True)
class Deviation:
    """A label written differently from the official one, and what it was matched to (S10)."""

    where: str
    written: str
    canonical: str

    def __post_init__(self):
        for name in ("where", "written", "canonical"):
            textsafe.clean_into(self, name, getattr(self, name))


@dataclass(frozen=True)
class Unplaced:
    """Something read from the source that belongs to no declared cell (S08)."""

    where: str
    text: str
    raw: str | None = None

    def __post_init__(self):
        for name in ("where", "text", "raw"):
            textsafe.clean_into(self, name, getattr(self, name))


@dataclass
class DocumentInfo:
    """What an importer saw in a published document: the evidence for rules S02, S03 and S09."""

    kind: str  # txt | html | docx | pdf
    headings: list[tuple[str, str]] = field(default_factory=list)  # (section 一…六, heading as written), in order
    table3_note: bool | None = None  # the 勾稽 note of table 三 was found (None: no table 三 seen)


@dataclass(frozen=True)
class WorkbookIssue:
    """Something the workbook reader noticed about the file itself (rules W01–W04)."""

    rule: str  # W01 … W04
    key: str  # message key, e.g. "W03.overwritten"
    where: str  # 表三!J7, a sheet name, or ""
    params: tuple[tuple[str, str], ...] = ()


@dataclass
class WorkbookInfo:
    """How a workbook was read: the evidence for rules W01–W04."""

    strategy: str  # "template": through the template's cell map; "labels": by matching the official labels
    application: str | None = None  # docProps/app.xml: Microsoft Excel, WPS Office, LibreOffice …
    template_version: str | None = None
    issues: list[WorkbookIssue] = field(default_factory=list)


@dataclass
class Report:
    meta: Meta = field(default_factory=Meta)
    cells: dict[str, Cell] = field(default_factory=dict)
    narrative: Narrative = field(default_factory=Narrative)
    source: str | None = None  # file it was read from
    read_notes: list[str] = field(default_factory=list)  # how it was read (strategy, detection)
    deviations: list[Deviation] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    document: DocumentInfo | None = None  # set only by the document importers
    workbook: WorkbookInfo | None = None  # set only by the workbook reader

    def __post_init__(self):
        self.note_cleaned_text()  # a report built whole (a template for an agency, a merge)

    # -- text ---------------------------------------------------------------------------------------
    def cleaned_places(self) -> list[str]:
        """Where text was cleaned on its way into this report (textsafe.py), for the read note."""
        places = ["基本信息"] if textsafe.was_cleaned(self.meta) else []
        places += [key for key, c in self.cells.items() if textsafe.was_cleaned(c)]
        n = self.narrative
        if textsafe.was_cleaned(n) or any(textsafe.was_cleaned(s) or any(textsafe.was_cleaned(b) for b in s.blocks)
                                          for s in n.sections):
            places.append("正文")
        if any(textsafe.was_cleaned(x) for x in (*self.deviations, *self.unplaced)):
            places.append("表外内容")
        return places

    def note_cleaned_text(self) -> None:
        """Record one read note when any text had to be cleaned (once; the marks are then cleared)."""
        places = self.cleaned_places()
        if places:
            self.read_notes.append(textsafe.cleaning_note(places))
            for obj in (self.meta, *self.cells.values(), self.narrative, *self.narrative.sections,
                        *(b for s in self.narrative.sections for b in s.blocks), *self.deviations, *self.unplaced):
                textsafe.unmark(obj)

    # -- declaration ------------------------------------------------------------------------------
    @property
    def edition(self) -> Edition:
        """The declaration the report is read, checked and printed against: its edition with the tables
        and equations of its profile (the edition itself when the profile adds none)."""
        return applied(self.meta.edition, self.meta.profile)

    @property
    def profile(self) -> Profile | None:
        return get_profile(self.meta.profile)

    # -- cells ------------------------------------------------------------------------------------
    def cell(self, ref: CellRef | str) -> Cell | None:
        return self.cells.get(ref if isinstance(ref, str) else ref.key)

    def number(self, ref: CellRef | str) -> int | Decimal | None:
        c = self.cell(ref)
        return None if c is None else c.number

    def numbers(self) -> dict[str, int | Decimal | None]:
        """`number` of every present cell by its key, for work that reads them all (equations, totals)."""
        return {key: cell.number for key, cell in self.cells.items()}

    def total(self, *roles: str) -> int | Decimal | None:
        """The sum of the cells having `roles` (a key figure: `total(Role.RECEIVED, Role.TOTAL)`); None when the
        edition has no such cell or one of them is not a number."""
        values = [self.number(ref) for ref in self.edition.cells_for(*roles)]
        return None if not values or any(v is None for v in values) else sum(values)

    def set(self, ref: CellRef | str, raw, source: str | None = None) -> Cell:
        """Parse `raw` as the declared kind of the cell and store it."""
        key = ref if isinstance(ref, str) else ref.key
        kind, unit = self.kind_of(CellRef.parse(key))
        cell = Cell.parse(raw, kind, unit, source)
        self.cells[key] = cell
        return cell

    def kind_of(self, ref: CellRef) -> tuple[Kind, str | None]:
        if ref.table == EXTRA_TABLE:
            for line in self.profile.lines if self.profile else ():
                if line.code == ref.row:
                    return line.kind, None
            raise KeyError(ref.key)
        _, block, _, col = self.edition.locate(ref.table, ref.row, ref.col)
        return block.kind_of(col), col.unit

    def declared_refs(self) -> Iterator[CellRef]:
        """Every cell the edition (and profile) declares, in reading order."""
        for t, _, r, c in self.edition.cells():
            yield CellRef(t.code, r.code, c.code)
        for line in self.profile.lines if self.profile else ():
            yield CellRef(EXTRA_TABLE, line.code, EXTRA_COLUMN)

    def with_zeros(self) -> "Report":
        """A copy in which every declared cell that is absent holds 0."""
        cells = dict(self.cells)
        for ref in self.declared_refs():
            cells.setdefault(ref.key, Cell.of(0))
        return replace(self, cells=cells)


def blank_report(edition: str, year: int | None = None, agency: str | None = None, profile: str | None = None) -> Report:
    meta = Meta(agency=agency, year=year, edition=get_edition(edition).id, profile=profile)
    return Report(meta=meta).with_zeros()
