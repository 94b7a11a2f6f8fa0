"""A provincial profile with a table of its own and equations, declared only here, goes through the
whole chain: template, fill, read back (cell map and labels), JSON and CSV, validation (rule A10),
the report in every format and import back.  The proof that adding a profile is one declaration:
no profile id or extra-table code is spelled anywhere in the package."""

from __future__ import annotations

import pytest

from workbook_tools import api
from workbook_tools.editions import get_edition, profile_problems, profiles, registered_profile
from workbook_tools.model import Cell, Report
from workbook_tools.render.editions import describe, render_text
from workbook_tools.rules.expr import BOUND, Cells, Equation, total_of
from workbook_tools.rules.python import computed_totals
from workbook_tools.spec import Column, ExtraTable, Profile, Role, Row

from conformance.make import balanced_report
from workbook_helpers import hand_made_workbook

NATIONAL = get_edition("2021")
(RECEIVED,) = NATIONAL.cells_for(Role.RECEIVED, Role.TOTAL)  # 一、本年新收 / 总计
TITLE = "政府信息公开申请渠道统计"
ROWS = (Row("R1", "（一）网络申请"), Row("R2", "（二）当面及信函申请"), Row("R9", "（三）合计"))
COLUMNS = (Column("C1", "申请件数"), Column("C2", "其中：按期答复件数"))
CHANNELS = ExtraTable("X1", TITLE, NATIONAL.table_for(Role.APPLICATIONS).code, ROWS, COLUMNS, corner="申请渠道")
ROW_TOTAL = total_of("X1", Cells("X1", ("R9",), BOUND), Cells("X1", ("R1", "R2"), BOUND), each="col",
                     over=("C1", "C2"), rule="A10", description="（三）合计 = （一）网络申请 + （二）当面及信函申请")
TIE = Equation("A10", (Cells("X1", ("R9",), ("C1",)),), (Cells(RECEIVED.table, (RECEIVED.row,), (RECEIVED.col,)),),
               description="申请件数合计 = 表三「一、本年新收」总计")
EXAMPLE = Profile(id="shili", name="示例省", name_en="Example province", tables=(CHANNELS,),
                  equations=(ROW_TOTAL, TIE), editions=("2021",))
EXTRA_KEYS = [f"X1/{r.code}/{c.code}" for r in ROWS for c in COLUMNS]


@pytest.fixture(scope="module")
def profile():
    with registered_profile(EXAMPLE) as p:  # the one registry line a new profile needs
        yield p
    assert EXAMPLE not in profiles()


def _balanced() -> Report:
    report = balanced_report(NATIONAL.id, 7)
    report.meta.profile = EXAMPLE.id
    received = report.number(RECEIVED)
    for key, raw in (("X1/R1/C1", received - received // 3), ("X1/R2/C1", received // 3),
                     ("X1/R1/C2", 4), ("X1/R2/C2", 3)):
        report.set(key, str(raw))
    for ref, v in computed_totals(report.edition, lambda ref: report.number(ref) or 0).items():
        report.cells[ref.key] = Cell.of(v)
    return report


def _values(report: Report) -> dict:
    return {k: report.number(k) for k in EXTRA_KEYS + [RECEIVED.key]}


@pytest.fixture(scope="module")
def balanced(profile):
    return _balanced()


def test_declaration_is_checked(profile):
    assert profile_problems() == {p.id: [] for p in profiles()}  # this one and the declared ones (吉林)
    bad = Profile(id="bad", name="坏", name_en="bad", tables=(ExtraTable("T9", "x", "T0", ROWS, COLUMNS),))
    with pytest.raises(ValueError, match="T9"):
        with registered_profile(bad):
            pass


def test_profile_edition_puts_the_table_after_its_national_one(balanced):
    codes = [t.code for t in balanced.edition.tables]
    assert codes.index("X1") == codes.index(RECEIVED.table) + 1
    assert balanced.edition.id == NATIONAL.id and len(NATIONAL.tables) == len(codes) - 1


def test_listing_names_the_table(profile):
    mine = next(p for p in describe()["profiles"] if p["id"] == EXAMPLE.id)
    assert mine["tables"][0]["title"] == TITLE and mine["tables"][0]["cells"] == 6 and mine["rules"] == ["A10"]
    assert TITLE in render_text()


def test_template_draws_the_table_with_formulas_and_checks(profile, tmp_path):
    import openpyxl

    path = api.write_template(tmp_path / "t.xlsx", NATIONAL.id, profile=EXAMPLE.id)
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    assert names.index(TITLE) == names.index("表三") + 1
    ws = wb[TITLE]
    texts = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert {r.label for r in ROWS} | {c.label for c in COLUMNS} <= texts
    formulas = [c.value for row in ws.iter_rows() for c in row if str(c.value).startswith("=SUM(")]
    assert len(formulas) == 2  # the 合计 row, one per column
    checks = [str(c.value) for row in wb["校验"].iter_rows() for c in row if c.value is not None]
    assert sum(1 for v in checks if v.startswith("A10 ")) == 3  # two row totals and the tie to table 三
    assert TIE.description in checks and any(TITLE in v for v in checks)  # what each check says, and where


def test_fill_read_json_csv(balanced, tmp_path):
    src = api.save_report(balanced, tmp_path / "r.json")
    back = api.load_report(src)
    assert back.meta.profile == EXAMPLE.id and _values(back) == _values(balanced)
    csv = api.save_report(balanced, tmp_path / "r.csv")
    assert ROWS[0].label in csv.read_text(encoding="utf-8-sig")
    assert _values(api.load_report(csv)) == _values(balanced)
    filled = api.fill(src, tmp_path / "filled.xlsx").path
    by_map = api.load_report(filled)
    assert by_map.meta.profile == EXAMPLE.id and _values(by_map) == _values(balanced)
    assert not [i for i in by_map.workbook.issues if i.rule == "W03"]
    by_labels = api.load_report(hand_made_workbook(balanced, tmp_path / "hand.xlsx"))
    assert by_labels.meta.profile == EXAMPLE.id and _values(by_labels) == _values(balanced)


def test_validation_a10(balanced):
    assert not [f for f in api.validate_report(balanced).findings if f.rule.startswith("A")]
    broken = _balanced()
    broken.set("X1/R1/C2", str(broken.number("X1/R1/C2") + 2))  # the 合计 row left alone
    found = [f for f in api.validate_report(broken).findings if f.rule == "A10"]
    assert len(found) == 1 and set(found[0].location.cells) >= {"X1/R9/C2", "X1/R1/C2"}
    zh, en = found[0].message(), found[0].message("en")
    assert TITLE in zh and "（三）合计" in zh and ROW_TOTAL.description in zh and "should be" in en
    tied = _balanced()
    for key in ("X1/R1/C1", "X1/R9/C1"):  # the table adds up, but no longer to table 三's 本年新收
        tied.set(key, str(tied.number(key) + 1))
    found = [f for f in api.validate_report(tied).findings if f.rule == "A10"]
    assert len(found) == 1 and RECEIVED.key in found[0].location.cells


@pytest.mark.parametrize("ext", [".docx", ".html", ".md", ".txt"])
def test_report_and_import_back(balanced, tmp_path, ext):
    path = tmp_path / f"report{ext}"
    data = api.render_bytes(balanced, path)
    if ext != ".docx":
        text = data.decode()
        assert TITLE in text and all(r.label in text for r in ROWS)
    path.write_bytes(data)
    back = api.load_report(path)
    assert back.meta.profile == EXAMPLE.id
    assert _values(back) == _values(balanced)
    assert not any(TITLE in b.text for s in back.narrative.sections for b in s.blocks)
