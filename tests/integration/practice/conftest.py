"""Practice mode's services over one database (SQLite and PostgreSQL), with a clock the test moves by hand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crest.journal.store import Journal
from support.clock import FakeClock
from support.databases import journal_url, new_journal_url, postgres_databases
from support.practice import Practice

__all__ = ["journal_url", "new_journal_url", "postgres_databases"]  # fixtures, used by name


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def practice(journal_url: str, clock: FakeClock) -> Iterator[Practice]:
    with Journal.open(journal_url, clock=clock) as journal:
        yield Practice.over(journal, clock)
