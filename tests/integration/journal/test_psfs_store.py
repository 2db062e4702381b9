"""PSFS rounds in the journal, on SQLite and PostgreSQL: stored, listed, deleted, exported and imported."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from crest.journal.merging import JournalNotEmpty
from crest.journal.records import PsfsActivity, PsfsAssessment
from crest.journal.store import Journal, PsfsNotFound
from crest.journal.transfer import export_text, parse_export

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)


def _round(days: int, *scores: int) -> PsfsAssessment:
    names = ("Tying my shoes", "Sitting through a film", "Lifting my child")
    activities = tuple(PsfsActivity(name, score) for name, score in zip(names, scores, strict=False))
    return PsfsAssessment(AT + timedelta(days=days), activities)


def test_psfs_rounds_are_stored_in_order_and_deleted_whole(journal: Journal) -> None:
    later = journal.add_psfs(_round(14, 6, 5))
    first = journal.add_psfs(_round(0, 3, 4, 2))
    rounds = journal.list_psfs()
    assert [one.id for one in rounds] == [first, later]
    assert rounds[0].activities == (
        PsfsActivity("Tying my shoes", 3),
        PsfsActivity("Sitting through a film", 4),
        PsfsActivity("Lifting my child", 2),
    )
    journal.delete_psfs(first)
    assert [one.id for one in journal.list_psfs()] == [later]
    with pytest.raises(PsfsNotFound, match="no PSFS entry"):
        journal.get_psfs(first)


def test_psfs_travels_with_export_and_import(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as source:
        source.add_psfs(_round(0, 3, 4))
        source.add_psfs(_round(14, 6, 5))
        exported = export_text(source.export_contents(), "json")
    with Journal.open(new_journal_url()) as target:
        target.import_contents(parse_export(exported, "journal.json"))
        assert export_text(target.export_contents(), "json") == exported
        third = target.add_psfs(_round(28, 7, 7))  # ids continue after the imported ones
        assert third == 3
        with pytest.raises(JournalNotEmpty, match="3 ratings of daily activities"):
            target.import_contents(parse_export(exported, "journal.json"))


def test_a_refused_import_counts_one_psfs_round_in_the_singular(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as target:
        target.add_psfs(_round(0, 3))
        with pytest.raises(JournalNotEmpty, match=r"\(1 rating of daily activities\)"):
            target.import_contents(parse_export(export_text(target.export_contents(), "json"), "journal.json"))
