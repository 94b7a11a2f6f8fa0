"""What a reader notes about a report (how it was read, what it inferred) is told in the language asked:
an English user reads English notes, and the Chinese text stays what the report JSON keeps."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from workbook_tools import api
from workbook_tools.readnotes import Note, worded

pytestmark = pytest.mark.io
CJK = re.compile(r"[\u4e00-\u9fff]")
XXGK = [sys.executable, "-m", "workbook_tools"]


def _filled(tmp_path):
    path = tmp_path / "filled.xlsx"
    api.fill(ROOT / "examples" / "sample-county-2024.json", path)
    return path


def test_a_filled_template_is_noted_in_both_languages(tmp_path):
    report = api.load_report(_filled(tmp_path))
    notes = [n for n in report.read_notes if isinstance(n, Note)]
    assert notes and any("按模板的单元格映射读取" in n for n in notes)
    for n in notes:
        assert CJK.search(str(n)) and worded(n, "zh") == str(n)
        english = worded(n, "en")
        assert english != str(n) and not CJK.search(english.replace("2021 版", "")), english
    again = pickle.loads(pickle.dumps(report.read_notes))  # batch and web workers send reports across processes
    assert [worded(n, "en") for n in again] == [worded(n, "en") for n in report.read_notes]


def test_validate_prints_the_notes_in_the_language_asked(tmp_path):
    path = _filled(tmp_path)
    en = subprocess.run([*XXGK, "validate", str(path), "--lang", "en"], capture_output=True, text=True, cwd=ROOT)
    zh = subprocess.run([*XXGK, "validate", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert "read through the template's cell map" in en.stdout and "按模板的单元格映射读取" not in en.stdout
    assert "按模板的单元格映射读取" in zh.stdout
    data = json.loads(subprocess.run([*XXGK, "validate", str(path), "--lang", "en", "--format", "json"],
                                     capture_output=True, text=True, cwd=ROOT).stdout)
    assert any(n.startswith("read through the template's cell map") for n in data["read_notes"])


def test_a_merge_is_noted_in_english():
    from workbook_tools.batch.merge import merge_reports

    a = api.load_report(ROOT / "examples" / "sample-county-2024.json")
    b = api.load_report(ROOT / "examples" / "sample-county-2024.json")
    b.meta.agency = "示例县教育局"
    b.meta.year = None  # summed as the year of the others, which the notes say
    merged = merge_reports([a, b], "示例县", year=2024)
    english = [worded(n, "en") for n in merged.read_notes]
    assert english[0] == "the sum of the reports of 2 units." and str(merged.read_notes[0]) == "汇总自 2 个单位的报告。"
    assert any(e.startswith("counted: 示例县教育局") for e in english)
    assert any("gave no report year: summed as 2024" in e for e in english)
