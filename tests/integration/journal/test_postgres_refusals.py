"""What a PostgreSQL server refuses is said with what to do: a role that may not use the journal's tables."""

from __future__ import annotations

from collections.abc import Callable

import psycopg
import pytest
from sqlalchemy.engine import make_url

from crest.journal.engine import DatabaseUnavailable
from crest.journal.store import Journal


def test_a_role_without_rights_on_the_tables_is_told_what_to_do(postgres_databases: Callable[[], str]) -> None:
    url = postgres_databases()
    Journal.open(url).close()  # the journal's tables, made by their owner
    with psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)) as db:
        # the owner gives up its own rights: as a role that was never granted any
        db.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM CURRENT_USER")
    with pytest.raises(DatabaseUnavailable) as raised:
        Journal.open(url)
    said = str(raised.value)
    assert said.startswith(f"the database user of {make_url(url).render_as_string()} may not use the journal's ")
    assert said.endswith("; connect as the user that owns the journal's tables, or grant this one their use")


def test_a_database_missing_on_the_server_is_told_what_to_do(postgres_databases: Callable[[], str]) -> None:
    missing = make_url(postgres_databases()).set(database="crest_nobody_made_this")
    with pytest.raises(DatabaseUnavailable) as raised:
        Journal.open(missing.render_as_string(hide_password=False))
    assert str(raised.value) == (
        f"there is no database crest_nobody_made_this at {missing.render_as_string()}: create it first (createdb "
        "crest_nobody_made_this), or correct its name in the URL"
    )
