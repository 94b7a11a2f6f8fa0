"""Every reader and renderer is held against the conformance folder of each official edition
(`tests/conformance/<edition>/`, written by `tests/conformance/make.py`): the report taken through each format and
read back has the same figures, and the same arithmetic and value findings, as the reviewed expectation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook_tools import api
from workbook_tools.spec import cell_refs
from workbook_tools.workbook.sheetmap import build_map

from conftest import require_command
from conformance.make import apply_faults, compared_findings
from workbook_helpers import hand_made_workbook

HERE = Path(__file__).parent / "conformance"
EDITIONS = sorted(p.name for p in HERE.iterdir() if (p / "report.json").is_file())


def _write_json(report, path):
    return api.save_report(report, path)


def _write_csv(report, path):
    return api.save_report(report, path)


def _write_template(report, path):
    src = api.save_report(report, path.with_suffix(".json"))
    return api.fill(src, path).path


def _write_by_labels(report, path):
    return hand_made_workbook(report, path)


def _write_document(report, path):
    path.write_bytes(api.render_bytes(report, path))
    return path


def _write_pdf(report, path):
    api.render_report(report, path)  # through Word and LibreOffice, as a published PDF is made
    return path


# one way into each reader: data, the filled template, a workbook typed by hand, each published format
ROUTES = {"json": (".json", _write_json), "csv": (".csv", _write_csv), "template": (".xlsx", _write_template),
          "by-labels": (".xlsx", _write_by_labels), "docx": (".docx", _write_document),
          "html": (".html", _write_document), "md": (".md", _write_document), "txt": (".txt", _write_document),
          "pdf": (".pdf", _write_pdf)}


def _case(edition: str):
    folder = HERE / edition
    report = api.load_report(folder / "report.json")
    edits = json.loads((folder / "faults.json").read_text(encoding="utf-8"))
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return report, edits, expected


def _figures(report) -> dict:
    return {r.key: report.number(r.key) for r in cell_refs(report.edition)}


@pytest.mark.parametrize("route", list(ROUTES))
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_route_reads_back_the_same_report(edition, route, tmp_path):
    report, edits, expected = _case(edition)
    ext, write = ROUTES[route]
    cases = [("report", report), ("faulty", apply_faults(api.load_report(HERE / edition / "report.json"), edits))]
    if route == "pdf":
        require_command("soffice")
        cases = cases[1:]  # LibreOffice costs seconds a document: the faulty one carries both checks
    for name, source in cases:
        back = api.load_report(write(source, tmp_path / f"{name}{ext}"))
        assert back.edition.id == edition
        if route == "template" and name == "faulty":
            # the template computes its totals: a wrong total cannot be typed into it, a wrong input is read as typed
            inputs = {p.ref.key for p in build_map(edition).inputs()}
            assert {k: v for k, v in _figures(back).items() if k in inputs} == \
                   {k: v for k, v in _figures(source).items() if k in inputs}
            assert {f["rule"] for f in compared_findings(api.validate_report(back))} < \
                   {f["rule"] for f in expected[name]}
            continue
        assert _figures(back) == _figures(source), (route, name)
        assert compared_findings(api.validate_report(back)) == expected[name], (route, name)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_expectation_is_not_empty_where_it_must_not_be(edition):
    """The faulty report must fail on exactly the cells edited, and the balanced one on none."""
    report, edits, expected = _case(edition)
    assert not [f for f in expected["report"] if f["severity"] == "error"]
    errors = [f for f in expected["faulty"] if f["severity"] == "error"]
    assert {f["rule"] for f in errors} >= {"A01", "A03"}
    touched = {c for f in errors for c in f["cells"]}
    assert {e["cell"] for e in edits} <= touched


def test_every_official_edition_has_a_conformance_folder():
    from workbook_tools.editions import editions

    assert set(EDITIONS) == {e.id for e in editions() if e.official}
