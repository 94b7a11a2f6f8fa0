"""Published reports (plain text, Markdown, HTML, Word, PDF) → `Report`, read by label (issue 6).

`read(path)` returns an `ImportResult` (the report, the layout detected, what could not be aligned);
each format module also has `load(path) -> Report`, registered in `api.LOADERS`.
"""

from __future__ import annotations

from pathlib import Path

FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}


def read(path):
    from importlib import import_module

    from ..errors import InputError

    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise InputError(f"不支持导入“{ext or '无扩展名'}”文件；可用：{'、'.join(FORMATS)}。",
                         f"cannot import '{ext or 'no extension'}' files; supported: {', '.join(FORMATS)}.",
                         path=str(path), code="unsupported-format")
    if not Path(path).is_file():
        raise InputError("文件不存在。", "file not found.", path=str(path), code="not-found")
    return import_module(f"{__name__}.{FORMATS[ext]}").read(path)
