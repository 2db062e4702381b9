"""Practice mode's services over one database (SQLite and PostgreSQL), with a clock the test moves by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC

import pytest

from crest.accounts.passwords import TEST_COST, Passwords
from crest.journal.practice_store import PracticeStore
from crest.journal.store import Journal
from crest.services.accounts import Accounts
from crest.services.audit import AuditLog
from crest.services.bundle import Services
from crest.services.practice_mode import PracticeMode
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
        store = PracticeStore(journal)
        audit = AuditLog(store, clock)
        accounts = Accounts(store, Passwords(TEST_COST), clock, audit)

        def services_for(person_id: int) -> Services:
            return Services.over(journal.for_person(person_id), clock, UTC)

        yield Practice(journal, store, accounts, PracticeMode(store, services_for, clock, UTC, audit), audit, clock)
