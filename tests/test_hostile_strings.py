"""Text no file can hold (issue class 4): control characters, lone surrogates, U+FFFE/U+FFFF in agency
names, titles, cells and narrative.  The model replaces them with U+FFFD when it takes them, whatever
the source, so every writer (xlsx, docx, JSON, CSV) gets text it can write; the JSON loader says where."""

from __future__ import annotations

import json

import pytest

import hostile_inputs as HI
from workbook_tools import api, textsafe
from workbook_tools.io import report_json
from workbook_tools.model import Cell, Meta, Narrative, NarrativeSection, Report, TextBlock, Unplaced
from workbook_tools.workbook.xlsxread import read_workbook

RUNS = [(c, cmd) for c in HI.STRING_CASES for cmd in c.commands]


def _all_text(report: Report) -> str:
    return json.dumps(report_json.report_to_dict(report), ensure_ascii=False)


@pytest.mark.parametrize("case, command", RUNS, ids=[f"{c.name}:{cmd}" for c, cmd in RUNS])
def test_unwritable_text_through_every_writer(tmp_path, case, command):
    HI.exercise(case, command, tmp_path)
    out = tmp_path / HI.output_for(command, tmp_path / "x.xlsx" if command == "read" else case.make(tmp_path))
    if out.suffix == ".xlsx":
        read_workbook(out)  # what was written is a workbook again
    elif out.suffix == ".docx":
        import docx

        docx.Document(str(out))


@pytest.mark.parametrize("case", HI.STRING_CASES, ids=[c.name for c in HI.STRING_CASES])
def test_the_report_holds_only_writable_text(tmp_path, case):
    report = api.load_report(case.make(tmp_path))
    text = _all_text(report)
    assert not textsafe.unwritable(text) and textsafe.REPLACEMENT in text
    text.encode("utf-8")  # a lone surrogate would fail here
    if case.expect.note:
        assert any("已替换为" in n and "$." in n for n in report.read_notes), report.read_notes


@pytest.mark.parametrize("name", sorted(HI.TEMPLATE_AGENCIES))
def test_template_for_an_agency_with_unwritable_characters(tmp_path, name):
    agency = HI.TEMPLATE_AGENCIES[name]
    run = HI.run_cli(["template", "-o", "t.xlsx", "--year", "2024", "--agency", agency], tmp_path)
    assert run.exit == 0 and "Traceback" not in run.text and "内部错误" not in run.text, run.text[-2000:]
    assert run.seconds < HI.WALL
    assert {p.name for p in tmp_path.iterdir()} == {"t.xlsx"}
    report = api.load_report(tmp_path / "t.xlsx")
    assert report.meta.agency == textsafe.clean(agency) and textsafe.REPLACEMENT in report.meta.agency


def test_every_model_object_cleans_what_it_takes():
    meta = Meta(agency="a\x00b", extra={"k\ud800": "v\x01"})
    meta.title = "t\uffff"
    meta.extra["x"] = "\x02"
    assert (meta.agency, meta.title, dict(meta.extra)) == ("a\ufffdb", "t\ufffd", {"k\ufffd": "v\ufffd", "x": "\ufffd"})
    assert Cell.parse("1\x03").raw == "1\ufffd" and Unplaced("w\x04", "t").where == "w\ufffd"
    section = NarrativeSection("一", "标\x05题", [TextBlock("paragraph", "段\x06落")])
    narrative = Narrative(["前\x07言"], [section])
    assert (section.title, section.blocks[0].text, narrative.preamble) == ("标\ufffd题", "段\ufffd落", ["前\ufffd言"])
    report = Report(meta=meta, narrative=narrative)  # built whole: one read note
    assert len(report.read_notes) == 1 and "基本信息" in report.read_notes[0] and "正文" in report.read_notes[0]
    report.note_cleaned_text()
    assert len(report.read_notes) == 1  # said once


def test_clean_text_is_kept_as_it_is():
    blocks = []
    section = NarrativeSection("一", None, blocks)
    blocks.append(TextBlock("paragraph", "后来加上"))
    assert section.blocks is blocks  # a list the caller still holds is not copied
    assert textsafe.clean("\t换行\n回车\r") == "\t换行\n回车\r"
    assert Report().read_notes == []
