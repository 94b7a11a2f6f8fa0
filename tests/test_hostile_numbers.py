"""Numbers that are not finite, too long, or not number syntax at all (issue classes 1 and 8).

A cell value becomes an invalid value (V01) with its text kept as written; a structural number (a row
or column reference, a sheet id, a merged range, a shared-string index) makes the file an input error."""

from __future__ import annotations

from decimal import Decimal

import pytest

import hostile_inputs as HI
from workbook_tools import api, numbers
from workbook_tools.errors import InputError
from workbook_tools.spec import Kind
from workbook_tools.values import FULLWIDTH, INVALID, NUMBER, parse_value

RUNS = [(c, cmd) for c in HI.NUMBER_CASES for cmd in c.commands]


def test_the_corpus_is_generated_and_large_enough():
    assert len(HI.ALL_CASES) >= 30 and len({c.name for c in HI.ALL_CASES}) == len(HI.ALL_CASES)


@pytest.mark.parametrize("case, command", RUNS, ids=[f"{c.name}:{cmd}" for c, cmd in RUNS])
def test_hostile_numbers_through_the_cli(tmp_path, case, command):
    HI.exercise(case, command, tmp_path)


@pytest.mark.parametrize("case", HI.NUMBER_CASES, ids=[c.name for c in HI.NUMBER_CASES])
def test_what_the_reader_makes_of_them(tmp_path, case):
    src = case.make(tmp_path)
    if case.expect.exit == 2:
        with pytest.raises(InputError) as e:
            api.load_report(src)
        assert e.value.code == case.expect.code and e.value.path and e.value.en != e.value.zh
        return
    cell = api.load_report(src).cells["T3/R1/C1"]
    assert cell.status == INVALID and cell.value is None
    if case.expect.raw is not None:
        assert cell.raw == case.expect.raw  # kept as written


@pytest.mark.parametrize("text", ["1e400", "-1e400", "NaN", "nan", "inf", "-Infinity", "2_1", "1_0.5", "١٢", "²", "1e-999999999",
                                  "1e999999999", "9" * 70, "0x10", "1e", ".", "", " ", "1.2.3", "+-1", "١", "𝟏"])
def test_one_parser_refuses(text):
    assert numbers.from_text(text) is None


@pytest.mark.parametrize("text, value", [("12", 12), ("-3", -3), ("96171.6", Decimal("96171.6")), ("1.5E+3", 1500),
                                         ("4.4408920985006262E-16", Decimal("4.4408920985006262E-16")), (" 7 ", 7)])
def test_one_parser_reads_what_programs_write(text, value):
    assert numbers.from_text(text) == value


def test_numbers_that_already_are_numbers():
    assert numbers.to_decimal(float("nan")) is None and numbers.to_decimal(float("inf")) is None
    assert numbers.to_decimal(10 ** 5000) is None and numbers.to_decimal(Decimal("1E+999999999")) is None
    assert numbers.to_decimal(True) is None and numbers.to_decimal(12) == 12 and numbers.to_decimal(2.5) == Decimal("2.5")


@pytest.mark.parametrize("text, lo, hi, expected", [("7", 1, 9, 7), ("²", 0, 9, None), ("٧", 0, 9, None), ("0", 1, 9, None),
                                                    ("9" * 5000, 0, 10 ** 6, None), ("+1", 0, 9, None), ("", 0, 9, None)])
def test_structural_numbers(text, lo, hi, expected):
    assert numbers.whole(text, lo, hi) == expected


@pytest.mark.parametrize("raw", ["2_1", "1_0.5", "١٢", "۱۲", "१२", "²", "①", "𝟏𝟐", "1e400", "NaN", "inf", "9" * 70])
@pytest.mark.parametrize("kind", [Kind.COUNT, Kind.SIGNED, Kind.MONEY])
def test_typed_numbers_in_other_scripts_or_python_syntax_are_invalid(raw, kind):
    p = parse_value(raw, kind, "万元" if kind is Kind.MONEY else None)
    assert (p.status, p.value) == (INVALID, None)


def test_full_width_digits_stay_an_accepted_reported_form():
    p = parse_value("１２")
    assert (p.status, p.value, p.notes) == (NUMBER, 12, (FULLWIDTH,))
    assert parse_value("１，２３４．５", Kind.MONEY, "万元").value == Decimal("1234.5")


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), 10 ** 5000, Decimal("1E+999999999"), Decimal("1E-999999999"), True],
                         ids=["nan", "inf", "5000-digit-int", "1E+999999999", "1E-999999999", "True"])
def test_number_objects_out_of_bounds_are_invalid(raw):
    assert parse_value(raw).status == INVALID
