"""A red-flag answer the practitioner acknowledged stays acknowledged when the client answers the safety questions
again all "no" within its waiting time (practice walk-through L6): the alert took the time of the latest answers,
so each fresh "no to all" raised it again as if new, and over-alerting trains practitioners to ignore alerts. Now
the alert is the "yes" that stands, dated when it was said: a new "yes" (to the same question or another) raises it
again, as does a new warning sign in a check-in; answers all "no" never raise one. On the Clients list and the
client's page alike, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

from crest.accounts.model import Client, Practitioner
from crest.insights.alerts import AlertKind
from crest.journal.records import CheckIn
from crest.safety.screen import QUESTIONS, AdviceLevel
from support.practice import Practice, followed_zoe

NO_TO_ALL = {question.id: False for question in QUESTIONS}
URGENT = [question for question in QUESTIONS if question.level is AdviceLevel.URGENT]
HOUR = 3600


def _open(practice: Practice, physio: Practitioner, zoe: Client) -> tuple[set[AlertKind], set[AlertKind]]:
    """The alerts open (not acknowledged) on Zoe's row of the Clients list, and on her page."""
    [row] = practice.practice.clients(physio)
    detail = practice.practice.client_detail(physio, zoe.account_id)
    return {alert.kind for alert in row.alerts}, set(detail.open_kinds)


def _red_flag_since(practice: Practice, physio: Practitioner, zoe: Client) -> datetime:
    [row] = practice.practice.clients(physio)
    return next(alert.since for alert in (*row.alerts, *row.acknowledged) if alert.kind is AlertKind.RED_FLAG)


def test_answers_all_no_leave_an_acknowledged_red_flag_acknowledged(practice: Practice) -> None:
    physio, zoe = followed_zoe(practice)
    safety = practice.services_for(zoe.person_id).safety
    safety.record(NO_TO_ALL | {URGENT[0].id: True})
    said = practice.clock()
    practice.clock.advance(HOUR)
    practice.practice.acknowledge(physio, zoe.account_id, AlertKind.RED_FLAG.value)
    for _ in range(3):  # a day later, and again: all "no", while urgent care still stands for her
        practice.clock.advance(24 * HOUR)
        assert safety.record(NO_TO_ALL).concern_stands
        assert _open(practice, physio, zoe) == (set(), set())
    [row] = practice.practice.clients(physio)
    assert [alert.kind for alert in row.acknowledged] == [AlertKind.RED_FLAG]  # still named, as acknowledged
    assert _red_flag_since(practice, physio, zoe) == said  # when the "yes" was said, not the latest answers


def test_a_new_yes_raises_an_acknowledged_red_flag_again(practice: Practice) -> None:
    physio, zoe = followed_zoe(practice)
    safety = practice.services_for(zoe.person_id).safety
    safety.record(NO_TO_ALL | {URGENT[0].id: True})
    practice.clock.advance(HOUR)
    practice.practice.acknowledge(physio, zoe.account_id, AlertKind.RED_FLAG.value)
    practice.clock.advance(24 * HOUR)
    safety.record(NO_TO_ALL | {URGENT[1].id: True})  # another urgent sign, said now
    assert _open(practice, physio, zoe) == ({AlertKind.RED_FLAG}, {AlertKind.RED_FLAG})
    assert _red_flag_since(practice, physio, zoe) == practice.clock()

    practice.clock.advance(HOUR)
    practice.practice.acknowledge(physio, zoe.account_id, AlertKind.RED_FLAG.value)
    practice.clock.advance(24 * HOUR)
    safety.record(NO_TO_ALL | {URGENT[0].id: True})  # the first "yes" said again: new, so raised again
    assert _open(practice, physio, zoe) == ({AlertKind.RED_FLAG}, {AlertKind.RED_FLAG})


def test_a_new_warning_sign_in_a_check_in_still_alerts_after_the_red_flag_was_acknowledged(
    practice: Practice,
) -> None:
    physio, zoe = followed_zoe(practice)
    services = practice.services_for(zoe.person_id)
    services.safety.record(NO_TO_ALL | {URGENT[0].id: True})
    practice.clock.advance(HOUR)
    practice.practice.acknowledge(physio, zoe.account_id, AlertKind.RED_FLAG.value)
    practice.clock.advance(HOUR)
    services.safety.record(NO_TO_ALL)
    services.check_ins.add(CheckIn(at=practice.clock(), note="new numbness in both legs since this morning"))
    row_kinds, page_kinds = _open(practice, physio, zoe)
    assert AlertKind.WARNING_SIGNS in row_kinds and AlertKind.WARNING_SIGNS in page_kinds
    assert AlertKind.RED_FLAG not in row_kinds | page_kinds


def test_answers_all_no_raise_no_alert(practice: Practice) -> None:
    physio, zoe = followed_zoe(practice)
    practice.services_for(zoe.person_id).safety.record(NO_TO_ALL)
    assert _open(practice, physio, zoe) == (set(), set())
