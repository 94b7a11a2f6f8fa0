"""One-time messages across a POST-redirect-GET: kept in this process's memory for a few minutes, read once.

The unit links shown after a roster upload or a re-issue must survive the redirect to the board, but never
be stored (only their sha256 is) nor put in a URL or in the (signed, not encrypted) session cookie: the
session holds only a random key to the record here.  A restart loses the record; the office re-issues.
"""

from __future__ import annotations

import secrets
import threading
import time

SESSION_KEY = "flash"
TTL = 600.0  # seconds: time enough to follow the redirect, short enough not to keep links around
MAX_RECORDS = 1000


class OneTime:
    def __init__(self, ttl: float = TTL):
        self.ttl = ttl
        self._items: dict[str, tuple[float, dict]] = {}
        self._lock = threading.Lock()

    def _trim(self, now: float) -> None:
        for k in [k for k, (t, _) in self._items.items() if now - t > self.ttl]:
            del self._items[k]
        while len(self._items) >= MAX_RECORDS:  # the oldest go first
            del self._items[next(iter(self._items))]

    def put(self, session: dict, value: dict) -> None:
        """Keep `value` for the next page this session loads."""
        key = secrets.token_urlsafe(24)
        with self._lock:
            now = time.monotonic()
            self._trim(now)
            old = session.get(SESSION_KEY)
            if isinstance(old, str):
                self._items.pop(old, None)
            self._items[key] = (now, value)
        session[SESSION_KEY] = key

    def take(self, session: dict) -> dict:
        """The value kept for this session (once), or {}."""
        key = session.pop(SESSION_KEY, None)
        if not isinstance(key, str):
            return {}
        with self._lock:
            got = self._items.pop(key, None)
        if got is None or time.monotonic() - got[0] > self.ttl:
            return {}
        return got[1]
