"""How much of a published document the importer is willing to read, and the guard around foreign parsers.

An annual report is a few tens of thousands of characters and three official tables of a few hundred
cells.  The limits below are far above any real report yet low enough that the slowest step after
reading (label alignment costs about 0.1 ms per table cell, the prose analysis about 15 µs per
character) stays within seconds.  Every format reader checks what it can *before* the costly step
(HTML spans before the grid is expanded, zip members before python-docx parses them, the PDF page tree
before pdfplumber builds pages); `check_document` checks the parsed document once more before
`document.build` starts, for every format alike.  A breach is an `InputError` (exit 2) naming the file
and the limit.

`foreign(path, ...)` wraps a third-party parser: whatever it raises on a hostile file (including
RecursionError, AssertionError, KeyError, MemoryError) becomes an `InputError`, unless it already is one.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from ..errors import InputError

MAX_TEXT = 500_000  # characters in the whole document (a long report has ~50,000)
MAX_RUN = 50_000  # characters in one paragraph or one table cell
MAX_LINES = 100_000  # lines of a text or Markdown file
MAX_PARAGRAPHS = 20_000
MAX_TABLES = 200
MAX_ROWS = 2_000  # rows of one table
MAX_COLUMNS = 200  # grid columns of one table, after spans
MAX_SPAN = 200  # rows or columns one merged cell may cover
MAX_TABLE_CELLS = 20_000  # grid positions of one table, after spans (table 三 has ~300)
MAX_CELLS = 50_000  # grid positions of all tables together

_TABLE_TAG = re.compile(r"<table", re.IGNORECASE)


def too_much(path, what_zh: str, what_en: str, limit: int, unit_zh: str = "", unit_en: str = "") -> InputError:
    """The one message for every limit: what exceeded which bound."""
    return InputError(f"{what_zh}超出上限（{limit:,}{unit_zh}），文件过大或构造异常，不像是一份年度报告，已拒绝读取。",
                      f"{what_en} exceeds the limit of {limit:,} {unit_en}; the file is too large or crafted, "
                      "not an annual report.",
                      path=None if path is None else str(path), code="too-large")


def check_text(text: str, path=None) -> None:
    """A whole plain-text or Markdown file, before any line is parsed (HTML is bounded as it is parsed)."""
    if len(text) > 2 * MAX_TEXT:  # markup and spaces included, hence twice the text allowed
        raise too_much(path, "文件的字符数", "the character count", 2 * MAX_TEXT, "个字符", "characters")
    if text.count("\n") > MAX_LINES:
        raise too_much(path, "文件的行数", "the line count", MAX_LINES, "行", "lines")
    if sum(1 for _ in _TABLE_TAG.finditer(text)) > MAX_TABLES:
        raise too_much(path, "表格数", "the number of tables", MAX_TABLES, "个", "tables")


def check_run(text: str, path, where_zh: str, where_en: str) -> None:
    if len(text) > MAX_RUN:
        raise too_much(path, f"{where_zh}的文字", f"the text of {where_en}", MAX_RUN, "个字符", "characters")


class Budget:
    """Counts what a reader has produced so far, so that it stops at the first breach, not at the end."""

    def __init__(self, path):
        self.path = path
        self.chars = 0
        self.cells = 0
        self.tables = 0
        self.paragraphs = 0

    def text(self, text: str, where_zh: str = "一个段落", where_en: str = "a paragraph") -> str:
        check_run(text, self.path, where_zh, where_en)
        self.chars += len(text)
        if self.chars > MAX_TEXT:
            raise too_much(self.path, "文档的文字总量", "the document's text", MAX_TEXT, "个字符", "characters")
        return text

    def paragraph(self, text: str) -> str:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise too_much(self.path, "段落数", "the number of paragraphs", MAX_PARAGRAPHS, "个", "paragraphs")
        return self.text(text)

    def table(self, rows: int, width: int, cells: int, where: str) -> None:
        """A table's shape, after spans, before its grid is built."""
        self.tables += 1
        self.cells += cells
        checks = [(self.tables, MAX_TABLES, "表格数", "the number of tables", "个", "tables"),
                  (rows, MAX_ROWS, f"{where}的行数", f"the rows of {where}", "行", "rows"),
                  (width, MAX_COLUMNS, f"{where}的列数（含合并单元格）", f"the columns of {where} (spans included)", "列", "columns"),
                  (cells, MAX_TABLE_CELLS, f"{where}的单元格数（含合并单元格）", f"the cells of {where} (spans included)", "个", "cells"),
                  (self.cells, MAX_CELLS, "全部表格的单元格总数", "the cells of all tables", "个", "cells")]
        for value, limit, zh, en, uzh, uen in checks:
            if value > limit:
                raise too_much(self.path, zh, en, limit, uzh, uen)


def check_document(doc) -> None:
    """The parsed document (any format), before sections and tables are looked at."""
    from .tables import SourceTable

    budget = Budget(doc.path)
    for item in doc.items:
        if isinstance(item, SourceTable):
            width = max((len(r) for r in item.rows), default=0)
            budget.table(len(item.rows), width, sum(len(r) for r in item.rows), item.where)
            for row in item.rows:
                for cell in row:
                    budget.text(cell or "", f"{item.where}的一个单元格", f"a cell of {item.where}")
        else:
            budget.paragraph(item.text or "")


def _found(e: BaseException) -> InputError | None:
    """An InputError raised inside the foreign parser and wrapped by it (pdfplumber does)."""
    seen = 0
    while e is not None and seen < 10:
        if isinstance(e, InputError):
            return e
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else None
        e = inner or e.__cause__ or e.__context__
        seen += 1
    return None


@contextmanager
def foreign(path, what_zh: str, what_en: str, code: str, catch: tuple = (Exception,)):
    """Run a third-party parser: what it raises (`catch`, and always running out of memory or stack)
    is the file's fault, said in one sentence."""
    try:
        yield
    except InputError as e:
        if e.path is None:
            e.path = str(path)
        raise
    except MemoryError:
        raise InputError(f"{what_zh}需要的内存超出了可用范围，文件可能经过刻意构造或已损坏，已拒绝读取。",
                         f"{what_en} needs more memory than is available; the file may be crafted or damaged.",
                         path=str(path), code="too-large") from None
    except RecursionError:
        raise InputError(f"{what_zh}时发现嵌套层级过深，文件可能经过刻意构造或已损坏，已拒绝读取。",
                         f"{what_en}: structures nested too deeply; the file may be crafted or damaged.",
                         path=str(path), code=code) from None
    except catch as e:  # a library's assertion or lookup failure on a damaged file
        inner = _found(e)
        if inner is not None:
            if inner.path is None:
                inner.path = str(path)
            raise inner from None
        while e.args and isinstance(e.args[0], BaseException):  # the library's own wrapper says nothing more
            e = e.args[0]
        detail = f"{type(e).__name__}: {e}".rstrip(": ")
        raise InputError(f"{what_zh}失败，文件已损坏或结构异常（{detail}）。",
                         f"{what_en} failed; the file is damaged or malformed ({detail}).",
                         path=str(path), code=code) from None
