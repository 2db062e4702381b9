"""Safety answers, settings and export over the API."""

import io
import zipfile
from typing import Any

from fastapi.testclient import TestClient


def _answers(client: TestClient, yes: tuple[str, ...] = ()) -> dict[str, bool]:
    return {q["id"]: q["id"] in yes for q in client.get("/api/safety/questions").json()}


def test_the_safety_questions_are_asked_until_answered(unanswered: TestClient) -> None:
    questions = unanswered.get("/api/safety/questions").json()
    assert {"id", "text", "source"} <= set(questions[0])
    assert unanswered.get("/api/safety/latest").status_code == 404
    assert unanswered.get("/session", follow_redirects=False).status_code == 303


def test_clear_answers_let_a_session_start(client: TestClient, clock: Any) -> None:
    body = client.post("/api/safety/answers", json={"answers": _answers(client)}).json()
    assert (body["advice_level"], body["may_practise"], body["due"]) == ("clear", True, False)
    assert client.get("/api/safety/latest").json()["advice_level"] == "clear"
    assert client.get("/session").status_code == 200
    clock.advance(91 * 24 * 3600)
    assert client.get("/api/safety/latest").json()["due"] is True


def test_a_red_flag_gives_advice_and_blocks_the_session(client: TestClient) -> None:
    body = client.post("/api/safety/answers", json={"answers": _answers(client, ("both_legs",))}).json()
    assert body["advice_level"] == "urgent"
    assert body["may_practise"] is False
    assert "urgent medical care" in body["advice"]
    assert client.get("/session", follow_redirects=False).status_code == 303
    today = client.get("/").text
    assert "Please seek urgent medical care now" in today
    assert "Do you have pain, numbness or tingling in both legs" in today  # which answer it was
    assert "British Association of Spine Surgeons" in today  # and its source
    assert [reason["question_id"] for reason in body["reasons"]] == ["both_legs"]
    assert body["answer_again_from"] is not None


def test_pregnancy_advises_side_lying(client: TestClient) -> None:
    body = client.post("/api/safety/answers", json={"answers": _answers(client, ("pregnant_16_weeks",))}).json()
    assert body["advice_level"] == "side_lying"
    assert "side" in body["advice"]


def test_incomplete_or_unknown_answers_are_refused(client: TestClient) -> None:
    answers = _answers(client)
    answers.pop("both_legs")
    response = client.post("/api/safety/answers", json={"answers": answers})
    assert response.status_code == 422
    assert "both_legs" in response.json()["detail"]
    assert client.post("/api/safety/answers", json={"answers": {"made_up": False}}).status_code == 422
    assert client.post("/api/safety/answers", json={"answers": {"both_legs": "maybe"}}).status_code == 422


def test_settings_have_defaults_and_are_saved(client: TestClient) -> None:
    defaults = client.get("/api/settings").json()
    assert defaults == {
        "default_minutes": 15,
        "default_variant": "standard",
        "voice": False,
        "chime": True,
        "chime_volume": "normal",
        "height_cm": None,
        "theme": "system",
        "show_streaks": False,
        "weekly_goal_sessions": 7,
        "weekly_goal_chosen": False,
        "reminder_time": "18:00",
        "second_reminder_time": None,
        "reminder_days": "mon,tue,wed,thu,fri,sat,sun",
        "reminder_zone": None,
    }
    chosen = {**defaults, "default_minutes": 20, "theme": "dark", "height_cm": 172, "voice": True}
    chosen |= {"second_reminder_time": "07:15"}
    assert client.put("/api/settings", json=chosen).json() == chosen
    assert client.get("/api/settings").json() == chosen
    assert 'data-theme="dark"' in client.get("/").text


def test_bad_settings_name_the_field(client: TestClient) -> None:
    defaults = client.get("/api/settings").json()
    for change, field in (
        ({"default_minutes": 45}, "default_minutes"),
        ({"theme": "pink"}, "theme"),
        ({"height_cm": 20}, "height_cm"),
        ({"sound": True}, "sound"),
    ):
        response = client.put("/api/settings", json={**defaults, **change})
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == field


def test_settings_json_reads_reminder_days_by_the_rule_and_words_of_crest_remind(client: TestClient) -> None:
    """It said "write it like mon,wed,fri" without naming what it could not read, in other words than the terminal's."""
    defaults = client.get("/api/settings").json()
    response = client.put("/api/settings", json={**defaults, "reminder_days": "mon,tuesdays"})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "reminder_days"
    assert error["message"] == "cannot read day “tuesdays”; write the days you want from mon,tue,wed,thu,fri,sat,sun"


def test_export_as_json_and_csv(client: TestClient) -> None:
    session = client.post("/api/sessions", json={"planned_minutes": 10}).json()
    client.post(
        "/api/checkins", json={"session_id": session["id"], "pain": [{"region": "knee", "side": "left", "score": 4}]}
    )
    as_json = client.get("/api/export", params={"format": "json"})
    assert as_json.status_code == 200
    assert as_json.headers["content-type"].startswith("application/json")
    data = as_json.json()
    assert [s["id"] for s in data["sessions"]] == [session["id"]]
    assert len(data["check_ins"]) == 1
    as_csv = client.get("/api/export", params={"format": "csv"})
    assert as_csv.headers["content-type"].startswith("application/zip")
    assert 'filename="crest-journal-2026-05-06.zip"' in as_csv.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(as_csv.content)) as tables:
        assert "knee,left,4" in tables.read("pain_ratings.csv").decode("utf-8-sig")
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422


def test_a_standing_concern_refuses_a_session_over_the_api_with_the_reason(client: TestClient) -> None:
    client.post("/api/safety/answers", json={"answers": _answers(client, ("bladder_bowel_saddle",))})

    response = client.post("/api/sessions", json={"planned_minutes": 10})

    assert response.status_code == 409
    assert "urgent medical care" in response.json()["detail"]
    assert "bladder" in response.json()["detail"]  # which answer it was
    assert client.get("/api/sessions").json() == []
    page = client.get("/", follow_redirects=False)
    assert "Please seek urgent medical care now" in page.text  # the browser says the same
    assert "new trouble passing urine" in page.text
