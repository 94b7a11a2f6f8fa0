"""``xxgk validate --explain``: every figure and claim found in the text, and what became of it."""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import _jsonable
from ..model import Report
from .compare import MATCH, MISMATCH, NOT_COMPARED, Comparison, comparisons


@dataclass(frozen=True)
class Explained:
    comparison: Comparison
    cells_text: dict[str, str]  # lang → "表三「…」行「总计」列 + …"

    def why(self, lang: str = "zh") -> str | None:
        from ..messages import text

        c = self.comparison
        item = c.figure or c.claim
        if c.verdict != NOT_COMPARED and item.scope not in ("region", "part"):
            return None
        key = item.reason or item.scope
        word = (c.figure.detail if c.figure and c.figure.detail else None) or item.scope_word or ""
        return text(f"explain.{key}", lang, word=word)

    def to_dict(self, lang: str = "zh") -> dict:
        c = self.comparison
        f, cl = c.figure, c.claim
        item = f or cl
        return {
            "kind": "figure" if f else "claim",
            "section": item.place.section,
            "paragraph": item.place.paragraph,
            "sentence": item.place.sentence,
            "text": f.text if f else cl.text,
            "value": _jsonable(f.quantity.value) if f else None,
            "unit": f.quantity.unit if f else None,
            "topic": item.topic,
            "metric": f.metric if f else cl.kind,
            "scope": item.scope,
            "scope_word": item.scope_word,
            "part": f.part if f else None,
            "rule": c.rule,
            "verdict": c.verdict,
            "cells": [r.key for r in c.cells],
            "cells_text": self.cells_text.get(lang),
            "table_value": _jsonable(c.table_value),
            "reason": item.reason,
            "why": self.why(lang),
        }


def explain(report: Report) -> list[Explained]:
    from ..locate import Locator
    from ..messages import location_text

    ctx = Locator(report)
    out = []
    for c in comparisons(report) if report.narrative.present else []:
        texts = {}
        if c.cells:
            for lang in ("zh", "en"):
                parts = [location_text(ctx.loc(r), lang) for r in c.cells]
                texts[lang] = " + ".join(parts)
        out.append(Explained(c, texts))
    return out


def summary(items: list[Explained]) -> dict[str, int]:
    verdicts = [e.comparison.verdict for e in items]
    return {"n": len(items), "match": verdicts.count(MATCH), "mismatch": verdicts.count(MISMATCH),
            "other": len(verdicts) - verdicts.count(MATCH) - verdicts.count(MISMATCH)}
