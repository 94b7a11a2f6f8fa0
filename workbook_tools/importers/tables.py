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

Here: the walk over a table's rows.  The header side is headers.py, the row labels (and provincial
lines) rows.py, the source tables and the alignment records source.py.
"""

from __future__ import annotations

from ..labels import Matcher, normalize
from ..model import Unplaced
from ..spec import Layout, Table
from .headers import ColumnMap, HeaderSpec, block_spec, column_aliases, crosstab_spec, map_columns
from .rows import RowFinder, profile_line, profile_patterns
from .source import Alignment, Problem, SourceTable, clean, has_number as _has_number, is_value

__all__ = ["Alignment", "Problem", "SourceTable", "align", "clean", "is_value", "profile_line", "profile_patterns"]

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
                j = _header_end(rows, i, spec, note)
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
            split = _crosstab_row(t, row, where, st.dense, cmap, spec, al)
            if split is None:
                i += 1
                continue
            labels, values = split
            if finder is None:  # table 四: the header gives row and column of every value
                _put_transposed(t, row, where, labels, values, spec, al, pats, seen)
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


def _header_end(rows: list[list[str]], i: int, spec: HeaderSpec, note: str) -> int:
    """The row after the header starting at row `i`: header texts, or the printed note, without numbers."""
    j = i
    while j < len(rows) and not _has_number(rows[j]) and (
            any(spec.matcher.match(x) for x in rows[j] if clean(x)) or any(clean(x) for x in rows[j]) and all(
            not clean(x) or normalize(x) == note for x in rows[j])):
        j += 1
    return j


def _crosstab_row(t: Table, row: list[str], where: str, dense: bool, cmap: ColumnMap, spec: HeaderSpec,
                  al: Alignment) -> tuple[list[str], dict[int, str] | None] | None:
    """(labels, leaf index → raw value, None when the count is wrong) of one data row; None for a dense row
    that does not fit its header (reported)."""
    if not dense:
        labels, vals = _split_sparse(row)
        vals2 = _values_sparse(vals, len(spec.leaves))
        return labels, dict(enumerate(vals2)) if vals2 is not None else None
    if cmap.width is None or len(row) != cmap.width:
        al.problems.append(Problem(f"{t.title}：{where}的列数与表头不同，该行未导入。",
                                   f"{t.code}: {where} has a different number of columns than the header; not imported."))
        al.rows_unmatched += 1
        return None
    if _shifted(row, cmap):
        al.problems.append(Problem(f"{t.title}：{where}的文字与数值不在表头所示的位置，该行未导入。",
                                   f"{t.code}: labels and values of {where} are not where the header puts them; not imported."))
        al.rows_unmatched += 1
        return None
    labels = _labels([c for k, c in enumerate(row) if k not in cmap.at and not is_value(c)])
    return labels, {cmap.at[k]: row[k] for k in cmap.at}


def _put_transposed(t: Table, row: list[str], where: str, labels: list[str], values: dict[int, str] | None,
                    spec: HeaderSpec, al: Alignment, pats, seen: dict[str, str]) -> None:
    """A data row of a transposed table (表四), whose header gives the row and column of every value."""
    if labels:
        _other_row(al, row, where, pats)
    elif values is None:
        al.problems.append(Problem(f"{t.title}：{where}的数值个数与表头不符，未导入。",
                                   f"{t.code}: {where} has the wrong number of values; not imported."))
    else:
        for leaf, raw in values.items():
            r, c = spec.leaves[leaf]
            _put(al, f"{t.code}/{r}/{c}", raw, f"{where}第{leaf + 1}格", seen)


def _align_stacked(t: Table, tables: list[SourceTable], al: Alignment, pats) -> None:
    finder = RowFinder(t)
    captions = Matcher((b.caption, b) for b in t.blocks if b.caption)
    specs = {b.code: block_spec(t, b) for b in t.blocks}
    own = {x for b in t.blocks for x in [c.label for c in b.columns] + [b.corner or ""] if x}
    column_labels = Matcher([(x, x) for x in own] + column_aliases(t, [c for b in t.blocks for c in b.columns]))
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
