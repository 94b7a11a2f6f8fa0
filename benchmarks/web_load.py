"""Concurrent uploads against `xxgk serve`: 50 units upload their filled workbooks at the same moment.

Usage: python benchmarks/web_load.py [--units 50] [--clients 50] [--db postgresql://…] [--no-sqlite]

The server runs as a separate process (`xxgk serve`), on SQLite in a temporary folder and, when `--db` or
XXGK_TEST_POSTGRES (the admin URL `make services` writes) is given, on a fresh PostgreSQL database too.  The
office logs in, creates a collection and uploads a roster of `--units` units through the pages, as a person would;
then each client (a thread with its own httpx client) opens its unit's link, uploads a real filled workbook
(the template of the collection's edition, filled with random balanced figures, every fifth with a broken sum)
and polls its page until the findings are shown.  Printed: uploads stored, validated, server errors (5xx
answers and tracebacks in the server's log; must be 0), upload→findings seconds (p50, p95, max), the wall time,
and the peak resident memory (VmHWM) of the server process and of its largest parse worker — next to the bare
baseline: the same files validated in this process by `api.validate_file`, one after the other.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

ADMIN_PASSWORD = "bench-admin-password"
POLL = 0.1  # seconds between a client's looks at its page


# --- pages: forms and links, read the way a browser would ------------------------------------------------------

@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)  # hidden and preset values (the CSRF token among them)
    names: set[str] = field(default_factory=set)  # every named control
    testids: set[str] = field(default_factory=set)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[dict[str, str]] = []
        self._form: Form | None = None
        self._row: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and self._form is not None:
            if a.get("name"):
                self._form.names.add(a["name"])
                if tag == "input" and a.get("type", "text") not in ("file", "submit", "checkbox", "radio"):
                    self._form.fields[a["name"]] = a.get("value", "")
            if a.get("data-testid"):
                self._form.testids.add(a["data-testid"])
        elif tag == "tr":
            self._row = a.get("data-unit")
        elif tag == "a":
            self.links.append({**a, "_unit": self._row or ""})

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "tr":
            self._row = None


def page_of(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    return p


def form_with(html: str, control: str) -> Form:
    """The form holding a control of that name or data-testid."""
    for f in page_of(html).forms:
        if control in f.names or control in f.testids:
            return f
    raise RuntimeError(f"no form with {control!r} on the page")


def submit(client, page_url: str, html: str, control: str, data: dict, files=None):
    """Send the form holding `control` as a browser would: its hidden fields (the CSRF token) included."""
    f = form_with(html, control)
    return client.post(urljoin(page_url, f.action or page_url), data={**f.fields, **data}, files=files,
                       follow_redirects=True)


# --- the server ------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`xxgk serve` in its own process; a thread records the peak memory of it and of its workers."""

    def __init__(self, data: Path, db: str | None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        cmd = [str(ROOT / ".venv" / "bin" / "xxgk"), "serve", "--host", "127.0.0.1", "--port", str(self.port),
               "--data", str(data)] + (["--db", db] if db else [])
        self.log = open(data.parent / f"server-{self.port}.log", "w+b")
        env = {**os.environ, "XXGK_ADMIN_PASSWORD": ADMIN_PASSWORD}
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def wait_ready(self, client, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"xxgk serve exited: {self.output()[-2000:]}")
            try:
                if client.get(self.base + "/login", timeout=2).status_code == 200:
                    return
            except Exception:  # not listening yet
                pass
            time.sleep(0.1)
        raise RuntimeError("xxgk serve did not answer in time")

    def _pids(self) -> list[int]:
        pids, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            try:
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children") as fh:
                        todo += [int(c) for c in fh.read().split()]
            except OSError:
                pass
        return pids

    def _watch(self) -> None:
        while not self._stop.is_set():
            for pid in self._pids():
                hwm = vm_hwm(pid)
                if hwm:
                    self.peak[pid] = max(self.peak.get(pid, 0), hwm)
            time.sleep(0.05)

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        self._stop.set()
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def vm_hwm(pid: int) -> int:
    """Peak resident set size of a process in kB (/proc/<pid>/status VmHWM), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


# --- the workload ----------------------------------------------------------------------------------------------

def workbooks(names: list[str], seed: int = 2024) -> list[bytes]:
    """One filled workbook per unit, in its name; every fifth has a row that no longer adds up."""
    from batch_corpus import named_report

    from workbook_tools import api
    from workbook_tools.rules.python import derive_totals

    rng = random.Random(seed)
    out = []
    for i, name in enumerate(names):
        r = named_report(name, rng)
        if i % 5 == 4:
            _total, terms = next(iter(derive_totals(r.edition).items()))
            r.set(terms[0].ref, str(r.number(terms[0].ref) + 7))
        out.append(api.report_bytes(r, "x.xlsx"))
    return out


def baseline(folder: Path, files: list[bytes]) -> dict:
    """The same validation in this process, file after file: what the server adds is the rest."""
    from workbook_tools import api

    paths = []
    for i, data in enumerate(files):
        p = folder / f"unit-{i:03d}.xlsx"
        p.write_bytes(data)
        paths.append(p)
    api.validate_file(paths[0])  # imports and compiled rules: start-up, not work
    times = []
    t0 = time.perf_counter()
    for p in paths:
        t = time.perf_counter()
        api.validate_file(p)
        times.append(time.perf_counter() - t)
    return {"total_s": time.perf_counter() - t0, "p50_s": statistics.median(times), "max_s": max(times)}


def office_setup(client, base: str, names: list[str]) -> list[str]:
    """Log in, create the collection, upload the roster: the units' links, in roster order."""
    r = client.get(base + "/login")
    r = submit(client, str(r.url), r.text, "username", {"username": "admin", "password": ADMIN_PASSWORD})
    r.raise_for_status()
    r = client.get(base + "/")
    r = submit(client, str(r.url), r.text, "create-collection",
               {"name": "2024年度政府信息公开工作年度报告", "year": "2024", "edition": "2021",
                "deadline": (dt.date.today() + dt.timedelta(days=30)).isoformat()})
    r.raise_for_status()
    roster = "序号,单位名称\n" + "".join(f"{i},{n}\n" for i, n in enumerate(names, 1))
    r = submit(client, str(r.url), r.text, "roster", {},
               files={"roster": ("单位名单.csv", roster.encode("utf-8-sig"), "text/csv")})
    r.raise_for_status()
    by_unit = {a.get("_unit"): a["href"] for a in page_of(r.text).links if a.get("data-testid") == "unit-link"}
    missing = [n for n in names if n not in by_unit]
    if missing:
        raise RuntimeError(f"no link for {len(missing)} units, e.g. {missing[0]}")
    return [urljoin(base, by_unit[n]) for n in names]


@dataclass
class Outcome:
    stored: bool = False
    validated: bool = False
    seconds: float = 0.0
    began: float = 0.0  # perf_counter at the upload's start and at the findings: the run's wall time
    ended: float = 0.0
    server_errors: int = 0
    failure: str = ""


def shown_status(html: str) -> str | None:
    """The outcome the unit's page shows for its latest upload (None while it is being checked)."""
    m = re.search(r'data-testid="submission"[^>]*data-status="([a-z]+)"', html)
    status = m.group(1) if m else None
    return None if status in (None, "pending", "missing") else status


def one_unit(link: str, data: bytes, name: str, start: threading.Barrier | None, deadline: float) -> Outcome:
    import httpx

    out = Outcome()
    with httpx.Client(timeout=120) as client:
        try:
            r = client.get(link)
            r.raise_for_status()
            if start is not None:  # every client uploads at the same moment
                start.wait(timeout=120)
            out.began = t0 = time.perf_counter()
            r = submit(client, link, r.text, "file", {}, files={"file": (f"{name}.xlsx", data, XLSX)})
            out.server_errors += r.status_code >= 500
            out.stored = r.status_code == 200 and "/submissions/" in str(r.url)
            while out.stored and shown_status(r.text) is None and time.monotonic() < deadline:
                time.sleep(POLL)
                r = client.get(r.url)
                out.server_errors += r.status_code >= 500
            out.validated = shown_status(r.text) is not None
            out.ended = time.perf_counter()
            out.seconds = out.ended - t0
        except Exception as e:  # noqa: BLE001 - a client's failure is a figure of the run, not its end
            out.failure = f"{type(e).__name__}: {e}"
    return out


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def run(label: str, db: str | None, names: list[str], files: list[bytes], clients: int, tmp: Path) -> dict:
    import httpx

    data = tmp / f"data-{label}"
    server = Server(data, db)
    try:
        with httpx.Client(timeout=60) as office:
            server.wait_ready(office)
            t_ready = time.perf_counter()
            links = office_setup(office, server.base, names)
            setup_s = time.perf_counter() - t_ready
        start = threading.Barrier(len(links)) if clients >= len(links) else None
        deadline = time.monotonic() + 600
        with ThreadPoolExecutor(clients) as pool:
            outcomes = list(pool.map(lambda a: one_unit(*a, start, deadline), zip(links, files, names)))
        done = [o for o in outcomes if o.ended]
        wall = max(o.ended for o in done) - min(o.began for o in done) if done else float("nan")
    finally:
        server.stop()
    log = server.output()
    secs = sorted(o.seconds for o in outcomes if o.validated)
    main_kb = server.peak.get(server.proc.pid, 0)
    workers_kb = [v for pid, v in server.peak.items() if pid != server.proc.pid]
    return {
        "label": label, "uploads": len(outcomes), "clients": clients, "stored": sum(o.stored for o in outcomes),
        "validated": sum(o.validated for o in outcomes),
        "server_errors": sum(o.server_errors for o in outcomes) + log.count("Traceback"),
        "failures": [o.failure for o in outcomes if o.failure][:3], "setup_s": setup_s, "wall_s": wall,
        "p50_s": statistics.median(secs) if secs else float("nan"),
        "p95_s": secs[min(len(secs) - 1, int(round(0.95 * (len(secs) - 1))))] if secs else float("nan"),
        "max_s": secs[-1] if secs else float("nan"),
        "rss_server_mb": main_kb / 1024, "rss_worker_mb": max(workers_kb, default=0) / 1024,
        "workers_seen": len(workers_kb),
    }


def fresh_database(admin: str) -> tuple[str, callable]:
    """A new empty PostgreSQL database through the admin URL, and how to drop it."""
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    name = f"xxgk_bench_{uuid.uuid4().hex[:10]}"
    plain = make_url(admin).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return make_url(admin).set(database=name).render_as_string(hide_password=False), drop


def show(r: dict, base: dict) -> None:
    print(f"{r['label']:<11} uploads {r['uploads']}  stored {r['stored']}  validated {r['validated']}  "
          f"server errors {r['server_errors']}")
    print(f"{'':<11} upload→findings p50 {r['p50_s']:.2f} s  p95 {r['p95_s']:.2f} s  max {r['max_s']:.2f} s  "
          f"({r['uploads']} uploads by {r['clients']} clients: {r['wall_s']:.1f} s wall; "
          f"login, collection and roster through the pages {r['setup_s']:.1f} s)")
    print(f"{'':<11} peak RSS: server {r['rss_server_mb']:.0f} MB, largest of its {r['workers_seen']} child "
          f"processes (parse workers) {r['rss_worker_mb']:.0f} MB")
    print(f"{'':<11} {r['wall_s'] / r['uploads']:.3f} s of wall time per upload, against "
          f"{base['total_s'] / r['uploads']:.3f} s per file validated in-process")
    for f in r["failures"]:
        print(f"{'':<11} client failure: {f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=50)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--db", help="a PostgreSQL admin URL (CREATEDB); default XXGK_TEST_POSTGRES when set")
    ap.add_argument("--no-sqlite", action="store_true")
    args = ap.parse_args()
    admin = args.db or os.environ.get("XXGK_TEST_POSTGRES")

    from batch_corpus import agencies

    names = agencies(args.units, random.Random(50))
    print(f"# {platform_line()}; {args.units} units, {args.clients} concurrent clients")
    t = time.perf_counter()
    files = workbooks(names)
    print(f"# {len(files)} filled workbooks made in {time.perf_counter() - t:.1f} s, "
          f"{statistics.median(len(f) for f in files) / 1024:.0f} KB each")
    with tempfile.TemporaryDirectory(prefix="xxgk-web-load-") as tmp:
        tmp = Path(tmp)
        base = baseline(tmp, files)
        print(f"baseline    in-process api.validate_file, one after the other: {base['total_s']:.2f} s for "
              f"{len(files)} files, p50 {base['p50_s']:.3f} s, max {base['max_s']:.3f} s")
        results = []
        if not args.no_sqlite:
            results.append(run("sqlite", None, names, files, args.clients, tmp))
            show(results[-1], base)
        if admin:
            url, drop = fresh_database(admin)
            try:
                results.append(run("postgresql", url, names, files, args.clients, tmp))
                show(results[-1], base)
            finally:
                drop()
        else:
            print("postgresql  skipped: no --db and no XXGK_TEST_POSTGRES (make services starts one)")
    bad = [r for r in results if r["server_errors"] or r["validated"] < r["uploads"]]
    return 1 if bad else 0


def platform_line() -> str:
    import platform

    return f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"


if __name__ == "__main__":
    sys.exit(main())
