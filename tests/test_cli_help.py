"""The command line speaks Chinese: help, usage errors with a suggestion, Chinese option values, the
version, the `serve` command, and a start-up that never builds the web stack or the declarations."""

import os
import re
import subprocess
import sys
import types

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT
from workbook_tools.cli import app

runner = CliRunner()
COMMANDS = [c.name for c in app.registered_commands]
ENGLISH_SCAFFOLD = ("Usage:", "Options:", "Commands:", "Arguments:", "[required]", "[default:", "Show this message",
                    "Try '", "Error:")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def xxgk(*args, lang: str | None = None):
    env = {k: v for k, v in os.environ.items() if k != "XXGK_LANG"}
    if lang:
        env["XXGK_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "workbook_tools", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=ROOT)


def test_main_help_is_chinese_throughout():
    r = run("--help")
    assert r.exit_code == 0
    for word in ("用法：xxgk [选项] 命令 [参数]...", "选项:", "命令:", "显示本帮助并退出", "显示版本号并退出", "compare", "serve"):
        assert word in r.output, word
    assert not [w for w in ENGLISH_SCAFFOLD if w in r.output]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_is_chinese(command):
    r = run(command, "--help")
    assert r.exit_code == 0, r.output
    assert r.output.startswith(f"用法：xxgk {command} [选项]") and "选项:" in r.output and "显示本帮助并退出" in r.output
    assert not [w for w in ENGLISH_SCAFFOLD if w in r.output], r.output
    assert "<path>" not in r.output and "<int>" not in r.output  # type names too


def test_english_help_with_xxgk_lang_en():
    out = xxgk("--help", lang="en").stdout
    assert "Usage: xxgk [OPTIONS] COMMAND [ARGS]..." in out and "Options:" in out and "Commands:" in out
    assert "Exit codes" in out and "用法" not in out
    sub = xxgk("compare", "--help", lang="en").stdout
    assert "Year on year" in sub and "Options:" in sub and "--previous" in sub


def test_report_help_names_every_input_format():
    out = run("report", "--help").output
    for ext in (".xlsx", ".json", ".csv", ".txt", ".md", ".html", ".docx", ".pdf"):
        assert ext in out.split("参数:")[1].split("选项:")[0], ext  # in the argument's own help
    assert "--figure" in out


def test_misspelled_command_is_answered_in_chinese_with_a_suggestion():
    r = run("valdate", "x.json")
    assert r.exit_code == 2
    assert "没有命令“valdate”。您是不是要找“validate”？" in r.output
    assert "用法：xxgk [选项] 命令 [参数]..." in r.output and "请运行“xxgk -h”查看帮助。" in r.output
    r = run("frobnicate")
    assert r.exit_code == 2 and "没有命令“frobnicate”。" in r.output and "您是不是" not in r.output


def test_misspelled_option_and_bad_values_in_chinese():
    r = run("validate", EXAMPLES / "dehui-2020.json", "--fromat", "json")
    assert r.exit_code == 2 and "没有选项“--fromat”。您是不是要找“--format”？" in r.output
    r = run("template", "-o", "x.xlsx", "--kind", "部委")
    assert r.exit_code == 2 and "“部委”不是可选的值" in r.output and "'部门'" in r.output
    r = run("template")
    assert r.exit_code == 2 and "缺少选项" in r.output and "--output" in r.output
    r = run("check", "--jobs", "0", "x")
    assert r.exit_code == 2 and "不在允许的范围" in r.output


def test_english_usage_errors_stay_english():
    r = xxgk("valdate", lang="en")
    assert r.returncode == 2 and "No such command 'valdate'. Did you mean 'validate'?" in r.stderr


def test_version_from_package_metadata():
    from importlib.metadata import version

    r = run("--version")
    assert r.exit_code == 0 and r.output.strip() == f"xxgk {version('workbook-tools')}"
    assert run("-V").output == r.output


def test_chinese_option_values_mean_the_english_ones(tmp_path):
    from workbook_tools import api
    from workbook_tools.spec import AgencyKind

    for typed, kind in (("部门", AgencyKind.DEPARTMENT), ("政府", AgencyKind.GOVERNMENT), ("other", AgencyKind.OTHER)):
        out = tmp_path / f"{kind.value}.xlsx"
        assert run("template", "-o", out, "--year", "2024", "--kind", typed).exit_code == 0
        assert api.load_report(out).meta.agency_kind is kind, typed
    r = run("validate", EXAMPLES / "dehui-2020.json", "--lang", "英文", "--format", "文本")
    assert r.exit_code == 0 and "layout:" in r.output and "版式:" not in r.output and not r.output.startswith("{")


def test_output_lines_follow_the_commands_language(tmp_path):
    r = run("convert", EXAMPLES / "dehui-2020.json", "-o", tmp_path / "a.csv", "--lang", "en")
    assert r.exit_code == 0 and r.output.startswith("wrote ") and "已写入" not in r.output
    r = run("convert", EXAMPLES / "dehui-2020.json", "-o", tmp_path / "b.csv")
    assert r.output.startswith("已写入 ")
    r = run("convert", EXAMPLES / "dehui-2020.json", "-o", tmp_path / "b.csv", "--lang", "en")
    assert r.exit_code == 2 and r.output.startswith("error: ")


def test_serve_calls_the_web_application(monkeypatch, tmp_path):
    seen = {}

    def main(**kwargs):
        seen.update(kwargs)
        return 7

    monkeypatch.setitem(sys.modules, "workbook_tools.web.serve", types.SimpleNamespace(main=main))
    r = run("serve", "--port", "8123", "--data", tmp_path, "--demo", "--lang", "en")
    assert r.exit_code == 7
    assert seen == {"host": "127.0.0.1", "port": 8123, "data": tmp_path, "db": None, "demo": True, "lang": "en",
                    "secure_cookies": False}
    r = run("serve", "--port", "0")
    assert r.exit_code == 2 and "不在允许的范围" in r.output


def test_serve_without_the_web_application_says_so_in_chinese(monkeypatch):
    monkeypatch.setitem(sys.modules, "workbook_tools.web.serve", None)  # import fails
    r = run("serve")
    assert r.exit_code == 2 and "网页系统无法启动" in r.output and "Traceback" not in r.output


def test_help_builds_neither_the_web_stack_nor_the_declarations():
    code = ("import sys; from workbook_tools.cli import main; sys.argv=['xxgk', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "mods = ('starlette', 'sqlalchemy', 'uvicorn', 'jinja2', 'workbook_tools.web.serve', 'workbook_tools.spec',"
            " 'workbook_tools.compare', 'xlsxwriter', 'docx')\n"
            "print('LOADED', [m for m in mods if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "LOADED []" in out.stdout, out.stdout + out.stderr
    assert "用法：" in out.stdout


def test_cli_texts_are_in_the_messages_file():
    # help and output wording live in messages/cli.py; the CLI spells no Chinese sentence itself
    source = (ROOT / "workbook_tools" / "cli.py").read_text(encoding="utf-8")
    code = "\n".join(line.split("#", 1)[0] for line in source.splitlines())
    strings = re.findall(r'"([^"\n]*[\u4e00-\u9fff][^"\n]*)"', code)
    assert set(strings) <= {"中文", "英文", "文本", "部门", "政府", "其他", "版"}, strings  # values a user types
