"""The generated template, read back with openpyxl: layout, locking, names, validations, formulas, meta."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
import yaml

from conftest import ROOT, shared
from factories import random_report
from workbook_tools.layout import VALUE
from workbook_tools.rules.excel import total_formula
from workbook_tools.rules.python import deriving_instances
from workbook_tools.workbook import checksheet
from workbook_tools.workbook.protect import legacy_hash
from workbook_tools.workbook.sheetmap import CHECK_SHEET, META_SHEET, TEMPLATE_VERSION, build_map, declaration_hash
from workbook_tools.workbook.writer import build_template

EDITIONS = ("2019", "2021")


def load(data: bytes, **kw):
    return openpyxl.load_workbook(io.BytesIO(data), **kw)


@pytest.fixture(scope="module")
def books():
    return {e: build_template(e, year=2020 if e == "2019" else 2024, agency="某某县财政局") for e in EDITIONS}


@pytest.fixture(scope="module")
def spec13():
    text = shared("format", "SPEC.md").read_text(encoding="utf-8")
    return yaml.safe_load(re.search(r"## 13\..*?```yaml\n(.*?)```", text, re.S).group(1))


def _strings(value, out):
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, out)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out)
    return out


@pytest.mark.parametrize("edition,key", [("2019", "edition_A"), ("2021", "edition_B")])
def test_every_official_label_is_in_the_template_character_for_character(books, spec13, edition, key):
    wb = load(books[edition])
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    wanted = _strings(spec13[key]["table2"], set()) | _strings(spec13["edition_A"]["sections"], set())  # B: "same as A"
    wanted |= _strings(spec13["table3_common"]["cols"], set()) | {spec13["table3_common"]["note"]}
    wanted |= _strings(spec13["table4_common"], set())
    rows3 = {k: v for k, v in spec13["table3_common"]["rows"].items()}
    if edition == "2019":  # rows the SPEC marks as 2021-only are absent from the 2019 template
        raw = shared("format", "SPEC.md").read_text(encoding="utf-8")
        rows3 = {k: v for k, v in rows3.items() if k not in set(re.findall(r"(R3\.6\.\d): .*# B only", raw))}
    wanted |= set(rows3.values())
    missing = sorted(w for w in wanted if w not in texts and "XXXX" not in w)
    assert not missing


@pytest.mark.parametrize("edition", EDITIONS)
def test_grid_labels_and_merges_are_placed_as_the_official_table(books, edition):
    wb = load(books[edition])
    wmap = build_map(edition)
    for tp in wmap.tables:
        ws = wb[tp.sheet]
        merged = {str(r) for r in ws.merged_cells.ranges}
        for c in tp.grid.cells:
            cell = ws.cell(row=tp.origin + c.row + 1, column=c.col + 1)
            if c.role != VALUE:
                assert (cell.value or "") == c.text, (tp.sheet, c)
            if c.rowspan > 1 or c.colspan > 1:
                ref = f"{cell.coordinate}:{ws.cell(row=tp.origin + c.row + c.rowspan, column=c.col + c.colspan).coordinate}"
                assert ref in merged, (tp.sheet, c.text, ref)


@pytest.mark.parametrize("edition", EDITIONS)
def test_only_input_cells_are_unlocked_and_every_sheet_is_protected(books, edition):
    wb = load(books[edition])
    wmap = build_map(edition)
    assert wb.security.lockStructure
    expected = {(p.sheet, p.address) for p in wmap.inputs()}
    expected |= {(f.sheet, f.address) for f in wmap.fields if f.kind != "info"}
    unlocked = set()
    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
        covered = {(r, c) for m in ws.merged_cells.ranges for r, c in m.cells if (r, c) != (m.min_row, m.min_col)}
        for row in ws.iter_rows():
            for c in row:
                if c.protection.locked is False and (c.row, c.column) not in covered:
                    unlocked.add((ws.title, c.coordinate))
    assert unlocked == expected
    for p in wmap.cells:
        if p.total:
            assert wb[p.sheet][p.address].protection.locked


def test_password_protects_sheets_and_structure():
    wb = load(build_template("2021", password="tpl2024"))
    assert legacy_hash("tpl2024") == "DFA4"  # the value Excel and xlsxwriter compute for this password
    assert wb.security.workbookPassword == "DFA4"
    assert all(ws.protection.password == "DFA4" for ws in wb.worksheets)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_value_cell_and_field_has_a_defined_name(books, edition):
    wb = load(books[edition])
    wmap = build_map(edition)
    names = wb.defined_names
    for p in wmap.cells:
        assert list(names[p.name].destinations) == [(p.sheet, f"${re.sub(r'[0-9]', '', p.address)}${re.sub(r'[A-Z]', '', p.address)}")]
    for f in wmap.fields:
        assert names[f.name].destinations
    assert len(names) == len(wmap.cells) + len(wmap.fields)


@pytest.mark.parametrize("edition", EDITIONS)
def test_validations_cover_every_input_with_chinese_prompts(books, edition):
    wb = load(books[edition])
    wmap = build_map(edition)
    by_cell = {}
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                    for c in row:
                        by_cell[(ws.title, c.coordinate)] = dv
    want = {"count": ("whole", "greaterThanOrEqual"), "signed": ("whole", None), "money": ("decimal", "greaterThanOrEqual")}
    for p in wmap.inputs():
        dv = by_cell[(p.sheet, p.address)]
        assert (dv.type, dv.operator) == want[p.kind.value], p.ref
        assert dv.showErrorMessage and re.search(r"[\u4e00-\u9fff]", dv.prompt) and re.search(r"[\u4e00-\u9fff]", dv.error)
        if p.kind.value == "money":  # a declared unit is named; otherwise the filer picks one beside it
            assert ("万元" in dv.prompt) if p.unit else ("金额单位" in dv.prompt and wmap.field(f"unit.{p.ref.key}"))
    for f in wmap.fields:
        if f.kind in ("text", "heading") and f.key.startswith(("text.", "preamble")):
            assert by_cell[(f.sheet, f.address)].type == "textLength"
    kind = wmap.field("meta.agency_kind")
    assert by_cell[(kind.sheet, kind.address)].type == "list"


@pytest.mark.parametrize("edition", EDITIONS)
def test_totals_are_the_compiled_formulas_and_cached_values_fit_an_empty_workbook(books, edition):
    data = books[edition]
    wb, cached = load(data), load(data, data_only=True)
    wmap = build_map(edition)
    derived = deriving_instances(wmap.edition)
    for p in wmap.cells:
        if not p.total:
            assert wb[p.sheet][p.address].value is None
            continue
        want = total_formula(derived[p.ref], lambda ref: wmap.address(ref, from_sheet=p.sheet))
        assert wb[p.sheet][p.address].value == want
        assert cached[p.sheet][p.address].value == 0
    assert wb["表三"]["J7"].value == "=SUM(D7:I7)"
    ws = cached[CHECK_SHEET]
    n = len(checksheet.check_instances(wmap.edition, False))
    results = [ws.cell(row=checksheet.FIRST_ROW + 1 + i, column=checksheet.RESULT_COL + 1).value for i in range(n)]
    assert results == ["✓"] * n
    assert ws["A2"].value == f"共 {n} 项校验，未通过 0 项"
    assert cached["表三"]["A2"].value == "本表校验：全部通过 ✓"


def test_a_filled_report_gets_cached_results_from_the_python_rules():
    import random

    report = random_report("2021", random.Random(5))
    report.set("T3/R1/C1", str(report.number("T3/R1/C1") + 4))  # breaks 一+二=三+四 in 自然人 and 总计
    from workbook_tools.workbook.writer import fill_workbook

    cached = load(fill_workbook(report), data_only=True)
    ws = cached[CHECK_SHEET]
    bad = [ws.cell(row=r, column=2).value + " " + ws.cell(row=r, column=4).value
           for r in range(checksheet.FIRST_ROW + 1, ws.max_row + 1) if ws.cell(row=r, column=5).value == "✗"]
    assert len(bad) == 2 and all(b.startswith("A03") for b in bad)
    assert "有 2 项未通过" in cached["表三"]["A2"].value


@pytest.mark.parametrize("edition", EDITIONS)
def test_hidden_sheet_identifies_the_template_and_holds_the_cell_map(books, edition):
    wb = load(books[edition])
    ws = wb[META_SHEET]
    assert ws.sheet_state == "veryHidden"
    meta = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(1, 11)}
    wmap = build_map(edition)
    assert meta["edition"] == edition and meta["template_version"] == TEMPLATE_VERSION
    assert meta["declaration"] == declaration_hash(wmap.edition, None)
    rows = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)}
    for p in wmap.cells:
        assert rows[p.ref.key] == f"{p.sheet}!{p.address}"
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["xxgk_edition"] == edition and props["xxgk_template_version"] == TEMPLATE_VERSION


def test_previous_year_prefills_carried_over_and_adds_cross_year_checks():
    import random

    last = random_report("2021", random.Random(3), 2023)
    data = build_template("2021", year=2024, previous=last)
    wb, cached = load(data), load(data, data_only=True)
    wmap = build_map("2021")
    for col in ("C1", "C2", "C7"):
        p = wmap.placed(f"T3/R2/{col}")
        if col != "C7":
            assert wb[p.sheet][p.address].value == last.number(f"T3/R4/{col}")
            assert wb[p.sheet][p.address].protection.locked
    ws = cached[CHECK_SHEET]
    rules = [ws.cell(row=r, column=2).value for r in range(checksheet.FIRST_ROW + 1, ws.max_row + 1)]
    assert any(r.startswith("A05") for r in rules) and any(r.startswith("A07") for r in rules)
    a05 = [ws.cell(row=r, column=5).value for r in range(checksheet.FIRST_ROW + 1, ws.max_row + 1)
           if ws.cell(row=r, column=2).value.startswith("A05")]
    assert a05 == ["✓"] * 7  # holds by construction
    t2 = wb["表二"]
    texts = [c.value for row in t2.iter_rows() for c in row]
    assert "上年现行有效件数（参考）" in texts


def _created(data: bytes):
    import datetime as dt
    import zipfile

    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode("utf-8")
    stamp = re.search(r"<dcterms:created[^>]*>([^<]+)</dcterms:created>", core).group(1)
    return dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("edition", EDITIONS)
def test_committed_blank_templates_are_current(edition):
    committed = ROOT / "templates" / "workbooks" / f"xxgk-template-{edition}.xlsx"
    data = committed.read_bytes()  # regenerated at the time it was made: every other byte must agree
    assert data == build_template(edition, created=_created(data)), "run `make templates` and commit the result"


def test_generation_is_deterministic(monkeypatch):
    import datetime as dt

    when = dt.datetime(2025, 1, 2, 3, 4, 5)
    assert build_template("2021", year=2024, agency="甲", created=when) == build_template("2021", year=2024, agency="甲",
                                                                                       created=when)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735787045")  # the same instant, as reproducible builds name it
    assert build_template("2021", year=2024, agency="甲") == build_template("2021", year=2024, agency="甲", created=when)


def test_the_file_says_which_program_made_it_and_when(tmp_path, monkeypatch):
    import datetime as dt
    import zipfile

    from workbook_tools import __version__
    from workbook_tools.provenance import app_version
    from workbook_tools.batch.job import application

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    data = build_template("2021")
    after = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    assert before <= _created(data) <= after  # the real creation time, not a constant
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        core, app = z.read("docProps/core.xml").decode(), z.read("docProps/app.xml").decode()
    assert "<dc:creator>xxgk</dc:creator>" in core and "<cp:lastModifiedBy>xxgk</cp:lastModifiedBy>" in core
    assert "<Application>xxgk</Application>" in app and f"<AppVersion>{app_version()}</AppVersion>" in app  # XX.YYYY, as Office wants
    assert "Microsoft" not in app
    assert load(data).custom_doc_props["xxgk_generator"].value == f"xxgk {__version__}"
    path = tmp_path / "模板.xlsx"
    path.write_bytes(data)
    assert application(api_load(path), path) == f"xxgk {__version__}"  # what `check` shows as 创建程序


def api_load(path):
    from workbook_tools import api

    return api.load_report(path)


# How the template prints (page width, one page per table, readable labels): tests/test_template_print.py


def _plain(formula: str, sheet: str) -> str:
    return formula.replace("$", "").replace(f"'{sheet}'!", "")


@pytest.mark.parametrize("edition", EDITIONS)
def test_broken_relations_colour_their_cells_with_the_check_sheets_formula(books, edition):
    wb = load(books[edition])
    wmap = build_map(edition)
    checks = wb[CHECK_SHEET]
    marks = {}  # formula -> cells it colours, per table sheet
    for tp in wmap.tables:
        for rng in wb[tp.sheet].conditional_formatting:
            for rule in rng.rules:
                if rule.type == "expression":
                    marks[(tp.sheet, _plain(rule.formula[0], tp.sheet))] = {c for r in rng.sqref.ranges for c in
                                                                            _cells(r.coord)}
    t3 = [r for r in checksheet.plan_rows(edition) if wmap.placed(r.instance.lhs[0].ref).sheet == "表三"]
    assert len(t3) > 10
    for r in t3:
        cells = {wmap.placed(t.ref).address for t in r.instance.terms()}
        shown = checks.cell(row=r.row + 1, column=checksheet.RESULT_COL + 1).value
        key = ("表三", _plain(shown, "表三")[1:] + '="✗"')
        assert marks.get(key) == cells, (r.instance.rule, key)


def _cells(coord: str) -> set[str]:
    from openpyxl.utils import range_boundaries
    from openpyxl.utils.cell import get_column_letter

    c0, r0, c1, r1 = range_boundaries(coord)
    return {f"{get_column_letter(c)}{r}" for c in range(c0, c1 + 1) for r in range(r0, r1 + 1)}


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_check_row_links_to_its_cells(books, edition):
    wb = load(books[edition])
    wmap = build_map(edition)
    ws = wb[CHECK_SHEET]
    rows = checksheet.plan_rows(edition)
    assert rows
    for r in rows:
        link = ws.cell(row=r.row + 1, column=checksheet.LINK_COL + 1).hyperlink
        assert link is not None and link.location, r.instance.rule
        sheet, _, span = link.location.rpartition("!")
        sheet = sheet.strip("'")
        assert sheet in wb.sheetnames
        here = {wmap.placed(t.ref).address for t in r.instance.terms() if wmap.placed(t.ref).sheet == sheet}
        assert wmap.placed(r.instance.lhs[0].ref).address in here <= _cells(span.replace("$", ""))
