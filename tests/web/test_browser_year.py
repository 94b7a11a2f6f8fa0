"""A whole collection round in headless Chromium, as the office and the units see it.

The office logs in, creates the 2024 collection, uploads a roster of 30 units and downloads the templates; units
upload through their links (good workbooks, broken sums, a blank template, a hostile file), the office looks at
the findings, returns one with a comment, the unit fixes it, the office accepts and downloads the summaries.
Screenshots of the board, a submission with a highlighted finding and a unit page go to out/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from batch_corpus import agencies
from conftest import EXAMPLES
from hostile_xlsx import CASES
from servers import browser, live_server, postgres_url, screenshot  # noqa: F401  (browser is a fixture)
from workbook_tools import api
from workbook_tools.messages import text
from workbook_tools.rules.python import derive_totals

PASSWORD = "year-test-admin-pw"
UNITS = 30
COMMENT = "表三的合计与分项不一致，请核对后重新报送。"


# --- files the units upload ---------------------------------------------------------------------------------

def filled(folder: Path, agency: str, broken: bool = False) -> Path:
    """The example county report under the unit's name, filled into the template; `broken` adds 7 to one
    figure that a declared total sums, so that the total no longer adds up."""
    report = api.load_report(EXAMPLES / "sample-county-2024.json")
    report.meta.agency = agency
    if broken:
        _total, terms = next(iter(derive_totals(report.edition).items()))
        report.set(terms[0].ref, str(report.number(terms[0].ref) + 7))
    src = api.save_report(report, folder / f"{agency}{'-broken' if broken else ''}.json")
    return api.fill(src, src.with_suffix(".xlsx")).path


def hostile(folder: Path) -> Path:
    build, _code = CASES["xxe.xlsx"]  # an external entity: refused before any XML is parsed
    (folder / "hostile").mkdir()
    return build(folder / "hostile" / "报表.xlsx")


# --- the office's steps -------------------------------------------------------------------------------------

def login(page, base: str) -> None:
    page.goto(base + "/")
    assert "/login" in page.url  # the board is the office's: a stranger is sent to the login form
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def create_collection(page, roster: Path, name: str = "2024年度政府信息公开工作年度报告") -> dict[str, str]:
    page.fill("input[name=name]", name)
    page.fill("input[name=year]", "2024")
    page.select_option("select[name=edition]", "2021")
    page.fill("input[name=deadline]", (dt.date.today() + dt.timedelta(days=30)).isoformat())
    page.click("button[data-testid=create-collection]")
    page.wait_for_url("**/collections/*")
    page.set_input_files("input[type=file][name=roster]", str(roster))
    page.click("button[data-testid=upload-roster]")
    page.wait_for_selector("tr[data-unit]")
    # the links are shown once, right after the roster is read: the office sends them to the units
    return {row.get_attribute("data-unit"): row.eval_on_selector("a[data-testid=unit-link]", "a => a.href")
            for row in page.query_selector_all("tr[data-unit]")}


def counts(page) -> dict[str, int]:
    return {s: int(page.inner_text(f"[data-testid=count-{s}]"))
            for s in ("missing", "blank", "errors", "warnings", "passed", "unreadable", "overdue")}


def download(page, selector: str) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()


def status_text(key: str, lang: str = "zh") -> str:
    return text(f"web.status.{key}", lang)


# --- a unit's steps -----------------------------------------------------------------------------------------

def upload(page, link: str, path: Path) -> str:
    """Upload through the unit's page with the browser's file chooser; the status the page then shows."""
    page.goto(link)
    with page.expect_file_chooser() as chooser:
        page.click("input[type=file][name=file]")
    chooser.value.set_files(str(path))
    page.click("button[data-testid=upload]")
    page.wait_for_url("**/u/*/submissions/*")  # the answer to the upload, not the page it was sent from
    page.wait_for_selector("[data-testid=submission][data-status]:not([data-status=pending])")
    return page.get_attribute("[data-testid=submission]", "data-status")


# --- the round ----------------------------------------------------------------------------------------------

def make_app(settings):
    """The application on its first run, with the admin password the test logs in with."""
    from workbook_tools.web.app import create_app

    before = os.environ.get("XXGK_ADMIN_PASSWORD")
    os.environ["XXGK_ADMIN_PASSWORD"] = PASSWORD
    try:
        return create_app(settings, out=lambda *a, **k: None)
    finally:
        if before is None:
            del os.environ["XXGK_ADMIN_PASSWORD"]
        else:
            os.environ["XXGK_ADMIN_PASSWORD"] = before


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A server on SQLite in a fresh data folder."""
    from workbook_tools.web.settings import Settings

    tmp = tmp_path_factory.mktemp("year")
    app = make_app(Settings(data=tmp / "data", workers=2))
    with live_server(app) as base:
        yield base, tmp


def test_a_whole_year(browser, office):  # noqa: F811
    base, tmp = office
    names = agencies(UNITS, random.Random(2024))
    roster = tmp / "单位名单.csv"
    roster.write_text("序号,单位名称,联系人\n" + "".join(f"{i},{n},张三\n" for i, n in enumerate(names, 1)),
                      encoding="utf-8-sig")
    admin = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    units = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")  # no office cookie
    for c in (admin, units):
        c.set_default_timeout(15_000)
    page, unit_page = admin.new_page(), units.new_page()
    try:
        login(page, base)
        links = create_collection(page, roster)
        assert list(links) == names and all("/u/" in v for v in links.values())
        assert counts(page)["missing"] == UNITS
        board = page.url.removesuffix("/roster")  # the links page is the roster form's answer

        templates = zipfile.ZipFile(io.BytesIO(download(page, "a[data-testid=templates-zip]")))
        xlsx = [n for n in templates.namelist() if n.endswith(".xlsx")]
        assert len(xlsx) == UNITS
        blank = tmp / "blank.xlsx"
        blank.write_bytes(templates.read(next(n for n in xlsx if names[4] in n)))

        files = {names[0]: filled(tmp, names[0]), names[1]: filled(tmp, names[1]),
                 names[2]: filled(tmp, names[2], broken=True), names[3]: filled(tmp, names[3], broken=True),
                 names[4]: blank, names[5]: hostile(tmp)}
        shown = {name: upload(unit_page, links[name], path) for name, path in files.items()}
        assert shown == {names[0]: "passed", names[1]: "passed", names[2]: "errors", names[3]: "errors",
                         names[4]: "blank", names[5]: "unreadable"}
        assert unit_page.inner_text("[data-testid=reason]").strip()  # the unreadable file says why
        unit_page.goto(links[names[4]])
        screenshot(unit_page, "year-unit-blank")

        page.goto(board)
        assert counts(page) == {"missing": UNITS - 6, "blank": 1, "errors": 2, "warnings": 0, "passed": 2,
                                "unreadable": 1, "overdue": 0}
        assert page.inner_text(f"tr[data-unit='{names[2]}'] td.st-errors") == status_text("errors")
        screenshot(page, "year-board")

        look_and_return(page, names[2], tmp)
        fix_and_accept(page, unit_page, board, links[names[2]], filled(tmp, names[2]), names[2])
        accept(page, board, names[0])
        downloads(page, board, names)
    except BaseException:
        screenshot(page, "year-failure-office")
        screenshot(unit_page, "year-failure-unit")
        raise
    finally:
        admin.close()
        units.close()


def look_and_return(page, name: str, tmp: Path) -> None:
    """The office opens the unit, clicks a finding (its cells light up) and returns it with a comment."""
    page.click(f"tr[data-unit='{name}'] a[data-testid=unit-detail]")
    finding = page.locator("li.finding[data-severity=error]:not([data-cells=''])").first
    cells = finding.get_attribute("data-cells").split()
    assert cells
    finding.click()
    lit = page.eval_on_selector_all("td.is-highlighted", "tds => tds.map(td => td.dataset.cell)")
    assert set(lit) == set(cells), "clicking a finding highlights exactly its cells"
    page.locator("td.is-highlighted").first.scroll_into_view_if_needed()
    screenshot(page, "year-submission-highlighted")
    page.fill("textarea[name=comment]", COMMENT)
    page.click("button[data-testid=return]")
    page.wait_for_selector("[data-testid=office-comment]")
    assert page.inner_text("[data-testid=submission] [data-testid=status]").count(text("web.decision.returned", "zh"))


def fix_and_accept(page, unit_page, board: str, link: str, fixed: Path, name: str) -> None:
    unit_page.goto(link)
    assert unit_page.inner_text("[data-testid=office-comment]").strip() == COMMENT  # the unit reads why
    screenshot(unit_page, "year-unit-returned")
    assert upload(unit_page, link, fixed) == "passed"
    assert len(unit_page.query_selector_all("tr[data-testid=history-row]")) == 2  # both uploads are kept
    page.goto(board)
    row = f"tr[data-unit='{name}']"
    assert page.get_attribute(row, "data-status") == "passed"
    assert page.get_attribute(row, "data-decision") == ""
    accept(page, board, name)


def accept(page, board: str, name: str) -> None:
    page.goto(board)
    page.click(f"tr[data-unit='{name}'] a[data-testid=unit-detail]")
    page.click("button[data-testid=accept]")
    page.wait_for_selector("[data-testid=submission] [data-testid=status]")
    page.goto(board)
    assert page.get_attribute(f"tr[data-unit='{name}']", "data-decision") == "accepted"


def downloads(page, board: str, names: list[str]) -> None:
    page.goto(board)
    summary = openpyxl.load_workbook(io.BytesIO(download(page, "a[data-testid=summary-xlsx]")), read_only=True)
    first = summary.worksheets[0]
    seen = {str(c) for row in first.iter_rows(values_only=True) for c in row if c}
    assert set(names[:6]) <= seen, "the summary has a row for every unit that uploaded"
    merged = openpyxl.load_workbook(io.BytesIO(download(page, "a[data-testid=merged-xlsx]")))
    assert merged.sheetnames  # the 汇总 of the accepted reports is a workbook Excel opens
    page.click(f"tr[data-unit='{names[0]}'] a[data-testid=unit-detail]")
    docx_bytes = download(page, "a[data-testid=report-docx]")
    import docx

    body = "\n".join(p.text for p in docx.Document(io.BytesIO(docx_bytes)).paragraphs)
    assert names[0] in body and "政府信息公开工作年度报告" in body
    page.click("a[data-testid=lang-en]")
    assert page.inner_text("[data-testid=submission] [data-testid=status]").startswith(status_text("passed", "en"))


def test_upload_and_findings_on_postgresql(browser, tmp_path):  # noqa: F811
    """The same pages on PostgreSQL: a roster, a broken upload, its findings on the board."""
    from workbook_tools.web.settings import Settings

    app = make_app(Settings(data=tmp_path / "data", db=postgres_url(), workers=1))
    names = agencies(3, random.Random(7))
    roster = tmp_path / "名单.csv"
    roster.write_text("单位名称\n" + "\n".join(names) + "\n", encoding="utf-8")
    with live_server(app) as base:
        ctx = browser.new_context()
        page = ctx.new_page()
        try:
            login(page, base)
            links = create_collection(page, roster, "2024年度（PostgreSQL）")
            board = page.url.removesuffix("/roster")  # the links page is the roster form's answer
            assert upload(page, links[names[1]], filled(tmp_path, names[1], broken=True)) == "errors"
            assert page.locator("li.finding[data-severity=error]").count() >= 1
            page.goto(board)
            assert counts(page)["errors"] == 1 and counts(page)["missing"] == 2
        finally:
            ctx.close()
            app.state.ctx.engine.dispose()
    shutil.rmtree(tmp_path / "data", ignore_errors=True)
