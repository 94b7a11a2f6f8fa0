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


def _fail(err, lang: str = "zh") -> "typer.Exit":
    _echo(("错误：" if lang == "zh" else "error: ") + err.message(lang), err=True)
    return typer.Exit(err.exit_code)


SINGLE_FILE_BUDGET = 300.0  # seconds for one report (a PDF through LibreOffice included)
BATCH_BUDGET = 3600.0  # check and merge: many files, each with its own --timeout


class _OutOfTime(BaseException):
    """Raised by the overall timer; a BaseException so that no reader's `except Exception` hides it."""


def _time_limit(default: float) -> float:
    raw = os.environ.get("XXGK_TIME_LIMIT", "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = default
    return value if value > 0 and value == value else default


def _on_alarm(signum, frame):
    raise _OutOfTime()


def _run(fn, lang: str = "zh", budget: float = SINGLE_FILE_BUDGET):
    """Run a command body within its time budget: input problems and a breached budget exit 2 with a
    message, never a traceback; whatever was being written is rolled back by the writers."""
    import signal
    import threading

    from .errors import InputError

    limit = _time_limit(budget)
    timed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGALRM, _on_alarm) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return fn()
    except InputError as e:
        raise _fail(e, lang) from None
    except _OutOfTime:
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
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


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
            _echo(json.dumps(data, ensure_ascii=False, indent=2), json_text=True)
        else:
            from .render.result_text import render

            _echo(render(result, lang.value), nl=False)
            if explained is not None:
                from .render.explain_text import render as render_explain

                _echo(render_explain(explained, lang.value), nl=False)
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
        _echo(_h(f"已写入 {path}", f"wrote {path}"))

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

        api._report_outputs(output, pdf, force, inputs=[source])  # before reading anything
        data = api.load_report(source)
        try:
            done = api.publish_report(data, output, allow_errors=allow_errors, config=Config.load(config),
                                      force=force, template_dir=template_dir, pdf=pdf, inputs=[source])
        except api.NotPublishable as e:
            _print_unpublishable(e, lang.value)
            raise typer.Exit(e.exit_code) from None
        for path in done.paths:
            _echo(_h(f"已写入 {path}", f"wrote {path}"))
        if done.errors:
            from .messages import text

            _echo(text("publish.allowed", lang.value, errors=done.errors), err=True)

    _run(body, lang.value)


def _print_unpublishable(e, lang: str, shown: int = 5) -> None:
    """Why `report` wrote nothing: the error count and the first errors, on stderr."""
    from .findings import Severity
    from .messages import LANGS, text, title

    result = e.result
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    key = "publish.unfilled" if result.unfilled else "publish.refused"
    _echo(text(key, lang, errors=len(errors), path=e.path), err=True)
    sev = LANGS[lang].SEVERITY["error"]
    _echo(text("publish.first", lang, n=min(shown, len(errors))), err=True)
    for f in errors[:shown]:
        colon = "：" if lang == "zh" else ": "
        _echo(f"  [{sev}] {f.rule} {title(f.rule, lang)}{colon}{f.message(lang)}", err=True)
    if len(errors) > shown:
        _echo("  " + text("publish.more", lang, n=len(errors) - shown), err=True)


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
        from .io.files import check_outputs, write_atomic

        api._pick(api.SAVERS, output, "输出", "output")  # the output format before anything is read
        check_outputs([output], force, inputs=[source])
        res = api.import_document(source)
        data = api.report_bytes(res.report, output)
        path = write_atomic(output, data, force=force, inputs=[source])
        en = lang.value == "en"
        ed = res.edition
        _echo((f"layout detected: {ed.name_en} ({ed.document})" if en else f"识别版式：{ed.name}（{ed.document}）"))
        _echo((f"cells read: {len(res.report.cells)}; label deviations: {len(res.report.deviations)}; "
                    f"lines outside the format: {len(res.report.unplaced)}") if en else
                   (f"读取单元格 {len(res.report.cells)} 个；标签不规范 {len(res.report.deviations)} 处；"
                    f"格式以外的内容 {len(res.report.unplaced)} 处"))
        if res.partial:
            _echo("PARTIAL import:" if en else "部分导入：", err=True)
            for p in res.problems:
                _echo("  " + (p.en if en else p.zh), err=True)
            if res.missing:
                _echo("  " + (f"{len(res.missing)} declared cells not found: " if en else f"{len(res.missing)} 个单元格未读到：")
                           + ", ".join(res.missing[:12]) + (" …" if len(res.missing) > 12 else ""), err=True)
        else:
            _echo("complete import" if en else "完整导入")
        _echo(f"wrote {path}" if en else f"已写入 {path}")
        raise typer.Exit(1 if res.partial else 0)

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
        from .io.files import check_outputs, write_atomic

        api._pick(api.SAVERS, output, "输出", "output")
        check_outputs([output], force, inputs=[source])
        report = api.load_report(source)
        data = api.report_bytes(report, output)
        path = write_atomic(output, data, force=force, inputs=[source])
        for note in report.read_notes:
            _echo(note)
        _echo(_h(f"读取单元格 {len(report.cells)} 个；已写入 {path}", f"cells read: {len(report.cells)}; wrote {path}"))

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
        from .io.files import write_atomic
        from .workbook.writer import fill_workbook

        if output.suffix.lower() != ".xlsx":
            from .errors import InputError

            raise InputError("填好的工作簿只能保存为 .xlsx 文件。", "the workbook is written as .xlsx.", path=str(output),
                             code="unsupported-format")
        from .io.files import check_outputs

        check_outputs([output], force, inputs=[source])
        report = api.load_report(source)
        path = write_atomic(output, fill_workbook(report, password), force=force, inputs=[source])
        _echo(_h(f"已写入 {path}", f"wrote {path}"))

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
        _echo(_h(f"已写入 {path}", f"wrote {path}"))

    _run(body, lang.value)


def _progress_printer(lang: str):
    """A one-line progress counter on stderr, redrawn at most ten times a second."""
    import time

    from .batch.texts import t

    state = {"last": 0.0, "width": 0}

    def show(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - state["last"] < 0.1:
            return
        state["last"] = now
        line = t("progress.previous" if stage == "previous" else "progress", lang, done=done, total=total)
        sys.stderr.write("\r" + line + " " * max(0, state["width"] - len(line)))
        state["width"] = len(line)
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


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
        from .batch import check as batch
        from .batch import write
        from .config import Config

        from .io.files import check_outputs

        targets = []
        sources = [p for p in (*inputs, roster, previous) if p is not None and not p.is_dir()]
        if output is not None:
            targets = write.planned_outputs(output, roster is not None, lang.value)
            check_outputs(targets, force, inputs=sources)
        cfg = Config.load(config)
        show = progress if progress is not None else sys.stderr.isatty()
        summary = batch.check(inputs, previous=previous, roster=roster, jobs=jobs, config=cfg, lang=lang.value,
                              timeout=timeout, exclude=targets, progress=_progress_printer(lang.value) if show else None)
        written = write.write_summary(summary, output, force=force, inputs=sources) if output is not None else []
        if fmt is OutFormat.json:
            import json

            _echo(json.dumps(write.to_json(summary), ensure_ascii=False, indent=2), json_text=True)
        else:
            _echo(write.text_summary(summary, has_output=output is not None))
        for path in written:
            _echo(_h(f"已写入 {path}", f"wrote {path}"), err=fmt is OutFormat.json)
        raise typer.Exit(summary.exit_code)

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
        from .batch.merge import merge_files
        from .batch.texts import t
        from .config import Config
        from .errors import InputError, OutputExists
        from .findings import Severity
        from .messages import text, title
        from .batch.write import terminal_safe

        ext = output.suffix.lower()
        if ext not in api.SAVERS:
            if ext in (".xlsx", ".xlsm"):
                raise InputError("本版本尚不能把汇总结果写为 Excel 工作簿；请先输出为 .json 或 .csv。",
                                 "this version cannot write the sum as an Excel workbook yet; write .json or .csv.",
                                 path=str(output), code="unsupported-format")
            api.report_bytes(None, output)  # the usual "unsupported format" message
        from .io.files import check_outputs

        sources = [p for p in inputs if not p.is_dir()]
        check_outputs([output], force, inputs=sources)
        outcome = merge_files(inputs, agency, year, Config.load(config), exclude=[output])
        path = api.save_report(outcome.report, output, force=force, inputs=sources)
        res = outcome.result
        en = lang.value == "en"
        if fmt is OutFormat.json:
            import json

            _echo(json.dumps({"included": [{"file": i.path, "agency": i.agency, "errors": i.errors} for i in outcome.inputs],
                              "result": res.to_dict(lang.value)}, ensure_ascii=False, indent=2), json_text=True)
        else:
            names = [terminal_safe(i.agency or i.path) for i in outcome.inputs]
            shown = ("、" if not en else ", ").join(names[:10]) + ((" …" if en else "等") if len(names) > 10 else "")
            r = outcome.report
            ed = r.edition.name_en if en else r.edition.name
            _echo(t("merge.included", lang.value, n=len(names), year=r.meta.year, edition=ed, names=shown))
            counts = text("summary", lang.value, errors=res.count(Severity.ERROR), warnings=res.count(Severity.WARNING),
                          infos=res.count(Severity.INFO))
            _echo(t("merge.result", lang.value, verdict=text("result.pass" if res.valid else "result.fail", lang.value), counts=counts))
            from .messages import LANGS

            sev = LANGS[lang.value].SEVERITY
            for f in res.findings[:20]:
                _echo(f"  [{sev[f.severity.value]}] {f.rule} {title(f.rule, lang.value)}：{f.message(lang.value)}" if not en else
                           f"  [{sev[f.severity.value]}] {f.rule} {title(f.rule, lang.value)}: {f.message(lang.value)}")
            bad = [i for i in outcome.inputs if i.errors]
            if bad:
                _echo(t("merge.inputs_with_errors", lang.value))
                for i in bad:
                    _echo(f"  {terminal_safe(i.agency or '?')}（{terminal_safe(i.path)}）：{t('sum.n_errors', lang.value, n=i.errors)}")
        _echo(_h(f"已写入 {path}", f"wrote {path}"), err=fmt is OutFormat.json)
        raise typer.Exit(res.exit_code)

    _run(body, lang.value, BATCH_BUDGET)


def main() -> None:  # console-script entry point
    app(prog_name="xxgk")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
