"""`alembic upgrade head` on an empty database gives exactly the models' schema; a second start changes nothing."""

from __future__ import annotations

import sqlalchemy as sa


def test_upgrade_head_matches_the_models(app_factory, tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from workbook_tools.web.models import Base

    app = app_factory(tmp_path / "data")
    engine = app.state.ctx.engine
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], diff
        assert conn.execute(sa.text("select version_num from alembic_version")).scalar() == "0001"
        admins = conn.execute(sa.text("select username from admins")).scalars().all()
    assert admins == ["admin"]
    again = app_factory(tmp_path / "data", db=app.state.ctx.settings.db)  # a restart: no second admin, no error
    with again.state.ctx.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from admins")).scalar() == 1


def test_sqlite_pragmas_and_data_folder(tmp_path):
    from conftest import make_app

    app = make_app(tmp_path / "data")
    try:
        with app.state.ctx.engine.connect() as conn:
            assert conn.execute(sa.text("pragma journal_mode")).scalar() == "wal"
            assert conn.execute(sa.text("pragma foreign_keys")).scalar() == 1
        assert (tmp_path / "data" / "xxgk.sqlite3").exists() and (tmp_path / "data" / "files").is_dir()
    finally:
        app.state.ctx.engine.dispose()


def test_first_run_prints_a_random_password_once(tmp_path, monkeypatch):
    from workbook_tools.web.app import create_app
    from workbook_tools.web.settings import Settings

    monkeypatch.delenv("XXGK_ADMIN_PASSWORD", raising=False)
    said = []
    app = create_app(Settings(data=tmp_path / "d"), out=lambda *a, **k: said.append(" ".join(map(str, a))))
    app.state.ctx.engine.dispose()
    app = create_app(Settings(data=tmp_path / "d"), out=lambda *a, **k: said.append(" ".join(map(str, a))))
    app.state.ctx.engine.dispose()
    assert len(said) == 1 and "admin" in said[0]
    password = said[0].split("：")[1].split("（")[0]
    from starlette.testclient import TestClient

    from conftest import login

    with TestClient(app) as c:
        login(c, password)


def test_database_urls(tmp_path):
    from workbook_tools.web.settings import Settings

    assert Settings(data=tmp_path).db_url == f"sqlite:///{(tmp_path / 'xxgk.sqlite3').resolve()}"
    for given in ("postgresql://u:p@db/xxgk", "postgres://u:p@db/xxgk", "postgresql+psycopg://u:p@db/xxgk"):
        assert Settings(data=tmp_path, db=given).db_url == "postgresql+psycopg://u:p@db/xxgk"
