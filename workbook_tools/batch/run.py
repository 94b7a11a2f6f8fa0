"""A parallel map over files that survives the files: chunked, with a per-file time limit, and with
a dead worker costing only the file that killed it.

A *task* is a picklable object with ``run(item) -> row`` (in the worker) and
``failed(item, code, detail) -> row`` (a row for an item that could not be finished: ``timeout``,
``worker-died``, ``internal``).  `run_tasks` returns one row per item, in the items' order.

How failures are contained:

- in the worker every item runs under an interval timer (SIGALRM, where available); an item that
  overruns gets a ``timeout`` row, an exception an ``internal`` row, and the chunk goes on;
- each worker records in shared memory when it started its current item; when one has been on an
  item for longer than the limit plus a grace period (a hang inside C code that the timer cannot
  interrupt), the parent kills the workers;
- when a worker dies (crash, kill, out of memory) the pool breaks and every chunk in flight fails;
  those items are then run again one at a time in a one-worker pool, where a second death or a
  hard timeout can be pinned on exactly one file.  Items not yet submitted continue in a new pool.
- workers ignore Ctrl-C (the parent stops them) and may run under an address-space limit;
- workers die with their parent, however it ends (a SIGKILL included): the kernel sends them SIGKILL
  when the parent goes (Linux PR_SET_PDEATHSIG), and a watchdog thread notices a changed parent
  process id within a second where that is not available.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

GRACE = 10.0  # seconds beyond the per-item limit before the parent kills a worker
MAX_CHUNK = 32
RELEASE_WAIT = 5.0  # seconds for a killed or broken pool to wind down (it only has to notice its dead workers)

_task: Any = None  # set in each worker by _init
_beats: Any = None  # shared with the parent: when each worker's current item started (0: idle)
_slot = 0


class _Timeout(BaseException):
    """Raised by the timer; a BaseException so that a reader's `except Exception` cannot swallow it."""


def _on_alarm(signum, frame):
    raise _Timeout()


WATCH_INTERVAL = 0.5  # seconds between two looks of the watchdog at the parent
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Make this worker end when `parent` does: PR_SET_PDEATHSIG where the kernel has it, and a
    watchdog thread everywhere (also covering a parent that died before the prctl took effect)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc to talk to: the watchdog alone
            pass
    if os.getppid() != parent:
        os._exit(1)
    import threading

    def watch() -> None:
        while True:
            time.sleep(WATCH_INTERVAL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="xxgk-parent-watch", daemon=True).start()


def _init(task, memory_limit: int | None, beats=None, counter=None, parent: int | None = None) -> None:
    global _task, _beats, _slot
    if parent is not None:
        _die_with_parent(parent)
    _task = task
    if beats is not None:
        with counter.get_lock():
            _slot = counter.value % len(beats)
            counter.value += 1
        _beats = beats
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _on_alarm)
    if memory_limit:
        try:
            import resource

            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if soft == resource.RLIM_INFINITY or soft > memory_limit:
                resource.setrlimit(resource.RLIMIT_AS, (memory_limit, hard))
        except (ImportError, ValueError, OSError):  # not on this platform, or not allowed
            pass


def _one(task, item, timeout: float | None):
    """Run one item under the timer; never raises (except SystemExit/KeyboardInterrupt)."""
    timer = timeout and hasattr(signal, "setitimer")
    try:
        try:
            if timer:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            return task.run(item)
        finally:
            if timer:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except _Timeout:
        return task.failed(item, "timeout")
    except (RecursionError, MemoryError):
        return task.failed(item, "too-complex")
    except (Exception, SystemExit) as e:  # noqa: BLE001 - whatever goes wrong with one file is that file's row
        return task.failed(item, "internal", f"{type(e).__name__}: {e}")


def _run_chunk(chunk: list[tuple[int, Any]]) -> list[tuple[int, Any]]:
    timeout = getattr(_task, "timeout", None)
    out = []
    for i, item in chunk:
        if _beats is not None:
            _beats[_slot] = time.time()
        out.append((i, _one(_task, item, timeout)))
        if _beats is not None:
            _beats[_slot] = 0.0
    return out


def _context():
    # fork: workers inherit the imported modules (and the registered readers) at no cost
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _pool(task, workers: int, memory_limit: int | None, beats=None) -> ProcessPoolExecutor:
    ctx = _context()
    counter = ctx.Value("i", 0) if beats is not None else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init,
                               initargs=(task, memory_limit, beats, counter, os.getpid()))


def _stuck(beats, limit: float | None) -> bool:
    """A worker has been on one item for longer than the limit: a hang the timer cannot break."""
    if beats is None or not limit:
        return False
    now = time.time()
    return any(b and now - b > limit for b in beats)


def _kill(pool: ProcessPoolExecutor) -> None:
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.kill()
        except (OSError, ValueError):  # already gone, or already closed
            continue


def _abandon(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down without waiting for its work, but see its manager thread out (within a bound).
    Left running, that thread closes its wake-up pipe while the interpreter's exit handler may be
    writing to it: CPython 3.11 takes no lock there (gh-125451), and the exit prints "Exception
    ignored … Bad file descriptor".  Once the thread is done, the exit handler sees the pipe closed."""
    thread = getattr(pool, "_executor_manager_thread", None)  # shutdown() forgets it
    pool.shutdown(wait=False, cancel_futures=True)
    if thread is not None:
        thread.join(RELEASE_WAIT)


def discard(pool: ProcessPoolExecutor) -> None:
    """Kill a pool's workers and give the pool up (a hang, a time budget spent, Ctrl-C)."""
    _kill(pool)
    _abandon(pool)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def chunk_size(n: int, jobs: int) -> int:
    return max(1, min(MAX_CHUNK, n // max(1, jobs * 4)))


def run_tasks(task, items: Sequence, jobs: int | None = None, *, memory_limit: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> list:
    """One row per item, in order.  `jobs` = 0 runs in this process (no isolation; for tests and
    debugging); None = one worker per available core."""
    n = len(items)
    results: list = [None] * n
    done_count = 0

    def finished(i, row):
        nonlocal done_count
        results[i] = row
        done_count += 1
        if progress:
            progress(done_count, n)

    if n == 0:
        return results
    timeout = getattr(task, "timeout", None)
    if jobs == 0:
        _serial_here(task, items, timeout, finished)
        return results
    jobs = jobs or default_jobs()
    workers = min(jobs, n)
    size = chunk_size(n, workers)
    pending = deque(list(range(s, min(n, s + size))) for s in range(0, n, size))
    suspects: list[int] = []
    hard_limit = timeout + GRACE if timeout else None
    while pending:
        beats = _context().RawArray("d", workers)
        pool = _pool(task, workers, memory_limit, beats)
        inflight: dict = {}
        broken = False
        try:
            while (pending or inflight) and not broken:
                while pending and len(inflight) < 2 * workers:
                    chunk = pending.popleft()
                    inflight[pool.submit(_run_chunk, [(i, items[i]) for i in chunk])] = chunk
                done, _ = wait(inflight, timeout=0.5, return_when=FIRST_COMPLETED)
                for fut in done:
                    chunk = inflight.pop(fut)
                    try:
                        rows = fut.result()
                    except BrokenProcessPool:
                        suspects.extend(chunk)
                        broken = True
                        continue
                    except Exception:  # noqa: BLE001 - the rows could not come back: retry the files alone
                        suspects.extend(chunk)
                        continue
                    for i, row in rows:
                        finished(i, row)
                if _stuck(beats, hard_limit):
                    _kill(pool)  # the futures fail with the pool; their chunks are retried one file at a time
                    for k in range(len(beats)):
                        beats[k] = 0.0
            if broken:  # every chunk still in flight fails with the pool; keep those that finished
                wait(inflight, timeout=GRACE)
                for fut, chunk in inflight.items():
                    if fut.done() and not fut.cancelled() and fut.exception() is None:
                        for i, row in fut.result():
                            finished(i, row)
                    else:
                        suspects.extend(chunk)
        except BaseException:
            discard(pool)
            raise
        if broken:
            _abandon(pool)
        else:
            pool.shutdown(wait=True, cancel_futures=True)
    if suspects:
        _one_at_a_time(task, items, sorted(set(suspects)), timeout, memory_limit, finished)
    return results


def _one_at_a_time(task, items, indices, timeout, memory_limit, finished) -> None:
    """Items from a broken pool, each alone in a one-worker pool: a death or a hang is that item's."""
    pool = None
    try:
        for i in indices:
            if pool is None:
                pool = _pool(task, 1, memory_limit)
            fut = pool.submit(_run_chunk, [(i, items[i])])
            try:
                (_, row), = fut.result(timeout=timeout + GRACE if timeout else None)
            except BrokenProcessPool:
                row = task.failed(items[i], "worker-died")
                _abandon(pool)
                pool = None
            except FutureTimeout:
                row = task.failed(items[i], "timeout")
                discard(pool)
                pool = None
            except Exception as e:  # noqa: BLE001 - e.g. a row that cannot be sent back
                row = task.failed(items[i], "internal", f"{type(e).__name__}: {e}")
            finished(i, row)
    except BaseException:  # the time budget or Ctrl-C: waiting for the item could take as long as the item
        if pool is not None:
            discard(pool)
        raise
    if pool is not None:
        pool.shutdown(wait=True)


def _serial_here(task, items, timeout, finished) -> None:
    use_timer = bool(timeout) and hasattr(signal, "SIGALRM")
    if use_timer:
        import threading

        use_timer = threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGALRM, _on_alarm) if use_timer else None
    try:
        for i, item in enumerate(items):
            finished(i, _one(task, item, timeout if use_timer else None))
    finally:
        if use_timer:
            signal.signal(signal.SIGALRM, old)
