"""Uploads: checked, stored, parsed in a worker, recorded; the office's decision; what a unit sees."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Collection, Submission, Unit, now
from .collections import Invalid, previous_collection
from .context import Context

log = logging.getLogger(__name__)

# what a unit may upload: the filled workbook, report data, or the published document
ALLOWED = (".xlsx", ".json", ".csv", ".docx", ".pdf", ".html", ".htm", ".txt", ".md")
_ZIPPED = (".xlsx", ".docx")
_TEXT = (".json", ".csv", ".html", ".htm", ".txt", ".md")


def check_upload(filename: str, data: bytes) -> str:
    """The extension, after the type is confirmed by the first bytes and the size by the reader's limit."""
    from ... import api

    ext = Path(filename or "").suffix.lower()
    if ext not in ALLOWED:
        raise Invalid("web.err.type", types=" ".join(ALLOWED))
    if not data:
        raise Invalid("web.err.empty")
    limit = api.input_limit(f"x{ext}")
    if len(data) > limit:
        raise Invalid("web.err.size", mb=limit // (1024 * 1024))
    head = data[:8192]
    if ext in _ZIPPED and not head.startswith(b"PK\x03\x04"):
        raise Invalid("web.err.magic", ext=ext)
    if ext == ".pdf" and b"%PDF-" not in head[:1024]:
        raise Invalid("web.err.magic", ext=ext)
    if ext in _TEXT and b"\x00" in head:
        raise Invalid("web.err.magic", ext=ext)
    return ext


def store_upload(ctx: Context, unit_id: int, filename: str, data: bytes, by_admin: bool = False) -> int:
    """Store the bytes and a pending row (committed), so that a crash during the parse loses nothing."""
    ext = check_upload(filename, data)
    sha = ctx.store.put(data)
    name = Path(filename).name[-200:] or f"upload{ext}"
    with ctx.scope() as s:
        sub = Submission(unit_id=unit_id, filename=name, ext=ext, size=len(data), sha256=sha, state="pending",
                         errors=0, warnings=0, infos=0, by_admin=by_admin)
        s.add(sub)
        s.flush()
        return sub.id


def accepted_last_year(s: Session, unit: Unit) -> Submission | None:
    """The unit's accepted report in last year's collection (same name, as the roster matcher folds it)."""
    prev = previous_collection(s, unit.collection)
    if prev is None:
        return None
    q = (select(Submission).join(Unit).where(Unit.collection_id == prev.id, Unit.name_key == unit.name_key,
                                             Submission.decision == "accepted", Submission.report_sha256.is_not(None))
         .order_by(Submission.id.desc()))
    return s.scalars(q).first()


def parse_pending(ctx: Context, sub_id: int) -> None:
    """Parse one pending upload in a worker and record the outcome in one transaction."""
    with ctx.scope() as s:
        sub = s.get(Submission, sub_id)
        if sub is None or sub.state != "pending":
            return
        prev = accepted_last_year(s, sub.unit)
        prev_path = ctx.store.path(prev.report_sha256) if prev else None
        prev_id = prev.id if prev else None
        stored, ext = ctx.store.path(sub.sha256), sub.ext
    out = ctx.parser.parse(stored, ext, prev_path)
    report_sha = ctx.store.put(out["report_json"]) if out.get("report_json") else None
    with ctx.scope() as s:
        sub = s.get(Submission, sub_id)
        if sub is None or sub.state != "pending":
            return
        sub.state = "done"
        sub.status = out["status"]
        sub.reason = None if not out.get("reason") else out["reason"].get("zh")
        sub.explain = out.get("explain") or {}
        if out.get("reason"):
            sub.explain = {**sub.explain, "reason": out["reason"]}
        sub.errors, sub.warnings, sub.infos = out.get("errors", 0), out.get("warnings", 0), out.get("infos", 0)
        sub.findings = out.get("findings") or []
        sub.figures = {**(out.get("figures") or {}), "agency": out.get("agency"), "year": out.get("year"),
                       "edition": out.get("edition")}
        sub.report_sha256 = report_sha
        sub.previous_id = prev_id if report_sha else None


def pending_ids(ctx: Context) -> list[int]:
    with ctx.scope() as s:
        return list(s.scalars(select(Submission.id).where(Submission.state == "pending").order_by(Submission.id)))


def process_pending(ctx: Context) -> int:
    """Parse every upload left pending (by a restart in the middle of a parse); the count done."""
    n = 0
    for sub_id in pending_ids(ctx):
        try:
            parse_pending(ctx, sub_id)
            n += 1
        except Exception:  # noqa: BLE001 - one bad row must not stop the others; it stays pending
            log.exception("parsing pending upload %s failed", sub_id)
    return n


def decide(s: Session, sub: Submission, decision: str, comment: str | None) -> None:
    if decision not in ("returned", "accepted"):
        raise Invalid("web.err.decision")
    if sub.state != "done":
        raise Invalid("web.err.pending")
    if decision == "accepted" and sub.report_sha256 is None:
        raise Invalid("web.err.accept_unreadable")
    if decision == "accepted" and sub.status == "blank":  # the template sent back as it was (S11)
        raise Invalid("web.err.accept_blank")
    sub.decision = decision
    sub.comment = (comment or "").strip()[:20000] or None
    sub.decided_at = now()


def history(s: Session, unit: Unit) -> list[Submission]:
    return list(s.scalars(select(Submission).where(Submission.unit_id == unit.id).order_by(Submission.id.desc())))


def latest(s: Session, unit: Unit) -> Submission | None:
    return s.scalars(select(Submission).where(Submission.unit_id == unit.id).order_by(Submission.id.desc())).first()


def of_unit(s: Session, unit: Unit, sub_id: int) -> Submission | None:
    """A submission only through its own unit: another unit's id is simply not found."""
    sub = s.get(Submission, sub_id)
    return sub if sub is not None and sub.unit_id == unit.id else None


def board_status(sub: Submission | None, c: Collection, today: dt.date | None = None) -> str:
    """The status board's word for a unit: its latest upload's outcome, or missing/overdue."""
    if sub is None:
        today = today or dt.date.today()
        return "overdue" if c.deadline is not None and today > c.deadline else "missing"
    if sub.state == "pending":
        return "pending"
    return sub.status or "unreadable"
