"""Passwords, unit links, CSRF tokens, the login rate limit, and the security headers."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# argon2id at OWASP's recommended floor (19 MiB, 2 passes): a login costs ~50 ms on a small server
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
CSRF_FIELD = "csrf_token"

# the pages load only what this server serves; no inline script, no frames, no plugins
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",  # a unit link must not leak through the Referer header
}


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def csrf_token(session: dict) -> str:
    """The session's CSRF token, created on first use."""
    tok = session.get("csrf")
    if not tok:
        tok = session["csrf"] = secrets.token_urlsafe(32)
    return tok


def csrf_ok(session: dict, sent: str | None) -> bool:
    expected = session.get("csrf")
    return bool(expected and sent and hmac.compare_digest(str(expected), str(sent)))


class RateLimit:
    """At most `limit` failures per key within `window` seconds (in memory: one process serves)."""

    def __init__(self, limit: int, window: float):
        self.limit, self.window = limit, window
        self._hits: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _trim(self, q: deque, now: float) -> None:
        while q and now - q[0] > self.window:
            q.popleft()

    def blocked(self, key: str) -> bool:
        with self._lock:
            q = self._hits[key]
            self._trim(q, time.monotonic())
            return len(q) >= self.limit

    def fail(self, key: str) -> None:
        with self._lock:
            q = self._hits[key]
            now = time.monotonic()
            self._trim(q, now)
            q.append(now)

    def clear(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)
