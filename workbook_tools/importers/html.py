"""HTML pages (as published on government sites) → paragraphs and tables, with the standard library.

Tables are expanded to dense grids: a cell with rowspan/colspan is repeated over the positions it
covers, so a merged group label (（三）不予公开) reaches every row under it.  ``<br>`` inside a cell is
a line break (removed when labels are compared); ``&nbsp;`` is a space, so a cell holding only it is
blank.  Pages in GBK/GB18030 are decoded from their declared charset, or by trying UTF-8 first.

The standard library's parser rescans to the end of the page for every construct left open
(``<a<a<a…``, ``<p`` without ``>``, ``<!--`` never closed), which is quadratic.  `defuse` therefore
scans the page once beforehand and writes every ``<`` that does not open a complete construct as
``&lt;``: what reaches the parser always closes where the parser expects it to.  Tables are bounded
(rows, columns and cells after spans, text per cell) before their grid is expanded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import input_error
from .document import Para, SourceDoc, build
from .limits import MAX_ROWS, MAX_SPAN, MAX_TABLE_CELLS, Budget, foreign, too_much
from .tables import SourceTable

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "header", "footer",
          "blockquote", "pre", "ul", "ol", "title", "center", "dd", "dt"}
_SKIP = {"script", "style", "head", "noscript", "template"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
MAX_HTML = 20 * 1024 * 1024
MAX_BROKEN = 1_000  # constructs left open; a real page has a handful of stray "<" at most


# ------------------------------------------------------------------------------------------------
# One linear pass that leaves only complete constructs for HTMLParser
# ------------------------------------------------------------------------------------------------

_OPEN = re.compile(r"<[a-zA-Z/!?]")  # where HTMLParser starts a construct; any other "<" is text to it
_SEP = r"(?:\s|/(?!>))"
_NAME = r"[^\s/>\"'<=]+"
# A strict subset of HTMLParser's tolerant start-tag grammar (locatestarttagend_tolerant): where this
# matches, HTMLParser ends the tag at the same ">".  No part can match the same characters two ways, so
# a failed match costs the length of the tag, not more.
_START = re.compile(
    rf"""<([a-zA-Z][^\t\n\r\f />\x00<"'=]*)(?=[\t\n\r\f />])"""
    rf"""(?:(?:{_SEP}+|(?<=["'])){_NAME}(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*{_SEP}*(/?)>""")
_COMMENT_END = re.compile(r"--\s*>")  # HTMLParser's commentclose
_SECTION = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*")
_SECTION_END = {"cdata": re.compile(r"]\s*]\s*>"), "if": re.compile(r"]\s*>")}
_SECTION_KIND = {"temp": "cdata", "cdata": "cdata", "ignore": "cdata", "include": "cdata", "rcdata": "cdata",
                 "if": "if", "else": "if", "endif": "if"}
_RAW_TEXT = {"script": re.compile(r"</\s*script\s*>", re.IGNORECASE), "style": re.compile(r"</\s*style\s*>", re.IGNORECASE)}


class _Ahead:
    """The first match of a pattern at or after a position.  The scan asks with growing positions,
    so one search answers every question up to the match it found: each stretch is searched once."""

    def __init__(self, text: str, pattern: re.Pattern):
        self.text, self.pattern = text, pattern
        self.asked = -1
        self.hit: re.Match | None = None

    def at(self, pos: int) -> re.Match | None:
        if self.asked < 0 or pos < self.asked or (self.hit is not None and self.hit.start() < pos):
            self.hit = self.pattern.search(self.text, pos)
            self.asked = pos
        return self.hit


def _end_of(text: str, s: int, ahead: dict) -> tuple[int | None, str | None]:
    """(index after the construct at `s`, raw-text element it opens) as HTMLParser would read it;
    (None, None) when HTMLParser would find it unterminated or stop with an assertion."""
    two = text[s:s + 2]
    if text.startswith("<!--", s):
        m = ahead["comment"].at(s + 4)
    elif two == "<!" and text.startswith("<![", s):
        name = _SECTION.match(text, s + 3)
        kind = _SECTION_KIND.get(name.group().lower()) if name else None
        if kind is None:  # HTMLParser raises AssertionError on an unknown marked section
            return None, None
        m = ahead[kind].at(s + 3)
    elif two in ("</", "<!", "<?"):  # end tag, declaration, processing instruction: up to the next ">"
        m = ahead[">"].at(s + 2)
    else:
        tag = _START.match(text, s)
        if tag is None:
            return None, None
        raw = tag.group(1).lower() if not tag.group(2) else ""
        return tag.end(), raw if raw in _RAW_TEXT else None
    return (m.end(), None) if m else (None, None)


def defuse(text: str, path=None) -> str:
    """`text` with every "<" that opens nothing complete written as ``&lt;`` (linear time)."""
    ahead = {"comment": _Ahead(text, _COMMENT_END), ">": _Ahead(text, re.compile(">")),
             "cdata": _Ahead(text, _SECTION_END["cdata"]), "if": _Ahead(text, _SECTION_END["if"])}
    ahead.update({k: _Ahead(text, p) for k, p in _RAW_TEXT.items()})
    out: list[str] = []
    last = i = broken = 0
    while (m := _OPEN.search(text, i)) is not None:
        s = m.start()
        end, raw = _end_of(text, s, ahead)
        if end is None:
            broken += 1
            if broken > MAX_BROKEN:
                raise input_error("bad-html.broken", path=path, limit=MAX_BROKEN)
            out += [text[last:s], "&lt;"]
            last = i = s + 1
            continue
        i = end
        if raw:  # <script>/<style>: HTMLParser skips to the closing tag, and so does the scan
            close = ahead[raw].at(end)
            if close is None:
                break
            i = close.start()
    out.append(text[last:])
    return "".join(out)


class _Table:
    def __init__(self):
        self.rows: list[list[tuple[str, int, int]]] = []
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.cells = 0  # <td>/<th> seen, bounded while parsing

    def shape(self) -> tuple[int, int]:
        """(grid positions, widest row) the expansion would produce, counted without expanding; a
        rowspan is cut at the table's last row, as the grid does."""
        n = len(self.rows)
        cells = sum(cs * min(rs, n - r) for r, row in enumerate(self.rows) for _, rs, cs in row)
        if cells > MAX_TABLE_CELLS:
            return cells, 0  # refused anyway; the loop below costs at most `cells` steps otherwise
        down: dict[int, int] = {}  # row → columns that rowspans from above add to it
        width = 0
        for r, row in enumerate(self.rows):
            own = sum(cs for _, _, cs in row)
            width = max(width, own + down.pop(r, 0))
            for _, rs, cs in row:
                for dr in range(1, min(rs, n - r)):
                    down[r + dr] = down.get(r + dr, 0) + cs
        return cells, width

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
    def __init__(self, path=None):
        super().__init__(convert_charrefs=True)
        self.budget = Budget(path)
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
                self.items.append(Para(self.budget.paragraph(line)))

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
            if len(t.rows) > MAX_ROWS:
                raise too_much(self.budget.path, "html-rows", MAX_ROWS, "rows")
        elif t is not None and tag in ("td", "th"):
            a = dict(attrs)
            t.cell, t.span = [], (_int(a.get("rowspan")), _int(a.get("colspan")))
            t.cells += 1
            if t.cells > MAX_TABLE_CELLS:
                raise too_much(self.budget.path, "html-cells", MAX_TABLE_CELLS, "cells")
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
            self.hints.append(" ".join("".join(self.title).split())[:1000])  # a title, not a text
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
            t.rows[-1].append((self.budget.text(text, "html-cell"), *t.span))
            t.cell = None
        elif tag == "table" and t is not None:
            self.tables.pop()
            cells, width = t.shape()  # bounded before the grid exists
            n = sum(isinstance(i, SourceTable) for i in self.items) + 1
            self.budget.table(len(t.rows), width, cells, f"表格{n}")
            grid = t.grid()
            if self.tables and self.tables[-1].cell is not None:  # a table inside a cell: keep its text
                self.tables[-1].cell.append("\n".join(" ".join(r) for r in grid))
            elif grid:
                self.items.append(SourceTable(grid, dense=True, where=f"表格{n}"))
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
        return max(1, min(int(str(v).strip()[:12]), MAX_SPAN))
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
    p = _Parser(path)
    safe = defuse(text, path)
    with foreign(path, "parse-html", "bad-html", catch=(AssertionError,)):
        p.feed(safe)
        p.close()
    return SourceDoc("html", p.items, path, hints=p.hints)


def read(path):
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise input_error("unusable-input.read", path=p, reason=e.strerror) from None
    if len(data) > MAX_HTML:
        raise input_error("too-large.html", path=p)
    return build(parse_text(decode(data), str(p)))


def load(path):
    return read(path).report
