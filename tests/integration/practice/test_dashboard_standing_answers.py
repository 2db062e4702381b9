"""The Clients list raises a red-flag answer for as long as it stands, as the client's page does (walk_practice H1):
a client answered "yes" to bladder or bowel trouble, then, minutes later, "no" to every question. Her own crest
still told her to seek urgent care and started no session, her practitioner's page for her said "critical: a safety
answer that is a red flag", but the Clients list read only her latest answers and showed her with no alert, last
in "who needs attention first". A clinician's all-clear, which the page honoured, left the list's alert standing."""

from __future__ import annotations

from crest.accounts.model import Client, Practitioner
from crest.insights.alerts import AlertKind
from crest.safety.screen import ANSWER_AGAIN_AFTER, QUESTIONS, AdviceLevel
from support.practice import Practice, followed_zoe

NO_TO_ALL = {question.id: False for question in QUESTIONS}


def _red_flag(practice: Practice, physio: Practitioner, zoe: Client) -> tuple[bool, bool]:
    """Whether Zoe's row in the Clients list raises a red-flag answer, and whether her page does."""
    [row] = practice.practice.clients(physio)
    detail = practice.practice.client_detail(physio, zoe.account_id)
    row_kinds, page_kinds = ({alert.kind for alert in alerts} for alerts in (row.alerts, detail.alerts))
    return AlertKind.RED_FLAG in row_kinds, AlertKind.RED_FLAG in page_kinds


def test_an_urgent_answer_stands_in_the_clients_list_after_a_later_no_to_all(practice: Practice) -> None:
    physio, zoe = followed_zoe(practice)
    safety = practice.services_for(zoe.person_id).safety
    urgent = next(question for question in QUESTIONS if question.level is AdviceLevel.URGENT)
    safety.record(NO_TO_ALL | {urgent.id: True})
    practice.clock.advance(600)
    assert safety.record(NO_TO_ALL).concern_stands  # her crest holds the advice: nothing lifts it for 14 days
    assert _red_flag(practice, physio, zoe) == (True, True)

    practice.clock.advance(ANSWER_AGAIN_AFTER[AdviceLevel.URGENT].total_seconds())
    assert not safety.record(NO_TO_ALL).concern_stands  # fresh answers after its waiting time lift it, for both
    assert _red_flag(practice, physio, zoe) == (False, False)


def test_a_clinicians_all_clear_lifts_the_alert_in_the_clients_list_as_on_the_page(practice: Practice) -> None:
    physio, zoe = followed_zoe(practice)
    safety = practice.services_for(zoe.person_id).safety
    see_clinician = next(question for question in QUESTIONS if question.level is AdviceLevel.SEE_CLINICIAN)
    safety.record(NO_TO_ALL | {see_clinician.id: True})
    assert _red_flag(practice, physio, zoe) == (True, True)
    practice.clock.advance(3600)
    assert not safety.record_clearance("Dr Ames, physiotherapist", practice.clock().date()).concern_stands
    practice.clock.advance(60)
    assert _red_flag(practice, physio, zoe) == (False, False)
