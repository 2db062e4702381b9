"""The Session page (the navigation's Session, no length or variant chosen) starts with the prescription in force, as
Today and `crest session` do. Walked (s45 walk_rx M1): prescribed 20 minutes of the supported variant, the page said
"Session · Standard, 15 minutes"."""

import re
from datetime import UTC, date, datetime

from fastapi.testclient import TestClient

from crest.accounts.records import Prescription
from crest.journal.store import Journal


def _heading(page: str) -> str:
    found = re.search(r"<h1>(.*?)</h1>", page)
    assert found is not None
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_the_session_page_takes_the_prescribed_dose_unless_another_is_chosen(client: TestClient) -> None:
    with Journal.open() as journal:
        dose = Prescription("supported", 20, 2, 5, date(2020, 1, 1), prescribed_by="Pat Physio")
        journal.keep_pulled_prescription(dose, datetime(2020, 1, 1, tzinfo=UTC))
    assert _heading(client.get("/session").text) == "Session · Supported (90-90), 20 minutes"
    chosen = client.get("/session?minutes=10&variant=standard").text
    assert _heading(chosen) == "Session · Standard, 10 minutes"  # the person may still choose
