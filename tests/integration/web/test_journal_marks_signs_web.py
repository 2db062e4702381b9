"""The Journal marks the check-in behind a warning sign that stands (journal walk-through M4): Today says 'correct or
delete it in the Journal', where its row looked like every other."""

import re
from html import unescape

from fastapi.testclient import TestClient


def _row(page: str, row_id: str) -> str:
    found = re.search(rf'<tr id="{row_id}".*?</tr>', page, flags=re.S)
    assert found is not None, row_id
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group())).split())


def test_the_check_in_that_holds_the_sign_is_marked_with_what_it_asks(cleared: TestClient) -> None:
    plain = cleared.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 3}]}).json()
    signed = cleared.post("/api/checkins", json={"note": "I fell off a ladder yesterday and hurt my back"}).json()
    page = cleared.get("/journal").text
    assert "Warning sign (see a clinician):" in _row(page, f"checkin-{signed['id']}")
    assert "Warning sign" not in _row(page, f"checkin-{plain['id']}")
    # corrected, the sign no longer stands, and the mark goes with it
    fixed = cleared.put(f"/api/checkins/{signed['id']}", json={"note": "hurt my back lifting a box"})
    assert fixed.status_code == 200, fixed.text
    assert "Warning sign" not in _row(cleared.get("/journal").text, f"checkin-{signed['id']}")
