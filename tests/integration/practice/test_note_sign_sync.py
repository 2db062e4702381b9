"""The practice server takes in the warning sign a crest read in a note it does not share (SQLite and PostgreSQL):
through `receive_sync`, the practitioner's alert names it and the client's standing holds as long as at home; an
older crest's check-ins, without the field, still come in; a sign this server does not know refuses the batch."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC
from pathlib import Path

import pytest

from crest.accounts.model import Client
from crest.errors import CrestError
from crest.insights.alerts import AlertKind
from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal, RecordKind
from crest.safety.screen import QUESTIONS, AdviceLevel
from crest.services.bundle import Services
from support.journal_sync import sync_of
from support.practice import Practice

NO_TO_ALL = {question.id: False for question in QUESTIONS}
NOTE = "new numbness between my legs and trouble controlling my bladder since yesterday"


def _push(
    practice: Practice, client: Client, text: str, uids: Mapping[RecordKind, Mapping[int, str]]
) -> dict[str, int]:
    received, _deleted = practice.practice.receive_sync(client, None, text, uids, {})
    return received


def test_a_note_sign_syncs_without_the_note_and_holds_until_the_same_end(practice: Practice, tmp_path: Path) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    zoe = practice.client(physio, "zoe@example.org", "Zoe")  # notes not shared
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=practice.clock) as journal:
        local = Services.over(journal, practice.clock, UTC)
        local.safety.record(NO_TO_ALL)
        practice.clock.advance(600)
        local.check_ins.add(CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 8, "centre"),), note=NOTE))
        held = local.safety.standing()
        outgoing = sync_of(journal).outgoing()
        text, uids = outgoing.batch({"check_ins": [1], "safety_screens": [1]})
    assert NOTE not in text and '"note_sign": "warning_cauda_equina"' in text
    assert _push(practice, zoe, text, uids) == {"sessions": 0, "check_ins": 1, "safety_screens": 1, "psfs": 0}

    [row] = practice.practice.clients(physio)
    assert [alert.kind for alert in row.alerts][:2] == [AlertKind.WARNING_SIGNS, AlertKind.SEVERE_PAIN]
    on_server = practice.services_for(zoe.person_id)
    standing = on_server.safety.standing()
    assert held.level is AdviceLevel.URGENT
    assert (standing.level, standing.answer_again_from) == (held.level, held.answer_again_from)
    assert [check_in.note for check_in in on_server.check_ins.list_check_ins()] == [None]


def test_an_older_crests_check_ins_without_a_sign_still_come_in(practice: Practice, tmp_path: Path) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    zoe = practice.client(physio, "zoe@example.org", "Zoe")
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=practice.clock) as journal:
        journal.add_checkin(CheckIn(at=practice.clock(), pain=(PainRating("hip", 3, "left"),), note="fine"))
        text, uids = sync_of(journal).outgoing().batch({"check_ins": [1]})
    assert "note_sign" not in text  # as an older crest writes it
    assert _push(practice, zoe, text, uids)["check_ins"] == 1
    assert practice.services_for(zoe.person_id).safety.standing().check_in_reasons == ()

    unknown = text.replace('"note": null', '"note": null, "note_sign": "warning_from_a_newer_crest"')
    with pytest.raises(CrestError, match="unknown warning sign"):
        _push(practice, zoe, unknown, uids)
