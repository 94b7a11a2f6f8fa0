"""`xxgk check` as a library: a folder of ≥ 100 submissions, every row of the summary checked against
what each file is; the roster; last year's reports; files that crash, hang or eat memory."""

from __future__ import annotations

import json
import os
import time

import pytest
from batch_corpus import YEAR, as_workbooks, build_corpus, named_report, some_as_workbooks, write_json, write_previous_year, write_roster

from workbook_tools import __version__, api
from workbook_tools.batch import run
from workbook_tools.batch.check import check
from workbook_tools.batch.discover import discover, natural_key
from workbook_tools.batch.job import key_figures
from workbook_tools.batch.roster import NameIndex, normalize_agency, normalize_stem, read_roster
from workbook_tools.errors import InputError
from workbook_tools.findings import Severity


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    # what a disclosure office gets back: filled workbooks, plus broken and hostile files of every kind
    return build_corpus(tmp_path_factory.mktemp("batch") / "报送", n_valid=90, writer=as_workbooks())


@pytest.fixture(scope="module")
def summary(corpus):
    return check([corpus.folder], roster=corpus.roster, jobs=2)


def by_file(summary) -> dict[str, dict]:
    return {f["file"]: f for f in summary.files}


def test_the_corpus_is_big_and_varied(corpus):
    assert len(corpus.expected) >= 100
    assert sum(1 for name in corpus.expected if name.endswith(".xlsx")) >= 100
    assert corpus.count("errors") >= 4 and corpus.count("unreadable") >= 12 and corpus.missing


def test_every_file_has_exactly_one_row_in_a_stable_order(corpus, summary):
    names = [f["file"] for f in summary.files]
    assert sorted(names) == sorted(corpus.expected)  # lock files, hidden files and .rtf are not picked up
    assert names == sorted(names, key=natural_key)  # numbers as numbers, the same order on every machine
    assert [f["no"] for f in summary.files] == list(range(1, len(names) + 1))


def assert_every_row(corpus, summary):
    rows = by_file(summary)
    assert sorted(rows) == sorted(corpus.expected)
    for name, exp in corpus.expected.items():
        row = rows[name]
        assert row["status"] == exp.status, (name, row["reason"])
        assert row["roster_status"] == exp.roster_status, name
        if exp.roster_name:
            assert row["roster_name"] == exp.roster_name and row["match"] == exp.match, name
        if exp.status == "unreadable":
            assert row["reason"] and row["errors"] == row["warnings"] == 0 and not row["findings"], name
            if exp.reason_code:
                assert row["reason_code"] == exp.reason_code, (name, row["reason_code"], row["reason"])
            if exp.reason_contains:
                assert exp.reason_contains in row["reason"], (name, row["reason"])
            continue
        # a file checked in the batch gets exactly what `xxgk validate` gives it alone
        path = corpus.folder / name
        report = api.load_report(path)
        alone = api.validate_report(report)
        assert (row["errors"], row["warnings"], row["infos"]) == tuple(alone.count(s) for s in Severity), name
        assert [g["rule"] for g in row["findings"]] == [f.rule for f in alone.findings], name
        assert [g["message"] for g in row["findings"]] == [f.message("zh") for f in alone.findings], name
        if path.suffix == ".json":
            assert exp.rules <= {g["rule"] for g in row["findings"]}, name
        assert row["agency"] == exp.agency and row["year"] == exp.report.meta.year and row["edition"] == "2021", name
        assert row["figures"] == key_figures(report), name
        assert row["figures"]["new"] == exp.report.number("T3/R1/C7")
        assert row["figures"]["closed"] == exp.report.number("T3/R3.7/C7")
        assert row["figures"]["litigation"] == exp.report.number("T4/L1/C5") + exp.report.number("T4/L2/C5")
        assert bool(row.get("duplicate")) == exp.duplicate, name
        assert any("本批多数为 2024" in n for n in row["notes"]) == exp.year_note, name


def test_every_row_says_what_the_file_is(corpus, summary):
    assert_every_row(corpus, summary)


def test_a_corpus_with_workbooks(tmp_path):
    corpus = build_corpus(tmp_path / "报送", n_valid=40, writer=some_as_workbooks(5), roster_format="xlsx")
    workbooks = [n for n in corpus.expected if n.endswith(".xlsx") and corpus.expected[n].status == "ok"]
    assert len(workbooks) == 8
    summary = check([corpus.folder], roster=corpus.roster, jobs=2)
    assert_every_row(corpus, summary)
    for name in workbooks:
        assert by_file(summary)[name]["application"]  # from the workbook's properties


def test_findings_point_at_table_row_and_column(summary):
    row = by_file(summary)["e01-unbalanced.json"]
    a01 = next(g for g in row["findings"] if g["rule"] == "A01")
    assert (a01["table"], a01["row"], a01["col"]) == ("表三", "一、本年新收政府信息公开申请数量", "总计")
    assert a01["actual"] - a01["expected"] == -1 and a01["severity"] == "error"


def test_the_roster_view(corpus, summary):
    rows = by_file(summary)
    missing = [r["name"] for r in summary.roster_rows if r["status"] == "missing"]
    assert sorted(missing) == sorted(corpus.missing)
    listed = [r["name"] for r in summary.roster_rows if r["entry"] is not None]
    assert listed == corpus.roster_names  # the roster's own order
    dup = [r for r in summary.roster_rows if r["status"] == "duplicate"]
    assert len(dup) == 1 and len(dup[0]["files"]) == 2
    first, again = (next(n for n in rows if n.startswith(stem)) for stem in ("d01-first", "d01-again"))
    assert first in " ".join(rows[again]["notes"])
    unknown = {summary.files[r["files"][0] - 1]["file"] for r in summary.roster_rows if r["status"] == "unknown"}
    assert unknown == {n for n, e in corpus.expected.items() if e.roster_status == "unknown"}
    tot = summary.totals
    assert tot["files"] == len(corpus.expected)
    assert (tot["ok"], tot["errors"], tot["unreadable"]) == (corpus.count("ok"), corpus.count("errors"), corpus.count("unreadable"))
    assert tot["roster"]["missing"] == len(corpus.missing) and tot["roster"]["duplicate"] == 1
    assert summary.exit_code == 1


def test_the_same_rows_in_this_process_and_in_workers(corpus, summary):
    again = check([corpus.folder], roster=corpus.roster, jobs=0)
    assert again.files == summary.files and again.roster_rows == summary.roster_rows


@pytest.mark.parametrize("fmt", ["xlsx", "gbk.csv", "csv"])
def test_roster_files(tmp_path, fmt):
    names = ["青山县教育局", "白石市财政局", "柳河镇人民政府"]
    path = tmp_path / f"名单.{fmt}"
    write_roster(path, names)
    assert read_roster(path).names == names


def test_roster_without_header_and_with_duplicates(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("青山县教育局\n青山县 教育局\n\n白石市财政局\n", encoding="utf-8")
    r = read_roster(p)
    assert r.names == ["青山县教育局", "白石市财政局"] and len(r.notes) == 1
    (tmp_path / "empty.csv").write_text("序号,单位名称\n", encoding="utf-8")
    for bad in (tmp_path / "empty.csv", tmp_path / "none.csv", tmp_path / "r.xls", tmp_path / "r.pdf"):
        with pytest.raises(InputError):
            read_roster(bad)
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 nothing")
    with pytest.raises(InputError):
        read_roster(tmp_path / "bad.xlsx")


def test_agency_names_are_compared_in_one_form():
    assert normalize_agency(" 青山县　教育局 2024年政府信息公开工作年度报告") == "青山县教育局"
    assert normalize_agency("青山县教育局2024年度报告") == "青山县教育局"
    assert normalize_agency("《ＸＸ市（区）教育局》") == normalize_agency("xx市(区)教育局")
    assert normalize_stem("03_青山县教育局-2024年政府信息公开工作年度报告") == "青山县教育局"
    idx = NameIndex([("青山县人民政府", 1), ("青山县人民政府办公室", 2), ("柳河镇人民政府", 3), ("教育局", 4)])
    assert idx.match("青山县 人民政府").values == (1,) and idx.match("青山县人民政府").how == "exact"
    assert idx.match("白石市青山县人民政府办公室").values == (2,)  # nested candidates: the most specific
    assert idx.match("青山县柳河镇人民政府").values == (3,)
    assert idx.match("县政府") is None  # too short to be contained
    amb = NameIndex([("青山县教育局", 1), ("白石市教育局", 2)]).match("教育局")
    assert not amb.unique and set(amb.candidates) == {"青山县教育局", "白石市教育局"}


def test_last_years_reports_are_matched_by_agency(tmp_path, corpus):
    prev_dir = tmp_path / "2023"
    previous = write_previous_year(prev_dir, corpus)
    s = check([corpus.folder], previous=prev_dir, jobs=2)
    rows = by_file(s)
    first = True
    for name, exp in corpus.expected.items():
        row = rows[name]
        if name in previous:
            assert row["previous"] and row["previous"].startswith(f"{YEAR - 1}-"), name
            alone = api.validate_report(api.load_report(corpus.folder / name), previous[name])
            assert [g["message"] for g in row["findings"]] == [f.message("zh") for f in alone.findings], name
            has_a05 = any(g["rule"] == "A05" for g in row["findings"])
            assert has_a05 == first, name  # the first one was written without a matching carry-over
            first = False
        elif exp.status != "unreadable":
            assert row["previous"] is None and "未找到上年报告" in row["notes"], name
    assert s.previous_dir == str(prev_dir)
    assert list(s.previous_unreadable) == ["broken.json"]


def test_discovery(tmp_path):
    (tmp_path / "a" / "sub").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    for p in ("a/2.json", "a/10.json", "a/sub/1.json", "a/~$2.json", "a/.x.json", "a/note.rtf", "b/1.csv", "other.weird"):
        (tmp_path / p).write_bytes(b"{}")
    os.mkfifo(tmp_path / "a" / "pipe.json")
    found = discover([tmp_path / "a", tmp_path / "b", tmp_path / "other.weird"], exclude=[tmp_path / "a" / "2.json"])
    assert [f.display for f in found] == ["a/10.json", "a/pipe.json", "a/sub/1.json", "b/1.csv", str(tmp_path / "other.weird")]
    assert [f.display for f in discover([tmp_path / "a"])] == ["2.json", "10.json", "pipe.json", "sub/1.json"]
    with pytest.raises(InputError):
        discover([tmp_path / "missing"])
    # a pipe becomes a row; it is never opened (which would block)
    s = check([tmp_path / "a" / "pipe.json", tmp_path / "a"], jobs=0)
    assert s.files[0]["status"] == "unreadable" and s.files[0]["reason_code"] == "not-a-file"
    assert [f["file"] for f in s.files] == [str(tmp_path / "a" / "pipe.json"), "2.json", "10.json", "sub/1.json"]
    with pytest.raises(InputError):
        check([tmp_path / "b" / "nothing-here"], jobs=0)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as e:
        check([tmp_path / "empty"], jobs=0)
    assert e.value.code == "no-files"


def test_a_reader_registered_later_is_used_without_changes(tmp_path, monkeypatch):
    import random

    write_json(named_report("青山县教育局", random.Random(3)), tmp_path / "a")
    (tmp_path / "a.json").rename(tmp_path / "a.xlsx")
    monkeypatch.delitem(api.LOADERS, ".xlsx", raising=False)
    assert check([tmp_path], jobs=0).files[0]["reason_code"] == "no-xlsx-reader"
    monkeypatch.setitem(api.LOADERS, ".xlsx", "workbook_tools.io.report_json:load")
    row = check([tmp_path], jobs=0).files[0]
    assert row["status"] == "ok" and row["agency"] == "青山县教育局"


def test_sheet_and_cell_are_shown_when_the_reader_records_them(tmp_path):
    import random

    r = named_report("青山县教育局", random.Random(4))
    r.set("T3/R1/C1", str(r.number("T3/R1/C1") + 1), source="表三!D7")
    write_json(r, tmp_path / "a")
    row = check([tmp_path], jobs=0).files[0]
    assert any(g["where"] == "表三!D7" for g in row["findings"])


def test_an_application_named_by_the_reader_is_reported(tmp_path):
    import random

    r = named_report("青山县教育局", random.Random(5))
    r.meta.extra["application"] = "WPS Office 12.1"
    write_json(r, tmp_path / "a")
    assert check([tmp_path], jobs=0).files[0]["application"] == "WPS Office 12.1"


# -- isolation -----------------------------------------------------------------------------------


@pytest.fixture
def misbehaving(tmp_path, monkeypatch):
    """Six good reports and five files whose (test-only) readers crash, hang, hang harder, grab memory, or exit."""
    import random

    for ext, fn in ((".crash", "crash_loader"), (".slow", "slow_loader"), (".stuck", "stuck_loader"), (".greedy", "greedy_loader"),
                    (".exit", "exiting_loader")):
        monkeypatch.setitem(api.LOADERS, ext, f"batch_corpus:{fn}")
        (tmp_path / f"x{ext}").write_bytes(b"")
    rng = random.Random(9)
    for i in range(6):
        write_json(named_report(f"青山县第{i}局", rng), tmp_path / f"{i}")
    monkeypatch.setattr(run, "GRACE", 1.0)
    return tmp_path


def test_a_file_that_kills_or_hangs_its_worker_costs_only_its_own_row(misbehaving):
    t0 = time.monotonic()
    s = check([misbehaving], jobs=2, timeout=1, memory_limit=1024 ** 3)
    elapsed = time.monotonic() - t0
    rows = by_file(s)
    assert [rows[f"{i}.json"]["status"] for i in range(6)] == ["ok"] * 6
    assert rows["x.crash"]["status"] == "unreadable" and rows["x.crash"]["reason_code"] == "worker-died"
    assert rows["x.slow"]["reason_code"] == "timeout" and "1 秒" in rows["x.slow"]["reason"]
    assert rows["x.stuck"]["reason_code"] == "timeout"
    assert rows["x.greedy"]["reason_code"] == "too-complex"
    assert rows["x.exit"]["reason_code"] == "internal" and "SystemExit" in rows["x.exit"]["reason"]
    assert elapsed < 30
    assert s.exit_code == 1


def test_an_internal_error_is_a_row_too(corpus, summary):
    row = by_file(summary)["b14-nan.json"]
    assert row["status"] == "unreadable" and row["reason"]


def test_the_summary_as_json_is_plain_data(summary):
    from workbook_tools.batch.write import to_json

    data = json.loads(json.dumps(to_json(summary), ensure_ascii=False))
    assert data["format"] == "xxgk-check" and data["exit_code"] == 1
    assert len(data["files"]) == len(summary.files)
    assert {e["status"] for e in data["roster"]["entries"]} == {"submitted", "missing", "duplicate"}


def test_the_application_of_an_office_file_comes_from_its_properties(tmp_path):
    from conftest import EXAMPLES

    api.render_report(api.load_report(EXAMPLES / "sample-county-2024.json"), tmp_path / "a.docx")
    row = check([tmp_path], jobs=0).files[0]
    assert row["status"] == "ok" and row["application"] == f"xxgk {__version__}"  # our own files say so


def test_every_text_in_both_languages():
    import re

    from workbook_tools.messages.batch import TEXTS

    for key, (zh, en) in TEXTS.items():
        assert zh and en, key
        assert set(re.findall(r"\{(\w+)\}", zh)) == set(re.findall(r"\{(\w+)\}", en)), key
    for code in ("timeout", "worker-died", "internal", "too-complex", "not-a-file", "xls", "ods", "no-xlsx-reader"):
        assert f"batch.reason.{code}" in TEXTS
