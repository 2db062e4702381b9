"""A number out of range is said in the same words at the terminal and in the browser or the API, for the same
field: the words come from one place (crest.input_problems), whichever check found the problem."""

from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from support.refusals import refused_line


@pytest.mark.parametrize(("minutes", "words"), [(4, "enter 5 or more, not “4”"), (31, "enter 30 or less, not “31”")])
def test_minutes_out_of_range_read_the_same_at_every_door(
    cleared: TestClient, tmp_path: Path, minutes: int, words: str
) -> None:
    assert refused_line(tmp_path / "home", "session", "--minutes", str(minutes)) == f"crest: --minutes: {words}"
    assert refused_line(tmp_path / "home", "log-session", "--minutes", str(minutes)) == f"crest: --minutes: {words}"
    api = cleared.post("/api/sessions", json={"planned_minutes": minutes})
    assert api.status_code == 422 and api.json()["errors"][0]["message"] == words
    page = cleared.get("/session", params={"minutes": minutes})
    assert page.status_code == 422 and words in unescape(page.text)
    form = cleared.post("/session/log", data={"day": "2026-05-02", "time": "09:30", "minutes": str(minutes)})
    assert form.status_code == 422 and words in unescape(form.text)


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0, "enter 5 or more, not “0”"),
        (4, "enter 5 or more, not “4”"),
        (31, "enter 30 or less, not “31”"),
        (601, "enter 30 or less, not “601”"),
    ],
)
def test_the_session_page_names_one_range_and_one_title_for_any_minutes_out_of_it(
    cleared: TestClient, minutes: int, words: str
) -> None:
    page = cleared.get("/session", params={"minutes": minutes})  # a typed or old address: 1-600 was said below 1
    assert page.status_code == 422
    assert f"Minutes: {words}." in unescape(page.text)
    assert "Please check what you entered" in page.text


def test_a_pain_score_out_of_range_reads_the_same_at_every_door(client: TestClient, tmp_path: Path) -> None:
    words = "enter 10 or less, not “11”"
    assert refused_line(tmp_path / "home", "log", "--pain", "knee=11") == f"crest: pain score: {words}"
    api = client.post("/api/checkins", json={"pain": [{"region": "knee", "score": 11}]})
    assert api.status_code == 422 and api.json()["errors"][0]["message"] == words


@pytest.mark.parametrize(
    ("method", "path", "body", "words"),
    [
        # Numbers too large for the validator to read as whole numbers, or for JSON to hold (1e400 reads as
        # infinity): its own words were "unable to parse input string as an integer, exceeded maximum size".
        ("PUT", "/api/settings", '{"weekly_goal_sessions": 1e20}', "enter 21 or less, not “1e+20”"),
        ("POST", "/api/checkins", '{"pain": [{"region": "knee", "score": 1e308}]}', "enter 10 or less, not “1e+308”"),
        ("POST", "/api/checkins", '{"pain": [{"region": "knee", "score": -1e308}]}', "enter 0 or more, not “-1e+308”"),
        ("PUT", "/api/settings", '{"height_cm": 1e400}', "enter 230 or less"),
    ],
)
def test_a_number_too_large_to_read_is_said_as_out_of_range(
    cleared: TestClient, method: str, path: str, body: str, words: str
) -> None:
    answer = cleared.request(method, path, content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["message"] == words
