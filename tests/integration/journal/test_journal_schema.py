"""Migrations: applied on open, found inside the package, and a newer schema is refused untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from crest.journal.schema import HEAD_REVISION, SchemaTooNew
from crest.journal.store import Journal
from crest.journal.tables import Base


def test_head_revision_constant_matches_the_shipped_scripts() -> None:
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(resources.files("crest.journal.migrations")))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]


def test_migration_scripts_ship_as_package_files() -> None:
    from importlib import resources

    migrations = resources.files("crest.journal.migrations")
    assert migrations.joinpath("env.py").is_file()
    assert migrations.joinpath("script.py.mako").is_file()
    assert any(
        item.name.endswith(".py") and item.name.startswith("r") for item in migrations.joinpath("versions").iterdir()
    )


def test_open_creates_every_table_at_head(journal_url: str) -> None:
    Journal.open(journal_url).close()
    engine = create_engine(journal_url)
    try:
        with engine.connect() as connection:
            assert set(Base.metadata.tables) <= set(inspect(connection).get_table_names())
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert revision == HEAD_REVISION
    finally:
        engine.dispose()


def test_migrated_tables_match_the_orm_model(journal_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    Journal.open(journal_url).close()
    engine = create_engine(journal_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_newer_schema_is_refused_and_left_untouched(journal_url: str) -> None:
    Journal.open(journal_url).close()
    engine = create_engine(journal_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = 'r9999_from_the_future'"))
            connection.execute(text("CREATE TABLE future_things (id INTEGER PRIMARY KEY)"))

        with pytest.raises(SchemaTooNew, match="newer crest") as raised:
            Journal.open(journal_url)
        assert "\n" not in str(raised.value)

        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == (
                "r9999_from_the_future"
            )
            assert "future_things" in inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_open_default_url_uses_crest_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREST_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CREST_DATABASE_URL", raising=False)
    with Journal.open() as journal:
        assert journal.where == str(tmp_path / "home" / "crest.db")
    assert (tmp_path / "home" / "crest.db").is_file()
