"""Cleaning up after a run, also after a SIGKILL: the short-named temporaries (``.xxgk-PID-XXXXXXXX.tmp``,
``.bak``, ``.d``), the sweep that removes those of dead processes, and the *guard*: a process forked on
first need that waits on a pipe and, when the pipe closes without "done", removes what was registered with
it (scratch folders, named temporaries, outputs of a set being renamed), restores replaced files and kills
the process groups registered (LibreOffice).  files.py writes the outputs and registers with the guard."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
from pathlib import Path

PREFIX = ".xxgk-"
_OURS = re.compile(r"^\.xxgk-(\d+)-[0-9a-f]{8}\.(tmp|bak|d)$")


def _short_name(folder: Path, suffix: str) -> Path:
    # os.urandom is what secrets.token_hex reads, without importing secrets (and hmac, random) at start-up
    return folder / f"{PREFIX}{os.getpid()}-{os.urandom(4).hex()}.{suffix}"


def sweep_stale(folder: str | os.PathLike) -> None:
    """Remove temporaries of earlier runs in `folder` whose process no longer exists."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = _OURS.match(name)
        if not m or _alive(int(m.group(1))):
            continue
        path = os.path.join(folder, name)
        with contextlib.suppress(OSError):
            if m.group(2) == "d" and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours
        return True
    return True


# ------------------------------------------------------------------------------------------------ guard


class Guard:
    """A forked helper that cleans up after this process if it is killed.  Commands go through a pipe
    one line each: ``R path`` remove on death, ``U target [backup]`` undo an output, ``F`` forget the
    undo entries (the set is complete), ``G pgid`` kill a process group on death, ``g pgid`` not any
    more.  Paths travel hex-encoded, so any file name fits on a line."""

    def __init__(self):
        self._fd: int | None = None
        self._pid: int | None = None

    def _send(self, op: str, *args) -> None:
        if self._fd is None or self._pid != os.getpid():
            self._start()
        if self._fd is None:  # could not start one: best effort without it
            return
        words = [str(a) if isinstance(a, int) else os.fsencode(str(a)).hex() for a in args]
        with contextlib.suppress(OSError):
            os.write(self._fd, " ".join([op, *words]).encode() + b"\n")

    def remove_on_death(self, path) -> None:
        self._send("R", path)

    def undo(self, target, backup=None) -> None:
        self._send("U", target, *([backup] if backup else []))

    def forget_undo(self) -> None:
        self._send("F")

    def kill_on_death(self, pgid: int) -> None:
        self._send("G", int(pgid))

    def forget_group(self, pgid: int) -> None:
        self._send("g", int(pgid))

    def _start(self) -> None:
        if not hasattr(os, "fork"):
            return
        r, w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(r)
            os.close(w)
            return
        if pid == 0:  # the guard
            try:
                os.close(w)
                _guard_main(r)
            finally:
                os._exit(0)
        os.close(r)
        os.set_inheritable(w, False)
        self._fd, self._pid = w, os.getpid()


def _guard_main(r: int) -> None:
    os.setsid()  # out of the terminal's process group: Ctrl-C and a kill of the group leave it
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_IGN)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, r)
    os.closerange(r + 1, 4096)
    data = b""
    while True:
        try:
            chunk = os.read(r, 65536)
        except InterruptedError:
            continue
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    _clean_after(data.decode("ascii", "replace").splitlines())


def _clean_after(lines: list[str]) -> None:
    removals, groups, undo = [], set(), []
    for line in lines:
        op, *args = line.split() or ["?"]
        try:
            paths = [os.fsdecode(bytes.fromhex(a)) for a in args] if op in ("R", "U") else args
        except ValueError:
            continue
        if op == "R":
            removals += paths
        elif op == "U":
            undo.append(paths)
        elif op == "F":
            undo = []
        elif op == "G":
            groups.add(int(paths[0]))
        elif op == "g":
            groups.discard(int(paths[0]))
    for pgid in groups:
        with contextlib.suppress(OSError):
            os.killpg(pgid, signal.SIGKILL)
    for entry in undo:  # the set was being renamed when the process died: back to before the set
        with contextlib.suppress(OSError):
            if len(entry) > 1 and os.path.exists(entry[1]):
                os.replace(entry[1], entry[0])
            else:
                os.unlink(entry[0])
    for path in removals:
        with contextlib.suppress(OSError):
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)


_GUARD = Guard()


def guard() -> Guard:
    return _GUARD
