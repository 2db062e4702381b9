"""Every store test runs on SQLite (a file under tmp_path) and on PostgreSQL (a fresh database per test);
the database fixtures live in support/databases.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from crest.journal.store import Journal
from support.clock import FakeClock
from support.databases import journal_url, new_journal_url, postgres_databases

__all__ = ["journal_url", "new_journal_url", "postgres_databases"]  # fixtures, used by name


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 5, 1, 7, 0, tzinfo=UTC))


@pytest.fixture
def journal(journal_url: str, clock: FakeClock) -> Iterator[Journal]:
    with Journal.open(journal_url, clock=clock) as opened:
        yield opened
