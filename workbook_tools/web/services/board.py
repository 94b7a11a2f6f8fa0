"""The status board of a collection, in roster order, with counts per status and the bar chart."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Collection, Submission, Unit
from .submissions import board_status

STATUSES = ("missing", "blank", "errors", "warnings", "passed", "unreadable", "overdue")
DECISIONS = ("returned", "accepted")


@dataclass
class Row:
    unit: Unit
    submission: Submission | None
    status: str
    decision: str  # "" | returned | accepted


def board(s: Session, c: Collection) -> tuple[list[Row], dict[str, int]]:
    latest: dict[int, Submission] = {}
    q = select(Submission).join(Unit).where(Unit.collection_id == c.id).order_by(Submission.id)
    for sub in s.scalars(q):
        latest[sub.unit_id] = sub
    rows = []
    for u in c.units:
        sub = latest.get(u.id)
        rows.append(Row(u, sub, board_status(sub, c), (sub.decision or "") if sub else ""))
    counts = {k: 0 for k in (*STATUSES, *DECISIONS, "pending")}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
        if r.decision:
            counts[r.decision] += 1
    return rows, counts


def svg_bars(counts: dict[str, int], labels: dict[str, str]) -> dict:
    """Geometry of the server-drawn bar chart (the no-JS fallback): one bar per status."""
    colours = {"missing": "#9e9e9e", "blank": "#bdbdbd", "errors": "#c62828", "warnings": "#ef6c00",
               "passed": "#2e7d32", "unreadable": "#6a1b9a", "overdue": "#8d1c1c"}
    top = max([counts.get(k, 0) for k in STATUSES] + [1])
    bar_w, gap, height = 60, 24, 160
    bars = []
    for i, k in enumerate(STATUSES):
        h = round(height * counts.get(k, 0) / top)
        x = gap + i * (bar_w + gap)
        bars.append({"key": k, "x": x, "y": 20 + height - h, "w": bar_w, "h": h, "n": counts.get(k, 0),
                     "label": labels[k], "colour": colours[k], "cx": x + bar_w // 2})
    return {"bars": bars, "width": gap + len(STATUSES) * (bar_w + gap), "height": height + 60, "base": 20 + height}
