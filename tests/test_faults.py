"""Fault injection for the commands that write: a full disk, a read-only folder, SIGKILL at random
moments, a parent killed under its `check` workers, and the overall time budget.

What must hold afterwards: the complete set of outputs or none of it, no temporary (ours or
LibreOffice's) and no process left running, and a refusal that is an input error (exit 2) naming the
path and the reason in Chinese.  The file systems are tmpfs mounts (root; in CI a mount that fails
fails the test, see conftest.require).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from fault_helpers import (alive, assert_refused, assert_sane, children_of, leftovers, processes_mentioning,
                           remount_readonly, run, start, system_leftovers, tmpfs, wait_until)

from conftest import EXAMPLES, require
from workbook_tools.render.report_pdf import find_soffice

SAMPLE = EXAMPLES / "sample-county-2024.json"
ROSTER = "单位名称\n示例县市场监督管理局\n某某局\n"
# command, its outputs (in the output folder), whether it needs LibreOffice
COMMANDS = {
    "convert": (["convert", "{src}/r.json", "-o", "{out}/r.csv"], ["r.csv"], False),
    "check": (["check", "{src}/报送", "--roster", "{src}/名单.csv", "-o", "{out}/汇总.csv", "-j", "2"],
              ["汇总.csv", "汇总-问题明细.csv", "汇总-报送情况.csv"], False),
    "report": (["report", "{src}/r.json", "-o", "{out}/r.docx", "--pdf"], ["r.docx", "r.pdf"], True),
}


@pytest.fixture
def src(tmp_path) -> Path:
    folder = tmp_path / "src"
    (folder / "报送").mkdir(parents=True)
    (folder / "r.json").write_bytes(SAMPLE.read_bytes())
    for i in range(4):
        (folder / "报送" / f"{i}.json").write_bytes(SAMPLE.read_bytes())
    (folder / "名单.csv").write_text(ROSTER, "utf-8")
    return folder


def args_for(name: str, src: Path, out: Path) -> list[str]:
    return [a.format(src=src, out=out) for a in COMMANDS[name][0]]


def needs_office(name: str) -> None:
    if COMMANDS[name][2]:
        require(find_soffice() is not None, "LibreOffice (soffice) not installed")


def complete(path: Path) -> bool:
    """The file is whole: a zip that opens, a PDF with its trailer, a CSV with its BOM."""
    data = path.read_bytes()
    if path.suffix in (".docx", ".xlsx"):
        try:
            with zipfile.ZipFile(path) as z:
                return z.testzip() is None
        except zipfile.BadZipFile:
            return False
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    return data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")


def all_or_none(out: Path, names: list[str]) -> bool:
    """True when every output is there and whole, False when none is; anything else fails."""
    present = [n for n in names if (out / n).exists()]
    assert present in ([], names), present
    if present:
        assert all(complete(out / n) for n in names), names
    return bool(present)


def no_strays(*folders: Path) -> None:
    assert wait_until(lambda: leftovers(*folders) == []), leftovers(*folders)


def snapshot_tmp() -> set[str]:
    return system_leftovers()


# ------------------------------------------------------------------------------------------ disk full


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("size", ["24k", "60k", "200k"])
def test_disk_full_writes_everything_or_nothing(src, tmp_path, name, size):
    needs_office(name)
    with tmpfs(tmp_path / "full", size) as out:
        before = snapshot_tmp()
        r = run(args_for(name, src, out), src)
        assert_sane(r)
        if all_or_none(out, COMMANDS[name][1]):
            assert r.exit in (0, 1), r.text[-2000:]
        else:
            assert_refused(r, "磁盘空间不足", str(out))
        no_strays(out, src)
        assert snapshot_tmp() <= before


def test_disk_full_on_the_second_csv_of_check_removes_the_first(src, tmp_path):
    # the first CSV fits, its siblings do not: the summary CSV must not stay behind alone
    with tmpfs(tmp_path / "full", "8k") as out:
        (out / "pad").write_bytes(b"x" * 2048)
        r = run(args_for("check", src, out), src)
        assert_sane(r)
        assert not all_or_none(out, COMMANDS["check"][1])
        assert_refused(r, "磁盘空间不足")
        no_strays(out)


# ------------------------------------------------------------------------------------------ read-only


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_read_only_folder_is_an_input_error(src, tmp_path, name):
    needs_office(name)
    with tmpfs(tmp_path / "ro", "4m") as out:
        remount_readonly(out)
        r = run(args_for(name, src, out), src)
        assert_refused(r, "只读", str(out))
        assert os.listdir(out) == []
        no_strays(src)


def test_force_over_files_in_a_read_only_folder_keeps_them(src, tmp_path):
    with tmpfs(tmp_path / "ro", "4m") as out:
        (out / "r.csv").write_bytes(b"old")
        remount_readonly(out)
        r = run(args_for("convert", src, out) + ["--force"], src)
        assert_refused(r, "只读")
        assert (out / "r.csv").read_bytes() == b"old"


# ------------------------------------------------------------------------------------------ SIGKILL


def _kill_at(name: str, src: Path, out: Path, delay: float) -> None:
    proc = start(args_for(name, src, out), src)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("seed", [1, 7, 42])
def test_sigkill_at_a_random_moment_leaves_all_or_nothing(src, tmp_path, name, seed):
    needs_office(name)
    out = tmp_path / "out"
    out.mkdir()
    span = {"convert": 0.8, "check": 2.0, "report": 3.5}[name]  # about how long the command runs here
    delays = random.Random(seed).sample([span * k / 20 for k in range(1, 21)], 3)
    before = snapshot_tmp()
    for delay in delays:
        for f in os.listdir(out):
            (out / f).unlink()
        _kill_at(name, src, out, delay)
        all_or_none(out, COMMANDS[name][1])
        no_strays(out, src)  # the guard cleans up after the killed process
        assert wait_until(lambda: processes_mentioning(str(out)) == []), processes_mentioning(str(out))
    assert wait_until(lambda: snapshot_tmp() <= before)
    r = run(args_for(name, src, out) + ["--force"], src)  # and the next run is not disturbed
    assert r.exit in (0, 1) and all_or_none(out, COMMANDS[name][1])


def test_stale_temporaries_of_a_dead_process_are_swept(src, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen(["true"])
    dead.wait()
    (out / f".xxgk-{dead.pid}-0123abcd.tmp").write_bytes(b"half")
    (out / f".xxgk-{dead.pid}-89abcdef.d").mkdir()
    (out / f".xxgk-{dead.pid}-89abcdef.d" / "profile").write_bytes(b"x")
    (out / "keep.xxgk.tmp").write_bytes(b"not ours")
    r = run(args_for("convert", src, out), src)
    assert r.exit == 0
    assert sorted(os.listdir(out)) == ["keep.xxgk.tmp", "r.csv"]


# ------------------------------------------------------------------------------------------ workers


SLOW_CHECK = ("import sys, time\n"
              "from workbook_tools.batch import job\n"
              "real = job.check_file\n"
              "job.check_file = lambda p, s: (time.sleep(60), real(p, s))[1]\n"
              "from workbook_tools.cli import main\n"
              "sys.argv[0] = 'xxgk'\n"
              "main()\n")


def test_check_workers_die_with_their_parent(src, tmp_path):
    from fault_helpers import child_env, limit_memory
    import sys

    proc = subprocess.Popen([sys.executable, "-c", SLOW_CHECK, "check", str(src / "报送"), "-j", "2"], cwd=src,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=limit_memory, env=child_env())
    try:
        assert wait_until(lambda: len(children_of(proc.pid)) >= 2, 20), "no workers started"
        time.sleep(1.0)  # the workers are inside a file now
        workers = children_of(proc.pid)
    finally:
        proc.kill()
        proc.wait()
    assert wait_until(lambda: not any(alive(w) for w in workers), 5), [w for w in workers if alive(w)]


# ------------------------------------------------------------------------------------------ time budget


def test_the_time_budget_is_an_input_error_and_writes_nothing(src, tmp_path):
    needs_office("report")
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot_tmp()
    r = run(args_for("report", src, out), src, XXGK_TIME_LIMIT="0.8")
    assert_refused(r, "总时限", "XXGK_TIME_LIMIT")
    assert os.listdir(out) == []
    assert wait_until(lambda: processes_mentioning(str(out)) == [])
    assert snapshot_tmp() <= before


def test_the_time_budget_stops_a_batch(src, tmp_path):
    from fault_helpers import child_env
    import sys

    out = tmp_path / "out"
    out.mkdir()
    t = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", SLOW_CHECK, "check", str(src / "报送"), "-o", str(out / "s.json")], cwd=src,
                          capture_output=True, env=child_env(XXGK_TIME_LIMIT="2"), timeout=60)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2 and "总时限" in err and "Traceback" not in err, err[-2000:]
    assert time.monotonic() - t < 15 and os.listdir(out) == []
