"""The rules that refuse impossible records: one line each, starting with the field."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from crest.journal.plausibility import (
    ImpossibleRecord,
    SessionAlreadyEnded,
    check_edit,
    check_finish,
    check_imported_session,
    check_moment,
    check_new_check_in,
    check_progress,
    most_rested_s,
)
from crest.journal.records import CheckIn, PainRating, PracticeSession, SessionEdit
from crest.journal.vocabulary import SessionStatus

NOW = datetime(2026, 5, 6, 17, 30, tzinfo=UTC)
STARTED = NOW - timedelta(minutes=3)


def _session(status: str = "running", actual_seconds: int = 0, minutes: int = 5) -> PracticeSession:
    return PracticeSession(
        id=4, started_at=STARTED, planned_minutes=minutes, variant="standard", status=status,
        actual_seconds=actual_seconds,
    )  # fmt: skip


def _refused(field: str) -> pytest.RaisesExc[ImpossibleRecord]:
    return pytest.raises(ImpossibleRecord, match=rf"^{field}: ")


def test_a_time_is_between_2000_and_now() -> None:
    assert check_moment(datetime(2000, 1, 1, tzinfo=UTC), NOW, "at", "the time")
    assert check_moment(NOW + timedelta(minutes=4), NOW, "at", "the time")  # another device's clock, a bit ahead
    with _refused("at") as refused:
        check_moment(NOW + timedelta(days=1), NOW, "at", "the check-in time")
    assert str(refused.value) == "at: the check-in time 2026-05-07 17:30 is in the future; give a time that has passed"
    with _refused("at"):
        check_moment(datetime(1, 1, 1, tzinfo=UTC), NOW, "at", "the time")


def test_the_rest_so_far_is_bounded_by_the_plan_and_by_the_clock() -> None:
    assert check_progress(_session(), 180, NOW) == 180
    assert check_progress(_session(), 181.5, NOW) == 181  # a timer that started a moment after the row
    with _refused("elapsed_s") as refused:
        check_progress(_session(), 200, NOW)
    assert "more than the 180 s since the session started" in str(refused.value)
    with _refused("elapsed_s"):
        check_progress(_session(), 86_400, NOW)
    assert check_progress(_session(), 300, NOW, clock_speed=60) == 300  # a demo at 60x
    assert check_progress(_session("interrupted"), 100, NOW) == 100  # a live timer revives a wrongly closed one


def test_an_ended_session_is_not_ended_again() -> None:
    for status in ("completed", "ended_early"):
        with pytest.raises(SessionAlreadyEnded, match="session 4 has already ended") as refused:
            check_finish(_session(status, 300), 86_400, SessionStatus.COMPLETED, NOW + timedelta(days=1))
        assert refused.value.http_status == 409


def test_completed_means_the_planned_time_was_done() -> None:
    later = STARTED + timedelta(minutes=5)
    assert check_finish(_session(), 300, SessionStatus.COMPLETED, later) == 300
    assert check_finish(_session(), 240, SessionStatus.ENDED_EARLY, later) == 240
    with _refused("status") as refused:
        check_finish(_session(), 240, SessionStatus.COMPLETED, later)
    assert "completed once its 5 minutes are done; 4 min 0 s is ended early" in str(refused.value)
    edit = SessionEdit(variant="somatic", actual_seconds=240, status=SessionStatus.COMPLETED)
    with _refused("status"):
        check_edit(_session("ended_early", 240), edit, later + timedelta(days=1))


def test_an_edit_may_lower_the_rest_but_not_raise_it_past_the_clock() -> None:
    logged = replace(_session("completed", 300), logged=True)
    lower = SessionEdit(variant="standard", actual_seconds=100, status=SessionStatus.ENDED_EARLY)
    assert check_edit(logged, lower, NOW) is lower
    lowered = replace(logged, actual_seconds=100)
    more = SessionEdit(variant="standard", actual_seconds=290, status=SessionStatus.ENDED_EARLY)
    with _refused("actual_seconds"):
        check_edit(lowered, more, NOW)
    assert check_edit(lowered, more, NOW + timedelta(hours=1)) is more


def test_a_rest_crest_timed_is_never_corrected_past_what_its_timer_measured() -> None:
    ended = _session("interrupted", 170)
    assert most_rested_s(ended) == 170
    kept = SessionEdit(variant="somatic", actual_seconds=170, status=SessionStatus.ENDED_EARLY)
    assert check_edit(ended, kept, NOW + timedelta(hours=1)) is kept
    more = SessionEdit(variant="standard", actual_seconds=171, status=SessionStatus.ENDED_EARLY)
    with _refused("actual_seconds") as refused:
        check_edit(ended, more, NOW + timedelta(hours=1))
    assert str(refused.value) == (
        "actual_seconds: crest timed this rest at 2 min 50 s; a correction can shorten a timed rest, not add time its "
        "timer did not measure"
    )
    assert most_rested_s(replace(ended, logged=True)) == 300  # a logged one: its planned minutes


@pytest.mark.parametrize(
    ("check_in", "field"),
    [
        (CheckIn(at=NOW + timedelta(days=365 * 5), note="later"), "at"),
        (CheckIn(at=datetime(1, 1, 1, tzinfo=UTC), note="long ago"), "at"),
        (CheckIn(at=NOW), "pain"),
        (CheckIn(at=NOW, timing="after", pain=(PainRating("knee", 2, "left"),)), "session_id"),
    ],
)
def test_a_check_in_that_cannot_have_happened_is_refused(check_in: CheckIn, field: str) -> None:
    with _refused(field):
        check_new_check_in(check_in, NOW)


def test_a_possible_check_in_passes_as_it_is() -> None:
    check_in = CheckIn(at=NOW, timing="after", session_id=4, sensations=frozenset({"warmth"}))
    assert check_new_check_in(check_in, NOW) is check_in


def test_an_imported_session_has_possible_times() -> None:
    assert check_imported_session(_session("completed", 180), NOW)
    with _refused("actual_seconds"):
        check_imported_session(_session("completed", 300), NOW)  # 5 minutes rested 3 minutes after the start
    with _refused("started_at"):
        check_imported_session(
            PracticeSession(started_at=NOW + timedelta(days=30), planned_minutes=5, variant="standard"), NOW
        )


def test_an_imported_demo_may_hold_more_seconds_than_real_time_allows_but_not_more_than_it_planned() -> None:
    # A 5-minute demo on a fast clock, backed up 72 s after it started: a restore refused it.
    demo = replace(_session("completed", 300), started_at=NOW - timedelta(seconds=72), demo=True)
    assert check_imported_session(demo, NOW) is demo
    with _refused("actual_seconds"):
        check_imported_session(replace(demo, demo=False), NOW)  # a real session still rests in real time
    with _refused("actual_seconds"):
        check_imported_session(replace(demo, actual_seconds=301), NOW)  # the timer stops at the plan


def test_time_already_recorded_may_be_kept_whatever_the_clock() -> None:
    # a demo page that sped the session up, reloaded at real speed, ends it with the time it had saved
    sped = _session("running", 240)
    assert check_finish(sped, 240, SessionStatus.ENDED_EARLY, STARTED + timedelta(seconds=5)) == 240
    with _refused("elapsed_s"):
        check_finish(sped, 250, SessionStatus.ENDED_EARLY, STARTED + timedelta(seconds=5))


@pytest.mark.parametrize(
    "pain",
    [
        (PainRating("hip", 5, "both"), PainRating("hip", 3, "left")),
        (PainRating("foot", 1, "right"), PainRating("knee", 2, "left"), PainRating("foot", 2, "both")),
    ],
)
def test_a_new_check_in_never_rates_both_sides_and_one_side_of_a_place(pain: tuple[PainRating, ...]) -> None:
    # The left hip would have two scores at once, and Progress would draw it on two lines.
    with pytest.raises(ImpossibleRecord, match="is rated for both sides and for one side"):
        check_new_check_in(CheckIn(at=NOW, pain=pain), NOW)
    one_each = (PainRating("hip", 5, "right"), PainRating("hip", 3, "left"), PainRating("knee", 1, "both"))
    assert check_new_check_in(CheckIn(at=NOW, pain=one_each), NOW).pain == one_each
