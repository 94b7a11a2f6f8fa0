"""`xxgk check` and `xxgk merge` as a user and a script see them: exit codes, the files written,
refusing to overwrite, formula injection neutralised in CSV and harmless in the workbook."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest
from batch_corpus import named_report, write_json, write_roster
from typer.testing import CliRunner

from workbook_tools import api
from workbook_tools.cli import app

runner = CliRunner()
INJECTION = '=HYPERLINK("http://example.invalid/x","点击")'


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def good(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    rng = random.Random(1)
    for i, name in enumerate(("青山县教育局", "青山县财政局", "青山县民政局")):
        write_json(named_report(name, rng), folder / f"{i + 1:02d}")
    return folder


def test_all_valid_exits_0(good):
    r = run("check", good, "-j", "1")
    assert r.exit_code == 0, r.output
    assert "已检查 3 个文件：通过 3，有错误 0，未填写 0，无法读取 0" in r.stdout


def test_errors_and_unreadable_files_exit_1(good, tmp_path):
    rep = named_report("青山县审计局", random.Random(2))
    rep.set("T3/R1/C1", str(rep.number("T3/R1/C1") + 1))
    write_json(rep, good / "04")
    r = run("check", good)
    assert r.exit_code == 1 and "有错误：" in r.stdout and "青山县审计局（04.json）：2 个错误" in r.stdout
    (good / "04.json").unlink()
    (good / "05.json").write_text("{", encoding="utf-8")
    r = run("check", good, "--lang", "en")
    assert r.exit_code == 1 and "unreadable:" in r.stdout and "05.json" in r.stdout


def test_unusable_arguments_exit_2(good, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad-roster.csv").write_text("序号,单位名称\n", encoding="utf-8")
    for args in (["check", tmp_path / "empty"], ["check", tmp_path / "missing"],
                 ["check", good, "--roster", tmp_path / "bad-roster.csv"], ["check", good, "-o", tmp_path / "x.pdf"],
                 ["check", good, "-j", "0"], ["check", good / "01.json", "-o", good / "01.json"]):
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert "Traceback" not in r.output


def test_the_summary_workbook(good, tmp_path):
    import openpyxl

    write_json(named_report(INJECTION, random.Random(3)), good / "09")
    (good / "10.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    roster = tmp_path / "名单.csv"
    write_roster(roster, ["青山县教育局", "青山县财政局", "青山县民政局", "青山县公安局"])
    out = tmp_path / "汇总校验.xlsx"
    r = run("check", good, "--roster", roster, "-o", out)
    assert r.exit_code == 1 and f"已写入 {out}" in r.stdout
    assert "未报送：青山县公安局" in r.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "一图读懂", "问题明细", "退回修改意见", "报送情况", "催报", "说明", "图表数据"]
    assert wb["图表数据"].sheet_state == "hidden"
    ws = wb["汇总"]
    top = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")  # below the overview band
    head = [c.value for c in ws[top]]
    assert head[:7] == ["序号", "文件", "单位", "名单单位", "报送情况", "匹配方式", "状态"]
    assert {"本年新收", "上年结转", "本年办结", "结转下年", "行政复议", "行政诉讼", "创建程序"} <= set(head)
    assert ws.freeze_panes == f"A{top + 1}" and ws.auto_filter.ref and ws.cell(top + 1, 2).font.name == "宋体"
    body = [row for row in ws.iter_rows(min_row=top + 1, values_only=True) if isinstance(row[0], int)]
    rows = {row[1]: dict(zip(head, row)) for row in body}
    assert rows["10.xls"]["状态"] == "无法读取" and "另存为" in rows["10.xls"]["无法读取的原因"]
    assert rows["09.json"]["单位"] == INJECTION and rows["09.json"]["报送情况"] == "名单外"
    cell = next(c for c in ws["C"] if c.value == INJECTION)
    assert cell.data_type == "s"  # text, never a formula
    status = {row[1]: row[2] for row in wb["报送情况"].iter_rows(min_row=2, values_only=True)}
    assert status["青山县公安局"] == "未报送" and status["青山县教育局"] == "已报送"


def test_refuses_to_overwrite_without_force(good, tmp_path):
    out = tmp_path / "s.json"
    out.write_text("keep", encoding="utf-8")
    r = run("check", good, "-o", out)
    assert r.exit_code == 2 and "--force" in r.output and out.read_text(encoding="utf-8") == "keep"
    assert run("check", good, "-o", out, "--force").exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "xxgk-check" and data["totals"]["files"] == 3
    # a CSV summary is refused as a whole when one of its files exists
    sibling = tmp_path / "s-问题明细.csv"
    sibling.write_text("keep", encoding="utf-8")
    r = run("check", good, "-o", tmp_path / "s.csv")
    assert r.exit_code == 2 and not (tmp_path / "s.csv").exists()


def test_csv_summary_neutralises_formulas(good, tmp_path):
    rep = named_report(INJECTION, random.Random(4))
    rep.set("T3/R1/C1", "@SUM(1+1)")
    write_json(rep, good / "09")
    (good / "-cmd.json").write_text("{", encoding="utf-8")
    r = run("check", good, "-o", tmp_path / "s.csv")
    assert r.exit_code == 1
    main = (tmp_path / "s.csv").read_bytes()
    findings = (tmp_path / "s-问题明细.csv").read_bytes()
    assert main.startswith(b"\xef\xbb\xbf") and findings.startswith(b"\xef\xbb\xbf")
    for data in (main, findings):
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
            for value in row:
                assert not value.startswith(("=", "+", "@")) and not (value.startswith("-") and not value[1:2].isdigit()), value
    text = main.decode("utf-8-sig")
    assert "'" + INJECTION.replace('"', '""') in text and "'-cmd.json" in text


def test_json_on_stdout(good):
    r = run("check", good, "--format", "json", "--no-progress")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert [f["status"] for f in data["files"]] == ["ok"] * 3 and data["exit_code"] == 0


def test_progress_goes_to_stderr(good):
    r = run("check", good, "--progress")
    assert "已检查 3/3" in r.stderr and "已检查 3/3" not in r.stdout


def test_previous_year_option(good, tmp_path):
    prev = tmp_path / "2023"
    prev.mkdir()
    write_json(named_report("青山县教育局", random.Random(5), 2023), prev / "a")
    r = run("check", good, "--previous", prev, "--format", "json")
    files = json.loads(r.stdout)["files"]
    assert files[0]["previous"] == "a.json" and "未找到上年报告" in files[1]["notes"]


# -- merge ---------------------------------------------------------------------------------------


def test_merge_writes_the_sum(good, tmp_path):
    out = tmp_path / "汇总.json"
    r = run("merge", good, "--agency", "青山县人民政府", "-o", out)
    assert r.exit_code == 0, r.output
    assert "已汇总 3 个单位" in r.stdout and "青山县教育局" in r.stdout and "通过" in r.stdout
    total = api.load_report(out)
    parts = [api.load_report(p) for p in sorted(good.glob("*.json"))]
    assert all(total.number(k) == sum(p.number(k) for p in parts) for k in total.cells)
    assert total.meta.extra["merged_count"] == "3"
    r = run("merge", good, "--agency", "青山县人民政府", "-o", out)
    assert r.exit_code == 2 and "--force" in r.output
    csv_out = tmp_path / "汇总.csv"
    assert run("merge", *sorted(good.glob("*.json")), "-a", "青山县人民政府", "-o", csv_out).exit_code == 0
    assert api.load_report(csv_out).cells.keys() == total.cells.keys()


def test_merge_refusals_exit_2(good, tmp_path):
    write_json(named_report("青山县审计局", random.Random(6), 2023), good / "04")
    r = run("merge", good, "--agency", "青山县人民政府", "-o", tmp_path / "x.json")
    assert r.exit_code == 2 and "报告年度不一致" in r.output and not (tmp_path / "x.json").exists()
    r = run("merge", good, "--agency", "青山县人民政府", "--year", "2024", "-o", tmp_path / "x.json")
    assert r.exit_code == 2 and "青山县审计局" in r.output
    (good / "04.json").unlink()
    r = run("merge", good, "--agency", "X", "-o", tmp_path / "x.docx")
    assert r.exit_code == 2


def test_merge_to_a_workbook_waits_for_the_workbook_writer(good, tmp_path, monkeypatch):
    out = tmp_path / "汇总.xlsx"
    monkeypatch.delitem(api.SAVERS, ".xlsx", raising=False)
    r = run("merge", good, "--agency", "青山县人民政府", "-o", out)
    assert r.exit_code == 2 and "Excel" in r.output and not out.exists()
    # once a saver is registered, nothing else changes
    monkeypatch.setitem(api.SAVERS, ".xlsx", "workbook_tools.io.report_json:dump_bytes")
    assert run("merge", good, "--agency", "青山县人民政府", "-o", out).exit_code == 0 and out.exists()


def test_merge_with_errors_in_an_input_exits_1_and_names_it(good, tmp_path):
    rep = named_report("青山县审计局", random.Random(7))
    rep.set("T3/R1/C1", str(rep.number("T3/R1/C1") + 1))
    write_json(rep, good / "04")
    r = run("merge", good, "--agency", "青山县人民政府", "-o", tmp_path / "x.json")
    assert r.exit_code == 1 and "青山县审计局" in r.stdout and "A03" in r.stdout


def test_help_explains_exit_codes():
    for cmd in ("check", "merge"):
        r = run(cmd, "--help")
        assert "退出码" in r.stdout and "示例" in r.stdout
    assert "无法读取也按错误计" in run("check", "--help").stdout


def test_hostile_file_names(good, tmp_path):
    import os

    os.rename(good / "01.json", os.path.join(os.fsencode(good), b"\xff\xfe-bad-bytes.json"))
    (good / "line\nbreak\x1b[2J.json").write_text("{", encoding="utf-8")
    (good / "=1+1.json").write_text("{", encoding="utf-8")
    for out in ("s.xlsx", "s.json", "s.csv"):
        r = run("check", good, "-o", tmp_path / out)
        assert r.exit_code == 1, r.output
        assert "\x1b" not in r.stdout and "\ufffd-bad-bytes.json" not in r.stdout  # listed only when unreadable
    files = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["files"]
    assert {f["file"] for f in files} >= {"\ufffd\ufffd-bad-bytes.json", "line\nbreak\x1b[2J.json", "=1+1.json"}
    assert "'=1+1.json" in (tmp_path / "s.csv").read_text(encoding="utf-8-sig")


def test_the_deadline_goes_into_the_reminders(good, tmp_path):
    import openpyxl

    roster = tmp_path / "名单.csv"
    write_roster(roster, ["青山县教育局", "青山县财政局", "青山县民政局", "青山县公安局"])
    out = tmp_path / "汇总校验.xlsx"
    r = run("check", good, "--roster", roster, "--deadline", "2025年1月31日", "-o", out)
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out)["催报"]
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    reminder = next(t for t in texts if "青山县公安局" in t and len(t) > 20)
    assert "2025年1月31日" in reminder and "尽快" not in reminder
