"""Texts an office sends back: 退回修改意见 (what to fix, where, in plain words) and 催报 (a reminder to a
unit that has not submitted).

`revision_notes` takes a validation `Result`; `row_notes` takes a row of a `check` summary (the same
findings, reduced to plain data in a worker).  Both go through one builder, so a unit reads the same
note in the office workbook and in the web application.  Errors come first, then warnings; items are
numbered through the note and grouped by table (or narrative section); a long list is cut short with
a count, since the full list is in the 问题明细 sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..findings import Location
from ..messages import location_text, text
from ..values import format_number

SHOWN_PER_SEVERITY = 12  # items listed per severity; the rest are counted


@dataclass(frozen=True)
class Item:
    """One finding as a note needs it (from a `Finding` or from a summary row's finding)."""

    severity: str  # error | warning | info
    table: str | None
    block: str | None
    row: str | None
    col: str | None
    section: str | None
    expected: object
    actual: object
    message: str
    title: str


def revision_notes(result, lang: str = "zh") -> str:
    """The 退回修改意见 for one validated report (`validate.Result`), numbered and grouped per table."""
    from ..messages import title

    items = []
    for f in result.findings:
        loc = f.location
        items.append(Item(f.severity.value, loc.table_label, loc.block_label, loc.row_label, loc.col_label, loc.section,
                          f.expected, f.actual, f.message(lang), title(f.rule, lang)))
    return build_notes(result.agency, result.year, items, lang)


def row_notes(row: dict, lang: str = "zh") -> str:
    """The same note for a file row of a `check` summary; an unreadable file gets its reason instead."""
    if row.get("status") == "unreadable":
        return text("office.notes.unreadable", lang, reason=(row.get("reason") or "").rstrip("。. "))
    items = [Item(g["severity"], g.get("table"), g.get("block"), g.get("row"), g.get("col"), g.get("section"),
                  g.get("expected"), g.get("actual"), g.get("message") or "", g.get("title") or g.get("rule") or "")
             for g in row.get("findings") or ()]
    return build_notes(row.get("agency"), row.get("year"), items, lang)


def build_notes(agency: str | None, year, items: list[Item], lang: str = "zh") -> str:
    errors = [i for i in items if i.severity == "error"]
    warnings = [i for i in items if i.severity == "warning"]
    who = agency or text("office.notes.your_report", lang)
    period = text("office.notes.year", lang, year=year) if year else ""
    if not errors and not warnings:
        return text("office.notes.none", lang, agency=who, period=period)
    head = "office.notes.head" if errors and warnings else "office.notes.head_errors" if errors else "office.notes.head_warnings"
    lines = [text(head, lang, agency=who, period=period, errors=len(errors), warnings=len(warnings))]
    number = 0
    for key, group in (("office.notes.errors", errors), ("office.notes.warnings", warnings)):
        if not group:
            continue
        lines.append(text(key, lang, n=len(group)))
        shown = group[:SHOWN_PER_SEVERITY]
        for place, members in _by_place(shown, lang):
            lines.append(text("office.notes.place", lang, place=place))
            for item in members:
                number += 1
                lines.append(text("office.notes.item", lang, n=number, text=_plain(item, lang)))
        if len(group) > len(shown):
            lines.append(text("office.notes.more", lang, n=len(group) - len(shown)))
    return "\n".join(lines)


def _by_place(items: list[Item], lang: str) -> list[tuple[str, list[Item]]]:
    """Items grouped by table (or narrative section), in the order their places first appear."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        if item.table:
            place = location_text(Location(table_label=item.table), lang)
        elif item.section:
            place = location_text(Location(section=item.section), lang)
        else:
            place = text("office.notes.general", lang)
        groups.setdefault(place, []).append(item)
    return list(groups.items())


def _plain(item: Item, lang: str) -> str:
    """「row」行「col」列应为 E，现为 A（rule） for one cell whose value is known to be wrong; the
    finding's own sentence, without the table already named above it, for everything else."""
    if item.row and item.col and _is_number(item.expected) and _is_number(item.actual):
        where = location_text(Location(block_label=item.block, row_label=item.row, col_label=item.col), lang)
        where = where.lstrip(", ")
        return text("office.notes.cell", lang, where=where, expected=_num(item.expected), actual=_num(item.actual),
                    rule=item.title)
    message = item.message.strip()
    table = location_text(Location(table_label=item.table), lang) if item.table else ""
    if table and message.startswith(table):
        message = message[len(table):].lstrip(" ：:,，")
    return message


def _is_number(v) -> bool:
    return isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)


def _num(v) -> str:
    try:
        return format_number(v)
    except (TypeError, ValueError, ArithmeticError):
        return str(v)


def reminder_text(unit: str, deadline: str | None = None, lang: str = "zh", year=None) -> str:
    """The 催报 text for a roster unit that has sent nothing."""
    period = text("office.notes.year", lang, year=year) if year else ""
    if deadline:
        return text("office.remind.by", lang, unit=unit, period=period, deadline=deadline)
    return text("office.remind.soon", lang, unit=unit, period=period)
