"""Tables as ``pdftotext -layout`` prints them, read by position (`layout_blocks`, `read_layout`).

Such text has no tabs: the cells of a row are separated by runs of spaces at the columns where the PDF
printed them, page numbers stand between the lines, and a label too long for its cell wraps onto the
lines above and below its figures.  A block is read by position: the figures of the fullest rows give
the value columns, a column gets the header printed above it only when no other reading of the header
positions is possible, and a wrapped label is re-joined only while the join is still the start of a
declared label.  A figure that is not under a certain column leaves its row unplaced (reported), never
in a guessed cell.  The plain-text reader (text.py) hands these blocks here."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..editions import editions
from ..labels import normalize
from ..layout import HEADER, grid
from .document import Para, is_page_number
from .headings import Headings, strip_page_prefix
from .tables import SourceTable, is_value

_FIELD = re.compile(r"\S+(?: \S+)*")  # one space stays inside a field, two or more separate fields
_WORD = re.compile(r"\S+")
_NUMBERED = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+\s*[.、．])")
_SENTENCE = ("。", "；", "：", ":")
TOL = 3  # columns a value may sit beside its header text (pdftotext rounds positions)
REFUSED = 40  # cells of a row whose figures are not under certain columns
STUB = 3  # label cells of an output row: band, group, item (item last, as tables.py reads them)


@dataclass
class _Run:
    line: int  # index in the text's lines
    start: int  # column of the first character
    end: int
    text: str
    wide: bool = False


def _width(text: str, wide: bool) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text) if wide else len(text)


def _runs(line: str, k: int, wide: bool) -> list[_Run]:
    """Text runs of a line with their columns.  pdftotext gives each character one column; text
    aligned by hand in an editor counts CJK characters as two (`wide`)."""
    return [_Run(k, _width(line[:m.start()], wide), _width(line[:m.end()], wide), m.group(), wide)
            for m in _FIELD.finditer(line)]


@dataclass(frozen=True)
class _Words:
    """Normalised labels of every declared table, by the part of a table they name."""
    leaves: frozenset[str]  # column headers over one value column
    spans: frozenset[str]  # column headers over several (申请人情况, 行政复议)
    stub: frozenset[str]  # what the label columns print: rows, groups, captions, corner, note
    groups: frozenset[str]  # merged row labels (（三）不予公开, 三、本年度办理结果): only context
    prefixes: frozenset[str]  # every beginning of any of them


@lru_cache(maxsize=1)
def _vocabulary() -> _Words:
    """Pieces of a wrapped label are joined only while the join is still the start of a declared label."""
    leaves, spans, stub, groups = set(), set(), set(), set()
    for e in editions():
        for t in e.tables:
            g = grid(t)
            leaves |= {c.label for b in t.blocks for c in b.columns}
            for c in g.cells:
                if c.role == HEADER:
                    (spans if c.col >= g.label_cols else stub).add(c.text)
            stub |= {x for b in t.blocks for x in (b.caption, b.corner) if x} | {t.note or ""}
            stub |= {x for _, r in t.rows() for x in r.path}
            groups |= {x for _, r in t.rows() for x in (r.group, r.band) if x}
    leaves, spans, stub, groups = ({normalize(x) for x in s if x} for s in (leaves, spans, stub, groups))
    prefixes = {w[:i] for s in (leaves, spans, stub) for w in s for i in range(1, len(w) + 1)}
    return _Words(frozenset(leaves), frozenset(spans - leaves), frozenset(stub), frozenset(groups), frozenset(prefixes))


def _is_prefix(text: str) -> bool:
    return normalize(text) in _vocabulary().prefixes


def _spaced(line: str, heads: Headings) -> bool:
    """A table row as pdftotext lays it out: two fields or more, no sentence, no section heading
    (``- 3 -    四、政府信息公开行政复议…``)."""
    s = line.strip()
    return ("\t" not in line and "|" not in s and not any(p in s for p in _SENTENCE[:2])
            and len(_FIELD.findall(s)) >= 2 and not is_page_number(s) and not _strong_heading(strip_page_prefix(s), heads))


def _lone(line: str, heads: Headings, limit: int) -> bool:
    """A single short field that may be part of a table (a caption, a wrapped label, a page's header)."""
    s = line.strip()
    return (bool(s) and "\t" not in line and "|" not in s and len(_FIELD.findall(s)) == 1 and len(normalize(s)) <= limit
            and not s.endswith(_SENTENCE) and "。" not in s and not _strong_heading(s, heads))


@lru_cache(maxsize=4096)
def _strong_heading(text: str, heads: Headings) -> bool:
    c = heads.candidate(text)
    return c is not None and c.strong


@lru_cache(maxsize=1)
def _headings() -> Headings:
    return Headings(editions())


@lru_cache(maxsize=8192)
def _figure(text: str) -> bool:
    """`is_value`, remembered: the same few figures recur in every row."""
    return is_value(text)


def layout_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line indices of the blocks laid out as columns: at least two spaced rows and a
    figure, with the short lines, blank lines and page numbers between them, the captions and header
    lines just above them and the wrapped labels just below."""
    heads = _headings()
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        if not _spaced(lines[k], heads):
            k += 1
            continue
        first, last, j = k, k, k + 1
        while j < len(lines):
            s = lines[j].strip()
            if _spaced(lines[j], heads):
                last = j
            elif s and not is_page_number(s) and not _lone(lines[j], heads, 40):
                break
            j += 1
        end = last + 1
        while end < len(lines) and end - last <= 3 and lines[end].strip() and _lone(lines[end], heads, 40):
            end += 1
        while first > 0 and (not lines[first - 1].strip() or _lone(lines[first - 1], heads, 24)):
            first -= 1
        while not lines[first].strip():
            first += 1
        if first < (out[-1][1] if out else 0):
            first = out[-1][1]
        fields = [f for x in lines[first:end] for f in _FIELD.findall(x)]
        words = {normalize(w) for f in fields for w in (f, *f.split())}
        known = _vocabulary()
        if (sum(_spaced(x, heads) for x in lines[first:end]) >= 2 and any(_figure(f) for f in fields)
                and words & (known.leaves | known.spans | known.stub)):  # a figure and a declared label: a table, not prose
            out.append((first, end))
        k = max(end, k + 1)
    return out


@dataclass
class _Segment:
    """Header lines and body lines of one table part on one page, with its value columns."""
    head: list[list[_Run]] = field(default_factory=list)
    body: list[list[_Run]] = field(default_factory=list)
    columns: list[tuple[int, int]] = field(default_factory=list)  # value columns, left to right


def _pages(lines: list[str], lo: int, hi: int, breaks: set[int]) -> list[list[int]]:
    """Non-blank line indices of a block, cut at page numbers and form feeds: positions change there."""
    pages: list[list[int]] = [[]]
    for k in range(lo, hi):
        s = lines[k].strip()
        if k in breaks or is_page_number(s):
            pages.append([])
        if s and not is_page_number(s):
            pages[-1].append(k)
    return [p for p in pages if p]


def _segments(lines: list[str], page: list[int], wide: bool) -> list[_Segment]:
    """A page cut into header + body parts: a line without figures opens a new header when it has
    text where the figures are (a caption or column headers), and is a wrapped label otherwise."""
    segs = [_Segment()]
    left = None  # first column of the figures seen in this part
    for k in page:
        runs = _runs(lines[k], k, wide)
        values = [r for r in runs if _figure(r.text)]
        seg = segs[-1]
        if values:
            seg.body.append(runs)
            left = min([r.start for r in values] + ([left] if left is not None else []))
        elif left is not None and any(r.end > left for r in runs):
            segs.append(_Segment(head=[runs]))
            left = None
        else:
            (seg.body if seg.body else seg.head).append(runs)
    for seg in segs:  # label lines after the last column header wrap the first row's label
        if seg.body:
            left = min(r.start for runs in seg.body for r in runs if _figure(r.text))
            k = len(seg.head)
            while k > 0 and all(r.end <= left for r in seg.head[k - 1]):
                k -= 1
            if k:
                seg.head, seg.body = seg.head[:k], seg.head[k:] + seg.body
    return segs


def _columns(seg: _Segment) -> list[tuple[int, int]] | None:
    """The value columns of a part, from its fullest rows: the k-th figure of a row with the most
    figures is in column k, and the column is where most of them stand (median start and end).
    None when the figures do not stand in columns (fields that merely follow each other): the
    fullest rows overlap from one column into the next, or a figure of another row is near two."""
    rows = [[r for r in line if _figure(r.text)] for line in seg.body]
    full = [r for r in rows if r and len(r) == max(map(len, rows))]
    if not full:
        return None
    n = len(full[0])
    if any(max(r[i].end for r in full) > min(r[i + 1].start for r in full) for i in range(n - 1)):
        return None
    mid = len(full) // 2
    cols = [(sorted(r[i].start for r in full)[mid], sorted(r[i].end for r in full)[mid]) for i in range(n)]
    if any(len([c for c in cols if _gap(v, c) <= 2]) > 1 for r in rows for v in r):
        return None
    return cols


def _column_of(run: _Run, cols: list[tuple[int, int]]) -> int | None:
    """The one column a figure stands in (a column or two of slack for pdftotext's rounding)."""
    near = [i for i, c in enumerate(cols) if _gap(run, c) <= 2]
    return near[0] if len(near) == 1 else None


def _gap(run, col: tuple[int, int]) -> int:
    """Columns between a run (or label) and a column; 0 when they overlap or touch."""
    return max(0, col[0] - run.end, run.start - col[1])


@dataclass
class _Label:
    """A label, possibly wrapped over several lines of its column."""
    start: int
    end: int
    first: int  # line indices
    last: int
    text: str

    def add(self, run: _Run) -> None:
        self.text += "\n" + run.text  # tables.py drops line breaks inside a cell
        self.start, self.end, self.last = min(self.start, run.start), max(self.end, run.end), run.line


def _pieces(runs: list[_Run]) -> list[_Run]:
    """Words of a line (pdftotext puts one space between cells too), re-joined while they read as
    the beginning of a declared label: ``第二十条 第（一）项`` and ``结 果`` stay one piece."""
    out: list[_Run] = []
    for run in runs:
        for w in _WORD.finditer(run.text):
            start = run.start + _width(run.text[:w.start()], run.wide)
            piece = _Run(run.line, start, start + _width(w.group(), run.wide), w.group(), run.wide)
            prev = out[-1] if out else None
            if prev and prev.end + 1 >= piece.start and _is_prefix(prev.text + piece.text):
                out[-1] = _Run(prev.line, prev.start, piece.end, f"{prev.text} {piece.text}", run.wide)
            else:
                out.append(piece)
    return out


def _wrap(labels: list[_Label], piece: _Run, body: bool, order: dict[int, int]) -> _Label | None:
    """The label `piece` continues: one above it in the same column whose text it extends into (the
    start of) a declared label; failing that, in the label columns, for a damaged label, the
    unnumbered piece on the very next line below an unfinished one that starts where it starts."""
    def beside(a: _Label) -> bool:
        return abs(a.start - piece.start) <= 2 or (a.start <= piece.end and piece.start <= a.end)

    near = sorted((a for a in labels if a.last < piece.line and beside(a)), key=lambda a: -a.last)
    for a in near:
        if _is_prefix(a.text + piece.text):
            return a
    a = next((a for a in near if abs(a.start - piece.start) <= 2), None)
    if (body and a is not None and order.get(piece.line, 0) - order.get(a.last, 0) == 1
            and not _NUMBERED.match(piece.text) and normalize(a.text) not in _vocabulary().stub):
        return a
    return None


def _labels(lines: list[list[_Run]], body: bool) -> list[_Label]:
    order = {line[0].line: i for i, line in enumerate(lines) if line}
    out: list[_Label] = []
    for runs in lines:
        for p in _pieces(runs):
            a = _wrap(out, p, body, order)
            if a is not None:
                a.add(p)
            else:
                out.append(_Label(p.start, p.end, p.line, p.line, p.text))
    return out


def _placed(leaves: list[_Label], cols: list[tuple[int, int]]) -> dict[int, _Label]:
    """Value column → the one leaf header above it.  Headers and columns keep their left-to-right
    order and every column needs a header within TOL; a column is placed only when all such
    matchings give it the same header (pdftotext may shift a header a few columns: never guess)."""
    hs = sorted(leaves, key=lambda a: (a.start, a.end))
    n, m = len(cols), len(hs)
    ok = [[_gap(h, c) <= TOL for h in hs] for c in cols]
    before = [[j >= 0 for j in range(m + 1)]] + [[False] * (m + 1) for _ in range(n)]  # cols[:i] into hs[:j]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            before[i][j] = before[i][j - 1] or (before[i - 1][j - 1] and ok[i - 1][j - 1])
    after = [[False] * (m + 1) for _ in range(n)] + [[True] * (m + 1)]  # cols[i:] into hs[j:]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            after[i][j] = after[i][j + 1] or (ok[i][j] and after[i + 1][j + 1])
    out = {}
    for i in range(n):
        choices = [j for j in range(m) if ok[i][j] and before[i][j] and after[i + 1][j + 1]]
        if len(choices) == 1:
            out[i] = hs[choices[0]]
    return out


def _header(seg: _Segment) -> tuple[list[tuple[int, list[str]]], dict[int, _Label]]:
    """Header rows (line, cells) for tables.py and the value columns whose header is certain.
    Spanning headers (申请人情况, 行政复议) go over every column they overlap, corner, caption and note
    into the label cells; tables.py intersects what stands above each column."""
    known = _vocabulary()
    cols = seg.columns
    cells: dict[tuple[int, int], list[str]] = {}
    leaves: list[_Label] = []
    for a in _labels(seg.head, body=False):
        key = normalize(a.text)
        over = [STUB + i for i, (s, e) in enumerate(cols) if a.start < e and s < a.end]
        if key in known.spans or (key not in known.leaves | known.stub and len(over) > 1):
            targets = over
        elif key not in known.leaves and (key in known.stub or a.end <= cols[0][0]):
            targets = [0]
        else:
            leaves.append(a)
            continue
        for t in targets:
            cells.setdefault((a.first, t), []).append(a.text)
    placed = _placed(leaves, cols)
    # the leaves on one row: tables.py spreads a header into empty cells beside it, which is right
    # for a spanning header and wrong for 总计, printed once per band
    last = max((a.first for a in placed.values()), default=0)
    for i, a in placed.items():
        cells.setdefault((last, STUB + i), []).append(a.text)
    rows = []
    for line in sorted({k for k, _ in cells}):
        row = [""] * (STUB + len(cols))
        for (k, j), texts in cells.items():
            if k == line:
                row[j] = " ".join(texts)
        rows.append((line, row))
    return rows, placed


def _body(seg: _Segment, placed: dict[int, _Label | None]) -> list[tuple[int, list[str]]]:
    """Body rows (line, cells): a line with figures is a row, with the labels whose lines span it
    (a wrapped label above and below its figures, a merged group label beside several rows).
    A figure that is not under a placed column, or text among the figures, leaves the row in a
    shape tables.py refuses and reports, with its labels and figures."""
    cols, n = seg.columns, len(seg.columns)
    left = cols[0][0] - 1
    labels = _labels([[r for r in runs if r.start < left and not _figure(r.text)] for runs in seg.body], body=True)
    out = []
    for runs in seg.body:
        figures = [r for r in runs if r.start >= left or _figure(r.text)]  # a figure left of the columns too
        if not figures:
            continue
        k = figures[0].line
        mine = sorted((a for a in labels if a.first <= k <= a.last), key=lambda a: a.start)
        texts = [a.text for a in mine]
        if len(texts) > STUB:
            texts = ["\n".join(texts[:len(texts) - STUB + 1])] + texts[len(texts) - STUB + 1:]
        row = [""] * (STUB - len(texts)) + texts + [""] * n
        at = [_column_of(r, cols) for r in figures]
        if len(set(at)) == len(at) and all(
                i in placed and _figure(r.text) and (placed[i] is None or _gap(r, (placed[i].start, placed[i].end)) <= TOL)
                for i, r in zip(at, figures)):
            for i, r in zip(at, figures):
                row[STUB + i] = r.text
        else:  # wider than any header, so that tables.py refuses and reports it
            row = row[:STUB] + [r.text for r in figures] + [""] * (REFUSED - len(figures))
        out.append((k, row))
    anchors = {k for k, _ in out}
    groups = _vocabulary().groups
    for a in labels:  # beside no figures: a caption, or a row printed empty; a merged group label only
        if not any(a.first <= k <= a.last for k in anchors) and normalize(a.text) not in groups:  # gives context
            out.append((a.first, [""] * (STUB - 1) + [a.text] + [""] * n))
    return sorted(out, key=lambda x: x[0])


def read_layout(lines: list[str], lo: int, hi: int, breaks: set[int]) -> list:
    """A block laid out in columns → dense `SourceTable`s (one per header and page) and the Paras of
    lines that belong to no row.  When the figures do not stand in columns (fields merely spaced
    out, as a converter writes them), the block is read as sparse rows, like Word's text."""
    best = None
    for wide in (False, True):
        parts = [seg for page in _pages(lines, lo, hi, breaks) for seg in _segments(lines, page, wide)]
        for seg in parts:
            seg.columns = _columns(seg) if seg.body else []
        if parts and all(seg.columns is not None for seg in parts):
            items, certain, doubtful = _emit(parts)
            if certain and not doubtful:
                return items
            if certain and (best is None or certain > best[0]):  # some header stands over its figures
                best = (certain, items)
    if best is not None:
        return best[1]
    rows = [[f.strip() for f in _FIELD.findall(lines[k])] for k in range(lo, hi)
            if lines[k].strip() and not is_page_number(lines[k].strip())]
    where = [f"第{k + 1}行" for k in range(lo, hi) if lines[k].strip() and not is_page_number(lines[k].strip())]
    return [SourceTable(rows, dense=False, where=where[0], row_where=where)]


def _emit(parts: list[_Segment]) -> tuple[list, int, int]:
    """The items of a block read by position, and how many headers placed all their columns or not."""
    items: list = []
    width = None  # value columns of the last header whose columns were all certain
    certain = doubtful = 0
    for seg in parts:
        if not seg.body:
            items += [Para(r.text, f"第{r.line + 1}行") for runs in seg.head for r in runs]
            width = None
            continue
        n = len(seg.columns)
        if seg.head:
            head, placed = _header(seg)
            width = n if len(placed) == n else None
            certain, doubtful = certain + (width is not None), doubtful + (width is None)
        else:  # a page continuing the table without its header: columns in the same order
            head, placed = [], dict.fromkeys(range(n)) if width == n else {}
        rows = head + _body(seg, placed)
        items.append(SourceTable([r for _, r in rows], dense=True, where=f"第{rows[0][0] + 1}行",
                                 row_where=[f"第{k + 1}行" for k, _ in rows]))
    return items, certain, doubtful
