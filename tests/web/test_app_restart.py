"""A restart in the middle of uploads loses nothing: rows stored but not parsed are parsed at the next start,
and the stored bytes are the uploaded bytes."""

from __future__ import annotations

import hashlib
import re
import time

from starlette.testclient import TestClient

from conftest import login, report_file


def _wait_parsed(ctx, ids, seconds=60.0):
    from workbook_tools.web.models import Submission

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with ctx.scope() as s:
            if all(s.get(Submission, i).state == "done" for i in ids):
                return
        time.sleep(0.1)
    raise AssertionError("pending uploads were not parsed after the restart")


def test_pending_uploads_are_parsed_after_a_restart(app_factory, tmp_path):
    from workbook_tools.web.services import collections as cols
    from workbook_tools.web.services.submissions import store_upload

    data = tmp_path / "data"
    first = app_factory(data)
    ctx = first.state.ctx
    files = {"甲局": report_file(tmp_path, "甲局", broken=True), "乙局": report_file(tmp_path, "乙局", ext=".json")}
    with ctx.scope() as s:
        c = cols.create(s, "重启", "2024", None, None)
        roster = tmp_path / "r.csv"
        roster.write_text("单位名称\n甲局\n乙局\n", encoding="utf-8")
        units = {u.name: u.id for u, _tok in cols.import_roster(s, c, roster)}
        cid = c.id
    # the server stored the uploads and stopped before a worker parsed them
    ids = {name: store_upload(ctx, units[name], path.name, path.read_bytes()) for name, path in files.items()}
    first.state.ctx.engine.dispose()
    second = app_factory(data, db=ctx.settings.db)  # the same data folder and database
    with TestClient(second) as admin:  # start-up re-queues the pending rows
        _wait_parsed(second.state.ctx, ids.values())
        login(admin)
        board = admin.get(f"/collections/{cid}").text
        assert re.search(r'data-unit="甲局" data-status="errors"', board)
        assert re.search(r'data-unit="乙局" data-status="passed"', board)
        for name, sid in ids.items():
            got = admin.get(f"/collections/{cid}/units/{units[name]}/submissions/{sid}/file").content
            assert hashlib.sha256(got).digest() == hashlib.sha256(files[name].read_bytes()).digest()

