"""What people noticed on the pages: the board after a roster upload survives a reload, an unreadable row says
why, report downloads only for a readable filled report, no database work on the event loop, the demo from
the installed package, Secure cookies behind https, the templates zip in roster order."""

from __future__ import annotations

import base64
import html
import io
import json
import re
import threading
import zipfile

import openpyxl
import pytest
from conftest import LINK, csrf_of, login, make_app, report_file, upload
from starlette.testclient import TestClient

from workbook_tools.messages import text

NAMES = ["甲县财政局", "乙县教育局", "丙县民政局", "丁县水利局"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("pages") / "data")
    yield app
    app.state.ctx.parser.close()
    app.state.ctx.builder.close()
    app.state.ctx.engine.dispose()


@pytest.fixture(scope="module")
def round_(app, tmp_path_factory):
    """A collection of four units: A uploads a filled report, B a blank template, C an unreadable file."""
    tmp = tmp_path_factory.mktemp("pages-files")
    with TestClient(app) as admin, TestClient(app) as unit:
        login(admin)
        csrf = csrf_of(admin, "/")
        r = admin.post("/collections", data={"name": "页面测试", "year": "2024", "edition": "2021", "deadline": "",
                                             "csrf_token": csrf})
        cid = int(str(r.url).rsplit("/", 1)[1])
        roster = "单位名称\n" + "\n".join(NAMES) + "\n"
        r = admin.post(f"/collections/{cid}/roster", data={"csrf_token": csrf},
                       files={"roster": ("名单.csv", roster.encode("utf-8"))}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"/collections/{cid}"
        assert "/u/" not in r.headers["location"]
        cookie = admin.cookies.get("xxgk_session")
        board = admin.get(r.headers["location"])
        tokens = [link.rsplit("/u/", 1)[1] for link in LINK.findall(board.text)]
        assert len(tokens) == 4
        payload = base64.b64decode(cookie.split(".")[0] + "==")  # signed, not encrypted: readable by anyone
        assert not any(tok.encode() in payload for tok in tokens), "a unit link travelled in the session cookie"
        upload(unit, tokens[0], report_file(tmp, NAMES[0], ext=".json"))
        (tmp / "blank.xlsx").write_bytes(unit.get(f"/u/{tokens[1]}/template.xlsx").content)
        upload(unit, tokens[1], tmp / "blank.xlsx")
        (tmp / "broken.json").write_text('{"not": "a report"', encoding="utf-8")
        upload(unit, tokens[2], tmp / "broken.json")
    return {"cid": cid, "tokens": tokens, "csrf": csrf}


def test_the_board_after_a_roster_upload_survives_reload_and_language(app, round_):
    cid = round_["cid"]
    with TestClient(app) as admin:
        login(admin)
        first = admin.get(f"/collections/{cid}")
        assert first.status_code == 200 and 'data-testid="unit-link"' not in first.text  # shown once, already
        assert admin.get(f"/collections/{cid}?lang=en").status_code == 200
        assert admin.get(f"/collections/{cid}?lang=zh").status_code == 200
        r = admin.get(f"/collections/{cid}/roster")  # the former answer's address: the board, not 405
        assert r.status_code == 200 and str(r.url).endswith(f"/collections/{cid}") and "data-unit=" in r.text
        uid = re.search(rf'data-unit="{NAMES[3]}".*?/collections/{cid}/units/(\d+)"', r.text, re.DOTALL).group(1)
        r = admin.post(f"/collections/{cid}/units/{uid}/link", data={"csrf_token": csrf_of(admin, "/")},
                       follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"/collections/{cid}"
        shown = admin.get(r.headers["location"]).text
        (link,) = LINK.findall(shown)
        round_["tokens"][3] = link.rsplit("/u/", 1)[1]  # the old link stopped working; the next tests use this one
        assert 'data-testid="unit-link"' not in admin.get(f"/collections/{cid}").text  # a reload: gone
        bad = admin.post(f"/collections/{cid}/roster", data={"csrf_token": csrf_of(admin, "/")},
                         files={"roster": ("名单.exe", b"MZ")})
        assert bad.status_code == 200 and text("web.err.roster_type", "zh") in bad.text
        assert str(bad.url).endswith(f"/collections/{cid}")


def test_an_unreadable_row_says_why(app, round_):
    with TestClient(app) as admin:
        login(admin)
        board = admin.get(f"/collections/{round_['cid']}").text
    row = board.split(f'data-unit="{NAMES[2]}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-status="unreadable"' in row
    assert "0 个错误" not in row
    m = re.search(r'data-testid="row-reason" title="([^"]+)">([^<]+)<', row)
    assert m, row
    whole, shown = html.unescape(m.group(1)), html.unescape(m.group(2))
    assert "JSON" in whole and len(shown) <= 40 and whole.startswith(shown.rstrip("…"))
    other = board.split(f'data-unit="{NAMES[0]}"', 1)[1].split("</tr>", 1)[0]
    assert "个错误" in other and "row-reason" not in other


@pytest.mark.parametrize("who, why", [(0, None), (1, "blank"), (2, "unreadable"), (3, "none")])
def test_report_downloads_only_for_a_filled_readable_report(app, round_, who, why):
    token = round_["tokens"][who]
    with TestClient(app) as unit:
        page = unit.get(f"/u/{token}").text
        if why is None:
            assert 'data-testid="report-docx"' in page and 'data-testid="no-report"' not in page
            return
        assert 'data-testid="report-docx"' not in page and 'data-testid="report-pdf"' not in page
        assert f'data-why="{why}"' in page and text(f"web.dl.why.{why}", "zh") in page
        en = unit.get(f"/u/{token}?lang=en").text
        assert text(f"web.dl.why.{why}", "en") in en
        if why == "blank":  # the address itself refuses too
            sid = re.search(r'data-testid="submission" data-submission="(\d+)"', page).group(1)
            r = unit.get(f"/u/{token}/submissions/{sid}/report.docx")
            assert r.status_code == 409 and text("web.err.blank_report", "en") in r.text  # the cookie says en


def test_no_database_work_on_the_event_loop(app, round_, tmp_path):
    """Every session is opened in a worker thread: a query on the loop would stall every other request."""
    import asyncio

    ctx = app.state.ctx
    on_loop = []
    real = ctx.sessions

    class Watch:
        def __call__(self, *a, **k):
            try:
                asyncio.get_running_loop()
                on_loop.append(threading.current_thread().name)
            except RuntimeError:
                pass
            return real(*a, **k)

    ctx.sessions = Watch()
    try:
        cid, tokens = round_["cid"], round_["tokens"]
        with TestClient(app) as admin, TestClient(app) as unit:
            login(admin)
            for path in ("/", f"/collections/{cid}", f"/collections/{cid}/roster"):
                assert admin.get(path).status_code == 200
            uid = re.search(rf'/collections/{cid}/units/(\d+)"', admin.get(f"/collections/{cid}").text).group(1)
            assert admin.get(f"/collections/{cid}/units/{uid}").status_code == 200
            r = upload(unit, tokens[3], report_file(tmp_path, NAMES[3], broken=True, ext=".json"))
            assert r.status_code == 200 and "/submissions/" in str(r.url)
            assert unit.get(f"/u/{tokens[3]}").status_code == 200
            assert unit.get(f"/u/{tokens[3]}/template.xlsx").status_code == 200
    finally:
        ctx.sessions = real
    assert not on_loop, f"database sessions opened on the event loop: {len(on_loop)}"


def test_templates_zip_in_roster_order(app, round_):
    with TestClient(app) as admin:
        login(admin)
        z = zipfile.ZipFile(io.BytesIO(admin.get(f"/collections/{round_['cid']}/templates.zip").content))
    names = z.namelist()
    assert [n.split("-", 1)[1].removesuffix(".xlsx") for n in names] == NAMES
    for n, unit in zip(names, NAMES):
        wb = openpyxl.load_workbook(io.BytesIO(z.read(n)), read_only=True)
        seen = {str(c) for ws in wb.worksheets for row in ws.iter_rows(max_row=6, values_only=True) for c in row if c}
        assert any(unit in v for v in seen), n


def test_secure_cookies(tmp_path):
    app = make_app(tmp_path / "data", secure_cookies=True)
    try:
        with TestClient(app, base_url="https://testserver") as c:
            r = c.get("/login?lang=en")
            cookies = r.headers.get_list("set-cookie")
            assert all("secure" in v.lower() for v in cookies) and len(cookies) == 2, cookies
    finally:
        app.state.ctx.parser.close()
        app.state.ctx.engine.dispose()
    plain = make_app(tmp_path / "plain")
    try:
        with TestClient(plain) as c:
            assert not any("secure" in v.lower() for v in c.get("/login?lang=en").headers.get_list("set-cookie"))
    finally:
        plain.state.ctx.parser.close()
        plain.state.ctx.engine.dispose()


def test_serve_secure_cookies_option_and_variable(monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from workbook_tools import cli
    from workbook_tools.web import app as web_app
    from workbook_tools.web import serve

    made = []
    monkeypatch.setattr(web_app, "create_app", lambda settings: made.append(settings) or object())
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.delenv("XXGK_SECURE_COOKIES", raising=False)
    runner = CliRunner()
    assert "--secure-cookies" in runner.invoke(cli.app, ["serve", "--help"]).output
    for args, env, secure in ((["--secure-cookies"], {}, True), ([], {"XXGK_SECURE_COOKIES": "1"}, True),
                              ([], {}, False)):
        r = runner.invoke(cli.app, ["serve", "--data", "unused", *args], env=env)
        assert r.exit_code == 0, r.output
        assert made[-1].secure_cookies is secure, (args, env)
    assert serve.main("127.0.0.1", 1, "unused", None, False, "zh", secure_cookies=True) == 0
    assert made[-1].secure_cookies is True


def test_demo_from_the_installed_package(tmp_path, monkeypatch):
    """An installed wheel has no examples/ beside the package: the demo reads the packaged copy."""
    import shutil
    import sys

    from conftest import EXAMPLES

    from workbook_tools.web.services import demo

    pkg = tmp_path / "site" / "xxgk_packaged_examples"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    shutil.copyfile(EXAMPLES / demo.EXAMPLE, pkg / demo.EXAMPLE)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(demo, "PACKAGE", "xxgk_packaged_examples")
    monkeypatch.setattr(demo, "CHECKOUT", tmp_path / "no-checkout")
    assert json.loads(demo.example_bytes())["meta"]
    app = make_app(tmp_path / "data", demo=True)
    try:
        with TestClient(app) as c:
            login(c)
            board = c.get("/collections/1").text
            assert re.findall(r'data-status="(\w+)"', board) == ["passed", "errors", "errors", "missing"]
    finally:
        app.state.ctx.parser.close()
        app.state.ctx.engine.dispose()
        sys.modules.pop("xxgk_packaged_examples", None)
    monkeypatch.setattr(demo, "PACKAGE", "xxgk_no_such_package")
    assert demo.example_bytes() is None  # neither: no demo, and no crash
