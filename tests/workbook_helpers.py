"""Reports made for workbook round trips, and the comparison that ignores provenance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from workbook_tools.io.report_json import report_to_dict
from workbook_tools.model import Cell, Meta, Narrative, NarrativeSection, Report, TextBlock
from workbook_tools.rules.python import computed_totals
from workbook_tools.spec import AgencyKind, Kind
from workbook_tools.workbook.sheetmap import build_map

TEXT = st.text(alphabet=st.sampled_from(list("政府信息公开工作年度报告本局依申请办理平台建设监督保障 ，。；：“”（）0123456789ABCxyz%")),
               min_size=1, max_size=40).map(str.strip).filter(bool)


def canonical(report: Report) -> dict:
    """The report as data, without where each value was read from or how."""
    d = report_to_dict(report)
    for c in d["cells"].values():
        if isinstance(c, dict):
            c.pop("source", None)
    for k in ("source", "read_notes", "workbook", "document"):
        d.pop(k, None)
    return d


def cell_value(rng, kind: Kind, declared_unit: str | None):
    """What a filer leaves in one input cell: mostly numbers, sometimes blanks, placeholders or text.

    Drawn from one seeded `random.Random` per report: two hundred separate hypothesis draws per report
    would cost more than the round trip under test."""
    choice = rng.choice(["n"] * 8 + ["blank", "placeholder", "text"])
    if choice == "blank":
        return None, None
    if choice == "placeholder":
        return rng.choice(["—", "无", "/", "-"]), None
    if choice == "text":
        return rng.choice(["见说明", "abc", "约5件"]), None
    if kind is Kind.MONEY:
        v = Decimal(rng.choice([0, rng.randint(0, 100), rng.randint(0, 10**9)])) / 100
        unit = declared_unit or rng.choice(["万元", "元", None])
        return v, unit
    if kind is Kind.SIGNED:
        return rng.randint(-5000, 5000), None
    return rng.choice([0, rng.randint(0, 50), rng.randint(0, 10**7)]), None


@st.composite
def reports(draw, edition: str, profile: str | None = None):
    wmap = build_map(edition, profile)
    meta = Meta(
        agency=draw(TEXT), agency_kind=draw(st.sampled_from([None, *AgencyKind])),
        year=draw(st.integers(2019, 2030)), edition=wmap.edition.id, profile=profile,
        title=draw(st.none() | TEXT),
        signature_date=draw(st.none() | st.dates(dt.date(2010, 1, 1), dt.date(2040, 12, 31))),
        publication_date=draw(st.none() | st.dates(dt.date(2010, 1, 1), dt.date(2040, 12, 31))),
        extra={k: draw(TEXT) for k in draw(st.sets(st.sampled_from(["contact", "telephone", "address", "url"])))},
    )
    r = Report(meta=meta)
    rng = draw(st.randoms(use_true_random=False))
    for p in wmap.inputs():
        value, unit = cell_value(rng, p.kind, p.unit)
        cell = Cell.parse(None if value is None else value if isinstance(value, str) else str(value), p.kind,
                          p.unit or unit)
        r.cells[p.ref.key] = cell
    for ref, v in computed_totals(wmap.edition, lambda ref: r.number(ref) or 0).items():
        r.cells[ref.key] = Cell.of(v)
    if draw(st.booleans()):
        sections = []
        for number in ("一", "二", "三", "四", "五", "六"):
            blocks = []
            for _ in range(draw(st.integers(0, 3 if number in ("一", "五", "六") else 1))):
                if number in ("一", "五", "六") and draw(st.booleans()):
                    blocks.append(TextBlock("heading", "（一）" + draw(TEXT)))
                blocks += [TextBlock("paragraph", draw(TEXT)) for _ in range(draw(st.integers(1, 2)))]
            sections.append(NarrativeSection(number, None, blocks))
        r.narrative = Narrative(preamble=draw(st.lists(TEXT, max_size=2)), sections=sections)
        if not r.narrative.present:
            r.narrative = Narrative()
    return r


def hand_made_workbook(report: Report, path, labels: dict[str, str] | None = None):
    """The official tables typed by hand: one sheet, a title row, tables one below another, no template.
    `labels` rewrites printed labels (another edition's wording, a typo)."""
    import xlsxwriter

    from workbook_tools.layout import VALUE, grid

    labels = labels or {}
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")
    ws.write(0, 1, f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告")
    row = 2
    for t in report.edition.tables:
        ws.write(row, 1, report.edition.section(t.section).title)
        row += 1
        g = grid(t)
        for c in g.cells:
            r0, c0 = row + c.row, 1 + c.col
            if c.role == VALUE:
                cell = report.cell(c.ref)
                value = cell.value if cell.status == "number" else cell.raw
            else:
                value = labels.get(c.text, c.text)
            if c.rowspan > 1 or c.colspan > 1:
                ws.merge_range(r0, c0, r0 + c.rowspan - 1, c0 + c.colspan - 1, value)
            else:
                ws.write(r0, c0, value)
        row += g.n_rows + 2
    wb.close()
    return path
