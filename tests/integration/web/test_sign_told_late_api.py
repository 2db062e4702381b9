"""walk_safety H2 over the API: a check-in posted with an "at" eight days back that names new numbness was told
"should be checked by a clinician", and a session started at once. It now holds a week from when it was posted."""

from datetime import timedelta

from fastapi.testclient import TestClient

from support.clock import FakeClock

NUMB_CALF = [{"region": "calf_and_shin", "side": "left", "score": 3, "quality": "numb"}]


def test_a_see_a_clinician_sign_posted_late_holds_a_week_from_when_it_was_posted(
    client: TestClient, clock: FakeClock
) -> None:
    told = clock()
    created = client.post("/api/checkins", json={"at": (told - timedelta(days=8)).isoformat(), "pain": NUMB_CALF})
    assert created.status_code == 201, created.text
    [warning] = created.json()["advice"]["warnings"]
    assert warning["level"] == "see_clinician" and "should be checked by a clinician" in warning["text"]

    refused = client.post("/api/sessions", json={"planned_minutes": 5})
    assert refused.status_code == 409
    assert refused.json()["detail"].startswith("no session was started: Please see a clinician")
    latest = client.get("/api/safety/latest").json()
    assert latest["may_practise"] is False
    assert latest["answer_again_from"] == f"{told + timedelta(days=7):%Y-%m-%dT%H:%M:%S}Z"
