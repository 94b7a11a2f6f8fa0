"""A folder of submissions as a disclosure office receives it, for the batch tests and benchmark.

`build_corpus(folder)` writes ≥ 100 files — valid reports, reports with errors, a duplicate, a file
of the wrong year, broken and hostile files — plus a roster (单位名单) that lists agencies that sent
nothing and misses some that did, and returns what the summary must say about every file.

Reports go through `writer(report, stem) -> Path` (default: report JSON), so the same corpus can be
built with some files as filled .xlsx workbooks: ``build_corpus(folder, writer=some_as_workbooks(5))``
writes every fifth plain valid report through `api.SAVERS[".xlsx"]`.  The test oracle is
`api.validate_file` of each file alone, so the expectations hold whatever the format.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from factories import random_report

from workbook_tools.io.report_json import dump_bytes
from workbook_tools.model import Report
from workbook_tools.rules.python import derive_totals

COUNTIES = ("青山县", "白石市", "柳河县", "云溪区", "东湖县", "南岭市", "松江县", "石门市", "桃源区", "金沙县")
DEPARTMENTS = ("教育局", "财政局", "公安局", "民政局", "卫生健康委员会", "自然资源局", "生态环境局", "住房和城乡建设局",
               "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "市场监督管理局", "人民政府办公室", "审计局")
YEAR = 2024


def write_json(report: Report, stem: Path) -> Path:
    path = stem.with_suffix(".json")
    path.write_bytes(dump_bytes(report))
    return path


def some_as_workbooks(every: int = 5) -> Callable[[Report, Path], Path]:
    """A writer that saves every `every`-th plain valid report (stems 001, 002, …) as a filled .xlsx
    workbook (`api.SAVERS[".xlsx"]`) and everything else as report JSON."""

    def write(report: Report, stem: Path) -> Path:
        if stem.name.isdigit() and int(stem.name) % every == 0:
            from workbook_tools import api

            path = stem.with_suffix(".xlsx")
            path.write_bytes(api.report_bytes(report, path))
            return path
        return write_json(report, stem)

    return write


def as_workbooks(keep_json: tuple[str, ...] = ("e01", "e03", "e04")) -> Callable[[Report, Path], Path]:
    """A writer that saves every report as a filled .xlsx workbook, except the stems that test what only
    report JSON can express (a total that disagrees with its parts, a cell left out altogether)."""

    def write(report: Report, stem: Path) -> Path:
        if stem.name.startswith(keep_json):
            return write_json(report, stem)
        from workbook_tools import api

        path = stem.with_suffix(".xlsx")
        path.write_bytes(api.report_bytes(report, path))
        return path

    return write


@dataclass
class Expect:
    """What the summary must say about one file."""

    status: str  # ok | errors | unreadable
    agency: str | None = None
    report: Report | None = None  # the report as written (the oracle validates it alone)
    previous: Report | None = None
    reason_code: str | None = None  # for unreadable files, when the code is certain
    reason_contains: str | None = None  # … or a word the reason must contain
    rules: set[str] = field(default_factory=set)  # rules that must be among the findings
    roster_status: str | None = None  # submitted | duplicate | unknown
    roster_name: str | None = None
    match: str | None = None  # exact | contained | stem
    duplicate: bool = False
    year_note: bool = False
    hostile_text: str | None = None  # a string from the file that must come out neutralised


@dataclass
class Corpus:
    folder: Path
    roster: Path
    roster_names: list[str]
    missing: list[str]  # roster entries with no file
    expected: dict[str, Expect]  # by file name relative to `folder`

    def count(self, status: str) -> int:
        return sum(1 for e in self.expected.values() if e.status == status)


def agencies(n: int, rng: random.Random) -> list[str]:
    names = [c + d for c in COUNTIES for d in DEPARTMENTS]
    rng.shuffle(names)
    assert n <= len(names)
    return names[:n]


def named_report(agency: str, rng: random.Random, year: int = YEAR) -> Report:
    r = random_report("2021", rng, year)
    r.meta.agency = agency
    return r


def rebalance(r: Report) -> Report:
    """Recompute every derived total (after a part was changed by hand)."""
    totals = derive_totals(r.edition)
    for _ in range(2):
        for ref, terms in totals.items():
            r.set(ref, str(sum(r.number(t.ref) * t.sign for t in terms)))
    return r


def carried_from(previous: Report, current: Report) -> None:
    """Make last year's 结转下年度 equal this year's 上年结转 (rule A05 satisfied) by adjusting last
    year's new applications, keeping last year's report balanced."""
    for col in ("C1", "C2", "C3", "C4", "C5", "C6"):
        want = current.number(f"T3/R2/{col}")
        r2, r37 = previous.number(f"T3/R2/{col}"), previous.number(f"T3/R3.7/{col}")
        r1 = want + r37 - r2
        if r1 < 0:
            previous.set(f"T3/R2/{col}", str(r2 - r1))
            r1 = 0
        previous.set(f"T3/R1/{col}", str(r1))
        previous.set(f"T3/R4/{col}", str(want))
    rebalance(previous)


def build_corpus(folder: Path, *, n_valid: int = 84, seed: int = 7, writer: Callable[[Report, Path], Path] = write_json,
                 roster_format: str = "csv") -> Corpus:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = agencies(n_valid + 20, rng)
    expected: dict[str, Expect] = {}
    roster: list[str] = []

    def add(report: Report, stem: str, exp: Expect, on_roster: str | None = "same") -> Path:
        path = writer(report, folder / stem)
        exp.report = report
        exp.agency = report.meta.agency
        expected[path.name] = exp
        if on_roster == "same":
            roster.append(report.meta.agency)
            exp.roster_status, exp.roster_name, exp.match = "submitted", report.meta.agency, "exact"
        elif on_roster is not None:
            roster.append(on_roster)
            exp.roster_status, exp.roster_name = "submitted", on_roster
        else:
            exp.roster_status = "unknown"
        return path

    pool = iter(names)
    # valid reports
    for i in range(n_valid):
        add(named_report(next(pool), rng), f"{i + 1:03d}", Expect("ok"))
    # reports with errors
    r = named_report(next(pool), rng)
    r.set("T3/R1/C1", str(r.number("T3/R1/C1") + 1))  # row total and 一+二=三+四 no longer hold
    add(r, "e01-unbalanced", Expect("errors", rules={"A01", "A03"}))
    r = named_report(next(pool), rng)
    r.set("T3/R3.1/C2", "十二")
    add(r, "e02-words", Expect("errors", rules={"V01"}))
    r = named_report(next(pool), rng)
    r.set("T4/F/C5", str(r.number("T4/F/C5") + 3))
    add(r, "e03-table4", Expect("errors", rules={"A04"}))
    r = named_report(next(pool), rng)
    del r.cells["T3/R3.3.1/C1"]
    add(r, "e04-missing-cell", Expect("errors", rules={"S06"}))
    # one agency sent its report twice (under two names)
    twice = named_report(next(pool), rng)
    first = add(twice, "d01-first", Expect("ok", duplicate=True))
    expected[first.name].roster_status = "duplicate"
    again = writer(twice, folder / "d01-again")
    expected[again.name] = Expect("ok", agency=twice.meta.agency, report=twice, duplicate=True, roster_status="duplicate",
                                  roster_name=twice.meta.agency, match="exact")
    # last year's report sent by mistake
    add(named_report(next(pool), rng, YEAR - 1), "y01-last-year", Expect("ok", year_note=True))
    # names written differently from the roster: spaces, full-width space, the report title appended
    base = next(pool)
    r = named_report(" " + base[:3] + "\u3000" + base[3:] + " 2024年政府信息公开工作年度报告", rng)
    expected[add(r, "n01-spelling", Expect("ok"), on_roster=base).name].match = "exact"
    # a longer official name that contains the roster's
    r = named_report("青山县柳河镇人民政府", rng)
    expected[add(r, "n02-contained", Expect("ok"), on_roster="柳河镇人民政府").name].match = "contained"
    # not on the roster
    for k in range(3):
        add(named_report(next(pool), rng), f"u{k + 1:02d}-not-listed", Expect("ok"), on_roster=None)
    # hostile text in a readable report
    r = named_report('=HYPERLINK("http://example.invalid/x","点击")', rng)
    add(r, "h01-formula-agency", Expect("ok", hostile_text=r.meta.agency), on_roster=None)
    r = named_report("云溪区\x1b[31m红色\x1b[0m街道办事处", rng)
    add(r, "h02-escape-agency", Expect("ok", hostile_text=r.meta.agency), on_roster=None)

    # broken and hostile files
    def raw(name: str, data: bytes, exp: Expect, roster_name: str | None = None) -> None:
        (folder / name).write_bytes(data)
        expected[name] = exp
        if roster_name:
            roster.append(roster_name)
            exp.roster_status, exp.roster_name, exp.match = "submitted", roster_name, "stem"
        else:
            exp.roster_status = "unidentified"  # unreadable, and the file name names no listed agency

    stem_agency = next(pool)
    raw(f"{stem_agency}2024年报.json", b'{"format": "xxgk-report", "meta": {', Expect("unreadable", reason_code="bad-json"), stem_agency)
    raw("b02-empty.json", b"", Expect("unreadable", reason_code="bad-json"))
    raw("b03-garbage.json", bytes(random.Random(1).randrange(256) for _ in range(4096)), Expect("unreadable"))
    raw("b04-list.json", b"[1, 2, 3]", Expect("unreadable", reason_code="bad-json"))
    raw("b05-unknown-cell.json", b'{"meta": {"year": 2024}, "cells": {"T9/R1/C1": 1}}', Expect("unreadable", reason_code="bad-json"))
    raw("b06-nested.json", b"[" * 200_000 + b"]" * 200_000, Expect("unreadable", reason_code="too-complex"))
    raw("b07-old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, Expect("unreadable", reason_contains="xlsx"))
    raw("b08-wps.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, Expect("unreadable", reason_contains="xlsx"))
    raw("b09-calc.ods", b"PK\x03\x04" + b"\x00" * 100, Expect("unreadable", reason_contains="xlsx"))
    raw("b10-not-a-workbook.xlsx", b"PK\x03\x04 this is not a workbook", Expect("unreadable"))
    raw("b11-not-a-report.csv", "序号,单位名称\n1,青山县教育局\n".encode("utf-8-sig"), Expect("unreadable", reason_code="bad-csv"))
    raw("b12-damaged.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100, Expect("unreadable"))
    raw("b13-damaged.docx", b"PK\x03\x04" + bytes(random.Random(2).randrange(256) for _ in range(200)), Expect("unreadable"))
    raw("b14-nan.json", b'{"meta": {"year": 2024, "edition": "2021"}, "cells": {"T3/R1/C1": {"raw": "1", "value": "NaN"}}}',
        Expect("unreadable"))
    raw("b15-notes.txt", "请各单位于1月20日前报送。\n".encode(), Expect("unreadable"))
    with open(folder / "b16-huge.json", "wb") as fh:  # sparse: costs no disk
        fh.truncate(51 * 1024 * 1024)
    expected["b16-huge.json"] = Expect("unreadable", reason_code="too-large", roster_status="unidentified")
    # files that must not be picked up
    (folder / "~$001.json").write_bytes(b"lock")
    (folder / ".hidden.json").write_bytes(b"{}")
    (folder / "readme.rtf").write_bytes(b"{\\rtf1}")

    # the roster: everyone above that is listed, plus agencies that sent nothing, in a shuffled order
    missing = [next(pool) for _ in range(5)]
    listed = roster + missing
    rng.shuffle(listed)
    roster_path = folder.parent / f"单位名单.{roster_format}"
    write_roster(roster_path, listed)
    return Corpus(folder, roster_path, listed, missing, expected)


def write_roster(path: Path, names: list[str]) -> None:
    if path.suffix == ".xlsx":
        import xlsxwriter

        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet("名单")
        ws.write_row(0, 0, ["2024年度政府信息公开工作年度报告报送单位名单"])
        ws.write_row(1, 0, ["序号", "单位名称", "联系人"])
        for i, n in enumerate(names, start=2):
            ws.write_row(i, 0, [i - 1, n, "张三"])
        wb.close()
    elif path.suffix == ".gbk.csv" or path.name.endswith(".gbk.csv"):
        path.write_bytes(("序号,单位名称\n" + "".join(f"{i},{n}\n" for i, n in enumerate(names, 1))).encode("gbk"))
    else:
        path.write_bytes(("序号,单位名称\n" + "".join(f"{i},{n}\n" for i, n in enumerate(names, 1))).encode("utf-8-sig"))


def write_previous_year(folder: Path, corpus: Corpus, share: float = 0.5, seed: int = 11) -> dict[str, Report]:
    """Last year's reports for some agencies of the corpus (A05 holds), one that does not carry over
    (A05 fails), and one unreadable file.  Returns the previous report by current file name."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    valid = [(name, e) for name, e in corpus.expected.items() if e.status == "ok" and e.report and not e.duplicate
             and e.report.meta.year == YEAR and not e.hostile_text]
    chosen = valid[: max(2, int(len(valid) * share))]
    for k, (name, e) in enumerate(chosen):
        prev = named_report(e.report.meta.agency, rng, YEAR - 1)
        if k != 0:  # the first one keeps a random carry-over: A05 must find it
            carried_from(prev, e.report)
        write_json(prev, folder / f"{YEAR - 1}-{k:03d}")
        out[name] = prev
        e.previous = prev
    (folder / "broken.json").write_bytes(b"{")
    return out


# -- loaders that misbehave, registered by tests under made-up extensions ---------------------------


def crash_loader(path):
    os._exit(7)  # a worker that dies without a word (as after a segfault)


def slow_loader(path):
    time.sleep(600)  # interruptible: the worker's timer ends it


def stuck_loader(path):
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # like a hang inside C code
    time.sleep(600)


def exiting_loader(path):
    raise SystemExit(0)  # must not end the batch (nor the parent)


def greedy_loader(path):
    import resource

    if resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY:  # never try this without a limit
        raise RuntimeError("no memory limit in this worker")
    return bytearray(8 * 1024 ** 3)  # more memory than a worker may have
