"""Journal databases for tests: SQLite files and fresh PostgreSQL databases, every test once on each kind.

PostgreSQL comes from CREST_TEST_POSTGRES_URL (scripts/test starts a server with scripts/start-postgres).
Without it the PostgreSQL variants fail when CI is set, and are skipped with the reason otherwise.
Import the fixtures into a conftest: `from support.databases import journal_url, new_journal_url, postgres_databases`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy.engine import Connection, make_url

from support.new_journals import copy_journal

POSTGRES_URL_VARIABLE = "CREST_TEST_POSTGRES_URL"


def _postgres_server_url() -> str:
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if url:
        return url
    reason = f'{POSTGRES_URL_VARIABLE} is not set; run scripts/test, or eval "export $(scripts/start-postgres)"'
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL journal tests cannot run in CI: {reason}")
    pytest.skip(reason)


def _admin_url() -> str:
    """The PostgreSQL server's URL for psycopg, to create and drop databases."""
    return make_url(_postgres_server_url()).set(drivername="postgresql").render_as_string(hide_password=False)


def _database_url(name: str) -> str:
    return make_url(_postgres_server_url()).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def postgres_databases() -> Iterator[Callable[[], str]]:
    """Makes new, empty PostgreSQL databases for one test and drops them afterwards."""
    import psycopg

    admin = _admin_url()
    created: list[str] = []

    def create() -> str:
        name = f"crest_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return _database_url(name)

    yield create
    with psycopg.connect(admin, autocommit=True) as connection:
        for name in created:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def created_postgres_journal() -> Iterator[str]:
    """The name of a PostgreSQL journal crest created once for this test session, for `copy_created_journal`."""
    import psycopg

    from crest.journal.store import Journal

    admin = _admin_url()
    name = f"crest_test_created_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        Journal.open(_database_url(name)).close()
        yield name
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def copy_created_journal(url: str, request: pytest.FixtureRequest) -> None:
    """Makes the new, empty journal at `url` (from `new_journal_url`) a copy of one crest created once per test
    session: opening a new journal runs every migration since the first, and the copy is the same empty journal
    at the current schema. PostgreSQL copies a database by creating it from a template."""
    target = make_url(url)
    if target.get_backend_name() == "sqlite":
        copy_journal(request.getfixturevalue("created_journal"), Path(str(target.database)))
        return
    import psycopg

    template = request.getfixturevalue("created_postgres_journal")
    with psycopg.connect(_admin_url(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{target.database}"')
        connection.execute(f'CREATE DATABASE "{target.database}" TEMPLATE "{template}"')


@pytest.fixture(params=["sqlite", "postgresql"])
def new_journal_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Callable[[], str]:
    """Makes URLs of new, empty journals of one kind (each test runs once per database kind)."""
    if request.param == "sqlite":
        return lambda: f"sqlite:///{tmp_path_factory.mktemp('home') / 'crest.db'}"
    create: Callable[[], str] = request.getfixturevalue("postgres_databases")
    return create


@pytest.fixture
def journal_url(new_journal_url: Callable[[], str]) -> str:
    return new_journal_url()


def upgrade_to(connection: Connection, revision: str) -> None:
    """Bring a test database to an older `revision` of crest's schema, as an older crest left it (for migration
    tests that fill it the old way before the current crest opens it)."""
    from alembic import command
    from alembic.config import Config

    with resources.as_file(resources.files("crest.journal.migrations")) as script_location:
        config = Config()
        config.set_main_option("script_location", str(script_location))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade_to(connection: Connection, revision: str) -> None:
    """Take a test database back to an older `revision` of crest's schema (to test a migration's way back)."""
    from alembic import command
    from alembic.config import Config

    with resources.as_file(resources.files("crest.journal.migrations")) as script_location:
        config = Config()
        config.set_main_option("script_location", str(script_location))
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def downgrade_journal(url: str, revision: str) -> None:
    """Take the journal at `url` back to `revision`, as an older crest's user would."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            downgrade_to(connection, revision)
    finally:
        engine.dispose()


def older_journal_with_a_session(url: str, revision: str, started_at: datetime) -> None:
    """A journal as an older crest at `revision` left it, holding one completed 15-minute session (id 1)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            upgrade_to(connection, revision)
            connection.execute(
                text(
                    "INSERT INTO practice_sessions (id, started_at, planned_minutes, actual_seconds, variant, status) "
                    "VALUES (1, :at, 15, 900, 'standard', 'completed')"
                ),
                {"at": started_at.replace(tzinfo=None)},
            )
    finally:
        engine.dispose()


def older_journal_with_notes(url: str, revision: str, started_at: datetime, written_at: datetime, note: str) -> None:
    """`older_journal_with_a_session`, plus `note` kept in a check-in after that session (id 1, and id 2 a plain
    standalone one) and in a practitioner's note on it pulled from the practice (id 1): each table a note migration
    rewrites."""
    older_journal_with_a_session(url, revision, started_at)
    at = written_at.replace(tzinfo=None)
    run_sql(
        url,
        "INSERT INTO check_ins (id, uid, at, timing, session_id, note) VALUES (1, 'c1', :at, 'after', 1, :note)",
        at=at,
        note=note,
    )
    run_sql(
        url, "INSERT INTO check_ins (id, uid, at, timing, note) VALUES (2, 'c2', :at, 'standalone', 'Plain.')", at=at
    )
    run_sql(
        url,
        "INSERT INTO session_notes (person_id, session_id, author_name, text, created_at, pulled) "
        "VALUES (1, 1, 'Pat Physio', :note, :at, :pulled)",
        note=note,
        at=at,
        pulled=True,
    )


def older_journal_with_a_practitioners_note(
    url: str, revision: str, started_at: datetime, written_at: datetime, **more: object
) -> int:
    """`older_journal_with_a_session`, plus Pat Physio's note 'Written before.' on it, with `more` columns (those an
    older crest at `revision` had besides); whose journal it is."""
    older_journal_with_a_session(url, revision, started_at)
    [person] = run_sql(url, "SELECT person_id FROM practice_sessions WHERE id = 1")
    columns = {"person_id": person, "session_id": 1, "author_name": "Pat Physio", "text": "Written before."}
    columns |= {"created_at": written_at.replace(tzinfo=None), **more}
    names = ", ".join(columns)
    run_sql(url, f"INSERT INTO session_notes ({names}) VALUES ({', '.join(f':{name}' for name in columns)})", **columns)
    assert isinstance(person, int)
    return person


def run_sql(url: str, statement: str, **values: object) -> list[object]:
    """Run one statement on the journal at `url`, as an older crest or a hand edit would; its first column's values."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(statement), values)
            return list(result.scalars()) if result.returns_rows else []
    finally:
        engine.dispose()


def columns_of(url: str, table: str) -> set[str]:
    """The names of a table's columns as the database holds them (to see a migration add or drop one)."""
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {column["name"] for column in inspect(connection).get_columns(table)}
    finally:
        engine.dispose()


def revision_of(url: str) -> str:
    """The schema revision the database is at."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one())
    finally:
        engine.dispose()
