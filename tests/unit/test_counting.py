"""Counts in words agree with their number at every door: a sign-in wait, a sync, a refused restore."""

from __future__ import annotations

from crest.counting import counted
from crest.services.practice_link import SyncResult


def test_one_is_singular_and_every_other_number_plural() -> None:
    assert [counted(number, "second") for number in (0, 1, 2)] == ["0 seconds", "1 second", "2 seconds"]
    assert counted(1, "PSFS entry", "PSFS entries") == "1 PSFS entry"
    assert counted(3, "PSFS entry", "PSFS entries") == "3 PSFS entries"


def test_a_sync_names_each_kind_it_sent_in_words() -> None:
    result = SyncResult({"sessions": 7, "check_ins": 7, "safety_screens": 1, "psfs": 2}, 0, None)
    assert result.sent_counts() == ("7 sessions", "7 check-ins", "1 safety screen", "2 ratings of daily activities")
    # the PSFS as the rest of crest names it, where a sync said "PSFS rounds"
    assert SyncResult({"psfs": 1}, 0, None).sent_counts() == ("1 rating of daily activities",)
    assert SyncResult({"check_ins": 1, "body_maps": 2}, 0, None).sent_counts() == ("1 check-in", "2 body maps")
