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
from .common import admin_page, attachment, ctx_of, form_post, int_param, lang_of, message, page
from .shared import submission_page, submission_reason, unit_or_404


def login_form(request: Request) -> Response:
    return page(request, "login.html", {"next": _next(request.query_params.get("next")), "failed": False})


def _next(target: str | None) -> str:
    # only a path of this site: never an open redirect
    if not target or not target.startswith("/") or target.startswith("//") or urlparse(target).netloc:
        return "/"
    return target


@form_post()
def login(request: Request, form) -> Response:
    from sqlalchemy import select

    ctx = ctx_of(request)
    user = str(form.get("username") or "")[:100]
    host = request.client.host if request.client else "?"
    key = f"{user}|{host}"
    if ctx.logins.blocked(key):
        return message(request, "web.err.rate", 429)
    with ctx.scope() as s:
        admin = s.scalar(select(Admin).where(Admin.username == user))
        ok = admin is not None and verify_password(admin.password_hash, str(form.get("password") or ""))
        admin_pk = admin.id if admin is not None else None
    if not ok:
        ctx.logins.fail(key)
        return page(request, "login.html", {"next": _next(form.get("next")), "failed": True}, status=401)
    ctx.logins.clear(key)
    request.session.clear()  # a new session on login (no fixation)
    request.session["admin"] = admin_pk
    return RedirectResponse(_next(form.get("next")), status_code=303)


@form_post()
def logout(request: Request, form) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@admin_page
def index(request: Request) -> Response:
    with ctx_of(request).scope() as s:
        items = cols.all_collections(s)
        return page(request, "index.html", {"collections": items, "editions": cols.editions(), "error": None})


@form_post(admin=True)
def create_collection(request: Request, form) -> Response:
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


def _board_page(request: Request, s, c: Collection, flash: dict):
    lang = lang_of(request)
    rows, counts = board(s, c)
    labels = {k: t(f"web.status.{k}", lang) for k in STATUSES}
    base = str(request.base_url).rstrip("/")
    links = {int(uid): f"{base}/u/{tok}" for uid, tok in (flash.get("links") or {}).items()}
    reasons = {r.unit.id: _short(submission_reason(r.submission, lang)) for r in rows if r.status == "unreadable"}
    return page(request, "collection.html", {"c": c, "rows": rows, "counts": counts, "statuses": STATUSES,
                                             "chart": svg_bars(counts, labels), "links": links, "reasons": reasons,
                                             "error": flash.get("error")})


def _short(reason: str | None, limit: int = 40) -> tuple[str, str]:
    """(shown, whole): a reason fits its board cell; the whole text is the cell's title."""
    whole = " ".join((reason or "").split())
    return (whole if len(whole) <= limit else whole[:limit - 1].rstrip("，,。.；; ") + "…"), whole


@admin_page
def collection(request: Request) -> Response:
    ctx = ctx_of(request)
    with ctx.scope() as s:
        c = _collection(s, request)
        if c is None:
            return message(request, "web.err.not_found", 404)
        return _board_page(request, s, c, ctx.flash.take(request.session))


def _to_board(request: Request, cid: int, **flash) -> Response:
    """POST-redirect-GET: the board answers, so that a reload or a language switch shows it again; the
    new links and any error reach it once, through the session's one-time record."""
    if flash:
        ctx_of(request).flash.put(request.session, flash)
    return RedirectResponse(f"/collections/{cid}", status_code=303)


@form_post(admin=True, max_files=1)
def upload_roster(request: Request, form) -> Response:
    from ...errors import InputError

    lang = lang_of(request)
    up = form.get("roster")
    cid = int_param(request, "cid")
    if up is None or not hasattr(up, "file"):
        return _to_board(request, cid, error=t("web.err.roster_missing", lang))
    ext = Path(up.filename or "").suffix.lower()
    data = up.file.read(5 * 1024 * 1024 + 1)  # spooled by the form parser; read here, in the threadpool
    if ext not in (".csv", ".xlsx", ".txt") or len(data) > 5 * 1024 * 1024:
        return _to_board(request, cid, error=t("web.err.roster_type", lang))
    with ctx_of(request).scope() as s:
        c = _collection(s, request)
        if c is None:
            return message(request, "web.err.not_found", 404)
        with tempfile.TemporaryDirectory(prefix="xxgk-web-") as tmp:
            path = Path(tmp) / f"roster{ext}"
            path.write_bytes(data)
            try:
                new = cols.import_roster(s, c, path)
            except InputError as e:
                s.rollback()
                return _to_board(request, cid, error=e.en if lang == "en" else e.zh)
        links = {str(u.id): tok for u, tok in new}
    return _to_board(request, cid, links=links)  # after the commit: the board then shows the new units


@form_post(admin=True)
def reissue(request: Request, form) -> Response:
    with ctx_of(request).scope() as s:
        c = _collection(s, request)
        u = cols.unit_in(s, c.id, int_param(request, "uid")) if c else None
        if u is None:
            return message(request, "web.err.not_found", 404)
        links = {str(u.id): cols.issue(s, u)}
        cid = c.id
    return _to_board(request, cid, links=links)


def _back_to_board(request: Request) -> Response:
    """A GET of a form's address (an old bookmark, a reload of the former answer page) goes to the board."""
    return RedirectResponse(f"/collections/{int_param(request, 'cid')}", status_code=303)


@admin_page
def unit_detail(request: Request) -> Response:
    with ctx_of(request).scope() as s:
        u = unit_or_404(s, request)
        if u is None:
            return message(request, "web.err.not_found", 404)
        sub = submissions.latest(s, u)
        return submission_page(request, s, u, sub, admin=True)


@admin_page
def submission_detail(request: Request) -> Response:
    with ctx_of(request).scope() as s:
        u = unit_or_404(s, request)
        sub = submissions.of_unit(s, u, int_param(request, "sid")) if u else None
        if sub is None:
            return message(request, "web.err.not_found", 404)
        return submission_page(request, s, u, sub, admin=True)


@form_post(admin=True)
def decision(request: Request, form) -> Response:
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


def _download(request: Request, make, filename: str, media_type: str) -> Response:
    lang = lang_of(request)
    ctx = ctx_of(request)
    with ctx.scope() as s:
        c = _collection(s, request)
        if c is None:
            return message(request, "web.err.not_found", 404)
        try:
            data = make(ctx, s, c, lang)
        except Invalid as e:
            return message(request, e.key, 409, **e.params)
        return attachment(data, filename.format(name=downloads.safe_name(c.name), year=c.year), media_type)


@admin_page
def templates_zip(request: Request) -> Response:
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
def summary_xlsx(request: Request) -> Response:
    return _download(request, downloads.summary_xlsx, t("web.file.summary", lang_of(request)), downloads.XLSX)


@admin_page
def merged_xlsx(request: Request) -> Response:
    return _download(request, lambda ctx, s, c, lang: downloads.merged_xlsx(ctx, s, c, c.name),
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
        Route("/collections/{cid:int}/roster", admin_page(_back_to_board), methods=["GET"]),
        Route("/collections/{cid:int}/templates.zip", templates_zip, methods=["GET"]),
        Route("/collections/{cid:int}/summary.xlsx", summary_xlsx, methods=["GET"]),
        Route("/collections/{cid:int}/merged.xlsx", merged_xlsx, methods=["GET"]),
        Route(unit, unit_detail, methods=["GET"]),
        Route(unit + "/link", reissue, methods=["POST"]),
        Route(unit + "/link", admin_page(_back_to_board), methods=["GET"]),
        Route(unit + "/template.xlsx", admin_page(shared.admin_template), methods=["GET"]),
        Route(sub, submission_detail, methods=["GET"]),
        Route(sub + "/decision", decision, methods=["POST"]),
        Route(sub + "/file", admin_page(shared.admin_file), methods=["GET"]),
        Route(sub + "/report.{fmt}", admin_page(shared.admin_report), methods=["GET"]),
        Route(sub + "/preview", admin_page(shared.admin_preview), methods=["GET"]),
    ]

