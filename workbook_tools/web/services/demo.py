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

# the repository's examples/ ships inside the wheel as this package (pyproject.toml); a checkout that was
# installed before that mapping existed still has the folder beside the package
PACKAGE = "workbook_tools.examples"
CHECKOUT = Path(__file__).resolve().parents[3] / "examples"
EXAMPLE = "sample-county-2024.json"
DEMO_UNITS = ("示例县人民政府办公室", "示例县财政局", "示例县教育局", "示例县卫生健康委员会")


def example_bytes(name: str = EXAMPLE) -> bytes | None:
    """A bundled example report, from the installed package or else from the checkout; None if neither."""
    from importlib.resources import files

    try:
        res = files(PACKAGE) / name
        if res.is_file():
            return res.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        pass
    path = CHECKOUT / name
    return path.read_bytes() if path.is_file() else None


def seed(ctx: Context) -> list[tuple[str, str]]:
    """Create the demo collection unless the database already holds one; the units' (name, link path)."""
    from ... import api
    from ...spec import Role

    data = example_bytes()
    if data is None:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / EXAMPLE
        src.write_bytes(data)
        report, broken = api.load_report(src), api.load_report(src)
    with ctx.scope() as s:
        if s.scalar(select(Collection.id).limit(1)) is not None:
            return []
        c = cols.create(s, "示例 2024 年度报告报送", str(report.meta.year or 2024), None, None)
        with tempfile.TemporaryDirectory() as tmp:
            roster = Path(tmp) / "roster.csv"
            roster.write_text("单位名称\n" + "\n".join(DEMO_UNITS) + "\n", encoding="utf-8")
            made = cols.import_roster(s, c, roster)
        ids = [u.id for u, _ in made]
        links = [(u.name, f"/u/{token}") for u, token in made]
    good = api.report_bytes(report, "x.json")
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
