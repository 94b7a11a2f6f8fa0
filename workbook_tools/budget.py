"""A command's overall time budget: past it, `OutOfTime` is raised in the main thread, and the writers
roll back whatever was being written.  ``XXGK_TIME_LIMIT`` (seconds) replaces the default."""

from __future__ import annotations

import os
from contextlib import contextmanager

SINGLE_FILE_BUDGET = 300.0  # seconds for one report (a PDF through LibreOffice included)
BATCH_BUDGET = 3600.0  # check and merge: many files, each with its own --timeout


class OutOfTime(BaseException):
    """A BaseException, so that no reader's `except Exception` hides it."""


def time_limit(default: float) -> float:
    raw = os.environ.get("XXGK_TIME_LIMIT", "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = default
    return value if value > 0 and value == value else default


def _on_alarm(signum, frame):
    raise OutOfTime()


@contextmanager
def time_budget(limit: float):
    """Raise `OutOfTime` after `limit` seconds; only where signals reach us (the main thread of a
    system with interval timers), elsewhere the block simply runs."""
    import signal
    import threading

    timed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGALRM, _on_alarm) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
