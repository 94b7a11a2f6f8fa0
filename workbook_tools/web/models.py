"""The tables.  Every unit-facing query filters by unit; files are referred to by sha256 only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Admin(Base):
    __tablename__ = "admins"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class Collection(Base):
    __tablename__ = "collections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer, index=True)
    edition: Mapped[str] = mapped_column(String(20))
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    units: Mapped[list["Unit"]] = relationship(back_populates="collection", order_by="Unit.position")


class Unit(Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("collection_id", "name_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    collection_id: Mapped[int] = mapped_column(ForeignKey("collections.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # roster order
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))  # the name folded as the roster matcher folds it
    kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    collection: Mapped[Collection] = relationship(back_populates="units")


class UnitToken(Base):
    """A unit's secret link; only the sha256 of the token is kept.  Re-issue revokes the old one."""
    __tablename__ = "unit_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class Submission(Base):
    """One upload.  Written `pending` with its stored file before the parse; the parse result (status,
    counts, findings, figures, the report as JSON) lands in one transaction afterwards."""
    __tablename__ = "submissions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    filename: Mapped[str] = mapped_column(String(255))
    ext: Mapped[str] = mapped_column(String(10))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending | done
    status: Mapped[str | None] = mapped_column(String(20), nullable=True)  # blank errors warnings passed unreadable
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    findings: Mapped[list | None] = mapped_column(JSON, nullable=True)
    figures: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    explain: Mapped[dict | None] = mapped_column(JSON, nullable=True)  # lang -> lines
    report_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the report as JSON
    previous_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # last year's submission compared
    decision: Mapped[str | None] = mapped_column(String(10), nullable=True)  # returned | accepted
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    by_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    unit: Mapped[Unit] = relationship()
