"""Published table text → declared cells, by matching labels (SPEC §12).

A source table is a list of rows of cell texts.  It is *dense* when positions are real grid columns
(HTML, Word and PDF tables: a merged cell is repeated over its span, or left empty) and *sparse* when
a row is only the sequence of cells as written (plain text extracted from Word, where a merged
header appears once).

Columns are identified from the header rows, never by counting numbers:
- dense: each source column gets the declared leaf that every matched header text above it covers
  (the intersection of their spans in `layout.grid()`: 法人或其他组织 ∩ 商业企业 = C2);
- sparse: the header texts, read in order, must be exactly the declared headers in the declared
  order; only then are values taken in declared order, and a row with the wrong number of values
  is refused.
Rows are identified by their own (rightmost) label; a merged group label carried down from above
only helps when the label is damaged (``2.其他法律行政止公开`` under （三）不予公开).  Whatever cannot
be aligned with confidence is reported as a problem and left out; a value never lands in a cell it
was not matched to.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..editions import other_labels
from ..labels import Matcher, normalize
from ..layout import HEADER, grid
from ..model import Deviation, Unplaced
from ..spec import Block, ExtraLine, Kind, Layout, Profile, Row, Table
from ..values import INVALID, parse_value

_ITEM_NO = re.compile(r"^\s*(\d+)\s*[.、．，,]")


@dataclass
class SourceTable:
    rows: list[list[str]]
    dense: bool
    where: str  # where the table was found: "第4页", "表格2", "第88行"
    row_where: list[str] = field(default_factory=list)  # per row, if more precise than `where`

    def at(self, i: int) -> str:
        return self.row_where[i] if i < len(self.row_where) and self.row_where[i] else f"{self.where}第{i + 1}行"


@dataclass
class Problem:
    zh: str
    en: str


@dataclass
class Alignment:
    table: Table
    cells: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (raw, source)
    extra: dict[str, tuple[str, str]] = field(default_factory=dict)  # profile line code → (raw, source)
    deviations: list[Deviation] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    labels_matched: int = 0
    rows_unmatched: int = 0

    @property
    def score(self) -> int:
        return len(self.cells) + self.labels_matched - 10 * self.rows_unmatched - 5 * len(self.problems)

    def deviate(self, where: str, written: str, canonical: str) -> None:
        w = clean(written)
        if w != canonical and not any(d.written == w and d.canonical == canonical for d in self.deviations):
            self.deviations.append(Deviation(where, w, canonical))


def clean(text: str) -> str:
    """A cell's text as written, without the line breaks a narrow cell adds."""
    return re.sub(r"\s*\n\s*", "", text or "").strip()


def is_value(text: str) -> bool:
    """Could this cell hold a figure (a number, a blank, a placeholder, a number with a unit)?"""
    return parse_value(text, Kind.MONEY).status != INVALID


def _has_number(cells: list[str]) -> bool:
    return any(c.strip() and is_value(c) for c in cells)


# ------------------------------------------------------------------------------------------------
# What the declaration says the header looks like (derived from layout.grid)
# ------------------------------------------------------------------------------------------------


@dataclass
class HeaderSpec:
    leaves: list[tuple[str | None, str]]  # (row code or None, column code) per value column, in order
    spans: dict[str, frozenset[int]]  # canonical header text → leaf indices it covers
    sequence: list[str]  # canonical header texts in printed (row-major) order
    matcher: Matcher

    @classmethod
    def of(cls, leaves, cells: list[tuple[str, frozenset[int]]], aliases=()) -> "HeaderSpec":
        """`aliases`: (label another edition prints, canonical header text) pairs."""
        spans: dict[str, frozenset[int]] = {}
        for text, cover in cells:
            spans[text] = spans.get(text, frozenset()) | cover
        pairs = [(t, t) for t in spans] + [(a, t) for a, t in aliases if normalize(a) not in map(normalize, spans)]
        return cls(leaves, spans, [t for t, _ in cells], Matcher(pairs))


def crosstab_spec(t: Table) -> HeaderSpec:
    g = grid(t)
    leaf_at = {c.col: (None if t.layout is Layout.CROSSTAB else c.ref.row, c.ref.col) for c in g.value_cells()}
    cols = sorted(leaf_at)
    index = {k: i for i, k in enumerate(cols)}
    cells = [(c.text, frozenset(index[k] for k in range(c.col, c.col + c.colspan) if k in index))
             for c in g.cells if c.role == HEADER]
    return HeaderSpec.of([leaf_at[k] for k in cols], cells, _column_aliases(t, [c for b in t.blocks for c in b.columns]))


def block_spec(t: Table, b: Block) -> HeaderSpec:
    cells = [(b.corner, frozenset())] if b.corner else []  # the corner (信息内容) heads the label column
    cells += [(c.label, frozenset({i})) for i, c in enumerate(b.columns)]
    return HeaderSpec.of([(None, c.code) for c in b.columns], cells, _column_aliases(t, b.columns))


def _column_aliases(t: Table, columns) -> list[tuple[str, str]]:
    other = other_labels(t)
    return [(alt, c.label) for c in columns for alt in other.get(("col", c.code), ())]


# ------------------------------------------------------------------------------------------------
# Header rows → which source column holds which leaf
# ------------------------------------------------------------------------------------------------


@dataclass
class ColumnMap:
    spec: HeaderSpec
    width: int | None  # dense: the source width it applies to; None = sparse (values in declared order)
    at: dict[int, int] = field(default_factory=dict)  # source column → leaf index (dense)

    def value_columns(self) -> set[int]:
        return set(self.at)


def map_columns(spec: HeaderSpec, rows: list[list[str]], dense: bool, al: Alignment, where: str) -> ColumnMap | None:
    """Columns from a group of header rows, or None (with a problem) when they cannot be trusted."""
    def match(text: str):
        if not clean(text):
            return None
        m = spec.matcher.match(text)
        if m:
            al.deviate(where, text, m.item)  # the item is the canonical text, also for another edition's label
            al.labels_matched += 1
        return m.item if m else None

    if dense:
        width = max(len(r) for r in rows)
        cmap = ColumnMap(spec, width)
        taken: set[int] = set()
        for j in range(width):
            cover = None
            for r in rows:
                canon = match(r[j]) if j < len(r) else None
                if canon is not None:
                    cover = spec.spans[canon] if cover is None else cover & spec.spans[canon]
            if cover is not None and len(cover) == 1:
                (leaf,) = cover
                if leaf not in taken:  # a merged cell repeated over its span: the first column holds the value
                    cmap.at[j] = leaf
                    taken.add(leaf)
        missing = [i for i in range(len(spec.leaves)) if i not in taken]
        spread = _spread_merged(spec, rows, width, cmap.at) if missing else None
        if spread:
            cmap.at, taken = spread, set(spread.values())
            missing = [i for i in range(len(spec.leaves)) if i not in taken]
        if missing:
            al.problems.append(Problem(
                f"{al.table.title}（{where}）表头中找不到这些列：{'、'.join(_leaf_label(al.table, spec.leaves[i]) for i in missing)}",
                f"{al.table.code} ({where}): no header found for columns {', '.join(spec.leaves[i][1] for i in missing)}"))
            if not taken:
                return None
        return cmap
    seen = [c for c in (match(x) for r in rows for x in r) if c is not None]
    want = list(spec.sequence)
    if seen != want and seen != want[1:]:  # the corner (信息内容) may be missing
        al.problems.append(Problem(
            f"{al.table.title}（{where}）表头与规范格式不一致，无法确定各列位置，未导入该部分。",
            f"{al.table.code} ({where}): the header differs from the official one; columns cannot be located, not imported."))
        return None
    return ColumnMap(spec, None)


def _spread_merged(spec: HeaderSpec, rows: list[list[str]], width: int, found: dict[int, int]) -> dict[int, int] | None:
    """Columns when merged header cells were printed once and followed by empty cells (a sheet copied
    without its merges, a converter's pipe table): a group label also heads the empty cells to its right,
    as far as its span reaches.  Trusted only when every leaf then sits at one constant offset from its
    column, as in any dense grid, and the columns found without spreading keep their leaves; a centred
    or misplaced label must not move a value."""
    def canon(text: str):
        m = spec.matcher.match(text) if clean(text) else None
        return m.item if m else None

    filled = []
    for r in rows:
        out = list(r) + [""] * (width - len(r))
        k = 0
        while k < width:
            c = canon(out[k])
            cover = spec.spans[c] if c else frozenset()
            # a label printed in several places (总计 under each band) has a scattered cover: never spread it
            span = len(cover) if cover and max(cover) - min(cover) + 1 == len(cover) else 0
            j = k + 1
            while span > 1 and j < width and j - k < span and not clean(out[j]):
                out[j] = out[k]
                j += 1
            k = j
        filled.append(out)
    at: dict[int, int] = {}
    for j in range(width):
        cover = None
        for r in filled:
            c = canon(r[j])
            if c is not None:
                cover = spec.spans[c] if cover is None else cover & spec.spans[c]
        if cover is not None and len(cover) == 1 and next(iter(cover)) not in at.values():
            at[j] = next(iter(cover))
    offsets = {j - leaf for j, leaf in at.items()}
    if len(at) <= len(found) or len(offsets) != 1 or any(at.get(j) != leaf for j, leaf in found.items()):
        return None
    return at


def _leaf_label(t: Table, leaf: tuple[str | None, str]) -> str:
    row, col = leaf
    b = t.blocks[0] if row is None else next(b for b in t.blocks if any(r.code == row for r in b.rows))
    label = next((c.label for bb in t.blocks for c in bb.columns if c.code == col), col)
    return f"{b.row(row).label}/{label}" if row else label


# ------------------------------------------------------------------------------------------------
# Row labels
# ------------------------------------------------------------------------------------------------


class RowFinder:
    """Finds the declared row a data row stands for, from its own label, helped by its group."""

    def __init__(self, t: Table):
        self.table = t
        pairs = []
        for _, r in t.rows():
            pairs.append((r.label, r))
        other = other_labels(t)
        known = {normalize(label) for label, _ in pairs}
        self.aliases = {normalize(alt) for _, r in t.rows() for alt in other.get(("row", r.code), ())} - known
        pairs += [(alt, r) for _, r in t.rows() for alt in other.get(("row", r.code), ()) if normalize(alt) in self.aliases]
        flat = []
        for _, r in t.rows():
            for parts in ((r.group, r.label), (r.band, r.label), (r.band, r.group, r.label)):
                if all(parts) and len(parts) > 1:
                    flat.append(("".join(parts), r))
        self.rows = Matcher(pairs)
        self.flat = Matcher(pairs + flat)
        groups = {x for _, r in t.rows() for x in (r.group, r.band) if x}
        self.groups = Matcher((g, g) for g in groups)

    def _canonical(self, m) -> str:
        """Another edition's label matched: the deviation is reported against this edition's label."""
        return m.item.label if normalize(m.canonical) in self.aliases else m.canonical

    def group_of(self, texts: list[str]) -> str | None:
        for x in reversed(texts):  # the innermost group: （三）不予公开 rather than 三、本年度办理结果
            m = self.groups.match(x)
            if m:
                return m.canonical
        return None

    def find(self, texts: list[str], context: str | None) -> tuple[Row | None, str, str | None]:
        """(row, text it was matched from, canonical label) for the label texts of one source row."""
        if not texts:
            return None, "", None
        leaf = texts[-1]
        m = self.rows.match(leaf)
        if m:
            return m.item, leaf, self._canonical(m)
        joined = "".join(texts)
        m = self.flat.match(joined)
        if m:
            return m.item, joined, self._canonical(m)
        group = self.group_of(texts[:-1]) or context
        num = _ITEM_NO.match(normalize(leaf))
        if group and num:  # 2.其他法律行政止公开 under （三）不予公开: its number in its group, if it resembles
            for _, r in self.table.rows():
                rn = _ITEM_NO.match(r.label)
                if r.group == group and rn and rn.group(1) == num.group(1):
                    ratio = difflib.SequenceMatcher(None, normalize(leaf), normalize(r.label)).ratio()
                    if ratio >= 0.6:
                        return r, leaf, r.label
        return None, leaf, None


def profile_line(text: str, profile_lines: list[tuple[Profile, ExtraLine, re.Pattern]]):
    """(profile, line, value) when `text` is a profile's extra line ``label：value``."""
    t = normalize(text)
    for p, line, pattern in profile_lines:
        m = pattern.match(t)
        if m:
            return p, line, m.group("value"), m.group("year")
    return None


def profile_patterns(profiles) -> list[tuple[Profile, ExtraLine, re.Pattern]]:
    out = []
    for p in profiles:
        for line in p.lines:
            label = normalize(line.label)
            head, _, tail = label.partition("{year}")
            pat = re.escape(head) + (r"(?P<year>\d{4})" + re.escape(tail) if "{year}" in label else r"(?P<year>)")
            out.append((p, line, re.compile(pat + r"[：:]?(?P<value>.*)$")))
    return out


# ------------------------------------------------------------------------------------------------
# Alignment of one declared table
# ------------------------------------------------------------------------------------------------


def align(t: Table, tables: list[SourceTable], profiles=()) -> Alignment:
    al = Alignment(t)
    pats = profile_patterns(profiles)
    if t.layout is Layout.STACKED:
        _align_stacked(t, tables, al, pats)
    else:
        _align_crosstab(t, tables, al, pats)
    return al


def _put(al: Alignment, key: str, raw: str, where: str, seen: dict[str, str]) -> None:
    if key in seen:
        al.problems.append(Problem(f"{al.table.title}：{seen[key]}与{where}都对应同一单元格，均未导入。",
                                   f"{al.table.code}: {seen[key]} and {where} both match one cell; neither imported."))
        al.cells.pop(key, None)
        return
    seen[key] = where
    al.cells[key] = (raw.strip(), where)


def _other_row(al: Alignment, cells: list[str], where: str, pats) -> None:
    text = clean(" ".join(c for c in cells if c.strip()))
    if not text:
        return
    hit = profile_line(text, pats)
    if hit:
        p, line, value, _ = hit
        al.extra[line.code] = (value.strip(), where)
        return
    if _has_number(cells):
        labels = _labels([c for c in cells if c.strip() and not is_value(c)])
        values = [c.strip() for c in cells if c.strip() and is_value(c)]
        al.rows_unmatched += 1
        al.unplaced.append(Unplaced(where, " ".join(labels) or text, " ".join(values)))


def _labels(cells: list[str]) -> list[str]:
    out: list[str] = []
    for c in cells:
        c2 = clean(c)
        if c2 and (not out or out[-1] != c2):
            out.append(c2)
    return out


def _split_sparse(cells: list[str]) -> tuple[list[str], list[str]]:
    last = max((i for i, c in enumerate(cells) if clean(c) and not is_value(c)), default=-1)
    return _labels(cells[: last + 1]), cells[last + 1:]


def _values_sparse(values: list[str], n: int) -> list[str] | None:
    while len(values) > n and not values[-1].strip():
        values = values[:-1]
    return values if len(values) == n else None


def _shifted(row: list[str], cmap: ColumnMap) -> bool:
    """A dense row whose cells are not where its header says: a number left of the first value column,
    or a label in a value column (a row that lost or gained a cell)."""
    first = min(cmap.at, default=0)
    return (any(clean(c) and is_value(c) for c in row[:first])
            or any(clean(row[k]) and not is_value(row[k]) for k in cmap.at if k < len(row)))


def _align_crosstab(t: Table, tables: list[SourceTable], al: Alignment, pats) -> None:
    spec = crosstab_spec(t)
    finder = RowFinder(t) if t.layout is Layout.CROSSTAB else None
    seen: dict[str, str] = {}
    cmap: ColumnMap | None = None
    context = None
    note = normalize(t.note or "")
    for st in tables:
        rows = st.rows
        i = 0
        while i < len(rows):
            row = rows[i]
            texts = [c for c in row if clean(c)]
            if not texts:
                if finder is None and cmap is not None and st.dense and len(row) == cmap.width and not al.cells:
                    for k, leaf in cmap.at.items():  # table 四 left blank (a blank template): blanks, not missing
                        r, c = spec.leaves[leaf]
                        _put(al, f"{t.code}/{r}/{c}", "", f"{st.at(i)}第{leaf + 1}格", seen)
                i += 1
                continue
            if not _has_number(row) and any(spec.matcher.match(x) for x in texts):
                j = i
                while j < len(rows) and not _has_number(rows[j]) and (
                        any(spec.matcher.match(x) for x in rows[j] if clean(x)) or any(clean(x) for x in rows[j]) and all(
                        not clean(x) or normalize(x) == note for x in rows[j])):
                    j += 1
                cmap = map_columns(spec, rows[i:j], st.dense, al, st.at(i))
                i = j
                continue
            where = st.at(i)
            if note and all(normalize(x) == note for x in texts):
                i += 1
                continue
            if cmap is None:
                if _has_number(row):
                    al.problems.append(Problem(f"{t.title}：{where}之前没有可识别的表头，该行未导入。",
                                               f"{t.code}: no recognisable header before {where}; row not imported."))
                    al.rows_unmatched += 1
                i += 1
                continue
            if st.dense:
                if cmap.width is None or len(row) != cmap.width:
                    al.problems.append(Problem(f"{t.title}：{where}的列数与表头不同，该行未导入。",
                                               f"{t.code}: {where} has a different number of columns than the header; not imported."))
                    al.rows_unmatched += 1
                    i += 1
                    continue
                if _shifted(row, cmap):
                    al.problems.append(Problem(f"{t.title}：{where}的文字与数值不在表头所示的位置，该行未导入。",
                                               f"{t.code}: labels and values of {where} are not where the header puts them; not imported."))
                    al.rows_unmatched += 1
                    i += 1
                    continue
                labels = _labels([c for k, c in enumerate(row) if k not in cmap.at and not is_value(c)])
                values = {cmap.at[k]: row[k] for k in cmap.at}
            else:
                labels, vals = _split_sparse(row)
                vals2 = _values_sparse(vals, len(spec.leaves))
                values = dict(enumerate(vals2)) if vals2 is not None else None
            if finder is None:  # table 四: the header gives row and column of every value
                if labels:
                    _other_row(al, row, where, pats)
                elif values is None:
                    al.problems.append(Problem(f"{t.title}：{where}的数值个数与表头不符，未导入。",
                                               f"{t.code}: {where} has the wrong number of values; not imported."))
                else:
                    for leaf, raw in values.items():
                        r, c = spec.leaves[leaf]
                        _put(al, f"{t.code}/{r}/{c}", raw, f"{where}第{leaf + 1}格", seen)
                i += 1
                continue
            r, written, canonical = finder.find(labels, context)
            if r is None:
                g = finder.group_of(labels)
                if g and not _has_number(row):
                    context = g
                else:
                    _other_row(al, row, where, pats)
                i += 1
                continue
            context = r.group
            al.labels_matched += 1
            al.deviate(where, written, canonical)
            if values is None:
                al.problems.append(Problem(f"{t.title}「{r.qualified_label}」行（{where}）的数值个数与表头不符，未导入。",
                                           f"{t.code} row {r.code} ({where}): wrong number of values; not imported."))
            else:
                for leaf, raw in values.items():
                    _put(al, f"{t.code}/{r.code}/{spec.leaves[leaf][1]}", raw, f"{where}第{leaf + 1}列", seen)
            i += 1


def _align_stacked(t: Table, tables: list[SourceTable], al: Alignment, pats) -> None:
    finder = RowFinder(t)
    captions = Matcher((b.caption, b) for b in t.blocks if b.caption)
    specs = {b.code: block_spec(t, b) for b in t.blocks}
    own = {x for b in t.blocks for x in [c.label for c in b.columns] + [b.corner or ""] if x}
    column_labels = Matcher([(x, x) for x in own] + _column_aliases(t, [c for b in t.blocks for c in b.columns]))
    seen: dict[str, str] = {}
    cmap: ColumnMap | None = None
    for st in tables:
        for i, row in enumerate(st.rows):
            texts = [c for c in row if clean(c)]
            if not texts:
                continue
            where = st.at(i)
            numeric = _has_number(row)
            cap = captions.match(texts[0]) if not numeric else None
            if cap:
                cmap = None
                al.labels_matched += 1
                al.deviate(where, texts[0], cap.canonical)
                continue
            if not numeric and any(column_labels.match(x) for x in texts) and not finder.rows.match(texts[0]):
                found = {m.item for m in (column_labels.match(x) for x in texts) if m}
                blocks = [b for b in t.blocks if found - {b.corner} == {c.label for c in b.columns}] or [
                    b for b in t.blocks if found <= {c.label for c in b.columns} | {b.corner}]
                if blocks:
                    # blocks with the same columns (第（五）项 and 第（六）项) share one header spec
                    cmap = map_columns(specs[blocks[0].code], [row], st.dense, al, where)
                else:
                    al.problems.append(Problem(f"{t.title}：{where}的表头无法对应到任何一项，未使用。",
                                               f"{t.code}: the header at {where} matches no block; ignored."))
                    cmap = None
                continue
            if st.dense:
                labels = _labels([c for k, c in enumerate(row) if (cmap is None or k not in cmap.at) and not is_value(c)])
                vals: list[str] = []
            else:
                labels, vals = _split_sparse(row)
            r, written, canonical = finder.find(labels, None)
            if r is None:
                _other_row(al, row, where, pats)
                continue
            al.labels_matched += 1
            al.deviate(where, written, canonical)
            rblock = next(b for b in t.blocks if r in b.rows)
            if cmap is None or cmap.spec.sequence != specs[rblock.code].sequence:
                al.problems.append(Problem(f"{t.title}「{r.label}」行（{where}）上方没有本项的表头，未导入。",
                                           f"{t.code} row {r.code} ({where}): no header of its block above it; not imported."))
                al.rows_unmatched += 1
                continue
            if st.dense:
                if len(row) != cmap.width:
                    al.problems.append(Problem(f"{t.title}「{r.label}」行（{where}）的列数与表头不同，未导入。",
                                               f"{t.code} row {r.code} ({where}): column count differs from the header; not imported."))
                    continue
                if _shifted(row, cmap):
                    al.problems.append(Problem(f"{t.title}「{r.label}」行（{where}）的文字与数值不在表头所示的位置，未导入。",
                                               f"{t.code} row {r.code} ({where}): cells are not where the header puts them; not imported."))
                    continue
                values = {leaf: row[k] for k, leaf in cmap.at.items()}
            else:
                v = _values_sparse(vals, len(rblock.columns))
                if v is None:
                    al.problems.append(Problem(f"{t.title}「{r.label}」行（{where}）的数值个数与表头不符，未导入。",
                                               f"{t.code} row {r.code} ({where}): wrong number of values; not imported."))
                    continue
                values = dict(enumerate(v))
            for leaf, raw in values.items():
                _put(al, f"{t.code}/{r.code}/{rblock.columns[leaf].code}", raw, f"{where}第{leaf + 1}列", seen)
