"""create_app(settings) → the Starlette application: first run, migrations, middleware, routes."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import threading
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import PlainTextResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from .db import make_engine, session_factory, upgrade
from .security import HEADERS, RateLimit, hash_password
from .services.context import Context
from .settings import SECRET_FILE, Settings
from .store import FileStore
from .worker import Builder, Parser

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
ADMIN = "admin"
THREADS = 100


class Guard:
    """Security headers on every response, the language cookie from ?lang=, and a cap on request bodies
    (said by Content-Length and counted while the body arrives)."""

    def __init__(self, app, max_body: int, secure: bool = False):
        self.app, self.max_body = app, max_body
        self.cookie = "; Path=/; Max-Age=31536000; SameSite=Lax" + ("; Secure" if secure else "")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        from urllib.parse import parse_qs

        lang = (parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang") or [None])[0]
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _too_large(send)
        seen = 0

        async def counted():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_body:
                    raise _BodyTooLarge()
            return msg

        async def headed(msg):
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers") or [])
                have = {k.lower() for k, _ in headers}
                headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items() if k.lower().encode() not in have]
                if lang in ("zh", "en"):
                    headers.append((b"set-cookie", f"lang={lang}{self.cookie}".encode()))
                msg = {**msg, "headers": headers}
            await send(msg)

        try:
            await self.app(scope, counted, headed)
        except _BodyTooLarge:
            await _too_large(send)


class _BodyTooLarge(BaseException):
    """Raised from `receive`; a BaseException so that no handler's `except Exception` turns it into another answer."""


async def _too_large(send):
    from .messages_helper import t

    body = t("web.err.request_size", "zh").encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), *((k.lower().encode(), v.encode())
                                                                                for k, v in HEADERS.items())]})
    await send({"type": "http.response.body", "body": body})


def _secret(settings: Settings) -> str:
    path = settings.data / SECRET_FILE
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    return key


def first_run(ctx: Context, out=print) -> str | None:
    """The admin account, when there is none: password from XXGK_ADMIN_PASSWORD, else a random one
    printed once.  Returns the password when one was created."""
    from sqlalchemy import select

    from .messages_helper import t
    from .models import Admin

    with ctx.scope() as s:
        if s.scalar(select(Admin.id).limit(1)) is not None:
            return None
        given = os.environ.get("XXGK_ADMIN_PASSWORD")
        password = given or secrets.token_urlsafe(12)
        s.add(Admin(username=ADMIN, password_hash=hash_password(password)))
    if not given:
        out(t("web.first_run.password", ctx.settings.lang, user=ADMIN, password=password), flush=True)
    return password


def build_context(settings: Settings) -> Context:
    settings.data.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.db_url)
    upgrade(engine)
    return Context(settings=settings, engine=engine, sessions=session_factory(engine), store=FileStore(settings.files),
                   parser=Parser(settings.workers, settings.parse_timeout, settings.parse_memory),
                   logins=RateLimit(settings.login_failures, settings.login_window), secret_key=_secret(settings),
                   builder=Builder(settings.workers))


def create_app(settings: Settings, out=print) -> Starlette:
    from .messages_helper import t
    from .routes import admin, unit

    ctx = build_context(settings)
    first_run(ctx, out)
    if settings.demo:
        from .services.demo import seed

        for name, path in seed(ctx):  # the demo units' links, so that a person can look around at once
            out(t("web.demo.link", settings.lang, name=name, path=path), flush=True)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        import anyio.to_thread

        from .services.submissions import process_pending

        # every handler runs in the threadpool and an upload holds its thread while its parse runs: room for
        # a whole office uploading at once, with the pages still answering
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        # uploads stored but not parsed when the server last stopped are parsed again, in the background
        threading.Thread(target=process_pending, args=(ctx,), name="xxgk-pending", daemon=True).start()
        try:
            yield
        finally:
            ctx.parser.close()
            ctx.builder.close()

    routes = [*admin.routes(), *unit.routes(), Mount("/static", StaticFiles(directory=HERE / "static"), name="static")]
    middleware = [
        Middleware(Guard, max_body=settings.max_request, secure=settings.secure_cookies),
        Middleware(SessionMiddleware, secret_key=ctx.secret_key, session_cookie="xxgk_session", same_site="lax",
                   https_only=settings.secure_cookies, max_age=12 * 3600),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={404: _not_found, 405: _not_allowed, 500: _server_error})
    app.state.ctx = ctx
    return app


async def _not_found(request, exc):
    from .routes.common import page

    return page(request, "message.html", {"title_key": "web.err.not_found_title", "text_key": "web.err.not_found"},
                status=404)


async def _not_allowed(request, exc):
    return PlainTextResponse("405", status_code=405)


async def _server_error(request, exc):
    from .messages_helper import t

    log.exception("internal error", exc_info=exc)
    return PlainTextResponse(t("web.err.internal", "zh"), status_code=500)
