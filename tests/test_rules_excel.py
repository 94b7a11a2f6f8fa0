"""The same declared equations compiled to Excel formula text (the template issue builds on this)."""

from workbook_tools.editions import get_edition
from workbook_tools.layout import grid
from workbook_tools.rules.excel import check_formula, difference_formula, total_formula
from workbook_tools.rules.python import compile_edition, derive_totals


def _address(ed):
    """A1 address of every value cell when each table's grid starts at A1 of a sheet named 表X."""
    where = {}
    for t in ed.tables:
        for c in grid(t).value_cells():
            col = ""
            n = c.col + 1
            while n:
                n, rem = divmod(n - 1, 26)
                col = chr(65 + rem) + col
            where[c.ref] = f"{t.title}!{col}{c.row + 1}"
    return where.__getitem__


def _instance(ed, rule, binding):
    return next(i for i in compile_edition(ed) if i.rule == rule and i.binding == binding)


def test_totals_compile_to_sums_over_the_official_grid():
    ed = get_edition("2021")
    addr = _address(ed)
    assert total_formula(_instance(ed, "A01", "R1"), addr) == "=SUM(表三!D4:I4)"
    # （七）总计 of 自然人: the 21 outcome rows above it, one contiguous range
    assert total_formula(_instance(ed, "A02", "C1"), addr) == "=SUM(表三!D6:D26)"
    assert total_formula(_instance(ed, "A04", "L2"), addr) == "=SUM(表四!K4:N4)"


def test_checks_compile_to_a_difference_and_a_mark():
    ed = get_edition("2019")
    addr = _address(ed)
    inst = _instance(ed, "A03", "C7")
    assert difference_formula(inst, addr) == "=(SUM(表三!J4:J5))-(SUM(表三!J25:J26))"
    assert check_formula(inst, addr) == '=IF(ABS((SUM(表三!J4:J5))-(SUM(表三!J25:J26)))<=0,"✓","✗")'


def test_signed_terms_and_cross_year_rules():
    ed = get_edition("2021")
    inst = _instance(ed, "A07", "normative")
    assert inst.crosses_years
    terms = [(t.ref.col, t.sign, t.report) for t in inst.rhs]
    assert terms == [("in_force", 1, "previous"), ("issued", 1, "this"), ("repealed", -1, "this")]


def test_every_total_cell_is_derived_once():
    for eid in ("2019", "2021"):
        ed = get_edition(eid)
        totals = derive_totals(ed)
        t3_rows = len(ed.table("T3").blocks[0].rows)
        # 总计 column of every row + （七）总计 of six columns + three 表四 totals
        assert len(totals) == t3_rows + 6 + 3
