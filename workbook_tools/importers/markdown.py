"""Markdown (as written by the report renderer, or by hand) → paragraphs and tables.

The official tables need merged cells, which pipe tables cannot express, so Markdown reports embed
them as HTML tables: those blocks go through the HTML reader; the rest is read line by line with
heading marks and backslash escapes removed.
"""

from __future__ import annotations

import re
from pathlib import Path

from .document import Para, SourceDoc, build
from .html import parse_text as parse_html

_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
_ESCAPE = re.compile(r"\\([\\`*_\[\]{}()<>#+\-.!|~=])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def _lines(text: str, start: int, doc: SourceDoc) -> None:
    for k, line in enumerate(text.splitlines()):
        line = _HEADING.sub("", line).rstrip()
        line = re.sub(r"\s+#+\s*$", "", line)
        line = _ESCAPE.sub(r"\1", line).strip()
        if line and not re.fullmatch(r"[-*_]{3,}", line):
            doc.items.append(Para(line, f"第{start + k}行"))


def parse(text: str, path: str | None = None) -> SourceDoc:
    doc = SourceDoc("md", path=path)
    pos = 0
    for m in _TABLE.finditer(text):
        _lines(text[pos:m.start()], text.count("\n", 0, pos) + 1, doc)
        doc.items += parse_html(m.group(0)).items
        pos = m.end()
    _lines(text[pos:], text.count("\n", 0, pos) + 1, doc)
    return doc


def read(path):
    from ..io.files import read_text

    return build(parse(read_text(path), str(path)))


def load(path):
    return read(Path(path)).report
