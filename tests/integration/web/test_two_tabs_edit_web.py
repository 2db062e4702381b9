"""Two tabs editing the same check-in, or the same session: the older tab's save is refused (409, one clear line)
instead of silently undoing the correction saved from the newer one; reloaded, it saves. A client that sends no
fingerprint saves as before."""

import json
import re
from typing import Any

from fastapi.testclient import TestClient

ENDED_EARLY_7_MIN = {"variant": "standard", "actual_seconds": 420, "status": "ended_early"}
SUPPORTED_10_MIN = {"variant": "supported", "actual_seconds": 600, "status": "completed"}


def _update_url(client: TestClient, check_in_id: int) -> Any:
    """Where a tab opened now on the check-in's edit page sends its save."""
    return _opened(client, "/checkin", {"checkin_id": check_in_id}, "checkin-config")


def _session_update_url(client: TestClient, session_id: int) -> Any:
    return _opened(client, "/session/edit", {"session_id": session_id}, "session-edit-config")


def _opened(client: TestClient, path: str, params: dict[str, int], config: str) -> Any:
    page = client.get(path, params=params).text
    found = re.search(rf'<script type="application/json" id="{config}">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found[1])["update_url"]


def _changed_elsewhere(noun: str) -> str:
    return (
        f"this {noun} was changed in another tab or window since this page was opened; nothing was changed here: "
        "reload the page to see it as it is now, then make your change again"
    )


def test_the_older_tab_cannot_undo_the_newer_tabs_correction(client: TestClient) -> None:
    created = client.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 3}]}).json()
    first_tab, second_tab = _update_url(client, created["id"]), _update_url(client, created["id"])
    assert "loaded=" in first_tab

    corrected = client.put(first_tab, json={"pain": [{"region": "lower_back", "score": 5}]})
    assert corrected.status_code == 200, corrected.text
    stale = client.put(second_tab, json={"pain": [{"region": "lower_back", "score": 3}], "note": "a note"})
    assert stale.status_code == 409
    assert stale.json()["detail"] == _changed_elsewhere("check-in")
    kept = client.get(f"/api/checkins/{created['id']}").json()
    assert (kept["pain"][0]["score"], kept["note"]) == (5, None)  # the correction stands

    reloaded = client.put(
        _update_url(client, created["id"]), json={"pain": [{"region": "lower_back", "score": 5}], "note": "a note"}
    )
    assert reloaded.status_code == 200 and reloaded.json()["note"] == "a note"
    # a client that sends no fingerprint replaces the check-in as it always has
    plain = client.put(f"/api/checkins/{created['id']}", json={"pain": [{"region": "lower_back", "score": 4}]})
    assert plain.status_code == 200


def test_the_older_tab_cannot_undo_the_newer_tabs_session_correction(client: TestClient) -> None:
    logged = client.post("/api/sessions/logged", json={"started_at": "2026-05-06T08:00:00Z", "minutes": 10}).json()
    first_tab, second_tab = _session_update_url(client, logged["id"]), _session_update_url(client, logged["id"])
    assert "loaded=" in first_tab

    assert client.put(first_tab, json=ENDED_EARLY_7_MIN).status_code == 200
    stale = client.put(second_tab, json=SUPPORTED_10_MIN)
    assert stale.status_code == 409
    assert stale.json()["detail"] == _changed_elsewhere("session")
    kept = client.get(f"/api/sessions/{logged['id']}").json()
    assert (kept["variant"], kept["actual_seconds"], kept["status"]) == ("standard", 420, "ended_early")

    reloaded = client.put(_session_update_url(client, logged["id"]), json=SUPPORTED_10_MIN)
    assert reloaded.status_code == 200 and reloaded.json()["variant"] == "supported"
    # a client that sends no fingerprint corrects the session as it always has
    assert client.put(f"/api/sessions/{logged['id']}", json=ENDED_EARLY_7_MIN).status_code == 200
