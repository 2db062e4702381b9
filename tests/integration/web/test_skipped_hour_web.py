"""The web's log form reads its day and time as the person's clocks showed them: in London the clocks went from
01:00 to 02:00 on 29 March 2026, so 01:30 that night is refused in one line, as the terminal's --at refuses it, not
kept an hour later. The API's times carry their own offset (one without is refused), so they are what they say."""

from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.web.app import create_app
from support.clock import FakeClock


@pytest.fixture
def app(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    monkeypatch.setenv("CREST_HOME", str(tmp_path))
    return create_app(f"sqlite:///{tmp_path / 'crest.db'}", clock=clock, local_zone=ZoneInfo("Europe/London"))


def test_a_time_the_clocks_skipped_is_refused_on_the_log_form(client: TestClient) -> None:
    refused = client.post("/session/log", data={"day": "2026-03-29", "time": "01:30", "minutes": "20"})
    assert refused.status_code == 422
    assert (
        "The time 01:30 on 2026-03-29 never happened here: the clocks went forward that night; write the time the "
        "clock showed" in unescape(refused.text)
    )
    assert 'value="01:30"' in refused.text  # the form keeps what was entered
    assert client.get("/api/sessions").json() == []


def test_the_times_around_it_are_kept_as_the_clock_showed_them(client: TestClient) -> None:
    for clock_time in ("00:40", "02:30"):
        saved = client.post(
            "/session/log", data={"day": "2026-03-29", "time": clock_time, "minutes": "15"}, follow_redirects=False
        )
        assert saved.status_code == 303
    started = sorted(session["started_at"] for session in client.get("/api/sessions").json())
    assert started == ["2026-03-29T00:40:00Z", "2026-03-29T01:30:00Z"]  # in UTC


def test_the_api_reads_a_time_with_its_offset_and_refuses_one_without(client: TestClient) -> None:
    body = {"started_at": "2026-03-29T01:30:00+00:00", "minutes": 15}
    assert client.post("/api/sessions/logged", json=body).status_code == 201
    naive = client.post("/api/sessions/logged", json={**body, "started_at": "2026-03-29T01:30:00"})
    assert naive.status_code == 422 and naive.json()["detail"].endswith("has no time zone")
    at_once = client.post("/api/checkins", json={"at": "2026-03-29T01:30:00", "note": "stiff"})
    assert at_once.status_code == 422 and at_once.json()["detail"].endswith("has no time zone")
    assert [session["started_at"] for session in client.get("/api/sessions").json()] == ["2026-03-29T01:30:00Z"]
