"""Malformed report JSON (issue class 3): too deep or too large (refused before parsing), wrong types in
any field (checked against the schema before use, the place named as a JSON path in both languages),
duplicate keys (refused, naming the key)."""

from __future__ import annotations

import json

import jsonschema
import pytest

import hostile_inputs as HI
from conftest import EXAMPLES
from workbook_tools.errors import InputError
from workbook_tools.io import report_json
from workbook_tools.io.schema_check import ANNOTATIONS, KEYWORDS, Violation, check, report_schema, schema_keywords

RUNS = [(c, cmd) for c in HI.STRUCTURE_CASES for cmd in c.commands]


@pytest.mark.parametrize("case, command", RUNS, ids=[f"{c.name}:{cmd}" for c, cmd in RUNS])
def test_malformed_json_through_the_cli(tmp_path, case, command):
    HI.exercise(case, command, tmp_path)


@pytest.mark.parametrize("case", HI.STRUCTURE_CASES, ids=[c.name for c in HI.STRUCTURE_CASES])
def test_the_error_says_where(tmp_path, case):
    path = case.make(tmp_path)
    with pytest.raises(InputError) as e:
        report_json.load(path)
    err = e.value
    assert err.code == case.expect.code and err.exit_code == 2 and err.path == str(path)
    assert err.zh != err.en and "JSON" in err.zh and "JSON" in err.en
    where = HI.STRUCTURE_PATHS.get(case.name)
    if where:
        assert where in err.zh and where in err.en, (err.zh, err.en)
    if "duplicate" in case.name:
        assert "出现了不止一次" in err.zh and "more than once" in err.en


def test_the_schema_uses_only_keywords_the_checker_knows():
    assert schema_keywords(report_schema()) <= KEYWORDS | ANNOTATIONS | {"additionalProperties"}


def _documents(tmp_path):
    """Every case's parsed document that reaches the schema, and the valid examples."""
    docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES.glob("*.json")}
    for case in HI.STRUCTURE_CASES:
        if case.expect.code == "bad-json" and "duplicate" not in case.name:
            docs[case.name] = json.loads(case.make(tmp_path).read_text(encoding="utf-8"))
    return docs


def test_the_checker_agrees_with_jsonschema(tmp_path):
    validator = jsonschema.Draft202012Validator(report_schema())
    for name, doc in _documents(tmp_path).items():
        theirs = validator.is_valid(doc)
        try:
            check(doc, report_schema())
            ours = True
        except Violation:
            ours = False
        assert ours == theirs, name
        assert ours == name.endswith(".json"), name  # the examples pass, every broken case fails


@pytest.mark.parametrize("text, needle", [
    ('{"meta": {"year": "2024年"}}', None),  # written by hand: accepted
    ('{"meta": {"year": 0}}', "$.meta.year"),  # 1999 is a finding (S01), 0 no year at all
    ('{"cells": {"表三/1/1": 1}}', "T3/R1/C1"),
    ('{"meta": {"agency_kind": "ministry"}}', "department"),
    ('{"format": "xxgk-report", "version": true}', "不支持的版本"),
])
def test_schema_messages(text, needle):
    if needle is None:
        assert report_json.loads(text).meta.year == 2024
        return
    with pytest.raises(InputError) as e:
        report_json.loads(text, "x.json")
    assert needle in e.value.zh


def test_huge_json_strings_are_scanned_in_linear_time():
    import time

    # escaped quotes that never close: a naive string pattern would rescan from each one
    text = '{"meta": {"agency": "' + '\\"' * 2_000_000
    t = time.perf_counter()
    with pytest.raises(InputError):
        report_json.loads(text, "x.json")
    assert time.perf_counter() - t < 5
