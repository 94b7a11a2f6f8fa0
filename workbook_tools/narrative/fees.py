"""Fee figures written as a small table or as label–value lines in section 六 (N05).

The 2021 format asks section 六 for the 信息处理费: how many fee notices were sent, for how much, and
how much was actually collected.  Many reports print this as a fourth table::

    发出收费通知的件数（件） | 发出收费通知的总金额（元） | 实际收取的总金额（元）
    3                      | 300                      | 0

or as lines such as ``发出收费通知件数  3``.  Values without a unit are not figures for the sentence
reader, so they are read here, cell by cell, from the text as written (before spaces are removed).
The count of notices is compared with table 三's row of applications closed for non-payment; the
amounts have no cell and are kept for ``--explain`` only.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Narrative
from ..spec import CellRef
from . import vocab as V
from .numbers import MONEY_UNITS, Quantity, normalise_text

_CELL_SPLIT = re.compile(r"\s*[|｜\t]\s*|\s{2,}|(?<=[）)])\s+|\s+(?=[\d０-９])|(?<=[\d０-９])\s+|[：:]\s*")
_VALUE = re.compile(r"^(\d+(?:\.\d+)?)(件|万元|元)?$")
_RULE_LINE = re.compile(r"^[\s|｜:：\-—–]+$")  # the |---|---| line of a pipe table


def _cells(line: str) -> list[str]:
    return [normalise_text(c) for c in _CELL_SPLIT.split(line.strip().strip("|｜")) if normalise_text(c)]


def _label_kind(label: str) -> str | None:
    """count (of fee notices) | money | None for a label that is neither."""
    if "收费通知" in label and "金额" not in label and re.search(r"件数|数量|（件）|\(件\)|份数", label):
        return "count"
    if re.search(r"金额|处理费|（万?元）|\(万?元\)", label) and re.search(r"收费|收取|处理费|实收", label):
        return "money"
    return None


def _pairs(lines: list[str]):
    """(label, value, line index, column) for every fee label with its value: header row over value
    row, or label and value on one line."""
    rows = [(i, _cells(ln)) for i, ln in enumerate(lines) if ln.strip() and not _RULE_LINE.match(ln)]
    for k, (i, cells) in enumerate(rows):
        kinds = [_label_kind(c) for c in cells]
        if not any(kinds):
            continue
        values = [_VALUE.match(c) for c in cells]
        if len(cells) == 2 and kinds[0] and values[1] and not values[1].group(2):
            yield cells[0], cells[1], i, 0  # 3件 with its unit is the sentence reader's figure
        elif not any(values) and k + 1 < len(rows):
            j, below = rows[k + 1]
            if len(below) == len(cells) and all(_VALUE.match(c) and not _VALUE.match(c).group(2) for c in below):
                yield from ((h, v, j, col) for col, (h, v) in enumerate(zip(cells, below)) if _label_kind(h))


def _quantity(label: str, value: str) -> Quantity:
    m = _VALUE.match(value)
    number, unit = Decimal(m.group(1)), m.group(2)
    if _label_kind(label) == "money":
        unit = unit or ("万元" if "万元" in label else "元")
        return Quantity(number * MONEY_UNITS[unit], "元")
    return Quantity(number, "件")


def fee_table_figures(narrative: Narrative, notice_cells: tuple[CellRef, ...]) -> list:
    """Figures of the fee table or fee lines of section 六 (others are the sentence reader's)."""
    from .extract import NO_CELL, Figure, Place

    section = narrative.section("六")
    blocks = [b.text.splitlines() for b in section.blocks] if section else []
    # Lines of every block: a table imported line by line has its header and values in two paragraphs.
    where = [(b, k) for b, lines in enumerate(blocks) for k in range(len(lines))]
    out = []
    for label, value, i, col in _pairs([ln for lines in blocks for ln in lines]):
        b, k = where[i]
        offset = len(normalise_text("\n".join(blocks[b][:k]))) + col  # a key of reading order
        place = Place("六", b, offset, f"{label}：{value}")
        q = _quantity(label, value)
        if _label_kind(label) == "count" and notice_cells:
            out.append(Figure(place, len(label) + 1, value, q, V.FEE_NOTICE, "fee_notice", notice_cells[0].table,
                              (notice_cells,), approx="le"))
        else:
            topic = V.FEE_NOTICE if _label_kind(label) == "count" else V.FEE
            out.append(Figure(place, len(label) + 1, value, q, topic, topic, reason=NO_CELL))
    return out
