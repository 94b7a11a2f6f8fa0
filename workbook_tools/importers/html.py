"""HTML pages (as published on government sites) → paragraphs and tables, with the standard library.

Tables are expanded to dense grids: a cell with rowspan/colspan is repeated over the positions it
covers, so a merged group label (（三）不予公开) reaches every row under it.  ``<br>`` inside a cell is
a line break (removed when labels are compared); ``&nbsp;`` is a space, so a cell holding only it is
blank.  Pages in GBK/GB18030 are decoded from their declared charset, or by trying UTF-8 first.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from .document import Para, SourceDoc, build
from .tables import SourceTable

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "header", "footer",
          "blockquote", "pre", "ul", "ol", "title", "center", "dd", "dt"}
_SKIP = {"script", "style", "head", "noscript", "template"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
MAX_HTML = 20 * 1024 * 1024


class _Table:
    def __init__(self):
        self.rows: list[list[tuple[str, int, int]]] = []
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def grid(self) -> list[list[str]]:
        out: list[list[str]] = []
        pending: dict[tuple[int, int], str] = {}
        for r, row in enumerate(self.rows):
            line: list[str] = []
            c = 0
            for text, rs, cs in row:
                while (r, c) in pending:
                    line.append(pending.pop((r, c)))
                    c += 1
                for k in range(cs):
                    line.append(text)
                    for dr in range(1, rs):
                        pending[(r + dr, c + k)] = text
                c += cs
            while (r, c) in pending:
                line.append(pending.pop((r, c)))
                c += 1
            out.append(line)
        return out  # ragged rows stay ragged: padding would hide a row that lost a cell


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list = []
        self.text: list[str] = []
        self.tables: list[_Table] = []
        self.skip = 0
        self.title: list[str] | None = None  # text of <title>, while inside it
        self.hints: list[str] = []

    def _flush(self):
        text = "".join(self.text)
        self.text = []
        for line in text.split("\n"):
            line = re.sub(r"[ \t\r\f\v\u00a0\u3000]+", " ", line).strip()
            if line:
                self.items.append(Para(line))

    def handle_starttag(self, tag, attrs):
        if tag == "title":  # inside <head>, which is skipped: the page's own name of the report
            self.title = []
            return
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        t = self.tables[-1] if self.tables else None
        if tag == "table":
            if t is None:
                self._flush()
            self.tables.append(_Table())
        elif t is not None and tag == "tr":
            t.rows.append([])
        elif t is not None and tag in ("td", "th"):
            a = dict(attrs)
            t.cell, t.span = [], (_int(a.get("rowspan")), _int(a.get("colspan")))
            if not t.rows:
                t.rows.append([])
        elif tag == "br":
            self._data("\n")
        elif tag in _BLOCK or tag == "tr":
            self._data("\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._data("\n")

    def handle_endtag(self, tag):
        if tag == "title" and self.title is not None:
            self.hints.append(" ".join("".join(self.title).split()))
            self.title = None
            return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        t = self.tables[-1] if self.tables else None
        if t is not None and tag in ("td", "th") and t.cell is not None:
            text = "\n".join(x.strip() for x in "".join(t.cell).replace("\u00a0", " ").split("\n")).strip()
            t.rows[-1].append((text, *t.span))
            t.cell = None
        elif tag == "table" and t is not None:
            self.tables.pop()
            grid = t.grid()
            if self.tables and self.tables[-1].cell is not None:  # a table inside a cell: keep its text
                self.tables[-1].cell.append("\n".join(" ".join(r) for r in grid))
            elif grid:
                self.items.append(SourceTable(grid, dense=True, where=f"表格{sum(isinstance(i, SourceTable) for i in self.items) + 1}"))
        elif tag in _BLOCK:
            self._data("\n")

    def handle_data(self, data):
        if self.title is not None:
            self.title.append(data)
        elif not self.skip:
            self._data(data.replace("\n", " ").replace("\r", " "))

    def _data(self, data):
        t = self.tables[-1] if self.tables else None
        if t is not None:
            if t.cell is not None:
                t.cell.append(data)
            return
        if data == "\n":
            self._flush()
        else:
            self.text.append(data)

    def close(self):
        super().close()
        self._flush()


def _int(v) -> int:
    try:
        return max(1, min(int(str(v).strip()), 200))
    except (TypeError, ValueError):
        return 1


def decode(data: bytes) -> str:
    m = _CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii", "replace").lower() if m else None
    order = [declared] if declared else []
    order += ["utf-8-sig", "gb18030"]
    for enc in order:
        if enc in ("gbk", "gb2312", "gb_2312-80"):
            enc = "gb18030"  # a superset: pages labelled GB2312 often contain GBK characters
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def parse_text(text: str, path: str | None = None) -> SourceDoc:
    p = _Parser()
    p.feed(text)
    p.close()
    return SourceDoc("html", p.items, path, hints=p.hints)


def read(path):
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"无法读取文件：{e.strerror}", f"cannot read the file: {e.strerror}", path=str(p)) from None
    if len(data) > MAX_HTML:
        raise InputError("网页文件过大，不像是一份年度报告。", "the page is too large for a report.", path=str(p), code="too-large")
    return build(parse_text(decode(data), str(p)))


def load(path):
    return read(path).report
