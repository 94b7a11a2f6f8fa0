"""A third official edition, declared only here, goes through the whole chain: template, fill, read
back, validate, report in every format and import back.  The proof that adding an edition is one
declaration plus one registry line, with no edition id spelled anywhere else."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workbook_tools import api
from workbook_tools.editions import (default_edition, detect_edition, edition_for_year, editions, ed2021,
                                     get_edition, registered)
from workbook_tools.editions import common as c
from workbook_tools.model import Report
from workbook_tools.rules.catalogue import RULES, rule
from workbook_tools.spec import Role, Row, cell_refs
from workbook_tools.workbook.sheetmap import build_map
from workbook_tools.workbook.writer import build_template

from conformance.make import balanced_report
from workbook_helpers import hand_made_workbook

RENAMED = "行政许可和行政备案"
ADDED = "4.申请人撤回申请"


def _table2():
    """The 2021 table 二 with 行政许可 renamed and 本年废止件数 dropped."""
    s1, *rest = ed2021.T2.blocks
    s1 = replace(s1, columns=tuple(col for col in s1.columns if col.code != "repealed"))
    rest = [replace(b, rows=tuple(replace(r, label=RENAMED) if r.code == "licensing" else r for r in b.rows))
            for b in rest]
    return replace(ed2021.T2, blocks=(s1, *rest))


def _table3():
    """The 2021 table 三 with a fourth （六）其他处理 row; the balances are derived from the rows."""
    added = Row("R3.6.4", ADDED, group=c.OTHER, band=c.RESULTS, role="outcome",
                roles=frozenset({Role.OTHER_HANDLING}))
    return c.table3(c.OTHER_SPLIT + (added,))


T2, T3 = _table2(), _table3()
# No A07: its equation needs the dropped 本年废止件数, so the rule must stop applying by itself.
SYNTHETIC = replace(
    ed2021.EDITION,
    id="2099",
    name="2099 版（测试）",
    name_en="2099 edition (test)",
    document="国办公开办函〔2099〕1号",
    years=(2099, None),
    tables=(T2, T3, c.TABLE4),
    equations=c.balance_equations(T3),
    markers=(RENAMED, ADDED),
)


@pytest.fixture(scope="module")
def edition():
    with registered(SYNTHETIC) as ed:  # the one registry line a new edition needs
        yield ed
    assert "2099" not in {e.id for e in editions()}


def _balanced(ed, seed: int = 7) -> Report:
    return balanced_report(ed.id, seed, year=None)


def _values(report: Report) -> dict:
    return {k: report.number(k) for k in (r.key for r in cell_refs(report.edition))}


def test_registered_like_a_module(edition):
    assert get_edition("2099") is edition
    assert default_edition() is edition and edition_for_year(2099) is edition
    assert edition_for_year(2024).id == "2021"  # an open-ended edition ends where the next starts
    assert detect_edition(r.key for r in cell_refs(edition))[0] is edition


def test_rules_follow_what_the_declaration_holds(edition):
    applies = {r.id for r in RULES if r.applies_to(edition)}
    assert {"A01", "A02", "A03", "A04", "A05", "S04", "S06", "S07", "N04"} <= applies
    assert not {"A06", "A07", "S05"} & applies  # no 2019 items, no 废止件数 to balance 现行有效件数 with
    assert rule("V06").applies_to(edition)  # it still has a fee amount


def test_template_has_the_new_cells(edition, tmp_path):
    data = build_template(edition.id)
    path = api.write_template(tmp_path / "t.xlsx", edition.id)
    assert path.read_bytes()[:2] == b"PK" and data[:2] == b"PK"
    refs = {p.ref.key for p in build_map(edition.id).inputs()}
    assert "T3/R3.6.4/C1" in refs and "T2/S1/repealed" not in {r.key for r in cell_refs(edition)}


def test_fill_and_read_back(edition, tmp_path):
    report = _balanced(edition)
    src = api.save_report(report, tmp_path / "r.json")
    filled = api.fill(src, tmp_path / "filled.xlsx").path
    by_map = api.load_report(filled)
    assert by_map.edition is edition
    assert _values(by_map) == _values(report)
    by_labels = api.load_report(hand_made_workbook(report, tmp_path / "hand.xlsx"))
    assert by_labels.edition is edition
    assert _values(by_labels) == _values(report)


def test_validate(edition):
    report = _balanced(edition)
    found = {f.rule for f in api.validate_report(report).findings}
    assert not {r for r in found if r.startswith("A")}, found
    report.set("T3/R3.6.4/C1", str(report.number("T3/R3.6.4/C1") + 1))  # the added row, totals left alone
    broken = [f for f in api.validate_report(report).findings if f.rule in ("A01", "A02")]
    assert {f.rule for f in broken} == {"A01", "A02"}


@pytest.mark.parametrize("ext", [".docx", ".html", ".md", ".txt"])
def test_report_and_import_back(edition, tmp_path, ext):
    report = _balanced(edition)
    path = tmp_path / f"report{ext}"
    data = api.render_bytes(report, path)
    if ext != ".docx":
        assert RENAMED in data.decode() and ADDED in data.decode()  # the new labels are printed
    path.write_bytes(data)
    back = api.load_report(path)
    assert back.edition is edition
    assert _values(back) == _values(report)
