"""On the Clients list, "who needs attention first", a client told to seek urgent care comes first among the critical
ones (practice walk-through at 30 clients): a red-flag answer asking for urgent care, or an urgent-care sign in a
check-in, sorted by name among clients whose alert was a pain of 7/10, fell a long way down a long list. A sign
that asks to see a clinician sorts by name with the rest, and an acknowledged one leaves the top as before."""

from __future__ import annotations

from crest.insights.alerts import AlertKind
from crest.journal.records import CheckIn, PainRating
from crest.safety.screen import QUESTIONS, AdviceLevel
from support.practice import Practice

NO_TO_ALL = {question.id: False for question in QUESTIONS}
URGENT = next(question for question in QUESTIONS if question.level is AdviceLevel.URGENT)
CLINICIAN = next(question for question in QUESTIONS if question.level is AdviceLevel.SEE_CLINICIAN)


def test_urgent_care_comes_first_among_the_critical(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    clients = {
        name: practice.client(physio, f"{name.lower()}@example.org", name) for name in ("Amy", "Bea", "Zoe", "Yan")
    }
    for name in ("Amy", "Bea"):  # a severe pain, critical
        practice.services_for(clients[name].person_id).check_ins.add(
            CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 8, "centre"),))
        )
    practice.services_for(clients["Yan"].person_id).safety.record(NO_TO_ALL | {CLINICIAN.id: True})
    practice.services_for(clients["Zoe"].person_id).safety.record(NO_TO_ALL | {URGENT.id: True})
    practice.clock.advance(60)
    assert [row.name for row in practice.practice.clients(physio)] == ["Zoe", "Amy", "Bea", "Yan"]

    practice.practice.acknowledge(physio, clients["Zoe"].account_id, AlertKind.RED_FLAG.value)
    practice.clock.advance(60)
    assert [row.name for row in practice.practice.clients(physio)] == ["Amy", "Bea", "Yan", "Zoe"]
