""" "Is that right?" before a check-in naming an urgent-care sign names a "see a clinician" sign found with it too,
after the urgent step and with its own advice (journal walk-through: the fever in "I wet myself and I have crushing
chest pain, and a fever" went unnamed until Today). The titles come from the signs themselves, whatever words name
them; their levels are checked here."""

from fastapi.testclient import TestClient
from markupsafe import escape  # as the pages write text

BLADDER_CHEST_AND_FEVER = {
    "pain": [{"region": "lower_back", "score": 3}],
    "note": "I wet myself and I have crushing chest pain, and a fever",
}


def test_the_signs_to_ask_about_are_every_sign_urgent_first_once_one_is_urgent(client: TestClient) -> None:
    every = client.post("/api/checkin-signs", params={"every": "true"}, json=BLADDER_CHEST_AND_FEVER)
    assert every.status_code == 200, every.text
    assert [sign["level"] for sign in every.json()] == ["urgent_care", "urgent_care", "see_clinician"]
    urgent = client.post("/api/checkin-signs", json=BLADDER_CHEST_AND_FEVER).json()
    assert urgent == every.json()[:2]  # without `every`: the urgent ones, as before
    # a "see a clinician" sign alone is not asked about, whoever asks
    calf = {"pain": [{"region": "calf_and_shin", "side": "left", "score": 3, "quality": "tingling"}]}
    assert client.post("/api/checkin-signs", params={"every": "true"}, json=calf).json() == []
    assert client.get("/api/checkins").json() == []  # nothing saved


def test_without_the_script_the_lesser_sign_follows_the_urgent_step(client: TestClient) -> None:
    signs = client.post("/api/checkin-signs", params={"every": "true"}, json=BLADDER_CHEST_AND_FEVER).json()
    urgent, fever = [sign["title"] for sign in signs[:2]], signs[2]["title"]
    form = {
        "pain_region": ["lower_back"],
        "pain_side": [""],
        "pain_score": ["3"],
        "note": BLADDER_CHEST_AND_FEVER["note"],
    }
    asked = client.post("/checkin", data=form, follow_redirects=False)
    assert asked.status_code == 200 and "Is that right?" in asked.text
    step = str(
        escape(f"This check-in notes warning signs: {urgent[0]}; {urgent[1]}. It means seeking urgent medical care")
    )
    lesser = str(
        escape(
            f"It also notes a warning sign to see a clinician about: {fever} (correcting or deleting the check-in "
            "lifts this one)."
        )
    )
    assert step in asked.text and lesser in asked.text
    assert asked.text.index(step) < asked.text.index(lesser)  # the urgent step first
    assert client.get("/api/checkins").json() == []
