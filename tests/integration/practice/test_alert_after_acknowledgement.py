"""A record a linked crest syncs after the practitioner acknowledged an alert raises it again (a practice-mode
walk-through, H1): the client wrote a check-in naming saddle numbness, the practitioner acknowledged the fever alert
they could see three seconds later, and the check-in arrived after that. The alert counted from the check-in's own
time, before the acknowledgement, so the Clients list said "Alert: none" and the client's page "acknowledged by
you" of a sign nobody had seen. An alert now counts from when the practice learned of the record."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

from crest.accounts.model import Client, Practitioner
from crest.insights.alerts import AlertKind
from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal, RecordKind
from crest.safety.screen import QUESTIONS
from crest.services.bundle import Services
from support.practice import Practice

NO_TO_ALL = {question.id: False for question in QUESTIONS}


def _push(practice: Practice, client: Client, sent: tuple[str, Mapping[RecordKind, Mapping[int, str]]]) -> None:
    text, uids = sent
    practice.practice.receive_sync(client, None, text, uids, {})


@contextmanager
def _fay_at_home(
    practice: Practice, tmp_path: Path, answers: dict[str, bool]
) -> Iterator[tuple[Practitioner, Client, Services]]:
    """Fay, a client of Pat, with her own crest's journal, her safety answers given there."""
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    fay = practice.client(physio, "fay@example.org", "Fay")
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=practice.clock) as journal:
        local = Services.over(journal, practice.clock, UTC)
        local.safety.record(answers)
        practice.clock.advance(600)
        yield physio, fay, local


def test_a_sign_written_before_an_acknowledgement_and_synced_after_it_raises_the_alert_again(
    practice: Practice, tmp_path: Path
) -> None:
    with _fay_at_home(practice, tmp_path, NO_TO_ALL) as (physio, fay, local):
        fever = local.check_ins.add(
            CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 3, "centre"),), note="I have a fever")
        )
        _push(practice, fay, local.sync.outgoing().batch({"check_ins": [fever.id or 0], "safety_screens": [1]}))
        practice.clock.advance(60)
        saddle = local.check_ins.add(
            CheckIn(
                at=practice.clock(),
                pain=(PainRating("lower_back", 3, "centre"),),
                note="since yesterday I can't feel the saddle area",
            )
        )
        practice.clock.advance(5)
        [row] = practice.practice.clients(physio)
        assert [alert.kind for alert in row.alerts] == [AlertKind.WARNING_SIGNS]
        assert "saddle" not in row.alerts[0].text  # not synced yet
        practice.practice.acknowledge(physio, fay.account_id, AlertKind.WARNING_SIGNS.value)
        assert practice.practice.clients(physio)[0].alerts == ()
        practice.clock.advance(3)
        _push(practice, fay, local.sync.outgoing().batch({"check_ins": [saddle.id or 0]}))

    [row] = practice.practice.clients(physio)
    [alert] = row.alerts
    assert alert.kind is AlertKind.WARNING_SIGNS and "saddle" in alert.text, alert.text
    assert alert.learned_at == practice.clock()  # when it reached the practice, after the acknowledgement
    assert alert.since == saddle.at  # the check-in's own time, as the page says it
    detail = practice.practice.client_detail(physio, fay.account_id)
    assert AlertKind.WARNING_SIGNS in detail.open_kinds
    assert AlertKind.WARNING_SIGNS not in detail.acknowledged_at


def test_severe_pain_and_a_red_flag_answer_synced_after_an_acknowledgement_raise_theirs_again(
    practice: Practice, tmp_path: Path
) -> None:
    with _fay_at_home(practice, tmp_path, NO_TO_ALL | {"night_pain": True}) as (physio, fay, local):
        first = local.check_ins.add(CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 7, "centre"),)))
        _push(practice, fay, local.sync.outgoing().batch({"check_ins": [first.id or 0], "safety_screens": [1]}))
        practice.clock.advance(60)
        worse = local.check_ins.add(CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 10, "centre"),)))
        local.safety.record(NO_TO_ALL | {"night_pain": True, "weight_loss": True})
        practice.clock.advance(5)
        for kind in (AlertKind.SEVERE_PAIN, AlertKind.RED_FLAG):
            practice.practice.acknowledge(physio, fay.account_id, kind.value)
        assert practice.practice.clients(physio)[0].alerts == ()
        practice.clock.advance(3)
        _push(practice, fay, local.sync.outgoing().batch({"check_ins": [worse.id or 0], "safety_screens": [2]}))

    [row] = practice.practice.clients(physio)
    assert {alert.kind for alert in row.alerts} == {AlertKind.SEVERE_PAIN, AlertKind.RED_FLAG}
    [pain] = [alert for alert in row.alerts if alert.kind is AlertKind.SEVERE_PAIN]
    assert pain.text == "pain 10/10 at the lower back (centre)"
