"""Running an outside converter (LibreOffice, Chromium, rsvg-convert) so that nothing of it outlives the call."""

from __future__ import annotations

import os
import signal
import subprocess


class ProcessTimeout(Exception):
    """The converter did not finish in time; it has been killed with its whole process group."""


def run_group(cmd: list[str], timeout: float, env: dict[str, str] | None = None, tail: int = 500) -> tuple[int, str]:
    """Run `cmd` in its own process group (LibreOffice's launcher starts soffice.bin as a child, Chromium starts
    helpers: killing the first process alone would leave them running), registered with the file guard, and kill
    the whole group on any way out: done, timed out, interrupted or out of time.  Returns the exit code and the
    last `tail` characters of its output."""
    from .files import guard

    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    guard().kill_on_death(proc.pid)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ProcessTimeout(cmd[0]) from None
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:  # the group is already gone
            pass
        proc.kill()
        proc.wait()
        guard().forget_group(proc.pid)
    return proc.returncode, (out or b"").decode("utf-8", "replace").strip()[-tail:]
