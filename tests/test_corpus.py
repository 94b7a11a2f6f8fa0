"""A corpus of invented published annual reports (tests/corpus/): every document is read back with
`api.load_report` and validated, and what the toolkit says is compared exactly with what a correct
toolkit must say: the layout detected, agency and year, every cell, and the findings as a multiset of
(rule, severity).  PDFs are made through LibreOffice at test time (nothing binary is committed)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

from conftest import require_command
from corpus.build import signature, to_pdf, write_source
from corpus.cases import CORPUS
from workbook_tools import api
from workbook_tools.dates import parse_date
from workbook_tools.errors import InputError

BY_ID = {d.id: d for d in CORPUS}


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory):
    """Every source document (for PDFs: the HTML or .docx LibreOffice converts)."""
    folder = tmp_path_factory.mktemp("corpus")
    paths = {d.id: write_source(d, folder) for d in CORPUS}
    return folder, paths


@pytest.fixture(scope="session")
def corpus_pdfs(corpus_dir):
    soffice = require_command("soffice")
    folder, paths = corpus_dir
    ids = [d.id for d in CORPUS if d.fmt == "pdf"]
    pdfs = to_pdf([paths[i] for i in ids], folder / "pdf", soffice)
    return dict(zip(ids, pdfs))


def _document(request, doc):
    if doc.fmt == "pdf":
        return request.getfixturevalue("corpus_pdfs")[doc.id]
    return request.getfixturevalue("corpus_dir")[1][doc.id]


def _num(v):
    return None if v is None else Decimal(str(v))


def _differences(doc, report, findings) -> list[str]:
    problems = []
    meta = report.meta
    if meta.edition != doc.expect_edition:
        problems.append(f"edition: expected {doc.expect_edition!r}, got {meta.edition!r}")
    if meta.agency != doc.agency:
        problems.append(f"agency: expected {doc.agency!r}, got {meta.agency!r}")
    if meta.year != doc.year:
        problems.append(f"year: expected {doc.year!r}, got {meta.year!r}")

    # the title as printed (spaces removed); a <title> may carry a site suffix
    title = re.sub(r"\s+", "", meta.title or "") or None
    if doc.title_mode == "none":
        want_title = None
    else:
        want_title = doc.title()
    default = f"{doc.agency}{doc.year}年政府信息公开工作年度报告"  # the report model leaves this title implied (None)
    if title is None and want_title == default:
        pass
    elif want_title is None and title is not None or want_title is not None and (
            title is None or (want_title not in title if doc.title_mode == "title-tag" else title != want_title)):
        problems.append(f"title: expected {want_title!r}, got {meta.title!r}")
    # the signature block (机关署名 + 成文日期) is metadata, not part of section 六
    if doc.signature:
        want_date = parse_date(signature(doc)[1])
        if meta.signature_date != want_date:
            problems.append(f"signature date: expected {want_date}, got {meta.signature_date}")
        six = report.narrative.section("六")
        if six is not None and doc.agency in six.text():
            problems.append(f"the signature ({doc.agency}) was read into section 六")

    nums, others = doc.expected_cells()
    wrong = []
    for key, want in nums.items():
        cell = report.cells.get(key)
        got = None if cell is None else _num(cell.value)
        if got != want:
            wrong.append(f"{key}: expected {want}, got {'missing' if cell is None else f'{got} (raw {cell.raw!r})'}")
    for key, status in others.items():
        cell = report.cells.get(key)
        got = None if cell is None else cell.status
        if got != status:
            wrong.append(f"{key}: expected a {status} cell, got {'missing' if cell is None else f'{got} (raw {cell.raw!r})'}")
    extra = sorted(set(report.cells) - set(nums) - set(others))
    if extra:
        wrong.append(f"cells that should not exist: {extra[:10]}{' …' if len(extra) > 10 else ''}")
    if wrong:
        problems.append(f"{len(wrong)} wrong cell(s):\n      " + "\n      ".join(wrong[:25])
                        + ("\n      …" if len(wrong) > 25 else ""))

    got = Counter((f.rule, f.severity.value) for f in findings for _ in (f.parts or (f,)))  # a grouped V02 is its cells
    want = Counter(doc.expect)
    unexpected, missing = got - want, want - got
    if unexpected or missing:
        lines = []
        for (rule, sev), n in sorted(unexpected.items()):
            msgs = [f.message("zh") for f in findings if f.rule == rule and f.severity.value == sev]
            lines.append(f"unexpected {rule} {sev} ×{n}: " + " | ".join(m[:160] for m in msgs[:3]))
        for (rule, sev), n in sorted(missing.items()):
            lines.append(f"missing {rule} {sev} ×{n}")
        problems.append("findings differ:\n      " + "\n      ".join(lines))
    for rule, text in doc.expect_messages:
        msgs = [f.message("zh") for f in findings if f.rule == rule]
        if msgs and not any(text in m for m in msgs):
            problems.append(f"{rule} message does not name {text!r}: {msgs}")
    return problems


@pytest.mark.parametrize("doc_id", [d.id for d in CORPUS])
def test_corpus_document(request, doc_id):
    doc = BY_ID[doc_id]
    path = _document(request, doc)
    try:
        report = api.load_report(path)
    except InputError as e:  # the document must be readable: say so as a difference, with the reader's reason
        pytest.fail(f"{doc.id} ({doc.fmt}/{doc.style}, {path.name}; covers: {'; '.join(doc.classes)})\n"
                    f"  - not readable: {e}\n  - expected findings: {sorted(doc.expect)}")
    findings = api.validate_report(report).findings
    problems = _differences(doc, report, findings)
    assert not problems, (f"{doc.id} ({doc.fmt}/{doc.style}, {path.name}; covers: {'; '.join(doc.classes)})\n  - "
                          + "\n  - ".join(problems))


def test_corpus_covers_what_it_must():
    """The corpus itself: at least 22 documents, every format, both editions and the hybrid, and the
    figures balance in every case that does not break them on purpose."""
    assert len(CORPUS) >= 22
    assert {d.fmt for d in CORPUS} == {"html", "md", "txt", "docx", "pdf"}
    assert {d.expect_edition for d in CORPUS} == {"2019", "2021", "2021-hybrid"}
    for d in CORPUS:
        v = d.values()
        rows = {k.split("/")[1] for k in v if k.startswith("T3/")}
        for c in ("C1", "C2", "C3", "C4", "C5", "C6", "C7"):
            assert v[f"T3/R1/{c}"] + v[f"T3/R2/{c}"] == v[f"T3/R3.7/{c}"] + v[f"T3/R4/{c}"], (d.id, c)
        for r in rows:
            assert v[f"T3/{r}/C7"] == sum(v[f"T3/{r}/C{i}"] for i in range(1, 7)), (d.id, r)
        for r in ("F", "L1", "L2"):
            assert v[f"T4/{r}/C5"] == sum(v[f"T4/{r}/C{i}"] for i in range(1, 5)), (d.id, r)
        breaks = {"A01", "A02", "A03", "A04"} & {rule for rule, _ in d.expect}
        for key, text in d.printed.items():  # a placeholder or blank stands for a true 0, unless the case breaks it
            if not text.strip().lstrip("+-").replace(".", "").isdigit():
                assert v[key] == 0 or not key.startswith(("T3/", "T4/")), (d.id, key)
            elif not breaks and key.startswith(("T3/", "T4/")):
                assert Decimal(text) == v[key], (d.id, key)
