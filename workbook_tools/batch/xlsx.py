"""The office workbook of `check -o 汇总校验.xlsx`: a summary that can be acted on.

汇总 opens with an overview band (应报, 已报, 未报送, 未填写, 有错误, 通过), lists the files with
problems first (then in roster order), closes with a totals row (numbers, no formulas), and marks status with conditional
fills; 一图读懂 shows the region's key figures with charts (`charts.py`); 退回修改意见 holds a ready note
per unit and 催报 a reminder per unit that sent nothing.  Every sheet prints on A4 at page width with
its header row repeated.  The .json and .csv outputs keep their shape: only this file is richer.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import Counter
from decimal import Decimal

from ..editions.key_figures import NAMES as FIGURES
from ..messages import text
from .feedback import reminder_text, row_notes
from .summary import FINDING_COLUMNS, ROSTER_COLUMNS, Summary, file_cells, file_columns, finding_cells, header, roster_cells
from .texts import t

STATUS_ORDER = {"unreadable": 0, "unfilled": 1, "errors": 2, "ok": 3}  # what needs acting on first
NUMERIC_TOTALS = ("errors", "warnings", "infos", *FIGURES)
WIDTH_CAP = {"message": 60, "notes": 30, "reason": 40, "file": 30, "files": 40, "text": 90, "agency": 30, "roster_name": 30,
             "application": 20, "row": 26, "col": 16, "block": 20, "where": 16, "title": 18}
WRAPPED = {"message", "notes", "reason", "file", "files", "agency", "roster_name", "application", "text", "title", "row", "col",
           "block", "where"}
ROW_PT = 16  # one line of 11 pt CJK text, as LibreOffice lays it out (rows are not autofitted on opening)
FILLS = {"bad": "#F8CBAD", "warn": "#FFE699", "good": "#C6EFCE"}


def ordered_files(summary: Summary) -> list[dict]:
    """Files needing action first (unreadable, unfilled, errors, valid), each group in roster order."""
    def key(f):
        entry = f.get("roster_entry")
        return STATUS_ORDER.get(f["status"], 9), entry if entry is not None else math.inf, f["no"]

    return sorted(summary.files, key=key)


def period(summary: Summary) -> str:
    years = Counter(f["year"] for f in summary.files if f.get("year"))
    return t_year(years.most_common(1)[0][0], summary.lang) if years else ""


def t_year(year, lang: str) -> str:
    return text("office.notes.year", lang, year=year)


class Book:
    """The workbook being written, with its shared formats and the cell writer every sheet uses."""

    def __init__(self, buf, lang: str):
        import xlsxwriter

        self.lang = lang
        self.chart_rows: list[tuple] = []  # what the charts plot, written to a hidden sheet at the end
        self.data_name = text("office.sheet.data", lang)
        self.wb = xlsxwriter.Workbook(buf, {
            "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "default_format_properties": {"font_name": "宋体", "font_size": 11},
        })
        add = self.wb.add_format
        self.fmt = {
            "head": add({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "vcenter"}),
            "title": add({"bold": True, "font_size": 16, "valign": "vcenter"}),
            "band_label": add({"bg_color": "#F2F2F2", "border": 1, "align": "center", "font_color": "#595959"}),
            "band_value": add({"bold": True, "font_size": 16, "border": 1, "align": "center", "num_format": "0"}),
            "total": add({"bold": True, "top": 2, "bg_color": "#F2F2F2"}),
            "wrap": add({"text_wrap": True, "valign": "top"}),
            "text": add({}),
            "top": add({"valign": "top"}),
            **{k: add({"bg_color": v}) for k, v in FILLS.items()},
        }

    def sheet(self, name: str, landscape: bool = True):
        ws = self.wb.add_worksheet(name)
        ws.set_paper(9)  # A4, all columns on one page wide, page numbers at the foot
        ws.set_landscape() if landscape else ws.set_portrait()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.set_footer(text("office.footer", self.lang))
        return ws

    def cell(self, ws, i: int, j: int, v, style=None) -> int:
        """Write one value (numbers as numbers when Excel can hold them, text always as text); its width."""
        from .write import _width, _xlsx_text, excel_number, number_text

        if v is None or v == "":
            return 0
        if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
            number = excel_number(v)
            if number is not None:
                ws.write_number(i, j, number, style)
            else:  # NaN, ±inf, beyond Excel's range: text, never a crash
                ws.write_string(i, j, number_text(v), style)
            return len(number_text(v)) + 2
        s = _xlsx_text(v)
        ws.write_string(i, j, s, style)
        return _width(s) + 2

    def table(self, ws, top: int, cols: list[str], heads: list[str], rows: list[list], wrap: set[str] = WRAPPED) -> int:
        """A header row at `top` and the rows below, frozen, filtered, repeated when printed; the last row."""
        from .write import _width

        widths = [max(6, _width(h) + 2) for h in heads]
        for j, h in enumerate(heads):
            ws.write_string(top, j, h, self.fmt["head"])
        for i, row in enumerate(rows, start=top + 1):
            for j, v in enumerate(row):
                w = self.cell(ws, i, j, v, self.fmt["wrap"] if cols[j] in wrap else self.fmt["top"])
                if i <= top + 2000 and w > widths[j]:
                    widths[j] = w
        # capped, but never narrower than the header (a header is one line, so the sheet's first printed line)
        widths = [max(min(w, WIDTH_CAP.get(c, 40)), _width(h) + 2) for w, c, h in zip(widths, cols, heads)]
        for j, c in enumerate(cols):
            ws.set_column(j, j, widths[j])
        for i, row in enumerate(rows, start=top + 1):
            lines = max((_lines(v, widths[j]) for j, v in enumerate(row) if cols[j] in wrap), default=1)
            if lines > 1:
                ws.set_row(i, min(409, lines * ROW_PT + 4))
        last = top + max(1, len(rows))
        ws.freeze_panes(top + 1, 0)
        ws.repeat_rows(top)
        ws.autofilter(top, 0, last, max(0, len(cols) - 1))
        return top + len(rows)

    def mark(self, ws, first: int, last: int, col: int, labels: dict[str, str]) -> None:
        """Conditional fills on one column: label -> fill name."""
        if last < first:
            return
        for label, fill in labels.items():
            ws.conditional_format(first, col, last, col, {"type": "cell", "criteria": "==",
                                                          "value": '"' + label.replace('"', '""') + '"',
                                                          "format": self.fmt[fill]})

    def mark_positive(self, ws, first: int, last: int, col: int, fill: str) -> None:
        if last >= first:
            ws.conditional_format(first, col, last, col, {"type": "cell", "criteria": ">", "value": 0,
                                                          "format": self.fmt[fill]})


def _lines(v, width: float) -> int:
    """Lines a wrapped text takes in a column `width` characters wide: a CJK character counts two, a
    Latin one a little more than one (proportional fonts, breaks only between words); rather a line too
    many than a note cut off."""
    import unicodedata

    if not isinstance(v, str) or not v:
        return 1
    room = max(4.0, width - 3)
    total = 0
    for line in v.split("\n"):
        w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1.15 for ch in line[:5000])
        total += max(1, math.ceil(w / room))
    return total


def to_xlsx(summary: Summary) -> bytes:
    from . import charts

    buf = io.BytesIO()
    book = Book(buf, summary.lang)
    book.wb.set_properties({"title": t("sheet.files", summary.lang), "comments": "xxgk check"})
    files = ordered_files(summary)
    summary_sheet(book, summary, files)
    charts.overview_sheet(book, summary, files)
    findings_sheet(book, summary, files)
    notes_sheet(book, summary, files)
    if summary.roster is not None:
        roster_sheet(book, summary)
        reminder_sheet(book, summary)
    about_sheet(book, summary)
    charts.data_sheet(book)
    book.wb.close()
    return buf.getvalue()


def status_marks(lang: str) -> dict[str, str]:
    return {t("status.errors", lang): "bad", t("status.unfilled", lang): "bad", t("status.unreadable", lang): "bad",
            t("status.ok", lang): "good", t("roster.missing", lang): "bad", t("roster.duplicate", lang): "warn",
            t("roster.unknown", lang): "warn", t("roster.unidentified", lang): "warn", t("roster.submitted", lang): "good",
            t("severity.error", lang): "bad", t("severity.warning", lang): "warn"}


def band(summary: Summary) -> list[tuple[str, int]]:
    """The overview: how many should report, did, did not, and how the files fared."""
    lang, tot = summary.lang, summary.totals
    out = []
    if "roster" in tot:
        r = tot["roster"]
        out += [(text("office.band.due", lang), r["entries"]), (text("office.band.sent", lang), r["submitted"]),
                (text("office.band.missing", lang), r["missing"])]
    else:
        out.append((text("office.band.files", lang), tot["files"]))
    out += [(t("status.unfilled", lang), tot["unfilled"]), (t("status.errors", lang), tot["errors"])]
    if tot["unreadable"]:
        out.append((t("status.unreadable", lang), tot["unreadable"]))
    out.append((t("status.ok", lang), tot["ok"]))
    return out


def summary_sheet(book: Book, summary: Summary, files: list[dict]) -> None:
    lang, fmt = summary.lang, book.fmt
    cols = file_columns(summary)
    ws = book.sheet(t("sheet.files", lang))
    ws.write_string(0, 0, text("office.title", lang, period=period(summary)), fmt["title"])
    ws.set_row(0, 24)
    for j, (label, n) in enumerate(band(summary)):
        ws.write_string(1, j, label, fmt["band_label"])
        ws.write_number(2, j, n, fmt["band_value"])
    ws.set_row(2, 24)
    top = 4
    rows = []
    for i, f in enumerate(files, start=1):
        shown = file_cells(f, summary)
        shown["no"] = i  # 序号 counts the rows as sorted
        rows.append([shown[c] for c in cols])
    last = book.table(ws, top, cols, [header(c, lang) for c in cols], rows)
    first = top + 1
    marks = status_marks(lang)
    for c in ("status", "roster_status"):
        if c in cols:
            book.mark(ws, first, last, cols.index(c), marks)
    book.mark_positive(ws, first, last, cols.index("errors"), "bad")
    book.mark_positive(ws, first, last, cols.index("warnings"), "warn")
    totals_row(book, ws, cols, rows, first, last)


def totals_row(book: Book, ws, cols: list[str], rows: list[list], first: int, last: int) -> None:
    """合计 under the table, as numbers: the summary holds no formula at all, so nothing in it can ever
    be taken for one (every text in it comes from untrusted files)."""
    from .write import excel_number

    at = last + 1
    for j in range(len(cols)):
        ws.write_blank(at, j, None, book.fmt["total"])
    ws.write_string(at, 1 if len(cols) > 1 else 0, text("office.total", book.lang, n=len(rows)), book.fmt["total"])
    for c in NUMERIC_TOTALS:
        if c not in cols or not rows:
            continue
        j = cols.index(c)
        numbers = [excel_number(r[j]) for r in rows if isinstance(r[j], (int, Decimal)) and not isinstance(r[j], bool)]
        total = sum(n for n in numbers if n is not None)
        if math.isfinite(total) and abs(total) < 1e307:  # a column of figures Excel cannot add gets no total
            ws.write_number(at, j, int(total) if total == int(total) else total, book.fmt["total"])


def findings_sheet(book: Book, summary: Summary, files: list[dict]) -> None:
    lang = summary.lang
    ws = book.sheet(t("sheet.findings", lang))
    rows = []
    for f in files:
        for g in f["findings"]:
            shown = finding_cells(f, g, lang)
            shown["no"] = len(rows) + 1
            rows.append([shown[c] for c in FINDING_COLUMNS])
    last = book.table(ws, 0, FINDING_COLUMNS, [header(c, lang) for c in FINDING_COLUMNS], rows)
    book.mark(ws, 1, last, FINDING_COLUMNS.index("severity"), status_marks(lang))


NOTE_COLUMNS = ["no", "agency", "file", "status", "errors", "warnings", "text"]


def notes_sheet(book: Book, summary: Summary, files: list[dict]) -> None:
    """退回修改意见: one ready note per file that has to go back (errors, unfilled, unreadable) or has
    warnings to verify."""
    lang = summary.lang
    ws = book.sheet(text("office.sheet.notes", lang))
    heads = [header(c, lang) for c in NOTE_COLUMNS[:-1]] + [text("office.col.notes", lang)]
    rows = []
    for f in files:
        if f["status"] == "ok" and not f["warnings"]:
            continue
        rows.append([len(rows) + 1, f.get("agency") or "", f["file"], t(f"status.{f['status']}", lang), f["errors"],
                     f["warnings"], row_notes(f, lang)])
    last = book.table(ws, 0, NOTE_COLUMNS, heads, rows)
    book.mark(ws, 1, last, NOTE_COLUMNS.index("status"), status_marks(lang))
    if not rows:
        ws.write_string(1, 0, text("office.notes.all_clear", lang))


def roster_sheet(book: Book, summary: Summary) -> None:
    lang = summary.lang
    ws = book.sheet(t("sheet.roster", lang))
    rows = [[r[c] for c in ROSTER_COLUMNS] for r in roster_cells(summary)]
    last = book.table(ws, 0, ROSTER_COLUMNS, [header(c, lang) for c in ROSTER_COLUMNS], rows)
    book.mark(ws, 1, last, ROSTER_COLUMNS.index("roster_status"), status_marks(lang))


def reminder_sheet(book: Book, summary: Summary) -> None:
    """催报: every roster unit without a submission, with a reminder ready to send."""
    lang = summary.lang
    ws = book.sheet(text("office.sheet.remind", lang))
    years = Counter(f["year"] for f in summary.files if f.get("year"))
    year = years.most_common(1)[0][0] if years else None
    deadline = summary.deadline
    cols = ["no", "roster_name", "text"]
    heads = [header("no", lang), header("roster_name", lang), text("office.col.remind", lang)]
    missing = [r for r in summary.roster_rows if r["status"] == "missing"]
    rows = [[i, r["name"], reminder_text(r["name"], deadline, lang, year=year)] for i, r in enumerate(missing, start=1)]
    book.table(ws, 0, cols, heads, rows)
    if not rows:
        ws.write_string(1, 0, text("office.remind.none", lang))


def about_sheet(book: Book, summary: Summary) -> None:
    from .. import __version__ as version
    from .write import text_summary

    lang = summary.lang
    about = book.sheet(t("sheet.about", lang), landscape=False)
    lines = [
        (t("about.generated", lang), dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        (t("about.tool", lang), f"xxgk check {version}"),
        (t("about.inputs", lang), "；".join(summary.inputs)),
        (t("about.roster", lang), summary.roster.source if summary.roster else ""),
        (t("about.previous", lang), summary.previous_dir or ""),
        (t("about.exit", lang), t("about.exit_text", lang)),
        ("", text_summary(summary, limit=0)),
    ]
    for note in summary.roster.notes if summary.roster else ():
        lines.append(("", note))
    for name, reason in summary.previous_unreadable.items():
        lines.append((t("about.previous_unreadable", lang), f"{name}：{reason}"))
    for i, (k, v) in enumerate(lines):
        book.cell(about, i, 0, k, book.fmt["head"] if k else book.fmt["text"])
        book.cell(about, i, 1, v, book.fmt["wrap"])
    about.set_column(0, 0, 22)
    about.set_column(1, 1, 70, book.fmt["wrap"])
