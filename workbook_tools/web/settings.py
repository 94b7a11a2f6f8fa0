"""What one running instance is configured with (the `serve` options, plus limits)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DB_FILE = "xxgk.sqlite3"
FILES_DIR = "files"
SECRET_FILE = "session.key"


@dataclass
class Settings:
    data: Path  # the folder holding the SQLite database (by default), the stored files and the session key
    db: str | None = None  # a database URL; None = SQLite in `data`
    lang: str = "zh"  # the default language of the pages
    demo: bool = False
    secure_cookies: bool = False  # behind https: cookies get the Secure flag
    max_request: int = 110 * 1024 * 1024  # an overall cap on a request body, above every reader's own limit
    parse_timeout: float = 60.0  # seconds per parse, as `check` uses
    parse_memory: int = 3 * 1024 ** 3  # address space of a parse worker
    workers: int = 2  # parse worker processes
    login_failures: int = 5  # failed logins per user and address ...
    login_window: float = 60.0  # ... within this many seconds before 429

    def __post_init__(self):
        self.data = Path(self.data)

    @property
    def db_url(self) -> str:
        if not self.db:
            return f"sqlite:///{(self.data / DB_FILE).resolve()}"
        url = self.db
        for plain in ("postgresql://", "postgres://"):  # the driver installed is psycopg 3
            if url.startswith(plain):
                url = "postgresql+psycopg://" + url[len(plain):]
        return url

    @property
    def files(self) -> Path:
        return self.data / FILES_DIR
