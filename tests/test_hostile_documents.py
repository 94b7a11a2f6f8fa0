"""Hostile published documents never hang, never crash and never leave anything behind.

Every case of hostile_documents.py is run through the real command line (`xxgk validate`, and for
some `xxgk import -o`) in a child process limited to 1.5 GiB of address space and 20 s of wall time,
two at a time.  The exit code is 2 with the expected words for a refusal (0 or 1 for a file that is
odd but readable); there is never a traceback or an internal error; the input is unchanged and the
folder holds nothing new.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import hostile_documents as H
from conftest import ROOT

MEMORY = 3 << 29  # 1.5 GiB
WALL = 20


def _limit():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _xxgk(*args: str, cwd: Path) -> tuple[int | None, str, float]:
    t = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "workbook_tools", *args], capture_output=True, text=True, cwd=cwd,
                              timeout=WALL, preexec_fn=_limit, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        return None, f"still running after {WALL} s", time.perf_counter() - t
    return proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - t


def _run_case(name: str, folder: Path) -> dict:
    build, expect = H.CASES[name]
    here = folder / name.rsplit(".", 1)[0]
    here.mkdir()
    path = here / name
    build(path)
    before = path.read_bytes()
    runs = [("validate", name)] + ([("import", name, "-o", "out.json")] if expect.import_too else [])
    out = []
    for args in runs:
        out.append((args, *_xxgk(*args, cwd=here)))
    left = sorted(p.name for p in here.iterdir() if p.name not in (name, "out.json"))
    wrote = (here / "out.json").exists()
    return {"runs": out, "unchanged": path.read_bytes() == before, "left": left, "wrote": wrote, "expect": expect}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """All cases, two child processes at a time (the heavy ones dominate: about 30 s in all)."""
    folder = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(2) as pool:
        futures = {name: pool.submit(_run_case, name, folder) for name in H.CASES}
    return {name: f.result() for name, f in futures.items()}


def test_the_corpus_covers_every_class():
    assert len(H.CASES) >= 20
    for ext in (".html", ".md", ".txt", ".docx", ".pdf"):
        assert sum(n.endswith(ext) for n in H.CASES) >= 2, ext


@pytest.mark.parametrize("name", sorted(H.CASES))
def test_hostile_document(results, name):
    r = results[name]
    expect = r["expect"]
    for args, code, output, seconds in r["runs"]:
        assert "Traceback" not in output and "内部错误" not in output, (args, output[-3000:])
        assert code in expect.codes, (args, code, output[-3000:])
        if code == 2:
            assert "错误：" in output and name in output, output  # the message names the file
        if args[0] == "validate" or code == 2:
            for needle in expect.needles:
                assert needle in output, (needle, output)
        assert seconds < 15, (args, seconds)
        if args[0] == "import" and code == 2:
            assert not r["wrote"], "an output was written for an unusable input"
    assert r["unchanged"], "the input was modified"
    assert r["left"] == [], f"files left behind: {r['left']}"
