"""Title, agency and year of a published report, from wherever the document states them.

Web pages often print the title outside the article body (in ``<title>`` or a page header), so the
body starts with the preamble (「根据《条例》…编制2024年政府信息公开工作年度报告。本报告…」).  A
preamble sentence is never a title: a title line is short and has no full stop.  Sources, in order
of trust: a title line in the body; the document's own title (``<title>``, Word/PDF properties); the
report named in the preamble; the statistical period; the signature.
"""

from __future__ import annotations

import re

from ..dates import find_period, parse_date
from ..model import Meta
from ..readnotes import note
from ..spec import REPORT_TITLE

TITLE_PHRASE = REPORT_TITLE
_YEAR_FIRST = re.compile(r"^(?P<year>\d{4})\s*年(?:度)?(?P<agency>.*?)" + TITLE_PHRASE)
_AGENCY_FIRST = re.compile(r"^(?P<agency>.*?)(?P<year>\d{4})\s*年(?:度)?" + TITLE_PHRASE)
_IN_TEXT = re.compile(r"(?P<year>\d{4})\s*年(?:度)?" + TITLE_PHRASE)
_COMPILED_BY = re.compile(r"(?:^|[，。；：])(?P<agency>[^，。；：、“”《》]{2,40}?)(?:组织)?(?:编制|编写|制定|形成)(?:了)?(?:本|此)(?:年度)?报告")
_NOT_TITLE = re.compile(r"^(?:根据|按照|依据|依照|为|本报告|现)")
_CHROME = re.compile(r"[>＞|｜]|发布(?:时间|日期)|来源|字号|浏览|点击|打印|分享|索引号|文号")
_HINT_SEPARATORS = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s|——)\s*")
# how the name of a body ends; a name that does not is not trusted as the agency
_AGENCY_END = re.compile(r"(?:局|委|办|政府|委员会|办公室|中心|院|所|厅|部|署|会|处|站|街道|镇|乡|管委会|公司|馆|队|团|社|行|司)$")
MAX_TITLE = 60


def parse_title(title: str) -> tuple[str | None, int | None]:
    t = re.sub(r"\s+", "", title).strip("《》")
    for pat in (_YEAR_FIRST, _AGENCY_FIRST):
        m = pat.match(t)
        if m:
            return (m["agency"].strip("《》") or None), int(m["year"])
    return None, None


def is_title_line(text: str) -> bool:
    t = re.sub(r"\s+", "", text)
    return (0 < len(t) <= MAX_TITLE and "。" not in t.rstrip("。") and not _NOT_TITLE.match(t)
            and not _CHROME.search(t))


def title_lines(front: list[str]) -> tuple[int, int] | None:
    """(first, last) index of the title in the lines before section 一, if one is printed there."""
    for k, text in enumerate(front[:8]):
        if TITLE_PHRASE not in re.sub(r"\s+", "", text) or not is_title_line(text):
            continue
        first = k
        agency, _ = parse_title(text)
        # 德惠市机关事务管理局 / 2020年政府信息公开工作年度报告: the agency on the line above
        while agency is None and first > 0 and k - first < 2 and is_title_line(front[first - 1]):
            joined = "".join(re.sub(r"\s+", "", x) for x in front[first - 1:k + 1])
            if len(joined) > MAX_TITLE:
                break
            first -= 1
            agency, _ = parse_title(joined)
        return first, k
    return None


def _agency(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip("《》“”\"' ，,：:")
    if name.startswith(("本", "我")) or not _AGENCY_END.search(name) or len(name) > 40:
        return None
    return name


def from_hints(hints: list[str]) -> tuple[str | None, int | None, str | None]:
    """(agency, year, title) from the document's own titles: ``<title>`` with a site suffix, etc."""
    for hint in hints:
        for part in _HINT_SEPARATORS.split(hint or ""):
            agency, year = parse_title(part)
            if year:
                return _agency(agency), year, re.sub(r"\s+", "", part)
    return None, None, None


def from_text(text: str) -> tuple[str | None, int | None]:
    """The report a preamble names: 「…XX局编制了2024年政府信息公开工作年度报告」, or the body that
    compiled it: 「…的要求，XX局编制本报告」."""
    flat = re.sub(r"\s+", "", text)
    m = _IN_TEXT.search(flat)
    if m:
        head = re.split(r"[，。；、《（(]|编制|发布|公布|制定|形成|向社会", flat[:m.start()])[-1]
        return _agency(head), int(m["year"])
    m = _COMPILED_BY.search(flat)
    return (_agency(m["agency"]) if m else None), None


def fill_meta(meta: Meta, title: str | None, hints: list[str], preamble: list[str], narrative: str,
              signer: str | None, notes: list[str]) -> str | None:
    """Agency and year from every source in order of trust; returns the title found (if any)."""
    if title:
        meta.agency, meta.year = parse_title(title)
        meta.agency = _agency(meta.agency) or meta.agency
    if meta.agency is None or meta.year is None:
        agency, year, hint_title = from_hints(hints)
        if year and (meta.year is None or meta.year == year):
            meta.agency, meta.year = meta.agency or agency, year
            title = title or hint_title
    if meta.agency is None or meta.year is None:
        agency, year = from_text("".join(preamble))
        if meta.year is None or year is None or meta.year == year:
            meta.agency, meta.year = meta.agency or agency, meta.year or year
    if meta.year is None:
        period = find_period("\n".join(preamble) + "\n" + narrative)
        if period and period.start.year == period.end.year:
            meta.year = period.start.year
            notes.append(note("reading.year_from_period", period=period.text))
    meta.agency = meta.agency or _agency(signer) or signer
    if meta.year is None and meta.signature_date is not None:
        notes.append(note("reading.year_from_date", date=meta.signature_date.isoformat()))
        meta.year = meta.signature_date.year - 1
    return title


def _chrome_line(text: str) -> bool:
    """A line of a site's footer or toolbar printed after the report (主办单位：…, 打印本页, ICP备…)."""
    t = re.sub(r"\s+", "", text)
    return len(t) <= 100 and "。" not in t


def signature(paras: list[str]) -> tuple[int | None, int | None, int]:
    """(signer line, date line, first line of the page chrome after them) at the end of the last
    section; the date is the last date line that only page chrome follows."""
    n = len(paras)
    for k in range(n - 1, max(-1, n - 9), -1):
        if parse_date(paras[k]) is not None:
            break
        if not _chrome_line(paras[k]):
            return None, None, n
    else:
        return None, None, n
    if k > 0 and len(paras[k - 1]) <= 30 and "。" not in paras[k - 1] and parse_date(paras[k - 1]) is None:
        return k - 1, k, k + 1
    return None, k, k + 1
