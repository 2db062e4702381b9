"""While an urgent-care warning stands from before, a calm check-in is followed by that warning first and alone (on
Today), never by the help offered for what was noticed ("why do I yawn?"), as `crest log` does; under a "see a
clinician" warning the help stays."""

import json
import re
from typing import Any

from fastapi.testclient import TestClient

URGENT = {"pain": [{"region": "calf_and_shin", "side": s, "score": 7} for s in ("left", "right")]}  # both legs
SEE_CLINICIAN = {"pain": [{"region": "calf_and_shin", "side": "left", "score": 4, "quality": "tingling"}]}
CALM = {"sensations": ["yawning"], "note": "calm"}


def _config(client: TestClient) -> Any:
    found = re.search(r'id="checkin-config">(.*?)</script>', client.get("/checkin").text, re.S)
    assert found is not None
    return json.loads(found[1])


def test_a_calm_check_in_under_standing_urgent_care_goes_to_the_warning_alone(client: TestClient) -> None:
    assert client.post("/api/checkins", json=URGENT).json()["advice"]["warnings"][0]["level"] == "urgent_care"
    assert _config(client)["urgent_care_stands"] is True  # the script goes to Today, offering no help
    saved = client.post("/checkin", data=CALM, follow_redirects=False)  # without the script
    assert saved.status_code == 303
    assert saved.headers["location"] == "/?saved=check-in"
    today = client.get(saved.headers["location"]).text
    assert today.index("Please seek urgent medical care now") < today.index("Saved: your check-in is in the journal")
    assert "yawn" not in today.lower()


def test_under_a_see_a_clinician_warning_the_help_is_still_offered(client: TestClient) -> None:
    assert client.post("/api/checkins", json=SEE_CLINICIAN).json()["advice"] is not None
    config = _config(client)
    assert config["urgent_care_stands"] is False
    assert "yawning" in config["sensation_help"]
    saved = client.post("/checkin", data=CALM, follow_redirects=False)
    assert saved.headers["location"] == "/journal?saved=check-in"
