"""The 单位名单 (which agencies must submit) and matching agency names between files and lists.

Names are compared after `normalize_agency`: full-width forms folded (NFKC), spaces and invisible
characters removed, quotes dropped, and the report words people append ("2024年政府信息公开工作
年度报告", "年报") cut off.  Matching is exact first; otherwise a name contained in the other is
accepted only when it is the one candidate (or the most specific of nested candidates), never a guess
between two different agencies.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from ..errors import InputError, input_error
from ..io.inputs import decode_text
from ..spec import REPORT_TITLE

T = TypeVar("T")

MAX_ROSTER_BYTES = 5 * 1024 * 1024
MAX_ROSTER_ROWS = 20_000
MAX_ROSTER_COLS = 30
MIN_CONTAINED = 3  # a contained name must have at least this many characters ("财政局")

_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u3000]+")
_QUOTES = re.compile(r"[\"'“”‘’《》「」『』〈〉<>]")
_REPORT_WORDS = re.compile(
    r"(?:\d{4}年?度?)?(?:政府信息公开(?:工作)?)?(?:年度)?(?:报告|年报)$"
)
_LEADING_YEAR = re.compile(r"^\d{4}年度?")
_STEM_NUMBER = re.compile(r"^[\d.]+[-_.、)\]]*")
_STEM_YEAR = re.compile(r"\d{4}年?度?")
_STEM_SEPARATORS = re.compile(r"[-_.()\[\]【】]+")

NAME_HEADERS = ("单位名称", "机关名称", "部门名称", "报送单位", "单位", "机关", "部门", "名称", "agency", "name", "unit")


def normalize_agency(name: str | None) -> str:
    """The form two spellings of one agency have in common ('' for no name)."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKC", str(name))
    s = _INVISIBLE.sub("", s)
    s = _QUOTES.sub("", s)
    s = s.lower()
    for _ in range(2):  # "…2024年度政府信息公开工作年度报告" and similar stacked endings
        s = _REPORT_WORDS.sub("", s) if len(s) > 4 else s
    s = _LEADING_YEAR.sub("", s)
    return s


def normalize_stem(stem: str) -> str:
    """A file name as an agency name: numbering, years, report words and separators removed."""
    s = normalize_agency(stem)
    s = _STEM_NUMBER.sub("", s)
    s = _STEM_YEAR.sub("", s)
    for word in (REPORT_TITLE, "政府信息公开年度报告", "年度报告", "年报", "报告", "报表", "统计表"):
        s = s.replace(word, "")
    return _STEM_SEPARATORS.sub("", s)


@dataclass(frozen=True)
class Match(Generic[T]):
    key: str  # the normalised name matched
    values: tuple  # what is stored under it (more than one: ambiguous)
    how: str  # exact | contained
    candidates: tuple[str, ...] = ()  # names that could have matched when ambiguous

    @property
    def unique(self) -> bool:
        return len(self.values) == 1


class NameIndex(Generic[T]):
    """Values by normalised agency name, with exact and contained-name lookup."""

    def __init__(self, pairs: Iterable[tuple[str, T]] = ()):
        self.by_key: dict[str, list[T]] = {}
        self.names: dict[str, str] = {}  # key -> a name as written
        for name, value in pairs:
            self.add(name, value)

    def add(self, name: str, value: T) -> None:
        key = normalize_agency(name)
        if key:
            self.by_key.setdefault(key, []).append(value)
            self.names.setdefault(key, name)

    def __len__(self) -> int:
        return len(self.by_key)

    def match(self, name: str | None, normalized: str | None = None) -> Match | None:
        """Exact match of the normalised name, else the unambiguous contained name, else None.

        An ambiguous contained match is returned with `candidates` and no `values`.
        """
        q = normalized if normalized is not None else normalize_agency(name)
        if not q:
            return None
        if q in self.by_key:
            return Match(q, tuple(self.by_key[q]), "exact")
        if len(q) < MIN_CONTAINED:
            return None
        found = [k for k in self.by_key if len(k) >= MIN_CONTAINED and (k in q or q in k)]
        if not found:
            return None
        if len(found) > 1:
            # nested candidates (市政府 ⊂ 市政府办公室, both inside the query): the most specific one
            inside = [k for k in found if k in q]
            best = max(inside, key=len) if inside else None
            if best is None or not all(k in best for k in found):
                return Match("", (), "contained", tuple(self.names[k] for k in found))
            found = [best]
        return Match(found[0], tuple(self.by_key[found[0]]), "contained")


# ------------------------------------------------------------------------------------------------


@dataclass
class Roster:
    """Agencies that must submit, in the roster's own order."""

    names: list[str]
    source: str = ""
    notes: list[str] = field(default_factory=list)  # duplicate entries dropped, …

    def index(self) -> NameIndex[int]:
        return NameIndex((name, i) for i, name in enumerate(self.names))


def read_roster(path: str | Path) -> Roster:
    """Read a 单位名单 from .csv/.txt (UTF-8 with or without BOM, or GBK) or .xlsx (first sheet)."""
    p = Path(path)
    ext = p.suffix.lower()
    if ext in (".csv", ".txt", ".tsv"):
        rows = _csv_rows(p)
    elif ext in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(p)
    elif ext in (".xls", ".et"):
        raise input_error("roster-format.xls", path=p)
    else:
        raise input_error("roster-format.ext", path=p)
    names = _names(rows)
    seen: dict[str, str] = {}
    out, notes = [], []
    for name in names:
        key = normalize_agency(name)
        if not key:
            continue
        if key in seen:
            notes.append(f"名单中“{name}”与“{seen[key]}”重复，只计一次。")
            continue
        seen[key] = name
        out.append(name)
    if not out:
        raise input_error("roster-empty", path=p)
    return Roster(out, str(p), notes)


def _read_bytes(p: Path) -> bytes:
    """The roster's bytes: a regular file within the size limit, never a FIFO or a device."""
    from ..io.inputs import read_input

    try:
        return read_input(p, MAX_ROSTER_BYTES)
    except InputError as e:
        code = {"too-large": "roster-too-large"}.get(e.code, "roster-missing")
        raise input_error("roster-missing", path=p, code=code, reason=(e.zh, e.en)) from None


def _csv_rows(p: Path) -> list[list[str]]:
    try:
        text = decode_text(_read_bytes(p), p)
    except InputError:  # pragma: no cover - gb18030 decodes nearly everything
        raise input_error("roster-encoding", path=p) from None
    if "\x00" in text:
        raise input_error("roster-format.binary", path=p)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows = []
    try:
        for i, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
            if i >= MAX_ROSTER_ROWS:
                break
            rows.append([c for c in row[:MAX_ROSTER_COLS]])
    except csv.Error as e:
        raise input_error("roster-format.csv", path=p, reason=e) from None
    return rows


def _xlsx_rows(p: Path) -> list[list[str]]:
    data = _read_bytes(p)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > 500 or sum(i.file_size for i in infos) > 64 * 1024 * 1024:
                raise input_error("roster-too-large", path=p)
            for i in infos:
                if i.file_size > 1024 * 1024 and i.compress_size and i.file_size / i.compress_size > 200:
                    raise input_error("roster-format.malformed", path=p)
    except zipfile.BadZipFile:
        raise input_error("roster-format.xlsx", path=p) from None
    import openpyxl

    rows = []
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            ws = next((s for s in wb.worksheets if s.sheet_state == "visible"), wb.worksheets[0])
            for row in ws.iter_rows(max_row=MAX_ROSTER_ROWS, max_col=MAX_ROSTER_COLS, values_only=True):
                rows.append(["" if v is None else str(v) for v in row])
        finally:
            wb.close()
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds on damaged files
        raise input_error("roster-format.workbook", path=p, reason=type(e).__name__) from None
    return rows


def _names(rows: list[list[str]]) -> list[str]:
    """The name column: the one headed 单位名称 (or a similar header) in the first rows, else the
    first column that holds text rather than numbers."""
    rows = [[(c or "").strip() for c in r] for r in rows]
    rows = [r for r in rows if any(r) and not r[0].startswith("#")]
    for h, row in enumerate(rows[:10]):
        heads = [unicodedata.normalize("NFKC", c).replace(" ", "").lower() for c in row]
        for wanted in NAME_HEADERS:
            if wanted in heads:
                col = heads.index(wanted)
                return [r[col] for r in rows[h + 1:] if col < len(r) and r[col]]
    width = max((len(r) for r in rows), default=0)
    for col in range(width):
        cells = [r[col] for r in rows if col < len(r) and r[col]]
        if cells and sum(1 for c in cells if not re.fullmatch(r"[\d.\s]+", c)) >= len(cells) / 2:
            return [c for c in cells if not re.fullmatch(r"[\d.\s]+", c)]
    return []
