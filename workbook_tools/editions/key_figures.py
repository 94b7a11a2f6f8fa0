"""The key figures of a report (主要数字): the headline numbers the batch summary, its charts and 一图读懂
sheet, and the 同比 comparison all show.  Each is the sum of the cells having its roles, so one entry
serves every edition; the wording is in messages/figures.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..spec import Role


@dataclass(frozen=True)
class KeyFigure:
    name: str  # its key in a batch row and in the batch JSON (a published format: never renamed)
    roles: tuple[str, ...]
    label: str  # message key: the figure named in a line or a row of figures
    column: str  # message key: the short header of a column of figures


def _figure(name: str, *roles: str) -> KeyFigure:
    return KeyFigure(name, roles, f"figures.{name}", f"figures.{name}.column")


# in the order they are shown
KEY_FIGURES: tuple[KeyFigure, ...] = (
    _figure("new", Role.RECEIVED, Role.TOTAL),
    _figure("carried_in", Role.CARRIED_OVER, Role.TOTAL),
    _figure("closed", Role.CLOSED, Role.TOTAL),
    _figure("disclosed", Role.DISCLOSED, Role.TOTAL),
    _figure("carried_out", Role.FORWARD, Role.TOTAL),
    _figure("review", Role.REVIEW, Role.TOTAL),
    _figure("litigation", Role.LITIGATION, Role.TOTAL),
)
NAMES: tuple[str, ...] = tuple(f.name for f in KEY_FIGURES)
_BY_NAME = {f.name: f for f in KEY_FIGURES}


def key_figure(name: str) -> KeyFigure:
    return _BY_NAME[name]


def key_figures(report) -> dict[str, int | Decimal | None]:
    """name -> the report's figure (None where its edition has no such cell or one is not a number)."""
    return {f.name: report.total(*f.roles) for f in KEY_FIGURES}
