"""Broken and hostile published documents: a clear message and exit code 2, never a traceback."""

import zipfile

import pytest
from typer.testing import CliRunner

from conftest import shared
from workbook_tools.cli import app


def _bomb(p):
    # 210 MB of zeros in a few hundred KB: refused before python-docx inflates it
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"0" * (210 * 1024 * 1024))


CASES = {
    "text.pdf": (lambda p: p.write_bytes(b"hello"), "PDF"),
    "empty.pdf": (lambda p: p.write_bytes(b""), "PDF"),
    "truncated.pdf": (lambda p: p.write_bytes(shared("fixtures", "real", "2024_huaian-shi.pdf").read_bytes()[:3000]), "PDF"),
    "not-a-zip.docx": (lambda p: p.write_bytes(b"PK? not really"), ".docx"),
    "truncated.docx": (lambda p: p.write_bytes(shared("fixtures", "real", "2021_official-format-template.docx").read_bytes()[:2000]), ".docx"),
    "bomb.docx": (_bomb, "过大"),
    "no-tables.html": (lambda p: p.write_text("<html><body><p>一、总体情况</p></body></html>", encoding="utf-8"), "没有找到"),
    "span-bomb.html": (lambda p: p.write_text("<table><tr><td rowspan=99999999 colspan=99999999>自然人</td></tr></table>", encoding="utf-8"), "没有找到"),
    "empty.txt": (lambda p: p.write_bytes(b""), "没有找到"),
    "binary.txt": (lambda p: p.write_bytes(b"\xff\xfe\x00\x81garbage\x00"), "编码"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_documents_exit_2_with_a_message(tmp_path, name):
    make, needle = CASES[name]
    path = tmp_path / name
    make(path)
    before = path.read_bytes()
    for cmd in (["validate", str(path)], ["import", str(path), "-o", str(tmp_path / "out.json")]):
        r = CliRunner().invoke(app, cmd)
        assert r.exit_code == 2, (cmd, r.output)
        assert "错误：" in r.output and needle in r.output and "Traceback" not in r.output
    assert not (tmp_path / "out.json").exists()  # nothing written on failure
    assert path.read_bytes() == before  # the input is never modified
