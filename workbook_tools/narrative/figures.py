"""What the narrative says in figures and claims: where each was read, what it counts, and why one was
not compared (the reason keys are explained by messages/ under explain.<reason>)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..spec import CellRef
from . import vocab as V
from .numbers import Quantity

# Why a figure was not compared (message keys explain.<reason> in messages/).
OTHER_BODY, REGION, OTHER_YEAR, OTHER_KIND = V.OTHER_BODY, V.REGION, "other_year", "other_kind"
CHANGE, RATE, RATIO = "change", "rate", "ratio"
UNKNOWN_WORDS, NO_TOPIC, NO_VERB, CUE_MISMATCH, AMBIGUOUS = "unknown_words", "no_topic", "no_verb", "cue_mismatch", "ambiguous"
PERCENT_BASE, NO_CELL, RANGE, SUBSET = "percent_base", "no_cell", "range", "subset"


@dataclass(frozen=True)
class Place:
    section: str | None  # 一 … 六; None for the preamble
    paragraph: int  # index of the block in its section
    offset: int  # of the sentence in the (space-free) block text
    sentence: str


@dataclass(frozen=True)
class Figure:
    place: Place
    start: int  # of the figure inside the sentence
    text: str  # as written: 3119件
    quantity: Quantity
    topic: str | None = None
    metric: str | None = None  # received | carried_over | closed | forward | handled | outcome | result | t2_* | share
    table: str | None = None
    targets: tuple[tuple[CellRef, ...], ...] = ()  # the figure equals the sum of one of these cell sets
    denominators: tuple[tuple[CellRef, ...], ...] = ()  # for a percentage: candidate bases
    scope: str = V.SELF
    scope_word: str | None = None
    part: str | None = None  # with scope "part": acting | unit | channel | period
    reason: str | None = None  # why it is not compared (None = compared)
    detail: str | None = None  # the words behind `reason`
    approx: str | None = None  # ge | le | lt | gt | about: how loosely the figure was written

    @property
    def compared(self) -> bool:
        return self.reason is None and bool(self.targets)


@dataclass(frozen=True)
class Claim:
    """A statement without a number that the tables can contradict: 未发生行政复议, 均获维持."""

    place: Place
    start: int
    text: str
    kind: str  # zero | all_upheld | none_corrected
    topic: str
    table: str
    cells: tuple[CellRef, ...]  # the claim says their sum is 0
    scope: str = V.SELF
    scope_word: str | None = None
    reason: str | None = None


@dataclass
class Extraction:
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


