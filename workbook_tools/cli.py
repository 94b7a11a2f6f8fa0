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

from .budget import BATCH_BUDGET, SINGLE_FILE_BUDGET, OutOfTime, time_budget, time_limit

EN = os.environ.get("XXGK_LANG", "").lower().startswith("en")


# The language of help and of the "wrote …" lines, which follow XXGK_LANG rather than --lang.
UI = "en" if EN else "zh"


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
        "政府信息公开工作年度报告工具：生成带保护的 Excel 填报模板，读取填好的工作簿，"
        "检查报告是否符合国办统一格式、勾稽关系及正文与表格的一致性，生成可发布的报告，读取已发布的报告，"
        "批量检查和汇总各单位的报告，并在工作簿、JSON、CSV 等格式之间转换。\n\n"
        "示例：\n\n"
        "  xxgk template -o 2024模板.xlsx --year 2024 --agency \"某某局\"   生成填报模板\n\n"
        "  xxgk validate 某某局2024.xlsx                    检查填好的工作簿\n\n"
        "  xxgk check 报送/ --roster 单位名单.csv -o 汇总校验.xlsx   批量检查，列出未报送单位\n\n"
        "  xxgk validate examples/dehui-2020.json          检查一份报告（JSON、CSV 或已发布的文档）\n\n"
        "  xxgk validate 2024.json --previous 2023.json    同时检查跨年度结转与文字雷同\n\n"
        "  xxgk report 2024.json -o 2024年报.docx --pdf     生成公文格式的 Word 报告和 PDF\n\n"
        "  xxgk import 已发布年报.pdf -o 2024.json          按标签读取已发布的报告\n\n"
        "  xxgk convert 报告.json -o 报告.csv               转为逐格 CSV（Excel 可直接打开）\n\n"
        "  xxgk editions / xxgk rules                      查看支持的版式 / 校验规则\n\n"
        "退出码：0 无错误；1 有错误；2 输入无法使用（超过总时限也是：单个报告的命令 300 秒，check 与 merge 3600 秒，"
        "可用环境变量 XXGK_TIME_LIMIT 调整，单位为秒）。",
        "Tools for the annual government information disclosure report (政府信息公开工作年度报告): write the locked "
        "Excel template; read filled workbooks; check a report against the official format, its balances and its "
        "prose; write the publishable document; read published reports back; check and add up many reports at "
        "once; convert between workbooks, JSON and CSV.\n\n"
        "Exit codes: 0 no error, 1 errors found, 2 input unusable (also when a command runs past its time limit: 300 s "
        "for one report, 3600 s for check and merge; set XXGK_TIME_LIMIT in seconds).",
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _echo(text="", err: bool = False, nl: bool = True, json_text: bool = False) -> None:
    """Everything a command prints goes through here: text that came from inputs (agency and file
    names, cell texts, messages quoting them) may hold ESC, OSC, BEL or CR, which a terminal obeys."""
    from .io.inputs import terminal_safe, terminal_safe_json

    typer.echo(terminal_safe_json(text) if json_text else terminal_safe(text), err=err, nl=nl)


def _emit(lines) -> None:
    """Print a renderer's lines (`render.lines.Line`), each to its stream, in order."""
    for line in lines:
        _echo(line.text, err=line.err)


def _wrote(paths, err: bool = False) -> None:
    from .render.lines import wrote

    _emit(wrote(paths, UI, err))


def _fail(err, lang: str = "zh") -> "typer.Exit":
    _echo(("错误：" if lang == "zh" else "error: ") + err.message(lang), err=True)
    return typer.Exit(err.exit_code)


def _run(fn, lang: str = "zh", budget: float = SINGLE_FILE_BUDGET):
    """Run a command body within its time budget: input problems and a breached budget exit 2 with a
    message, never a traceback; whatever was being written is rolled back by the writers."""
    from .errors import InputError

    limit = time_limit(budget)
    try:
        with time_budget(limit):
            return fn()
    except InputError as e:
        raise _fail(e, lang) from None
    except OutOfTime:
        _echo(_h(f"错误：命令运行超过总时限（{limit:g} 秒），已停止，没有写入任何文件。"
                 f"如确需更长时间，请设置环境变量 XXGK_TIME_LIMIT（秒）。",
                 f"error: the command ran longer than its time limit ({limit:g} s) and was stopped; nothing was written. "
                 f"Set XXGK_TIME_LIMIT (seconds) to allow more."), err=True)
        raise typer.Exit(2) from None
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as e:  # a defect of ours: say so plainly, without a traceback
        msg = _h("内部错误（请将此信息报告给维护者）", "internal error (please report it)")
        _echo(f"{msg}: {type(e).__name__}: {e}", err=True)
        raise typer.Exit(3) from None


LANG_OPT = typer.Option(Lang.zh, "--lang", help=_h("消息语言：zh 中文，en 英文", "message language"))
FORCE_OPT = typer.Option(False, "--force", help=_h("覆盖已存在的输出文件（默认拒绝覆盖）", "overwrite existing outputs (refused by default)"))


@app.command()
def validate(
    report: Path = typer.Argument(..., help=_h("报告文件：填好的工作簿（.xlsx）、报告 JSON、逐格 CSV 或已发布的文档", "filled workbook (.xlsx), report JSON, tidy CSV or a published document"), show_default=False),
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
        from .render import result_text

        result, explained = (api.validate_file_explained(report, previous, config) if explain
                             else (api.validate_file(report, previous, config), None))
        if fmt is OutFormat.json:
            _echo(result_text.render_json(result, explained, lang.value), nl=False, json_text=True)
        else:
            _echo(result_text.render_explained(result, explained, lang.value), nl=False)
        raise typer.Exit(result.exit_code)

    _run(body, lang.value)


@app.command()
def convert(
    source: Path = typer.Argument(..., help=_h("输入文件：填好的工作簿（.xlsx）、报告 JSON、逐格 CSV 或已发布的文档", "input: filled workbook (.xlsx), report JSON, tidy CSV or a published document"), show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help=_h("输出文件，格式由扩展名决定（.json、.csv 或 .xlsx）", "output file; format from its extension (.json, .csv or .xlsx)"), show_default=False),
    force: bool = FORCE_OPT,
    lang: Lang = LANG_OPT,
):
    """在工作簿、报告 JSON 与逐格 CSV 之间转换（也可把已发布的文档转为数据）。

    CSV 为 UTF-8（带 BOM），每个单元格一行，Excel 可直接打开；没有代码列的 CSV 按表格标签识别。

    示例：xxgk convert examples/dehui-2020.json -o out/dehui-2020.csv
    """

    def body():
        from . import api

        path = api.convert(source, output, force=force)
        _wrote([path])

    _run(body, lang.value)


@app.command("report")
def report_cmd(
    source: Path = typer.Argument(..., help=_h("报告数据：报告 JSON 或逐格 CSV", "report data: report JSON or tidy CSV"), show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help=_h("输出文件，格式由扩展名决定：.docx .html .md .txt .pdf", "output file; format from its extension: .docx .html .md .txt .pdf"), show_default=False),
    pdf: bool = typer.Option(False, "--pdf", help=_h("同时用 LibreOffice 生成同名 PDF", "also write a PDF beside it (needs LibreOffice)")),
    template_dir: Optional[Path] = typer.Option(None, "--template-dir", help=_h("自定义模板文件夹（复制 templates/report 后修改；缺少的文件用内置模板）", "folder with customised templates (a copy of templates/report)")),
    allow_errors: bool = typer.Option(False, "--allow-errors", help=_h("报告有错误（或未填写）时也照样生成（默认拒绝，退出码 1）", "write the report even if it has errors or is not filled in (refused by default, exit 1)")),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help=_h("规则配置文件（TOML/JSON），与 xxgk validate 相同", "rule configuration (TOML/JSON), as for validate")),
    force: bool = FORCE_OPT,
    lang: Lang = LANG_OPT,
):
    """生成可发布的年度报告：Word（公文格式）、HTML、Markdown、纯文本或 PDF。

    标题、正文各部分、三张统计表（官方表头与合并单元格）、省级附加项和落款均按报告数据生成；
    措辞与样式可在模板文件夹中修改。生成前先校验：报告有错误或未填写时不生成，
    列出错误数和前几个错误，退出码为 1；加 --allow-errors 时照样生成，并在 stderr 提示错误数。

    示例：xxgk report examples/sample-county-2024.json -o 报告.docx --pdf
    """

    def body():
        from . import api
        from .config import Config
        from .render import publish_text

        api._report_outputs(output, pdf, force, inputs=[source])  # before reading anything
        data = api.load_report(source)
        try:
            done = api.publish_report(data, output, allow_errors=allow_errors, config=Config.load(config),
                                      force=force, template_dir=template_dir, pdf=pdf, inputs=[source])
        except api.NotPublishable as e:
            _emit(publish_text.render_refused(e, lang.value))
            raise typer.Exit(e.exit_code) from None
        _emit(publish_text.render(done, lang.value, ui=UI))

    _run(body, lang.value)


@app.command()
def editions(
    fmt: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help=_h("输出：text 或 json", "output format")),
):
    """列出支持的版式（含文号、适用年度、表格）与省级扩展。"""

    def body():
        from .render.editions import render_json, render_text

        _echo(render_json() if fmt is OutFormat.json else render_text(), nl=False, json_text=fmt is OutFormat.json)

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

        _echo(render_json(lang.value) if fmt is OutFormat.json else render_text(lang.value), nl=False, json_text=fmt is OutFormat.json)

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
        from .render import import_text

        done = api.import_file(source, output, force=force)
        _emit(import_text.render(done, lang.value))
        raise typer.Exit(done.exit_code)

    _run(body, lang.value)


@app.command("read")
def read_cmd(
    source: Path = typer.Argument(..., help=_h("填好的工作簿（.xlsx）", "filled workbook (.xlsx)"), show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help=_h("输出的报告数据：.json 或 .csv", "report data to write: .json or .csv"), show_default=False),
    force: bool = FORCE_OPT,
    lang: Lang = LANG_OPT,
):
    """读取填好的工作簿，导出为报告数据（JSON 或逐格 CSV）。

    本工具生成的模板按其单元格映射读取；其他工作簿（手工制表、旧模板、外省表样）按官方表格标签识别。
    合计与校验一律按分项重新计算，不采信文件中保存的结果；公式被覆盖、工作表被改名等情况会在检查时报告。
    加密、.xls/.et、.ods、含宏或“严格 Open XML”格式的文件会给出另存为 .xlsx 的提示（退出码 2）。

    示例：xxgk read 财政局2024.xlsx -o 财政局2024.json
    """

    def body():
        from . import api
        from .render import import_text

        _emit(import_text.render_read(api.read_file(source, output, force=force), UI))

    _run(body, lang.value)


@app.command()
def fill(
    source: Path = typer.Argument(..., help=_h("报告数据：报告 JSON、逐格 CSV 或已发布的文档", "report data: JSON, tidy CSV or a published document"), show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help=_h("输出的工作簿（.xlsx）", "workbook to write (.xlsx)"), show_default=False),
    password: Optional[str] = typer.Option(None, "--password", help=_h("工作表与工作簿结构的保护密码", "protection password")),
    force: bool = FORCE_OPT,
    lang: Lang = LANG_OPT,
):
    """把报告数据填入对应版式的模板，得到一份填好的工作簿（与 xxgk read 互逆）。

    合计单元格仍是公式，“校验”表显示这份数据的校验结果。

    示例：xxgk fill examples/sample-county-2024.json -o out/示例县2024.xlsx
    """

    def body():
        from . import api

        _wrote([api.fill(source, output, password, force=force).path])

    _run(body, lang.value)


class KindOpt(str, Enum):
    department = "department"
    government = "government"
    other = "other"


@app.command()
def template(
    output: Path = typer.Option(..., "--output", "-o", help=_h("输出的模板文件（.xlsx）", "template file to write (.xlsx)"), show_default=False),
    edition: Optional[str] = typer.Option(None, "--edition", "-e", help=_h("版式：2021（2021年度起）或 2019（2019、2020年度）；默认随 --year 确定，都不填时为 2021；见 xxgk editions", "edition: 2021 or 2019 (default: the one the year prescribes, else 2021; see xxgk editions)"), show_default=False),
    force_edition: bool = typer.Option(False, "--force-edition", help=_h("允许 --edition 与 --year 规定的版式不一致（默认拒绝）", "allow an --edition that the --year does not prescribe (refused by default)")),
    year: Optional[int] = typer.Option(None, "--year", "-y", help=_h("报告年度，四位数字，如 2024（不填则由填报人填写）", "report year, four digits")),
    agency: Optional[str] = typer.Option(None, "--agency", "-a", help=_h("报告单位全称", "reporting agency")),
    kind: Optional[KindOpt] = typer.Option(None, "--kind", help=_h("单位类型：department 部门（1月31日前发布），government 地方人民政府（3月31日前），other 乡镇街道等", "agency kind (sets the publication deadline)")),
    profile: Optional[str] = typer.Option(None, "--profile", help=_h("地方补充格式，如 jilin（见 xxgk editions）", "provincial profile, e.g. jilin")),
    password: Optional[str] = typer.Option(None, "--password", help=_h("工作表与工作簿结构的保护密码（默认无密码，仅防误改）", "protection password (default: none, protection only prevents accidents)")),
    previous: Optional[Path] = typer.Option(None, "--previous", "-p", help=_h("上一年度的报告（JSON、CSV 或已填写的工作簿）：预填表三“二、上年结转”，并加入跨年度校验", "last year's report: pre-fills 上年结转 and adds the cross-year checks")),
    force: bool = FORCE_OPT,
    lang: Lang = LANG_OPT,
):
    """生成带保护的 Excel 填报模板：官方表样、合并表头、只开放黄色填写区、公式合计与实时校验。

    工作表依次为：基本信息、一、总体情况、表二、表三、表四、五、六、校验、填报说明。
    “校验”表中每条勾稽关系都有 ✓/✗ 和差额，随填写实时变化；各表顶部显示本表是否通过。

    示例：

      xxgk template -o 2024年报模板.xlsx --year 2024 --agency "某某县财政局" --kind department

      xxgk template -o 2024模板.xlsx --year 2024 --previous 2023.json    预填上年结转

      xxgk template -o 2020模板.xlsx --edition 2019 --profile jilin      2019/2020 版（吉林）
    """

    def body():
        from . import api

        path = api.write_template(output, edition, year=year, agency=agency,
                                  agency_kind=kind.value if kind else None, profile=profile,
                                  password=password, previous=previous, force=force, force_edition=force_edition)
        _wrote([path])

    _run(body, lang.value)


@app.command()
def check(
    inputs: list[Path] = typer.Argument(..., help=_h("要检查的文件夹或文件（报告 JSON、逐格 CSV、Excel 工作簿、已发布的文档）", "folders or files to check"), show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=_h("汇总文件：.xlsx（汇总、问题明细、报送情况）、.json 或 .csv（另写“-问题明细.csv”等同名文件）", "summary file: .xlsx, .json or .csv"), show_default=False),
    previous: Optional[Path] = typer.Option(None, "--previous", "-p", help=_h("上一年度报告所在的文件夹：按单位名称配对，检查跨年度结转（A05–A07）与文字雷同（N09）", "folder of last year's reports, matched by agency name, for the cross-year rules")),
    roster: Optional[Path] = typer.Option(None, "--roster", "-r", help=_h("单位名单（.csv 或 .xlsx，一列“单位名称”）：列出未报送、重复报送和名单外的文件", "roster of agencies (.csv or .xlsx): lists who has not submitted")),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help=_h("并行进程数（默认为 CPU 核数）", "worker processes (default: one per core)")),
    timeout: float = typer.Option(60.0, "--timeout", min=1, help=_h("每个文件的检查时限（秒），超时的文件记为无法读取", "time limit per file in seconds")),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help=_h("在 stderr 显示进度（默认：终端中显示）", "show progress on stderr (default: on a terminal)"), show_default=False),
    fmt: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help=_h("屏幕输出：text 可读文本，json 供程序使用", "output format")),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help=_h("规则配置文件（TOML/JSON）", "rule configuration (TOML/JSON)")),
    force: bool = FORCE_OPT,
    lang: Lang = LANG_OPT,
):
    """批量检查各单位报送的年度报告，并输出汇总表。

    并行检查文件夹中的每一份报告；损坏、无法读取或构造异常的文件单独记为一行并说明原因，不影响其他文件。
    汇总表每个文件一行（状态、错误与警告数、本年新收/办结/结转等关键数字、版式、创建程序），
    另有问题明细（单位、规则、表、行、列、单元格位置、说明）；给出 --roster 时列出未报送、重复报送和名单外的文件。

    退出码：0 全部通过；1 有文件存在错误或无法读取（无法读取也按错误计）；2 没有找到文件、名单无法读取或参数有误。
    未报送和重复报送只在汇总中列出，不影响退出码。

    示例：xxgk check 报送/ --roster 单位名单.csv --previous 2023/ -o 汇总校验.xlsx
    """

    def body():
        from . import api
        from .render import check_text

        show = progress if progress is not None else sys.stderr.isatty()
        done = api.check_folder(inputs, output, previous=previous, roster=roster, jobs=jobs, config=config,
                                lang=lang.value, timeout=timeout, force=force,
                                progress=check_text.progress_printer(lang.value) if show else None)
        if fmt is OutFormat.json:
            _echo(check_text.render_json(done), nl=False, json_text=True)
        else:
            _echo(check_text.render(done, has_output=output is not None), nl=False)
        _wrote(done.written, err=fmt is OutFormat.json)
        raise typer.Exit(done.exit_code)

    _run(body, lang.value, BATCH_BUDGET)


@app.command()
def merge(
    inputs: list[Path] = typer.Argument(..., help=_h("要汇总的报告（文件或文件夹），同一年度、同一版式", "reports to add up (files or folders), one year and edition"), show_default=False),
    agency: str = typer.Option(..., "--agency", "-a", help=_h("汇总报告的机关名称，如“XX市人民政府”", "agency of the summed report"), show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help=_h("汇总结果，格式由扩展名决定（.json、.csv；写入功能就绪后可为 .xlsx）", "output file; format from its extension"), show_default=False),
    year: Optional[int] = typer.Option(None, "--year", "-y", help=_h("报告年度；给出时拒绝其他年度的报告，未填年度的报告按此年度计", "report year; reports of other years are refused")),
    fmt: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help=_h("屏幕输出：text 或 json", "output format")),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help=_h("规则配置文件（TOML/JSON）", "rule configuration (TOML/JSON)")),
    force: bool = FORCE_OPT,
    lang: Lang = LANG_OPT,
):
    """把多个单位同一年度、同一版式的报告逐格相加，得到本地区的汇总数字，并校验汇总结果。

    版式、年度或省级扩展不一致，同一单位出现两次，或有单元格不是数字时拒绝汇总（退出码 2）。
    汇总结果记录计入的单位（meta.extra.merged_from）；正文为空，请另行撰写。
    汇总结果有错误时退出码为 1（通常是某个单位的报告本身不平，会一并列出）。

    示例：xxgk merge 报送/ --agency "XX市人民政府" --year 2024 -o 汇总.json
    """

    def body():
        from . import api
        from .render import merge_text

        done = api.merge(inputs, output, agency, year=year, config=config, force=force)
        if fmt is OutFormat.json:
            _echo(merge_text.render_json(done, lang.value), nl=False, json_text=True)
        else:
            _echo(merge_text.render(done, lang.value), nl=False)
        _wrote([done.path], err=fmt is OutFormat.json)
        raise typer.Exit(done.exit_code)

    _run(body, lang.value, BATCH_BUDGET)


def main() -> None:  # console-script entry point
    app(prog_name="xxgk")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
