"""Every store test runs on SQLite (a file under tmp_path) and on PostgreSQL (a fresh database per test);
the database fixtures live in support/databases.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from crest.journal.store import Journal
from support.clock import FakeClock
from support.databases import (
    copy_created_journal,
    created_postgres_journal,
    journal_url,
    new_journal_url,
    postgres_databases,
)

__all__ = ["created_postgres_journal", "journal_url", "new_journal_url", "postgres_databases"]  # fixtures, by name


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 5, 1, 7, 0, tzinfo=UTC))


@pytest.fixture
def journal(journal_url: str, clock: FakeClock, request: pytest.FixtureRequest) -> Iterator[Journal]:
    """An empty journal at the current schema, a copy of one crest created (the tests of what opening a new or an
    older journal does open their own from `journal_url`)."""
    copy_created_journal(journal_url, request)
    with Journal.open(journal_url, clock=clock) as opened:
        yield opened
