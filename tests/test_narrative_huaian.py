"""The 淮安 2024 report (SPEC Appendix A.1): its prose agrees with its tables, so N01/N02/N03 stay
silent; copies with one figure altered give exactly the expected finding.

The prose is read from the published PDF with pdfplumber (independently of the PDF importer), the
cells from the figures listed in SPEC Appendix A.1.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from conftest import shared
from workbook_tools.api import validate_report
from workbook_tools.editions import get_edition
from workbook_tools.findings import Severity
from workbook_tools.model import Meta, Narrative, NarrativeSection, Report, TextBlock
from workbook_tools.narrative.compare import MATCH, comparisons
from workbook_tools.spec import AgencyKind

EDITION = get_edition("2021")


@lru_cache(maxsize=None)
def prose() -> tuple[str, dict[str, str]]:
    """(preamble, {section number: text}) from the PDF; the table sections 二–四 are left empty."""
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(shared("fixtures", "real", "2024_huaian-shi.pdf")) as pdf:
        lines = [ln for p in pdf.pages for ln in (p.extract_text() or "").splitlines()]
    lines = [ln for ln in lines if not re.fullmatch(r"\s*-\s*\d+\s*-\s*", ln)][2:]  # page numbers, title
    text = "".join(ln.strip() for ln in lines)  # lines wrap mid-sentence
    titles = [s.title for s in EDITION.sections]
    cuts = [text.index(t) for t in titles]
    sections = {}
    for i, s in enumerate(EDITION.sections):
        end = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        sections[s.number] = text[cuts[i] + len(s.title):end] if s.table is None else ""
    return text[:cuts[0]], sections


@lru_cache(maxsize=None)
def appendix_cells() -> dict[str, str]:
    spec = shared("format", "SPEC.md").read_text(encoding="utf-8")
    a1 = spec[spec.index("### A.1"):spec.index("### A.2")]
    cells = {}
    for m in re.finditer(r"^\| (R[\d.]+) \|(.+)\|$", a1, re.M):
        for i, v in enumerate(m.group(2).split("|"), 1):
            cells[f"T3/{m.group(1)}/C{i}"] = v.strip()
    for m in re.finditer(r"(F|L1|L2) = ([\d, *]+)", a1):
        for i, v in enumerate(m.group(2).replace("*", "").split(","), 1):
            cells[f"T4/{m.group(1)}/C{i}"] = v.strip()
    t2 = re.search(r"`规章` (\d+) / (\d+) / (\d+); `行政规范性文件` (\d+) / (\d+) / (\d+)", a1)
    for i, (row, col) in enumerate([(r, c) for r in ("regulations", "normative") for c in ("issued", "repealed", "in_force")]):
        cells[f"T2/{row}/{col}"] = t2.group(i + 1)
    assert len(cells) == 25 * 7 + 15 + 6
    return cells


def huaian(edit=None) -> Report:
    preamble, sections = prose()
    if edit:
        old, new = edit
        changed = {k: v.replace(old, new) for k, v in sections.items()}
        assert changed != sections, f"{old!r} not found in the prose"
        sections = changed
    narrative = Narrative([preamble], [NarrativeSection(n, blocks=[TextBlock("paragraph", t)] if t else [])
                                       for n, t in sections.items()])
    report = Report(Meta(agency="淮安市人民政府", agency_kind=AgencyKind.GOVERNMENT, year=2024, edition="2021"),
                    narrative=narrative)
    for key, raw in appendix_cells().items():
        report.set(key, raw)
    return report.with_zeros()


def figure_findings(report):
    return [f for f in validate_report(report).findings if f.rule in ("N01", "N02", "N03")]


def test_published_prose_agrees_with_its_tables():
    report = huaian()
    assert figure_findings(report) == []
    matched = {(c.cells[0].key, c.stated) for c in comparisons(report) if c.verdict == MATCH}
    # Every figure the prose states about tables 三 and 四 was found and compared.
    assert {("T3/R1/C7", 3119), ("T3/R3.7/C7", 3050), ("T3/R2/C7", 34), ("T3/R4/C7", 103),
            ("T4/F/C5", 351), ("T4/F/C1", 72), ("T4/F/C2", 64), ("T4/F/C3", 178), ("T4/F/C4", 37),
            ("T4/L1/C5", 46), ("T4/L1/C1", 25), ("T4/L1/C2", 5), ("T4/L1/C3", 9), ("T4/L1/C4", 7),
            ("T2/regulations/issued", 1)} <= matched


def test_other_figures_of_the_prose_are_not_compared():
    by_text = {c.figure.text: c for c in comparisons(huaian()) if c.figure}
    assert by_text["5500余条"].verdict == "not_compared"  # information items, not applications
    assert by_text["11件"].verdict == "not_compared"  # 政策性文件 are not 规范性文件 (table: 8)
    assert by_text["95个"].verdict == "not_compared"  # 政务新媒体 accounts


@pytest.mark.parametrize(
    "edit, rule, key, cell, expected, actual, severity",
    [
        # In a sentence about 全市 the difference is only a note: the region's figure may not be the body's.
        (("受理政府信息公开申请 3119 件", "受理政府信息公开申请 3191 件"), "N01", "N01.scope", "T3/R1/C7", 3119, 3191, Severity.INFO),
        (("答复 3050 件", "答复 3005 件"), "N01", "N01.scope", "T3/R3.7/C7", 3050, 3005, Severity.INFO),
        (("结转申请 34 件", "结转申请 43 件"), "N01", "N01.scope", "T3/R2/C7", 34, 43, Severity.INFO),
        (("另有 103 件顺延", "另有 130 件顺延"), "N01", "N01.scope", "T3/R4/C7", 103, 130, Severity.INFO),
        (("行政复议 351件", "行政复议 315件"), "N02", "N02", "T4/F/C5", 351, 315, Severity.WARNING),
        (("结果纠正 64 件", "结果纠正 46 件"), "N02", "N02", "T4/F/C2", 64, 46, Severity.WARNING),
        (("行政诉讼 46 件", "行政诉讼 47 件"), "N02", "N02.sum", "T4/L1/C5", 46, 47, Severity.WARNING),
        (("尚未审结 7 件", "尚未审结 8 件"), "N02", "N02.sum", "T4/L1/C4", 7, 8, Severity.WARNING),
        (("市政府规章 1 件", "市政府规章 2 件"), "N03", "N03", "T2/regulations/issued", 1, 2, Severity.WARNING),
    ],
)
def test_an_altered_figure_gives_exactly_one_finding(edit, rule, key, cell, expected, actual, severity):
    found = figure_findings(huaian(edit))
    assert [(f.rule, f.key, f.location.cells[0], f.expected, f.actual, f.severity) for f in found] == [
        (rule, key, cell, expected, actual, severity)]
    assert edit[1].replace(" ", "") in found[0].message("zh")  # the message quotes the altered sentence


def test_altered_claim_of_no_litigation_is_caught():
    found = figure_findings(huaian(("政府信息公开行政诉讼 46 件，其中结果维持 25", "未发生政府信息公开行政诉讼。其中结果维持 25")))
    assert [(f.key, f.location.cells, f.expected) for f in found] == [("N02.claim", ("T4/L1/C5", "T4/L2/C5"), 46)]
