"""Fixtures of the HTTP-level web tests: an app on SQLite or PostgreSQL, logged-in clients, a populated office.

This folder has no __init__.py, so pytest makes this file the `conftest` module while these tests run: it
re-exports the suite's own helpers (IN_CI, ROOT, EXAMPLES, require, shared, …) for the modules that import
them from `conftest`.
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("_xxgk_tests_conftest", Path(__file__).resolve().parents[1] / "conftest.py")
_root = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_root)
globals().update({k: v for k, v in vars(_root).items() if not k.startswith("__")})
IN_CI, ROOT, EXAMPLES = _root.IN_CI, _root.ROOT, _root.EXAMPLES

PASSWORD = "http-test-admin-pw"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
LINK = re.compile(r'data-testid="unit-link" href="([^"]+)"')


def postgres_url() -> str | None:
    """A fresh empty PostgreSQL database (servers.py), or a skip (a failure under CI) when there is none."""
    try:
        from servers import postgres_url as fresh
    except ImportError:
        _root.require(False, "tests/web/servers.py not available: no PostgreSQL database for the web tests")
        return None
    return fresh()


def make_app(data: Path, backend: str = "sqlite", **settings):
    from workbook_tools.web.app import create_app
    from workbook_tools.web.settings import Settings

    db = settings.pop("db", None) or (postgres_url() if backend == "postgres" else None)
    os.environ["XXGK_ADMIN_PASSWORD"] = PASSWORD
    try:
        return create_app(Settings(data=data, db=db, workers=settings.pop("workers", 1), **settings),
                          out=lambda *a, **k: None)
    finally:
        del os.environ["XXGK_ADMIN_PASSWORD"]


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def app_factory(backend, tmp_path):
    """make(**settings) → a new app on the parametrised backend, in a fresh data folder; disposed after."""
    made = []

    def make(data: Path | None = None, **settings):
        app = make_app(data or tmp_path / f"data{len(made)}", backend, **settings)
        made.append(app)
        return app

    yield make
    for app in made:
        app.state.ctx.parser.close()
        app.state.ctx.engine.dispose()


def csrf_of(client, path: str = "/login") -> str:
    m = CSRF.search(client.get(path).text)
    assert m, f"no CSRF token on {path}"
    return m.group(1)


def login(client, password: str = PASSWORD):
    r = client.post("/login", data={"username": "admin", "password": password, "csrf_token": csrf_of(client),
                                    "next": "/"})
    assert r.status_code == 200 and str(r.url).endswith("/"), r.text[:300]
    return r


def report_file(folder: Path, agency: str, broken: bool = False, ext: str = ".xlsx") -> Path:
    """The example county report under `agency`'s name (`broken`: one summed figure 7 too high), as a
    filled workbook or as report JSON."""
    from workbook_tools import api
    from workbook_tools.rules.python import derive_totals

    report = api.load_report(EXAMPLES / "sample-county-2024.json")
    report.meta.agency = agency
    if broken:
        _total, terms = next(iter(derive_totals(report.edition).items()))
        report.set(terms[0].ref, str(report.number(terms[0].ref) + 7))
    folder.mkdir(parents=True, exist_ok=True)
    src = api.save_report(report, folder / f"{agency}{'-broken' if broken else ''}.json", force=True)
    if ext == ".json":
        return src
    return api.fill(src, src.with_suffix(".xlsx"), force=True).path


@dataclass
class Office:
    """A collection with two units A and B, one upload each, A's returned with a comment, B's link
    re-issued once (so that B's first token is revoked)."""
    app: object
    cid: int
    a: int
    b: int
    a_token: str
    b_token: str
    revoked: str
    a_sub: int
    b_sub: int
    a_file: str
    comment: str


def upload(client, token: str, path: Path, name: str | None = None):
    csrf = csrf_of(client, f"/u/{token}")
    with open(path, "rb") as fh:
        return client.post(f"/u/{token}/upload", data={"csrf_token": csrf},
                           files={"file": (name or path.name, fh, "application/octet-stream")})


def build_office(app, tmp: Path) -> Office:
    from starlette.testclient import TestClient

    with TestClient(app) as admin:
        login(admin)
        csrf = csrf_of(admin, "/")
        r = admin.post("/collections", data={"name": "权限测试", "year": "2024", "edition": "2021", "deadline": "",
                                             "csrf_token": csrf})
        cid = int(str(r.url).rstrip("/").rsplit("/", 1)[1])
        roster = tmp / "roster.csv"
        roster.write_text("单位名称\n甲县财政局\n乙县教育局\n", encoding="utf-8")
        with open(roster, "rb") as fh:
            r = admin.post(f"/collections/{cid}/roster", data={"csrf_token": csrf}, files={"roster": ("名单.csv", fh)})
        links = LINK.findall(r.text)
        a_token, revoked = (link.rsplit("/u/", 1)[1] for link in links)
        units = [int(u) for u in re.findall(rf'href="/collections/{cid}/units/(\d+)"', r.text)]
        r = admin.post(f"/collections/{cid}/units/{units[1]}/link", data={"csrf_token": csrf})
        b_token = LINK.findall(r.text)[0].rsplit("/u/", 1)[1]
        with TestClient(app) as unit:
            a_file = "甲县-年报-唯一文件名.json"
            r = upload(unit, a_token, report_file(tmp, "甲县财政局", broken=True, ext=".json"), a_file)
            a_sub = int(str(r.url).rsplit("/", 1)[1])
            r = upload(unit, b_token, report_file(tmp, "乙县教育局", ext=".json"))
            b_sub = int(str(r.url).rsplit("/", 1)[1])
        comment = "甲县请核对表三合计（仅甲县可见）"
        r = admin.post(f"/collections/{cid}/units/{units[0]}/submissions/{a_sub}/decision",
                       data={"csrf_token": csrf, "decision": "returned", "comment": comment})
        assert r.status_code == 200
        admin.post(f"/collections/{cid}/units/{units[1]}/submissions/{b_sub}/decision",
                   data={"csrf_token": csrf, "decision": "accepted", "comment": ""})
    return Office(app, cid, units[0], units[1], a_token, b_token, revoked, a_sub, b_sub, a_file, comment)


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def office(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"office-{request.param}")
    app = make_app(tmp / "data", request.param)
    try:
        yield build_office(app, tmp)
    finally:
        app.state.ctx.parser.close()
        app.state.ctx.engine.dispose()
