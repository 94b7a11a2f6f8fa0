"""The Excel commands from the command line: template, fill, read, and validate on workbooks good and bad."""

from __future__ import annotations

import json
import re

import openpyxl
import pytest
from typer.testing import CliRunner

import hostile_xlsx as H
from conftest import EXAMPLES
from workbook_tools.cli import app

runner = CliRunner()
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_template_fill_read_validate(tmp_path):
    tpl = tmp_path / "模板.xlsx"
    r = run("template", "-o", tpl, "--year", 2024, "--agency", "某某县财政局", "--kind", "department")
    assert r.exit_code == 0 and tpl.exists()
    wb = openpyxl.load_workbook(tpl)
    assert wb["基本信息"]["B4"].value == "某某县财政局" and wb["基本信息"]["B5"].value == "县级以上人民政府部门"
    assert run("template", "-o", tpl).exit_code == 2  # exists: refused without --force
    filled = tmp_path / "filled.xlsx"
    assert run("fill", EXAMPLES / "sample-county-2024.json", "-o", filled).exit_code == 0
    out = tmp_path / "back.json"
    r = run("read", filled, "-o", out)
    assert r.exit_code == 0 and "按模板的单元格映射读取" in r.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["agency"] == "示例县市场监督管理局"
    r = run("validate", filled, "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["valid"]
    # last year's filled workbook as --previous, for the template and for validate
    nxt = tmp_path / "2025.xlsx"
    assert run("template", "-o", nxt, "--year", 2025, "--previous", filled).exit_code == 0
    assert run("validate", filled, "--previous", EXAMPLES / "sample-county-2024.json").exit_code in (0, 1)


def test_template_refuses_bad_requests(tmp_path):
    assert run("template", "-o", tmp_path / "t.xls").exit_code == 2
    assert run("template", "-o", tmp_path / "t.xlsx", "--edition", "2021-hybrid").exit_code == 2  # not official
    r = run("template", "-o", tmp_path / "t.xlsx", "--edition", "2030")
    assert r.exit_code == 2 and "2030" in r.stderr
    r = run("template", "-o", tmp_path / "t.xlsx", "--year", 2025, "--previous", EXAMPLES / "dehui-2020.json")
    assert r.exit_code == 2 and "2020" in r.stderr
    assert run("fill", EXAMPLES / "dehui-2020.json", "-o", tmp_path / "x.csv").exit_code == 2
    src = tmp_path / "same.xlsx"
    src.write_bytes((EXAMPLES / "dehui-2020.json").read_bytes())
    assert run("read", src, "-o", src, "--force").exit_code == 2


# every hostile or broken file of the reader's corpus, through the command a user would run
LIGHT = sorted(set(H.CASES) - H.HEAVY - {"missing.xlsx"})


@pytest.mark.parametrize("name", LIGHT)
def test_hostile_workbooks_get_a_clear_message_and_exit_2(tmp_path, name):
    build, expected = H.CASES[name]
    path = build(tmp_path / name)
    r = run("validate", path)
    assert "Traceback" not in r.output and "内部错误" not in r.output
    if expected == "ok":  # readable, but these small files hold no official table: refused, clearly
        assert r.exit_code == 2 and "没有找到年度报告格式的任何表格" in r.stderr
    else:
        assert r.exit_code == 2, r.output
        assert r.stderr.startswith("错误：") and CJK.search(r.stderr)
    assert not list(tmp_path.glob("*.json"))
