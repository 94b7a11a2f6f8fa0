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
        "政府信息公开工作年度报告工具：检查报告是否符合国办统一格式、勾稽关系及正文与表格的一致性，"
        "生成可发布的报告，读取已发布的报告，并在 JSON、CSV 等格式之间转换。\n\n"
        "示例：\n\n"
        "  xxgk validate examples/dehui-2020.json          检查一份报告（JSON、CSV 或已发布的文档）\n\n"
        "  xxgk validate 2024.json --previous 2023.json    同时检查跨年度结转与文字雷同\n\n"
        "  xxgk report 2024.json -o 2024年报.docx --pdf     生成公文格式的 Word 报告和 PDF\n\n"
        "  xxgk import 已发布年报.pdf -o 2024.json          按标签读取已发布的报告\n\n"
        "  xxgk convert 报告.json -o 报告.csv               转为逐格 CSV（Excel 可直接打开）\n\n"
        "  xxgk editions / xxgk rules                      查看支持的版式 / 校验规则\n\n"
        "退出码：0 无错误；1 有错误；2 输入无法使用。",
        "Tools for the annual government information disclosure report (政府信息公开工作年度报告): check a "
        "report against the official format, its balances and its prose; write the publishable document; read "
        "published reports back; convert between JSON and CSV.\n\n"
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
FORCE_OPT = typer.Option(False, "--force", help=_h("覆盖已存在的输出文件（默认拒绝覆盖）", "overwrite existing outputs (refused by default)"))


@app.command()
def validate(
    report: Path = typer.Argument(..., help=_h("报告文件：报告 JSON 或逐格 CSV", "report JSON or tidy CSV"), show_default=False),
    previous: Optional[Path] = typer.Option(None, "--previous", "-p", help=_h("上一年度的报告，用于跨年度检查（A05–A07 结转与连续性，N09 文字雷同）", "last year's report, for the cross-year rules (A05–A07, N09)")),
    fmt: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help=_h("输出：text 可读文本，json 供程序使用", "output format")),
    lang: Lang = LANG_OPT,
    config: Optional[Path] = typer.Option(None, "--config", "-c", help=_h("规则配置文件（TOML/JSON）：停用规则或调整级别", "rule configuration (TOML/JSON)")),
    explain: bool = typer.Option(False, "--explain", help=_h("列出正文中找到的每个数字及其与表格的比对情况（N01–N03）", "list every figure found in the text and how it was compared with the tables")),
):
    """检查一份报告：表格结构、数值、勾稽关系、正文与发布要求。

    发现“错误”时退出码为 1，只有警告或提示时为 0。

    示例：xxgk validate examples/dehui-2020.json --format json
    """

    def body():
        from . import api

        explained = None
        if explain:
            result, explained = api.validate_file_explained(report, previous, config)
        else:
            result = api.validate_file(report, previous, config)
        if fmt is OutFormat.json:
            import json

            data = result.to_dict(lang.value)
            if explained is not None:
                data["explain"] = [e.to_dict(lang.value) for e in explained]
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            from .render.result_text import render

            typer.echo(render(result, lang.value), nl=False)
            if explained is not None:
                from .render.explain_text import render as render_explain

                typer.echo(render_explain(explained, lang.value), nl=False)
        raise typer.Exit(result.exit_code)

    _run(body, lang.value)


@app.command()
def convert(
    source: Path = typer.Argument(..., help=_h("输入文件（.json 或 .csv）", "input file (.json or .csv)"), show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help=_h("输出文件，格式由扩展名决定（.json 或 .csv）", "output file; format from its extension"), show_default=False),
    force: bool = FORCE_OPT,
    lang: Lang = LANG_OPT,
):
    """在报告 JSON 与逐格 CSV 之间转换（也可把已发布的文档转为数据）。

    CSV 为 UTF-8（带 BOM），每个单元格一行，Excel 可直接打开；没有代码列的 CSV 按表格标签识别。

    示例：xxgk convert examples/dehui-2020.json -o out/dehui-2020.csv
    """

    def body():
        from . import api

        path = api.convert(source, output, force=force)
        typer.echo(_h(f"已写入 {path}", f"wrote {path}"))

    _run(body, lang.value)


@app.command("report")
def report_cmd(
    source: Path = typer.Argument(..., help=_h("报告数据：报告 JSON 或逐格 CSV", "report data: report JSON or tidy CSV"), show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help=_h("输出文件，格式由扩展名决定：.docx .html .md .txt .pdf", "output file; format from its extension: .docx .html .md .txt .pdf"), show_default=False),
    pdf: bool = typer.Option(False, "--pdf", help=_h("同时用 LibreOffice 生成同名 PDF", "also write a PDF beside it (needs LibreOffice)")),
    template_dir: Optional[Path] = typer.Option(None, "--template-dir", help=_h("自定义模板文件夹（复制 templates/report 后修改；缺少的文件用内置模板）", "folder with customised templates (a copy of templates/report)")),
    force: bool = FORCE_OPT,
    lang: Lang = LANG_OPT,
):
    """生成可发布的年度报告：Word（公文格式）、HTML、Markdown、纯文本或 PDF。

    标题、正文各部分、三张统计表（官方表头与合并单元格）、省级附加项和落款均按报告数据生成；
    措辞与样式可在模板文件夹中修改。

    示例：xxgk report examples/sample-county-2024.json -o 报告.docx --pdf
    """

    def body():
        from . import api

        api.refuse_same_file(source, output)
        data = api.load_report(source)
        for path in api.render_report(data, output, force=force, template_dir=template_dir, pdf=pdf):
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


@app.command("import")
def import_(
    source: Path = typer.Argument(..., help=_h("已发布的报告：.txt .html .htm .docx .pdf", "published report: .txt .html .htm .docx .pdf"), show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help=_h("输出的报告数据，格式由扩展名决定（.json 或 .csv）", "report data to write; format from its extension"), show_default=False),
    force: bool = FORCE_OPT,
    lang: Lang = LANG_OPT,
):
    """按标签读取已发布的年度报告（网页、Word、PDF、纯文本），导出为报告数据。

    从表格本身识别版式（2019 版、2021 版或混合版式）；无法可靠对齐的表格或行会逐一说明而不猜测，
    此时为“部分导入”，退出码为 1（数据仍会写出）。PDF 只读取文字层，不做文字识别。

    示例：xxgk import 2024年报.pdf -o 2024.json
    """

    def body():
        from . import api
        from .io.files import write_atomic

        api.refuse_same_file(source, output)
        res = api.import_document(source)
        data = api.report_bytes(res.report, output)  # checks the output format before anything is written
        path = write_atomic(output, data, force=force)
        en = lang.value == "en"
        ed = res.edition
        typer.echo((f"layout detected: {ed.name_en} ({ed.document})" if en else f"识别版式：{ed.name}（{ed.document}）"))
        typer.echo((f"cells read: {len(res.report.cells)}; label deviations: {len(res.report.deviations)}; "
                    f"lines outside the format: {len(res.report.unplaced)}") if en else
                   (f"读取单元格 {len(res.report.cells)} 个；标签不规范 {len(res.report.deviations)} 处；"
                    f"格式以外的内容 {len(res.report.unplaced)} 处"))
        if res.partial:
            typer.echo("PARTIAL import:" if en else "部分导入：", err=True)
            for p in res.problems:
                typer.echo("  " + (p.en if en else p.zh), err=True)
            if res.missing:
                typer.echo("  " + (f"{len(res.missing)} declared cells not found: " if en else f"{len(res.missing)} 个单元格未读到：")
                           + ", ".join(res.missing[:12]) + (" …" if len(res.missing) > 12 else ""), err=True)
        else:
            typer.echo("complete import" if en else "完整导入")
        typer.echo(f"wrote {path}" if en else f"已写入 {path}")
        raise typer.Exit(1 if res.partial else 0)

    _run(body, lang.value)


def main() -> None:  # console-script entry point
    app(prog_name="xxgk")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
