"""Files made on request: templates, the summary workbook, the 汇总 of accepted reports, reports.
Each is generated into a private temporary folder and returned as bytes."""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from ..models import Collection, Submission, Unit
from .collections import Invalid
from .context import Context
from .submissions import accepted_last_year, latest

REPORT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_name(name: str) -> str:
    return _UNSAFE.sub("_", name).strip(" .")[:120] or "unit"


def template_job(ctx: Context, s: Session, unit: Unit, name: str = "template.xlsx") -> tuple:
    """The arguments of `worker.build_template` for the unit: its edition, year, name and kind, and last
    year's accepted report (上年结转 pre-filled from it)."""
    from ...editions import get_edition

    c = unit.collection
    prev = accepted_last_year(s, unit)
    previous = str(ctx.store.path(prev.report_sha256)) if prev is not None else None
    forced = not get_edition(c.edition).prescribed_for(c.year)
    return name, c.edition, c.year, unit.name, unit.kind, previous, forced


def template_bytes(ctx: Context, s: Session, unit: Unit) -> bytes:
    from ..worker import build_template

    return build_template(*template_job(ctx, s, unit))


class _Sink:
    """A write-only stream for zipfile: what was written since the last `take`, and the position."""

    def __init__(self):
        self._parts: list[bytes] = []
        self._pos = 0

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self._pos

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        out, self._parts = b"".join(self._parts), []
        return out


def templates_zip(ctx: Context, collection_id: int):
    """Every unit's template in one zip, as chunks: the templates are made in the builder processes, a
    few ahead, and each is sent as soon as it is its turn (the download starts at once, however many
    units there are)."""
    with ctx.scope() as s:
        units = s.get(Collection, collection_id).units
        names = [f"{u.position:03d}-{safe_name(u.name)}.xlsx" for u in units]
        jobs = [template_job(ctx, s, u) for u in units]
    from ..worker import build_template

    made = ctx.builder.map_ordered(build_template, jobs) if ctx.builder else (build_template(*j) for j in jobs)
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in zip(names, made):
            z.writestr(name, data)
            yield sink.take()
    yield sink.take()


def _latest_files(ctx: Context, s: Session, c: Collection, folder: Path, accepted_only: bool) -> list[Path]:
    """The units' latest uploads (or accepted reports, as JSON) copied under their units' names."""
    out = []
    for u in c.units:
        sub = _accepted(s, u) if accepted_only else latest(s, u)
        if sub is None or sub.state != "done":
            continue
        sha, ext = (sub.report_sha256, ".json") if accepted_only else (sub.sha256, sub.ext)
        if sha is None:
            continue
        target = folder / f"{u.position:03d}-{safe_name(u.name)}{ext}"
        shutil.copyfile(ctx.store.path(sha), target)
        out.append(target)
    return out


def _accepted(s: Session, u: Unit) -> Submission | None:
    from sqlalchemy import select

    q = select(Submission).where(Submission.unit_id == u.id, Submission.decision == "accepted").order_by(Submission.id.desc())
    return s.scalars(q).first()


@contextmanager
def _gathered(ctx: Context, s: Session, c: Collection, accepted_only: bool, none: str):
    """(a temporary folder, its in/ holding the units' latest files — or only the accepted ones); Invalid(`none`)
    when there is no file to work on."""
    with tempfile.TemporaryDirectory(prefix="xxgk-web-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        if not _latest_files(ctx, s, c, folder, accepted_only=accepted_only):
            raise Invalid(none)
        yield Path(tmp), folder


def summary_xlsx(ctx: Context, s: Session, c: Collection, lang: str) -> bytes:
    """`xxgk check 报送/ --roster 名单 -o 汇总校验.xlsx` over the latest uploads."""
    from ... import api

    with _gathered(ctx, s, c, accepted_only=False, none="web.err.nothing") as (tmp, folder):
        roster = tmp / "roster.csv"
        roster.write_text("单位名称\n" + "".join(_csv_cell(u.name) + "\n" for u in c.units), encoding="utf-8")
        out = tmp / "summary.xlsx"
        api.check_folder([folder], out, roster=roster, lang=lang, jobs=min(2, ctx.settings.workers),
                         timeout=ctx.settings.parse_timeout)
        return out.read_bytes()


def _csv_cell(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def merged_xlsx(ctx: Context, s: Session, c: Collection, agency: str) -> bytes:
    """The accepted reports added up (`xxgk merge … -o 汇总.xlsx`)."""
    from ... import api
    from ...errors import InputError

    with _gathered(ctx, s, c, accepted_only=True, none="web.err.nothing_accepted") as (tmp, folder):
        out = tmp / "merged.xlsx"
        try:
            api.merge([folder], out, agency, year=c.year)
        except InputError as e:
            raise Invalid("web.err.merge", reason=e) from None
        return out.read_bytes()


def report_bytes(ctx: Context, sub: Submission, ext: str) -> bytes:
    """The publishable report of a submission (its findings do not stop it: the office decides)."""
    from ... import api

    if ext not in REPORT_TYPES:
        raise Invalid("web.err.format")
    if sub.report_sha256 is None or sub.status == "unreadable":
        raise Invalid("web.err.no_report")
    if sub.status == "blank":  # an empty template makes an empty report: nothing to publish
        raise Invalid("web.err.blank_report")
    with tempfile.TemporaryDirectory(prefix="xxgk-web-") as tmp:
        src = Path(tmp) / "report.json"
        shutil.copyfile(ctx.store.path(sub.report_sha256), src)
        report = api.load_report(src)
        if ext != ".pdf":
            return api.render_bytes(report, f"report{ext}")
        from ...errors import InputError

        try:
            paths = api.render_report(report, Path(tmp) / "report.pdf")
        except InputError as e:  # no LibreOffice on this machine
            raise Invalid("web.err.tool", reason=e) from None
        return paths[0].read_bytes()


def report_json_path(ctx: Context, sub: Submission) -> Path | None:
    return ctx.store.path(sub.report_sha256) if sub.report_sha256 else None
