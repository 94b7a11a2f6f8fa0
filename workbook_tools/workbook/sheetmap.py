"""Where everything lives in the workbook: the one cell map shared by the template writer and the reader.

The map is derived from an edition (and profile) declaration plus the number of narrative slots:
each table's grid (layout.py) is placed on its sheet below a title, every value cell gets an
address and a defined name, metadata fields and narrative text slots get cells of their own.  The
writer lays the workbook out from this map and records it in the hidden sheet; the reader either
rebuilds it from the declaration named there or falls back to label matching.  Nothing here knows
about xlsxwriter or openpyxl.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..editions import applied, get_edition, get_profile
from ..layout import VALUE, Grid, grid
from ..rules.python import derive_totals
from ..spec import EXTRA_COLUMN, EXTRA_TABLE, REPORT_TITLE, CellRef, Edition, Kind, Layout, Profile, _by
from .xlsxread import col_letters

TEMPLATE_VERSION = "1.0"
FORMAT_ID = "xxgk-annual-report-template"
META_SHEET = "_xxgk"  # very hidden: identification and the cell map
INFO_SHEET = "基本信息"
CHECK_SHEET = "校验"
HELP_SHEET = "填报说明"
NARRATIVE_SECTIONS = ("一", "五", "六")  # sections written as text on sheets of their own
TABLE_ORIGIN = 3  # rows above each table: title, live status line, unit line
DEFAULT_SLOTS = {"一": 8, "五": 4, "六": 4}  # heading + text pairs offered per narrative sheet


def a1(row: int, col: int, absolute: bool = False) -> str:
    """0-based (row, col), as the writer counts → ``D7`` (or ``$D$7``)."""
    d = "$" if absolute else ""
    return f"{d}{col_letters(col + 1)}{d}{row + 1}"


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


@dataclass(frozen=True)
class Placed:
    """A value cell of a table (or a profile line) at its position."""

    ref: CellRef
    sheet: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    kind: Kind = Kind.COUNT
    unit: str | None = None
    total: bool = False  # computed by a formula, locked

    @property
    def address(self) -> str:
        return a1(self.row, self.col)

    @property
    def name(self) -> str:
        return self.ref.name


@dataclass(frozen=True)
class Field:
    """A metadata field or narrative text cell.  `key` says where it goes in the report model."""

    key: str  # meta.agency, meta.year, extra.telephone, preamble, text.一.3.heading, text.一.3.body
    label: str
    sheet: str
    row: int
    col: int
    kind: str = "text"  # text | year | date | choice | info (locked, shown only)
    default: str | None = None  # pre-filled heading of a narrative slot

    @property
    def address(self) -> str:
        return a1(self.row, self.col)

    @property
    def name(self) -> str:
        """Defined name: ASCII, derived from the key (``text.一.3.body`` → ``TEXT_S1_3_BODY``)."""
        parts = self.key.replace("一", "S1").replace("二", "S2").replace("三", "S3").replace("四", "S4")
        parts = parts.replace("五", "S5").replace("六", "S6")
        return "F_" + re.sub(r"[^A-Za-z0-9]", "_", parts).upper()


@dataclass(frozen=True)
class TablePlacement:
    table: str
    sheet: str
    origin: int  # sheet row of the grid's first row
    grid: Grid
    extra_rows: tuple[int, ...] = ()  # sheet rows of profile lines after the table
    text_row: int = 0  # the section's free-text cell below the table

    @property
    def last_row(self) -> int:
        return max((self.origin + self.grid.n_rows - 1, *self.extra_rows))


# Metadata fields of the 基本信息 sheet, in order: (key, label, kind).
META_FIELDS = (
    ("meta.agency", "报告单位（全称）", "text"),
    ("meta.agency_kind", "单位类型", "choice"),
    ("meta.year", "报告年度", "year"),
    ("meta.edition", "适用格式", "info"),
    ("meta.profile", "地方补充格式", "info"),
    ("meta.title", f"报告标题（可不填，默认为“单位+年度+{REPORT_TITLE}”）", "text"),
    ("meta.signature_date", "成文日期（落款日期）", "date"),
    ("meta.publication_date", "发布日期（在网站公开的日期）", "date"),
    ("extra.contact", "联系单位或联系人", "text"),
    ("extra.telephone", "联系电话", "text"),
    ("extra.address", "通信地址", "text"),
    ("extra.url", "报告发布网址", "text"),
)
INFO_FIRST_ROW = 3  # rows 0–2: title, subtitle, blank


@dataclass(frozen=True)
class WorkbookMap:
    edition: Edition
    profile: Profile | None
    sheets: tuple[str, ...]  # visible sheets in reading order (the hidden sheet comes last)
    tables: tuple[TablePlacement, ...]
    cells: tuple[Placed, ...]
    fields: tuple[Field, ...]
    slots: tuple[tuple[str, int], ...]  # (section, number of heading+text pairs)
    _by_key: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)  # derived texts (formulas)

    def __post_init__(self):
        self._by_key.update({p.ref.key: p for p in self.cells})

    def table(self, code: str) -> TablePlacement:
        return _by(self.tables, "table", code)

    def placed(self, ref: CellRef | str) -> Placed:
        key = ref if isinstance(ref, str) else ref.key
        return self._by_key[key]

    def address(self, ref: CellRef, from_sheet: str | None = None, absolute: bool = False) -> str:
        """Formula address of a value cell; sheet-qualified unless it is on `from_sheet`."""
        p = self.placed(ref)
        local = a1(p.row, p.col, absolute)
        return local if p.sheet == from_sheet else f"{quote_sheet(p.sheet)}!{local}"

    def inputs(self) -> list[Placed]:
        return [p for p in self.cells if not p.total]

    def field(self, key: str) -> Field:
        return _by(self.fields, "key", key)

    @property
    def declaration_hash(self) -> str:
        if "declaration_hash" not in self.memo:  # the repr of a whole declaration: once per map, not per read
            self.memo["declaration_hash"] = declaration_hash(self.edition, self.profile)
        return self.memo["declaration_hash"]


def declaration_hash(edition: Edition, profile: Profile | None) -> str:
    """Fingerprint of the declarations a template was generated from (frozen dataclass reprs are stable).
    `edition` is the one the profile applies to: a profile's tables and equations are in its repr."""
    return hashlib.sha256(f"{edition!r}|{profile!r}".encode("utf-8")).hexdigest()[:16]


def text_column(tp: TablePlacement) -> int:
    """Column of the free-text cell below a table: right of the label columns (at least three wide)."""
    return max(tp.grid.label_cols, 1 if tp.grid.table.layout is Layout.STACKED else 3)


def narrative_sheet(edition: Edition, number: str) -> str:
    return edition.section(number).title


def _table_placement(edition: Edition, profile: Profile | None, code: str, totals) -> tuple[TablePlacement, list[Placed]]:
    table = edition.table(code)
    sheet = table.title  # 表二, 表三, 表四
    g = grid(table)
    placed: list[Placed] = []
    for c in g.cells:
        if c.role != VALUE:
            continue
        _, block, _, col = edition.locate(c.ref.table, c.ref.row, c.ref.col)
        placed.append(Placed(c.ref, sheet, TABLE_ORIGIN + c.row, c.col, c.rowspan, c.colspan,
                             block.kind_of(col), col.unit, c.ref in totals))
    row = TABLE_ORIGIN + g.n_rows
    extra_rows = []
    for line in profile.lines if profile else ():
        if line.after_table == code:
            extra_rows.append(row)
            placed.append(Placed(CellRef(EXTRA_TABLE, line.code, EXTRA_COLUMN), sheet, row, g.n_cols - 1, kind=line.kind))
            row += 1
    return TablePlacement(code, sheet, TABLE_ORIGIN, g, tuple(extra_rows), row + 2), placed


def build_map(edition: Edition | str, profile: Profile | str | None = None, slots: dict[str, int] | None = None) -> WorkbookMap:
    """The cell map of a template.  `slots` may ask for more narrative pairs than the default."""
    ed = get_edition(edition) if isinstance(edition, str) else edition
    prof = get_profile(profile) if isinstance(profile, str) or profile is None else profile
    want = dict(DEFAULT_SLOTS)
    want.update(slots or {})
    return _build(ed.id, prof.id if prof else None, tuple(sorted(want.items())))


@lru_cache(maxsize=32)
def _build(edition_id: str, profile_id: str | None, slots: tuple[tuple[str, int], ...]) -> WorkbookMap:
    """Cached by ids: hashing the deep declaration objects themselves would cost more than building."""
    ed, prof = applied(edition_id, profile_id), get_profile(profile_id)
    totals = set(derive_totals(ed))
    fields: list[Field] = [Field(key, label, INFO_SHEET, INFO_FIRST_ROW + i, 1, kind)
                           for i, (key, label, kind) in enumerate(META_FIELDS)]
    counts = dict(slots)
    sheets = [INFO_SHEET]
    tables: list[TablePlacement] = []
    cells: list[Placed] = []
    for section in ed.sections:
        if section.table:
            tp, placed = _table_placement(ed, prof, section.table, totals)
            tables.append(tp)
            cells += placed
            # a money column without a declared unit: the filer picks 元/万元 beside the figure (rule V04)
            fields += [Field(f"unit.{p.ref.key}", "金额单位", p.sheet, p.row, tp.grid.n_cols, "unit")
                       for p in placed if p.kind is Kind.MONEY and p.unit is None]
            sheets.append(tp.sheet)
            fields.append(Field(f"text.{section.number}.1.body", "本部分文字说明（可选）", tp.sheet, tp.text_row,
                                text_column(tp)))
            for own in (t for t in ed.tables if t.section == section.number and t.code != section.table):
                tp, placed = _table_placement(ed, prof, own.code, totals)  # a profile's table: a sheet of its own
                tables.append(tp)
                cells += placed
                fields += [Field(f"unit.{p.ref.key}", "金额单位", p.sheet, p.row, tp.grid.n_cols, "unit")
                           for p in placed if p.kind is Kind.MONEY and p.unit is None]
                sheets.append(tp.sheet)
            continue
        sheet = narrative_sheet(ed, section.number)
        sheets.append(sheet)
        row = 3
        if section.number == "一":
            fields.append(Field("preamble", "引言（报告开头的说明段落）", sheet, row, 1))
            row += 1
        topics = [t for t, _ in section.topics]
        for i in range(1, counts.get(section.number, 1) + 1):
            default = f"（{_CN[i]}）{topics[i - 1]}" if i <= len(topics) else None
            fields.append(Field(f"text.{section.number}.{i}.heading", f"小标题{i}", sheet, row, 0, "heading", default))
            fields.append(Field(f"text.{section.number}.{i}.body", f"小标题{i}下的正文", sheet, row, 1))
            row += 1
    sheets += [CHECK_SHEET, HELP_SHEET]
    return WorkbookMap(ed, prof, tuple(sheets), tuple(tables), tuple(cells), tuple(fields), slots)


_CN = "〇一二三四五六七八九十" + "".join(f"十{d}" for d in "一二三四五六七八九")
