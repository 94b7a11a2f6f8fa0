"""A published report, whatever its format, as paragraphs and tables → a `Report`.

Each format module (text, html, docx, pdf) only turns its file into a `SourceDoc`: paragraphs of
text and `SourceTable`s in reading order.  This module does the rest, identically for all formats:
finds the six sections by their headings (numbering variants, longer titles, headings glued to the
text before them, page numbers and Word artefacts), reads the title, signature date and statistical
period, keeps the narrative, detects the layout from the tables themselves and aligns them by label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import find_period, parse_date
from ..editions import editions, profiles
from ..labels import contains_near, normalize
from ..model import DocumentInfo, Meta, Narrative, NarrativeSection, Report, TextBlock
from ..readnotes import note
from ..spec import EXTRA_COLUMN, EXTRA_TABLE, AgencyKind, Edition, Role, Table
from . import own_tables
from .front import fill_meta, signature, title_lines
from .headings import Headings, choose, strip_page_prefix
from .limits import check_document
from .tables import Alignment, Problem, SourceTable, align, clean, is_value, profile_line, profile_patterns


@dataclass
class Para:
    text: str
    where: str = ""


@dataclass
class SourceDoc:
    kind: str  # txt | html | docx | pdf
    items: list = field(default_factory=list)  # Para | SourceTable, in reading order
    path: str | None = None
    hints: list[str] = field(default_factory=list)  # the document's own titles: <title>, Word/PDF properties


@dataclass
class ImportResult:
    report: Report
    edition: Edition
    problems: list[Problem]
    missing: list[str]  # declared cells not found

    @property
    def partial(self) -> bool:
        return bool(self.problems or self.missing)


# ------------------------------------------------------------------------------------------------
# Text clean-up
# ------------------------------------------------------------------------------------------------

_ARTEFACT = re.compile(r"\[(?:bookmark|image|footnote|endnote|comment)[^\]]*\]", re.IGNORECASE)
_PAGE_NO = re.compile(r"^[\s\-—–－]*(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,3}\s*页?)?[\s\-—–－]*$")


def tidy(text: str) -> str:
    return _ARTEFACT.sub("", text or "").replace("\u00a0", " ").replace("\ufeff", "").strip()


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NO.match(text)) and len(text) < 20


_SUBHEADING = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")


def _block(text: str) -> TextBlock:
    body = text.rstrip("。")
    if _SUBHEADING.match(text) and len(text) <= 40 and "。" not in body and not text.endswith(("：", ":")):
        return TextBlock("heading", text)
    return TextBlock("paragraph", text)


def agency_kind(agency: str | None) -> AgencyKind | None:
    if not agency:
        return None
    if re.search(r"(乡|镇|街道办事处|街道)(人民政府)?$", agency):
        return AgencyKind.OTHER
    if agency.endswith("人民政府"):
        return AgencyKind.GOVERNMENT
    return None  # a department cannot be told from its name alone with confidence


# ------------------------------------------------------------------------------------------------
# The document → report
# ------------------------------------------------------------------------------------------------


def _candidates() -> dict[str, list[Table]]:
    out: dict[str, list[Table]] = {}
    for e in editions():
        for t in e.tables:
            if t not in out.setdefault(t.code, []):
                out[t.code].append(t)
    return out


def _lines(doc: SourceDoc, heads: Headings) -> list:
    """Paragraphs as clean lines, in order, with tables kept: glued headings split, broken ones
    joined, page numbers dropped."""
    items: list = []
    for it in doc.items:
        if isinstance(it, SourceTable):
            items.append(it)
            continue
        text = strip_page_prefix(tidy(it.text))
        if not text or is_page_number(text):
            continue
        glued = heads.split(text) if heads.match(text) is None else None
        if glued:
            before, heading, after, _ = glued
            items += [Para(x, it.where) for x in (before, heading, after) if x]
        else:
            items.append(Para(text, it.where))
    out: list = []
    k = 0
    while k < len(items):  # join headings broken over two paragraphs
        a = items[k]
        b = items[k + 1] if k + 1 < len(items) else None
        if isinstance(a, Para) and isinstance(b, Para) and len(heads.join_split([a.text, b.text])) == 1:
            out.append(Para(a.text.rstrip() + b.text.strip(), a.where))
            k += 2
            continue
        out.append(a)
        k += 1
    return out


def build(doc: SourceDoc) -> ImportResult:
    check_document(doc)  # every format alike, before any per-line or per-cell work
    heads = Headings(editions())
    items = _lines(doc, heads)
    info = DocumentInfo(doc.kind)
    front, body = _sections(items, heads, info)
    meta, title, preamble, notes = _front_matter(doc, front, body, info)
    sources, claimed = _route_tables(front, body)
    edition, chosen = _choose(sources)

    # 6. the report
    meta.edition = edition.id
    report = Report(meta=meta, source=doc.path, document=info)
    problems: list[Problem] = []
    for code, al in chosen.items():
        for key, (raw, where) in al.cells.items():
            report.set(key, raw, where)
        report.deviations += al.deviations
        report.unplaced += al.unplaced
        problems += al.problems
        for line_code, (raw, where) in al.extra.items():
            _extra(report, line_code, raw, where)
    own_tables.read_into(report, edition, claimed, problems)
    report.narrative = _narrative(report, edition, body, info, preamble, own_tables.titles(claimed))
    if report.meta.title is None and title and title != report.meta.default_title:
        report.meta.title = title
    period = find_period("\n".join(preamble + [s.text() for s in report.narrative.sections]))
    if period:
        report.meta.extra["statistical_period"] = period.iso
    t3 = edition.table_for(Role.APPLICATIONS)
    found = sources.get(t3.code)
    info.table3_note = _note_seen(t3.note_cues, found, body.get("三") or []) if found else None

    if not report.cells:
        from ..errors import input_error

        raise input_error("no-tables", path=doc.path, tables=([t.title for t in edition.tables],
                                                              [t.code[1:] for t in edition.tables]))
    missing = [r.key for r in report.declared_refs() if r.key not in report.cells]
    if report.profile is None:
        missing = [k for k in missing if not k.startswith(EXTRA_TABLE + "/")]
    report.read_notes.append(note("reading.imported", kind=doc.kind, edition=(edition.name, edition.name_en), id=edition.id))
    report.read_notes += notes
    for p in problems:
        report.read_notes.append(note("reading.unaligned", problem=(p.zh, p.en)))
    if missing:
        cells = "、".join(missing[:6]) + ("…" if len(missing) > 6 else "")
        report.read_notes.append(note("reading.partial", n=len(missing), cells=(cells, cells.replace("、", ", "))))
    return ImportResult(report, edition, problems, missing)


def _sections(items: list, heads: Headings, info: DocumentInfo) -> tuple[list, dict[str, list]]:
    """2. sections: the best candidate line of each (headings.choose); what precedes the first is the front."""
    starts = choose([heads.candidate(it.text) if isinstance(it, Para) else None for it in items])
    current: str | None = None
    front: list = []
    body: dict[str, list] = {}
    for k, it in enumerate(items):
        if k in starts:
            current = starts[k]
            info.headings.append((current, it.text))
            body[current] = []
            continue
        (body[current] if current else front).append(it)
    return front, body


def _front_matter(doc: SourceDoc, front: list, body: dict[str, list], info: DocumentInfo):
    """3.–4. title (when printed in the body; page chrome before it is dropped), preamble, and the signature
    block at the end of the last section (removed from it): (meta, title, preamble, notes)."""
    meta = Meta()
    notes: list[str] = []
    front_paras = [p for p in front if isinstance(p, Para)]
    span = title_lines([p.text for p in front_paras])
    title = "".join(re.sub(r"\s+", "", p.text) for p in front_paras[span[0]:span[1] + 1]) if span else None
    preamble = [p.text for p in front_paras[(span[1] + 1 if span else 0):]]
    last = body.get(info.headings[-1][0]) if info.headings else None
    signer = None
    if last:
        paras = [k for k, x in enumerate(last) if isinstance(x, Para)]
        who, when, chrome = signature([last[k].text for k in paras])
        if when is not None:
            meta.signature_date = parse_date(last[paras[when]].text)
            if who is not None:
                signer = last[paras[who]].text.strip()
            drop = [x for x in (who, when) if x is not None] + list(range(chrome, len(paras)))
            for k in sorted((paras[x] for x in drop), reverse=True):  # signature and the page footer after it
                del last[k]
    prose = "\n".join(x.text for content in body.values() for x in content if isinstance(x, Para))
    title = fill_meta(meta, title, doc.hints, preamble, prose, signer, notes)
    meta.agency_kind = agency_kind(meta.agency)
    return meta, title, preamble, notes


def _route_tables(front: list, body: dict[str, list]) -> tuple[dict[str, list[SourceTable]], dict[int, list]]:
    """5. tables: by the section that prints them; stray tables by their best match; a profile's own
    table by its labels (`own_tables`).  A table of the agency's own (fees, a list) is replaced, in its
    section, by its rows as text."""
    cands = _candidates()
    sources: dict[str, list[SourceTable]] = {code: [] for code in cands}
    claimed: dict[int, list[SourceTable]] = {}
    profiled = bool(own_tables.own_tables())
    by_section = {t.section: t.code for ts in cands.values() for t in ts}
    for number, content in [(None, front)] + list(body.items()):
        kept: list = []
        for x in content:
            if not isinstance(x, SourceTable):
                kept.append(x)
                continue
            code = by_section.get(number)
            mine = own_tables.claim(x, cands[code] if code else [t for ts in cands.values() for t in ts]) \
                if profiled else None
            if mine is not None:
                claimed.setdefault(mine, []).append(x)
                continue
            if code is None:
                scored = [(align(t, [x]).score, c) for c, ts in cands.items() for t in ts]
                best = max(scored, default=(0, None))
                code = best[1] if best[0] > 0 else None
            if code:
                sources[code].append(x)
            else:
                kept += [Para(line, x.where) for line in _table_lines(x)]
        content[:] = kept
    return sources, claimed


def _choose(sources: dict[str, list[SourceTable]]) -> tuple[Edition, dict[str, Alignment]]:
    """The edition whose tables fit best, and every table aligned against that edition's declaration."""
    cands = _candidates()
    chosen: dict[str, Alignment] = {}
    for code, tabs in sources.items():
        if not tabs:
            continue
        als = [align(t, tabs, profiles()) for t in cands[code]]
        chosen[code] = max(als, key=lambda a: a.score)  # ties: the declaration listed first (official)
    edition = _edition(chosen)
    for code, al in list(chosen.items()):  # a table read against another edition's declaration is re-read
        if al.table != edition.table(code):
            chosen[code] = align(edition.table(code), sources[code], profiles())
    return edition, chosen


def _narrative(report: Report, edition: Edition, body: dict[str, list], info: DocumentInfo,
               preamble: list[str], captions: frozenset[str] = frozenset()) -> Narrative:
    """The sections' text; a provincial line printed as a paragraph goes to its cell instead, and the
    caption of a profile's table found (`captions`, normalised) goes with the table."""
    pats = profile_patterns(profiles())
    narrative = Narrative(preamble=preamble)
    for number, content in body.items():
        written = next(t for n, t in info.headings if n == number)
        blocks = []
        for x in content:
            if isinstance(x, Para):
                if normalize(x.text) in captions:
                    continue
                hit = profile_line(x.text, pats)
                if hit:
                    _extra(report, hit[1].code, hit[2].strip(), x.where)
                    continue
                blocks.append(_block(x.text))
        official = edition.section(number).title
        narrative.sections.append(NarrativeSection(number, None if written == official else written, blocks))
    return narrative


def _table_lines(t: SourceTable) -> list[str]:
    """A table that is not one of the report's, as lines of text: cells separated by `` | ``, a merged
    label repeated over its span written once."""
    lines = []
    for row in t.rows:
        cells: list[str] = []
        for c in (clean(c) for c in row):
            if c and (not cells or cells[-1] != c or is_value(c)):  # equal figures side by side are figures
                cells.append(c)
        if cells:
            lines.append(" | ".join(cells))
    return lines


def _extra(report: Report, line_code: str, raw: str, where: str) -> None:
    for p in profiles():
        if any(ln.code == line_code for ln in p.lines):
            report.meta.profile = report.meta.profile or p.id
            report.set(f"{EXTRA_TABLE}/{line_code}/{EXTRA_COLUMN}", raw, where)
            return


def _edition(chosen: dict[str, Alignment]) -> Edition:
    """The edition whose tables are the ones that fitted best; else the best overall fit."""
    for e in editions():
        if chosen and all(e.table(code) == al.table for code, al in chosen.items()):
            return e
    return max(editions(), key=lambda e: sum(align_score(al, e) for al in chosen.values()))


def align_score(al: Alignment, e: Edition) -> int:
    return al.score if e.table(al.table.code) == al.table else 0


def _note_seen(cues: tuple[str, ...], tables: list[SourceTable], paras: list) -> bool:
    texts = [c for t in tables for r in t.rows for c in r] + [p.text for p in paras if isinstance(p, Para)]
    return any(contains_near(x, cue) for x in texts if len(x) < 2000 for cue in cues)
