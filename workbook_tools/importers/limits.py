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

from ..errors import InputError, input_error, pair

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


def too_much(path, what: str, limit: int, unit: str | None = None, /, **params) -> InputError:
    """The one message for every limit: what exceeded which bound.  `what` is the case of
    ``inputs.limit.<what>`` (with its `params`), `unit` the case of ``inputs.unit.<unit>``."""
    return input_error("too-large.limit", path=path, what=pair(f"limit.{what}", **params), limit=limit,
                       unit=pair(f"unit.{unit}") if unit else "")


def check_text(text: str, path=None) -> None:
    """A whole plain-text or Markdown file, before any line is parsed (HTML is bounded as it is parsed)."""
    if len(text) > 2 * MAX_TEXT:  # markup and spaces included, hence twice the text allowed
        raise too_much(path, "chars", 2 * MAX_TEXT, "chars")
    if text.count("\n") > MAX_LINES:
        raise too_much(path, "lines", MAX_LINES, "lines")
    if sum(1 for _ in _TABLE_TAG.finditer(text)) > MAX_TABLES:
        raise too_much(path, "tables", MAX_TABLES, "tables")


def check_run(text: str, path, piece: str, /, **params) -> None:
    """`piece`: the case of ``inputs.run.<piece>`` naming the piece of text (with its `params`)."""
    if len(text) > MAX_RUN:
        raise too_much(path, "run", MAX_RUN, "chars", where=pair(f"run.{piece}", **params))


class Budget:
    """Counts what a reader has produced so far, so that it stops at the first breach, not at the end."""

    def __init__(self, path):
        self.path = path
        self.chars = 0
        self.cells = 0
        self.tables = 0
        self.paragraphs = 0

    def text(self, text: str, piece: str = "paragraph", /, **params) -> str:
        check_run(text, self.path, piece, **params)
        self.chars += len(text)
        if self.chars > MAX_TEXT:
            raise too_much(self.path, "text", MAX_TEXT, "chars")
        return text

    def paragraph(self, text: str) -> str:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise too_much(self.path, "paragraphs", MAX_PARAGRAPHS, "paragraphs")
        return self.text(text)

    def table(self, rows: int, width: int, cells: int, where: str) -> None:
        """A table's shape, after spans, before its grid is built."""
        self.tables += 1
        self.cells += cells
        checks = [(self.tables, MAX_TABLES, "tables", "tables"), (rows, MAX_ROWS, "rows", "rows"),
                  (width, MAX_COLUMNS, "columns", "columns"), (cells, MAX_TABLE_CELLS, "cells", "cells"),
                  (self.cells, MAX_CELLS, "all-cells", "cells")]
        for value, limit, what, unit in checks:
            if value > limit:
                raise too_much(self.path, what, limit, unit, where=where)


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
                    budget.text(cell or "", "cell", where=item.where)
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
def foreign(path, doing: str, code: str, catch: tuple = (Exception,)):
    """Run a third-party parser: what it raises (`catch`, and always running out of memory or stack)
    is the file's fault, said in one sentence.  `doing`: the case of ``inputs.doing.<doing>``."""
    what = pair(f"doing.{doing}")
    try:
        yield
    except InputError as e:
        if e.path is None:
            e.path = str(path)
        raise
    except MemoryError:
        raise input_error("too-large.memory", path=path, what=what) from None
    except RecursionError:
        raise input_error("parser-nested", path=path, code=code, what=what) from None
    except catch as e:  # a library's assertion or lookup failure on a damaged file
        inner = _found(e)
        if inner is not None:
            if inner.path is None:
                inner.path = str(path)
            raise inner from None
        while e.args and isinstance(e.args[0], BaseException):  # the library's own wrapper says nothing more
            e = e.args[0]
        detail = f"{type(e).__name__}: {e}".rstrip(": ")
        raise input_error("parser-failed", path=path, code=code, what=what, detail=detail) from None
