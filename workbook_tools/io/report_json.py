"""Report ⇄ versioned JSON (schema: workbook_tools/schema/report.schema.json).

Lossless both ways: `report_from_dict(report_to_dict(r)) == r`, and a canonical document survives
the opposite trip unchanged.  Cells may also be written by hand in a short form (``"T3/R1/C1": 12``).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from ..editions import UnknownEdition, get_edition, get_profile
from ..errors import InputError
from ..model import (Cell, Deviation, DocumentInfo, Meta, Narrative, NarrativeSection, Report, TextBlock, Unplaced,
                     WorkbookInfo, WorkbookIssue)
from ..spec import AgencyKind, CellRef, Kind

FORMAT = "xxgk-report"
VERSION = 1


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


def _bad(zh: str, en: str) -> InputError:
    return InputError(f"报告 JSON 格式错误：{zh}", f"invalid report JSON: {en}", code="bad-json")


def _date(v, field: str) -> dt.date | None:
    if v in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        raise _bad(f"{field} 应为 YYYY-MM-DD 格式的日期，而不是 {v!r}", f"{field} must be a YYYY-MM-DD date, not {v!r}") from None


def _meta(d: dict) -> Meta:
    if not isinstance(d, dict):
        raise _bad("meta 应为对象", "meta must be an object")
    try:
        edition = get_edition(str(d.get("edition") or "")).id if d.get("edition") else None
    except UnknownEdition:
        raise _bad(f"未知版式 {d.get('edition')!r}", f"unknown edition {d.get('edition')!r}") from None
    year = d.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        try:
            year = int(str(year).strip().rstrip("年"))
        except ValueError:
            raise _bad(f"year 应为四位年份，而不是 {year!r}", f"year must be a 4-digit year, not {year!r}") from None
    kind = d.get("agency_kind")
    try:
        kind = AgencyKind(kind) if kind else None
    except ValueError:
        raise _bad(f"agency_kind 应为 department、government 或 other，而不是 {kind!r}",
                   f"agency_kind must be department, government or other, not {kind!r}") from None
    profile = d.get("profile") or None
    if profile:
        try:
            profile = get_profile(profile).id
        except UnknownEdition:
            raise _bad(f"未知省级扩展 {profile!r}", f"unknown profile {profile!r}") from None
    if edition is None:
        from ..editions import edition_for_year

        edition = edition_for_year(year).id if year else "2021"
    extra = d.get("extra") or {}
    if not isinstance(extra, dict):
        raise _bad("meta.extra 应为对象", "meta.extra must be an object")
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
        raise _bad("narrative 应为对象", "narrative must be an object")
    sections = []
    for s in d.get("sections") or []:
        if not isinstance(s, dict) or s.get("number") not in ("一", "二", "三", "四", "五", "六"):
            raise _bad("narrative.sections 中每节需有 number（一至六）", "each narrative section needs a number 一…六")
        blocks = []
        for b in s.get("blocks") or []:
            if isinstance(b, str):
                blocks.append(TextBlock("paragraph", b))
            elif isinstance(b, dict) and len(b) == 1 and next(iter(b)) in ("heading", "paragraph"):
                (kind, text), = b.items()
                blocks.append(TextBlock(kind, str(text)))
            else:
                raise _bad("段落应写作 {\"heading\": …} 或 {\"paragraph\": …}", "blocks are {\"heading\": …} or {\"paragraph\": …}")
        sections.append(NarrativeSection(s["number"], s.get("title"), blocks))
    return Narrative([str(p) for p in d.get("preamble") or []], sections)


def report_from_dict(d: Any, source: str | None = None) -> Report:
    if not isinstance(d, dict):
        raise _bad("顶层应为对象", "the top level must be an object")
    fmt = d.get("format", FORMAT)
    if fmt != FORMAT:
        raise _bad(f"format 应为 {FORMAT!r}", f"format must be {FORMAT!r}")
    version = d.get("version", VERSION)
    if version != VERSION:
        raise _bad(f"不支持的版本 {version!r}（本工具支持 {VERSION}）", f"unsupported version {version!r} (supported: {VERSION})")
    report = Report(meta=_meta(d.get("meta") or {}), narrative=_narrative(d.get("narrative")))
    report.source = d.get("source") or source
    report.read_notes = [str(n) for n in d.get("read_notes") or []]
    try:
        report.deviations = [Deviation(str(x["where"]), str(x["written"]), str(x["canonical"])) for x in d.get("deviations") or []]
        report.unplaced = [Unplaced(str(x["where"]), str(x["text"]), x.get("raw")) for x in d.get("unplaced") or []]
    except (TypeError, KeyError):
        raise _bad("deviations/unplaced 条目不完整", "incomplete deviations/unplaced entries") from None
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
            raise _bad("workbook.issues 条目不完整", "incomplete workbook.issues entries") from None
    cells = d.get("cells") or {}
    if not isinstance(cells, dict):
        raise _bad("cells 应为对象", "cells must be an object")
    for key, v in cells.items():
        try:
            ref = CellRef.parse(key)
            kind, unit = report.kind_of(ref)
        except (ValueError, KeyError):
            raise _bad(f"{report.edition.name}中没有单元格 {key!r}", f"no cell {key!r} in the {report.edition.name_en}") from None
        if isinstance(v, dict):
            cell = Cell.parse(v.get("raw"), kind, unit, v.get("source"))
            if "value" in v and v["value"] is not None:
                value = v["value"]
                try:
                    if isinstance(value, str):
                        value = Decimal(value)
                    elif isinstance(value, float):  # pragma: no cover - loads() parses floats as Decimal
                        value = Decimal(repr(value))
                except ArithmeticError:  # decimal.InvalidOperation: "abc"
                    value = None
                if isinstance(value, Decimal) and not value.is_finite():  # "NaN", "Infinity"
                    value = None
                if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
                    raise _bad(f"单元格 {key} 的 value 应为数字", f"value of cell {key} must be a number")
                value = Decimal(value) if kind is Kind.MONEY else int(value) if value == int(value) else value
                cell = Cell(cell.raw, value, v.get("unit", cell.unit), cell.status, cell.notes, cell.source)
            elif "unit" in v:
                cell = Cell(cell.raw, cell.value, v["unit"], cell.status, cell.notes, cell.source)
        else:
            cell = Cell.parse(v, kind, unit)
        report.cells[ref.key] = cell
    return report


def loads(text: str, source: str | None = None) -> Report:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as e:
        raise InputError(f"不是有效的 JSON（第 {e.lineno} 行第 {e.colno} 列：{e.msg}）。",
                         f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}).", path=source, code="bad-json") from None
    try:
        return report_from_dict(data, source)
    except InputError as e:
        e.path = e.path or source
        raise


def load(path) -> Report:
    from .files import read_text

    return loads(read_text(path), source=str(path))


def dump_bytes(r: Report) -> bytes:
    return dumps(r).encode("utf-8")
