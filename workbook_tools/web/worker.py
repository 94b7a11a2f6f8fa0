"""The parse of an upload, in worker processes: read, validate, explain, and reduce to plain data.

Readers keep per-process state (pdfplumber among them) and a hostile file may exhaust time or
memory, so nothing is parsed in the server process.  Workers run under the limits of `xxgk check`
(`batch/run.py`: an interval timer per file and an address-space limit); a worker that hangs past
the timer or dies costs only its own file, which becomes an 无法读取 result with its reason.
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

GRACE = 10.0  # seconds beyond the timer before the server gives a worker up
# one fork server serves every pool of the process: whoever starts it first, its workers start warm
PRELOAD = ["workbook_tools.web.worker", "workbook_tools.web.warm"]


def _plain(v):
    if isinstance(v, Decimal):
        return str(v)
    return v


@dataclass
class ParseTask:
    """The `batch.run` task protocol: run(item) in the worker, failed(item, code) for what did not finish."""

    timeout: float | None = 60.0

    def run(self, item: tuple[str, str, str | None]) -> dict:
        stored, ext, previous = item
        with tempfile.TemporaryDirectory(prefix="xxgk-parse-") as tmp:
            # readers go by the extension: a private copy under a fixed name, never the stored file itself
            path = Path(tmp) / f"upload{ext}"
            shutil.copyfile(stored, path)
            last = None
            if previous:  # last year's report, stored as JSON
                last = Path(tmp) / "previous.json"
                shutil.copyfile(previous, last)
            return parse(path, last)

    def failed(self, item, code: str, detail: str = "") -> dict:
        from ..batch.job import failed_row

        return {"status": "unreadable", "reason": {lang: failed_row(item[0], code, lang, detail, self.timeout)["reason"]
                                                   for lang in ("zh", "en")}}


def _unreadable(e) -> dict:
    from ..errors import InputError

    if isinstance(e, InputError):
        return {"status": "unreadable", "reason": {"zh": e.zh, "en": e.en}}
    from ..batch.texts import t

    return {"status": "unreadable", "reason": {lang: t("reason.too-complex", lang) for lang in ("zh", "en")}}


def _finding(f) -> dict:
    from ..messages import title

    loc = f.location
    return {"rule": f.rule, "severity": f.severity.value, "cells": list(loc.cells), "where": loc.where,
            "table": loc.table, "title": {lang: title(f.rule, lang) for lang in ("zh", "en")},
            "message": {lang: f.message(lang) for lang in ("zh", "en")},
            "expected": _plain(f.expected), "actual": _plain(f.actual)}


def parse(path: Path, previous: Path | None) -> dict:
    from .. import api
    from ..editions.key_figures import key_figures
    from ..errors import InputError
    from ..findings import Severity
    from ..render import explain_text

    try:
        report = api.load_report(path)
    except (InputError, RecursionError, MemoryError) as e:
        return _unreadable(e)
    prev = None
    if previous:
        try:
            prev = api.load_report(previous)
        except (InputError, RecursionError, MemoryError):
            prev = None
    result = api.validate_report(report, prev)
    items = api.explain_report(report)
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    status = "blank" if result.unfilled else "errors" if errors else "warnings" if warnings else "passed"
    return {
        "status": status, "reason": None, "errors": errors, "warnings": warnings,
        "infos": result.count(Severity.INFO),
        "findings": [_finding(f) for f in result.findings],
        "figures": {k: _plain(v) for k, v in key_figures(report).items()},
        "explain": {lang: explain_text.render(items, lang).strip("\n").splitlines() for lang in ("zh", "en")},
        "agency": report.meta.agency, "year": report.meta.year, "edition": report.edition.id,
        "report_json": api.report_bytes(report, "report.json"),
    }


def _in_worker(item):
    from ..batch import run

    return run._one(run._task, item, getattr(run._task, "timeout", None))


def _init(task, memory_limit):
    from ..batch import run

    run._init(task, memory_limit)


def _forkserver_pool(workers: int, **kw) -> ProcessPoolExecutor:
    """Workers forked from the one fork server of this process, which has imported PRELOAD."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ProcessPoolExecutor(workers, mp_context=ctx, **kw)


class Parser:
    """A small pool of parse workers, started on first use and replaced when one dies or hangs."""

    def __init__(self, workers: int = 2, timeout: float = 60.0, memory_limit: int | None = 3 * 1024 ** 3):
        self.task = ParseTask(timeout)
        self.workers, self.memory_limit = workers, memory_limit
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _get(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = _forkserver_pool(self.workers, initializer=_init, initargs=(self.task, self.memory_limit))
            return self._pool

    def _discard(self, pool) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        from ..batch import run

        run.discard(pool)  # its workers killed, its manager thread seen out

    def parse(self, stored: Path, ext: str, previous: Path | None = None) -> dict:
        item = (str(stored), ext, str(previous) if previous else None)
        limit = self.task.timeout + GRACE if self.task.timeout else None
        for attempt in (1, 2):
            pool = self._get()
            try:
                return pool.submit(_in_worker, item).result(timeout=limit)
            except FutureTimeout:
                self._discard(pool)  # a hang the timer could not break: this file's, not the others'
                return self.task.failed(item, "timeout")
            except BrokenProcessPool:
                self._discard(pool)
                if attempt == 2:  # it died again, alone in a new pool: the file did it
                    return self.task.failed(item, "worker-died")
            except Exception as e:  # noqa: BLE001 - e.g. a result that could not come back
                return self.task.failed(item, "internal", f"{type(e).__name__}: {e}")
        return self.task.failed(item, "worker-died")

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def build_template(out_name: str, edition: str, year: int, agency: str, kind: str | None, previous: str | None,
                   forced: bool) -> bytes:
    """One unit's template, made in a builder process (`previous`: last year's stored report, or None)."""
    from .. import api

    with tempfile.TemporaryDirectory(prefix="xxgk-build-") as tmp:
        last = None
        if previous:
            last = Path(tmp) / "previous.json"
            shutil.copyfile(previous, last)
        out = Path(tmp) / out_name
        api.write_template(out, edition, year=year, agency=agency, agency_kind=kind, previous=last,
                           force_edition=forced)
        return out.read_bytes()


def _warm_builder():
    from .. import api  # noqa: F401 - imported once per builder process, before the first template


class Builder:
    """Worker processes that make files from our own data (templates): no hostile input, so no limits, and
    apart from the parse workers, so that a zip of 300 templates does not hold up the units' uploads."""

    def __init__(self, workers: int = 2):
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = _forkserver_pool(self.workers, initializer=_warm_builder)
            return self._pool

    def map_ordered(self, fn, jobs, ahead: int | None = None):
        """fn(*job) for each job, in order, with at most `ahead` in flight (memory stays small)."""
        from collections import deque

        pool = self.pool()
        ahead = ahead or 2 * self.workers
        it = iter(jobs)
        flight: deque = deque()
        try:
            for job in it:
                flight.append(pool.submit(fn, *job))
                if len(flight) >= ahead:
                    yield flight.popleft().result()
            while flight:
                yield flight.popleft().result()
        except BrokenProcessPool:  # a builder died (out of memory?): a new pool next time
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            raise
        finally:  # the download was given up: what is queued is not made
            for f in flight:
                f.cancel()

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
