"""The safety gate in the browser and the API: quick re-answers never lift a concern; a clinician's all-clear and
the advice's waiting time do; urgent signs are never cleared; pregnancy offers the side-lying rest."""

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from crest.web.templating import as_sentence
from support.clock import FakeClock

DAY_S = 24 * 3600


def _answers(client: TestClient, *yes: str) -> dict[str, bool]:
    return {q["id"]: q["id"] in yes for q in client.get("/api/safety/questions").json()}


def _form(client: TestClient, *yes: str) -> dict[str, str]:
    """The answers as the page sends them, any "yes" confirmed as the page asks after a first look."""
    return {name: "yes" if said else "no" for name, said in _answers(client, *yes).items()} | {"confirmed": "yes"}


def test_ten_quick_noes_over_the_api_do_not_lift_a_concern(client: TestClient, clock: FakeClock) -> None:
    client.post("/api/safety/answers", json={"answers": _answers(client, "fracture_signs")})
    for _ in range(10):
        clock.advance(60)
        body = client.post("/api/safety/answers", json={"answers": _answers(client)}).json()
    assert body["advice_level"] == "see_clinician" and body["may_practise"] is False
    assert [reason["question_id"] for reason in body["reasons"]] == ["fracture_signs"]
    assert client.post("/api/sessions", json={"planned_minutes": 10}).status_code == 409

    clock.advance(7 * DAY_S)  # the advice's own waiting time has passed: a fresh answer counts
    body = client.post("/api/safety/answers", json={"answers": _answers(client)}).json()
    assert body["may_practise"] is True
    assert client.post("/api/sessions", json={"planned_minutes": 10}).status_code == 201


def test_a_yes_in_an_incomplete_set_of_answers_is_refused_with_its_advice(unanswered: TestClient) -> None:
    api = unanswered.post("/api/safety/answers", json={"answers": {"both_legs": True}})
    page = unanswered.post("/safety", data={"both_legs": "yes", "infection_signs": "yes"})
    for refused, detail in ((api, api.json()["detail"]), (page, page.text)):
        assert refused.status_code == 422
        assert "answer every" in detail
        assert "Please seek urgent medical care now" in detail  # the most serious "yes" decides, as once saved
        assert "Do you have pain, numbness or tingling in both legs" in detail and "cauda equina guidance" in detail
    assert unanswered.get("/api/safety/latest").status_code == 404  # nothing saved


def test_the_form_asks_again_for_what_is_missing_in_its_own_words(client: TestClient) -> None:
    given = {name: said for name, said in _form(client).items() if name not in ("confirmed", "both_legs")}
    page = client.post("/safety", data=given)
    assert page.status_code == 422
    error = page.text[page.text.index('role="alert"') :].split("</p>", 1)[0]
    assert "Please answer every question: 1 question below is not answered yet." in error
    assert "missing" not in error and "both_legs" not in error and "_" not in error  # no field names
    assert "Do you have pain, numbness or tingling in both legs" in page.text  # the one still to answer is asked
    assert '<input type="hidden" name="bladder_bowel_saddle" value="no">' in page.text  # the rest kept


def test_a_choice_made_on_today_before_the_first_answers_is_kept_for_after_them(unanswered: TestClient) -> None:
    # A first-run walk-through: Today's Begin was disabled until the questions were answered, so the person took
    # the notice's link, and the safety page's Continue led back to Today's 15 minutes, standard, not their choice.
    today = unanswered.get("/").text
    start = today[today.index('<section class="card" aria-labelledby="start-heading">') :].split("</form>", 1)[0]
    assert "disabled" not in start.split("<button", 1)[1].split(">", 1)[0]
    assert "Answer the safety questions, then begin" in start
    # The form sends its choice to the session page, which sends it on to the questions ...
    sent_on = unanswered.get("/session", params={"minutes": 7, "variant": "supported"}, follow_redirects=False)
    assert sent_on.status_code == 303
    questions = sent_on.headers["location"]
    assert questions.startswith("/safety?next=")
    assert f'action="{questions.replace("&", "&amp;")}"' in unanswered.get(questions).text
    # ... and once they are answered, Continue goes on to that session.
    answered = unanswered.post(questions, data=_form(unanswered)).text
    assert '<a class="button" href="/session?minutes=7&amp;variant=supported">Continue</a>' in answered
    page = unanswered.get("/session", params={"minutes": 7, "variant": "supported"})
    assert page.status_code == 200 and "7 min" in page.text


def test_a_yes_in_the_browser_is_looked_at_once_before_it_is_saved(unanswered: TestClient) -> None:
    first = {
        name: said for name, said in _form(unanswered, "cancer_history", "weight_loss").items() if name != "confirmed"
    }
    looking = unanswered.post("/safety", data=first)
    assert looking.status_code == 200
    assert "You answered yes to" in looking.text and "Have you ever had cancer?" in looking.text
    assert "Please see a clinician" in looking.text  # what it means, even for someone who goes no further
    assert unanswered.get("/api/safety/latest").status_code == 404  # not saved yet: a slip costs nothing

    # A browser says where a form comes from (the look is kept in a cookie, and a cookie without a word of where it
    # comes from is refused).
    unanswered.headers["Origin"] = "http://127.0.0.1:8765"
    again = unanswered.post("/safety", data={**first, "confirmed": "change"}).text  # only the "yes" ones come back
    assert "Have you ever had cancer?" in again and "Have you lost weight recently" in again
    assert "Do you have pain, numbness or tingling in both legs" not in again
    assert '<input type="hidden" name="both_legs" value="no">' in again
    corrected = {**first, "cancer_history": "no"}
    looking = unanswered.post("/safety", data=corrected)
    assert "You answered yes to" in looking.text and "Have you ever had cancer?" not in looking.text
    unanswered.post("/safety", data={**corrected, "confirmed": "yes"})
    assert [reason["question_id"] for reason in unanswered.get("/api/safety/latest").json()["reasons"]] == [
        "weight_loss"
    ]


@pytest.mark.parametrize("said", ["true", "on", "y", "maybe"])
def test_a_form_answer_other_than_yes_or_no_is_refused_never_read_as_no(unanswered: TestClient, said: str) -> None:
    refused = unanswered.post("/safety", data={**_form(unanswered), "both_legs": said})
    assert refused.status_code == 422
    assert "please answer yes or no" in refused.text
    assert unanswered.get("/api/safety/latest").status_code == 404  # nothing saved, so no "no" to a warning sign


def test_a_form_answer_in_capitals_counts(client: TestClient) -> None:
    client.post("/safety", data={**_form(client), "both_legs": "YES"})
    assert client.get("/api/safety/latest").json()["advice_level"] == "urgent"


def test_the_page_does_not_offer_the_questions_while_answers_hold(client: TestClient, clock: FakeClock) -> None:
    page = client.post("/safety", data=_form(client, "weight_loss")).text
    assert "Have you lost weight recently without trying to?" in page
    assert "NICE NG59" in page
    clock.advance(60)
    page = client.get("/safety").text
    assert "These answers hold until" in page
    assert "Save my answers" not in page
    assert "A clinician has cleared me to practise" in page
    clock.advance(7 * DAY_S)
    assert "Save my answers" in client.get("/safety").text


def test_the_questions_offered_again_say_when_the_calm_answers_were_given_and_until_when_they_hold(
    unanswered: TestClient, clock: FakeClock
) -> None:
    """A blank form after calm answers read as if none were given (a practitioner looking over a client's screen)."""
    assert "found nothing in the way" not in unanswered.get("/safety").text  # never answered: nothing to recall
    unanswered.post("/safety", data=_form(unanswered))
    clock.advance(DAY_S)
    page = unanswered.get("/safety").text
    said = r"Your answers given yesterday \d\d:\d\d found nothing in the way of resting; they hold until \d+ \w+ \d+\."
    assert re.search(said, page)
    assert "Save my answers" in page  # still offered: answering again is always allowed
    clock.advance(90 * DAY_S)  # asked again: the old answers no longer hold
    assert "found nothing in the way" not in unanswered.get("/safety").text


def test_a_clinicians_all_clear_in_the_browser_lifts_see_a_clinician(client: TestClient) -> None:
    client.post("/safety", data=_form(client, "no_improvement_after_a_month"))
    page = client.post("/safety/clearance", data={"clinician": "Dr Ames, physiotherapist", "cleared_on": "2026-05-06"})
    assert page.status_code == 200
    assert "Cleared by Dr Ames, physiotherapist on 6 May 2026" in page.text
    assert client.get("/session").status_code == 200
    assert "Cleared by Dr Ames" in client.get("/safety").text
    [clearance] = client.get("/api/safety/clearances").json()
    assert clearance["question_ids"] == ["no_improvement_after_a_month"]
    exported = client.get("/api/export", params={"format": "json"}).json()
    assert exported["safety_clearances"][0]["clinician"] == "Dr Ames, physiotherapist"
    tables = zipfile.ZipFile(io.BytesIO(client.get("/api/export", params={"format": "csv"}).content))
    assert "Dr Ames, physiotherapist" in tables.read("safety_clearances.csv").decode("utf-8-sig")


def test_a_clearance_in_the_future_or_without_a_name_is_refused(client: TestClient) -> None:
    client.post("/api/safety/answers", json={"answers": _answers(client, "cancer_history")})
    future = client.post("/api/safety/clearances", json={"clinician": "Dr Ames", "cleared_on": "2026-05-09"})
    assert future.status_code == 409 and "future" in future.json()["detail"]
    page = client.post("/safety/clearance", data={"clinician": " ", "cleared_on": "2026-05-06"})
    assert page.status_code == 422 and "name the clinician" in page.text
    assert client.post("/api/sessions", json={"planned_minutes": 10}).status_code == 409


def test_a_clearance_dated_before_the_answer_it_clears_is_refused_at_both_doors(client: TestClient) -> None:
    client.post("/api/safety/answers", json={"answers": _answers(client, "cancer_history")})  # on 6 May 2026
    api = client.post("/api/safety/clearances", json={"clinician": "Dr Ames", "cleared_on": "2026-05-05"})
    assert api.status_code == 409 and "is before the answer it clears (2026-05-06)" in api.json()["detail"]
    page = client.post("/safety/clearance", data={"clinician": "Dr Ames", "cleared_on": "2026-05-05"})
    assert page.status_code == 409 and "is before the answer it clears (2026-05-06)" in page.text
    assert client.get("/api/safety/clearances").json() == []
    assert client.post("/api/sessions", json={"planned_minutes": 10}).status_code == 409


def test_urgent_signs_are_never_cleared(client: TestClient) -> None:
    client.post("/api/safety/answers", json={"answers": _answers(client, "sudden_severe_pain", "cancer_history")})
    response = client.post("/api/safety/clearances", json={"clinician": "Dr Ames", "cleared_on": "2026-05-05"})
    assert response.status_code == 409
    assert "urgent" in response.json()["detail"]
    assert "A clinician has cleared me to practise" not in client.get("/safety").text
    assert client.post("/api/sessions", json={"planned_minutes": 10}).status_code == 409


def test_pregnancy_offers_the_side_lying_rest_at_every_door(client: TestClient) -> None:
    body = client.post("/api/safety/answers", json={"answers": _answers(client, "pregnant_16_weeks")}).json()
    assert body["variants"] == ["side_lying"]
    today = client.get("/").text
    assert "Rest on your side for now" in today
    assert "Answer the safety questions first" not in today and "please wait" not in today.lower()
    assert 'value="side_lying" checked' in today
    assert 'value="standard" disabled' in today
    assert client.get("/session", params={"variant": "standard"}, follow_redirects=False).status_code == 303
    page = client.get("/session")
    assert page.status_code == 200 and "On your side" in page.text and "Lie on your side" in page.text
    assert client.post("/api/sessions", json={"planned_minutes": 10, "variant": "standard"}).status_code == 409
    started = client.post("/api/sessions", json={"planned_minutes": 10, "variant": "side_lying"})
    assert started.status_code == 201


def test_pregnant_and_worse_is_never_told_to_try_the_supported_variant(client: TestClient, clock: FakeClock) -> None:
    client.post("/api/safety/answers", json={"answers": _answers(client, "pregnant_16_weeks")})
    session = client.post("/api/sessions", json={"planned_minutes": 10, "variant": "side_lying"}).json()
    clock.advance(120)
    client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 120, "status": "ended_early"})
    answer = client.post(
        "/api/checkins", json={"session_id": session["id"], "timing": "after", "compared_with_before": "worse"}
    )
    assert answer.status_code == 201
    for page in (client.get("/").text, client.get("/session").text):
        assert "supported variant" not in page
        assert "midwife" in page
    alone = client.post("/api/checkins", json={"pain": [{"region": "hip", "side": "left", "score": 8}]}).json()
    assert "supported variant" not in json.dumps(alone)


def _session_config(client: TestClient, variant: str) -> Any:
    page = client.get("/session", params={"variant": variant}).text
    found = re.search(r'<script type="application/json" id="session-config">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))


def test_the_somatic_movements_are_spoken_by_default_in_the_browser(cleared: TestClient) -> None:
    somatic = _session_config(cleared, "somatic")
    assert somatic["voice"] is True and somatic["chime"] is True
    assert _session_config(cleared, "standard")["voice"] is False  # the others follow the setting (off by default)
    assert any("That is the only pressing" in step["text"] for step in somatic["steps"])


def test_a_check_in_naming_an_urgent_sign_stops_the_next_session(cleared: TestClient, clock: FakeClock) -> None:
    saved = cleared.post(
        "/api/checkins", json={"pain": [{"region": "buttock", "side": "left", "score": 3, "quality": "numb"}]}
    ).json()
    clock.advance(60)
    refused = cleared.post("/api/sessions", json={"planned_minutes": 10})
    assert refused.status_code == 409
    assert "urgent medical care" in refused.text and "Numbness in your left buttock (the saddle area)" in refused.text
    start = cleared.get("/session", follow_redirects=False)
    assert start.status_code == 303 and start.headers["location"].endswith("/safety")
    page = cleared.get("/safety").text
    assert "warning sign in a check-in:" in page and "Numbness in your left buttock (the saddle area)" in page
    assert "cauda equina" in page and "Save my answers" not in page
    assert "deleting or correcting that check-in does not lift it" in page and "that lifts this" not in page
    [reason] = cleared.get("/api/safety/latest").json()["reasons"]
    assert reason["question_id"] == "bladder_bowel_saddle"

    # Once raised, an urgent-care sign holds its full time, like an urgent "yes": deleting the check-in is no way on.
    assert cleared.delete(f"/api/checkins/{saved['id']}").status_code == 204
    assert cleared.post("/api/sessions", json={"planned_minutes": 10}).status_code == 409
    today = cleared.get("/").text
    assert "Please seek urgent medical care now" in today and "Numbness in your left buttock (the saddle area)" in today
    assert "This holds until Wed 20 May 17:30" in today
    clock.advance(14 * DAY_S)  # fresh answers after its waiting time lift it
    cleared.post("/api/safety/answers", json={"answers": _answers(cleared)})
    assert cleared.post("/api/sessions", json={"planned_minutes": 10}).status_code == 201


def test_a_see_a_clinician_sign_in_a_check_in_made_by_mistake_is_lifted_by_deleting_it(cleared: TestClient) -> None:
    tingling = {"region": "calf_and_shin", "side": "left", "score": 3, "quality": "tingling"}
    saved = cleared.post("/api/checkins", json={"pain": [tingling]}).json()
    assert "If that check-in was a mistake, correct or delete it" in cleared.get("/").text
    assert cleared.post("/api/sessions", json={"planned_minutes": 10}).status_code == 409
    cleared.delete(f"/api/checkins/{saved['id']}")
    assert cleared.post("/api/sessions", json={"planned_minutes": 10}).status_code == 201


@pytest.mark.parametrize(
    "note",
    [
        "I haven't been able to pee since yesterday",
        "I have to strain to urinate",
        "tingling in my saddle area",
        "pins and needles between my legs since this morning",
        "I'm weeing much less and it only trickles out",
    ],
)
def test_a_saved_note_naming_an_urgent_sign_in_other_words_blocks_the_next_session(
    client: TestClient, clock: FakeClock, note: str
) -> None:
    client.post("/api/safety/answers", json={"answers": _answers(client)})
    clock.advance(60)
    saved = client.post("/api/checkins", json={"timing": "before", "note": note})
    assert saved.status_code == 201, saved.text
    clock.advance(60)
    refused = client.post("/api/sessions", json={"planned_minutes": 10})
    assert refused.status_code == 409 and "urgent medical care" in refused.text
    start = client.get("/session", follow_redirects=False)
    assert start.status_code == 303 and start.headers["location"].endswith("/safety")
    assert "Because of a warning sign in a check-in:" in client.get("/safety").text


def test_while_a_concern_stands_today_shows_only_the_advice(client: TestClient, clock: FakeClock) -> None:
    client.post("/api/safety/answers", json={"answers": _answers(client)})
    calm_today = client.get("/").text
    assert "A good time" in calm_today and "Start a session" in calm_today  # the nudges a calm day has

    session = client.post("/api/sessions", json={"planned_minutes": 10}).json()
    client.post(f"/api/sessions/{session['id']}/finish", json={"status": "completed", "actual_seconds": 600})
    clock.advance(700)
    client.post(
        "/api/checkins",
        json={
            "session_id": session["id"],
            "timing": "after",
            "compared_with_before": "worse",
            "note": "since the session I cannot control my bladder",
        },
    )
    today = client.get("/").text
    assert "Please seek urgent medical care now" in today
    # one urgent box, naming the check-in's sign: the check-in's own answer would say it again with another duration
    assert (
        "New trouble passing urine or controlling the bladder or bowels" in today and 'id="after-check-in"' not in today
    )
    for nudge in (
        "A good time",
        "Start a session",
        "Begin",
        "Rate your activities",
        "supported variant",
        "This week",
        "Last session",
    ):
        assert nudge not in today, nudge


def test_the_position_check_is_not_offered_when_side_lying_is_advised(client: TestClient) -> None:
    client.post("/api/safety/answers", json={"answers": _answers(client, "pregnant_16_weeks")})
    page = client.get("/check").text
    assert "This check is for lying on your back" in page and "side-lying rest" in page
    assert 'id="check-form"' not in page
    photo = (Path(__file__).resolve().parents[2] / "fixtures" / "photos" / "90_90_hamstring_0.jpg").read_bytes()
    refused = client.post("/api/check", files={"file": ("me.jpg", photo, "image/jpeg")})
    assert refused.status_code == 409
    assert "the position check is for lying on your back" in refused.text and "roll over" not in refused.text
    with client.websocket_connect("ws://127.0.0.1:8765/api/check/live") as live:
        assert "rest on your side" in live.receive_json()["message"]


@pytest.mark.parametrize("sign", ["bladder_bowel_saddle", "fracture_signs"])
def test_the_live_camera_check_is_refused_while_a_warning_sign_stands_as_the_upload_is(
    client: TestClient, sign: str
) -> None:
    # The socket coached the position while an urgent "yes" stood; the upload was refused.
    client.post("/api/safety/answers", json={"answers": _answers(client, sign)})
    photo = (Path(__file__).resolve().parents[2] / "fixtures" / "photos" / "90_90_hamstring_0.jpg").read_bytes()
    upload = client.post("/api/check", files={"file": ("me.jpg", photo, "image/jpeg")})
    assert upload.status_code == 409
    with client.websocket_connect("ws://127.0.0.1:8765/api/check/live") as live:
        live.send_text("hello")  # answered at once by an open stream, without a pose model
        refusal = live.receive_json()
        assert refusal["type"] == "error"
        assert refusal["message"] == as_sentence(upload.json()["detail"])  # the upload's words, as a sentence
        assert refusal["message"].startswith("No position check was started: Please s")
        with pytest.raises(WebSocketDisconnect) as closed:
            live.receive_json()
    assert closed.value.code == 1008  # refused, not "try again later"


def test_a_sign_noted_in_check_in_after_check_in_is_listed_once_on_today_and_in_the_refusal(
    client: TestClient, clock: FakeClock
) -> None:
    tingling = {"region": "calf_and_shin", "side": "right", "score": 4, "quality": "tingling"}
    for _ in range(5):
        assert client.post("/api/checkins", json={"pain": [tingling]}).status_code == 201
        clock.advance(DAY_S)
    page = client.get("/").text
    assert page.count("Numbness or tingling") == 1
    assert re.search(r"Numbness or tingling <span class=\"muted\">\(5 check-ins, [^)]+ to [^)]+\)</span>", page)
    assert "Because of a warning sign in your check-ins:" in page
    assert "If these check-ins were a mistake, correct or delete them" in page
    refused = client.post("/api/sessions", json={"planned_minutes": 10})
    assert refused.status_code == 409 and refused.json()["detail"].count("named:") == 1


def test_a_check_in_sign_cleared_before_any_answers_is_listed_above_the_questions(unanswered: TestClient) -> None:
    tingling = {"region": "calf_and_shin", "side": "left", "score": 5, "quality": "tingling"}
    assert unanswered.post("/api/checkins", json={"pain": [tingling]}).status_code == 201
    page = unanswered.post("/safety/clearance", data={"clinician": "Dr Ames", "cleared_on": "2026-05-06"}).text
    assert "A clinician has cleared you to practise" in page
    assert "Please answer the safety questions before you practise." in page
    assert "Your check-in of 6 May 2026 named: Numbness or tingling" in page and "Cleared by Dr Ames" in page
    assert "Save my answers" in page  # the questions, still to answer, right below
    assert "Cleared by Dr Ames" in unanswered.get("/safety").text
    answered = unanswered.post("/safety", data=_form(unanswered)).text
    assert "A clinician has cleared you to practise" in answered and "Numbness or tingling" in answered


def test_the_api_starts_no_session_before_the_safety_questions_are_answered(unanswered: TestClient) -> None:
    refused = unanswered.post("/api/sessions", json={"planned_minutes": 15, "variant": "standard"})
    assert refused.status_code == 409 and "answer the safety questions first" in refused.json()["detail"]
    assert unanswered.get("/api/sessions").json() == []
    unanswered.post("/api/safety/answers", json={"answers": _answers(unanswered)})
    assert unanswered.post("/api/sessions", json={"planned_minutes": 15}).status_code == 201


def test_a_session_logged_over_the_api_says_the_warning_sign_that_stands(client: TestClient) -> None:
    """The terminal's log-session and the Log a session page say a standing sign first; the API's answer said
    nothing of it. The rest is logged all the same: it happened."""
    logged = {"started_at": "2026-05-06T08:00:00Z", "minutes": 10}
    assert client.post("/api/sessions/logged", json=logged).json()["advice"] is None
    assert client.post("/api/checkins", json={"note": "I wet myself without noticing"}).status_code == 201
    answer = client.post("/api/sessions/logged", json={**logged, "started_at": "2026-05-06T09:00:00Z"})
    assert answer.status_code == 201 and answer.json()["logged"] is True
    advice = answer.json()["advice"]
    assert advice.startswith("Please seek urgent medical care now") and "(source: " in advice


def test_a_rest_on_the_back_stops_when_the_answers_turn_to_resting_on_the_side(
    client: TestClient, clock: FakeClock
) -> None:
    """Answered "pregnant, 16 weeks or later" in another tab while a rest on the back ran: it ran on to its end,
    though faintness can begin minutes after lying down. It stops as for a warning sign, with the advice; a rest on
    the side goes on."""
    on_the_back = client.post("/api/sessions", json={"planned_minutes": 15, "variant": "standard"}).json()
    clock.advance(120)
    assert (
        client.post("/api/safety/answers", json={"answers": _answers(client, "pregnant_16_weeks")}).status_code == 200
    )
    stopped = client.post(f"/api/sessions/{on_the_back['id']}/checkpoint", json={"elapsed_s": 120})
    assert stopped.status_code == 409, stopped.text
    assert "the rest was stopped and saved as ended early" in stopped.json()["detail"]
    assert "Rest on your side instead" in stopped.json()["detail"]
    assert client.get(f"/api/sessions/{on_the_back['id']}").json()["status"] == "ended_early"

    on_the_side = client.post("/api/sessions", json={"planned_minutes": 15, "variant": "side_lying"}).json()
    clock.advance(60)
    going_on = client.post(f"/api/sessions/{on_the_side['id']}/checkpoint", json={"elapsed_s": 60})
    assert going_on.status_code == 200 and going_on.json()["status"] == "running"


def test_a_rest_running_when_a_warning_sign_comes_in_is_stopped_at_its_next_checkpoint(
    client: TestClient, clock: FakeClock
) -> None:
    session = client.post("/api/sessions", json={"planned_minutes": 15}).json()
    clock.advance(120)
    urgent = {"pain": [{"region": "calf_and_shin", "side": "both", "score": 6}]}  # from another tab
    assert client.post("/api/checkins", json=urgent).status_code == 201
    stopped = client.post(f"/api/sessions/{session['id']}/checkpoint", json={"elapsed_s": 120})
    assert stopped.status_code == 409 and "the rest was stopped and saved as ended early" in stopped.json()["detail"]
    assert "urgent medical care" in stopped.json()["detail"]
    saved = client.get(f"/api/sessions/{session['id']}").json()
    assert (saved["status"], saved["actual_seconds"]) == ("ended_early", 120)


def test_a_refusal_for_a_warning_sign_carries_the_words_the_session_page_speaks(
    client: TestClient, clock: FakeClock
) -> None:
    """The page shows `detail` and speaks `spoken`: the same advice and signs without the sources in brackets."""
    client.post("/api/safety/answers", json={"answers": _answers(client, "infection_signs")})
    clock.advance(60)
    urgent = {"pain": [{"region": "calf_and_shin", "side": "both", "score": 6}]}
    assert client.post("/api/checkins", json=urgent).status_code == 201
    refused = client.post("/api/sessions", json={"planned_minutes": 15}).json()
    shown, spoken = refused["detail"], refused["spoken"]
    cauda_equina = "British Association of Spine Surgeons cauda equina guidance (2018); NHS back-pain red flags"
    assert f"named: Pain below the knee in both legs (source: {cauda_equina}; NICE NG59 (2016))." in shown
    assert "inject drugs? (source: NHS back-pain red flags; NICE NG59 (2016))" in shown
    # Nothing else is left out: the urgent advice, the clinician's, the sign and the answer, word for word.
    assert spoken == (
        shown.replace(f" (source: {cauda_equina}; NICE NG59 (2016))", "").replace(
            " (source: NHS back-pain red flags; NICE NG59 (2016))", ""
        )
    )
    assert "seek urgent medical care now" in spoken and "Please see a clinician (your doctor" in spoken
    assert "You answered yes to: Do you have a fever or chills" in spoken


def test_the_session_page_without_javascript_lists_the_steps_and_offers_to_log_the_rest(client: TestClient) -> None:
    page = client.get("/session", params={"minutes": 10}).text
    no_script = page.split("<noscript>\n<section", 1)[1].split("</noscript>", 1)[0]
    assert "The timer needs JavaScript" in no_script and "set a timer of your own for 10 minutes" in no_script
    assert 'href="/session/log"' in no_script and no_script.count("<li>") >= 3  # every step, in plain text
    assert 'id="stage-checklist" class="needs-script"' in page  # its buttons do nothing without the script


def test_a_yes_that_asks_less_than_the_advice_says_what_it_asks_on_its_own(client: TestClient) -> None:
    client.post("/api/safety/answers", json={"answers": _answers(client, "pregnant_16_weeks")})
    assert client.post("/api/checkins", json={"note": "I wet myself today without noticing"}).status_code == 201
    box = _standing_box(client.get("/safety").text)
    assert box.startswith("Please seek urgent medical care now")
    # the pregnancy answer sits under its own advice, after the urgent one
    assert box.index("Rest on your side for now") < box.index("Are you pregnant, at about 16 weeks or later?")


def test_a_check_in_page_refusal_names_the_field_as_people_read_it(client: TestClient) -> None:
    refused = client.post("/checkin", data={"timing": "after", "note": "hi"})
    # no rest ended within the hour for it to follow (the Check-in page offers "After" only then)
    assert refused.status_code == 422 and "No rest that ended within the hour is waiting" in refused.text
    assert "Session_id" not in refused.text and "session_id:" not in refused.text


def _standing_box(page: str) -> str:
    """The safety box's words as read: tags dropped, spaces as one."""
    [box] = re.findall(r'<div class="notice[^"]*" role="[a-z]+" id="safety-standing"[^>]*>(.*?)</div>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", box).split())


@pytest.mark.parametrize(
    ("yes", "call", "words"),
    [
        ("bladder_bowel_saddle", "Please seek urgent medical care now", "call your emergency number"),
        ("recent_surgery", "Please see a clinician", "crest will not start a session until then"),
        (None, "Thank you", "Nothing here stands in the way of resting"),
    ],
)
def test_the_safety_box_says_its_advice_once_on_the_safety_page_and_today(
    client: TestClient, yes: str | None, call: str, words: str
) -> None:
    answered = client.post("/safety", data=_form(client, *filter(None, [yes]))).text
    for page in [answered] + ([client.get("/").text] if yes else []):  # a calm Today shows no box
        box = _standing_box(page)
        assert box.count(call) == 1 and box.startswith(call), box
        assert words in box  # the advice itself is whole


@pytest.mark.parametrize(
    ("yes", "role"), [("bladder_bowel_saddle", "alert"), ("recent_surgery", "status"), (None, "status")]
)
def test_answers_just_saved_take_the_focus_on_load_and_only_urgent_care_interrupts(
    client: TestClient, yes: str | None, role: str
) -> None:
    """The advice the answers lead to is heard on load (crest.js focuses it), not only read; seen again, it is not."""
    answered = client.post("/safety", data=_form(client, *filter(None, [yes]))).text
    assert f'role="{role}" id="safety-standing" tabindex="-1" data-focus-on-load>' in answered
    for later in [client.get("/safety").text] + ([client.get("/").text] if yes else []):
        assert "data-focus-on-load" not in later and 'role="alert"' not in later


def test_each_standing_sign_sits_under_its_own_advice_on_today_safety_and_session(cleared: TestClient) -> None:
    # A "see a clinician" sign was listed among the reasons for urgent care, under one "because".
    both_legs = {"region": "calf_and_shin", "side": "both", "score": 7}
    tingling = {"region": "calf_and_shin", "side": "left", "score": 4, "quality": "tingling"}
    assert cleared.post("/api/checkins", json={"pain": [both_legs]}).status_code == 201
    assert cleared.post("/api/checkins", json={"pain": [tingling]}).status_code == 201
    for door in ("/", "/safety", "/session"):
        box = _standing_box(cleared.get(door).text)
        said = [
            "Please seek urgent medical care now",
            "Pain below the knee in both legs",
            "deleting or correcting that check-in does not lift it",
            "Please see a clinician",
            "Numbness or tingling",
            "If that check-in was a mistake, correct or delete it in the Journal : that lifts that sign.",
        ]
        assert [box.index(words) for words in said] == sorted(box.index(words) for words in said), (door, box)
        assert box.count("Please seek urgent medical care now") == box.count("Please see a clinician") == 1
    photo = (Path(__file__).resolve().parents[2] / "fixtures" / "photos" / "90_90_hamstring_0.jpg").read_bytes()
    for refused in (  # the refusals say it in one line, in the same order
        cleared.post("/api/sessions", json={"planned_minutes": 10}),
        cleared.post("/api/check", files={"file": ("me.jpg", photo, "image/jpeg")}),
    ):
        detail = refused.json()["detail"]
        said = [
            "Please seek urgent medical care now",
            "Pain below the knee in both legs",
            "Please see a clinician",
            "Numbness or tingling",
        ]
        assert refused.status_code == 409
        assert [detail.index(words) for words in said] == sorted(detail.index(words) for words in said), detail


def test_an_urgent_answer_kept_through_deleting_everything_names_no_check_in(client: TestClient) -> None:
    # It was "a warning sign in a check-in ... deleting or correcting that check-in does not lift it".
    client.post("/safety", data=_form(client, "bladder_bowel_saddle"))
    deleted = client.post("/settings/delete-everything", data={"confirmation": "delete"})
    assert deleted.status_code == 200 and client.get("/api/checkins").json() == []
    for door in ("/", "/safety"):
        box = _standing_box(client.get(door).text)
        assert box.startswith("Please seek urgent medical care now")
        assert "Because of a warning sign kept when you deleted your data: Since your back pain started" in box
        assert "deleting your data did not lift it" in box
        assert "check-in" not in box, box
    assert "See your answers" not in client.get("/").text  # none are kept: the Safety page says the same again


def test_a_check_in_sign_says_its_advice_once_on_today(cleared: TestClient) -> None:
    numb = {"region": "buttock", "side": "left", "score": 3, "quality": "numb"}
    cleared.post("/api/checkins", json={"pain": [numb]})
    box = _standing_box(cleared.get("/").text)
    assert box.count("Please seek urgent medical care now") == 1 and "call your emergency number" in box
