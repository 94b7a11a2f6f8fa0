"""Shared test helpers: paths, and the rule that in CI a missing tool is a failure, not a skip."""

from __future__ import annotations

import fnmatch
import multiprocessing.util
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"  # the project's reference material, beside the checkout
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, why: str) -> None:
    """Skip locally when a tool or file is missing; fail in CI, where setup must provide it."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI setup is incomplete: {why}")
    pytest.skip(why)


def require_command(name: str) -> str:
    path = shutil.which(name)
    require(path is not None, f"command '{name}' not installed")
    return path  # type: ignore[return-value]


def shared(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    require(p.exists(), f"reference file {p.name} not found beside the project (../shared)")
    return p


# --- layers, the slow tests, and running in parallel (pytest-xdist) -------------------------------------------

# a test's layer follows from its file; `pytest -m workbook` runs one layer (markers: pyproject.toml)
LAYERS = {
    "core": ("declaration_roles", "editions", "layout", "messages", "rules", "rules_excel", "synthetic_edition",
             "values_placeholders", "guardrails", "narrative_*", "compare", "cli", "cli_help", "structure_limits",
             "readme_architecture", "packaging"),
    "io": ("io", "csv_*", "xlsx_preflight", "hostile_json", "hostile_numbers", "hostile_strings", "hostile_files",
           "hostile_xlsx_work", "faults"),
    "workbook": ("template", "template_*", "workbook_*"),
    "documents": ("render_*", "import_*", "figure", "hostile_documents", "corpus", "conformance"),
    "batch": ("batch_*",),
}

# LibreOffice, Chromium, big corpora and long property runs, heaviest first: under xdist they are handed out
# first, so that no long test is left to run alone at the end
SLOW = (
    "tests/test_template_engine.py::*",
    "tests/test_workbook_read.py::test_a_libreoffice_resave_*",
    "tests/test_workbook_read.py::test_fill_then_read_*",
    "tests/test_batch_check.py::*",
    "tests/web/test_browser_*",
    "tests/test_hostile_documents.py::*",
    "tests/test_template_print.py::*",
    "tests/test_faults.py::*",
    "tests/test_batch_office.py::test_libreoffice_*",
    "tests/test_corpus.py::*",
    "tests/test_render_pdf.py::*",
    "tests/test_render_official.py::*",
    "tests/test_import_text_layouts.py::*pdftotext*",
    "tests/test_conformance.py::*pdf*",
    "tests/web/test_app_flow.py::test_a_round_of_reports*",
    "tests/test_batch_merge.py::*",
    "tests/test_xlsx_preflight.py::*libreoffice*",
    "tests/test_import_trust.py::test_pdf_*",
    "tests/test_figure.py::test_png_*",
)


def _layer(path: Path) -> str | None:
    if path.parent.name == "web":
        return "web"
    stem = path.stem.removeprefix("test_")
    return next((layer for layer, names in LAYERS.items() if any(fnmatch.fnmatchcase(stem, n) for n in names)), None)


def _slow_rank(nodeid: str) -> int | None:
    return next((k for k, pattern in enumerate(SLOW) if fnmatch.fnmatchcase(nodeid, pattern)), None)


def _shares_a_fixture(item) -> bool:
    """The test uses a module- or session-wide fixture of the suite (not one of pytest's own): its module
    then runs on one worker, which builds the fixture once."""
    info = getattr(item, "_fixtureinfo", None)
    defs = [d[-1] for d in info.name2fixturedefs.values() if d] if info else []
    return any(d.scope != "function" and d.baseid for d in defs)


def pytest_itemcollected(item):
    # before any collection_modifyitems hook: xdist reads the groups there
    if _shares_a_fixture(item) and not item.get_closest_marker("xdist_group"):
        item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    if getattr(config, "_xxgk_layers", False):  # tests/web/conftest.py re-exports these hooks: run once
        return
    config._xxgk_layers = True
    for item in items:
        layer = _layer(Path(item.path))
        if layer:
            item.add_marker(getattr(pytest.mark, layer))
        if _slow_rank(item.nodeid) is not None:
            item.add_marker(pytest.mark.slow)
    if os.environ.get("PYTEST_XDIST_WORKER"):  # the order in which the workers are handed the tests
        items.sort(key=lambda item: _slow_rank(item.nodeid) if _slow_rank(item.nodeid) is not None else len(SLOW))


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    # a temporary folder of this test process's own (children inherit TMPDIR): a test that looks for what
    # a command left in the temporary folder then sees only its own process's commands, not a parallel one's.
    # pytest's own base folder (tmp_path) is fixed first, in the usual place.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if hasattr(config, "_xxgk_tmp") or (getattr(config.option, "numprocesses", None) and not worker):
        return  # done already (the hooks are re-exported), or the xdist controller, which runs no test
    config._tmp_path_factory.getbasetemp()
    # multiprocessing's folder (pymp-*: the forkserver's socket, shared memory where /dev/shm is not usable)
    # is made first, in the usual place: multiprocessing removes it only at exit, after pytest_unconfigure
    # removed ours, and one made inside ours would end the process with a FileNotFoundError traceback
    multiprocessing.util.get_temp_dir()
    # short: Chromium puts a socket under it, and a socket's path has at most 107 bytes
    own = tempfile.mkdtemp(prefix=f"pt-{worker or 'main'}-")
    config._xxgk_tmp = (os.environ.get("TMPDIR"), own)
    os.environ["TMPDIR"] = own
    tempfile.tempdir = None


def pytest_unconfigure(config):
    if not hasattr(config, "_xxgk_tmp"):
        return
    old, own = config._xxgk_tmp
    del config._xxgk_tmp
    if old is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = old
    tempfile.tempdir = None
    shutil.rmtree(own, ignore_errors=True)
