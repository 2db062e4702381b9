"""Practice mode says where a warning sign came from: a check-in that named it (by its places or its note's words)
is a check-in's warning sign with its date, never "a safety answer that is a red flag" when every answer was no;
the client page marks that check-in, and the dashboard row shows the sign before the pain it came with."""

from __future__ import annotations

from crest.insights.alerts import AlertKind, AlertLevel
from crest.journal.records import CheckIn, PainRating
from crest.safety.screen import QUESTIONS
from support.practice import Practice

NO_TO_ALL = {question.id: False for question in QUESTIONS}
# named by its own words (`sign_words`), not by its help entry's title
SIGN = "warning sign in a check-in of 6 May 2026: numbness or a changed feeling in the saddle area, between the legs"
ALERT = SIGN.replace("warning sign", "warning sign (seek urgent care)")  # what it asks: every alert is critical
# under its check-in, whose line says the day, the sign says what it asks instead
BESIDE = "warning sign (seek urgent care): numbness or a changed feeling in the saddle area, between the legs"


def test_a_note_naming_saddle_numbness_is_a_check_ins_sign_not_a_red_flag_answer(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    zoe = practice.client(physio, "zoe@example.org", "Zoe")  # notes not shared
    services = practice.services_for(zoe.person_id)
    services.safety.record(NO_TO_ALL)
    practice.clock.advance(600)
    quiet = services.check_ins.add(CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 3, "centre"),)))
    practice.clock.advance(600)
    signed = services.check_ins.add(
        CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 8, "centre"),), note="numbness in the saddle area")
    )

    [row] = practice.practice.clients(physio)
    assert row.level is AlertLevel.CRITICAL
    assert (row.alerts[0].kind, row.alerts[0].text) == (AlertKind.WARNING_SIGNS, ALERT)
    assert AlertKind.RED_FLAG not in {alert.kind for alert in row.alerts}

    detail = practice.practice.client_detail(physio, zoe.account_id)
    assert [alert.kind for alert in detail.alerts] == [AlertKind.WARNING_SIGNS, AlertKind.SEVERE_PAIN]
    assert detail.alerts[0].text == ALERT
    assert detail.check_in_signs == {signed.id: (BESIDE,)}  # the quiet check-in carries none
    assert quiet.id not in detail.check_in_signs
    assert all(check_in.note is None for check_in in detail.check_ins)  # the note's words stay the client's


def test_a_yes_answer_is_still_a_red_flag_answer(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    practice.services_for(ann.person_id).safety.record(NO_TO_ALL | {"bladder_bowel_saddle": True})
    detail = practice.practice.client_detail(physio, ann.account_id)
    assert [alert.kind for alert in detail.alerts] == [AlertKind.RED_FLAG]
    assert detail.check_in_signs == {}


def test_a_sign_named_by_the_places_is_said_to_the_practitioner_in_the_third_person(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    services = practice.services_for(ann.person_id)
    numb = PainRating("buttock", 3, "left", quality="tingling")
    signed = services.check_ins.add(CheckIn(at=practice.clock(), pain=(numb,)))
    said = "warning sign in a check-in of 6 May 2026: tingling in the left buttock (saddle area)"
    beside = "warning sign (seek urgent care): tingling in the left buttock (saddle area)"

    [row] = practice.practice.clients(physio)
    assert row.alerts[0].text == said.replace("warning sign", "warning sign (seek urgent care)")
    detail = practice.practice.client_detail(physio, ann.account_id)
    assert detail.alerts[0].text == row.alerts[0].text and detail.check_in_signs == {signed.id: (beside,)}
    # The client is still spoken to.
    assert "Tingling in your left buttock (the saddle area)" in services.safety.standing().explanation()
