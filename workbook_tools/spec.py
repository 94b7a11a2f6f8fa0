"""The vocabulary every edition declaration is written in.

An edition of the official format is pure data built from these frozen dataclasses: tables made of
blocks, blocks made of rows and columns, each with a stable ASCII code and its character-exact
official label.  Everything else in the toolkit (workbook writer, reader cell map, rules, renderers,
importers) derives from these objects; nothing re-types a label.

`check_edition()` validates a declaration itself (unique codes, resolvable rule references) so that
a mistake in a new declaration file fails loudly at import time in the tests, not in a user's file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from typing import Iterator


def _by(items, attr: str, value):
    """The item whose `attr` equals `value` (declarations are small: a scan is fine)."""
    for item in items:
        if getattr(item, attr) == value:
            return item
    raise KeyError(value)


class Role:
    """What a table, row or column means to the rest of the toolkit (batch summaries, narrative
    checks, the workbook writer), so that no caller spells a cell code.  A cell has the roles of its
    table, its row and its column; `Edition.cells_for(a, b)` are the cells having both.  Plain
    strings, not an Enum, so a role can key the same dicts as the narrative vocabulary's words."""

    # tables
    DISCLOSURE = "disclosure"  # 表二 主动公开
    APPLICATIONS = "applications"  # 表三 依申请公开
    APPEALS = "appeals"  # 表四 行政复议、行政诉讼
    # rows of table 三
    RECEIVED = "received"  # 一、本年新收
    CARRIED_OVER = "carried_over"  # 二、上年结转
    CLOSED = "closed"  # （七）总计 of the results
    FORWARD = "forward"  # 四、结转下年度继续办理
    DISCLOSED = "disclosed"  # （一）予以公开
    PARTLY_DISCLOSED = "partly_disclosed"  # （二）部分公开
    WITHHELD = "withheld"  # （三）不予公开
    UNAVAILABLE = "unavailable"  # （四）无法提供
    NOT_PROCESSED = "not_processed"  # （五）不予处理
    OTHER_HANDLING = "other_handling"  # （六）其他处理
    FEE_NOTICE = "fee_notice"  # closed because a fee notice went unpaid (2021 only)
    # the total column of tables 三 and 四
    TOTAL = "total"
    # rows and columns of table 四
    REVIEW = "review"  # 行政复议
    LITIGATION = "litigation"  # both 行政诉讼 rows
    DIRECT_SUIT = "direct_suit"  # 未经复议直接起诉
    SUIT_AFTER_REVIEW = "suit_after_review"  # 复议后起诉
    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER_RESULT = "other_result"
    PENDING = "pending"
    # table 二
    REGULATIONS = "regulations"  # 规章
    NORMATIVE = "normative"  # （行政）规范性文件
    IN_FORCE = "in_force_count"  # 现行有效件数 (2021)
    FEE_AMOUNT = "fee_amount"  # 本年收费金额 (2021)


# Roles are a reading aid, not layout: kept out of repr and equality so that the declaration hash of
# issued templates (repr of the edition) does not change when a role is added.
def _roles(*names: str):
    return field(default=frozenset(names), repr=False, compare=False)


class Kind(str, Enum):
    """What a data cell may hold."""

    COUNT = "count"  # whole number >= 0 (件, 个)
    SIGNED = "signed"  # whole number, may be negative (本年增/减)
    MONEY = "money"  # decimal >= 0 in a unit (万元, 元)


class AgencyKind(str, Enum):
    DEPARTMENT = "department"  # 县级以上人民政府部门: deadline 1月31日
    GOVERNMENT = "government"  # 县级以上地方人民政府: deadline 3月31日
    OTHER = "other"  # 乡镇、街道、其他: no statutory deadline


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    group: str | None = None  # merged header above this column (法人或其他组织)
    kind: Kind | None = None  # overrides the block's kind
    unit: str | None = None  # canonical unit of a MONEY column; None = must be stated by the filer
    roles: frozenset[str] = _roles()


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    group: str | None = None  # merged label to the left, e.g. （三）不予公开
    band: str | None = None  # outer merged label, e.g. 三、本年度办理结果
    role: str = "data"  # "outcome" rows add up to the "total" row of table 三
    roles: frozenset[str] = _roles()  # meanings (`Role`), unlike `role`, which drives the sums

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(p for p in (self.band, self.group, self.label) if p)

    @property
    def qualified_label(self) -> str:
        """Label that is unique inside its table: ``（三）不予公开/1.属于国家秘密``."""
        return f"{self.group}/{self.label}" if self.group else self.label


@dataclass(frozen=True)
class Block:
    code: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    caption: str | None = None  # 第二十条第（一）项: a row spanning the table width
    corner: str | None = None  # first header cell (信息内容)
    kind: Kind = Kind.COUNT

    def column(self, code: str) -> Column:
        return _by(self.columns, "code", code)

    def row(self, code: str) -> Row:
        return _by(self.rows, "code", code)

    def kind_of(self, col: Column) -> Kind:
        return col.kind or self.kind


class Layout(str, Enum):
    """How a table's grid is printed (see layout.py)."""

    STACKED = "stacked"  # table 二: blocks one under another, each with caption + header row
    CROSSTAB = "crosstab"  # table 三: row-label tree on the left, column tree on top
    TRANSPOSED = "transposed"  # table 四: (row, column) pairs laid out as one line of columns


@dataclass(frozen=True)
class Table:
    code: str  # T2, T3, T4
    number: str  # 二、三、四
    section: str  # number of the report section holding the table
    name: str  # short name used in messages: 主动公开政府信息情况
    layout: Layout
    blocks: tuple[Block, ...]
    column_band: str | None = None  # 申请人情况 (top header over all columns of table 三)
    note: str | None = None  # the 勾稽 note printed in the corner of table 三
    # phrases any one of which shows the note was printed (a character off allowed); a reading hint
    note_cues: tuple[str, ...] = field(default=(), repr=False, compare=False)
    width: int = 0  # value columns in a STACKED table (shorter blocks span the rest)
    completeness_rule: str = "S06"
    roles: frozenset[str] = _roles()
    # the printed title of a profile's own table (`ExtraTable`), in place of 表二/表三/表四; kept out of
    # repr so that the declaration hash of the national templates does not change
    heading: str | None = field(default=None, repr=False)

    @property
    def title(self) -> str:
        return self.heading or f"表{self.number}"

    @property
    def caption(self) -> str:
        """The line printed above the table: 表三 政府信息公开行政复议、行政诉讼情况, or a profile's title."""
        return self.heading or f"{self.title} {self.name}"

    def cells(self) -> Iterator[tuple[Block, Row, Column]]:
        for b in self.blocks:
            for r in b.rows:
                for c in b.columns:
                    yield b, r, c

    def rows(self) -> Iterator[tuple[Block, Row]]:
        for b in self.blocks:
            for r in b.rows:
                yield b, r


@dataclass(frozen=True)
class Section:
    number: str  # 一 … 六
    title: str  # character-exact, with the numeral: 一、总体情况
    table: str | None = None  # code of the table printed in this section
    variants: tuple[str, ...] = ()  # titles seen in real reports, accepted with a warning (S03)
    topics: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (topic, keywords) for coverage checks
    # words that make a numbered heading at this position this section (S03, not S02).  Reading hints,
    # not layout: kept out of repr, so the declaration hash of issued templates does not change.
    cues: tuple[str, ...] = field(default=(), repr=False, compare=False)


@dataclass(frozen=True)
class ExtraLine:
    """A profile's line outside the national tables (one value cell)."""

    code: str
    label: str  # may contain {year}
    after_table: str
    kind: Kind = Kind.COUNT

    def label_for(self, year: int | None) -> str:
        return self.label.replace("{year}", str(year) if year else "XXXX")


EXTRA_TABLE_CODE = re.compile(r"^X[0-9]+$")  # a profile's table: never a national code, never EXTRA_TABLE
SHEET_NAME_FORBIDDEN = frozenset("[]:*?/\\")


@dataclass(frozen=True)
class ExtraTable:
    """A profile's own table, printed right after a national table: rows by columns, laid out like
    table 三.  Its cells are stored under its own code (``X1/R1/C1``); the national cells never change.
    Totals and ties to national cells are the profile's `equations` (rule A10)."""

    code: str  # X1, X2 …
    title: str  # printed above the table; also its sheet name in a workbook (at most 31 characters)
    after_table: str  # code of the national table it follows
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    kind: Kind = Kind.COUNT
    corner: str | None = None  # the top-left header cell (项目)

    def table(self, section: str) -> Table:
        """As a table of an edition, printed in `section` (the section of `after_table`)."""
        block = Block("B1", self.rows, self.columns, corner=self.corner, kind=self.kind)
        return Table(self.code, "", section, self.title, Layout.CROSSTAB, (block,), note=self.corner,
                     completeness_rule="", heading=self.title)


@dataclass(frozen=True)
class Profile:
    """A provincial or local extension: extra lines, tables of its own with their equations, and
    label parentheticals it tolerates."""

    id: str
    name: str
    name_en: str
    lines: tuple[ExtraLine, ...] = ()
    label_suffixes: tuple[str, ...] = ()  # parentheticals appended to official labels (§11)
    editions: tuple[str, ...] = ()  # edition ids it applies to; empty = all
    source: str = ""
    # Tables and equations stay out of repr, so the declaration hash of templates issued before profiles
    # had tables does not change; a template's hash covers them through the edition they apply to.
    tables: tuple[ExtraTable, ...] = field(default=(), repr=False)
    equations: tuple = field(default=(), repr=False)  # rules.expr.Equation, rule A10

    def fits(self, edition: "Edition") -> bool:
        return not self.editions or edition.id in self.editions or edition.based_on in self.editions

    def applied_to(self, edition: "Edition") -> "Edition":
        """`edition` with this profile's tables (each right after its national table) and equations."""
        if not (self.tables or self.equations) or not self.fits(edition):
            return edition
        known = {t.code for t in edition.tables}
        tables: list[Table] = []
        for t in edition.tables:
            tables.append(t)
            tables += [x.table(t.section) for x in self.tables if x.after_table == t.code]
        equations = tuple(eq for eq in self.equations
                          if all(c.table in known or any(x.code == c.table for x in self.tables)
                                 for c in eq.lhs + eq.rhs))
        return replace(edition, tables=tuple(tables), equations=edition.equations + equations)


EXTRA_TABLE = "X"  # table code under which profile lines are stored in a report
EXTRA_COLUMN = "V"
# the words every report's title ends with, in both editions (《中华人民共和国政府信息公开工作年度报告格式》)
REPORT_TITLE = "政府信息公开工作年度报告"


@dataclass(frozen=True)
class Edition:
    id: str
    name: str
    name_en: str
    document: str  # 国办公开办函〔2021〕30号
    document_title: str
    years: tuple[int, int | None]  # report years it is prescribed for (inclusive; None = open)
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    equations: tuple = ()  # rules.expr.Equation, declared with the tables they balance
    official: bool = True  # False for layouts seen in the wild but never prescribed
    based_on: str | None = None  # for a variant: the official edition it mostly follows
    markers: tuple[str, ...] = ()  # labels found only in this layout (detection, S01)
    notes: str = ""

    def __hash__(self) -> int:
        # the key of every per-edition cache: hashing the whole declaration tree costs ~20 µs, and a
        # declaration never changes, so it is hashed once
        h = self.__dict__.get("_hash")
        if h is None:
            h = self.__dict__["_hash"] = hash(tuple(getattr(self, f.name) for f in fields(self)))
        return h

    def table(self, code: str) -> Table:
        return _by(self.tables, "code", code)

    def section(self, number: str) -> Section:
        return _by(self.sections, "number", number)

    def prescribed_for(self, year: int) -> bool:
        lo, hi = self.years
        return self.official and year >= lo and (hi is None or year <= hi)

    def cells(self) -> Iterator[tuple[Table, Block, Row, Column]]:
        for t in self.tables:
            for b, r, c in t.cells():
                yield t, b, r, c

    def cells_for(self, *roles: str) -> tuple["CellRef", ...]:
        """Cells having every one of `roles` (from their table, row or column), in reading order;
        empty when this edition has no such cell (a fee-notice row in the 2019 edition)."""
        if not roles:
            raise ValueError("cells_for needs at least one role")
        want = frozenset(roles)
        # asked some thirty times per validation: remembered per edition (a declaration never changes)
        memo = self.__dict__.setdefault("_cells_for", {})
        if want not in memo:
            memo[want] = tuple(CellRef(t.code, r.code, c.code) for t, _, r, c in self.cells()
                               if want <= t.roles | r.roles | c.roles)
        return memo[want]

    def rows_for(self, *roles: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ref.row for ref in self.cells_for(*roles)))

    def columns_for(self, *roles: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ref.col for ref in self.cells_for(*roles)))

    def table_for(self, *roles: str) -> Table:
        """The one table holding the cells of `roles`."""
        codes = {ref.table for ref in self.cells_for(*roles)}
        if len(codes) != 1:
            raise KeyError(f"roles {sorted(roles)} span tables {sorted(codes)}")
        return self.table(codes.pop())

    def locate(self, table: str, row: str, col: str) -> tuple[Table, Block, Row, Column]:
        t = self.table(table)
        for b in t.blocks:
            for r in b.rows:
                if r.code == row:
                    return t, b, r, b.column(col)
        raise KeyError(f"{table}/{row}/{col}")


@dataclass(frozen=True)
class CellRef:
    """Address of one value cell: table, row and column codes."""

    table: str
    row: str
    col: str

    def __post_init__(self):
        # the key a report's cells are stored under, and the Excel defined name (letters, digits and
        # underscores only): asked thousands of times per validation and per workbook read
        object.__setattr__(self, "key", f"{self.table}/{self.row}/{self.col}")
        object.__setattr__(self, "name", f"{self.table}_{self.row}_{self.col}".replace(".", "_"))

    def __hash__(self) -> int:
        return hash(self.key)  # equal addresses have equal keys; a str keeps its hash

    @classmethod
    def parse(cls, key: str) -> "CellRef":
        parts = key.split("/")
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"not a cell key: {key!r}")
        return cls(*parts)

    def __str__(self) -> str:
        return self.key


def cell_refs(edition: Edition) -> list[CellRef]:
    return [CellRef(t.code, r.code, c.code) for t, _, r, c in edition.cells()]


def check_edition(edition: Edition) -> list[str]:
    """Problems in a declaration (empty list = sound)."""
    problems: list[str] = []
    seen_tables = set()
    for t in edition.tables:
        if t.code in seen_tables:
            problems.append(f"duplicate table {t.code}")
        seen_tables.add(t.code)
        rows = [r.code for _, r in t.rows()]
        if len(rows) != len(set(rows)):
            problems.append(f"{t.code}: duplicate row codes")
        for b in t.blocks:
            cols = [c.code for c in b.columns]
            if len(cols) != len(set(cols)):
                problems.append(f"{t.code}/{b.code}: duplicate column codes")
            if t.layout is Layout.STACKED and len(b.columns) > t.width:
                problems.append(f"{t.code}/{b.code}: wider than the table")
            for r in b.rows:
                if not r.label.strip():
                    problems.append(f"{t.code}/{r.code}: empty label")
            for c in b.columns:
                if not c.label.strip():
                    problems.append(f"{t.code}/{c.code}: empty label")
                if b.kind_of(c) is not Kind.MONEY and c.unit:
                    problems.append(f"{t.code}/{c.code}: unit on a non-money column")
        if t.code not in {s.table for s in edition.sections if s.table}:
            problems.append(f"{t.code}: no section prints it")
    known = {r.key for r in cell_refs(edition)}
    for eq in edition.equations:
        for inst in eq.expand(edition):
            for term in inst.terms():
                if term.ref.key not in known:
                    problems.append(f"{eq.rule}: unknown cell {term.ref.key}")
    if len(edition.sections) != 6:
        problems.append("an edition has six sections")
    return problems


def check_profile(profile: Profile, edition: Edition) -> list[str]:
    """Problems in a profile's tables and equations, against an edition it applies to."""
    problems: list[str] = []
    national = {t.code for t in edition.tables}
    taken = {t.title for t in edition.tables} | {s.title for s in edition.sections}
    codes = [x.code for x in profile.tables]
    if len(codes) != len(set(codes)):
        problems.append("duplicate extra table codes")
    for x in profile.tables:
        if not EXTRA_TABLE_CODE.match(x.code):
            problems.append(f"{x.code}: an extra table code is X and a number (X1)")
        if x.after_table not in national:
            problems.append(f"{x.code}: no national table {x.after_table}")
        if not x.title.strip() or len(x.title) > 31 or SHEET_NAME_FORBIDDEN & set(x.title):
            problems.append(f"{x.code}: the title must be a sheet name (1–31 characters, none of []:*?/\\)")
        if not x.rows or not x.columns:
            problems.append(f"{x.code}: no rows or no columns")
        if x.title in taken:  # the sheet names of a workbook must differ
            problems.append(f"{x.code}: the title {x.title} is already a table's or section's")
        taken.add(x.title)
    applied = profile.applied_to(edition)
    problems += [p for p in check_edition(applied) if not p.endswith("no section prints it")]
    if len(applied.equations) - len(edition.equations) != len(profile.equations):
        problems.append("an equation names a table that is neither national nor the profile's")
    for eq in profile.equations:
        if eq.rule != "A10":
            problems.append(f"{eq.rule}: a profile's equations are checked as A10")
    return problems

