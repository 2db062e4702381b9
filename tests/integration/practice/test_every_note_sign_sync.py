"""Every warning sign a check-in's note names reaches the practitioner, most urgent first, each once (SQLite and
PostgreSQL): a client who does not share notes writes of a fever and of bladder trouble, and the practice's alert,
the client's page, the clinician report and the FHIR export name both, where the server kept only the most urgent
(`note_sign`) and said "seek urgent care" without "see a clinician". The practice's JSON export keeps both through an
import. A batch as an older crest sends it (the most urgent alone) still comes in, and what crest sends a server
that has not said it reads every sign is that same older form."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC
from pathlib import Path

import pytest

from crest.accounts.model import Client
from crest.insights.alerts import AlertKind
from crest.journal.store import Journal, RecordKind
from crest.knowledge.sign_words import SIGN_WORDS
from crest.safety.screen import QUESTIONS
from crest.services.bundle import Services
from crest.services.checkins import entry_warning
from support.journal_sync import sync_of
from support.practice import Practice, crest_with_a_note, followed_zoe

NO_TO_ALL = {question.id: False for question in QUESTIONS}
NOTE = "I have a fever and chills, and trouble controlling my bladder since yesterday"
URGENT, CLINICIAN = "warning_cauda_equina", "warning_infection"  # the words name the fever first
# each named by its own words, the rules' that fired (`note_sign_rules`), as the person's own crest names them
URGENT_TITLE, CLINICIAN_TITLE = SIGN_WORDS["bladder_or_bowel_trouble"], SIGN_WORDS["fever_or_chills"]


@pytest.fixture
def local(practice: Practice, tmp_path: Path) -> Iterator[Journal]:
    """The client's own crest, with the check-in whose note names both signs."""
    with crest_with_a_note(practice, tmp_path, NOTE) as journal:
        yield journal


def _push(practice: Practice, client: Client, text: str, uids: Mapping[RecordKind, Mapping[int, str]]) -> None:
    practice.practice.receive_sync(client, None, text, uids, {})


def _in_order(text: str) -> bool:
    """Both signs named, the urgent one first (a title may begin a sentence or not)."""
    urgent, clinician, text = URGENT_TITLE.lower(), CLINICIAN_TITLE.lower(), text.lower()
    return urgent in text and clinician in text and text.index(urgent) < text.index(clinician)


def test_every_sign_reaches_the_alert_the_clients_page_the_report_and_the_fhir_export(
    practice: Practice, local: Journal
) -> None:
    physio, zoe = followed_zoe(practice)
    text, uids = sync_of(local, practice.clock).outgoing().batch({"check_ins": [1], "safety_screens": [1]})
    sent = json.loads(text)
    assert sent["version"] == 5 and NOTE not in text and sent["check_ins"][0]["note"] is None
    assert sent["check_ins"][0]["note_sign"] == URGENT  # as a server before every sign reads it
    assert sent["check_ins"][0]["note_signs"] == [URGENT, CLINICIAN]
    _push(practice, zoe, text, uids)

    [row] = practice.practice.clients(physio)
    [alert] = [alert for alert in row.alerts if alert.kind is AlertKind.WARNING_SIGNS]
    assert _in_order(alert.text)
    detail = practice.practice.client_detail(physio, row.client_id)
    [named] = detail.check_in_signs.values()
    assert _in_order("; ".join(named)) and len(named) == 2
    assert _in_order(" ".join(str(alert.text) for alert in detail.alerts))
    services, report = practice.practice.client_report(physio, row.client_id)
    assert _in_order(services.clinician_reports.html(report))
    bundle = json.loads(practice.practice.client_fhir(physio, row.client_id).text)
    flags = [
        entry["resource"]["code"]["text"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == "Flag"
    ]
    urgent, clinician = (flag for flag in flags if "check-in" in flag)  # each its own Flag, with its advice
    assert urgent.startswith("seek urgent care: ") and URGENT_TITLE.lower() in urgent
    assert clinician.startswith("see a clinician: ") and CLINICIAN_TITLE.lower() in clinician


def test_the_practices_json_export_keeps_every_sign_through_an_import(
    practice: Practice, local: Journal, tmp_path: Path
) -> None:
    _physio, zoe = followed_zoe(practice)
    _push(practice, zoe, *sync_of(local, practice.clock).outgoing().batch({"check_ins": [1], "safety_screens": [1]}))
    assert zoe.person_id is not None
    exported = practice.services_for(zoe.person_id).transfer.export_text("json")
    assert json.loads(exported)["version"] == 5

    with Journal.open(f"sqlite:///{tmp_path / 'restored.db'}", clock=practice.clock) as restored:
        services = Services.over(restored, practice.clock, UTC)
        services.transfer.import_data(exported.encode("utf-8"), "zoe.json")
        [check_in] = services.check_ins.list_check_ins()
        assert (check_in.note, check_in.note_signs) == (None, (URGENT, CLINICIAN))
        assert set(check_in.note_sign_rules) == {"bladder_or_bowel_trouble", "fever_or_chills"}  # which sign of each
        assert {reason.sign.title for reason in services.safety.standing().check_in_reasons} >= {
            URGENT_TITLE,
            CLINICIAN_TITLE,
        }
        again = json.loads(services.transfer.export_text("json"))
        assert again["version"] == 5 and again["check_ins"][0]["note_signs"] == [URGENT, CLINICIAN]


def test_an_older_crests_batch_with_the_most_urgent_sign_alone_still_comes_in(
    practice: Practice, local: Journal
) -> None:
    physio, zoe = followed_zoe(practice)
    older = sync_of(local, practice.clock).outgoing(every_sign=False, sign_rules=False)
    text, uids = older.batch({"check_ins": [1], "safety_screens": [1]})
    # What crest sends a server that has not said it reads every sign: the older form, which such a server reads
    sent = json.loads(text)
    assert "note_signs" not in text and sent["version"] == 1
    assert sent["check_ins"][0]["note_sign"] == URGENT
    _push(practice, zoe, text, uids)

    [row] = practice.practice.clients(physio)
    [alert] = [alert for alert in row.alerts if alert.kind is AlertKind.WARNING_SIGNS]
    # named by its entry, as before: an older crest says not which sign of it fired
    urgent_entry = entry_warning(URGENT).title.lower()
    assert urgent_entry in alert.text and CLINICIAN_TITLE.lower() not in alert.text
