"""`xxgk`: the command line.  Each command parses options, calls one api function, renders, exits.

Exit codes: 0 = no error-level finding, 1 = errors found, 2 = input unusable, 3 = internal error.
Help is in Chinese; set XXGK_LANG=en for English help.  Heavy modules are imported inside commands.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

EN = os.environ.get("XXGK_LANG", "").lower().startswith("en")


def _h(zh: str, en: str) -> str:
    return en if EN else zh


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class OutFormat(str, Enum):
    text = "text"
    json = "json"


app = typer.Typer(
    name="xxgk",
    help=_h(
        "政府信息公开工作年度报告工具：检查报告数据是否符合国办统一格式及勾稽关系，并在 JSON、CSV 等格式之间转换。\n\n"
        "示例：\n\n"
        "  xxgk validate examples/dehui-2020.json          检查一份报告\n\n"
        "  xxgk validate 2024.json --previous 2023.json    同时检查跨年度结转\n\n"
        "  xxgk convert 报告.json -o 报告.csv               转为逐格 CSV（Excel 可直接打开）\n\n"
        "  xxgk editions                                  查看支持的版式\n\n"
        "退出码：0 无错误；1 有错误；2 输入无法使用。",
        "Tools for the annual government information disclosure report (政府信息公开工作年度报告): check a "
        "report against the official format and its balances, and convert between JSON and CSV.\n\n"
        "Exit codes: 0 no error, 1 errors found, 2 input unusable.",
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _fail(err, lang: str = "zh") -> "typer.Exit":
    typer.echo(("错误：" if lang == "zh" else "error: ") + err.message(lang), err=True)
    return typer.Exit(err.exit_code)


def _run(fn, lang: str = "zh"):
    """Run a command body: input problems exit 2 with a message, never a traceback."""
    from .errors import InputError

    try:
        return fn()
    except InputError as e:
        raise _fail(e, lang) from None
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as e:  # a defect of ours: say so plainly, without a traceback
        msg = _h("内部错误（请将此信息报告给维护者）", "internal error (please report it)")
        typer.echo(f"{msg}: {type(e).__name__}: {e}", err=True)
        raise typer.Exit(3) from None


LANG_OPT = typer.Option(Lang.zh, "--lang", help=_h("消息语言：zh 中文，en 英文", "message language"))


@app.command()
def validate(
    report: Path = typer.Argument(..., help=_h("报告文件：报告 JSON 或逐格 CSV", "report JSON or tidy CSV"), show_default=False),
    previous: Optional[Path] = typer.Option(None, "--previous", "-p", help=_h("上一年度的报告，用于跨年度结转检查（A05–A07）", "last year's report, for the cross-year rules")),
    fmt: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help=_h("输出：text 可读文本，json 供程序使用", "output format")),
    lang: Lang = LANG_OPT,
    config: Optional[Path] = typer.Option(None, "--config", "-c", help=_h("规则配置文件（TOML/JSON）：停用规则或调整级别", "rule configuration (TOML/JSON)")),
):
    """检查一份报告：表格结构、数值、勾稽关系、正文与发布要求。

    发现“错误”时退出码为 1，只有警告或提示时为 0。

    示例：xxgk validate examples/dehui-2020.json --format json
    """

    def body():
        from . import api

        result = api.validate_file(report, previous, config)
        if fmt is OutFormat.json:
            import json

            typer.echo(json.dumps(result.to_dict(lang.value), ensure_ascii=False, indent=2))
        else:
            from .render.result_text import render

            typer.echo(render(result, lang.value), nl=False)
        raise typer.Exit(result.exit_code)

    _run(body, lang.value)


@app.command()
def convert(
    source: Path = typer.Argument(..., help=_h("输入文件（.json 或 .csv）", "input file (.json or .csv)"), show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help=_h("输出文件，格式由扩展名决定（.json 或 .csv）", "output file; format from its extension"), show_default=False),
    force: bool = typer.Option(False, "--force", help=_h("覆盖已存在的输出文件", "overwrite an existing output")),
    lang: Lang = LANG_OPT,
):
    """在报告 JSON 与逐格 CSV 之间转换。

    CSV 为 UTF-8（带 BOM），每个单元格一行，Excel 可直接打开；没有代码列的 CSV 按表格标签识别。

    示例：xxgk convert examples/dehui-2020.json -o out/dehui-2020.csv
    """

    def body():
        from . import api

        path = api.convert(source, output, force=force)
        typer.echo(_h(f"已写入 {path}", f"wrote {path}"))

    _run(body, lang.value)


@app.command()
def editions(
    fmt: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help=_h("输出：text 或 json", "output format")),
):
    """列出支持的版式（含文号、适用年度、表格）与省级扩展。"""

    def body():
        from .render.editions import render_json, render_text

        typer.echo(render_json() if fmt is OutFormat.json else render_text(), nl=False)

    _run(body)


@app.command()
def rules(
    fmt: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help=_h("输出：text 或 json", "output format")),
    lang: Lang = LANG_OPT,
):
    """列出校验规则目录：编号、默认级别、适用版式、名称、是否已实现。

    级别可在配置文件中调整，例如 [rules.A07] severity = "info"。
    """

    def body():
        from .render.rules import render_json, render_text

        typer.echo(render_json(lang.value) if fmt is OutFormat.json else render_text(lang.value), nl=False)

    _run(body, lang.value)


def main() -> None:  # console-script entry point
    app(prog_name="xxgk")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
