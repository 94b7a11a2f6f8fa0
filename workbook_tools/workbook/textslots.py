"""Narrative ↔ workbook text cells, both directions in one place.

A narrative sheet offers pairs of cells: a sub-heading and the text under it (paragraphs separated
by line breaks inside the cell).  Section 一 comes with the five topics the format names already
typed as headings; a pre-typed heading whose text was left empty is not part of the report.
Sections 二–四 have one free-text cell below their table.
"""

from __future__ import annotations

from ..model import Narrative, NarrativeSection, Report, TextBlock
from .sheetmap import DEFAULT_SLOTS, NARRATIVE_SECTIONS, WorkbookMap


def _runs(section: NarrativeSection | None) -> list[tuple[str | None, list[str]]]:
    runs: list[tuple[str | None, list[str]]] = []
    for b in section.blocks if section else ():
        if b.kind == "heading" or not runs:
            runs.append((b.text if b.kind == "heading" else None, [] if b.kind == "heading" else [b.text]))
        else:
            runs[-1][1].append(b.text)
    return runs


def slots_needed(report: Report) -> dict[str, int]:
    """Heading+text pairs each narrative sheet needs to hold the report's text."""
    return {n: max(DEFAULT_SLOTS.get(n, 1), len(_runs(report.narrative.section(n)))) for n in NARRATIVE_SECTIONS}


def slot_texts(report: Report, wmap: WorkbookMap) -> dict[str, str]:
    """Field key → text to write.  Blank narrative: only the pre-typed topic headings."""
    out: dict[str, str] = {}
    narrative = report.narrative
    if narrative.preamble:
        out["preamble"] = "\n".join(narrative.preamble)
    for f in wmap.fields:
        if f.default and not narrative.section(f.key.split(".")[1]):
            out[f.key] = f.default
    for section in narrative.sections:
        if section.number in NARRATIVE_SECTIONS:
            for i, (heading, paras) in enumerate(_runs(section), start=1):
                if heading:
                    out[f"text.{section.number}.{i}.heading"] = heading
                if paras:
                    out[f"text.{section.number}.{i}.body"] = "\n".join(paras)
        elif section.blocks:
            out[f"text.{section.number}.1.body"] = section.text()
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if p.strip()]


def narrative_from_texts(texts: dict[str, str], wmap: WorkbookMap) -> Narrative:
    """The inverse of `slot_texts`, for the reader."""
    defaults = {f.key: f.default for f in wmap.fields if f.default}
    keys = {f.key for f in wmap.fields}
    narrative = Narrative(preamble=_paragraphs(texts.get("preamble", "")))
    for section in wmap.edition.sections:
        n = section.number
        blocks: list[TextBlock] = []
        i = 1
        while f"text.{n}.{i}.body" in keys:
            heading = (texts.get(f"text.{n}.{i}.heading") or "").strip()
            paras = _paragraphs(texts.get(f"text.{n}.{i}.body", ""))
            if heading and (paras or heading != defaults.get(f"text.{n}.{i}.heading")):
                blocks.append(TextBlock("heading", heading))
            blocks += [TextBlock("paragraph", p) for p in paras]
            i += 1
        narrative.sections.append(NarrativeSection(n, None, blocks))
    if not narrative.present:  # a report without text has no sections at all, as in data-only JSON
        narrative.sections = []
    return narrative
