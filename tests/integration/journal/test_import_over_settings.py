"""A journal whose only change is its settings takes a plain import as an empty one: the file's settings replace
those saved, and the ones the file does not name stay (a file from before settings were exported)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from crest.journal.merging import JournalNotEmpty
from crest.journal.records import CheckIn, JournalContents, SafetyScreen
from crest.journal.store import Journal

START = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)


def test_settings_alone_do_not_keep_an_import_out(new_journal_url: Callable[[], str]) -> None:
    file = JournalContents(check_ins=(CheckIn(at=START, note="from the backup", id=4),), settings={"theme": "light"})
    with Journal.open(new_journal_url()) as journal:
        journal.save_settings({"theme": "dark", "height_cm": "172"})
        journal.import_contents(file)
        assert journal.get_settings() == {"theme": "light", "height_cm": "172"}
        assert [(check_in.id, check_in.note) for check_in in journal.list_checkins()] == [(4, "from the backup")]


def test_a_refusal_counts_records_in_a_persons_words(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as journal:
        journal.save_settings({"theme": "dark"})
        journal.record_safety_screen(SafetyScreen(START, {"pregnant_16_weeks": False}, "clear"))
        with pytest.raises(JournalNotEmpty, match=r"^the journal is not empty \(1 set of safety answers\)$"):
            journal.import_contents(JournalContents(settings={"theme": "light"}))
        assert journal.get_settings() == {"theme": "dark"}
