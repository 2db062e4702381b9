"""Each warning sign's hold is said with its own sign, with what lifts it, at both doors (practice walk s56 MED 5):
a check-in that raised an urgent sign and a "see a clinician" sign read one date, the urgent one's, under the "see a
clinician" block, and "answer the questions again" to someone who had never answered them."""

import re

from fastapi.testclient import TestClient

from support.clock import FakeClock

# As the walk's check-in: numbness between the legs is the saddle area's (urgent care) and new numbness (see a
# clinician), two signs of one check-in.
BOTH_SIGNS = {
    "pain": [{"region": "lower_back", "score": 6}],
    "note": "since yesterday I have numbness between my legs",
}


def _standing_text(page: str) -> str:
    box = page[page.index('id="safety-standing"') :].split("</div>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", box))


def test_each_sign_says_its_own_hold_and_the_questions_are_not_answered_again_before_any(
    unanswered: TestClient, clock: FakeClock
) -> None:
    assert unanswered.post("/api/checkins", json=BOTH_SIGNS).status_code == 201
    text = _standing_text(unanswered.get("/").text)
    urgent, clinician = text.split("Please see a clinician", 1)
    assert "Its time is up on Wed 20 May 17:30." in urgent  # fourteen days from the check-in, with the urgent sign
    clinician, closing = clinician.split("You can answer", 1)
    assert "that lifts that sign. Its time is up on Wed 13 May 17:30." in clinician  # seven days, with its sign
    assert "20 May" not in clinician
    # never answered: nothing to answer "again"
    assert closing.strip() == "the safety questions from Wed 20 May 17:30, when the last of these times is up."


def test_one_sign_after_answers_says_its_hold_and_to_answer_again(cleared: TestClient) -> None:
    one = {"pain": [{"region": "buttock", "side": "left", "score": 3, "quality": "numb"}]}  # the saddle area
    assert cleared.post("/api/checkins", json=one).status_code == 201
    text = _standing_text(cleared.get("/").text)
    assert "This holds until Wed 20 May 17:30; after that you can answer the safety questions again." in text
