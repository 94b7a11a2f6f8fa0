"""What the web tests run against: a fresh PostgreSQL database, a live server in a thread, headless Chromium.

Every missing piece follows the suite's rule: a failure under CI=true (setup must provide it), a skip with the
reason elsewhere. `make test` starts PostgreSQL (scripts/services.sh) and exports its admin URL as
XXGK_TEST_POSTGRES; a plain `pytest` run also finds it in .cache/test-services.env.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from conftest import IN_CI, ROOT

SCREENSHOTS = ROOT / "out" / "screenshots"
ENV_FILE = ROOT / ".cache" / "test-services.env"
CHROMIUM = "/usr/bin/chromium"
# headless on a machine with no internet: no GPU, no QUIC, no first-run, update, sync or background fetches
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def unavailable(why: str):
    if IN_CI:
        pytest.fail(f"CI setup is incomplete: {why}")
    pytest.skip(why)


# --- PostgreSQL ---------------------------------------------------------------------------------------------

def admin_url() -> str | None:
    """The URL of a role allowed to create databases, from the environment or the file services.sh wrote."""
    url = os.environ.get("XXGK_TEST_POSTGRES")
    if url:
        return url
    if ENV_FILE.exists():
        m = re.search(r"^export XXGK_TEST_POSTGRES='([^']+)'", ENV_FILE.read_text(encoding="utf-8"), re.M)
        if m:
            return m.group(1)
    return None


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


_created: list[str] = []


def _drop_created() -> None:
    url = admin_url()
    if not url or not _created:
        return
    import psycopg

    try:
        with psycopg.connect(_libpq(url), autocommit=True, connect_timeout=5) as conn:
            for name in _created:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.Error:
        pass  # the server went away first; its databases go with it
    _created.clear()


def postgres_url() -> str:
    """The URL (postgresql+psycopg://…) of a new empty database, dropped when the test session ends."""
    url = admin_url()
    if not url:
        unavailable("PostgreSQL not running: make test starts it")
    import psycopg

    name = f"xxgk_test_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(_libpq(url), autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as e:
        unavailable(f"PostgreSQL not running: make test starts it ({str(e).strip().splitlines()[0]})")
    if not _created:
        atexit.register(_drop_created)
    _created.append(name)
    return _with_database(url, name)


# --- a live server ------------------------------------------------------------------------------------------

@contextmanager
def live_server(app) -> Iterator[str]:
    """Serve an ASGI app (or a callable making one) with uvicorn in a thread on a free loopback port.

    Yields the base URL; on exit the server finishes its open requests and the thread is joined."""
    import uvicorn

    if _is_factory(app):
        app = app()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="auto", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the live server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


def _is_factory(obj) -> bool:
    """A zero-argument callable that makes the app, as opposed to an ASGI app (scope, receive, send)."""
    import inspect

    try:
        params = inspect.signature(obj).parameters
    except (TypeError, ValueError):
        return False
    return len(params) == 0


# --- the browser --------------------------------------------------------------------------------------------

_shared: dict = {"users": 0}


@pytest.fixture(scope="session")
def browser():
    """Playwright's Chromium: Debian's, headless, in a fresh profile (Playwright makes a temporary one).

    Each test module that imports this fixture gets its own session-scoped instance, but one thread can run
    only one sync Playwright: they share a single browser, closed when the last of them ends."""
    if not shutil.which(CHROMIUM):
        unavailable(f"Chromium not installed ({CHROMIUM}): make test installs it")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("Playwright (Python) not installed: make test installs it")
    if not _shared["users"]:
        pw = sync_playwright().start()
        try:
            _shared["browser"] = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                                                    timeout=30_000)
        except Error as e:
            pw.stop()
            unavailable(f"Chromium did not start: {str(e).splitlines()[0]}")
        _shared["playwright"] = pw
    _shared["users"] += 1
    try:
        yield _shared["browser"]
    finally:
        _shared["users"] -= 1
        if not _shared["users"]:
            _shared.pop("browser").close()
            _shared.pop("playwright").stop()


def screenshot(page, name: str) -> Path:
    """A full-page screenshot under out/screenshots/ (gitignored), for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
