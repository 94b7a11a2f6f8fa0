"""Year on year: this year's report against last year's (also a region's sum against last year's).

`compare(this, previous, output)` reads both reports, matches their cells through the declarations
(`figures.py`) and writes the comparison as a workbook with a native chart (`xlsx.py`), a web page
with an inline SVG chart (`html.py`) or a Word table (`docx.py`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from ..errors import InputError
from ..messages import text
from .figures import Comparison, compare_reports

__all__ = ["Compared", "Comparison", "compare", "compare_reports", "render_bytes"]

# extension → renderer(comparison, lang) -> bytes
WRITERS = {
    ".xlsx": "workbook_tools.compare.xlsx:render",
    ".html": "workbook_tools.compare.html:render",
    ".htm": "workbook_tools.compare.html:render",
    ".docx": "workbook_tools.compare.docx:render",
}


@dataclass
class Compared:
    comparison: Comparison
    path: Path
    lang: str = "zh"
    exit_code: int = 0  # the comparison was written; what could not be compared is listed in it


def _error(key: str, path, **params) -> InputError:
    return InputError(text(key, "zh", **params), text(key, "en", **params), path=str(path), code="unsupported-format")


def render_bytes(comparison: Comparison, output: str | os.PathLike, lang: str = "zh") -> bytes:
    ext = Path(output).suffix.lower()
    if ext not in WRITERS:
        raise _error("compare.unsupported", output, ext=ext or "—")
    module, func = WRITERS[ext].split(":")
    return getattr(import_module(module), func)(comparison, lang)


def compare(this: str | os.PathLike, previous: str | os.PathLike, output: str | os.PathLike,
            force: bool = False, lang: str = "zh") -> Compared:
    """Write the comparison of `this` year's report with the `previous` year's to `output`
    (.xlsx, .html or .docx).  Refuses an existing output unless `force`, and an output that is an input."""
    from .. import api
    from ..io.files import check_outputs, write_atomic

    if Path(output).suffix.lower() not in WRITERS:
        raise _error("compare.unsupported", output, ext=Path(output).suffix or "—")
    inputs = [this, previous]
    check_outputs([output], force, inputs=inputs)
    if os.path.realpath(this) == os.path.realpath(previous):
        raise InputError(text("compare.same-input", "zh"), text("compare.same-input", "en"), path=str(previous),
                         code="same-input")
    comparison = compare_reports(api.load_report(this), api.load_report(previous))
    comparison.this.source, comparison.last.source = str(this), str(previous)  # as the user named them
    path = write_atomic(output, render_bytes(comparison, output, lang), force=force, inputs=inputs)
    return Compared(comparison, path, lang)
