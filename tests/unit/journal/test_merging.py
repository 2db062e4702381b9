"""Merging an export into a journal: new records are added, exact duplicates (ids aside) are skipped."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from crest.journal.merging import plan_merge
from crest.journal.records import CheckIn, JournalContents, PainRating, PracticeSession, SafetyScreen

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
SESSION = PracticeSession(id=1, started_at=AT, planned_minutes=10, variant="standard", status="completed",
                          actual_seconds=600)  # fmt: skip
AFTER = CheckIn(
    id=1, at=AT + timedelta(minutes=11), timing="after", session_id=1, pain=(PainRating("knee", 2, "right"),)
)
ALONE = CheckIn(id=2, at=AT + timedelta(days=1), note="stiff")
SCREEN = SafetyScreen(id=1, answered_at=AT, answers={"fever": False}, advice_level="clear")
BACKUP = JournalContents(sessions=(SESSION,), check_ins=(AFTER, ALONE), safety_screens=(SCREEN,),
                         settings={"voice": "on"})  # fmt: skip


def test_everything_is_new_to_an_empty_journal() -> None:
    plan = plan_merge(JournalContents(), BACKUP)
    assert (plan.sessions, plan.check_ins, plan.safety_screens) == ((SESSION,), (AFTER, ALONE), (SCREEN,))
    assert (plan.added, plan.skipped) == (5, 0)


def test_the_same_records_under_other_ids_are_skipped_and_linked() -> None:
    journal = JournalContents(
        sessions=(replace(SESSION, id=7, writer="1@host"),),
        check_ins=(replace(AFTER, id=30, session_id=7), replace(ALONE, id=31)),
        safety_screens=(replace(SCREEN, id=4),),
        settings={"voice": "off"},
    )
    plan = plan_merge(journal, BACKUP)
    assert (plan.added, plan.skipped) == (0, 5)
    assert plan.known_sessions == {1: 7}


def test_a_record_that_differs_in_anything_is_new() -> None:
    journal = JournalContents(
        sessions=(replace(SESSION, id=7, started_at=AT - timedelta(days=1), actual_seconds=590, status="ended_early"),),
        check_ins=(replace(ALONE, id=31, note="stiffer"),),
    )
    plan = plan_merge(journal, BACKUP)
    assert plan.sessions == (SESSION,)
    assert plan.check_ins == (AFTER, ALONE)  # the after check-in comes with its new session
    assert dict(plan.settings) == {"voice": "on"}


def test_a_session_with_the_same_start_is_the_same_rest_kept_in_its_more_complete_state() -> None:
    """An export taken while the rest ran holds it unfinished: the finished record brings the journal's up to date,
    and an unfinished one changes nothing."""
    running = replace(SESSION, id=7, status="interrupted", actual_seconds=40)
    plan = plan_merge(JournalContents(sessions=(running,)), BACKUP)
    assert (plan.sessions, plan.updated_sessions, plan.known_sessions) == ((), (replace(SESSION, id=7),), {1: 7})
    assert plan.check_ins == (AFTER, ALONE)  # compared as the journal's session 7's, which has none yet
    assert (plan.added, plan.skipped) == (4, 0)  # brought up to date, the session is neither added nor skipped
    backwards = plan_merge(JournalContents(sessions=(replace(SESSION, id=7),)), replace(BACKUP, sessions=(running,)))
    assert (backwards.sessions, backwards.updated_sessions, backwards.known_sessions) == ((), (), {7: 7})
