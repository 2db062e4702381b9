"""Today's first line after a first rest of a few seconds says what happened, not a row of zeros (first-day
walk-through M4: "0 sessions (0 min) in the last 7 days ..., 0 (0 min) in the last 28; ...; your weekly goal: 7
sessions a week (0 of 7 ...)", five lines on a phone before Start a session)."""

import re

from fastapi.testclient import TestClient

from support.clock import FakeClock
from support.journal_api import rest_ended_early


def _first_line(client: TestClient) -> str:
    found = re.search(r'<p class="progress-line"><a href="/progress">([^<]*)</a>', client.get("/").text)
    assert found, "no line on Today"
    return found.group(1)


def test_a_first_rest_under_a_minute_is_said_in_words(cleared: TestClient, clock: FakeClock) -> None:
    rest_ended_early(cleared, clock, 9)
    line = _first_line(cleared)
    assert line == (
        "Your rest was under a minute: kept in your journal, but a session counts as practice once it lasts a minute"
    )
    rest_ended_early(cleared, clock, 20)
    assert _first_line(cleared).startswith("Your 2 rests in the last 28 days were each under a minute:")


def test_a_rest_of_a_minute_brings_the_numbers_back(cleared: TestClient, clock: FakeClock) -> None:
    rest_ended_early(cleared, clock, 9)
    rest_ended_early(cleared, clock, 60)
    assert _first_line(cleared).startswith("1 session (1 min) in the last 7 days")


def test_check_ins_alone_say_no_session_in_words(cleared: TestClient) -> None:
    back = {"pain": [{"region": "lower_back", "side": "centre", "score": 4}]}
    assert cleared.post("/api/checkins", json=back).status_code == 201
    line = _first_line(cleared)
    assert line == "No session in the last 28 days; days with a session or check-in: 1 of 30"
    assert "0 min" not in line
