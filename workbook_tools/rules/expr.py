"""Arithmetic rules as small expression trees over cell codes.

An `Equation` is written once in a declaration, in table coordinates (the way EBA/XBRL rule sheets
write ``{T3, R1, C*} + {T3, R2, C*} = {T3, R3.7, C*} + {T3, R4, C*}``).  `Equation.expand()` binds
the ``*`` to each row or column and yields concrete `Instance`s; `rules.python` evaluates those and
`rules.excel` turns the very same instances into formula text, so the workbook and the validator
cannot disagree about what a rule means.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from ..spec import CellRef, Edition

THIS = "this"
PREVIOUS = "previous"
BOUND = "*"


@dataclass(frozen=True)
class Cells:
    """Cells of one table: explicit row/column codes, or ``*`` for the bound variable."""

    table: str
    rows: tuple[str, ...] | str
    cols: tuple[str, ...] | str
    sign: int = 1
    report: str = THIS

    def __neg__(self) -> "Cells":
        return Cells(self.table, self.rows, self.cols, -self.sign, self.report)

    def of_previous(self) -> "Cells":
        return Cells(self.table, self.rows, self.cols, self.sign, PREVIOUS)

    def bind(self, each: str | None, code: str | None) -> Iterator["Term"]:
        rows = (code,) if self.rows == BOUND else self.rows
        cols = (code,) if self.cols == BOUND else self.cols
        if BOUND in (self.rows, self.cols) and each is None:
            raise ValueError("a '*' needs an equation with `each`")
        for r in rows:
            for c in cols:
                yield Term(CellRef(self.table, r, c), self.sign, self.report)


@dataclass(frozen=True)
class Term:
    ref: CellRef
    sign: int = 1
    report: str = THIS


@dataclass(frozen=True)
class Instance:
    """One concrete check: for a given row or column, lhs (relation) rhs."""

    equation: "Equation"
    binding: str | None  # the row or column code bound to '*'
    lhs: tuple[Term, ...]
    rhs: tuple[Term, ...]

    @property
    def rule(self) -> str:
        return self.equation.rule

    def terms(self) -> tuple[Term, ...]:
        return self.lhs + self.rhs

    @property
    def target(self) -> CellRef | None:
        """The total cell this instance computes, for deriving equations."""
        if self.equation.derives and len(self.lhs) == 1:
            return self.lhs[0].ref
        return None

    @property
    def crosses_years(self) -> bool:
        return any(t.report != THIS for t in self.terms())


@dataclass(frozen=True)
class Equation:
    """``sum(lhs) == sum(rhs)`` (within `tolerance`) for each bound row or column.

    `derives` marks equations whose left side is a single total cell that a template can compute
    (总计 column, （七）总计 row, 表四 总计): the writer emits a formula there instead of an input.
    `approximate` equations (e.g. 现行有效件数 continuity) compare within a tolerance that the run
    configuration may change.
    """

    rule: str
    lhs: tuple[Cells, ...]
    rhs: tuple[Cells, ...]
    each: str | None = None  # "row" | "col" | None
    over: tuple[str, ...] = ()
    derives: bool = False
    tolerance: Decimal = Decimal(0)
    description: str = ""

    def expand(self, edition: Edition | None = None) -> Iterator[Instance]:
        for code in self.over if self.each else (None,):
            lhs = tuple(t for c in self.lhs for t in c.bind(self.each, code))
            rhs = tuple(t for c in self.rhs for t in c.bind(self.each, code))
            yield Instance(self, code, lhs, rhs)


def total_of(table: str, total: Cells, parts: Cells, each: str, over: tuple[str, ...], rule: str, description: str = "") -> Equation:
    """Shorthand for the most common shape: one total cell per row/column = sum of its parts."""
    return Equation(rule, (total,), (parts,), each=each, over=over, derives=True, description=description)
