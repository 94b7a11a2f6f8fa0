"""A unit's pages behind its secret link /u/<token>: every query goes through the unit the token names."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..services import collections as cols
from ..services import submissions
from ..services.collections import Invalid
from .common import ctx_of, form_post, int_param, message
from .shared import submission_endpoints, submission_page, template_endpoint


def _unit(s, request: Request):
    return cols.unit_by_token(s, request.path_params.get("token", ""))


def home(request: Request) -> Response:
    with ctx_of(request).scope() as s:
        u = _unit(s, request)
        if u is None:
            return message(request, "web.err.not_found", 404)
        sub = submissions.latest(s, u)
        return submission_page(request, s, u, sub, admin=False, base=request.url.path.rstrip("/"))


def submission(request: Request) -> Response:
    with ctx_of(request).scope() as s:
        u = _unit(s, request)
        sub = submissions.of_unit(s, u, int_param(request, "sid")) if u else None
        if sub is None:
            return message(request, "web.err.not_found", 404)
        token = request.path_params["token"]
        return submission_page(request, s, u, sub, admin=False, base=f"/u/{token}")


template = template_endpoint(_unit)


@form_post(max_files=1)
def upload(request: Request, form) -> Response:
    ctx = ctx_of(request)
    with ctx.scope() as s:
        u = _unit(s, request)
        if u is None:
            return message(request, "web.err.not_found", 404)
        uid = u.id
    up = form.get("file")
    if up is None or not hasattr(up, "file"):
        return message(request, "web.err.file_missing", 400)
    from ... import api

    limit = api.input_limit(up.filename or "x.txt")
    # the form parser spooled the body to disk as it streamed in; read back here, in the threadpool, and
    # one byte over the limit says "too big" without reading the rest
    data = up.file.read(limit + 1)
    try:
        sub_id = submissions.store_upload(ctx, uid, up.filename or "", data)
    except Invalid as e:
        return message(request, e.key, 413 if e.key == "web.err.size" else 400, **e.params)
    submissions.parse_pending(ctx, sub_id)  # findings within seconds: the unit waits for them
    return RedirectResponse(f"/u/{request.path_params['token']}/submissions/{sub_id}", status_code=303)


def _sub(s, request: Request):
    u = _unit(s, request)
    sub = submissions.of_unit(s, u, int_param(request, "sid")) if u else None
    return u, sub


file, report, preview = submission_endpoints(_sub)


def routes() -> list[Route]:
    sub = "/u/{token}/submissions/{sid:int}"
    return [
        Route("/u/{token}", home, methods=["GET"]),
        Route("/u/{token}/template.xlsx", template, methods=["GET"]),
        Route("/u/{token}/upload", upload, methods=["POST"]),
        Route(sub, submission, methods=["GET"]),
        Route(sub + "/file", file, methods=["GET"]),
        Route(sub + "/report.{fmt}", report, methods=["GET"]),
        Route(sub + "/preview", preview, methods=["GET"]),
    ]

