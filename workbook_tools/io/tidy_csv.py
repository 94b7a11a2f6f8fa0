"""Report ⇄ tidy CSV: one line per cell, UTF-8 with BOM so that Excel opens it as Chinese.

Columns: ``table,block,block_label,row_code,row_label,col_code,col_label,value,raw,unit,source``;
``block_label`` carries table 二's item captions (``第二十条第（一）项``) for whoever opens the file in
Excel.  Metadata travels as lines with ``table=META``.  On reading, a line whose code columns are
empty is placed by its labels (canonical labels, table 三 sub-items as ``（三）不予公开/1.属于国家秘密``),
tolerant of spacing, half-width punctuation and a wrong character or two.  People also put the outer
label in the block column (``block=行政复议`` with the row left empty, ``block=行政诉讼, row=复议后起诉``,
``block=第二十条第（一）项, row=规章``): it is read as part of the row label.  When no edition is
named, the layout is detected from the labels themselves.  A row or column may carry the label
another edition prints for the same cell (``规范性文件`` in a 2021 file, ``处理决定数量`` for
``本年处理决定数量``): the pairs come from the declarations (`editions.other_labels`), the line is
placed and the label reported as a deviation (S10).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re

from ..editions import UnknownEdition, applied, editions, get_edition, get_profile, other_labels
from ..errors import input_error
from ..labels import Matcher, normalize
from ..model import Cell, Deviation, Meta, Report, Unplaced
from ..numbers import year as year_of
from ..readnotes import note
from ..spec import EXTRA_COLUMN, EXTRA_TABLE, AgencyKind, CellRef, Edition
from ..values import format_number

COLUMNS = ("table", "block", "block_label", "row_code", "row_label", "col_code", "col_label", "value", "raw", "unit", "source")
META_TABLE = "META"
META_FIELDS = {
    "agency": "机关名称",
    "agency_kind": "机关类型",
    "year": "报告年度",
    "edition": "版式",
    "profile": "省级扩展",
    "title": "标题",
    "signature_date": "成文日期",
    "publication_date": "发布日期",
}
_HEADER_ALIASES = {
    "表": "table", "表格": "table", "表号": "table", "分组": "block", "栏目": "block", "分组名称": "block_label",
    "栏目名称": "block_label", "事项": "block_label",
    "行代码": "row_code", "行": "row_label", "项目": "row_label", "行标签": "row_label",
    "列代码": "col_code", "列": "col_label", "列标签": "col_label",
    "数值": "value", "值": "value", "原文": "raw", "填写内容": "raw", "单位": "unit", "来源": "source",
}
# A field starting with one of these is a formula to Excel and LibreOffice (tab and CR too, which they
# skip).  The apostrophe itself is listed so that a text that really starts with one gets a second:
# the reader strips exactly one apostrophe before any of these, so every text comes back as written.
_RISKY = ("=", "+", "-", "@", "\t", "\r", "'")
_PLAIN_NUMBER = re.compile(r"^[+-]?[\d,.]+$")


def csv_safe(text: str) -> str:
    """Neutralise spreadsheet formula injection, leaving plain signed numbers alone."""
    if text and text.startswith(_RISKY) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def _safe_row(row) -> list[str]:
    """Every field of a line, whatever its column: labels and keys can come from a file as well."""
    return [csv_safe("" if x is None else str(x)) for x in row]


def _unsafe(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:2] in _RISKY else text


# ------------------------------------------------------------------------------------------------


def report_to_csv(r: Report) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    m = r.meta
    values = {
        "agency": m.agency, "agency_kind": m.agency_kind.value if m.agency_kind else None, "year": m.year,
        "edition": m.edition, "profile": m.profile, "title": m.title,
        "signature_date": m.signature_date.isoformat() if m.signature_date else None,
        "publication_date": m.publication_date.isoformat() if m.publication_date else None,
    }
    for key, label in META_FIELDS.items():
        if values[key] not in (None, ""):
            w.writerow(_safe_row([META_TABLE, "", "", key, label, "", "", str(values[key]), "", "", ""]))
    for key, value in m.extra.items():
        w.writerow(_safe_row([META_TABLE, "", "", f"extra.{key}", key, "", "", value, "", "", ""]))
    ed = r.edition
    placed = set()
    for t, b, row, col in ed.cells():
        ref = CellRef(t.code, row.code, col.code)
        c = r.cells.get(ref.key)
        if c is None:
            continue
        placed.add(ref.key)
        w.writerow(_cell_line(t.code, (b.code, b.caption), row.code, row.qualified_label, col.code, col.label, c))
    prof = r.profile
    for line in prof.lines if prof else ():
        ref = CellRef(EXTRA_TABLE, line.code, EXTRA_COLUMN)
        c = r.cells.get(ref.key)
        if c is not None:
            placed.add(ref.key)
            w.writerow(_cell_line(EXTRA_TABLE, (prof.id, prof.name), line.code, line.label_for(m.year), EXTRA_COLUMN, "数量", c))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _cell_line(table, block: tuple[str, str | None], row, row_label, col, col_label, c: Cell) -> list[str]:
    return _safe_row([table, block[0], block[1] or "", row, row_label, col, col_label, format_number(c.value), c.raw or "",
                      c.unit or "", c.source or ""])


# ------------------------------------------------------------------------------------------------


def _table_code(text: str) -> str:
    t = normalize(text).upper()
    t = t.removeprefix("表").removeprefix("TABLE")
    return _table_numbers().get(t, t)


@functools.cache
def _table_numbers() -> dict[str, str]:
    """A table typed by its number, 三 or 3, as well as by its code (the same in every edition); built on
    first use, not at import (start-up time)."""
    return {n: t.code for e in editions() for t in e.tables
            for n in (t.number, str("一二三四五六七八九".index(t.number) + 1))}


class _Placer:
    """Places CSV lines in one edition's cells, by codes or by labels."""

    def __init__(self, ed: Edition, profile):
        self.ed = ed
        self.rows: dict[str, Matcher] = {}
        self.cols: dict[tuple[str, str], Matcher] = {}
        self.codes = {(t.code, r.code, c.code) for t, _, r, c in ed.cells()}
        # another edition's label (normalised) → this edition's, for the S10 deviation
        self.aliases: dict[str, str] = {}
        self.other_edition = 0  # lines placed through another edition's label: a weaker fit
        pairs_all = []
        for t in ed.tables:
            other = other_labels(t)
            own_rows = {normalize(r.label) for _, r in t.rows()}
            pairs = []
            for b, r in t.rows():
                item = (t.code, b, r)
                for label in [r.label] + [a for a in other.get(("row", r.code), ()) if normalize(a) not in own_rows]:
                    forms = [label, "/".join(r.path[:-1] + (label,))] + ([f"{b.caption}/{label}"] if b.caption else [])
                    if label == r.label:
                        forms.insert(0, r.qualified_label)
                    for text in forms:
                        pairs.append((text, item))
                        if label != r.label:
                            self.aliases[normalize(text)] = r.label
            self.rows[t.code] = Matcher(pairs)
            pairs_all += pairs
            for b, r in t.rows():
                self.cols[(t.code, r.code)] = Matcher(self._column_pairs(b, other))
        self.any_row = Matcher(pairs_all)
        # what a block column may name: a block's code or caption, a group or band of rows → the rows under it
        scopes: dict[str, set[tuple[str, str]]] = {}
        for t in ed.tables:
            for b, r in t.rows():
                for name in (b.code, b.caption, r.group, r.band):
                    if name:
                        scopes.setdefault(name, set()).add((t.code, r.code))
        self.scopes = Matcher((name, frozenset(rows)) for name, rows in scopes.items())
        self.block_codes = {b.code for t in ed.tables for b in t.blocks}
        self.lines = {}
        if profile:
            for line in profile.lines:
                self.lines[line.code] = line
        self.line_matcher = Matcher([(normalize(re.sub(r"^\{year\}年", "", ln.label)), ln) for ln in self.lines.values()])

    def _column_pairs(self, b, other) -> list:
        """A block's columns by label and code, and by the label another edition prints for them
        (unless that is the label of another column of this block)."""
        own = {normalize(c.label) for c in b.columns}
        pairs = [(c.label, c) for c in b.columns] + [(c.code, c) for c in b.columns]
        for c in b.columns:
            for alt in other.get(("col", c.code), ()):
                if normalize(alt) not in own:
                    pairs.append((alt, c))
                    self.aliases[normalize(alt)] = c.label
        return pairs

    def _deviation(self, written: str, m) -> tuple[str, str] | None:
        """(written, canonical) when the match is not exact or went through another edition's label."""
        mine = self.aliases.get(normalize(m.canonical))
        if mine is not None:
            self.other_edition += 1
            return written, mine
        if m.exact or normalize(written) == normalize(m.canonical):
            return None
        return written, m.canonical

    def place(self, rec: dict) -> tuple[CellRef | None, list[tuple[str, str]]]:
        """(cell, [(written, canonical) label deviations]) or (None, []) when it cannot be placed."""
        table = _table_code(rec.get("table", ""))
        row_code, col_code = rec.get("row_code", "").strip(), rec.get("col_code", "").strip()
        if table == EXTRA_TABLE or (not table and not row_code and rec.get("row_label") and re.match(r"^\d{4}年", normalize(rec["row_label"]))):
            return self._place_line(rec)
        if row_code and col_code:
            if (table, row_code, col_code) in self.codes:
                return CellRef(table, row_code, col_code), []
            return None, []
        found = self._row(table, rec)
        if found is None:
            return None, []
        label, m = found
        tcode, _, row = m.item
        cm = self.cols[(tcode, row.code)].match(rec.get("col_label", "") or rec.get("col_code", ""))
        if cm is None:
            return None, []
        written = rec.get("row_label", "").strip() if normalize(m.canonical) in self.aliases else label
        devs = [d for d in (self._deviation(written or label, m), self._deviation(rec.get("col_label", ""), cm)) if d]
        return CellRef(tcode, row.code, cm.item.code), devs

    def _row(self, table: str, rec: dict):
        """(label as written, match) of a line's row, with what its block column says.

        A block text is tried joined to the row label first (``行政诉讼/复议后起诉``), and alone when the
        row is empty (``行政复议``).  When it names a caption, group or block, a row outside it is refused
        rather than guessed (``第二十条第（五）项`` with ``规章``)."""
        matcher = self.rows[table] if table in self.rows else self.any_row
        label = rec.get("row_label", "").strip()
        blocks = [x.strip() for x in (rec.get("block_label", ""), rec.get("block", "")) if x.strip()]
        named = [b for b in blocks if b not in self.block_codes]  # a code (S1, M) is no label to join
        tries = [f"{b}/{label}" for b in named] + [label] if label else named
        found = next(((t, hit) for t in tries for hit in [matcher.match(t)] if hit), None)
        if found is None:
            return None
        tcode, _, row = found[1].item
        for b in blocks:
            scope = self.scopes.match(b)
            if scope is not None and (tcode, row.code) not in scope.item:
                return None
        return found

    def _place_line(self, rec: dict):
        code = rec.get("row_code", "").strip()
        if code in self.lines:
            return CellRef(EXTRA_TABLE, code, EXTRA_COLUMN), []
        label = re.sub(r"^\d{4}年", "", normalize(rec.get("row_label", "")))
        m = self.line_matcher.match(label) if label else None
        return (CellRef(EXTRA_TABLE, m.item.code, EXTRA_COLUMN), []) if m else (None, [])


MAX_LINES = 20_000


def _records(text: str, source: str) -> list[tuple[int, dict]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise input_error("empty.csv", path=source) from None
    except csv.Error as e:
        raise input_error("bad-csv", path=source, reason=e) from None
    names = [_HEADER_ALIASES.get(h.strip(), h.strip().lower()) for h in header]
    if "value" not in names and "raw" not in names:
        raise input_error("bad-csv.no-value", path=source, header=",".join(COLUMNS))
    if not ({"row_code", "col_code"} <= set(names) or {"row_label", "col_label"} <= set(names)):
        raise input_error("bad-csv.no-place", path=source)
    out = []
    try:
        for i, line in enumerate(reader, start=2):
            if i > MAX_LINES:  # a report has a few hundred cells; more lines are not a report
                raise input_error("too-large.csv", path=source, limit=MAX_LINES)
            if not any(x.strip() for x in line):
                continue
            rec = {n: _unsafe(v) for n, v in zip(names, line)}
            out.append((i, rec))
    except csv.Error as e:
        raise input_error("bad-csv", path=source, reason=e) from None
    return out


def _meta(records, source) -> Meta:
    meta = Meta()
    given: dict[str, str] = {}
    for line_no, rec in records:
        if _table_code(rec.get("table", "")) != META_TABLE:
            continue
        key = rec.get("row_code", "").strip()
        if not key:
            rev = {v: k for k, v in META_FIELDS.items()}
            key = rev.get(rec.get("row_label", "").strip(), "")
        value = (rec.get("value") or rec.get("raw") or "").strip()
        if key.startswith("extra."):
            meta.extra[key[6:]] = value
        elif key in META_FIELDS:
            given[key] = value
    try:
        meta.agency = given.get("agency") or None
        meta.agency_kind = AgencyKind(given["agency_kind"]) if given.get("agency_kind") else None
        meta.year = year_of(given["year"]) if given.get("year") else None  # ASCII digits only: int() would take ٢٠٢٤
        meta.edition = get_edition(given["edition"]).id if given.get("edition") else ""
        meta.profile = get_profile(given["profile"]).id if given.get("profile") else None
        meta.title = given.get("title") or None
        meta.signature_date = dt.date.fromisoformat(given["signature_date"]) if given.get("signature_date") else None
        meta.publication_date = dt.date.fromisoformat(given["publication_date"]) if given.get("publication_date") else None
    except (ValueError, UnknownEdition) as e:
        raise input_error("bad-csv.meta", path=source, reason=e) from None
    return meta


def loads(text: str, source: str = "report.csv") -> Report:
    records = _records(text, source)
    meta = _meta(records, source)
    cell_records = [(n, r) for n, r in records if _table_code(r.get("table", "")) != META_TABLE]
    profile = get_profile(meta.profile) if meta.profile else None
    # a profile named in the file brings its own tables (`applied`); the national edition otherwise
    candidates = [applied(e.id, meta.profile) for e in ([get_edition(meta.edition)] if meta.edition else editions())]
    best = None
    for ed in candidates:
        placer = _Placer(ed, profile or _line_profile(cell_records))
        placed = [(n, r, *placer.place(r)) for n, r in cell_records]
        hits = sum(1 for p in placed if p[2] is not None)
        coverage = len({p[2].key for p in placed if p[2] is not None and p[2].table != EXTRA_TABLE}) / max(1, sum(1 for _ in ed.cells()))
        score = (hits, -placer.other_edition, coverage, ed.official)
        if best is None or score > best[0]:
            best = (score, ed, placed, placer)
    assert best is not None
    (hits, *_), ed, placed, placer = best
    if cell_records and hits == 0:
        raise input_error("no-cells", path=source)
    report = Report(meta=meta, source=source)
    meta.edition = ed.id
    if not meta.profile and placer.lines and any(p[2] is not None and p[2].table == EXTRA_TABLE for p in placed):
        meta.profile = _line_profile(cell_records).id
    if not candidates[0] is ed or len(candidates) > 1:
        report.read_notes.append(note("reading.csv_layout", edition=(ed.name, ed.name_en), id=ed.id))
    for line_no, rec, ref, devs in placed:
        where = f"{source}:{line_no}"
        if ref is None:
            named = (rec.get("table", ""), rec.get("block_label", "") or (rec.get("block", "") if not rec.get("row_code", "").strip() else ""),
                     rec.get("row_label", "") or rec.get("row_code", ""), rec.get("col_label", "") or rec.get("col_code", ""))
            report.unplaced.append(Unplaced(where, " / ".join(x for x in named if x), rec.get("raw") or rec.get("value")))
            continue
        for written, canonical in devs:
            report.deviations.append(Deviation(where, written, canonical))
        raw = rec.get("raw", "")
        value = rec.get("value", "")
        text = raw if raw.strip() else (value if value.strip() else None)
        cell = report.set(ref, text, rec.get("source") or None)
        if raw.strip() and value.strip():
            alt = Cell.parse(value, *report.kind_of(ref))
            if alt.value is not None and alt.value != cell.value:
                cell = Cell(cell.raw, alt.value, cell.unit, cell.status, cell.notes, cell.source)
                report.cells[ref.key] = cell
        if rec.get("unit", "").strip() and cell.unit is None and cell.value is not None:
            report.cells[ref.key] = Cell(cell.raw, cell.value, rec["unit"].strip(), cell.status, cell.notes, cell.source)
    return report


def _line_profile(cell_records):
    """A profile whose extra line appears in the CSV (by table X or a label starting with a year)."""
    from ..editions import profiles

    for p in profiles():
        labels = [normalize(re.sub(r"^\{year\}年", "", ln.label)) for ln in p.lines]
        for _, r in cell_records:
            text = re.sub(r"^\d{4}年", "", normalize(r.get("row_label", "")))
            if r.get("row_code", "").strip() in {ln.code for ln in p.lines} or text in labels:
                return p
    return None


def load(path) -> Report:
    from pathlib import Path

    from .files import read_text

    return loads(read_text(path), source=Path(path).name)
