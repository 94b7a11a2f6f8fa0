"""Published reports (plain text, Markdown, HTML, Word, PDF) → `Report`, read by label (issue 6).

`read(path)` returns an `ImportResult` (the report, the layout detected, what could not be aligned);
each format module also has `load(path) -> Report`, registered in `api.LOADERS`.
"""

from __future__ import annotations

from pathlib import Path

FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}


def read(path):
    from importlib import import_module

    from ..errors import input_error, pair

    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise input_error("unsupported-format.import", path=path, ext=ext or pair("no-extension"), known=list(FORMATS))
    if not Path(path).is_file():
        raise input_error("not-found", path=path)
    return import_module(f"{__name__}.{FORMATS[ext]}").read(path)
