"""Without JavaScript too, a check-in that names an urgent-care sign comes back filled in, asking "Is that right?",
and is saved only once confirmed; a calm one is saved at once."""

from fastapi.testclient import TestClient

BOTH_LEGS = {"pain_region": ["calf_and_shin"], "pain_side": ["both"], "pain_score": ["3"], "note": "after the drive"}


def test_an_urgent_sign_sent_without_the_script_is_asked_about_then_saved(client: TestClient) -> None:
    asked = client.post("/checkin", data=BOTH_LEGS, follow_redirects=False)
    assert asked.status_code == 200 and "Is that right?" in asked.text
    assert "Pain below the knee in both legs" in asked.text and "14 days" in asked.text
    assert ">after the drive</textarea>" in asked.text and 'value="3"' in asked.text  # nothing entered is lost
    assert client.get("/api/checkins").json() == []

    confirmed = client.post("/checkin", data={**BOTH_LEGS, "confirmed": "yes"}, follow_redirects=False)
    assert confirmed.status_code == 303 and confirmed.headers["location"] == "/?saved=check-in"
    [saved] = client.get("/api/checkins").json()
    assert saved["note"] == "after the drive"
    calm = {"pain_region": ["lower_back"], "pain_side": [""], "pain_score": ["2"]}
    assert client.post("/checkin", data=calm, follow_redirects=False).status_code == 303
