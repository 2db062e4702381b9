"""A journal's sync service as crest builds it (with the safety service that keeps urgent signs through a sync)."""

from datetime import UTC

from crest.clock import Clock, system_now
from crest.journal.store import Journal
from crest.services.bundle import Services
from crest.services.sync import JournalSync


def sync_of(journal: Journal, clock: Clock = system_now) -> JournalSync:
    return Services.over(journal, clock, UTC).sync
