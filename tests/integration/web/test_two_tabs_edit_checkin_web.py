"""Two tabs editing the same check-in: the older tab's save is refused (409, one clear line) instead of silently
undoing the correction saved from the newer one; reloaded, it saves. A client that sends no fingerprint saves as
before."""

import json
import re
from typing import Any

from fastapi.testclient import TestClient


def _update_url(client: TestClient, check_in_id: int) -> Any:
    page = client.get("/checkin", params={"checkin_id": check_in_id}).text
    found = re.search(r'<script type="application/json" id="checkin-config">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found[1])["update_url"]


def test_the_older_tab_cannot_undo_the_newer_tabs_correction(client: TestClient) -> None:
    created = client.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 3}]}).json()
    first_tab, second_tab = _update_url(client, created["id"]), _update_url(client, created["id"])
    assert "loaded=" in first_tab

    corrected = client.put(first_tab, json={"pain": [{"region": "lower_back", "score": 5}]})
    assert corrected.status_code == 200, corrected.text
    stale = client.put(second_tab, json={"pain": [{"region": "lower_back", "score": 3}], "note": "a note"})
    assert stale.status_code == 409
    assert "changed in another tab or window" in stale.json()["detail"] and "reload" in stale.json()["detail"]
    kept = client.get(f"/api/checkins/{created['id']}").json()
    assert (kept["pain"][0]["score"], kept["note"]) == (5, None)  # the correction stands

    reloaded = client.put(
        _update_url(client, created["id"]), json={"pain": [{"region": "lower_back", "score": 5}], "note": "a note"}
    )
    assert reloaded.status_code == 200 and reloaded.json()["note"] == "a note"
    # a client that sends no fingerprint replaces the check-in as it always has
    plain = client.put(f"/api/checkins/{created['id']}", json={"pain": [{"region": "lower_back", "score": 4}]})
    assert plain.status_code == 200
