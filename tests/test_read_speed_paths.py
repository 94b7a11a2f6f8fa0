"""The short cuts taken for speed give what the long way gives: `xxgk --help` printed from the kept copy
(without importing typer), members inflated straight from the file's bytes, shared strings made into
text on demand."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

import hostile_xlsx as H

from conftest import ROOT
from workbook_tools.workbook import preflight as pf
from workbook_tools.workbook.xlsxread import read_workbook

XXGK = [sys.executable, "-m", "workbook_tools"]
# what `xxgk --help` prints, and whether typer was imported to print it
PROBE = ("import sys\nsys.argv = ['xxgk', '--help']\ntry:\n    import workbook_tools.cli as c\n    c.main()\n"
         "except SystemExit:\n    pass\nprint('TYPER', 'typer' in sys.modules, file=sys.stderr)")


def _env(cache, lang=None):
    env = {k: v for k, v in os.environ.items() if k not in ("XXGK_LANG", "COLUMNS")}
    env["XDG_CACHE_HOME"] = str(cache)
    if lang:
        env["XXGK_LANG"] = lang
    return env


def _rendered(env) -> str:
    """The help as typer renders it, asked of the app directly (never the kept copy)."""
    code = "from workbook_tools.cli import app\napp(prog_name='xxgk', args=['--help'])"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT).stdout


def test_help_is_kept_and_printed_again_without_typer(tmp_path):
    env = _env(tmp_path)
    first = subprocess.run([*XXGK, "--help"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert first.returncode == 0 and first.stdout == _rendered(env) and "用法：" in first.stdout
    kept = list((tmp_path / "xxgk").glob("xxgk-help-zh-*.txt"))
    assert len(kept) == 1
    again = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT)
    assert again.stdout == first.stdout and "TYPER False" in again.stderr
    # English is kept apart, and a command's own help still goes through typer
    en = subprocess.run([*XXGK, "-h"], capture_output=True, text=True, env=_env(tmp_path, "en"), cwd=ROOT)
    assert en.stdout == _rendered(_env(tmp_path, "en")) and "Usage: xxgk" in en.stdout
    sub = subprocess.run([*XXGK, "validate", "--help"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert sub.returncode == 0 and sub.stdout.startswith("用法：xxgk validate")


def test_no_writable_cache_folder_still_prints_the_help(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")  # the cache folder would have to be made inside a file
    r = subprocess.run([*XXGK, "--help"], capture_output=True, text=True, env=_env(blocker), cwd=ROOT)
    assert r.returncode == 0 and "用法：" in r.stdout and r.stderr == ""


def test_members_inflated_directly_equal_zipfile(tmp_path):
    path = H.rewrite(H.base_workbook(tmp_path / "b.xlsx"), tmp_path / "s.xlsx", {"xl/media/x.bin": b"\x00\x01" * 3000},
                     stored=("xl/media/x.bin",))
    pf.preflight(path).close()  # the workbook passes pre-flight
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            direct = pf._inflate_plain(path.read_bytes(), info, pf.MAX_MEMBER)
            assert direct == z.read(info), info.filename


def test_a_damaged_member_is_left_to_zipfile(tmp_path):
    path = H.CASES["crc-error.xlsx"][0](tmp_path / "crc.xlsx")
    raw = path.read_bytes()
    with zipfile.ZipFile(path) as z:
        refused = [i.filename for i in z.infolist() if pf._inflate_plain(raw, i, pf.MAX_MEMBER) is None]
    assert refused  # the member with the wrong CRC-32 is not taken the short way


def test_shared_strings_on_demand_read_as_before(tmp_path):
    book = read_workbook(H.base_workbook(tmp_path / "b.xlsx"))
    texts = list(book.shared_strings)
    assert texts and book.shared_strings == texts and len(book.shared_strings) == len(texts)
    assert all(isinstance(t, str) for t in texts)


def test_a_whole_number_cell_is_what_parsing_it_gives():
    from workbook_tools.model import Cell
    from workbook_tools.spec import Kind

    for value in (0, 1, 42, -3, 10**15 - 1, 123456789012):
        for kind in (k for k in Kind if k is not Kind.MONEY):
            assert Cell.whole(value, "表三!D7") == Cell.parse(value, kind, None, "表三!D7")


def test_a_workbook_part_is_remembered_but_never_shared_wrongly(tmp_path):
    """Workbooks with the same workbook part share what it says: each still gets its own sheets and names,
    a part that is refused is refused every time, and a changed part is read afresh."""
    from conftest import ROOT as root
    from workbook_tools import api
    from workbook_tools.errors import InputError
    from workbook_tools.workbook.writer import fill_workbook

    report = api.load_report(root / "examples" / "sample-county-2024.json")
    a = tmp_path / "a.xlsx"
    a.write_bytes(fill_workbook(report))
    first, second = read_workbook(a), read_workbook(a)
    assert first.names == second.names and first.names is not second.names
    first.names.clear()
    first.sheets[0].names["x"] = None
    again = read_workbook(a)
    assert again.names == second.names and "x" not in again.sheets[0].names

    parts = H.members(a)
    book = parts["xl/workbook.xml"]
    name = book[book.index(b"<definedName "):book.index(b"</definedName>")].split(b">")[-1]  # its reference
    broken = H.rewrite(a, tmp_path / "broken.xlsx", {"xl/workbook.xml": book.replace(name, name.rsplit(b"$", 1)[0] + b"$0", 1)})
    for _ in range(2):
        with pytest.raises(InputError) as e:
            read_workbook(broken)
        assert e.value.code == "bad-cell-ref"
    one, two = pf.preflight(a), pf.preflight(a)  # the small parts: each package has its own copies
    one.content_types.clear()
    one.custom_properties.clear()
    one.part_rels("xl/workbook.xml").clear()
    assert two.content_types and two.custom_properties and two.part_rels("xl/workbook.xml")
    one.close(), two.close()
    renamed = H.rewrite(a, tmp_path / "renamed.xlsx", {"xl/workbook.xml": book.replace(b'name="' + "基本信息".encode(), b'name="' + "封面".encode(), 1)})
    assert "封面" in read_workbook(renamed).sheet_names and "封面" not in read_workbook(a).sheet_names
