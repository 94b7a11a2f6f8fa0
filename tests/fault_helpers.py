"""Running `xxgk` as a child under bounds, and looking at what it left: shared by test_hostile_files.py
and test_faults.py.

`run` starts the command with 1.5 GiB of address space and a wall-time bound and returns its exit code,
output and time; `assert_refused` checks what every refused run must satisfy.  `tree` snapshots a folder
(names and bytes) so that a test can say "the inputs are unchanged and nothing else appeared".  `tmpfs`
mounts a small or read-only file system (root only; in CI a failed mount fails the test).
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, require

CHILD_MEMORY = 1536 * 1024 * 1024
WALL = 30.0  # seconds for any one command here (LibreOffice included); a hang is what is being caught
LEFTOVER_MARKS = (".xxgk-", ".tmp", "xxgk-pdf-")


@dataclass
class Run:
    exit: int
    out: str
    err: str
    seconds: float
    pid: int = 0

    @property
    def text(self) -> str:
        return self.out + self.err


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))


def child_env(**extra) -> dict:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:backslashreplace", "XXGK_LANG": "zh", "PYTHONPATH": str(ROOT)}
    env.update({k: str(v) for k, v in extra.items()})
    return env


def command(args) -> list[str]:
    return [sys.executable, "-m", "workbook_tools", *[str(a) for a in args]]


def run(args, cwd: Path, wall: float = WALL, **env) -> Run:
    t = time.perf_counter()
    proc = subprocess.run(command(args), cwd=cwd, capture_output=True, timeout=wall + 30, preexec_fn=limit_memory,
                          env=child_env(**env), stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - t
    result = Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"), seconds)
    assert seconds < wall, (seconds, result.text[-2000:])
    return result


def start(args, cwd: Path, **env) -> subprocess.Popen:
    return subprocess.Popen(command(args), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, preexec_fn=limit_memory, env=child_env(**env))


def assert_sane(r: Run) -> None:
    assert "Traceback" not in r.text and "内部错误" not in r.text, r.text[-3000:]


def assert_refused(r: Run, *words: str) -> None:
    """Exit 2, a Chinese message (naming what it is about), no traceback, no internal error."""
    assert_sane(r)
    assert r.exit == 2, (r.exit, r.text[-2000:])
    assert "错误：" in r.err, r.err[-2000:]
    for w in words:
        assert w in r.err, (w, r.err[-2000:])


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder`: regular files by content, the rest by kind (never opened)."""
    out: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(folder))
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_dir():
                out[rel] = "dir"
            elif p.is_file():
                out[rel] = p.read_bytes() if p.stat().st_size < 64 * 1024 * 1024 else f"size:{p.stat().st_size}"
            else:
                out[rel] = "special"
    return out


def leftovers(*folders: Path) -> list[str]:
    found = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            found += [os.path.join(dirpath, n) for n in dirnames + filenames if any(m in n for m in LEFTOVER_MARKS)]
    return found


def system_leftovers() -> set[str]:
    tmp = tempfile.gettempdir()
    return {n for n in os.listdir(tmp) if n.startswith((".xxgk-", "xxgk-pdf-"))}


def wait_until(condition, seconds: float = 8.0, step: float = 0.1) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return condition()


@contextlib.contextmanager
def tmpfs(path: Path, size: str = "1m", readonly: bool = False):
    """A small tmpfs at `path` (read-only after it was filled by `fill`, if asked)."""
    path.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)], capture_output=True)
    require(proc.returncode == 0, f"cannot mount a tmpfs here (root needed): {proc.stderr.decode(errors='replace').strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount_readonly(path: Path) -> None:
    proc = subprocess.run(["mount", "-o", "remount,ro", str(path)], capture_output=True)
    require(proc.returncode == 0, f"cannot remount read-only: {proc.stderr.decode(errors='replace').strip()}")


def children_of(pid: int) -> set[int]:
    """Processes whose parent is `pid` (from /proc)."""
    out = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid:
            out.add(int(entry))
    return out


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] != "Z"


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains `text` (e.g. a scratch folder's path)."""
    found = []
    needle = text.encode()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if needle in Path(f"/proc/{entry}/cmdline").read_bytes() and alive(int(entry)):
                    found.append(int(entry))
            except OSError:
                continue
    return found
