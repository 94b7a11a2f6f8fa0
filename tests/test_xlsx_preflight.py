"""Pre-flight and the low-level .xlsx reader: hostile and broken files are refused with a Chinese message
(never a traceback, in bounded time and memory, the input untouched); valid workbooks read exactly."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import hostile_xlsx as H
import pytest
from conftest import ROOT, require, require_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook_tools.errors import InputError
from workbook_tools.workbook import preflight as pf
from workbook_tools.workbook.xlsxread import (
    MAX_CELLS,
    RawCell,
    a1,
    col_letters,
    excel_date,
    parse_a1,
    parse_defined_name,
    read_workbook,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
CHILD_MEMORY = 1536 * 1024 * 1024  # address space for a child reading one hostile file
CHILD_TIMEOUT = 60

# A child process reads one file and prints what happened as JSON: a crash, a MemoryError or a hang
# shows up as a failed test instead of taking the test run down.
CHILD = r"""
import json, sys, time
from workbook_tools.errors import InputError
from workbook_tools.workbook.xlsxread import a1, read_workbook
t = time.perf_counter()
try:
    book = read_workbook(sys.argv[1])
except InputError as e:
    out = {"error": e.code, "zh": e.zh, "en": e.en}
else:
    out = {"ok": True, "sheets": {s.name: {"n": len(s.cells), "max_row": s.max_row, "max_col": s.max_col,
           "dimension": s.dimension, "values": {a1(r, c): v.value for (r, c), v in s.cells.items()} if len(s.cells) < 50 else {}}
           for s in book.sheets}}
out["seconds"] = time.perf_counter() - t
print(json.dumps(out, ensure_ascii=False))
"""


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))


def read_in_child(path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path)], check=False, capture_output=True, text=True, cwd=ROOT,
                          timeout=CHILD_TIMEOUT, preexec_fn=_limit_memory)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def read_here(path: Path) -> dict:
    t = time.perf_counter()
    try:
        book = read_workbook(path)
    except InputError as e:
        out = {"error": e.code, "zh": e.zh, "en": e.en, "path": e.path}
    else:
        out = {"ok": True, "sheets": {s.name: {"n": len(s.cells), "max_row": s.max_row, "max_col": s.max_col,
                                               "dimension": s.dimension,
                                               "values": {a1(r, c): v.value for (r, c), v in s.cells.items()}}
                                      for s in book.sheets}}
    out["seconds"] = time.perf_counter() - t
    return out


def _snapshot(path: Path):
    if path.is_file():
        st = path.stat()
        return path.read_bytes(), st.st_mtime_ns, st.st_size
    return path.exists()


BASE_VALUES = {"A1": "三、收到和处理政府信息公开申请情况", "A2": "本年新收政府信息公开申请数量",
               "B3": 12, "C3": 3, "D3": 0, "E3": 1, "F3": 16, "A4": "备注"}


def test_the_corpus_is_large_enough():
    assert len(H.CASES) >= 24
    assert H.HEAVY <= set(H.CASES)


@pytest.mark.parametrize("name", sorted(H.CASES))
def test_hostile_and_broken_files(tmp_path, name):
    build, expected = H.CASES[name]
    path = build(tmp_path / name)
    before = _snapshot(path)
    out = read_in_child(path) if name in H.HEAVY else read_here(path)
    assert out["seconds"] < 10, out["seconds"]
    if expected == "ok":
        assert out.get("ok"), out
        sheets = out["sheets"]
        if name == "sparse-xfd.xlsx":
            # accepted, recorded, and nothing allocated for the million rows in between
            s = sheets["表三"]
            assert s["n"] == 2 and (s["max_row"], s["max_col"]) == (1_048_576, 16_384)
            assert s["dimension"] == "A1:XFD1048576"
            assert s["values"] == {"A1": 1, "XFD1048576": "far away"}
        elif name == "lying-dimension.xlsx":
            s = sheets["表三"]
            assert s["dimension"] == "A1" and s["values"] == BASE_VALUES and (s["max_row"], s["max_col"]) == (4, 6)
    else:
        assert out.get("error") == expected, out
        assert CJK.search(out["zh"]) and out["en"] and out["en"] != out["zh"]
        assert "Traceback" not in out["zh"]
    assert _snapshot(path) == before  # the input is never modified


_FUZZ_BASE: dict[str, bytes] = {}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(part=st.sampled_from(["xl/workbook.xml", H.SHEET1, H.SST, "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]),
       at=st.floats(0, 1), cut=st.integers(0, 40), insert=st.binary(max_size=12) | st.sampled_from(
           [b"<", b">", b"&amp;", b"<c r=\"ZZZZ9\"/>", b'<c r="A1" t="s"><v>-1</v></c>', b"\x00", b"\xff\xfe", b"]]>"]))
def test_damaged_xml_never_escapes_as_a_traceback(tmp_path, part, at, cut, insert):
    # any edit of any XML part (the zip itself stays sound): a workbook or an InputError, nothing else
    if not _FUZZ_BASE:
        _FUZZ_BASE.update(H.members(H.base_workbook(tmp_path / "fuzz-base.xlsx")))
    parts = dict(_FUZZ_BASE)
    data = parts[part]
    i = int(at * len(data))
    parts[part] = data[:i] + insert + data[i + cut:]
    path = H.write_zip(tmp_path / "fuzz.xlsx", parts)
    try:
        read_workbook(path)
    except InputError as e:
        assert CJK.search(e.zh)


def test_error_carries_the_path_and_exit_code(tmp_path):
    path = H.CASES["encrypted.xlsx"][0](tmp_path / "加密.xlsx")
    with pytest.raises(InputError) as e:
        read_workbook(path)
    assert e.value.path == str(path) and e.value.exit_code == 2
    assert "取消密码" in e.value.zh and "password" in e.value.en
    assert e.value.message("zh").startswith(str(path))


def test_unreadable_file(tmp_path, monkeypatch):
    path = H.base_workbook(tmp_path / "b.xlsx")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # root reads anything, so deny it where preflight opens the file
    monkeypatch.setattr(pf, "open", refuse, raising=False)
    with pytest.raises(InputError) as e:
        pf.preflight(path)
    assert e.value.code == "unreadable" and CJK.search(e.value.zh)


def test_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as e:
        read_workbook(fifo)  # must not block reading a pipe
    assert e.value.code == "not-a-file"


def test_member_size_is_enforced_while_inflating(tmp_path, monkeypatch):
    src = H.rewrite(H.base_workbook(tmp_path / "b.xlsx"), tmp_path / "img.xlsx", {"xl/media/image1.png": b"\x89PNG" * 5000})
    pkg = pf.preflight(src)
    assert pkg.read("xl/media/image1.png")[:4] == b"\x89PNG"
    pkg = pf.preflight(src)
    monkeypatch.setattr(pf, "MAX_MEMBER", 4096)  # the declared size is not consulted here
    with pytest.raises(InputError) as e:
        pkg.read("xl/media/image1.png")
    assert e.value.code == "too-large"


def test_xls_and_et_from_a_real_compound_file_directory(tmp_path):
    names = pf.cfb_stream_names(H.CASES["encrypted.xlsx"][0](tmp_path / "e.xlsx").read_bytes())
    assert {"EncryptionInfo", "EncryptedPackage", "\x06DataSpaces", "Root Entry"} <= set(names)
    # a damaged header still tells the story through the stream names
    data = bytearray((tmp_path / "e.xlsx").read_bytes())
    data[30] = 0x55  # sector shift
    (tmp_path / "broken.xlsx").write_bytes(bytes(data))
    with pytest.raises(InputError) as e:
        pf.preflight(tmp_path / "broken.xlsx")
    assert e.value.code == "encrypted"
    with pytest.raises(ValueError):
        pf.cfb_stream_names(bytes(data))


# ----------------------------------------------------------------------------------------------- positive


@pytest.fixture(scope="module")
def rich(tmp_path_factory) -> Path:
    return H.rich_workbook(tmp_path_factory.mktemp("rich") / "填报.xlsx")


def _check_rich(book, *, libreoffice: bool = False):
    assert book.sheet_names == ["表二", "表 三（2）", "说明", "_meta"]
    states = {s.name: s.state for s in book.sheets}
    # LibreOffice has no "very hidden": it saves such a sheet as hidden
    assert states == {"表二": "visible", "表 三（2）": "visible", "说明": "hidden",
                      "_meta": "hidden" if libreoffice else "veryHidden"}
    t2 = book.sheet("表二")
    c = t2.cells
    assert c[(2, 2)] == RawCell(1, "n", None) and isinstance(c[(2, 2)].value, int)
    assert c[(2, 3)].value == 96171.6 and c[(2, 4)].value == -3
    assert c[(1, 1)] == RawCell("主动公开政府信息情况", "s", None)
    assert c[(3, 1)].value == "第二十条第（一）项（规章）"  # rich text: every run
    assert c[(3, 2)].value is True and c[(3, 3)].value is False and c[(3, 2)].type == "b"
    assert c[(3, 4)] == RawCell(2, "n", "B2*2") and c[(3, 4)].has_formula
    assert c[(3, 5)] == RawCell("有", "str", 'IF(B2>0,"有","无")')
    assert c[(3, 6)] == RawCell("#DIV/0!", "e", "1/0")
    assert c[(3, 7)].value is True and c[(3, 7)].formula == "B3"
    assert excel_date(c[(4, 1)].value) == dt.datetime(2025, 1, 31)
    assert c[(5, 1)].value == "  前后空格  "
    assert c[(6, 1)].value == "第一段\n第二段"
    assert c[(7, 1)].value == ("回车\n换行" if libreoffice else "回车\r\n换行")  # _x000D_ unescaped; LibreOffice drops the CR
    assert t2.value("A8") == "合并的标题" and t2.value("B8") is None
    assert t2.merges == ["A8:D8", "E8:E10"]
    assert t2.protected and not book.sheet("表 三（2）").protected
    # every <c> counts, blank ones too: LibreOffice writes the covered cells of the E8:E10 merge
    assert (t2.max_row, t2.max_col) == (10 if libreoffice else 8, 7)
    assert book.sheet("表 三（2）").cells == {(7, 4): RawCell(42, "n", None), (9, 5): RawCell(7, "n", None)}
    assert book.sheet("说明").value("A1") == "隐藏的说明"

    names = book.names
    assert (names["fees_amount"].sheet, names["fees_amount"].ref) == ("表二", "C2")
    assert (names["quoted_space"].sheet, names["quoted_space"].ref) == ("表 三（2）", "D7")
    assert (names["a_range"].sheet, names["a_range"].ref) == ("表 三（2）", "D7:E9")
    assert (names["constant"].sheet, names["constant"].ref) == (None, None)
    assert "local_total" not in names
    local = t2.names["local_total"]
    assert (local.scope, local.sheet, local.ref) == ("表二", "表二", "D3")
    assert book.custom_properties == {"xxgk_edition": "2021", "xxgk_version": 3, "xxgk_ratio": 2.5, "xxgk_locked": True}


def test_reads_an_xlsxwriter_workbook(rich):
    before = _snapshot(rich)
    book = read_workbook(rich)
    _check_rich(book)
    assert book.app_name.startswith("Microsoft Excel")
    assert not book.date1904 and not book.structure_locked
    assert _snapshot(rich) == before


def test_inline_strings(tmp_path):
    book = read_workbook(H.inline_workbook(tmp_path / "inline.xlsx"))
    cells = book.sheet("表四").cells
    assert cells[(1, 1)] == RawCell("行政复议", "inlineStr", None)
    assert cells[(2, 1)] == RawCell("结果维持（件）", "inlineStr", None)
    assert cells[(2, 2)].value == 5
    assert book.shared_strings == []


def test_shared_strings_skip_phonetic_runs_and_unescape(tmp_path):
    base = H.base_workbook(tmp_path / "b.xlsx")
    sst = H.members(base)[H.SST]
    ns = H.NS_MAIN
    new = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s" count="4" uniqueCount="4">'
           b"<si><t>\xe6\x94\xbf\xe5\xba\x9c</t><rPh sb=\"0\" eb=\"2\"><t>zhengfu</t></rPh><phoneticPr fontId=\"1\"/></si>"
           b'<si><r><rPr><b/></rPr><t xml:space="preserve">a </t></r><r><t>b</t></r><rPh sb="0" eb="1"><t>X</t></rPh></si>'
           b"<si><t>tab_x0009_here _x005F_x0041_ kept _xD800_</t></si><si/></sst>" % ns)
    assert sst != new
    path = H.rewrite(base, tmp_path / "p.xlsx", {H.SST: new})
    book = read_workbook(path)
    assert book.shared_strings == ["政府", "a b", "tab\there _x0041_ kept _xD800_", ""]


def test_cells_without_r_and_rows_without_r(tmp_path):
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="%s"><sheetData>'
             b'<row><c><v>1</v></c><c><v>2</v></c></row><row r="5"><c r="C5"><v>3</v></c><c><v>4.5</v></c></row>'
             b'<row><c t="b"><v>1</v></c><c t="n"><v>abc</v></c><c s="2"/><c t="str"><f>""</f><v></v></c></row>'
             b"</sheetData></worksheet>" % H.NS_MAIN)
    path = H.rewrite(H.base_workbook(tmp_path / "b.xlsx"), tmp_path / "nor.xlsx", {H.SHEET1: sheet})
    cells = read_workbook(path).sheet("表三").cells
    assert {a1(*k): v.value for k, v in cells.items()} == {"A1": 1, "B1": 2, "C5": 3, "D5": 4.5, "A6": True, "B6": "abc", "D6": ""}


def test_shared_formulas_are_marked(tmp_path):
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="%s"><sheetData><row r="1">'
             b'<c r="A1"><f t="shared" ref="A1:C1" si="0">ROW()*2</f><v>2</v></c>'
             b'<c r="B1"><f t="shared" si="0"/><v>2</v></c><c r="C1"><f t="shared" si="0"/><v>2</v></c>'
             b"</row></sheetData></worksheet>" % H.NS_MAIN)
    path = H.rewrite(H.base_workbook(tmp_path / "b.xlsx"), tmp_path / "shared.xlsx", {H.SHEET1: sheet})
    cells = read_workbook(path).sheet("表三").cells
    assert cells[(1, 1)].formula == "ROW()*2"
    assert cells[(1, 2)].formula == "" and cells[(1, 2)].has_formula and cells[(1, 3)].has_formula


def test_cell_limit(tmp_path):
    rows = MAX_CELLS // 100 + 1
    path = H._many_cells(tmp_path / "big.xlsx", rows=rows, cols=100)
    with pytest.raises(InputError) as e:
        read_workbook(path)
    assert e.value.code == "sheet-too-large"


def test_app_name_and_custom_property_types(tmp_path):
    app = (b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           b"<Application>WPS Office</Application><AppVersion>11.1.0.14309</AppVersion></Properties>")
    custom = (b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="i4"><vt:i4>3</vt:i4></property>'
              b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="r8"><vt:r8>3</vt:r8></property>'
              b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="r8f"><vt:r8>2.5</vt:r8></property>'
              b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="5" name="text"><vt:lpwstr>2021</vt:lpwstr></property>'
              b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="6" name="flag"><vt:bool>true</vt:bool></property>'
              b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="7" name="bad"><vt:i4>x</vt:i4></property>'
              b"</Properties>")
    path = H.rewrite(H.base_workbook(tmp_path / "b.xlsx"), tmp_path / "wps.xlsx",
                     {"docProps/app.xml": app, "docProps/custom.xml": custom})
    pkg = pf.preflight(path)
    assert pkg.app_name == "WPS Office 11.1.0.14309"
    assert pkg.custom_properties == {"i4": 3, "r8": 3, "r8f": 2.5, "text": "2021", "flag": True, "bad": "x"}
    assert pkg.main_part == "xl/workbook.xml" and pkg.has("xl/worksheets/sheet1.xml")
    no_props = H.rewrite(path, tmp_path / "none.xlsx", drop=("docProps/app.xml", "docProps/custom.xml"))
    pkg = pf.preflight(no_props)
    assert pkg.app_name is None and pkg.custom_properties == {}


def test_main_part_found_through_the_package_relationship(tmp_path):
    parts = H.members(H.base_workbook(tmp_path / "b.xlsx"))
    moved = {}
    for name, data in parts.items():
        name = name.replace("xl/", "book/") if name.startswith("xl/") else name
        moved[name] = data.replace(b"xl/", b"book/") if name in ("_rels/.rels", "[Content_Types].xml") else data
    path = H.write_zip(tmp_path / "moved.xlsx", moved)
    book = read_workbook(path)
    assert book.sheet("表三").value("B3") == 12 and book.sheets[0].part == "book/worksheets/sheet1.xml"


def test_a1_helpers():
    for n, letters in [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (702, "ZZ"), (703, "AAA"), (16384, "XFD")]:
        assert col_letters(n) == letters
    assert all(parse_a1(a1(r, c)) == (r, c) for r in (1, 7, 1_048_576) for c in range(1, 800, 37))
    assert parse_a1("D7") == (7, 4) and parse_a1("$D$7") == (7, 4) and parse_a1("xfd1048576") == (1_048_576, 16_384)
    for bad in ("", "7D", "D0", "D", "ABCD1", "D7:E8"):
        with pytest.raises(ValueError):
            parse_a1(bad)
    with pytest.raises(ValueError):
        col_letters(0)


def test_excel_dates():
    assert excel_date(1) == dt.datetime(1900, 1, 1)
    assert excel_date(59) == dt.datetime(1900, 2, 28)
    assert excel_date(61) == dt.datetime(1900, 3, 1)
    assert excel_date(45688.5) == dt.datetime(2025, 1, 31, 12)
    assert excel_date(0, date1904=True) == dt.datetime(1904, 1, 1)


@pytest.mark.parametrize("text, expected", [
    ("'表三'!$D$7", ("表三", "D7")),
    ("表三!$D$7", ("表三", "D7")),  # LibreOffice leaves Chinese sheet names unquoted
    ("=表三!D7", ("表三", "D7")),
    ("'表 三（2）'!$D$7:$E$9", ("表 三（2）", "D7:E9")),
    ("'O''Brien'!$a$1", ("O'Brien", "A1")),
    ("$表三.$D$7", ("表三", "D7")),  # LibreOffice's native notation
    ("Sheet1!$A:$A", (None, None)),
    ("'表三'!$A$1,'表三'!$B$2", (None, None)),
    ("#REF!", (None, None)),
    ("'表三'!#REF!", (None, None)),
    ("SUM('表三'!$D$7:$D$9)", (None, None)),
    ("42", (None, None)),
])
def test_defined_name_text(text, expected):
    assert parse_defined_name(text) == expected


# ----------------------------------------------------------------------------------------------- LibreOffice


def _soffice(src: Path, target: str, out_dir: Path) -> Path:
    soffice = os.environ.get("XXGK_SOFFICE") or require_command("soffice")
    profile = out_dir / f"lo_{os.getpid()}_{target.split(':')[0]}"
    proc = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                           "--convert-to", target, "--outdir", str(out_dir), str(src)],
                          check=False, capture_output=True, text=True, timeout=180)
    ext = "." + target.split(":")[0]
    out = out_dir / (src.stem + ext)
    require(out.exists(), f"LibreOffice Calc could not convert to {ext}: {proc.stderr[-500:]}")
    return out


@pytest.fixture(scope="module")
def lo_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lo")


def test_reads_a_libreoffice_resaved_workbook(rich, lo_dir):
    out = _soffice(rich, "xlsx:Calc MS Excel 2007 XML", lo_dir / "xlsx")
    book = read_workbook(out)
    _check_rich(book, libreoffice=True)
    assert book.app_name.startswith("LibreOffice")
    # LibreOffice writes names unquoted where Excel would quote them
    assert book.names["fees_amount"].text == "表二!$C$2"
    # …and booleans as formulas
    assert book.sheet("表二").cells[(3, 2)] == RawCell(True, "b", "TRUE()")


@pytest.mark.parametrize("target, code", [("xls", "legacy-xls"), ("ods", "ods")])
def test_libreoffice_xls_and_ods_are_refused(tmp_path, lo_dir, target, code):
    src = H.base_workbook(tmp_path / "base.xlsx")
    out = _soffice(src, target, lo_dir / target)
    renamed = tmp_path / "改了扩展名.xlsx"
    renamed.write_bytes(out.read_bytes())
    for path in (out, renamed):
        with pytest.raises(InputError) as e:
            read_workbook(path)
        assert e.value.code == code and CJK.search(e.value.zh)


def test_openpyxl_agrees_on_values(rich):
    # a cross-check against an independent reader on the same file
    import openpyxl

    wb = openpyxl.load_workbook(rich, data_only=True)
    book = read_workbook(rich)
    for ws in wb.worksheets:
        theirs = {(c.row, c.column): c.value for c in ws._cells.values() if c.value is not None}
        ours = {k: v.value for k, v in book.sheet(ws.title).cells.items()}
        for key, value in theirs.items():
            if isinstance(value, dt.datetime):
                value = (value - dt.datetime(1899, 12, 30)).days
            if isinstance(value, str):  # openpyxl leaves the _xHHHH_ escape of shared strings as it is
                value = value.replace("_x000D_", "\r")
            assert ours[key] == value, (ws.title, key)
        assert set(ours) == set(theirs)
