"""An edit opened on an older Journal page returns there (Save and Cancel alike), with "Saved" after a check-in,
so the corrected entry stays in sight; one opened on the first page returns to the first page, as before. Check-ins
and sessions alike."""

import json
import re
from typing import Any

from fastapi.testclient import TestClient

from support.clock import FakeClock


def _config(page: str, name: str = "checkin-config") -> Any:
    found = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found[1])


def _edit_opened_on_page_2(client: TestClient, edit: str) -> str:
    """The edit page as its link on Journal page 2 opens it; its Cancel returns to page 2."""
    linked = edit.replace("&", "&amp;") + "&amp;page=2"
    assert linked in client.get("/journal", params={"page": 2}).text
    form = client.get(f"{edit}&page=2").text
    assert 'href="/journal?page=2">Cancel' in form
    assert client.get(f"{edit}&page=0").status_code == 422
    return form


def test_an_edit_from_journal_page_2_returns_to_page_2(client: TestClient, clock: FakeClock) -> None:
    for score in range(51):  # 50 a page: the oldest is on page 2
        client.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": score % 11}]})
        clock.advance(60)
    oldest = client.get("/api/checkins").json()[-1]["id"]
    form = _edit_opened_on_page_2(client, f"/checkin?checkin_id={oldest}")
    assert _config(form)["journal_url"] == "/journal?page=2&saved=check-in"  # where the script goes after Save
    first = client.get("/journal").text
    [newest_edit] = re.findall(r'href="(/checkin\?checkin_id=\d+[^"]*)"', first)[:1]
    assert "page=" not in newest_edit
    assert _config(client.get(newest_edit).text)["journal_url"] == "/journal?saved=check-in"


def test_a_session_edited_from_journal_page_2_returns_to_page_2(client: TestClient) -> None:
    logged = client.post("/api/sessions/logged", json={"started_at": "2026-05-01T08:00:00Z", "minutes": 10}).json()
    for score in range(50):  # 50 newer check-ins fill the first page: the session is on page 2
        client.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": score % 11}]})
    form = _edit_opened_on_page_2(client, f"/session/edit?session_id={logged['id']}")
    assert _config(form, "session-edit-config")["journal_url"] == "/journal?page=2"  # where Save goes
    # opened from the first page (or typed), it returns to the first page, as before
    first = client.get("/session/edit", params={"session_id": logged["id"]}).text
    assert _config(first, "session-edit-config")["journal_url"] == "/journal"
    assert 'href="/journal">Cancel' in first
