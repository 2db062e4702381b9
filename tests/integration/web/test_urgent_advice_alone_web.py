"""The web's answer to a check-in, as the terminal's: while urgent care is advised, no "stop for today, next time
try the supported variant" follows the urgent advice, in the API's answer or on Today."""

from fastapi.testclient import TestClient

from support.clock import FakeClock


def test_a_worse_check_in_naming_an_urgent_sign_gets_the_urgent_advice_alone(
    cleared: TestClient, clock: FakeClock
) -> None:
    session = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(600)
    saved = cleared.post(
        "/api/checkins",
        json={
            "session_id": session["id"],
            "timing": "after",
            "pain": [
                {"region": "lower_back", "score": 8},
                {"region": "groin", "side": "both", "score": 3, "quality": "numb"},
            ],
            "compared_with_before": "worse",
        },
    )
    assert saved.status_code == 201, saved.text
    advice = saved.json()["advice"]
    assert advice["warnings"][0]["level"] == "urgent_care"
    assert (advice["worse"], advice["reasons"], advice["steps"]) == (False, [], [])
    today = cleared.get("/").text
    assert "Please seek urgent medical care now" in today
    assert "supported variant" not in today and "Stop practising for today" not in today


def test_a_worse_check_in_while_urgent_care_stands_plans_no_next_session(cleared: TestClient) -> None:
    cleared.post("/api/checkins", json={"note": "both my legs feel weak and numb since this morning"})
    worse = cleared.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 9}]}).json()
    assert worse["advice"] is None  # the urgent advice that stands is the answer: Today's box says it
    today = cleared.get("/").text
    assert "Please seek urgent medical care now" in today and "supported variant" not in today
