"""A check-in that says a session made things worse is answered calmly, and Today shows it until the next one."""

from fastapi.testclient import TestClient

from support.clock import FakeClock


def test_a_worse_after_session_check_in_is_answered_and_shown_on_today(cleared: TestClient, clock: FakeClock) -> None:
    session = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    cleared.post(
        "/api/checkins",
        json={"session_id": session["id"], "timing": "before", "pain": [{"region": "lower_back", "score": 4}]},
    )
    clock.advance(600)
    saved = cleared.post(
        "/api/checkins",
        json={
            "session_id": session["id"],
            "timing": "after",
            "pain": [{"region": "lower_back", "side": "centre", "score": 9}],
            "compared_with_before": "worse",
            "note": "sharp pain shooting down my left leg",
        },
    )
    assert saved.status_code == 201
    advice = saved.json()["advice"]
    assert advice["worse"] is True
    assert "rose from 4 to 9" in " ".join(advice["reasons"])
    assert advice["steps"][0].startswith("Stop practising for today")
    today = cleared.get("/").text
    assert "Your last check-in says things got worse" in today
    assert "Stop practising for today" in today and "supported variant" in today

    clock.advance(3600)
    calm = cleared.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 3}]}).json()
    assert calm["advice"] is None
    assert "Your last check-in" not in cleared.get("/").text  # shown until the next check-in only


def test_a_warning_sign_in_the_note_brings_the_urgent_advice_with_its_source(cleared: TestClient) -> None:
    saved = cleared.post("/api/checkins", json={"note": "both my legs feel weak and numb since this morning"}).json()
    warning, weakness = saved["advice"]["warnings"]  # weakness in a leg too, after it, as `crest ask` pins them
    assert (warning["level"], weakness["level"]) == ("urgent_care", "see_clinician")
    assert warning["sources"]
    today = cleared.get("/").text
    assert "Please seek urgent medical care now" in today and warning["title"] in today  # the gate's one box


def test_changed_feeling_in_both_legs_in_the_note_is_urgent_as_in_the_help(cleared: TestClient) -> None:
    # The note is read by the help's own red-flag rules: what `crest ask` pins, the check-in's advice names.
    for note in ("pins and needles down both legs", "tingling in my legs and bum"):
        [warning, *_] = cleared.post("/api/checkins", json={"note": note}).json()["advice"]["warnings"]
        assert warning["level"] == "urgent_care"
        assert "both legs" in warning["text"]
    calm = cleared.post("/api/checkins", json={"note": "my legs tingle a bit at the start and it goes"}).json()
    assert calm["advice"] is None


def test_pain_below_the_knee_in_both_legs_is_a_warning_sign(cleared: TestClient) -> None:
    saved = cleared.post("/api/checkins", json={"pain": [{"region": "calf_and_shin", "side": "both", "score": 3}]})
    assert saved.json()["advice"]["warnings"][0]["level"] == "urgent_care"


def test_an_ordinary_check_in_gets_no_advice(cleared: TestClient) -> None:
    saved = cleared.post(
        "/api/checkins", json={"pain": [{"region": "hip", "side": "left", "score": 3}], "note": "felt calmer"}
    )
    assert saved.json()["advice"] is None
    assert "Your last check-in" not in cleared.get("/").text


def test_the_help_offered_after_saving_is_on_today_where_a_worse_check_in_lands(cleared: TestClient) -> None:
    session = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    saved = cleared.post(
        "/api/checkins",
        json={
            "session_id": session["id"],
            "timing": "after",
            "compared_with_before": "worse",
            "sensations": ["emotions"],
        },
    ).json()
    assert saved["advice"]["worse"] is True  # the check-in page goes to Today instead of offering help itself
    notice = cleared.get("/").text.split('id="after-check-in"', 1)[1].split("</section>", 1)[0]
    assert 'href="/help/pain_during_session"' in notice  # why a session can make things worse
    assert 'href="/help/emotions"' in notice  # what the person noticed, as the check-in page offers it


def test_strong_pain_without_a_worse_is_called_strong_pain_on_today(cleared: TestClient, clock: FakeClock) -> None:
    session = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(600)
    finished = cleared.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 600, "status": "completed"})
    assert finished.status_code == 200
    saved = cleared.post(
        "/api/checkins",
        json={"session_id": session["id"], "timing": "after", "pain": [{"region": "hip", "side": "left", "score": 8}]},
    ).json()
    assert saved["compared_with_before"] is None
    assert saved["advice"]["worse"] is True  # still: stop for today
    today = cleared.get("/").text
    assert "Your last check-in notes strong pain" in today
    assert "Pain in your hip (left) is 8 out of 10 (7 or more)." in today and "Stop practising for today" in today
    assert "Earlier today a check-in noted strong pain: we suggest stopping for today" in today
    assert "got worse" not in today
    assert "Earlier today a check-in noted strong pain" in cleared.get("/session").text
