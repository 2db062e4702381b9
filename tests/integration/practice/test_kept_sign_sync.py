"""An urgent-care sign holds on at home when its check-in is deleted or corrected (`Safety.keep_urgent_warnings`);
the practice server, told of the deletion or the correction by a sync, keeps it the same way, so the practice never
lifts a hold that the person's own crest keeps, and the practitioner's warning-sign alert stays."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC
from pathlib import Path

import pytest

from crest.accounts.model import Client
from crest.insights.alerts import AlertKind
from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal, RecordKind
from crest.safety.screen import QUESTIONS, AdviceLevel
from crest.services.bundle import Services
from support.practice import Practice

NO_TO_ALL = {question.id: False for question in QUESTIONS}


def _push(
    practice: Practice,
    client: Client,
    sent: tuple[str, Mapping[RecordKind, Mapping[int, str]]],
    deleted: Mapping[RecordKind, list[str]],
) -> None:
    text, uids = sent
    practice.practice.receive_sync(client, None, text, uids, deleted)


@pytest.mark.parametrize("change", ["deleted", "corrected"])
def test_the_server_keeps_an_urgent_sign_whose_check_in_was_deleted_or_corrected_at_home(
    practice: Practice, tmp_path: Path, change: str
) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    zoe = practice.client(physio, "zoe@example.org", "Zoe")
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=practice.clock) as journal:
        local = Services.over(journal, practice.clock, UTC)
        local.safety.record(NO_TO_ALL)
        practice.clock.advance(600)
        both_legs = CheckIn(at=practice.clock(), pain=(PainRating("calf_and_shin", 4, "both"),))
        check_in = local.check_ins.add(both_legs)
        check_in_id = check_in.id or 0
        _push(practice, zoe, local.sync.outgoing().batch({"check_ins": [check_in_id], "safety_screens": [1]}), {})
        on_server = practice.services_for(zoe.person_id)
        assert on_server.safety.standing().level is AdviceLevel.URGENT

        uid = local.sync.outgoing().uids["check_ins"][check_in_id]
        if change == "deleted":
            local.check_ins.delete(check_in_id)
            _push(practice, zoe, local.sync.outgoing().batch({}), {"check_ins": [uid]})
        else:
            local.check_ins.replace(check_in_id, replace(both_legs, pain=(PainRating("calf_and_shin", 4, "left"),)))
            _push(practice, zoe, local.sync.outgoing().batch({"check_ins": [check_in_id]}), {})
        at_home = local.safety.standing()

    standing = on_server.safety.standing()
    assert at_home.level is AdviceLevel.URGENT
    assert (standing.level, standing.answer_again_from) == (at_home.level, at_home.answer_again_from)
    kept = [check_in.pain for check_in in on_server.check_ins.list_check_ins()]
    assert kept == ([] if change == "deleted" else [(PainRating("calf_and_shin", 4, "left"),)])
    [row] = practice.practice.clients(physio)
    detail = practice.practice.client_detail(physio, zoe.account_id)
    for alerts in (row.alerts, detail.alerts):
        [sign] = [alert for alert in alerts if alert.kind is AlertKind.WARNING_SIGNS]
        assert "pain below the knee in both legs" in sign.text.lower(), sign.text


def test_the_client_page_lists_every_standing_sign_and_the_alert_names_the_earlier_urgent_one(
    practice: Practice, tmp_path: Path
) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    zoe = practice.client(physio, "zoe@example.org", "Zoe")
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=practice.clock) as journal:
        local = Services.over(journal, practice.clock, UTC)
        local.safety.record(NO_TO_ALL)
        practice.clock.advance(600)
        both_legs = CheckIn(at=practice.clock(), pain=(PainRating("calf_and_shin", 4, "both"),))
        first = local.check_ins.add(both_legs).id or 0
        _push(practice, zoe, local.sync.outgoing().batch({"check_ins": [first], "safety_screens": [1]}), {})
        local.check_ins.replace(first, replace(both_legs, pain=(PainRating("calf_and_shin", 4, "left"),)))
        practice.clock.advance(86_400)
        saddle = CheckIn(at=practice.clock(), pain=(PainRating("hip", 2, "left"),), note="numb saddle area")
        second = local.check_ins.add(saddle).id or 0
        _push(practice, zoe, local.sync.outgoing().batch({"check_ins": [first, second]}), {})

    detail = practice.practice.client_detail(physio, zoe.account_id)
    assert detail.safety is not None
    listed = " | ".join(sign for sign, _source in detail.safety.named_in_check_ins).lower()
    assert "pain below the knee in both legs" in listed  # kept from the corrected check-in
    assert "numb" in listed or "saddle" in listed, listed
    [alert] = [alert for alert in detail.alerts if alert.kind is AlertKind.WARNING_SIGNS]
    # the earlier check-in's urgent-care sign is named too, never counted among "other signs"
    assert alert.text.count("(seek urgent care)") == 2 and "other sign" not in alert.text, alert.text
