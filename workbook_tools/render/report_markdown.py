"""The report as Markdown.

Markdown pipe tables cannot merge cells, and the official tables are defined by their merged headers,
so the tables are embedded as HTML tables (the same markup as the HTML version, without classes);
CommonMark, GitHub, pandoc and most CMS editors display them.  Text is escaped where Markdown would
otherwise read it as markup (a paragraph starting with ``1. `` would become a list).
"""

from __future__ import annotations

import re

from ..model import Report
from .document import Document, ExtraLinePart, Heading, Paragraph, TablePart, build
from .report_html import table_html
from .templates import Templates

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_BLOCK_START = re.compile(r"^(\s*)(\d+)([.)])(\s)")  # "1. " would start an ordered list
_BULLET = re.compile(r"^(\s*)([-+=])")


def escape_md(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    text = _BLOCK_START.sub(r"\1\2\\\3\4", text)
    return _BULLET.sub(r"\1\\\2", text)


def body_markdown(doc: Document) -> str:
    out = [escape_md(p) for p in doc.preamble]
    for sec in doc.sections:
        out.append(f"## {escape_md(sec.title)}")
        for part in sec.parts:
            if isinstance(part, TablePart):
                out.append(table_html(part, with_class=False))
            elif isinstance(part, ExtraLinePart):
                out.append(escape_md(part.text))
            elif isinstance(part, Heading):
                out.append(f"### {escape_md(part.text)}")
            elif isinstance(part, Paragraph):
                out.append(escape_md(part.text))
    return "\n\n".join(out) + "\n"


def render_document(doc: Document) -> str:
    # two trailing spaces: a line break inside the signature paragraph
    signature = "  \n".join(escape_md(s) for s in doc.signature)
    text = doc.settings.fill("report.md", title=escape_md(doc.title), body=body_markdown(doc), signature=signature)
    return text.rstrip("\n") + "\n"


def render(report: Report, templates: Templates | None = None) -> bytes:
    tpl = templates or Templates.load()
    return render_document(build(report, tpl)).encode("utf-8")
