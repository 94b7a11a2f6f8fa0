"""Uploads that must not hurt: too big, the wrong type, a zip bomb, an external entity.  Each is a clean 4xx or
an 无法读取 submission with its reason, and the server goes on serving."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from conftest import csrf_of, upload
from hostile_xlsx import CASES


def _post(client, token: str, name: str, data: bytes):
    csrf = csrf_of(client, f"/u/{token}")
    return client.post(f"/u/{token}/upload", data={"csrf_token": csrf}, files={"file": (name, data)})


@pytest.fixture(scope="module")
def unit(office):
    with TestClient(office.app) as c:
        yield c


def test_wrong_types_are_refused_before_storing(office, unit):
    before = unit.get(f"/u/{office.b_token}").text.count('data-testid="history-row"')
    for name, data in (("报告.exe", b"MZ\x90\x00"), ("报告.xlsx", b"just text, not a workbook"),
                       ("报告.pdf", b"<html>not a pdf</html>"), ("报告.json", b"{\x00\x00}"), ("报告.xlsx", b"")):
        r = _post(unit, office.b_token, name, data)
        assert r.status_code == 400, (name, r.status_code)
        assert 'data-testid="message"' in r.text
    after = unit.get(f"/u/{office.b_token}").text.count('data-testid="history-row"')
    assert after == before  # nothing was stored


def test_oversize_is_refused(office, unit, monkeypatch):
    from workbook_tools import api

    csrf = csrf_of(unit, f"/u/{office.b_token}")
    monkeypatch.setattr(api, "input_limit", lambda path: 4096)  # the readers' limits, made small
    r = unit.post(f"/u/{office.b_token}/upload", data={"csrf_token": csrf},
                  files={"file": ("报告.json", b"{" + b" " * 8000 + b"}")})
    assert r.status_code == 413 and "MB" in r.text


def test_the_overall_request_cap(tmp_path):
    from conftest import make_app

    app = make_app(tmp_path / "data", max_request=64 * 1024)
    try:
        with TestClient(app) as c:
            r = c.post("/login", content=b"x" * (128 * 1024), headers={"content-type": "application/x-www-form-urlencoded"})
            assert r.status_code == 413
            chunks = (b"x" * 8192 for _ in range(16))  # no Content-Length: counted as it arrives
            r = c.post("/login", content=chunks, headers={"content-type": "application/x-www-form-urlencoded"})
            assert r.status_code == 413
            assert c.get("/login").status_code == 200
    finally:
        app.state.ctx.parser.close()
        app.state.ctx.engine.dispose()


@pytest.mark.parametrize("case", ["zip-bomb.xlsx", "xxe.xlsx", "billion-laughs.xlsx"])
def test_hostile_workbooks_become_unreadable_rows(office, unit, tmp_path, case):
    build, _code = CASES[case]
    path = build(tmp_path / case)
    r = upload(unit, office.b_token, path, "报表.xlsx")
    assert r.status_code == 200
    m = re.search(r'data-testid="submission" data-submission="(\d+)" data-status="(\w+)"', r.text)
    assert m and m.group(2) == "unreadable"
    reason = re.search(r'data-testid="reason">([^<]+)<', r.text)
    assert reason and reason.group(1).strip()
    assert unit.get(f"/u/{office.b_token}").status_code == 200  # and the server goes on


def test_a_parse_over_its_time_limit_is_an_unreadable_row(tmp_path):
    """The worker's timer (as `check` sets it) stops a long parse; the server answers and goes on."""
    from conftest import make_app, shared

    from workbook_tools.web.services import collections as cols

    pdf = shared("fixtures", "real", "2024_huaian-shi.pdf")  # a real report: pdfplumber needs seconds
    app = make_app(tmp_path / "data", parse_timeout=0.2)
    try:
        with app.state.ctx.scope() as s:
            c = cols.create(s, "超时", "2024", None, None)
            (tmp_path / "r.csv").write_text("单位名称\n淮安市人民政府\n", encoding="utf-8")
            (_unit, token), = cols.import_roster(s, c, tmp_path / "r.csv")
        with TestClient(app) as c:
            r = upload(c, token, pdf)
            assert 'data-status="unreadable"' in r.text
            reason = re.search(r'data-testid="reason">([^<]+)<', r.text).group(1)
            assert "超时" in reason
            assert c.get(f"/u/{token}").status_code == 200
    finally:
        app.state.ctx.parser.close()
        app.state.ctx.engine.dispose()
