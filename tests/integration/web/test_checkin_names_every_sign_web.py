"""A check-in whose note names several warning signs answers each of them at the web's doors, most urgent first:
`POST /api/checkins` named only the weight loss of "I have lost 6 kg in a month without trying, and I have a fever
and chills at night", not the fever (a new user's walk-through, L5). "Is that right?" lists every urgent one."""

from fastapi.testclient import TestClient
from markupsafe import escape  # as the pages write text

from crest.knowledge.sign_words import SIGN_WORDS

WEIGHT_LOSS_AND_FEVER = {
    "pain": [{"region": "lower_back", "score": 5}],
    "note": "I have lost 6 kg in a month without trying, and I have a fever and chills at night",
}
BLADDER_CHEST_AND_FEVER = "I wet myself and I have crushing chest pain, and a fever"
# each sign named by its own words, not by its help entry's title (which lists every sign of the entry)
CANCER, INFECTION = SIGN_WORDS["unexplained_weight_loss"], SIGN_WORDS["fever_or_chills"]
BLADDER, EMERGENCY = SIGN_WORDS["bladder_or_bowel_trouble"], SIGN_WORDS["chest_pain"]


def test_a_check_in_names_every_sign_its_note_names(client: TestClient) -> None:
    saved = client.post("/api/checkins", json=WEIGHT_LOSS_AND_FEVER)
    assert saved.status_code == 201, saved.text
    warnings = saved.json()["advice"]["warnings"]
    assert [(sign["title"], sign["level"]) for sign in warnings] == [
        (CANCER, "see_clinician"),
        (INFECTION, "see_clinician"),
    ]
    today = client.get("/").text  # the standing's box names the check-in's signs, of the one check-in
    assert CANCER in today and INFECTION in today
    assert "Because of warning signs in a check-in:" in today and "If that check-in was a mistake" in today
    assert client.post("/api/sessions", json={"planned_minutes": 10}).status_code == 409


def test_the_urgent_signs_asked_about_are_every_urgent_one_most_urgent_first(client: TestClient) -> None:
    body = {"pain": [{"region": "lower_back", "score": 3}], "note": BLADDER_CHEST_AND_FEVER}
    told = client.post("/api/checkin-signs", json=body)
    assert [sign["title"] for sign in told.json()] == [BLADDER, EMERGENCY]
    saved = client.post("/api/checkins", json=body).json()
    assert [sign["title"] for sign in saved["advice"]["warnings"]] == [BLADDER, EMERGENCY, INFECTION]


def test_without_the_script_is_that_right_lists_every_urgent_sign(client: TestClient) -> None:
    form = {"pain_region": ["lower_back"], "pain_side": [""], "pain_score": ["3"], "note": BLADDER_CHEST_AND_FEVER}
    asked = client.post("/checkin", data=form, follow_redirects=False)
    assert asked.status_code == 200 and "Is that right?" in asked.text
    assert escape(f"This check-in notes warning signs: {BLADDER}; {EMERGENCY}.") in asked.text
    assert client.get("/api/checkins").json() == []
