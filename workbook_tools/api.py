"""The library's public surface.  The CLI is a thin shell over these functions.

Readers and writers are registered by file extension as ``"module:function"`` strings and imported
only when used, so that start-up stays fast and a new format is one line here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Callable

from .config import Config
from .errors import InputError, input_error, pair  # noqa: F401  (InputError: part of the API)
from .findings import Result
from .editions import get_edition, get_profile
from .model import Report

# extension → loader(path) -> Report
LOADERS: dict[str, str] = {
    ".json": "workbook_tools.io.report_json:load",
    ".csv": "workbook_tools.io.tidy_csv:load",
    # published documents, read by label (importers/, issue 6)
    ".txt": "workbook_tools.importers.text:load",
    ".md": "workbook_tools.importers.markdown:load",
    ".html": "workbook_tools.importers.html:load",
    ".htm": "workbook_tools.importers.html:load",
    ".docx": "workbook_tools.importers.docx:load",
    ".pdf": "workbook_tools.importers.pdf:load",
    # workbooks: the template's cell map, else the official labels (workbook/reader.py); the other
    # spreadsheet extensions go to the same reader so that pre-flight can say what to do with them
    ".xlsx": "workbook_tools.workbook.reader:load",
    ".xlsm": "workbook_tools.workbook.reader:load",
    ".xls": "workbook_tools.workbook.reader:load",
    ".et": "workbook_tools.workbook.reader:load",
    ".ods": "workbook_tools.workbook.reader:load",
}
# extension → writer(report) -> bytes, for data formats (documents are written by `render_report`)
SAVERS: dict[str, str] = {
    ".json": "workbook_tools.io.report_json:dump_bytes",
    ".csv": "workbook_tools.io.tidy_csv:report_to_csv",
    ".xlsx": "workbook_tools.workbook.writer:fill_workbook",
}
# extension → renderer(report, templates) -> bytes, for the publishable report (`render_report`)
RENDERERS: dict[str, str] = {
    ".docx": "workbook_tools.render.report_docx:render",
    ".html": "workbook_tools.render.report_html:render",
    ".htm": "workbook_tools.render.report_html:render",
    ".md": "workbook_tools.render.report_markdown:render",
    ".txt": "workbook_tools.render.report_text:render",
    ".pdf": "workbook_tools.render.report_pdf:render",
}


def _resolve(spec: str) -> Callable:
    module, func = spec.split(":")
    return getattr(import_module(module), func)


def _pick(table: dict[str, str], path, what: str) -> Callable:
    ext = Path(path).suffix.lower()
    if ext not in table:
        raise input_error("unsupported-format", path=path, what=pair(f"what.{what}"), ext=ext or pair("no-extension"),
                          known=list(table))
    return _resolve(table[ext])


# extension → where the reader of that format declares the largest file it reads (a bigger file is refused
# by its size before a byte is read); the text formats share the input layer's default
_SIZE_LIMITS = {
    ".html": "workbook_tools.importers.html:MAX_HTML", ".htm": "workbook_tools.importers.html:MAX_HTML",
    ".docx": "workbook_tools.importers.docx:MAX_DOCX", ".pdf": "workbook_tools.importers.pdf:MAX_PDF_BYTES",
    **{ext: "workbook_tools.workbook.preflight:MAX_FILE" for ext in (".xlsx", ".xlsm", ".xls", ".et", ".ods")},
}


def input_limit(path: str | os.PathLike) -> int:
    from .io.inputs import DEFAULT_LIMIT

    spec = _SIZE_LIMITS.get(Path(path).suffix.lower())
    return _resolve(spec) if spec else DEFAULT_LIMIT


def load_report(path: str | os.PathLike) -> Report:
    """Read a report from a file; the format follows the extension.  Only a regular file within the
    format's size limit reaches a reader (a FIFO, a device, a symlink loop or a huge file is an
    InputError first)."""
    from .io.inputs import check_input

    loader = _pick(LOADERS, path, "input")
    check_input(path, input_limit(path))
    report = loader(Path(path))
    report.note_cleaned_text()  # text XML cannot hold was replaced: say so, whatever the format
    return report


def report_bytes(report: Report, path: str | os.PathLike) -> bytes:
    return _pick(SAVERS, path, "output")(report)


def save_report(report: Report, path: str | os.PathLike, force: bool = False, inputs=()) -> Path:
    """Write a report as data; the format follows the extension.  Refuses to overwrite unless `force`,
    and to write over any of `inputs`."""
    from .io.files import write_atomic

    return write_atomic(path, report_bytes(report, path), force=force, inputs=inputs)


def refuse_same_file(src: str | os.PathLike, dst: str | os.PathLike) -> None:
    """An output may never replace its own input (nor a link to it), even with --force."""
    from .io.files import check_outputs

    check_outputs([dst], force=True, inputs=[src])


def convert(src: str | os.PathLike, dst: str | os.PathLike, force: bool = False) -> Path:
    from .io.files import check_outputs

    _pick(SAVERS, dst, "output")
    check_outputs([dst], force, inputs=[src])
    report = load_report(src)
    return save_report(report, dst, force=force, inputs=[src])


def validate_report(report: Report, previous: Report | None = None, config: Config | None = None) -> Result:
    from .validate import validate

    return validate(report, previous, config)


def validate_file(path, previous=None, config_path=None) -> Result:
    report = load_report(path)
    prev = load_report(previous) if previous else None
    return validate_report(report, prev, Config.load(config_path))


def explain_report(report: Report) -> list:
    """Every figure and claim found in the narrative and how it was compared with the tables."""
    from .narrative.explain import explain

    return explain(report)


def validate_file_explained(path, previous=None, config_path=None) -> tuple[Result, list]:
    """`validate_file` plus `explain_report` of the same report (read once)."""
    report = load_report(path)
    prev = load_report(previous) if previous else None
    return validate_report(report, prev, Config.load(config_path)), explain_report(report)


def render_bytes(report: Report, path: str | os.PathLike, template_dir: str | os.PathLike | None = None) -> bytes:
    """The publishable report in the format of `path`'s extension, as bytes (nothing is written)."""
    from .render.templates import Templates

    renderer = _pick(RENDERERS, path, "report")
    return renderer(report, Templates.load(template_dir))


def _report_outputs(target: Path, pdf: bool, force: bool, inputs=()) -> list[Path]:
    """The files `render_report` would write; refuses an unknown format, an existing file (unless
    `force`), an input or a link to one, or a name the file system cannot hold, before anything is
    rendered."""
    from .io.files import check_outputs

    _pick(RENDERERS, target, "report")
    outputs = [target]
    if pdf and target.suffix.lower() != ".pdf":
        outputs.append(target.with_suffix(".pdf"))
    return check_outputs(outputs, force, inputs)


def render_report(report: Report, path: str | os.PathLike, force: bool = False,
                  template_dir: str | os.PathLike | None = None, pdf: bool = False, inputs=()) -> list[Path]:
    """Write the publishable report (format from the extension) and, with `pdf`, a PDF beside it.

    Everything that can fail is checked before the first byte is written: the format, existing
    outputs (unless `force`), the templates, and LibreOffice when a PDF is wanted.  Both files are
    one set: written together or not at all.  The report is not validated here: `publish_report` does
    that.
    """
    from .io.files import write_outputs
    from .render.templates import Templates

    outputs = _report_outputs(Path(path), pdf, force, inputs)
    wants_pdf = any(out.suffix.lower() == ".pdf" for out in outputs)
    if wants_pdf:
        from .render.report_pdf import require_soffice

        require_soffice()
    templates = Templates.load(template_dir)
    rendered: dict[Path, bytes] = {}
    for out in outputs:
        if out.suffix.lower() != ".pdf":
            rendered[out] = _resolve(RENDERERS[out.suffix.lower()])(report, templates)
    for out in outputs:
        if out.suffix.lower() == ".pdf":
            from .render import report_docx, report_pdf

            docx = next((d for o, d in rendered.items() if o.suffix.lower() == ".docx"), None)
            if docx is None:
                docx = report_docx.render(report, templates)
            rendered[out] = report_pdf.docx_to_pdf(docx, near=out)
    return write_outputs([(out, rendered[out]) for out in outputs], force=force, inputs=inputs)


class NotPublishable(Exception):
    """The report has error-level findings (an unfilled template among them): nothing was written.
    Exit code 1, like `validate` on the same report."""

    exit_code = 1

    def __init__(self, result: Result, path: str | os.PathLike):
        super().__init__(f"{path}: not written, the report has errors")
        self.result = result
        self.path = Path(path)


@dataclass
class Published:
    paths: list[Path]
    result: Result  # the validation the publication was checked against

    @property
    def errors(self) -> int:
        from .findings import Severity

        return self.result.count(Severity.ERROR)


def publish_report(report: Report, path: str | os.PathLike, *, allow_errors: bool = False,
                   config: Config | None = None, force: bool = False,
                   template_dir: str | os.PathLike | None = None, pdf: bool = False, inputs=()) -> Published:
    """`render_report` after validating: a report with errors (or never filled in) is refused with
    `NotPublishable` unless `allow_errors`, so that nobody publishes unbalanced tables by accident."""
    _report_outputs(Path(path), pdf, force, inputs)  # a wrong format or an existing file is said first
    result = validate_report(report, None, config)
    if not result.valid and not allow_errors:
        raise NotPublishable(result, path)
    paths = render_report(report, path, force=force, template_dir=template_dir, pdf=pdf, inputs=inputs)
    return Published(paths, result)


def write_template(path: str | os.PathLike, edition: str | None = None, *, year: int | None = None,
                   agency: str | None = None, agency_kind: str | None = None, profile: str | None = None,
                   password: str | None = None, previous: str | os.PathLike | None = None,
                   force: bool = False, force_edition: bool = False) -> Path:
    """Write the locked Excel template of an edition.  The edition follows `year` unless given (and a
    given edition that the year does not prescribe needs `force_edition`); without either, the newest
    official edition.
    `previous` (last year's report, any readable format) pre-fills 二、上年结转 of table 三 and adds
    the cross-year checks."""
    from .io.files import write_atomic
    from .workbook.writer import build_template

    if Path(path).suffix.lower() != ".xlsx":
        raise input_error("unsupported-format.template", path=path)
    from .io.files import check_outputs

    inputs = [previous] if previous is not None else []
    check_outputs([path], force, inputs)
    edition = _template_edition(edition, year)
    from .editions import UnknownEdition, edition_for_year, editions, profiles

    known = [x.id for x in editions() if x.official] + [p.id for p in profiles()]
    try:
        ed, _ = get_edition(edition), get_profile(profile)
    except UnknownEdition as e:
        raise input_error("unknown-edition", name=e.args[0], known=known) from None
    if not ed.official:
        raise input_error("unofficial-edition", name=(ed.name, ed.name_en), known=known)
    if year is not None and not ed.prescribed_for(year) and not force_edition:
        want = edition_for_year(year)
        raise input_error("edition-year", year=year, layout=(ed.name, ed.name_en), want=(want.name, want.name_en),
                          want_document=want.document)
    last = load_report(previous) if previous is not None else None
    if last is not None and year is not None and last.meta.year not in (None, year - 1):
        raise input_error("previous-year", path=previous, last=last.meta.year, year=year)
    data = build_template(edition, year=year, agency=agency, agency_kind=agency_kind, profile=profile,
                          password=password, previous=last)
    return write_atomic(path, data, force=force, inputs=inputs)


def _template_edition(edition: str | None, year: int | None) -> str:
    """The edition to build: the one given, else the one the (plausible) year prescribes, else the
    newest official one."""
    from .years import first_year, last_year, plausible_year

    if year is not None and not plausible_year(year):
        raise input_error("implausible-year", year=year, first=first_year(), last=last_year())
    if edition is not None:
        return edition
    from .editions import default_edition, edition_for_year

    return (edition_for_year(year) if year is not None else default_edition()).id


def import_document(path: str | os.PathLike):
    """Read a published report (.txt .html .htm .docx .pdf) by label: an `ImportResult` with the report,
    the layout detected and what could not be aligned (`partial`)."""
    from .importers import read
    from .io.inputs import check_input

    check_input(path, input_limit(path))
    return read(path)


# -- the commands that read and write files: each returns what it did, for the CLI to render -----


@dataclass
class Written:
    """A report read from `source` and written as data (or a filled workbook) to `path`."""
    report: Report
    path: Path


def _config(config: Config | str | os.PathLike | None) -> Config:
    return config if isinstance(config, Config) else Config.load(config)


def read_file(source: str | os.PathLike, output: str | os.PathLike, *, force: bool = False) -> Written:
    """Read a report (a filled workbook, or any readable format) and write it as JSON or tidy CSV.
    The output is checked before anything is read."""
    from .io.files import check_outputs

    _pick(SAVERS, output, "output")
    check_outputs([output], force, inputs=[source])
    report = load_report(source)
    return Written(report, save_report(report, output, force=force, inputs=[source]))


def fill(source: str | os.PathLike, output: str | os.PathLike, password: str | None = None, *,
         force: bool = False) -> Written:
    """Write a report (any readable format) into the template of its edition: a filled .xlsx."""
    from .io.files import check_outputs, write_atomic
    from .workbook.writer import fill_workbook

    if Path(output).suffix.lower() != ".xlsx":
        raise input_error("unsupported-format.workbook", path=output)
    check_outputs([output], force, inputs=[source])
    report = load_report(source)
    return Written(report, write_atomic(output, fill_workbook(report, password), force=force, inputs=[source]))


@dataclass
class Imported:
    """`import_document` with an output: what was read (an `ImportResult`) and where it was written."""
    imported: object  # importers.document.ImportResult
    path: Path

    @property
    def exit_code(self) -> int:
        return 1 if self.imported.partial else 0  # a partial import is still written


def import_file(source: str | os.PathLike, output: str | os.PathLike, *, force: bool = False) -> Imported:
    """Read a published report by its labels and write the data (.json or .csv); the output is
    checked before the document is read."""
    from .io.files import check_outputs

    _pick(SAVERS, output, "output")
    check_outputs([output], force, inputs=[source])
    res = import_document(source)
    return Imported(res, save_report(res.report, output, force=force, inputs=[source]))


@dataclass
class Checked:
    """`xxgk check`: the summary of every file, and the summary files written (none without an output)."""
    summary: object  # batch.summary.Summary
    written: list[Path]

    @property
    def exit_code(self) -> int:
        return self.summary.exit_code


def check_folder(inputs, output: str | os.PathLike | None = None, *, previous=None, roster=None,
                 jobs: int | None = None, config: Config | str | os.PathLike | None = None, lang: str = "zh",
                 timeout: float = 60.0, progress=None, force: bool = False, deadline: str | None = None) -> Checked:
    """Check many reports (folders or files) in parallel and, with `output`, write the summary
    (.xlsx, .json or .csv with its sibling files).  The outputs are checked first and never read
    as inputs.  `deadline` (as people write it: 2025年1月31日) goes into the workbook's 催报 texts."""
    from .batch import check as batch
    from .batch import write
    from .io.files import check_outputs

    targets = []
    sources = [Path(p) for p in (*inputs, roster, previous) if p is not None and not Path(p).is_dir()]
    if output is not None:
        targets = write.planned_outputs(output, roster is not None, lang)
        check_outputs(targets, force, inputs=sources)
    cfg = _config(config)
    summary = batch.check(inputs, previous=previous, roster=roster, jobs=jobs, config=cfg, lang=lang,
                          timeout=timeout, exclude=targets, progress=progress)
    summary.deadline = deadline
    written = write.write_summary(summary, output, force=force, inputs=sources) if output is not None else []
    return Checked(summary, written)


@dataclass
class Merged:
    """`xxgk merge`: the sum, its validation, the inputs included, and where the sum was written."""
    outcome: object  # batch.merge.MergeOutcome
    path: Path

    @property
    def result(self) -> Result:
        return self.outcome.result

    @property
    def exit_code(self) -> int:
        return self.outcome.result.exit_code


def merge(inputs, output: str | os.PathLike, agency: str, *, year: int | None = None,
          config: Config | str | os.PathLike | None = None, force: bool = False) -> Merged:
    """Add up many agencies' reports (one year and edition) into `agency`'s, validate it, write it."""
    from .batch.merge import merge_files
    from .io.files import check_outputs

    ext = Path(output).suffix.lower()
    if ext not in SAVERS and ext in (".xlsx", ".xlsm"):  # a workbook, where no workbook writer is registered
        raise input_error("unsupported-format.merge-xlsx", path=output)
    _pick(SAVERS, output, "output")
    sources = [Path(p) for p in inputs if not Path(p).is_dir()]
    check_outputs([output], force, inputs=sources)
    outcome = merge_files(inputs, agency, year, _config(config), exclude=[output])
    return Merged(outcome, save_report(outcome.report, output, force=force, inputs=sources))

