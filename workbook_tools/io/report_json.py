"""Report ⇄ versioned JSON (schema: workbook_tools/schema/report.schema.json).

Lossless both ways: `report_from_dict(report_to_dict(r)) == r`, and a canonical document survives
the opposite trip unchanged.  Cells may also be written by hand in a short form (``"T3/R1/C1": 12``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

from .. import numbers, textsafe
from ..editions import UnknownEdition, get_edition, get_profile
from ..errors import InputError, input_error
from ..model import (Cell, Deviation, DocumentInfo, Meta, Narrative, NarrativeSection, Report, TextBlock, Unplaced,
                     WorkbookInfo, WorkbookIssue)
from ..spec import AgencyKind, CellRef, Kind

FORMAT = "xxgk-report"
VERSION = 1
# A report nests six levels deep and holds a few thousand values; checked on the text, before parsing,
# so that neither the parser's recursion nor the schema walk meets anything much larger.
MAX_DEPTH = 32
MAX_VALUES = 200_000


def _num(v):
    if isinstance(v, Decimal):
        f = float(v)
        return f if Decimal(repr(f)) == v else format(v, "f")
    return v


def _cell_to_dict(c: Cell) -> dict:
    d: dict[str, Any] = {"raw": c.raw, "value": _num(c.value)}
    if c.unit:
        d["unit"] = c.unit
    if c.source:
        d["source"] = c.source
    return d


def report_to_dict(r: Report) -> dict:
    m = r.meta
    meta = {
        "agency": m.agency,
        "agency_kind": m.agency_kind.value if m.agency_kind else None,
        "year": m.year,
        "edition": m.edition,
        "profile": m.profile,
        "title": m.title,
        "signature_date": m.signature_date.isoformat() if m.signature_date else None,
        "publication_date": m.publication_date.isoformat() if m.publication_date else None,
        "extra": dict(m.extra),
    }
    narrative = {
        "preamble": list(r.narrative.preamble),
        "sections": [
            {"number": s.number, "title": s.title, "blocks": [{b.kind: b.text} for b in s.blocks]}
            for s in r.narrative.sections
        ],
    }
    out = {"format": FORMAT, "version": VERSION, "meta": meta,
           "cells": {k: _cell_to_dict(c) for k, c in r.cells.items()}, "narrative": narrative}
    if r.source:
        out["source"] = r.source
    if r.read_notes:
        out["read_notes"] = list(r.read_notes)
    if r.deviations:
        out["deviations"] = [{"where": d.where, "written": d.written, "canonical": d.canonical} for d in r.deviations]
    if r.unplaced:
        out["unplaced"] = [{"where": u.where, "text": u.text, "raw": u.raw} for u in r.unplaced]
    if r.document:
        out["document"] = {"kind": r.document.kind, "headings": [{"number": n, "text": t} for n, t in r.document.headings],
                           "table3_note": r.document.table3_note}
    if r.workbook:
        out["workbook"] = {"strategy": r.workbook.strategy, "application": r.workbook.application,
                           "template_version": r.workbook.template_version,
                           "issues": [{"rule": i.rule, "key": i.key, "where": i.where, "params": dict(i.params)}
                                      for i in r.workbook.issues]}
    return out


def dumps(r: Report) -> str:
    return json.dumps(report_to_dict(r), ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------------------------------------


def _bad(case: str, **params) -> InputError:
    """The error ``inputs.bad-json.<case>``: the document does not follow the report format."""
    return input_error(f"bad-json.{case}", **params)


def _date(v, field: str) -> dt.date | None:
    if v in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        raise _bad("date", field=field, value=repr(v)) from None


def _meta(d: dict) -> Meta:
    if not isinstance(d, dict):
        raise _bad("meta")
    try:
        edition = get_edition(str(d.get("edition") or "")).id if d.get("edition") else None
    except UnknownEdition:
        raise _bad("edition", value=repr(d.get("edition"))) from None
    year = d.get("year")
    if year is not None and not isinstance(year, int):
        try:
            year = numbers.year(year)
        except ValueError:
            shown = str(year)[:40]
            raise _bad("year", value=repr(shown)) from None
    kind = d.get("agency_kind")
    try:
        kind = AgencyKind(kind) if kind else None
    except ValueError:
        raise _bad("agency-kind", value=repr(kind)) from None
    profile = d.get("profile") or None
    if profile:
        try:
            profile = get_profile(profile).id
        except UnknownEdition:
            raise _bad("profile", value=repr(profile)) from None
    if edition is None:
        from ..editions import default_edition, edition_for_year

        edition = (edition_for_year(year) if year else default_edition()).id
    extra = d.get("extra") or {}
    if not isinstance(extra, dict):
        raise _bad("extra")
    return Meta(
        agency=d.get("agency") or None,
        agency_kind=kind,
        year=year,
        edition=edition,
        profile=profile,
        title=d.get("title") or None,
        signature_date=_date(d.get("signature_date"), "signature_date"),
        publication_date=_date(d.get("publication_date"), "publication_date"),
        extra={str(k): str(v) for k, v in extra.items()},
    )


def _narrative(d) -> Narrative:
    if d is None:
        return Narrative()
    if not isinstance(d, dict):
        raise _bad("narrative")
    sections = []
    for s in d.get("sections") or []:
        if not isinstance(s, dict) or s.get("number") not in ("一", "二", "三", "四", "五", "六"):
            raise _bad("section-number")
        blocks = []
        for b in s.get("blocks") or []:
            if isinstance(b, str):
                blocks.append(TextBlock("paragraph", b))
            elif isinstance(b, dict) and len(b) == 1 and next(iter(b)) in ("heading", "paragraph"):
                (kind, text), = b.items()
                blocks.append(TextBlock(kind, str(text)))
            else:
                raise _bad("block")
        sections.append(NarrativeSection(s["number"], s.get("title"), blocks))
    return Narrative([str(p) for p in d.get("preamble") or []], sections)


def report_from_dict(d: Any, source: str | None = None, *, clean: bool = True) -> Report:
    """The report a parsed document describes.  `clean=False` skips looking for unwritable text when the
    caller knows there is none (the model would replace it anyway, only without saying where)."""
    if not isinstance(d, dict):
        raise _bad("top")
    fmt = d.get("format", FORMAT)
    if fmt != FORMAT:
        raise _bad("format", format=repr(FORMAT))
    version = d.get("version", VERSION)
    if version != VERSION or isinstance(version, bool):
        shown = str(version)[:20]
        raise _bad("version", value=repr(shown), version=VERSION)
    _follows_schema(d)
    cleaned = _clean_texts(d, "$") if clean else []
    report = Report(meta=_meta(d.get("meta") or {}), narrative=_narrative(d.get("narrative")))
    report.source = d.get("source") or source
    report.read_notes = [str(n) for n in d.get("read_notes") or []]
    try:
        report.deviations = [Deviation(str(x["where"]), str(x["written"]), str(x["canonical"])) for x in d.get("deviations") or []]
        report.unplaced = [Unplaced(str(x["where"]), str(x["text"]), x.get("raw")) for x in d.get("unplaced") or []]
    except (TypeError, KeyError):
        raise _bad("entries") from None
    doc = d.get("document")
    if isinstance(doc, dict):
        report.document = DocumentInfo(str(doc.get("kind") or ""), [(str(h["number"]), str(h["text"])) for h in doc.get("headings") or []
                                                                  if isinstance(h, dict) and "number" in h and "text" in h],
                                       doc.get("table3_note"))
    wb = d.get("workbook")
    if isinstance(wb, dict):
        try:
            report.workbook = WorkbookInfo(
                str(wb.get("strategy") or ""), wb.get("application"), wb.get("template_version"),
                [WorkbookIssue(str(i["rule"]), str(i["key"]), str(i.get("where") or ""),
                               tuple((str(k), str(v)) for k, v in (i.get("params") or {}).items()))
                 for i in wb.get("issues") or []])
        except (TypeError, KeyError, AttributeError):
            raise _bad("issues") from None
    cells = d.get("cells") or {}
    if not isinstance(cells, dict):
        raise _bad("cells")
    for key, v in cells.items():
        try:
            ref, kind, unit = _cell_kind(report, key)
        except (ValueError, KeyError):
            raise _bad("no-cell", edition=(report.edition.name, report.edition.name_en), cell=repr(key)) from None
        if isinstance(v, dict):
            cell = Cell.parse(v.get("raw"), kind, unit, v.get("source"))
            if "value" in v and v["value"] is not None:
                value = numbers.to_decimal(v["value"])  # None for "abc", "NaN", "1_0", 1e999999999 …
                if value is None:
                    raise _bad("value", cell=key, digits=numbers.MAX_DIGITS, value=repr(str(v["value"])[:40]))
                value = value if kind is Kind.MONEY or value != int(value) else int(value)
                cell = Cell(cell.raw, value, v.get("unit", cell.unit), cell.status, cell.notes, cell.source)
            elif "unit" in v:
                cell = Cell(cell.raw, cell.value, v["unit"], cell.status, cell.notes, cell.source)
        else:
            cell = Cell.parse(v, kind, unit)
        report.cells[ref.key] = cell
    if cleaned:
        report.read_notes.append(textsafe.cleaning_note(cleaned))
    return report


_KINDS: dict[tuple[int, Any], tuple] = {}  # (edition, profile id) -> cell key -> (ref, kind, unit): once per process


def _cell_kind(report: Report, key: str) -> tuple:
    """CellRef.parse and Report.kind_of, remembered per edition and profile (only keys that are cells of
    the edition get there, so the memo is as large as the declaration at most)."""
    edition, profile = report.edition, report.meta.profile
    slot = _KINDS.get((id(edition), profile))
    if slot is None or slot[0] is not edition:
        if len(_KINDS) > 64:  # editions declared on the fly (tests): keep the memo small
            _KINDS.clear()
        slot = _KINDS[(id(edition), profile)] = (edition, {})
    found = slot[1].get(key)
    if found is None:
        ref = CellRef.parse(key)
        found = (ref, *report.kind_of(ref))
        if len(slot[1]) < 20_000:
            slot[1][key] = found
    return found


def json_path(where) -> str:
    from .schema_check import json_path as written

    return written(where)


def _follows_schema(d: dict) -> None:
    from .schema_check import Violation, check, report_schema

    try:
        check(d, report_schema())
    except Violation as e:
        raise input_error("bad-json.schema", where=e.path, reason=(e.zh, e.en)) from None


def _clean_texts(v, path: str, out: list[str] | None = None) -> list[str]:
    """Replace, in place, what no output can hold in every text of the parsed document; the JSON
    paths that changed.  Depth is bounded by `_shape` before parsing."""
    out = [] if out is None else out
    items = v.items() if isinstance(v, dict) else enumerate(v) if isinstance(v, list) else ()
    for k, item in list(items):
        where = (path, k)
        if isinstance(item, str):
            if textsafe.unwritable(item):
                v[k] = textsafe.clean(item)
                out.append(json_path(where))
        elif isinstance(item, (dict, list)):
            _clean_texts(item, where, out)
        if isinstance(k, str) and textsafe.unwritable(k):
            v[textsafe.clean(k)] = v.pop(k)
            out.append(json_path(where))
    return out


class JsonNumber(str):
    """A JSON number too long to be any figure, kept as its text (the schema still sees a number)."""

    json_number = True


def _number(text: str, make):
    return make(text) if len(text) <= numbers.MAX_TEXT else JsonNumber(text)


class _Duplicate(Exception):
    pass


def _unique(pairs: list) -> dict:
    d = dict(pairs)
    if len(d) != len(pairs):
        seen: set = set()
        raise _Duplicate(next(k for k, _ in pairs if k in seen or seen.add(k)))
    return d


def _constant(name: str):
    raise input_error("bad-json.constant", name=name)


# a JSON string, or an unterminated one running to the end: always a match, so the scan stays linear
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
# JSON text cannot hold control characters raw, so unwritable text only arrives escaped: a C0 control,
# a surrogate, U+FFFE/U+FFFF (tab and newline match too, which only costs a walk)
_ESCAPED_UNWRITABLE = re.compile(r"\\u(?:00[01][0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF])")


def _shape(text: str, source: str | None) -> None:
    """Refuse, before parsing, a document nested deeper than MAX_DEPTH or holding more than MAX_VALUES."""
    bare = _STRINGS.sub("", text)  # brackets and commas inside strings are text
    brackets = _NOT_BRACKET.sub("", bare)
    too_many = bare.count(",") + bare.count(":") > MAX_VALUES or len(brackets) > MAX_VALUES
    depth = deepest = 0
    if not too_many:
        for ch in brackets:
            depth += 1 if ch in "[{" else -1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    break
    if too_many or deepest > MAX_DEPTH:
        raise input_error("too-complex", path=source, depth=MAX_DEPTH, values=MAX_VALUES)


def loads(text: str, source: str | None = None) -> Report:
    _shape(text, source)
    try:
        data = json.loads(text, parse_float=lambda t: _number(t, Decimal), parse_int=lambda t: _number(t, int),
                          parse_constant=_constant, object_pairs_hook=_unique)
    except json.JSONDecodeError as e:
        raise input_error("bad-json.syntax", path=source, line=e.lineno, col=e.colno, reason=e.msg) from None
    except _Duplicate as e:
        key = str(e.args[0])[:60]
        raise input_error("bad-json.duplicate", path=source, name=repr(key)) from None
    except InputError as e:
        e.path = e.path or source
        raise
    try:
        return report_from_dict(data, source, clean=_ESCAPED_UNWRITABLE.search(text) is not None)
    except InputError as e:
        e.path = e.path or source
        raise


def load(path) -> Report:
    from .files import read_text

    return loads(read_text(path), source=str(path))


def dump_bytes(r: Report) -> bytes:
    return dumps(r).encode("utf-8")
