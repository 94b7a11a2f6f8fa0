"""`xxgk report … --figure 一图读懂.svg|.png`: the year's key figures as a picture a website can
publish, found by the declarations' roles, drawn as SVG, converted to PNG by a program of the machine."""

import struct
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, require
from workbook_tools import api
from workbook_tools.cli import app
from workbook_tools.render import figure_png
from workbook_tools.render.figure_svg import figure_bytes, outcome_bars, render_svg
from workbook_tools.spec import Role

runner = CliRunner()
NS = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # well-formed, whatever the report holds
    return ["".join(t.itertext()) for t in root.iter(f"{NS}text")]


@pytest.fixture(scope="module")
def county():
    return api.load_report(EXAMPLES / "sample-county-2024.json")


def test_svg_shows_title_agency_year_and_the_figures_by_role(county):
    report = api.load_report(EXAMPLES / "sample-county-2024.json")
    report.set(report.edition.cells_for(Role.RECEIVED, Role.TOTAL)[0], "77")
    svg = render_svg(report)
    words = texts(svg)
    assert "一图读懂" in words and "示例县市场监督管理局2024年政府信息公开工作年度报告" in words
    assert "77件" in words and "本年新收申请" in words
    assert "Noto Sans CJK SC" in svg and "sans-serif" in svg
    # the answer groups are labelled as the edition prints them, without numbering or explanation
    labels = [label for label, _ in outcome_bars(report)]
    assert labels[:3] == ["予以公开", "部分公开", "不予公开"] and len(labels) == 6
    assert all(label in words for label in labels)
    bars = [r for r in ET.fromstring(svg).iter(f"{NS}rect") if r.get("class") == "bar"]
    assert len(bars) == 6
    widths = {label: float(r.get("width")) for (label, _), r in zip(outcome_bars(report), bars)}
    assert widths["予以公开"] > widths["不予公开"]  # 12 against 1 in the sample


def test_table_two_counts_and_fees_follow_the_edition(county):
    words = texts(render_svg(county))
    assert {"规章", "行政规范性文件", "现行有效件数", "收取费用（万元）"} <= set(words)
    old = texts(render_svg(api.load_report(EXAMPLES / "dehui-2020.json")))
    assert "规范性文件" in old and "行政规范性文件" not in old and "收取费用（万元）" not in old
    assert "德惠市机关事务管理局2020年政府信息公开工作年度报告" in old


def test_english_and_hostile_agency_names(county):
    report = api.load_report(EXAMPLES / "sample-county-2024.json")
    report.meta.agency = '<b>&"局"</b>'
    svg = render_svg(report, "en")
    assert "At a glance" in texts(svg) and "<b>" not in svg
    assert any('<b>&"局"</b>' in w for w in texts(svg))


def test_png_is_the_svg_converted(county, tmp_path):
    found = figure_png.converter()
    require(found is not None, "no SVG converter (rsvg-convert, chromium or soffice) installed")
    png = figure_bytes(county, tmp_path / "a.png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width >= 1000 and height > width  # a tall picture, as drawn (Chromium draws it 1:1)
    assert not list(tmp_path.iterdir())  # the converter's scratch folder is gone


def test_no_converter_is_a_clear_error(county, tmp_path, monkeypatch):
    from workbook_tools.errors import InputError

    monkeypatch.setattr(figure_png, "converter", lambda: None)
    with pytest.raises(InputError) as e:
        figure_bytes(county, tmp_path / "a.png")
    assert "rsvg-convert" in e.value.zh and ".svg" in e.value.zh


def test_report_writes_the_figure_beside_the_document(tmp_path):
    out, fig = tmp_path / "报告.md", tmp_path / "一图读懂.svg"
    r = runner.invoke(app, ["report", str(EXAMPLES / "sample-county-2024.json"), "-o", str(out), "--figure", str(fig)])
    assert r.exit_code == 0, r.output
    assert out.exists() and f"已写入 {fig}" in r.output
    assert "一图读懂" in texts(fig.read_text(encoding="utf-8"))


def test_report_refuses_a_bad_figure_before_writing_anything(tmp_path):
    out = tmp_path / "报告.md"
    r = runner.invoke(app, ["report", str(EXAMPLES / "sample-county-2024.json"), "-o", str(out), "--figure",
                            str(tmp_path / "a.gif")])
    assert r.exit_code == 2 and "只能写成 .svg 或 .png" in r.output and not out.exists()
    fig = tmp_path / "已有.svg"
    fig.write_text("keep")
    r = runner.invoke(app, ["report", str(EXAMPLES / "sample-county-2024.json"), "-o", str(out), "--figure", str(fig)])
    assert r.exit_code == 2 and not out.exists() and fig.read_text() == "keep"
