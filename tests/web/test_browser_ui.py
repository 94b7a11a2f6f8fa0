"""The pages as a person sees them in Chromium: a finding scrolls its cells into view and works from the
keyboard, file buttons and download notes speak the page's language, and the screenshots a person looks at
(login, board, a submission with a highlighted finding, the unit page in Chinese and in English)."""

from __future__ import annotations

import pytest
from conftest import report_file
from servers import browser, live_server, screenshot  # noqa: F401  (browser is a fixture)
from test_browser_year import login, make_app

from workbook_tools.messages import text

NAMES = ["东湖区财政局", "东湖区教育局", "东湖区司法局"]
IN_VIEW = """el => { const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth; }"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A live server with one collection: a broken report, a blank template, and a unit yet to upload."""
    from workbook_tools.web.services import collections as cols
    from workbook_tools.web.services.submissions import parse_pending, store_upload
    from workbook_tools.web.settings import Settings

    tmp = tmp_path_factory.mktemp("ui")
    app = make_app(Settings(data=tmp / "data", workers=1))
    ctx = app.state.ctx
    (tmp / "r.csv").write_text("单位名称\n" + "\n".join(NAMES) + "\n", encoding="utf-8")
    with ctx.scope() as s:
        c = cols.create(s, "2024年度政府信息公开工作年度报告", "2024", "2021", "2099-01-31")
        made = cols.import_roster(s, c, tmp / "r.csv")
        cid, ids, tokens = c.id, [u.id for u, _ in made], [tok for _, tok in made]
    broken = report_file(tmp, NAMES[0], broken=True, ext=".json").read_bytes()
    sub = store_upload(ctx, ids[0], "东湖区财政局-年报.json", broken)
    parse_pending(ctx, sub)
    with live_server(app) as base:
        yield {"base": base, "cid": cid, "uid": ids[0], "sub": sub, "tokens": tokens}
    ctx.builder.close()


@pytest.fixture(scope="module")
def admin(browser, site):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(site["base"] + "/login")
    screenshot(page, "ui-login")
    assert page.inner_text("button[type=submit]") == text("web.login.submit", "zh")
    login(page, site["base"])
    yield page
    context.close()


def test_a_finding_scrolls_its_cells_into_view_and_works_from_the_keyboard(admin, site):
    page = admin
    page.goto(f"{site['base']}/collections/{site['cid']}/units/{site['uid']}/submissions/{site['sub']}")
    findings = page.locator("li.finding:not([data-cells=''])")
    assert findings.count() >= 2
    first = findings.first
    cells = first.get_attribute("data-cells").split()
    top = page.locator(f"td[data-cell='{cells[0]}']")
    assert not top.evaluate(IN_VIEW), "the cells start out of view: the test would prove nothing"
    first.click()
    page.wait_for_function(f"() => ({IN_VIEW})(document.querySelector('td.is-highlighted'))")
    lit = page.eval_on_selector_all("td.is-highlighted", "tds => tds.map(td => td.dataset.cell)")
    assert set(lit) == set(cells)
    screenshot(page, "ui-submission-highlighted")

    page.evaluate("window.scrollTo(0, 0)")
    second = findings.nth(1)
    page.keyboard.press("Tab")  # focusable from the keyboard: Tab reaches the findings
    for _ in range(60):
        if page.evaluate("document.activeElement && document.activeElement.matches('li.finding')"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached a finding")
    second.focus()
    page.keyboard.press("Enter")
    want = second.get_attribute("data-cells").split()
    page.wait_for_function(f"() => ({IN_VIEW})(document.querySelector('td.is-highlighted'))")
    lit = page.eval_on_selector_all("td.is-highlighted", "tds => tds.map(td => td.dataset.cell)")
    assert set(lit) == set(want)
    assert "is-active" in (second.get_attribute("class") or "")


def test_board_and_unit_pages_in_both_languages(admin, site, browser, tmp_path):  # noqa: F811
    page = admin
    page.goto(f"{site['base']}/collections/{site['cid']}")
    assert page.inner_text("label.file .file-button") == text("web.file.choose", "zh")
    screenshot(page, "ui-board")

    unit = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    try:
        p = unit.new_page()
        link = f"{site['base']}/u/{site['tokens'][2]}"
        p.goto(link)
        assert p.inner_text("[data-testid=no-report]") == text("web.dl.why.none", "zh")
        assert p.inner_text("label.file .file-button") == text("web.file.choose", "zh")
        chosen = tmp_path / "本单位年报.xlsx"
        chosen.write_bytes(b"PK\x03\x04")
        with p.expect_file_chooser() as chooser:
            p.click("input[type=file][name=file]")  # our button still opens the browser's chooser
        chooser.value.set_files(str(chosen))
        assert p.inner_text("label.file [data-file-name]") == chosen.name
        screenshot(p, "ui-unit-zh")
        p.click("a[data-testid=lang-en]")
        assert p.inner_text("label.file .file-button") == text("web.file.choose", "en")
        assert p.inner_text("[data-testid=no-report]") == text("web.dl.why.none", "en")
        screenshot(p, "ui-unit-en")
        p.goto(f"{site['base']}/u/{site['tokens'][0]}")
        screenshot(p, "ui-unit-errors-en")
    finally:
        unit.close()

