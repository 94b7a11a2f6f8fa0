"""Hostile numbers, JSON structures and strings, built by code (nothing binary is committed).

Each case is a builder `make(folder) -> Path` and what must come of it:

- ``Expect(exit=2, code=…)``: an input error, worded in Chinese, naming the file;
- ``Expect(exit=1, finding="V01", raw=…)``: the file is read, the bad value is an invalid cell whose text
  is kept as written;
- ``Expect(exit=…, note=True)``: the file is read and written; text no output can hold was replaced and a
  read note says so.

Workbooks start from a template filled with `examples/sample-county-2024.json` and change one thing in
one part; JSON starts from that example or from a few hand-written lines; CSV is written line by line.
`run_cli` runs one command in a child process under a memory limit and a timeout.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import hostile_xlsx as H
from conftest import EXAMPLES
from fault_helpers import Run, run

TIMEOUT = 60
WALL = 20.0  # seconds one command may take on a hostile input (a normal run takes 0.2–0.5 s)
SHEET_T3 = "xl/worksheets/sheet4.xml"  # 表三 in a workbook from the template
WORKBOOK = "xl/workbook.xml"
D7 = b'<c r="D7" s="16"><v>21</v></c>'  # 表三 自然人 / 本年新收 in the filled example
MERGE = '<mergeCell ref="A1:J1"/>'  # 表三's title row
NAME = '<definedName name="T3_R1_C1"'
DIGITS_5000 = "9" * 5000
SAMPLE = EXAMPLES / "sample-county-2024.json"


@dataclass(frozen=True)
class Expect:
    exit: int
    code: str | None = None  # InputError code, for exit 2
    finding: str | None = None  # a rule that must be reported
    raw: str | None = None  # the cell text that must be kept, for V01
    note: bool = False  # a read note about replaced characters


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]
    expect: Expect
    commands: tuple[str, ...] = ("validate", "convert")


# ----------------------------------------------------------------------------------------------- sources


def filled_parts(folder: Path) -> dict[str, bytes]:
    """The members of the example filled into its template (made once per folder)."""
    path = folder / "_filled.xlsx"
    if not path.exists():
        from workbook_tools import api
        from workbook_tools.workbook.writer import fill_workbook

        path.write_bytes(fill_workbook(api.load_report(SAMPLE)))
    return H.members(path)


def workbook_with(part: str, old: bytes, new: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        parts = filled_parts(folder)
        assert old in parts[part], (part, old)
        parts[part] = parts[part].replace(old, new, 1)
        return H.write_zip(folder / "case.xlsx", parts)
    return make


def in_t3(old: str, new: str) -> Callable[[Path], Path]:
    return workbook_with(SHEET_T3, old.encode(), new.encode())


def in_book(old: str, new: str) -> Callable[[Path], Path]:
    return workbook_with(WORKBOOK, old.encode(), new.encode())


def cell_v(text: str) -> Callable[[Path], Path]:
    return workbook_with(SHEET_T3, D7, b'<c r="D7" s="16"><v>' + text.encode() + b"</v></c>")


def cell_text(text: str) -> Callable[[Path], Path]:
    # an inline string: _xHHHH_ escapes are how a workbook carries control characters
    return workbook_with(SHEET_T3, D7, b'<c r="D7" s="16" t="inlineStr"><is><t>' + text.encode() + b"</t></is></c>")


def json_text(text: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "case.json"
        path.write_text(text, encoding="utf-8")
        return path
    return make


def cell_json(value: str) -> Callable[[Path], Path]:
    return json_text('{"meta": {"edition": "2021", "year": 2024}, "cells": {"T3/R1/C1": ' + value + "}}")


def sample_with(edit: Callable[[dict], None]) -> Callable[[Path], Path]:
    """The example report with one change, written with \\u escapes so any code point survives."""
    def make(folder: Path) -> Path:
        data = json.loads(SAMPLE.read_text(encoding="utf-8"))
        edit(data)
        path = folder / "case.json"
        path.write_text(json.dumps(data, ensure_ascii=True), encoding="ascii")
        return path
    return make


def setter(*keys, value) -> Callable[[dict], None]:
    def edit(d: dict) -> None:
        for k in keys[:-1]:
            d = d[k]
        d[keys[-1]] = value
    return edit


def csv_lines(*lines: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "case.csv"
        head = "table,row_code,col_code,value\nMETA,edition,,2021\nMETA,year,,2024\n"
        path.write_bytes((head + "\n".join(lines) + "\n").encode("utf-8"))
        return path
    return make


def nested(n: int, open_: str = "[", close: str = "]") -> str:
    return open_ * n + close * n


# ----------------------------------------------------------------------------------------------- class 1 and 8: numbers

V01 = Expect(1, finding="V01")


def _v01(raw: str) -> Expect:
    return Expect(1, finding="V01", raw=raw)


NUMBER_CASES = [
    # a workbook cell's cached value: not finite, too long, or not machine number syntax → V01, text kept
    Case("xlsx-1e400", cell_v("1e400"), _v01("1e400"), ("validate", "convert", "fill")),
    Case("xlsx-NaN", cell_v("NaN"), _v01("NaN")),
    Case("xlsx-inf", cell_v("inf"), _v01("inf")),
    Case("xlsx--Infinity", cell_v("-Infinity"), _v01("-Infinity")),
    Case("xlsx-1e-400", cell_v("1e-400"), _v01("1e-400")),
    Case("xlsx-5000-digits", cell_v(DIGITS_5000), _v01(DIGITS_5000), ("validate", "convert", "fill")),
    Case("xlsx-underscore", cell_v("2_1"), _v01("2_1")),
    Case("xlsx-underscore-fraction", cell_v("1_0.5"), _v01("1_0.5")),
    Case("xlsx-arabic-indic", cell_v("١٢"), _v01("١٢"), ("validate", "convert", "report")),
    Case("xlsx-superscript", cell_v("²"), _v01("²")),
    # structural numbers: the file is damaged → input error
    Case("xlsx-row-superscript", in_t3('<row r="7"', '<row r="²"'), Expect(2, "bad-cell-ref")),
    Case("xlsx-row-5000-digits", in_t3('<row r="7"', f'<row r="{DIGITS_5000}"'), Expect(2, "bad-cell-ref")),
    Case("xlsx-cell-ref-5000-digits", in_t3('<c r="D7"', f'<c r="D{DIGITS_5000}"'), Expect(2, "bad-cell-ref")),
    Case("xlsx-merge-5000-digits", in_t3(MERGE, f'<mergeCell ref="A1:J{DIGITS_5000}"/>'), Expect(2, "bad-cell-ref")),
    Case("xlsx-merge-arabic-indic", in_t3(MERGE, '<mergeCell ref="A1:J١"/>'), Expect(2, "bad-cell-ref")),
    Case("xlsx-2001-merges", in_t3(MERGE, MERGE * 2001), Expect(2, "sheet-too-large")),  # label reading fills each range
    Case("xlsx-name-row-0", in_book("'表三'!$D$7<", "'表三'!$D$0<"), Expect(2, "bad-cell-ref")),
    Case("xlsx-name-arabic-row", in_book("'表三'!$D$7<", "'表三'!$D$٧<"), Expect(2, "bad-cell-ref")),
    Case("xlsx-localSheetId-superscript", in_book(NAME, NAME + ' localSheetId="²"'), Expect(2, "bad-sheet-id")),
    Case("xlsx-localSheetId-5000-digits", in_book(NAME, NAME + f' localSheetId="{DIGITS_5000}"'), Expect(2, "bad-sheet-id")),
    Case("xlsx-shared-string-index-superscript", in_t3(D7.decode(), '<c r="D7" s="16" t="s"><v>²</v></c>'),
         Expect(2, "bad-shared-string")),
    # JSON: a cell written short with an absurd number → V01; a normalised value that is no number → input error
    Case("json-1e999999999", cell_json("1e999999999"), V01, ("validate", "convert", "fill")),
    Case("json-1e-999999999", cell_json("1e-999999999"), V01),
    Case("json-5000-digits", cell_json(DIGITS_5000), _v01(DIGITS_5000)),
    Case("json-value-underscore", cell_json('{"raw": "1", "value": "1_0"}'), Expect(2, "bad-json")),
    Case("json-value-arabic-indic", cell_json('{"raw": "1", "value": "١٢"}'), Expect(2, "bad-json")),
    Case("json-value-1e999999999", cell_json('{"raw": "1", "value": 1e999999999}'), Expect(2, "bad-json")),
    Case("json-NaN-literal", cell_json("NaN"), Expect(2, "bad-json")),
    Case("json-year-5000-digits", json_text('{"meta": {"year": ' + DIGITS_5000 + "}}"), Expect(2, "bad-json")),
    Case("json-raw-arabic-indic", cell_json('"١٢"'), _v01("١٢")),
    # CSV: the same numbers as people would never type them
    Case("csv-1e999999999", csv_lines("T3,R1,C1,1e999999999"), _v01("1e999999999"), ("validate", "convert", "fill")),
    Case("csv-1e-999999999", csv_lines("T3,R1,C1,1e-999999999"), _v01("1e-999999999")),
    Case("csv-5000-digits", csv_lines("T3,R1,C1," + DIGITS_5000), _v01(DIGITS_5000)),
    Case("csv-underscore", csv_lines("T3,R1,C1,2_1"), _v01("2_1")),
    Case("csv-arabic-indic", csv_lines("T3,R1,C1,١٢"), _v01("١٢")),
    Case("csv-year-superscript", csv_lines("META,year,,²", "T3,R1,C1,1"), Expect(2, "bad-csv")),
    Case("csv-year-arabic-indic", csv_lines("META,year,,٢٠٢٤", "T3,R1,C1,1"), Expect(2, "bad-csv")),
]

# ----------------------------------------------------------------------------------------------- class 3: JSON structure



def _first_section(**fields) -> Callable[[dict], None]:
    return lambda d: d["narrative"]["sections"][0].update(fields)


STRUCTURE_CASES = [
    Case("json-deep-arrays-1e6", json_text(nested(10**6)), Expect(2, "too-complex")),
    Case("json-deep-objects", json_text('{"a":' * 100_000 + "1" + "}" * 100_000), Expect(2, "too-complex")),
    Case("json-deep-in-narrative", json_text('{"narrative": {"preamble": ' + nested(50) + "}}"), Expect(2, "too-complex")),
    Case("json-too-many-values", json_text('{"read_notes": [' + ",".join(['"x"'] * 250_000) + "]}"), Expect(2, "too-complex")),
    Case("json-meta-title-object", sample_with(setter("meta", "title", value={})), Expect(2, "bad-json")),
    Case("json-meta-array", sample_with(setter("meta", value=[])), Expect(2, "bad-json")),
    Case("json-read-notes-integer", sample_with(setter("read_notes", value=5)), Expect(2, "bad-json")),
    Case("json-cells-list", sample_with(setter("cells", value=[1, 2])), Expect(2, "bad-json")),
    Case("json-cell-raw-number", sample_with(setter("cells", "T3/R1/C1", value={"raw": 5})), Expect(2, "bad-json")),
    Case("json-cell-true", sample_with(setter("cells", "T3/R1/C1", value=True)), Expect(2, "bad-json")),
    Case("json-blocks-string", sample_with(_first_section(blocks="text")), Expect(2, "bad-json")),
    Case("json-block-heading-number", sample_with(_first_section(blocks=[{"heading": 1}])), Expect(2, "bad-json")),
    Case("json-sections-object", sample_with(setter("narrative", "sections", value={"一": []})), Expect(2, "bad-json")),
    Case("json-extra-number", sample_with(setter("meta", "extra", value={"contact": 12})), Expect(2, "bad-json")),
    Case("json-agency-kind-number", sample_with(setter("meta", "agency_kind", value=3)), Expect(2, "bad-json")),
    Case("json-deviations-string", sample_with(setter("deviations", value="x")), Expect(2, "bad-json")),
    Case("json-workbook-issues-string", sample_with(setter("workbook", value={"strategy": "labels", "issues": "x"})),
         Expect(2, "bad-json")),
    Case("json-unknown-top-level-field", sample_with(setter("comment", value="hi")), Expect(2, "bad-json")),
    Case("json-duplicate-key-meta", json_text('{"meta": {"agency": "甲局", "agency": "乙局"}}'), Expect(2, "bad-json")),
    Case("json-duplicate-cell", json_text('{"cells": {"T3/R1/C1": 1, "T3/R1/C1": 2}}'), Expect(2, "bad-json")),
    Case("json-duplicate-top-level", json_text('{"cells": {}, "cells": {"T3/R1/C1": 2}}'), Expect(2, "bad-json")),
]

# where each structural violation must be said to be (JSON path)
STRUCTURE_PATHS = {
    "json-meta-title-object": "$.meta.title", "json-meta-array": "$.meta", "json-read-notes-integer": "$.read_notes",
    "json-cells-list": "$.cells", "json-cell-raw-number": '$.cells["T3/R1/C1"].raw', "json-cell-true": '$.cells["T3/R1/C1"]',
    "json-blocks-string": "$.narrative.sections[0].blocks",
    "json-block-heading-number": "$.narrative.sections[0].blocks[0].heading",
    "json-sections-object": "$.narrative.sections", "json-extra-number": "$.meta.extra.contact",
    "json-agency-kind-number": "$.meta.agency_kind", "json-deviations-string": "$.deviations",
    "json-workbook-issues-string": "$.workbook.issues", "json-unknown-top-level-field": "$.comment",
}

# ----------------------------------------------------------------------------------------------- class 4: strings

UNWRITABLE = {"nul": "\x00", "ctrl": "\x01", "vtab": "\x0b", "esc": "\x1b", "surrogate": "\ud800", "low-surrogate": "\udfff",
              "fffe": "\ufffe", "ffff": "\uffff"}
WRITERS = ("fill", "report", "convert", "read")
_NOTE = Expect(1, note=True)  # the example has findings of its own: exit 1 from validate, 0 from writers


def _para(ch: str) -> Callable[[dict], None]:
    return lambda d: d["narrative"]["sections"][0]["blocks"].__setitem__(0, {"paragraph": f"本年度{ch}工作"})


STRING_CASES = [
    *(Case(f"json-agency-{k}", sample_with(setter("meta", "agency", value=f"测试{ch}局")), _NOTE, ("fill", "report", "convert"))
      for k, ch in UNWRITABLE.items()),
    Case("json-title-ctrl", sample_with(setter("meta", "title", value="年报\x07标题")), _NOTE, ("fill", "report")),
    Case("json-cell-raw-surrogate", sample_with(setter("cells", "T3/R1/C1", value={"raw": "1\udc80", "value": None})), _NOTE,
         ("fill", "report", "convert")),
    Case("json-paragraph-ctrl", sample_with(_para("\x02")), _NOTE, ("fill", "report")),
    Case("json-paragraph-ffff", sample_with(_para("\uffff")), _NOTE, ("fill", "report")),
    Case("json-extra-key-surrogate", sample_with(lambda d: d["meta"]["extra"].update({"联系\ud801": "x"})), _NOTE,
         ("fill", "convert")),
    Case("csv-agency-ctrl", csv_lines("META,agency,,测试\x01局", "T3,R1,C1,1"), Expect(1), ("fill", "report", "convert")),
    Case("csv-raw-fffe", csv_lines("T3,R1,C1,1\ufffe", "T3,R1,C2,2"), Expect(1), ("fill", "report")),
    Case("xlsx-cell-control-escape", cell_text("1_x0001_"), Expect(1), ("fill", "report", "convert", "read")),
    Case("xlsx-cell-fffe-escape", cell_text("_xFFFE_2"), Expect(1), ("fill", "report")),
]

# `xxgk template --agency`: a name typed at a terminal (a lone surrogate arrives as an undecodable byte)
TEMPLATE_AGENCIES = {"ctrl": "测试\x01局", "esc": "\x1b[31m局", "fffe": "测试\ufffe局", "undecodable-byte": "测试\udc80局"}

ALL_CASES = NUMBER_CASES + STRUCTURE_CASES + STRING_CASES


# ----------------------------------------------------------------------------------------------- running


def run_cli(args: list[str], cwd: Path) -> Run:
    """`xxgk ARGS` in a child process: 1.5 GiB of address space, a timeout, plain UTF-8 output."""
    return run(args, cwd, wall=TIMEOUT)


def output_for(command: str, src: Path) -> str | None:
    """The output file a command writes for `src` (None for validate)."""
    return {"validate": None, "convert": "out.json" if src.suffix == ".csv" else "out.csv", "read": "out.json",
            "fill": "out.xlsx", "report": "out.docx"}[command]


def command_line(command: str, src: Path) -> list[str]:
    out = output_for(command, src)
    args = [command, src.name] + (["-o", out] if out else [])
    return args + (["--allow-errors"] if command == "report" else [])


def exercise(case: Case, command: str, folder: Path) -> Run:
    """Run one command on one case and check what every run must satisfy: the expected exit code, no
    traceback and no internal error, within the time and memory bounds, the input unchanged, and no
    file left behind but the output of a successful command."""
    src = case.make(folder)
    before, listing = src.read_bytes(), set(os.listdir(folder))
    run = run_cli(command_line(command, src), folder)
    assert "Traceback" not in run.text and "内部错误" not in run.text, run.text[-3000:]
    assert run.seconds < WALL, run.seconds
    assert src.read_bytes() == before  # inputs are never modified
    left = set(os.listdir(folder)) - listing
    out = output_for(command, src)
    if case.expect.exit == 2:
        assert run.exit == 2, run.text[-2000:]
        assert "错误：" in run.err and src.name in run.err, run.err[-2000:]  # a Chinese message naming the file
        assert left == set(), left  # nothing written, no temporary left
    elif command == "validate":
        assert run.exit == case.expect.exit, run.text[-2000:]
        if case.expect.finding:
            assert case.expect.finding in run.out
        assert left == set(), left
    else:
        assert run.exit == 0, run.text[-2000:]
        assert left == {out}, left  # the output, and no temporary beside it
    return run
