"""A round of reports over HTTP: collection, roster of 30 units, template, upload through the unit link,
findings on their cells, return with a comment, re-upload, accept, and the office's downloads."""

from __future__ import annotations

import io
import os
import re
import zipfile

import openpyxl
from starlette.testclient import TestClient

from conftest import LINK, csrf_of, login, report_file, upload

NAMES = [f"测试县第{i:02d}局" for i in range(1, 31)]


def _collection(admin, tmp) -> tuple[int, dict[str, str], str]:
    csrf = csrf_of(admin, "/")
    r = admin.post("/collections", data={"name": "2024年度报送", "year": "2024", "edition": "",
                                         "deadline": "2099-01-31", "csrf_token": csrf})
    assert r.status_code == 200 and "/collections/" in str(r.url)
    cid = int(str(r.url).rsplit("/", 1)[1])
    roster = tmp / "名单.csv"
    roster.write_text("序号,单位名称\n" + "".join(f"{i},{n}\n" for i, n in enumerate(NAMES, 1)), encoding="utf-8-sig")
    with open(roster, "rb") as fh:
        r = admin.post(f"/collections/{cid}/roster", data={"csrf_token": csrf}, files={"roster": ("名单.csv", fh)})
    rows = re.findall(r'<tr data-unit="([^"]+)" data-status="(\w+)"', r.text)
    assert [n for n, _ in rows] == NAMES and {s for _, s in rows} == {"missing"}
    assert re.search(r'data-testid="count-missing">30<', r.text)
    links = dict(zip(NAMES, LINK.findall(r.text)))
    assert len(links) == 30 and all("/u/" in v for v in links.values())
    assert 'data-testid="unit-link"' not in admin.get(f"/collections/{cid}").text  # links are shown once
    return cid, {n: v.rsplit("/u/", 1)[1] for n, v in links.items()}, csrf


def _status(client, token: str) -> str:
    return re.search(r'data-testid="submission" data-submission="\d+" data-status="(\w+)"',
                     client.get(f"/u/{token}").text).group(1)


def test_a_round_of_reports(app_factory, tmp_path):
    app = app_factory()
    with TestClient(app) as admin, TestClient(app) as unit, TestClient(app) as other:
        login(admin)
        cid, tokens, csrf = _collection(admin, tmp_path)
        first, second = NAMES[0], NAMES[1]

        t = unit.get(f"/u/{tokens[first]}/template.xlsx")
        assert t.status_code == 200 and t.content[:2] == b"PK"
        assert "filename*=UTF-8''" in t.headers["content-disposition"]
        sheets = openpyxl.load_workbook(io.BytesIO(t.content), read_only=True).sheetnames
        assert "表三" in sheets

        r = upload(unit, tokens[first], report_file(tmp_path, first, broken=True))
        assert r.status_code == 200
        assert _status(unit, tokens[first]) == "errors"
        findings = re.findall(r'<li class="finding sev-error" data-rule="(\w+)" data-severity="error" data-cells="([^"]*)"',
                              r.text)
        assert findings and any(cells for _, cells in findings)
        cells = next(c for _, c in findings if c).split()
        assert all(re.fullmatch(r"表[二三四]![A-Z]+\d+", c) for c in cells)
        for c in cells:  # each cell of the finding is drawn and marked
            assert re.search(rf'<td data-cell="{re.escape(c)}"[^>]*class="has-error"', r.text), c
        r2 = upload(other, tokens[second], report_file(tmp_path, second))
        assert _status(other, tokens[second]) == "passed" and first not in r2.text

        detail = admin.get(f"/collections/{cid}/units/{_unit_id(admin, cid, first)}")
        sub = int(re.search(r'data-testid="submission" data-submission="(\d+)"', detail.text).group(1))
        notes = re.search(r'<textarea name="comment"[^>]*>(.*?)</textarea>', detail.text, re.S).group(1)
        assert "表三" in notes  # the revision notes are prefilled from the findings
        comment = "请核对表三的合计后重新报送。"
        base = f"/collections/{cid}/units/{_unit_id(admin, cid, first)}/submissions/{sub}"
        r = admin.post(base + "/decision", data={"csrf_token": csrf, "decision": "returned", "comment": comment})
        assert 'data-decision="returned"' in admin.get(f"/collections/{cid}").text
        page = unit.get(f"/u/{tokens[first]}").text
        assert comment in page and 'data-testid="office-comment"' in page
        assert comment not in other.get(f"/u/{tokens[second]}").text

        upload(unit, tokens[first], report_file(tmp_path, first))
        page = unit.get(f"/u/{tokens[first]}").text
        assert _status(unit, tokens[first]) == "passed"
        assert page.count('data-testid="history-row"') == 2
        board = admin.get(f"/collections/{cid}").text
        assert re.search(rf'data-unit="{first}" data-status="passed" data-decision=""', board)
        assert re.search(r'data-testid="count-passed">2<', board)
        assert re.search(r'data-testid="count-missing">28<', board)

        _accept(admin, cid, first, csrf)
        _accept(admin, cid, second, csrf)
        _downloads(admin, unit, cid, tokens[first], first)


def test_a_blank_template_sent_back_cannot_be_accepted(app_factory, tmp_path):
    app = app_factory()
    with TestClient(app) as admin, TestClient(app) as unit:
        login(admin)
        cid, tokens, csrf = _collection(admin, tmp_path)
        name = NAMES[2]
        blank = tmp_path / "blank.xlsx"
        blank.write_bytes(unit.get(f"/u/{tokens[name]}/template.xlsx").content)
        upload(unit, tokens[name], blank)
        assert _status(unit, tokens[name]) == "blank"
        uid = _unit_id(admin, cid, name)
        detail = admin.get(f"/collections/{cid}/units/{uid}").text
        assert 'data-testid="return"' in detail and 'data-testid="accept"' not in detail
        sub = re.search(r'data-testid="submission" data-submission="(\d+)"', detail).group(1)
        r = admin.post(f"/collections/{cid}/units/{uid}/submissions/{sub}/decision",
                       data={"csrf_token": csrf, "decision": "accepted"})
        assert r.status_code == 400 and "未填写的模板不能接收" in r.text
        assert re.search(rf'data-unit="{name}" data-status="blank" data-decision=""', admin.get(f"/collections/{cid}").text)


def _unit_id(admin, cid: int, name: str) -> int:
    board = admin.get(f"/collections/{cid}").text
    row = board.split(f'data-unit="{name}"', 1)[1]
    return int(re.search(rf'/collections/{cid}/units/(\d+)"', row).group(1))


def _accept(admin, cid: int, name: str, csrf: str) -> None:
    uid = _unit_id(admin, cid, name)
    detail = admin.get(f"/collections/{cid}/units/{uid}").text
    sub = re.search(r'data-testid="submission" data-submission="(\d+)"', detail).group(1)
    admin.post(f"/collections/{cid}/units/{uid}/submissions/{sub}/decision", data={"csrf_token": csrf, "decision": "accepted"})
    assert re.search(rf'data-unit="{name}" data-status="passed" data-decision="accepted"', admin.get(f"/collections/{cid}").text)


def _downloads(admin, unit, cid: int, token: str, name: str) -> None:
    s = admin.get(f"/collections/{cid}/summary.xlsx")
    assert s.status_code == 200 and s.headers["content-type"].startswith("application/vnd.openxmlformats")
    wb = openpyxl.load_workbook(io.BytesIO(s.content), read_only=True)
    seen = {str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c}
    assert name in seen and NAMES[29] in seen  # who submitted, and who has not
    m = admin.get(f"/collections/{cid}/merged.xlsx")
    assert m.status_code == 200
    merged = openpyxl.load_workbook(io.BytesIO(m.content), read_only=True)
    assert "表三" in merged.sheetnames
    page = unit.get(f"/u/{token}").text
    sub = re.search(r'data-testid="report-docx" href="([^"]+)"', page).group(1)
    d = unit.get(sub)
    assert d.status_code == 200 and d.content[:2] == b"PK"
    assert d.headers["content-disposition"].startswith("attachment;")
    import docx

    body = "\n".join(p.text for p in docx.Document(io.BytesIO(d.content)).paragraphs)
    assert name in body
    h = unit.get(sub.replace("report.docx", "report.html"))
    assert h.headers["content-disposition"].startswith("attachment;") and name in h.text
    p = unit.get(sub.replace("report.docx", "preview"))
    assert p.headers["content-type"].startswith("text/html") and "default-src 'none'" in p.headers["content-security-policy"]
    en = unit.get(f"/u/{token}?lang=en")
    assert "lang=en" in en.headers.get("set-cookie", "") and "Upload and check" in en.text
    assert "Upload and check" in unit.get(f"/u/{token}").text  # the cookie keeps the language


def test_templates_zip_and_login_limit(office):
    with TestClient(office.app) as admin:
        login(admin)
        z = admin.get(f"/collections/{office.cid}/templates.zip")
        names = zipfile.ZipFile(io.BytesIO(z.content)).namelist()
        assert len(names) == 2 and any("甲县财政局" in n for n in names)
    with TestClient(office.app) as stranger:
        csrf = csrf_of(stranger)
        codes = [stranger.post("/login", data={"username": "admin", "password": "wrong", "csrf_token": csrf}).status_code
                 for _ in range(6)]
        assert codes[:5] == [401] * 5 and codes[5] == 429
        r = stranger.post("/login", data={"username": "admin", "password": "wrong", "csrf_token": csrf})
        assert r.status_code == 429 and "一分钟" in r.text
    office.app.state.ctx.logins.clear("admin|testclient")  # the shared office stays open for the other tests


def test_demo_office(tmp_path):
    from workbook_tools.web.app import create_app
    from workbook_tools.web.settings import Settings

    said = []
    os.environ["XXGK_ADMIN_PASSWORD"] = "demo-pw-123"
    try:
        app = create_app(Settings(data=tmp_path / "d", demo=True, workers=1), out=lambda *a, **k: said.append(a[0]))
    finally:
        del os.environ["XXGK_ADMIN_PASSWORD"]
    try:
        links = [line.rsplit("：", 1)[1] for line in said]
        assert len(links) == 4 and all(x.startswith("/u/") for x in links)
        with TestClient(app) as c:
            assert "示例县财政局" in c.get(links[1]).text
            login(c, "demo-pw-123")
            board = c.get("/collections/1").text
            states = re.findall(r'data-status="(\w+)" data-decision="(\w*)"', board)
            assert states == [("passed", "accepted"), ("errors", ""), ("errors", "returned"), ("missing", "")]
    finally:
        app.state.ctx.parser.close()
        app.state.ctx.engine.dispose()


def test_last_years_accepted_report_prefills_and_is_compared(tmp_path):
    from conftest import EXAMPLES, make_app

    from workbook_tools import api
    from workbook_tools.spec import Role
    from workbook_tools.web.models import Submission
    from workbook_tools.web.services import collections as cols
    from workbook_tools.web.services.submissions import decide, parse_pending, store_upload

    app = make_app(tmp_path / "data")
    ctx = app.state.ctx
    last = api.load_report(EXAMPLES / "sample-county-2024.json")
    last.meta.agency, last.meta.year = "甲县财政局", 2023
    (tmp_path / "r.csv").write_text("单位名称\n甲县财政局\n", encoding="utf-8")
    try:
        with ctx.scope() as s:
            (u23, _), = cols.import_roster(s, cols.create(s, "2023年度", "2023", None, None), tmp_path / "r.csv")
            (_, token), = cols.import_roster(s, cols.create(s, "2024年度", "2024", None, None), tmp_path / "r.csv")
            u23 = u23.id
        sid = store_upload(ctx, u23, "2023.json", api.report_bytes(last, "x.json"))
        parse_pending(ctx, sid)
        with ctx.scope() as s:
            decide(s, s.get(Submission, sid), "accepted", None)
        with TestClient(app) as c:
            (tmp_path / "t.xlsx").write_bytes(c.get(f"/u/{token}/template.xlsx").content)
            template = api.load_report(tmp_path / "t.xlsx")
            carried = [template.number(ref) for ref in template.edition.cells_for(Role.CARRIED_OVER)]
            assert carried == [last.number(ref) for ref in last.edition.cells_for(Role.FORWARD)]  # 上年结转 pre-filled
            page = upload(c, token, report_file(tmp_path, "甲县财政局", ext=".json")).text
            assert "跨年度核对" in page
            assert set(re.findall(r'data-rule="(A0[5-7]|N09)"', page))  # the cross-year rules ran
    finally:
        ctx.parser.close()
        ctx.engine.dispose()


def test_roster_kinds_reach_the_template(office, tmp_path):
    from workbook_tools import api
    from workbook_tools.web.services import collections as cols

    ctx = office.app.state.ctx
    roster = tmp_path / "名单.csv"
    roster.write_text("单位名称,类型\n丙县人民政府,政府\n丙县财政局,部门\n丙县某镇,乡镇\n", encoding="utf-8")
    with ctx.scope() as s:
        made = cols.import_roster(s, cols.create(s, "类型", "2024", None, None), roster)
        assert [u.kind for u, _ in made] == ["government", "department", "other"]
        token = made[0][1]
    with TestClient(office.app) as c:
        (tmp_path / "t.xlsx").write_bytes(c.get(f"/u/{token}/template.xlsx").content)
    meta = api.load_report(tmp_path / "t.xlsx").meta
    assert meta.agency == "丙县人民政府" and meta.agency_kind.value == "government"
