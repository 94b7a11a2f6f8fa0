"""Everything a request handler or a service needs: settings, database, file store, parse workers."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from ..flash import OneTime
from ..security import RateLimit
from ..settings import Settings
from ..store import FileStore
from ..worker import Parser


@dataclass
class Context:
    settings: Settings
    engine: Engine
    sessions: sessionmaker
    store: FileStore
    parser: Parser
    logins: RateLimit
    secret_key: str = field(repr=False, default="")
    flash: OneTime = field(default_factory=OneTime)  # the unit links across the redirect after a roster upload
    builder: object = None  # worker.Builder: templates made in worker processes

    def scope(self):
        from ..db import scope

        return scope(self.sessions)
