"""An urgent-care warning sign, once raised, holds its full waiting time: deleting or correcting the check-in that
named it, deleting its session or deleting everything does not lift it; a "see a clinician" sign named by mistake is
lifted by correcting the check-in. A clinician's all-clear is never dated before the answer it clears."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, timedelta
from html import unescape
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import create_engine, text

from crest.cli.safety_cmd import show_standing
from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.journal.vocabulary import CheckInTiming, SessionStatus
from crest.services.bundle import Services
from crest.services.safety import ClearanceRefused
from support.clock import FakeClock
from support.safety_gate import NO_TO_ALL, NUMB_SADDLE, refused

DAY_S = 24 * 3600
NUMB_CALF = (PainRating("calf_and_shin", 2, "left", "tingling"),)


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def _safety_section(services: Services) -> str:
    html = services.clinician_reports.html(services.clinician_reports.build())
    start = html.index('id="r-safety"')
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)])).split())


def _urgent_check_in(services: Services, clock: FakeClock) -> CheckIn:
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=NUMB_SADDLE))
    clock.advance(60)
    assert refused(services)
    return saved


def test_deleting_the_check_in_does_not_lift_an_urgent_sign(
    services: Services, clock: FakeClock, journal: Journal
) -> None:
    saved = _urgent_check_in(services, clock)
    assert saved.id is not None
    services.check_ins.delete(saved.id)

    standing = services.safety.standing()
    assert standing.message.startswith("Please seek urgent medical care now") and refused(services)
    assert standing.answer_again_from == saved.at + timedelta(days=14)
    safety = _safety_section(services)
    assert "No warning sign stands" not in safety
    assert "Warning sign (seek urgent care) in a check-in of 1 May 2026: numbness in the groin on both sides" in safety

    clock.advance(13 * DAY_S)  # answers before the waiting time do not lift it
    services.safety.record(NO_TO_ALL)
    assert refused(services)
    clock.advance(DAY_S)  # fresh answers after it do, and the kept record goes
    services.safety.record(NO_TO_ALL)
    assert not refused(services)
    assert journal.safety_warnings() == []  # nothing of it is kept


def test_correcting_the_check_in_does_not_lift_an_urgent_sign(services: Services, clock: FakeClock) -> None:
    saved = _urgent_check_in(services, clock)
    assert saved.id is not None
    services.check_ins.replace(saved.id, replace(saved, pain=(PainRating("lower_back", 2),)))
    assert refused(services)
    # moved earlier and naming the sign again, it still holds from when it was first raised, and is listed once
    services.check_ins.replace(saved.id, replace(saved, at=saved.at - timedelta(days=10)))
    standing = services.safety.standing()
    assert refused(services) and standing.answer_again_from == saved.at + timedelta(days=14)
    assert len(standing.standing_check_in_reasons) == 1


def test_deleting_the_session_does_not_lift_an_urgent_sign(services: Services, clock: FakeClock) -> None:
    services.safety.record(NO_TO_ALL)
    session = services.practice.start(5, "standard")
    assert session.id is not None
    clock.advance(300)
    services.practice.finish(session.id, 300, SessionStatus.COMPLETED)
    after = CheckIn(at=clock(), pain=NUMB_SADDLE, session_id=session.id, timing=CheckInTiming.AFTER)
    services.check_ins.add(after)
    services.practice.delete(session.id)
    assert refused(services)


def test_deleting_a_see_a_clinician_check_in_made_by_mistake_lifts_it(services: Services, clock: FakeClock) -> None:
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=NUMB_CALF))
    assert saved.id is not None and refused(services)
    services.check_ins.delete(saved.id)
    assert not refused(services)
    assert "No warning sign stands" in _safety_section(services)


def test_deleting_everything_keeps_a_standing_urgent_hold_and_nothing_else(
    services: Services, clock: FakeClock, journal: Journal, journal_url: str
) -> None:
    saved = _urgent_check_in(services, clock)
    end = saved.at + timedelta(days=14)
    assert services.transfer.urgent_hold_until() == end

    assert services.transfer.delete_everything() == end
    assert services.check_ins.list_check_ins() == [] and services.safety.standing().latest is None
    assert refused(services) and services.safety.standing().answer_again_from == end
    engine = create_engine(journal_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT question_id, level, raised_at, check_in_id, title, named FROM safety_warnings")
            ).all()
    finally:
        engine.dispose()
    # the sign's own words stay (what the person was told), not when or which check-in
    assert rows == [
        (
            "bladder_bowel_saddle",
            "urgent",
            None,
            None,
            "Numbness in your groin on both sides (the saddle area)",
            "Numbness in the groin on both sides (saddle area)",
        )
    ]
    if journal_url.startswith("sqlite"):  # the journal file, where the hold is kept, is its owner's only
        assert stat.S_IMODE(Path(journal_url.removeprefix("sqlite:///")).stat().st_mode) == 0o600
    assert "kept when the data was deleted" in _safety_section(services)

    clock.now = end  # the hold has ended: the questions come first again, and the record goes
    assert not services.safety.standing().concern_stands
    assert journal.safety_warnings() == []  # nothing of it is kept


def test_an_urgent_answer_kept_through_deleting_everything_points_to_no_check_in_in_the_terminal(
    services: Services, clock: FakeClock
) -> None:
    # It said "Deleting or correcting that check-in does not lift this", though the sign came from an answer.
    services.safety.record(NO_TO_ALL | {"bladder_bowel_saddle": True})
    services.transfer.delete_everything()
    console = Console(record=True, width=300)
    show_standing(console, services.safety.standing(), clock(), UTC)
    shown = " ".join(console.export_text().split())
    assert "Kept when you deleted your data: Since your back pain started" in shown
    assert "Deleting your data did not lift this urgent-care warning; it holds until its time is up." in shown
    assert "check-in" not in shown


def test_a_clearance_dated_before_the_answer_it_clears_isrefused(services: Services, clock: FakeClock) -> None:
    services.safety.record(NO_TO_ALL | {"cancer_history": True})
    with pytest.raises(ClearanceRefused, match=r"2026-04-30, is before the answer it clears \(2026-05-01\)"):
        services.safety.record_clearance("Dr A", date(2026, 4, 30))
    assert services.safety.clearances() == [] and refused(services)
    services.safety.record_clearance("Dr A", date(2026, 5, 1))
    assert not refused(services)


def test_a_kept_sign_is_never_shown_beside_a_later_check_in_that_takes_its_deleted_id(
    services: Services, clock: FakeClock, journal: Journal
) -> None:
    """SQLite gives the newest deleted id to the next check-in: a kept warning still naming that id would put the
    sign beside a calm check-in that never named it."""
    saved = _urgent_check_in(services, clock)
    assert saved.id is not None
    services.check_ins.delete(saved.id)
    calm = services.check_ins.add(CheckIn(at=clock(), pain=(PainRating("lower_back", 2),)))
    assert [warning.check_in_id for warning in journal.safety_warnings()] == [None]
    signs = [reason.sign for reason in services.safety.standing().check_in_reasons]
    assert [sign.check_in_id for sign in signs] != [calm.id] and len(signs) == 1 and signs[0].kept
    assert refused(services)  # the hold stands all the same


def test_deleting_the_session_keeps_its_check_in_and_the_sign_it_names(
    services: Services, clock: FakeClock, journal: Journal
) -> None:
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    session = services.practice.log(clock() - timedelta(minutes=10), 10, "standard")
    clock.advance(60)
    saved = services.check_ins.add(
        CheckIn(at=clock(), pain=NUMB_SADDLE, session_id=session.id, timing=CheckInTiming.AFTER)
    )
    assert session.id is not None
    services.practice.delete(session.id)
    assert journal.safety_warnings() == []  # nothing to keep apart: the check-in is still there, on its own
    [reason] = services.safety.standing().check_in_reasons
    assert (reason.sign.check_in_id, reason.sign.kept) == (saved.id, False)
    assert refused(services)


def test_an_urgent_sign_told_late_holds_its_whole_time_from_when_it_was_told(
    services: Services, clock: FakeClock
) -> None:
    """Logged three weeks after it happened, a bladder change was told "get urgent care now" and the next session
    started at once: the two weeks counted from the day it told of were over before they began."""
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    told = clock()
    services.check_ins.add(CheckIn(at=told - timedelta(days=21), note="I can't pee properly"))
    assert refused(services)
    assert services.safety.standing().answer_again_from == told + timedelta(days=14)
    assert "No warning sign stands" not in _safety_section(services)
    clock.advance(13 * DAY_S)
    services.safety.record(NO_TO_ALL)
    assert refused(services)
    clock.advance(DAY_S)
    services.safety.record(NO_TO_ALL)
    assert not refused(services)


def test_an_old_check_in_corrected_to_name_an_urgent_sign_holds_from_the_correction(
    services: Services, clock: FakeClock
) -> None:
    services.safety.record(NO_TO_ALL)
    old = services.check_ins.add(CheckIn(at=clock() - timedelta(days=30), pain=(PainRating("lower_back", 3),)))
    assert old.id is not None and not refused(services)
    clock.advance(60)
    services.check_ins.replace(old.id, replace(old, pain=NUMB_SADDLE))
    assert refused(services)
    assert services.safety.standing().answer_again_from == clock() + timedelta(days=14)


def test_the_report_names_a_warning_sign_of_its_period_that_no_longer_stands(
    services: Services, clock: FakeClock, journal: Journal
) -> None:
    """Its hold over and the questions answered again, a sign vanished from the report: "No warning sign stands ...
    every answer was no" over a period whose check-ins had named urgent signs."""
    services.safety.record(NO_TO_ALL)
    journal.add_checkin(CheckIn(at=clock(), pain=NUMB_SADDLE))  # told at the time
    clock.advance(15 * DAY_S)
    services.safety.record(NO_TO_ALL)
    assert not refused(services)
    safety = _safety_section(services)
    assert "No warning sign stands" in safety
    assert "Named earlier in this period, and no longer standing" in safety
    assert "Warning sign (seek urgent care) in a check-in of 1 May 2026: numbness in the groin on both sides" in safety
