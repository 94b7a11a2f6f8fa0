"""Who may open what: every route of the app (read from app.routes, so a new route is covered at once) for
anonymous visitors, unit A, unit B, a revoked link and the office; and the CSRF token on every POST."""

from __future__ import annotations

import re
import secrets

import pytest
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from conftest import csrf_of, login

WHO = ("anonymous", "unit_a", "unit_b", "revoked", "admin")
PUBLIC = {"/login"}
# a GET of a form's address (a reload of the former answer page, a bookmark) is sent to the board
TO_BOARD = {"/collections/{cid:int}/roster", "/collections/{cid:int}/units/{uid:int}/link"}


def _routes(app) -> list[tuple[str, str]]:
    out = []
    for r in app.routes:
        if isinstance(r, Mount):
            continue
        assert isinstance(r, Route), r
        for m in sorted(r.methods - {"HEAD"}):
            out.append((m, r.path))
    return out


def _path(template: str, office, who: str) -> str:
    token = {"unit_a": office.a_token, "unit_b": office.b_token, "revoked": office.revoked}.get(
        who, secrets.token_urlsafe(32))
    values = {"cid": office.cid, "uid": office.a, "sid": office.a_sub, "token": token, "fmt": "html"}
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: str(values[m.group(1)]), template)


def _expected(method: str, template: str, who: str) -> set[int]:
    if template in PUBLIC:
        return {200} if method == "GET" else {401, 303, 200, 403}
    if template.startswith("/u/"):
        if who == "unit_b" and "{sid" not in template:  # B's own pages, with B's link
            return {200} if method == "GET" else {303, 400}
        if who != "unit_a":
            return {404} if method == "GET" else {403, 404}  # POST: a unit session has a CSRF token → 404
        return {200} if method == "GET" else {303, 400}
    if who == "admin":
        return {303} if method == "GET" and template in TO_BOARD else {200}
    return {302} if method == "GET" else {403}


@pytest.fixture(scope="module")
def clients(office):
    out = {}
    for who in WHO:
        c = TestClient(office.app, follow_redirects=False)
        out[who] = c
    login_client = out["admin"]
    login_client.follow_redirects = True
    login(login_client)
    login_client.follow_redirects = False
    return out


def test_every_get_route_for_everyone(office, clients):
    seen = 0
    for method, template in _routes(office.app):
        if method != "GET":
            continue
        for who in WHO:
            r = clients[who].get(_path(template, office, who))
            assert r.status_code in _expected(method, template, who), (who, template, r.status_code, r.text[:200])
            if r.status_code == 302:
                assert r.headers["location"].startswith("/login")
            seen += 1
    assert seen >= 5 * 15


def test_every_post_route_refuses_strangers(office, clients):
    for method, template in _routes(office.app):
        if method != "POST" or template in PUBLIC or template == "/logout":
            continue
        for who in ("anonymous", "unit_a", "unit_b", "revoked"):
            c = clients[who]
            path = _path(template, office, who)
            token = csrf_of(c, "/login")  # a valid token of the visitor's own session: it is not enough
            r = c.post(path, data={"csrf_token": token, "decision": "accepted", "name": "x", "year": "2024"})
            assert r.status_code in _expected(method, template, who), (who, template, r.status_code)


def test_unit_b_never_sees_unit_a(office, clients):
    b = clients["unit_b"]
    page = b.get(f"/u/{office.b_token}").text
    assert office.a_file not in page and office.comment not in page and "甲县财政局" not in page
    for suffix in ("", "/file", "/report.html", "/report.docx", "/preview"):
        r = b.get(f"/u/{office.b_token}/submissions/{office.a_sub}{suffix}")
        assert r.status_code == 404 and office.comment not in r.text
    a = clients["unit_a"].get(f"/u/{office.a_token}").text
    assert office.a_file in a and office.comment in a  # the unit itself does see its file and the comment


def test_revoked_link_and_static(office, clients):
    assert clients["revoked"].get(f"/u/{office.revoked}").status_code == 404
    r = clients["anonymous"].get("/static/app.js")
    assert r.status_code == 200 and "is-highlighted" in r.text


def test_security_headers_and_cookie(office, clients):
    r = TestClient(office.app).get("/login")  # a first visit: the session cookie is set
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    cookie = r.headers.get("set-cookie", "")
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert "<script>" not in r.text and "onclick" not in r.text  # no inline script for the CSP to allow
    f = clients["admin"].get(f"/collections/{office.cid}/units/{office.a}/submissions/{office.a_sub}/file")
    assert f.status_code == 200 and f.headers["content-disposition"].startswith("attachment;")
    assert f.headers["content-type"] == "application/octet-stream"


def test_csrf_on_every_post_route(office, clients):
    admin = clients["admin"]
    unit = clients["unit_a"]
    for method, template in _routes(office.app):
        if method != "POST":
            continue
        c = unit if template.startswith("/u/") else admin
        path = _path(template, office, "unit_a" if template.startswith("/u/") else "admin")
        for data in ({}, {"csrf_token": "wrong"}):
            r = c.post(path, data={**data, "username": "admin", "password": "x", "decision": "accepted"})
            assert r.status_code == 403, (template, data, r.status_code)
    # the office is still logged in: nothing above went through
    assert admin.get("/").status_code == 200
