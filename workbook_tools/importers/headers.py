"""The header of a declared table as `layout.grid` prints it, and which source column holds which
declared leaf (dense tables by spans, sparse ones by the exact sequence of header texts)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..editions import other_labels
from ..labels import Matcher, normalize
from ..layout import HEADER, grid
from ..spec import Block, Layout, Table
from .source import Alignment, Problem, clean

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
    return HeaderSpec.of([leaf_at[k] for k in cols], cells, column_aliases(t, [c for b in t.blocks for c in b.columns]))


def block_spec(t: Table, b: Block) -> HeaderSpec:
    cells = [(b.corner, frozenset())] if b.corner else []  # the corner (信息内容) heads the label column
    cells += [(c.label, frozenset({i})) for i, c in enumerate(b.columns)]
    return HeaderSpec.of([(None, c.code) for c in b.columns], cells, column_aliases(t, b.columns))


def column_aliases(t: Table, columns) -> list[tuple[str, str]]:
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
