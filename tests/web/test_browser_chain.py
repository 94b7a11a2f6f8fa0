"""The web test chain itself (live server, Chromium, PostgreSQL) on a small app, and the vendored ECharts."""

from __future__ import annotations

import hashlib
import re

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import FileResponse, HTMLResponse
from starlette.routing import Route

from conftest import ROOT
from servers import browser, live_server, postgres_url, screenshot  # noqa: F401  (browser is a fixture)

VENDOR = ROOT / "workbook_tools" / "web" / "static" / "vendor" / "echarts"


def vendored_version() -> tuple[str, str]:
    """(version, sha256 of echarts.min.js) as VERSION records them."""
    text = (VENDOR / "VERSION").read_text(encoding="utf-8")
    version = re.match(r"echarts (\d+\.\d+\.\d+) from the npm registry", text)
    digest = re.search(r"echarts\.min\.js = .*sha256 ([0-9a-f]{64})", text)
    assert version and digest, "VERSION names the release and the file's sha256"
    return version.group(1), digest.group(1)


def test_vendored_echarts_is_the_release_recorded():
    version, digest = vendored_version()
    js = (VENDOR / "echarts.min.js").read_bytes()
    assert hashlib.sha256(js).hexdigest() == digest, "echarts.min.js differs from the file VERSION records"
    banners = set(re.findall(rb'\.version="(\d+\.\d+\.\d+)"', js))
    assert banners == {version.encode()}, f"the bundle says {banners}, VERSION says {version}"
    for name in ("LICENSE", "NOTICE"):  # Apache-2.0: both travel with the file
        assert "Apache" in (VENDOR / name).read_text(encoding="utf-8")


def _echo_app() -> Starlette:
    async def page(request):
        name = request.query_params.get("name", "")
        return HTMLResponse(
            "<!doctype html><html lang=zh><meta charset=utf-8><title>链路</title>"
            "<form><input name=name><button type=submit>提交</button></form>"
            f"<p id=out>{'你好，' + name if name else ''}</p>"
            "<div id=chart style='width:400px;height:240px'></div>"
            "<script src=/echarts.min.js></script>")

    async def echarts_js(request):
        return FileResponse(VENDOR / "echarts.min.js", media_type="text/javascript")

    return Starlette(routes=[Route("/", page), Route("/echarts.min.js", echarts_js)])


def test_live_server_and_chromium(browser):  # noqa: F811
    with live_server(_echo_app) as base:
        assert httpx.get(base + "/").status_code == 200
        page = browser.new_page()
        page.goto(base + "/")
        page.fill("input[name=name]", "政务公开办")
        page.click("button[type=submit]")
        page.wait_for_selector("#out:has-text('你好，政务公开办')")
        # the vendored ECharts runs in the browser and draws into its canvas
        drawn = page.evaluate("""() => {
            const c = echarts.init(document.getElementById('chart'));
            c.setOption({animation: false, xAxis: {data: ['一', '二']}, yAxis: {}, series: [{type: 'bar', data: [3, 5]}]});
            return [echarts.version, !!document.querySelector('#chart canvas')];
        }""")
        assert drawn == [vendored_version()[0], True]
        screenshot(page, "chain")
        page.close()


def test_postgres_gives_a_fresh_empty_database():
    import sqlalchemy as sa

    first, second = postgres_url(), postgres_url()
    assert first != second
    engine = sa.create_engine(first)
    with engine.begin() as conn:
        assert conn.execute(sa.text("select count(*) from pg_tables where schemaname = 'public'")).scalar() == 0
        conn.execute(sa.text("create table t (v text)"))
        conn.execute(sa.text("insert into t values ('年报')"))
        assert conn.execute(sa.text("select v from t")).scalar() == "年报"
    engine.dispose()
    with sa.create_engine(second).connect() as conn:  # the other database did not see it
        assert conn.execute(sa.text("select to_regclass('public.t')")).scalar() is None


def test_live_server_stops():
    with live_server(_echo_app()) as base:
        assert httpx.get(base + "/", timeout=5).status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.get(base + "/", timeout=2)
