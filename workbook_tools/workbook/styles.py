"""Cell formats of the template, declared once by role.

Input cells are the only unlocked ones and carry a pale yellow fill, so that "where do I type" is
visible before anyone reads the instructions; computed cells are grey; check results are coloured by
conditional formats (green ✓ / red ✗), not by static fills, so they change as the user types.
"""

from __future__ import annotations

FONT = "宋体"
HEADING_FONT = "黑体"
INPUT_FILL = "#FFF9DB"  # pale yellow: type here
TOTAL_FILL = "#EDEDED"  # grey: computed
REFERENCE_FILL = "#E8F0FA"  # pale blue: carried over from last year, locked
OK_FILL, OK_FONT = "#C6EFCE", "#006100"
BAD_FILL, BAD_FONT = "#FFC7CE", "#9C0006"

_BASE = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}
_BOX = {"border": 1}

STYLES: dict[str, dict] = {
    "title": {"font_name": HEADING_FONT, "font_size": 14, "align": "center", "valign": "vcenter"},
    "subtitle": {**_BASE, "align": "center", "font_size": 10, "font_color": "#595959", "text_wrap": True},
    "status": {**_BASE, "bold": True, "align": "left"},
    "note": {**_BASE, "font_size": 10, "font_color": "#595959", "text_wrap": True, "valign": "top"},
    "header": {**_BASE, **_BOX, "bold": True, "align": "center", "text_wrap": True},
    "label": {**_BASE, **_BOX, "align": "left", "text_wrap": True},
    "label_center": {**_BASE, **_BOX, "align": "center", "text_wrap": True},
    "label_vertical": {**_BASE, **_BOX, "align": "center", "rotation": 270},
    "corner": {**_BASE, **_BOX, "align": "left", "text_wrap": True, "font_size": 9},
    "caption": {**_BASE, **_BOX, "bold": True, "align": "left"},
    "count": {**_BASE, **_BOX, "locked": False, "bg_color": INPUT_FILL, "align": "center", "num_format": "0"},
    "signed": {**_BASE, **_BOX, "locked": False, "bg_color": INPUT_FILL, "align": "center", "num_format": "+0;-0;0"},
    "money": {**_BASE, **_BOX, "locked": False, "bg_color": INPUT_FILL, "align": "center", "num_format": "0.00##"},
    "total": {**_BASE, **_BOX, "bg_color": TOTAL_FILL, "align": "center", "num_format": "0"},
    "reference": {**_BASE, **_BOX, "bg_color": REFERENCE_FILL, "align": "center", "num_format": "0"},
    "field_label": {**_BASE, **_BOX, "bold": True, "align": "left", "text_wrap": True},
    "field_input": {**_BASE, **_BOX, "locked": False, "bg_color": INPUT_FILL, "align": "left", "text_wrap": True},
    "field_year": {**_BASE, **_BOX, "locked": False, "bg_color": INPUT_FILL, "align": "left", "num_format": "0"},
    "field_date": {**_BASE, **_BOX, "locked": False, "bg_color": INPUT_FILL, "align": "left",
                   "num_format": 'yyyy"年"m"月"d"日"'},
    "field_info": {**_BASE, **_BOX, "bg_color": TOTAL_FILL, "align": "left", "text_wrap": True},
    "text_input": {**_BASE, **_BOX, "locked": False, "bg_color": INPUT_FILL, "align": "left", "valign": "top",
                   "text_wrap": True},
    "heading_input": {**_BASE, **_BOX, "locked": False, "bg_color": INPUT_FILL, "bold": True, "align": "left",
                      "valign": "top", "text_wrap": True},
    "check_head": {**_BASE, **_BOX, "bold": True, "align": "center", "bg_color": TOTAL_FILL, "text_wrap": True},
    "check_text": {**_BASE, **_BOX, "align": "left", "text_wrap": True},
    "check_link": {**_BASE, **_BOX, "align": "left", "text_wrap": True, "font_color": "#0563C1", "underline": 1},
    "check_result": {**_BASE, **_BOX, "align": "center", "bold": True},
    "check_diff": {**_BASE, **_BOX, "align": "center", "num_format": "0.####;-0.####;0"},
    "help": {**_BASE, "align": "left", "valign": "top", "text_wrap": True},
    "help_head": {"font_name": HEADING_FONT, "font_size": 12, "valign": "vcenter"},
    "meta": {"font_name": FONT, "font_size": 10},
    "ok": {"bg_color": OK_FILL, "font_color": OK_FONT},
    "bad": {"bg_color": BAD_FILL, "font_color": BAD_FONT},
}

INPUT_STYLE = {"count": "count", "signed": "signed", "money": "money"}


class Formats:
    """xlsxwriter Format objects created once per workbook, by style name."""

    def __init__(self, workbook):
        self._wb = workbook
        self._made: dict[str, object] = {}
        # default (empty) cells in 宋体 too, so column widths are measured in the same font
        workbook.formats[0].set_font_name(FONT)

    def __getitem__(self, name: str):
        if name not in self._made:
            props = STYLES[name]
            self._made[name] = self._wb.add_format(props)
        return self._made[name]
