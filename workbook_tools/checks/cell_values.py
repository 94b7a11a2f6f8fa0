"""Value rules V01–V05: what is written in each cell."""

from __future__ import annotations

from functools import lru_cache

from ..model import Meta, Report
from ..spec import Kind
from ..values import BLANK, CONVERTED, FULLWIDTH, INVALID, NUMBER, PLACEHOLDER, PLUS, THOUSANDS, UNIT
from . import check
from .grouping import grouped


@lru_cache(maxsize=32)
def _declared(edition: str, profile: str | None):
    """(ref, kind, declared unit) of every declared cell, in reading order (looked up once per layout)."""
    r = Report(meta=Meta(edition=edition, profile=profile))
    return tuple((ref, *r.kind_of(ref)) for ref in r.declared_refs())


def _cells(ctx):
    """(ref, cell, kind, declared unit) for every present cell, in reading order: listed once per
    validation for the five value rules."""
    memo = ctx.__dict__
    if "_value_cells" not in memo:
        cells = ctx.report.cells
        memo["_value_cells"] = [(ref, cell, kind, unit)
                                for ref, kind, unit in _declared(ctx.report.meta.edition, ctx.report.meta.profile)
                                if (cell := cells.get(ref.key)) is not None]
    return memo["_value_cells"]


@check("V01")
def numbers_of_the_right_kind(ctx):
    for ref, cell, kind, _ in _cells(ctx):
        if cell.status == INVALID:
            yield ctx.finding("V01", ctx.loc(ref), key="V01.invalid", raw=cell.raw)
        elif cell.status == NUMBER and cell.value is not None:
            v = cell.value
            if kind is not Kind.MONEY and v != int(v):
                yield ctx.finding("V01", ctx.loc(ref), key="V01.fraction", raw=cell.raw)
            elif kind is not Kind.SIGNED and v < 0:
                yield ctx.finding("V01", ctx.loc(ref), key="V01.negative", raw=cell.raw)


@check("V02")
def blanks(ctx):
    return grouped(ctx, _blanks(ctx))  # a blank template: one finding per table, not 135


def _blanks(ctx):
    for ref, cell, _, _ in _cells(ctx):
        if cell.status == BLANK:
            yield ctx.finding("V02", ctx.loc(ref))


@check("V03")
def placeholders(ctx):
    return grouped(ctx, _placeholders(ctx))  # "—" typed all over a table: one finding per table


def _placeholders(ctx):
    for ref, cell, _, _ in _cells(ctx):
        if cell.status == PLACEHOLDER:
            yield ctx.finding("V03", ctx.loc(ref), raw=cell.raw)


@check("V04")
def units(ctx):
    for ref, cell, kind, unit in _cells(ctx):
        if kind is not Kind.MONEY or cell.status != NUMBER:
            continue
        if CONVERTED in cell.notes:
            yield ctx.finding("V04", ctx.loc(ref), key="V04.converted", raw=cell.raw, value=cell.value, unit=unit)
        elif UNIT in cell.notes:
            yield ctx.finding("V04", ctx.loc(ref), key="V04.in_cell", raw=cell.raw)
        elif unit is None and cell.unit is None and cell.value:
            yield ctx.finding("V04", ctx.loc(ref), key="V04.no_unit", raw=cell.raw)


@check("V05")
def normalised_forms(ctx):
    for ref, cell, kind, _ in _cells(ctx):
        notes = [n for n in (FULLWIDTH, THOUSANDS, PLUS) if n in cell.notes]
        if kind is not Kind.MONEY and UNIT in cell.notes:
            notes.append(UNIT)
        if notes and cell.status == NUMBER:
            yield ctx.finding("V05", ctx.loc(ref), raw=cell.raw, value=cell.value, notes=notes)

