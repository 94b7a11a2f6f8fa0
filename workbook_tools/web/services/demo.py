"""`serve --demo`: on an empty database, a collection built from the bundled examples, with a few
units and their uploads (one passing, one with errors, one returned, one missing)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import select

from ..models import Collection, Submission
from . import collections as cols
from .context import Context
from .submissions import decide, parse_pending, store_upload

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
DEMO_UNITS = ("示例县人民政府办公室", "示例县财政局", "示例县教育局", "示例县卫生健康委员会")


def _example() -> Path | None:
    p = EXAMPLES / "sample-county-2024.json"
    return p if p.exists() else None


def seed(ctx: Context) -> list[tuple[str, str]]:
    """Create the demo collection unless the database already holds one; the units' (name, link path)."""
    from ... import api
    from ...spec import Role

    src = _example()
    if src is None:
        return []
    with ctx.scope() as s:
        if s.scalar(select(Collection.id).limit(1)) is not None:
            return []
        report = api.load_report(src)
        c = cols.create(s, "示例 2024 年度报告报送", str(report.meta.year or 2024), None, None)
        with tempfile.TemporaryDirectory() as tmp:
            roster = Path(tmp) / "roster.csv"
            roster.write_text("单位名称\n" + "\n".join(DEMO_UNITS) + "\n", encoding="utf-8")
            made = cols.import_roster(s, c, roster)
        ids = [u.id for u, _ in made]
        links = [(u.name, f"/u/{token}") for u, token in made]
    good = api.report_bytes(report, "x.json")
    broken = api.load_report(src)
    for ref in broken.edition.cells_for(Role.RECEIVED)[:1]:  # 本年新收 off by some: the balances break
        broken.set(ref, str((broken.number(ref) or 0) + 7))
    bad = api.report_bytes(broken, "x.json")
    subs = [store_upload(ctx, ids[0], "报告.json", good), store_upload(ctx, ids[1], "报告.json", bad),
            store_upload(ctx, ids[2], "报告.json", bad)]
    for sid in subs:
        parse_pending(ctx, sid)
    with ctx.scope() as s:
        decide(s, s.get(Submission, subs[0]), "accepted", None)
        decide(s, s.get(Submission, subs[2]), "returned", "请核对表三各列的合计。")
    return links
