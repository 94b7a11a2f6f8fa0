"""The office's pages: login, collections, roster, status board, a unit's submissions, downloads."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlparse

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from ..messages_helper import t
from ..models import Admin, Collection
from ..security import verify_password
from ..services import collections as cols
from ..services import downloads, submissions
from ..services.board import STATUSES, board, svg_bars
from ..services.collections import Invalid
from .common import admin_page, attachment, ctx_of, form_post, in_thread, int_param, lang_of, message, page
from .shared import submission_page, unit_or_404


async def login_form(request: Request) -> Response:
    return page(request, "login.html", {"next": _next(request.query_params.get("next")), "failed": False})


def _next(target: str | None) -> str:
    # only a path of this site: never an open redirect
    if not target or not target.startswith("/") or target.startswith("//") or urlparse(target).netloc:
        return "/"
    return target


@form_post()
async def login(request: Request, form) -> Response:
    from sqlalchemy import select

    ctx = ctx_of(request)
    user = str(form.get("username") or "")[:100]
    host = request.client.host if request.client else "?"
    key = f"{user}|{host}"
    if ctx.logins.blocked(key):
        return message(request, "web.err.rate", 429)
    with ctx.scope() as s:
        admin = s.scalar(select(Admin).where(Admin.username == user))
        ok = admin is not None and await in_thread(verify_password, admin.password_hash, str(form.get("password") or ""))
        admin_pk = admin.id if admin is not None else None
    if not ok:
        ctx.logins.fail(key)
        return page(request, "login.html", {"next": _next(form.get("next")), "failed": True}, status=401)
    ctx.logins.clear(key)
    request.session.clear()  # a new session on login (no fixation)
    request.session["admin"] = admin_pk
    return RedirectResponse(_next(form.get("next")), status_code=303)


@form_post()
async def logout(request: Request, form) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@admin_page
async def index(request: Request) -> Response:
    with ctx_of(request).scope() as s:
        items = cols.all_collections(s)
        return page(request, "index.html", {"collections": items, "editions": cols.editions(), "error": None})


@form_post(admin=True)
async def create_collection(request: Request, form) -> Response:
    lang = lang_of(request)
    with ctx_of(request).scope() as s:
        try:
            c = cols.create(s, str(form.get("name") or ""), str(form.get("year") or ""), form.get("edition"),
                            form.get("deadline") or None)
        except Invalid as e:
            s.rollback()
            return page(request, "index.html", {"collections": cols.all_collections(s), "editions": cols.editions(),
                                                "error": t(e.key, lang, **e.params)}, status=400)
        return RedirectResponse(f"/collections/{c.id}", status_code=303)


def _collection(s, request) -> Collection | None:
    return s.get(Collection, int_param(request, "cid"))


def _board_page(request: Request, s, c: Collection, new_links: dict[int, str], error: str | None = None, status=200):
    lang = lang_of(request)
    rows, counts = board(s, c)
    labels = {k: t(f"web.status.{k}", lang) for k in STATUSES}
    base = str(request.base_url).rstrip("/")
    links = {uid: f"{base}/u/{tok}" for uid, tok in new_links.items()}
    return page(request, "collection.html", {"c": c, "rows": rows, "counts": counts, "statuses": STATUSES,
                                             "chart": svg_bars(counts, labels), "links": links, "error": error},
                status=status)


@admin_page
async def collection(request: Request) -> Response:
    with ctx_of(request).scope() as s:
        c = _collection(s, request)
        if c is None:
            return message(request, "web.err.not_found", 404)
        return _board_page(request, s, c, {})


@form_post(admin=True, max_files=1)
async def upload_roster(request: Request, form) -> Response:
    from ...errors import InputError

    lang = lang_of(request)
    up = form.get("roster")
    with ctx_of(request).scope() as s:
        c = _collection(s, request)
        if c is None:
            return message(request, "web.err.not_found", 404)
        if up is None or not hasattr(up, "read"):
            return _board_page(request, s, c, {}, t("web.err.roster_missing", lang), 400)
        ext = Path(up.filename or "").suffix.lower()
        data = await up.read(5 * 1024 * 1024 + 1)
        if ext not in (".csv", ".xlsx", ".txt") or len(data) > 5 * 1024 * 1024:
            return _board_page(request, s, c, {}, t("web.err.roster_type", lang), 400)
        with tempfile.TemporaryDirectory(prefix="xxgk-web-") as tmp:
            path = Path(tmp) / f"roster{ext}"
            path.write_bytes(data)
            try:
                new = cols.import_roster(s, c, path)
            except InputError as e:
                s.rollback()
                return _board_page(request, s, c, {}, e.en if lang == "en" else e.zh, 400)
        s.flush()
        s.refresh(c)
        return _board_page(request, s, c, {u.id: tok for u, tok in new})


@form_post(admin=True)
async def reissue(request: Request, form) -> Response:
    with ctx_of(request).scope() as s:
        c = _collection(s, request)
        u = cols.unit_in(s, c.id, int_param(request, "uid")) if c else None
        if u is None:
            return message(request, "web.err.not_found", 404)
        token = cols.issue(s, u)
        return _board_page(request, s, c, {u.id: token})


@admin_page
async def unit_detail(request: Request) -> Response:
    with ctx_of(request).scope() as s:
        u = unit_or_404(s, request)
        if u is None:
            return message(request, "web.err.not_found", 404)
        sub = submissions.latest(s, u)
        return submission_page(request, s, u, sub, admin=True)


@admin_page
async def submission_detail(request: Request) -> Response:
    with ctx_of(request).scope() as s:
        u = unit_or_404(s, request)
        sub = submissions.of_unit(s, u, int_param(request, "sid")) if u else None
        if sub is None:
            return message(request, "web.err.not_found", 404)
        return submission_page(request, s, u, sub, admin=True)


@form_post(admin=True)
async def decision(request: Request, form) -> Response:
    with ctx_of(request).scope() as s:
        u = unit_or_404(s, request)
        sub = submissions.of_unit(s, u, int_param(request, "sid")) if u else None
        if sub is None:
            return message(request, "web.err.not_found", 404)
        try:
            submissions.decide(s, sub, str(form.get("decision") or ""), form.get("comment"))
        except Invalid as e:
            return message(request, e.key, 400, **e.params)
        return RedirectResponse(f"/collections/{u.collection_id}/units/{u.id}/submissions/{sub.id}", status_code=303)


async def _download(request: Request, make, filename: str, media_type: str) -> Response:
    lang = lang_of(request)
    ctx = ctx_of(request)

    def work():
        with ctx.scope() as s:
            c = _collection(s, request)
            if c is None:
                return None
            return make(ctx, s, c, lang), c

    try:
        got = await in_thread(work)
    except Invalid as e:
        return message(request, e.key, 409, **e.params)
    if got is None:
        return message(request, "web.err.not_found", 404)
    data, c = got
    return attachment(data, filename.format(name=downloads.safe_name(c.name), year=c.year), media_type)


@admin_page
async def templates_zip(request: Request) -> Response:
    ctx = ctx_of(request)
    with ctx.scope() as s:
        c = _collection(s, request)
        if c is None:
            return message(request, "web.err.not_found", 404)
        name, cid = t("web.file.templates", lang_of(request), name=downloads.safe_name(c.name)), c.id
    head = attachment(b"", name, "application/zip").headers
    return StreamingResponse(downloads.templates_zip(ctx, cid), media_type="application/zip",
                             headers={"Content-Disposition": head["content-disposition"], "Cache-Control": "no-store"})


@admin_page
async def summary_xlsx(request: Request) -> Response:
    return await _download(request, downloads.summary_xlsx, t("web.file.summary", lang_of(request)), downloads.XLSX)


@admin_page
async def merged_xlsx(request: Request) -> Response:
    return await _download(request, lambda ctx, s, c, lang: downloads.merged_xlsx(ctx, s, c, c.name),
                           t("web.file.merged", lang_of(request)), downloads.XLSX)


def routes() -> list[Route]:
    from . import shared

    unit = "/collections/{cid:int}/units/{uid:int}"
    sub = unit + "/submissions/{sid:int}"
    return [
        Route("/login", login_form, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/", index, methods=["GET"]),
        Route("/collections", create_collection, methods=["POST"]),
        Route("/collections/{cid:int}", collection, methods=["GET"]),
        Route("/collections/{cid:int}/roster", upload_roster, methods=["POST"]),
        Route("/collections/{cid:int}/templates.zip", templates_zip, methods=["GET"]),
        Route("/collections/{cid:int}/summary.xlsx", summary_xlsx, methods=["GET"]),
        Route("/collections/{cid:int}/merged.xlsx", merged_xlsx, methods=["GET"]),
        Route(unit, unit_detail, methods=["GET"]),
        Route(unit + "/link", reissue, methods=["POST"]),
        Route(unit + "/template.xlsx", admin_page(shared.admin_template), methods=["GET"]),
        Route(sub, submission_detail, methods=["GET"]),
        Route(sub + "/decision", decision, methods=["POST"]),
        Route(sub + "/file", admin_page(shared.admin_file), methods=["GET"]),
        Route(sub + "/report.{fmt}", admin_page(shared.admin_report), methods=["GET"]),
        Route(sub + "/preview", admin_page(shared.admin_preview), methods=["GET"]),
    ]

