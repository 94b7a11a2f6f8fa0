"""Helpers for the report-rendering tests: reports with a distinct number in every cell, and readers
that turn each output format back into grid anchors (row, col, rowspan, colspan, text)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser

from workbook_tools.api import load_report
from workbook_tools.model import Report, blank_report
from workbook_tools.spec import Kind

from conftest import EXAMPLES

EDITIONS = ("2019", "2021", "2021-hybrid")


def distinct_report(edition: str) -> Report:
    """Every declared cell holds a different three-digit number (money cells a decimal with a unit),
    so that a value printed in the wrong cell cannot go unnoticed."""
    profile = "jilin" if edition == "2019" else None
    r = blank_report(edition, year=2024, agency="示例县市场监督管理局", profile=profile)
    narrative = load_report(EXAMPLES / "sample-county-2024.json").narrative
    r.narrative = narrative
    r.meta.signature_date = dt.date(2025, 1, 5)
    for i, ref in enumerate(r.declared_refs()):
        kind, unit = r.kind_of(ref)
        n = 101 + i
        raw = f"{Decimal(n) / 4}{'' if unit else '万元'}" if kind is Kind.MONEY else str(n)
        r.set(ref, raw)
    return r


def expected_anchors(part) -> set[tuple[int, int, int, int, str]]:
    return {(c.row, c.col, c.rowspan, c.colspan, part.text(c)) for c in part.grid.cells}


# --- Word --------------------------------------------------------------------------------------

def docx_anchors(table) -> set[tuple[int, int, int, int, str]]:
    """Anchors of a python-docx table read from its XML: gridSpan for columns, vMerge for rows."""
    from docx.oxml.ns import qn

    anchors: dict[tuple[int, int], list] = {}
    open_merges: dict[int, tuple[int, int]] = {}  # column → anchor key of a running vMerge
    for r, tr in enumerate(table._tbl.tr_lst):
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            vmerge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
                key = open_merges[col]
                anchors[key][2] += 1
                assert text == "", "a continued merge carries no text"
            else:
                anchors[(r, col)] = [r, col, 1, span, text]
                if vmerge is not None:
                    open_merges[col] = (r, col)
                else:
                    open_merges.pop(col, None)
            col += span
    return {tuple(a) for a in anchors.values()}


# --- HTML --------------------------------------------------------------------------------------

class TableReader(HTMLParser):
    """Every <table> as its rows of (tag, attrs, text) cells, and the caption."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self._cell = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"id": a.get("id"), "caption": "", "rows": []})
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = {"tag": tag, "attrs": a, "text": ""}

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(self._cell)
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        elif self._in_caption:
            self.tables[-1]["caption"] += data


def html_tables(text: str) -> list[dict]:
    reader = TableReader()
    reader.feed(text)
    return reader.tables


def html_anchors(table: dict) -> set[tuple[int, int, int, int, str]]:
    """Place cells as a browser does: each cell takes the next column not covered by a rowspan above."""
    taken: set[tuple[int, int]] = set()
    out = set()
    for r, row in enumerate(table["rows"]):
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            rs, cs = int(cell["attrs"].get("rowspan", 1)), int(cell["attrs"].get("colspan", 1))
            for i in range(rs):
                for k in range(cs):
                    taken.add((r + i, col + k))
            out.add((r, col, rs, cs, cell["text"]))
            col += cs
    return out


# --- plain text --------------------------------------------------------------------------------

def text_rows(text: str) -> list[list[str]]:
    """Table rows of a text export: consecutive tab-led lines form a row (whitespace normalised)."""
    rows, cur = [], []
    for line in text.splitlines():
        if line.startswith("\t"):
            cur.append(" ".join(line.split()))
        elif cur:
            rows.append(cur)
            cur = []
    if cur:
        rows.append(cur)
    return rows
