"""The library's public surface.  The CLI is a thin shell over these functions."""

from __future__ import annotations

import os
from pathlib import Path

from .config import Config
from .errors import InputError
from .findings import Result
from .model import Report

READERS = {".json": "json", ".csv": "csv"}
WRITERS = {".json": "json", ".csv": "csv"}


def _suffix(path: str | os.PathLike) -> str:
    return Path(path).suffix.lower()


def load_report(path: str | os.PathLike) -> Report:
    """Read a report from a file; the format follows the extension (.json report, .csv tidy table)."""
    from .io.files import read_text

    kind = READERS.get(_suffix(path))
    if kind is None:
        raise InputError(
            f"不支持的输入格式“{_suffix(path) or '无扩展名'}”；可用：{', '.join(READERS)}。",
            f"unsupported input format '{_suffix(path) or 'no extension'}'; supported: {', '.join(READERS)}.",
            path=str(path), code="unsupported-format")
    text = read_text(path)
    if kind == "json":
        from .io import report_json

        return report_json.loads(text, source=str(path))
    from .io import tidy_csv

    return tidy_csv.loads(text, source=Path(path).name)


def report_bytes(report: Report, fmt: str) -> bytes:
    if fmt == "json":
        from .io import report_json

        return report_json.dumps(report).encode("utf-8")
    if fmt == "csv":
        from .io import tidy_csv

        return tidy_csv.report_to_csv(report)
    raise InputError(f"不支持的输出格式“{fmt}”。", f"unsupported output format '{fmt}'.", code="unsupported-format")


def save_report(report: Report, path: str | os.PathLike, force: bool = False) -> Path:
    """Write a report; the format follows the extension.  Refuses to overwrite unless `force`."""
    from .io.files import write_atomic

    fmt = WRITERS.get(_suffix(path))
    if fmt is None:
        raise InputError(
            f"不支持的输出格式“{_suffix(path) or '无扩展名'}”；可用：{', '.join(WRITERS)}。",
            f"unsupported output format '{_suffix(path) or 'no extension'}'; supported: {', '.join(WRITERS)}.",
            path=str(path), code="unsupported-format")
    return write_atomic(path, report_bytes(report, fmt), force=force)


def convert(src: str | os.PathLike, dst: str | os.PathLike, force: bool = False) -> Path:
    if Path(src).resolve() == Path(dst).resolve():
        raise InputError("输出文件不能与输入文件相同。", "the output cannot be the input file.", path=str(dst), code="same-file")
    return save_report(load_report(src), dst, force=force)


def validate_report(report: Report, previous: Report | None = None, config: Config | None = None) -> Result:
    from .validate import validate

    return validate(report, previous, config)


def validate_file(path, previous=None, config_path=None) -> Result:
    report = load_report(path)
    prev = load_report(previous) if previous else None
    return validate_report(report, prev, Config.load(config_path))
