"""The browser's Log a session form starts with the prescribed rest, as `crest log-session` does. Walked (s45
walk_rx L2): prescribed 20 minutes of the supported variant, the form offered Standard, 15 minutes."""

import re
from datetime import UTC, date, datetime

from fastapi.testclient import TestClient

from crest.accounts.records import Prescription
from crest.journal.store import Journal


def test_the_log_form_offers_the_prescribed_rest(client: TestClient) -> None:
    with Journal.open() as journal:
        dose = Prescription("supported", 20, 1, 7, date(2020, 1, 1), prescribed_by="Pat Physio")
        journal.keep_pulled_prescription(dose, datetime(2020, 1, 1, tzinfo=UTC))
    page = client.get("/session/log").text
    assert re.findall(r'name="variant" value="(\w+)" checked', page) == ["supported"]
    minutes = re.search(r'<input id="minutes" name="minutes"[^>]*value="(\d+)"', page)
    assert minutes is not None and minutes.group(1) == "20"
