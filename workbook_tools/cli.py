"""`xxgk`: the command line.  Each command parses options, calls one api function, renders, exits.

Exit codes: 0 = no error-level finding, 1 = errors found, 2 = input unusable, 3 = internal error.  Help is in
Chinese (XXGK_LANG=en: English); every text is in messages/cli.py.  Heavy modules and the web stack are
imported inside commands: `xxgk --help` must stay fast."""

from __future__ import annotations

from .cli_help import print_kept

print_kept()  # `xxgk --help` asked before: printed without importing typer (see cli_help.py)

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .budget import BATCH_BUDGET, SINGLE_FILE_BUDGET, OutOfTime, time_budget, time_limit

from .cli_chinese import EN, UI, _Command, _Group, _h, text  # noqa: E402  (after the kept help)


# -- options shared by the commands ----------------------------------------------------------------
# Chinese values are accepted where a user would type them, and mean the same as the English ones
Lang = Enum("Lang", {v: v for v in ("zh", "en", "中文", "英文")}, type=str)
OutFormat = Enum("OutFormat", {v: v for v in ("text", "json", "文本")}, type=str)
KindOpt = Enum("KindOpt", {v: v for v in ("department", "government", "other", "部门", "政府", "其他")}, type=str)
_SAME = {"中文": "zh", "英文": "en", "文本": "text", "部门": "department", "政府": "government", "其他": "other"}


def _value(choice) -> str:
    """The canonical value of an option the user may have typed in Chinese."""
    return _SAME.get(choice.value, choice.value)


app = typer.Typer(name="xxgk", help=_h("cli.app.help"), cls=_Group, no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False, rich_markup_mode=None, options_metavar=_h("cli.metavar.options"),
                  subcommand_metavar=_h("cli.metavar.command"), context_settings={"help_option_names": ["-h", "--help"]})


def _version(value: bool) -> None:
    if value:
        from importlib import metadata

        try:
            v = metadata.version("workbook-tools")
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            from . import __version__ as v
        typer.echo(_h("cli.version", version=v))
        raise typer.Exit(0)


@app.callback()
def _main(show_version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                            help=_h("cli.opt.version"))) -> None:
    pass


def command(name: str):
    """A command whose help and option list are in the interface language."""
    return app.command(name, cls=_Command, help=_h(f"cli.{name}.help"), options_metavar=_h("cli.metavar.options"))


def _echo(message="", err: bool = False, nl: bool = True, json_text: bool = False) -> None:
    """Everything a command prints goes through here: text that came from inputs (agency and file
    names, cell texts, messages quoting them) may hold ESC, OSC, BEL or CR, which a terminal obeys."""
    from .io.inputs import terminal_safe, terminal_safe_json

    typer.echo(terminal_safe_json(message) if json_text else terminal_safe(message), err=err, nl=nl)


def _emit(lines) -> None:
    """Print a renderer's lines (`render.lines.Line`), each to its stream, in order."""
    for line in lines:
        _echo(line.text, err=line.err)


def _api():
    from . import api
    return api


def _wrote(paths, lang: str, err: bool = False) -> None:
    from .render.lines import wrote
    _emit(wrote(paths, lang, err))


def _run(fn, lang: str = UI, budget: float = SINGLE_FILE_BUDGET):
    """Run a command body within its time budget: input problems and a breached budget exit 2 with a
    message, never a traceback; whatever was being written is rolled back by the writers."""
    from .errors import InputError
    limit = time_limit(budget)
    try:
        with time_budget(limit):
            return fn()
    except InputError as e:
        _echo(text("cli.error", lang, message=e.message(lang)), err=True)
        raise typer.Exit(e.exit_code) from None
    except OutOfTime:
        _echo(text("cli.timeout", lang, limit=f"{limit:g}"), err=True)
        raise typer.Exit(2) from None
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as e:  # a defect of ours: say so plainly, without a traceback
        _echo(text("cli.internal", lang, detail=f"{type(e).__name__}: {e}"), err=True)
        raise typer.Exit(3) from None


LANG_OPT = typer.Option(Lang.en if EN else Lang.zh, "--lang", help=_h("cli.opt.lang"))
FORCE_OPT = typer.Option(False, "--force", help=_h("cli.opt.force"))
CONFIG_OPT = typer.Option(None, "--config", "-c", help=_h("cli.opt.config"))
FORMAT_OPT = typer.Option(OutFormat.text, "--format", "-f", help=_h("cli.opt.format"))


def _arg(key: str, metavar: str):
    return typer.Argument(..., help=_h(key), show_default=False, metavar=_h(f"cli.metavar.{metavar}"))


def _out(key: str):
    return typer.Option(..., "--output", "-o", help=_h(key), show_default=False)


@command("validate")
def validate(
    report: Path = _arg("cli.validate.report", "report"),
    previous: Optional[Path] = typer.Option(None, "--previous", "-p", help=_h("cli.validate.previous")),
    fmt: OutFormat = FORMAT_OPT,
    lang: Lang = LANG_OPT,
    config: Optional[Path] = CONFIG_OPT,
    explain: bool = typer.Option(False, "--explain", help=_h("cli.validate.explain")),
):
    lang = _value(lang)
    def body():
        from . import api
        from .render import result_text
        result, explained = (api.validate_file_explained(report, previous, config) if explain
                             else (api.validate_file(report, previous, config), None))
        if fmt.value == "json":
            _echo(result_text.render_json(result, explained, lang), nl=False, json_text=True)
        else:
            _echo(result_text.render_explained(result, explained, lang), nl=False)
        raise typer.Exit(result.exit_code)
    _run(body, lang)


@command("convert")
def convert(
    source: Path = _arg("cli.convert.source", "input"),
    output: Path = _out("cli.convert.output"),
    force: bool = FORCE_OPT, lang: Lang = LANG_OPT,
):
    lang = _value(lang)
    _run(lambda: _wrote([_api().convert(source, output, force=force)], lang), lang)


@command("report")
def report_cmd(
    source: Path = _arg("cli.report.source", "report"),
    output: Path = _out("cli.report.output"),
    pdf: bool = typer.Option(False, "--pdf", help=_h("cli.report.pdf")),
    figure: Optional[Path] = typer.Option(None, "--figure", help=_h("cli.report.figure"), show_default=False),
    template_dir: Optional[Path] = typer.Option(None, "--template-dir", help=_h("cli.report.template-dir")),
    allow_errors: bool = typer.Option(False, "--allow-errors", help=_h("cli.report.allow-errors")),
    config: Optional[Path] = CONFIG_OPT, force: bool = FORCE_OPT, lang: Lang = LANG_OPT,
):
    lang = _value(lang)
    def body():
        from . import api
        from .config import Config
        from .render import publish_text
        from .render.figure_svg import check_figure_output, figure_bytes
        planned = api._report_outputs(output, pdf, force, inputs=[source])  # before reading anything
        if figure is not None:
            check_figure_output(figure, force, inputs=[source], beside=planned)
        data = api.load_report(source)
        # the picture is drawn (and converted) before anything is written
        picture = figure_bytes(data, figure, lang) if figure is not None else None
        try:
            done = api.publish_report(data, output, allow_errors=allow_errors, config=Config.load(config),
                                      force=force, template_dir=template_dir, pdf=pdf, inputs=[source])
        except api.NotPublishable as e:
            _emit(publish_text.render_refused(e, lang))
            raise typer.Exit(e.exit_code) from None
        _emit(publish_text.render(done, lang, ui=lang))
        if picture is not None:
            from .io.files import write_atomic
            _wrote([write_atomic(figure, picture, force=force, inputs=[source])], lang)
    _run(body, lang)


@command("compare")
def compare_cmd(
    this: Path = _arg("cli.compare.this", "this"),
    previous: Path = typer.Option(..., "--previous", "-p", help=_h("cli.compare.previous"), show_default=False),
    output: Path = _out("cli.compare.output"),
    force: bool = FORCE_OPT, lang: Lang = LANG_OPT,
):
    lang = _value(lang)
    def body():
        from .compare import compare
        from .render import compare_text
        done = compare(this, previous, output, force=force, lang=lang)
        _emit(compare_text.render(done, lang))
        raise typer.Exit(done.exit_code)
    _run(body, lang)


@command("editions")
def editions(fmt: OutFormat = FORMAT_OPT):
    def body():
        from .render.editions import render_json, render_text
        _echo(render_json() if fmt.value == "json" else render_text(), nl=False, json_text=fmt.value == "json")
    _run(body)


@command("rules")
def rules(fmt: OutFormat = FORMAT_OPT, lang: Lang = LANG_OPT):
    lang = _value(lang)
    def body():
        from .render.rules import render_json, render_text
        _echo(render_json(lang) if fmt.value == "json" else render_text(lang), nl=False, json_text=fmt.value == "json")
    _run(body, lang)


@command("import")
def import_(
    source: Path = _arg("cli.import.source", "published"),
    output: Path = _out("cli.import.output"),
    force: bool = FORCE_OPT, lang: Lang = LANG_OPT,
):
    lang = _value(lang)
    def body():
        from . import api
        from .render import import_text
        done = api.import_file(source, output, force=force)
        _emit(import_text.render(done, lang))
        raise typer.Exit(done.exit_code)
    _run(body, lang)


@command("read")
def read_cmd(
    source: Path = _arg("cli.read.source", "workbook"),
    output: Path = _out("cli.read.output"),
    force: bool = FORCE_OPT, lang: Lang = LANG_OPT,
):
    lang = _value(lang)
    def body():
        from .render import import_text
        _emit(import_text.render_read(_api().read_file(source, output, force=force), lang))
    _run(body, lang)


@command("fill")
def fill(
    source: Path = _arg("cli.fill.source", "report"),
    output: Path = _out("cli.fill.output"),
    password: Optional[str] = typer.Option(None, "--password", help=_h("cli.opt.password")),
    force: bool = FORCE_OPT, lang: Lang = LANG_OPT,
):
    lang = _value(lang)
    _run(lambda: _wrote([_api().fill(source, output, password, force=force).path], lang), lang)


@command("template")
def template(
    output: Path = _out("cli.template.output"),
    edition: Optional[str] = typer.Option(None, "--edition", "-e", help=_h("cli.template.edition"), show_default=False),
    force_edition: bool = typer.Option(False, "--force-edition", help=_h("cli.template.force-edition")),
    year: Optional[int] = typer.Option(None, "--year", "-y", help=_h("cli.template.year")),
    agency: Optional[str] = typer.Option(None, "--agency", "-a", help=_h("cli.template.agency")),
    kind: Optional[KindOpt] = typer.Option(None, "--kind", help=_h("cli.template.kind")),
    profile: Optional[str] = typer.Option(None, "--profile", help=_h("cli.template.profile")),
    password: Optional[str] = typer.Option(None, "--password", help=_h("cli.opt.password")),
    previous: Optional[Path] = typer.Option(None, "--previous", "-p", help=_h("cli.template.previous")),
    force: bool = FORCE_OPT, lang: Lang = LANG_OPT,
):
    lang = _value(lang)
    edition = edition.strip().removesuffix("版") if edition else edition  # «2021版», as a user writes it

    def body():
        from . import api
        path = api.write_template(output, edition, year=year, agency=agency,
                                  agency_kind=_value(kind) if kind else None, profile=profile,
                                  password=password, previous=previous, force=force, force_edition=force_edition)
        _wrote([path], lang)
    _run(body, lang)


@command("check")
def check(
    inputs: list[Path] = _arg("cli.check.inputs", "files"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=_h("cli.check.output"), show_default=False),
    previous: Optional[Path] = typer.Option(None, "--previous", "-p", help=_h("cli.check.previous")),
    roster: Optional[Path] = typer.Option(None, "--roster", "-r", help=_h("cli.check.roster")),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help=_h("cli.check.jobs")),
    timeout: float = typer.Option(60.0, "--timeout", min=1, help=_h("cli.check.timeout")),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help=_h("cli.check.progress"), show_default=False),
    fmt: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help=_h("cli.check.format")),
    deadline: Optional[str] = typer.Option(None, "--deadline", help=_h("cli.check.deadline"), show_default=False),
    config: Optional[Path] = CONFIG_OPT, force: bool = FORCE_OPT, lang: Lang = LANG_OPT,
):
    lang = _value(lang)
    def body():
        from . import api
        from .render import check_text
        show = progress if progress is not None else sys.stderr.isatty()
        done = api.check_folder(inputs, output, previous=previous, roster=roster, jobs=jobs, config=config,
                                lang=lang, timeout=timeout, force=force, deadline=deadline,
                                progress=check_text.progress_printer(lang) if show else None)
        if fmt.value == "json":
            _echo(check_text.render_json(done), nl=False, json_text=True)
        else:
            _echo(check_text.render(done, has_output=output is not None), nl=False)
        _wrote(done.written, lang, err=fmt.value == "json")
        raise typer.Exit(done.exit_code)
    _run(body, lang, BATCH_BUDGET)


@command("merge")
def merge(
    inputs: list[Path] = _arg("cli.merge.inputs", "files"),
    agency: str = typer.Option(..., "--agency", "-a", help=_h("cli.merge.agency"), show_default=False),
    output: Path = _out("cli.merge.output"),
    year: Optional[int] = typer.Option(None, "--year", "-y", help=_h("cli.merge.year")),
    fmt: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help=_h("cli.check.format")),
    deadline: Optional[str] = typer.Option(None, "--deadline", help=_h("cli.check.deadline"), show_default=False),
    config: Optional[Path] = CONFIG_OPT, force: bool = FORCE_OPT, lang: Lang = LANG_OPT,
):
    lang = _value(lang)
    def body():
        from . import api
        from .render import merge_text
        done = api.merge(inputs, output, agency, year=year, config=config, force=force)
        if fmt.value == "json":
            _echo(merge_text.render_json(done, lang), nl=False, json_text=True)
        else:
            _echo(merge_text.render(done, lang), nl=False)
        _wrote([done.path], lang, err=fmt.value == "json")
        raise typer.Exit(done.exit_code)
    _run(body, lang, BATCH_BUDGET)


@command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help=_h("cli.serve.host")),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help=_h("cli.serve.port")),
    data: Path = typer.Option(Path("xxgk-data"), "--data", help=_h("cli.serve.data")),
    db: Optional[str] = typer.Option(None, "--db", help=_h("cli.serve.db"), show_default=False),
    demo: bool = typer.Option(False, "--demo", help=_h("cli.serve.demo")),
    secure_cookies: bool = typer.Option(False, "--secure-cookies", envvar="XXGK_SECURE_COOKIES",
                                        help=_h("cli.serve.secure_cookies")),
    lang: Lang = LANG_OPT,
):
    lang = _value(lang)  # and no time budget: a server runs until it is stopped
    try:
        from .web.serve import main as serve_main
    except ImportError as e:  # the web extra is not installed (or the module is missing)
        _echo(text("cli.serve-missing", lang, detail=str(e)), err=True)
        raise typer.Exit(2) from None
    code = serve_main(host=host, port=port, data=data, db=db, demo=demo, lang=lang, secure_cookies=secure_cookies)
    raise typer.Exit(int(code or 0))


def main() -> None:  # console-script entry point
    from .cli_help import show_and_keep, wanted

    if wanted():
        show_and_keep(app)  # and exit
    app(prog_name="xxgk")
