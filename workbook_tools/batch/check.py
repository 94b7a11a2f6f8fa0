"""`xxgk check` as one function: find the files, read last year's, check everything in parallel,
match the roster, and return the `Summary` (writing it is `write.write_summary`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..config import Config
from ..errors import input_error
from . import run
from .discover import discover
from .job import CheckSettings, PeekSettings
from .roster import NameIndex, Roster, read_roster
from .summary import Summary, build

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_LIMIT = 3 * 1024 ** 3  # address space per worker; a file needing more becomes a row


def _preload() -> None:
    """Import what every worker needs before the pool forks, so that no worker imports it again."""
    from .. import api
    from ..editions import editions
    from ..io import report_json, tidy_csv  # noqa: F401
    from ..model import blank_report

    for ed in editions():  # compiles each edition's rules once, in the parent
        report = blank_report(ed.id, 2024)
        api.validate_report(report, report)


def check(inputs: Sequence[str | Path], *, previous: str | Path | None = None, roster: str | Path | Roster | None = None,
          jobs: int | None = None, config: Config | None = None, lang: str = "zh", timeout: float | None = DEFAULT_TIMEOUT,
          memory_limit: int | None = DEFAULT_MEMORY_LIMIT, exclude: Sequence[str | Path] = (),
          progress: Callable[[str, int, int], None] | None = None) -> Summary:
    """Check every report under `inputs` (folders or files).

    `previous`: a folder (or one file) of last year's reports, matched to this year's by agency name.
    `roster`: a 单位名单 (.csv or .xlsx) or a `Roster`.  `jobs`: worker processes (None: one per core,
    0: in this process).  `progress(stage, done, total)` with stage "previous" or "check".
    Raises InputError when nothing can be checked (no files, unreadable roster).
    """
    if isinstance(roster, (str, Path)):
        exclude = [*exclude, roster]
        roster = read_roster(roster)
    found = discover(inputs, exclude=exclude)
    if not found:
        raise input_error("no-files", path="、".join(str(p) for p in inputs))
    _preload()

    index = None
    prev_errors: dict[str, str] = {}
    prev_display: dict[str, str] = {}
    if previous is not None:
        prev_found = discover([previous], exclude=exclude)
        if not prev_found:
            raise input_error("no-files.previous", path=previous)
        peek = PeekSettings(lang=lang, timeout=timeout)
        cb = (lambda d, n: progress("previous", d, n)) if progress else None
        peeked = run.run_tasks(peek, [str(f.path) for f in prev_found], jobs, memory_limit=memory_limit, progress=cb)
        index = NameIndex()
        for fd, info in zip(prev_found, peeked):
            prev_display[str(fd.path)] = fd.display
            if info["ok"]:
                index.add(info.get("agency") or "", str(fd.path))
            else:
                prev_errors[fd.display] = info["reason"]

    settings = CheckSettings(lang=lang, config=config, previous=index, timeout=timeout)
    cb = (lambda d, n: progress("check", d, n)) if progress else None
    rows = run.run_tasks(settings, [str(f.path) for f in found], jobs, memory_limit=memory_limit, progress=cb)
    summary = build(found, rows, roster, prev_display, lang, inputs=inputs, previous_dir=previous)
    summary.previous_unreadable = prev_errors
    return summary
