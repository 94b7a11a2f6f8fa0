"""What the office and a unit both see of a submission: the findings page, the file, the report."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..messages_helper import t
from ..models import Submission, Unit
from ..services import collections as cols
from ..services import downloads, submissions
from ..services.collections import Invalid
from ..views import revision_notes, submission_view
from .common import attachment, ctx_of, int_param, lang_of, message, page


def unit_or_404(s, request: Request) -> Unit | None:
    return cols.unit_in(s, int_param(request, "cid"), int_param(request, "uid"))


def submission_reason(sub: Submission | None, lang: str) -> str | None:
    """Why an upload could not be read, in the page's language."""
    if sub is None or sub.state != "done":
        return None
    return ((sub.explain or {}).get("reason") or {}).get(lang) or sub.reason


def report_offer(sub: Submission | None) -> str:
    """Whether the report downloads are offered: "yes" for a readable, filled report, else why not
    (none, pending, unreadable, blank) — the key of the page's explanation."""
    if sub is None:
        return "none"
    if sub.state != "done":
        return "pending"
    if sub.report_sha256 is None or sub.status == "unreadable":
        return "unreadable"
    return "blank" if sub.status == "blank" else "yes"


def submission_page(request: Request, s, u: Unit, sub: Submission | None, admin: bool, base: str | None = None):
    """The findings view of `sub` (the latest when the page is the unit's), its history and comments."""
    ctx = ctx_of(request)
    lang = lang_of(request)
    base = base or f"/collections/{u.collection_id}/units/{u.id}"
    view = {"tables": [], "findings": []}
    notes = ""
    reason = None
    if sub is not None and sub.state == "done":
        view = submission_view(downloads.report_json_path(ctx, sub), sub.findings or [], lang)
        notes = revision_notes(sub.findings or [], lang, view.get("report"))
        reason = submission_reason(sub, lang)
    history = submissions.history(s, u)
    comments = [h for h in history if h.decided_at and h.comment]
    previous = s.get(Submission, sub.previous_id) if sub is not None and sub.previous_id else None
    return page(request, "submission.html" if admin else "unit.html", {
        "unit": u, "c": u.collection, "sub": sub, "view": view, "notes": notes, "reason": reason,
        "history": history, "comments": comments, "base": base, "admin": admin, "previous": previous,
        "numbers": {h.id: len(history) - i for i, h in enumerate(history)},  # the unit's own count of uploads
        "explain": ((sub.explain or {}).get(lang) or []) if sub is not None else [],
        "status": submissions.board_status(sub, u.collection) if sub is not None else "missing",
        "offer": report_offer(sub),
    })


def template_endpoint(find_unit):
    """A unit's template, for a role whose `find_unit(s, request) -> unit` decides which it may see (None: 404)."""

    def template(request: Request) -> Response:
        ctx = ctx_of(request)
        with ctx.scope() as s:
            u = find_unit(s, request)
            if u is None:
                return message(request, "web.err.not_found", 404)
            data, name, year = downloads.template_bytes(ctx, s, u), u.name, u.collection.year
        return attachment(data, t("web.file.template", lang_of(request), name=downloads.safe_name(name), year=year),
                          downloads.XLSX)

    return template


def file_response(request: Request, sub: Submission) -> Response:
    data = ctx_of(request).store.read(sub.sha256)
    return attachment(data, sub.filename, "application/octet-stream")  # never inline, never executable


def report_response(request: Request, sub: Submission, unit_name: str, fmt: str, inline: bool = False):
    ext = "." + fmt.lower()
    try:
        data = downloads.report_bytes(ctx_of(request), sub, ext)
    except Invalid as e:
        return message(request, e.key, 409, **e.params)
    if inline:  # our own rendering of the report (escaped by its renderer), shown under the strict CSP
        return Response(data, media_type=downloads.REPORT_TYPES[".html"],
                        headers={"Cache-Control": "no-store", "Content-Security-Policy": "default-src 'none'; "
                                 "style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"})
    name = t("web.file.report", lang_of(request), name=downloads.safe_name(unit_name), ext=ext)
    return attachment(data, name, downloads.REPORT_TYPES[ext])


def _admin_sub(s, request: Request):
    u = unit_or_404(s, request)
    sub = submissions.of_unit(s, u, int_param(request, "sid")) if u else None
    return u, sub


def submission_endpoints(lookup):
    """The stored file, the report download and its preview of one submission, for a role whose `lookup(s,
    request) -> (unit, submission)` decides what it may see (None: 404) — the office's or a unit's link."""

    def file(request: Request) -> Response:
        with ctx_of(request).scope() as s:
            _, sub = lookup(s, request)
            if sub is None:
                return message(request, "web.err.not_found", 404)
            return file_response(request, sub)

    def _report(request: Request, inline: bool) -> Response:
        fmt = "html" if inline else request.path_params.get("fmt", "")
        with ctx_of(request).scope() as s:
            u, sub = lookup(s, request)
            if sub is None or "." + fmt not in downloads.REPORT_TYPES:
                return message(request, "web.err.not_found", 404)
            name = u.name
        return report_response(request, sub, name, fmt, inline)

    def report(request: Request) -> Response:
        return _report(request, inline=False)

    def preview(request: Request) -> Response:
        return _report(request, inline=True)

    return file, report, preview


admin_file, admin_report, admin_preview = submission_endpoints(_admin_sub)
admin_template = template_endpoint(unit_or_404)
