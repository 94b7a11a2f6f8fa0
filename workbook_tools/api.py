"""The library's public surface.  The CLI is a thin shell over these functions.

Readers and writers are registered by file extension as ``"module:function"`` strings and imported
only when used, so that start-up stays fast and a new format is one line here.
"""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path
from typing import Callable

from .config import Config
from .errors import InputError
from .findings import Result
from .model import Report

# extension → loader(path) -> Report
LOADERS: dict[str, str] = {
    ".json": "workbook_tools.io.report_json:load",
    ".csv": "workbook_tools.io.tidy_csv:load",
}
# extension → writer(report) -> bytes, for data formats (documents are written by `render_report`)
SAVERS: dict[str, str] = {
    ".json": "workbook_tools.io.report_json:dump_bytes",
    ".csv": "workbook_tools.io.tidy_csv:report_to_csv",
}


def _resolve(spec: str) -> Callable:
    module, func = spec.split(":")
    return getattr(import_module(module), func)


def _pick(table: dict[str, str], path, what_zh: str, what_en: str) -> Callable:
    ext = Path(path).suffix.lower()
    if ext not in table:
        raise InputError(
            f"不支持的{what_zh}格式“{ext or '无扩展名'}”；可用：{'、'.join(table)}。",
            f"unsupported {what_en} format '{ext or 'no extension'}'; supported: {', '.join(table)}.",
            path=str(path), code="unsupported-format")
    return _resolve(table[ext])


def load_report(path: str | os.PathLike) -> Report:
    """Read a report from a file; the format follows the extension."""
    return _pick(LOADERS, path, "输入", "input")(Path(path))


def report_bytes(report: Report, path: str | os.PathLike) -> bytes:
    return _pick(SAVERS, path, "输出", "output")(report)


def save_report(report: Report, path: str | os.PathLike, force: bool = False) -> Path:
    """Write a report as data; the format follows the extension.  Refuses to overwrite unless `force`."""
    from .io.files import write_atomic

    return write_atomic(path, report_bytes(report, path), force=force)


def convert(src: str | os.PathLike, dst: str | os.PathLike, force: bool = False) -> Path:
    if Path(src).resolve() == Path(dst).resolve():
        raise InputError("输出文件不能与输入文件相同。", "the output cannot be the input file.", path=str(dst), code="same-file")
    report = load_report(src)
    return save_report(report, dst, force=force)


def validate_report(report: Report, previous: Report | None = None, config: Config | None = None) -> Result:
    from .validate import validate

    return validate(report, previous, config)


def validate_file(path, previous=None, config_path=None) -> Result:
    report = load_report(path)
    prev = load_report(previous) if previous else None
    return validate_report(report, prev, Config.load(config_path))
