"""The session's edit form says what time rested it takes in one set of words, the same with and without its
script (the script reads them from the page): whole minutes, seconds from 0 to 59, at most what crest timed or, for
a logged session, what was planned. Without the script the form posts to the page, which saves through the same
service as the script's PUT, or shows the form again with those words and what was typed."""

import html
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from support.clock import FakeClock

TIMED = (
    "Time rested: give the minutes as a whole number and the seconds from 0 to 59. At most 4 min 35 s, the time "
    "crest timed: a correction can shorten a timed rest, not add to it."
)
LOGGED = (
    "Time rested: give the minutes as a whole number and the seconds from 0 to 59. At most 10 min, the time planned."
)


def _timed(client: TestClient, clock: FakeClock) -> int:
    """A 10-minute rest crest timed for 4 min 35 s."""
    session = client.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(300)
    client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 275, "status": "ended_early"})
    return int(session["id"])


def _logged(client: TestClient, clock: FakeClock) -> int:
    started = (clock() - timedelta(hours=2)).isoformat()
    return int(client.post("/api/sessions/logged", json={"started_at": started, "minutes": 10}).json()["id"])


def _form(page: str) -> dict[str, str]:
    """What the page's form sends as it stands (its hidden fields, the values shown, the status ticked)."""
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page))
    for name in ("rested_minutes", "rested_seconds"):
        found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page, re.S)
        assert found is not None
        fields[name] = found[1]
    status = re.search(r'name="status" value="(\w+)" checked', page)
    variant = re.search(r'<option value="(\w+)" selected>', page)
    assert status is not None and variant is not None
    return {key: html.unescape(value) for key, value in fields.items()} | {"status": status[1], "variant": variant[1]}


def _config(page: str) -> Any:
    found = re.search(r'<script type="application/json" id="session-edit-config">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found[1])


@pytest.mark.parametrize(
    ("minutes", "seconds"), [("3", "60"), ("1.5", "0"), ("-1", "0"), ("", "10"), ("4", "36"), ("5", "0"), ("٣", "0")]
)
def test_a_time_rested_the_form_does_not_take_is_refused_in_its_words(
    client: TestClient, clock: FakeClock, minutes: str, seconds: str
) -> None:
    session_id = _timed(client, clock)
    address = f"/session/edit?session_id={session_id}"
    shown = client.get(address).text
    assert _config(shown)["rested_refused"] == TIMED  # the script's words
    sent = _form(shown) | {"rested_minutes": minutes, "rested_seconds": seconds}
    refused = client.post(address, data=sent)
    assert refused.status_code == 422
    assert f'<p id="form-error" class="error-text" role="alert">{html.escape(TIMED)}</p>' in refused.text
    assert f'value="{html.escape(minutes)}" required aria-describedby="form-error" aria-invalid="true"' in refused.text
    assert client.get(f"/api/sessions/{session_id}").json()["actual_seconds"] == 275  # nothing was changed


def test_the_form_without_its_script_saves_and_returns_to_the_journal(client: TestClient, clock: FakeClock) -> None:
    session_id = _logged(client, clock)
    address = f"/session/edit?session_id={session_id}&page=2"
    shown = client.get(address).text
    assert _config(shown)["rested_refused"] == LOGGED
    assert '<p id="rested-hint" class="hint">At most 10 min, the time planned.</p>' in shown
    sent = _form(shown) | {"rested_minutes": "7", "rested_seconds": "05", "status": "ended_early"}
    saved = client.post(address, data=sent, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/journal?page=2"
    corrected = client.get(f"/api/sessions/{session_id}").json()
    assert (corrected["actual_seconds"], corrected["status"]) == (425, "ended_early")
    # the same form sent again from this older page: refused, as the script's save is, with what was typed kept
    again = client.post(address, data=sent | {"rested_minutes": "6"})
    assert again.status_code == 409 and "changed in another tab or window" in again.text
    assert 'value="6" required' in again.text
    late = client.post(address, data=_form(client.get(address).text) | {"status": "completed"})
    assert late.status_code == 409 and "Status: a session is completed once its 10 minutes are done" in late.text
