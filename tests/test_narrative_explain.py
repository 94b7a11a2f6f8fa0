"""``xxgk validate --explain``: every figure in the text and how it was (or was not) compared."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import EXAMPLES
from workbook_tools import api
from workbook_tools.cli import app
from workbook_tools.io.report_json import dump_bytes

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def altered_sample(tmp_path):
    r = api.load_report(EXAMPLES / "sample-county-2024.json")
    block = r.narrative.section("一").blocks[3]
    block.text = block.text.replace("新收政府信息公开申请25件", "新收政府信息公开申请28件")
    path = tmp_path / "altered.json"
    path.write_bytes(dump_bytes(r))
    return path


def test_explain_json_lists_every_figure_with_its_verdict():
    r = run("validate", EXAMPLES / "sample-county-2024.json", "--explain", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    rows = {(e["section"], e["text"]): e for e in data["explain"]}
    twenty_five = [(e["verdict"], e["cells"]) for e in data["explain"] if e["text"] == "25件"]
    assert twenty_five == [("match", ["T3/R1/C7"]), ("match", ["T3/R3.7/C7"])]  # 新收 and 办结
    assert rows[("一", "12件")]["cells"] == ["T2/normative/in_force"] and rows[("一", "12件")]["rule"] == "N03"
    info = rows[("一", "326条")]
    assert (info["verdict"], info["reason"], info["scope_word"]) == ("not_compared", "other_kind", "网站")
    notice = rows[("六", "1件")]  # 发出收费通知1件 against the row of applications closed for non-payment
    assert (notice["rule"], notice["verdict"], notice["cells"]) == ("N05", "match", ["T3/R3.6.2/C7"])
    assert "其他事项" in info["why"]
    assert all(e["sentence"] for e in data["explain"])


def test_without_explain_the_json_is_unchanged():
    data = json.loads(run("validate", EXAMPLES / "sample-county-2024.json", "--format", "json").stdout)
    assert "explain" not in data


def test_explain_text_shows_the_mismatch_and_the_finding(tmp_path):
    r = run("validate", altered_sample(tmp_path), "--explain")
    assert r.exit_code == 0  # N01 is a warning
    out = r.stdout
    assert "N01" in out and "新收政府信息公开申请28件" in out
    assert "不一致：表三「一、本年新收政府信息公开申请数量」行「总计」列 = 25" in out
    assert "未比较：说的是其他事项（“网站”）" in out


def test_explain_in_english(tmp_path):
    r = run("validate", altered_sample(tmp_path), "--explain", "--lang", "en")
    assert "INCONSISTENT: table 表三, row 「一、本年新收政府信息公开申请数量」, column 「总计」 = 25" in r.stdout
    assert "not compared: about something else" in r.stdout


def test_api_explain_matches_the_cli():
    report = api.load_report(EXAMPLES / "sample-county-2024.json")
    items = api.explain_report(report)
    assert [e.comparison.verdict for e in items].count("match") == 6
