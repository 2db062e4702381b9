"""Which sign of a help entry a check-in's note named reaches the practice (`note_sign_rules`, SQLite and PostgreSQL):
a client who does not share notes writes of night pain, and the practice's alert, the client's page and the clinician
report name night pain, where they named the help entry's title ("Back pain with a history of cancer, weight loss,
night pain or no improvement") as if the person had said all of it. A batch as an older crest sends it (the entry
alone) still comes in, and is named by the entry, as before."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crest.accounts.model import Practitioner
from crest.insights.alerts import AlertKind
from crest.journal.store import Journal
from crest.safety.screen import QUESTIONS
from crest.services.checkins import entry_warning
from support.journal_sync import sync_of
from support.practice import Practice, crest_with_a_note, followed_zoe

NO_TO_ALL = {question.id: False for question in QUESTIONS}
NOTE = "My back pain wakes me at night and changing position doesn't ease it"
NIGHT_PAIN = "pain at night that changing position does not ease"  # its own words (`sign_words`)
ENTRY_TITLE = entry_warning("warning_cancer").title.lower()


@pytest.fixture
def local(practice: Practice, tmp_path: Path) -> Iterator[Journal]:
    """The client's own crest, with the check-in whose note names night pain."""
    with crest_with_a_note(practice, tmp_path, NOTE) as journal:
        yield journal


def _named_at_the_practice(practice: Practice, physio: Practitioner) -> list[str]:
    """The alert, the client's page's sign beside its check-in, and the clinician report, lower-case."""
    [row] = practice.practice.clients(physio)
    [alert] = [alert for alert in row.alerts if alert.kind is AlertKind.WARNING_SIGNS]
    detail = practice.practice.client_detail(physio, row.client_id)
    [named] = detail.check_in_signs.values()
    services, report = practice.practice.client_report(physio, row.client_id)
    return [str(alert.text).lower(), "; ".join(named).lower(), services.clinician_reports.html(report).lower()]


def test_a_night_pain_note_is_named_by_night_pain_at_the_practice(practice: Practice, local: Journal) -> None:
    physio, zoe = followed_zoe(practice)
    text, uids = sync_of(local, practice.clock).outgoing().batch({"check_ins": [1], "safety_screens": [1]})
    sent = json.loads(text)
    assert "night" not in json.dumps(sent["check_ins"][0].get("note"))  # the words stay at home
    assert sent["version"] == 5 and sent["check_ins"][0]["note_sign_rules"] == ["night_pain"]
    practice.practice.receive_sync(zoe, None, text, uids, {})
    for shown in _named_at_the_practice(practice, physio):
        assert NIGHT_PAIN in shown and ENTRY_TITLE not in shown


def test_an_older_crests_batch_without_which_sign_is_named_by_its_entry(practice: Practice, local: Journal) -> None:
    physio, zoe = followed_zoe(practice)
    batch = sync_of(local, practice.clock).outgoing(sign_rules=False).batch({"check_ins": [1], "safety_screens": [1]})
    assert "note_sign_rules" not in batch[0] and json.loads(batch[0])["version"] == 1  # as an older crest sends it
    practice.practice.receive_sync(zoe, None, *batch, {})
    for shown in _named_at_the_practice(practice, physio):
        assert ENTRY_TITLE in shown and NIGHT_PAIN not in shown
