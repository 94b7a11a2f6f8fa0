"""The README's architecture section is the map of the package: it names every folder and every module, and the
steps it gives for adding an edition and a profile name files that exist."""

from __future__ import annotations

import re

from conftest import ROOT

PACKAGE = ROOT / "workbook_tools"


def _architecture() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Architecture", 1)[1].split("\n## ", 1)[0]
    return section


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.name == "__init__.py" or "migrations" in rel.parts or rel.name == "__main__.py":
            continue
        yield rel


def test_every_folder_is_on_the_map():
    block = _architecture()
    folders = {p.relative_to(PACKAGE).parts[0] for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE}
    missing = sorted(f for f in folders if not re.search(rf"(^|\s){re.escape(f)}/", block, re.M))
    assert not missing, f"folders not described in README ## Architecture: {missing}"


def test_every_module_is_on_the_map():
    block = _architecture()
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", block))
    missing = [str(rel) for rel in _modules() if rel.stem not in words]
    assert not missing, f"modules not named in README ## Architecture: {missing}"


def test_the_steps_name_files_that_exist():
    block = _architecture()
    named = set(re.findall(r"`((?:workbook_tools/|tests/|editions/)[\w/]+\.py)`", block))
    assert named, "the architecture section gives no steps with file names"
    for name in (n for n in named if "NNNN" not in n):  # edNNNN.py: the file the steps ask to write
        path = ROOT / name if not name.startswith("editions/") else PACKAGE / name
        assert path.exists(), name
