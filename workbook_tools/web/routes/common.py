"""What every page handler shares: language, templates, the admin check, CSRF-checked forms, downloads."""

from __future__ import annotations

import functools
import inspect
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ..messages_helper import t
from ..security import CSRF_FIELD, csrf_ok, csrf_token

HERE = Path(__file__).resolve().parent.parent
_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)


def _when(moment) -> str:
    """A stored UTC time in the server's local time (the office reads its own clock)."""
    import datetime as dt

    return moment.replace(tzinfo=dt.timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


_env.filters["when"] = _when
VENDOR_CHART = HERE / "static" / "vendor" / "echarts" / "echarts.min.js"
STATUSES = ("missing", "blank", "errors", "warnings", "passed", "unreadable", "overdue")


def ctx_of(request: Request):
    return request.app.state.ctx


def lang_of(request: Request) -> str:
    q = request.query_params.get("lang")
    if q in ("zh", "en"):
        return q
    c = request.cookies.get("lang")
    if c in ("zh", "en"):
        return c
    return ctx_of(request).settings.lang if ctx_of(request).settings.lang in ("zh", "en") else "zh"


def _switch(request: Request, lang: str) -> str:
    params = dict(request.query_params)
    params["lang"] = lang
    return request.url.path + "?" + urlencode(params)


@functools.lru_cache(maxsize=1)
def _edition_names() -> dict[str, tuple[str, str]]:
    from ..services.collections import editions

    return {eid: (zh, en) for eid, zh, en in editions()}


def edition_label(edition: str, lang: str) -> str:
    """An edition as people name it (2021 版), not its id."""
    names = _edition_names().get(edition)
    return (names[1] if lang == "en" else names[0]) if names else edition


def page(request: Request, template: str, values: dict, status: int = 200) -> HTMLResponse:
    lang = lang_of(request)
    base = {
        "edition_label": lambda edition: edition_label(edition, lang),
        "t": lambda key, **kw: t(key, lang, **kw), "lang": lang, "request": request,
        "csrf_field": CSRF_FIELD, "csrf": csrf_token(request.session),
        "lang_en": _switch(request, "en"), "lang_zh": _switch(request, "zh"),
        "is_admin": bool(request.session.get("admin")), "echarts": VENDOR_CHART.exists(),
    }
    html = _env.get_template(template).render(**base, **values)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def message(request: Request, key: str, status: int, **params) -> HTMLResponse:
    from ...errors import InputError

    lang = lang_of(request)
    params = {k: (v.en if lang == "en" else v.zh) if isinstance(v, InputError) else v for k, v in params.items()}
    return page(request, "message.html", {"title_key": "web.err.title", "text_key": key, "params": params}, status)


def admin_id(request: Request) -> int | None:
    v = request.session.get("admin")
    return v if isinstance(v, int) else None


async def call(handler, *args):
    """A handler's answer: a plain `def` (database work, rendering) runs in the threadpool, never on the
    event loop, so that a slow query or a busy database does not stall every other request."""
    if inspect.iscoroutinefunction(handler):
        return await handler(*args)
    return await run_in_threadpool(handler, *args)


def admin_page(handler):
    """A GET page of the office: anyone else is sent to the login page."""

    @functools.wraps(handler)
    async def wrapped(request: Request):
        if admin_id(request) is None:
            return RedirectResponse("/login?" + urlencode({"next": request.url.path}), status_code=302)
        return await call(handler, request)

    return wrapped


def form_post(admin: bool = False, **limits):
    """A POST handler: the form parsed within limits, the CSRF token checked (403), and for the office
    an admin session (403 otherwise).  The handler gets (request, form); the body is parsed here, on the
    event loop, as it streams in (files spool to disk), and a plain `def` handler then runs in the threadpool."""

    def deco(handler):
        @functools.wraps(handler)
        async def wrapped(request: Request):
            try:
                form = await request.form(max_files=limits.get("max_files", 1), max_fields=50,
                                          max_part_size=limits.get("max_part_size", 1024 * 1024))
            except HTTPException:
                return message(request, "web.err.form", 400)
            except Exception:  # noqa: BLE001 - a malformed multipart body is the sender's fault
                return message(request, "web.err.form", 400)
            if not csrf_ok(request.session, form.get(CSRF_FIELD)):
                return message(request, "web.err.csrf", 403)
            if admin and admin_id(request) is None:
                return message(request, "web.err.forbidden", 403)
            try:
                return await call(handler, request, form)
            finally:
                await form.close()

        return wrapped

    return deco


def attachment(data: bytes, filename: str, media_type: str) -> Response:
    """A download: always an attachment, with the UTF-8 file name."""
    ascii_name = "".join(ch if ch.isascii() and ch.isalnum() or ch in "._-" else "_" for ch in filename) or "download"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})


def int_param(request: Request, name: str) -> int:
    return int(request.path_params[name])
