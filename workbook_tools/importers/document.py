"""A published report, whatever its format, as paragraphs and tables → a `Report`.

Each format module (text, html, docx, pdf) only turns its file into a `SourceDoc`: paragraphs of
text and `SourceTable`s in reading order.  This module does the rest, identically for all formats:
finds the six sections by their headings (numbering variants, longer titles, headings glued to the
text before them, page numbers and Word artefacts), reads the title, signature date and statistical
period, keeps the narrative, detects the layout from the tables themselves and aligns them by label.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..editions import editions, profiles
from ..labels import Matcher, normalize
from ..model import DocumentInfo, Meta, Narrative, NarrativeSection, Report, TextBlock
from ..spec import EXTRA_COLUMN, EXTRA_TABLE, AgencyKind, Edition, Table
from .tables import Alignment, Problem, SourceTable, align, clean, profile_line, profile_patterns


@dataclass
class Para:
    text: str
    where: str = ""


@dataclass
class SourceDoc:
    kind: str  # txt | html | docx | pdf
    items: list = field(default_factory=list)  # Para | SourceTable, in reading order
    path: str | None = None


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
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE = re.compile(r"^(?P<y>\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
                   r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$")
_PERIOD = re.compile(r"统计[^。；]{0,12}?(\d{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日")
_TITLE = "政府信息公开工作年度报告"


def tidy(text: str) -> str:
    return _ARTEFACT.sub("", text or "").replace("\u00a0", " ").replace("\ufeff", "").strip()


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NO.match(text)) and len(text) < 20


def _cn_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if len(s) == 4:  # 二〇二一
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return _CN_DIGIT[s]


def parse_date(text: str) -> dt.date | None:
    m = _DATE.match(re.sub(r"\s+", "", text))
    if not m:
        return None
    try:
        return dt.date(_cn_number(m["y"]), _cn_number(m["m"]), _cn_number(m["d"]))
    except (ValueError, KeyError):
        return None


# ------------------------------------------------------------------------------------------------
# Section headings
# ------------------------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^\s*(?:第?(?P<cn>[一二三四五六])(?:部分)?\s*[、．.，,：:]|(?P<ar>[1-6])\s*[、．.，,]|第(?P<cn2>[一二三四五六])部分\s*)\s*")
_TITLE_BODY = re.compile(r"^[一二三四五六]、")


class Headings:
    """Recognises the six section headings of the declared format, tolerantly."""

    def __init__(self):
        pairs, self.bodies = [], {}
        sections = editions()[0].sections  # every edition shares the section titles
        for s in sections:
            for t in (s.title,) + s.variants:
                body = _TITLE_BODY.sub("", t)
                pairs.append((body, s.number))
                self.bodies.setdefault(s.number, []).append(body)
        self.matcher = Matcher(pairs)
        glued = []
        for number, bodies in self.bodies.items():
            for body in bodies:
                chars = r"\s*".join(re.escape(c) for c in body)
                glued.append((number, re.compile(r"(?:[一二三四五六]|[1-6])\s*[、．.]\s*" + chars)))
        self.glued = glued

    def match(self, line: str) -> str | None:
        """Section number if the whole line is a section heading."""
        m = _NUMBERING.match(line)
        body = line[m.end():] if m else line
        if not body.strip() or "。" in body.rstrip("。"):
            return None
        hit = self.matcher.match(body)
        if hit and (m or hit.exact):
            return hit.item
        if m:  # a longer title: 五、政府信息公开工作存在的主要问题及改进情况
            nb = normalize(body)
            for number, bodies in self.bodies.items():
                for b in bodies:
                    if normalize(b) in nb and len(nb) <= len(normalize(b)) + 12:
                        return number
        return None

    def split(self, line: str) -> tuple[str, str, str, str] | None:
        """(before, heading, after, number) when a numbered heading is glued inside a line."""
        for number, pattern in self.glued:
            m = pattern.search(line)
            if m and m.start() > 0:
                return line[: m.start()].strip(), m.group(0), line[m.end():].strip(), number
        return None


_SUBHEADING = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")


def _block(text: str) -> TextBlock:
    body = text.rstrip("。")
    if _SUBHEADING.match(text) and len(text) <= 40 and "。" not in body and not text.endswith(("：", ":")):
        return TextBlock("heading", text)
    return TextBlock("paragraph", text)


# ------------------------------------------------------------------------------------------------
# Title and metadata
# ------------------------------------------------------------------------------------------------

_YEAR_FIRST = re.compile(r"^(?P<year>\d{4})\s*年(?:度)?(?P<agency>.*?)" + _TITLE)
_AGENCY_FIRST = re.compile(r"^(?P<agency>.*?)(?P<year>\d{4})\s*年(?:度)?" + _TITLE)


def parse_title(title: str) -> tuple[str | None, int | None]:
    t = re.sub(r"\s+", "", title).strip("《》")
    for pat in (_YEAR_FIRST, _AGENCY_FIRST):
        m = pat.match(t)
        if m:
            return (m["agency"].strip("《》") or None), int(m["year"])
    return None, None


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


def build(doc: SourceDoc) -> ImportResult:
    heads = Headings()
    # 1. flatten paragraphs into clean lines; split glued headings; drop page numbers
    items: list = []
    for it in doc.items:
        if isinstance(it, SourceTable):
            items.append(it)
            continue
        text = tidy(it.text)
        if not text or is_page_number(text):
            continue
        glued = heads.split(text) if heads.match(text) is None else None
        if glued:
            before, heading, after, _ = glued
            items += [Para(x, it.where) for x in (before, heading, after) if x]
        else:
            items.append(Para(text, it.where))

    # 2. sections
    info = DocumentInfo(doc.kind)
    current: str | None = None
    front: list[Para] = []
    body: dict[str, list] = {}
    seen: set[str] = set()
    for it in items:
        number = heads.match(it.text) if isinstance(it, Para) else None
        if number and number not in seen:
            seen.add(number)
            info.headings.append((number, it.text))
            current = number
            body[number] = []
            continue
        (body[current] if current else front).append(it)

    # 3. title, preamble
    meta = Meta()
    title_lines: list[str] = []
    front_paras = [p for p in front if isinstance(p, Para)]
    for k, p in enumerate(front_paras[:4]):
        if _TITLE in re.sub(r"\s+", "", p.text):
            title_lines = [x.text for x in front_paras[: k + 1]]
            break
    title = "".join(re.sub(r"\s+", "", x) for x in title_lines) or None
    preamble = [p.text for p in front_paras[len(title_lines):]]
    if title:
        meta.agency, meta.year = parse_title(title)

    # 4. signature block at the end of the last section
    last = body.get(info.headings[-1][0]) if info.headings else None
    signer = None
    if last:
        tail = [k for k, x in enumerate(last) if isinstance(x, Para)]
        if tail and parse_date(last[tail[-1]].text):
            meta.signature_date = parse_date(last[tail[-1]].text)
            del last[tail[-1]]
            if len(tail) > 1 and len(last[tail[-2]].text) <= 30 and "。" not in last[tail[-2]].text:
                signer = last[tail[-2]].text.strip()
                del last[tail[-2]]
    meta.agency = meta.agency or signer
    meta.agency_kind = agency_kind(meta.agency)

    # 5. tables: by the section that prints them; stray tables by their best match
    cands = _candidates()
    sources: dict[str, list[SourceTable]] = {code: [] for code in cands}
    by_section = {t.section: t.code for ts in cands.values() for t in ts}
    pats = profile_patterns(profiles())
    lines_in_tables: list[Para] = []
    for number, content in [(None, front)] + list(body.items()):
        for x in content:
            if not isinstance(x, SourceTable):
                continue
            code = by_section.get(number)
            if code is None:
                scored = [(align(t, [x]).score, c) for c, ts in cands.items() for t in ts]
                best = max(scored, default=(0, None))
                code = best[1] if best[0] > 0 else None
            if code:
                sources[code].append(x)
            else:
                lines_in_tables += [Para(clean(" ".join(r)), x.where) for r in x.rows if clean(" ".join(r))]

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
    narrative = Narrative(preamble=preamble)
    for number, content in body.items():
        written = next(t for n, t in info.headings if n == number)
        blocks = []
        for x in content:
            if isinstance(x, Para):
                hit = profile_line(x.text, pats)
                if hit:
                    _extra(report, hit[1].code, hit[2].strip(), x.where)
                    continue
                blocks.append(_block(x.text))
        official = editions()[0].section(number).title
        narrative.sections.append(NarrativeSection(number, None if written == official else written, blocks))
    report.narrative = narrative
    if report.meta.title is None and title and title != report.meta.default_title:
        report.meta.title = title
    period = _PERIOD.search("".join(preamble + [b.text for s in narrative.sections if s.number == "一" for b in s.blocks]))
    if period:
        y1, y2 = int(period.group(1)), int(period.group(2) or period.group(1))
        report.meta.extra["statistical_period"] = f"{y1}-01-01/{y2}-12-31"
        report.meta.year = report.meta.year or y1
    info.table3_note = _note_seen(sources.get("T3") or [], body.get("三") or []) if sources.get("T3") else None

    if not report.cells:
        from ..errors import InputError

        raise InputError("文档中没有找到年度报告格式的任何表格（表二、表三、表四），无法导入。",
                         "no table of the annual report format (tables 2, 3, 4) was found; nothing to import.",
                         path=doc.path, code="no-tables")
    missing = [r.key for r in report.declared_refs() if r.key not in report.cells]
    if report.profile is None:
        missing = [k for k in missing if not k.startswith(EXTRA_TABLE + "/")]
    report.read_notes.append(f"导入：{doc.kind} 文档；识别版式：{edition.name}（{edition.id}）")
    for p in problems:
        report.read_notes.append(f"未能对齐：{p.zh}")
    if missing:
        report.read_notes.append(f"部分导入：{len(missing)} 个单元格未能读取（{'、'.join(missing[:6])}{'…' if len(missing) > 6 else ''}）")
    return ImportResult(report, edition, problems, missing)


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


def _note_seen(tables: list[SourceTable], paras: list) -> bool:
    texts = [c for t in tables for r in t.rows for c in r] + [p.text for p in paras if isinstance(p, Para)]
    return any("勾稽关系" in normalize(x) for x in texts)
