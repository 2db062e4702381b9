"""A session on a clock the person sped up (`/session?speed=`) is a demo: flagged from its start, or from the first
checkpoint or finish that says so; shown as one in the journal; counted nowhere. A real-time one still counts.
The test's own fake clock is no demo: only the speed the page sends makes one."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from crest.insights.practice import DEMO_WORDS
from support.csv_export import rewritten_csv_zip


def _start(client: TestClient, **extra: Any) -> dict[str, Any]:
    response = client.post("/api/sessions", json={"planned_minutes": 10, **extra})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _finish(client: TestClient, session: dict[str, Any], **extra: Any) -> dict[str, Any]:
    body = {"elapsed_s": 600, "status": "completed", **extra}
    response = client.post(f"/api/sessions/{session['id']}/finish", json=body)
    assert response.status_code == 200, response.text
    finished: dict[str, Any] = response.json()
    return finished


def test_a_session_started_on_a_fast_clock_is_a_demo_from_its_start(cleared: TestClient, clock: Any) -> None:
    session = _start(cleared, clock_speed=20)
    assert session["demo"] is True
    clock.advance(30)
    assert _finish(cleared, session, clock_speed=20)["demo"] is True


def test_a_checkpoint_or_a_finish_on_a_fast_clock_makes_a_demo_for_good(cleared: TestClient, clock: Any) -> None:
    checkpointed = _start(cleared)
    assert checkpointed["demo"] is False
    clock.advance(10)
    url = f"/api/sessions/{checkpointed['id']}/checkpoint"
    assert cleared.post(url, json={"elapsed_s": 200, "clock_speed": 20}).json()["demo"] is True
    clock.advance(600)
    assert _finish(cleared, checkpointed)["demo"] is True  # the rest's end in real time makes it no real rest

    finished = _start(cleared)
    clock.advance(2)
    assert _finish(cleared, finished, clock_speed=300)["demo"] is True


def test_a_demo_is_counted_nowhere_and_a_real_session_still_is(cleared: TestClient, clock: Any) -> None:
    demo = _start(cleared, clock_speed=60)
    clock.advance(10)
    _finish(cleared, demo, clock_speed=60)
    today = " ".join(cleared.get("/").text.split())
    assert '<p class="stat">0</p> <p>sessions since Monday' in today
    assert f"demo, {DEMO_WORDS}" in today  # the last session, and why the week leaves it out
    adherence = cleared.get("/api/progress").json()["adherence"]
    assert (adherence["sessions_7_days"], adherence["minutes_7_days"], adherence["days_with_data_30"]) == (0, 0, 0)

    clock.advance(3600)
    real = _start(cleared)
    clock.advance(600)
    assert _finish(cleared, real)["demo"] is False
    assert '<p class="stat">1</p> <p>session since Monday' in " ".join(cleared.get("/").text.split())
    adherence = cleared.get("/api/progress").json()["adherence"]
    assert (adherence["sessions_7_days"], adherence["minutes_7_days"], adherence["days_with_data_30"]) == (1, 10, 1)
    assert "10 min" in cleared.get("/report").text


def test_the_journal_names_a_demo_and_says_why_it_does_not_count(cleared: TestClient, clock: Any) -> None:
    demo = _start(cleared, clock_speed=60)
    clock.advance(10)
    _finish(cleared, demo, clock_speed=60)
    page = cleared.get("/journal").text
    assert "Demo session" in page
    assert f"Demo: {DEMO_WORDS}" in page


def _as_real(backup: bytes, format_name: str) -> bytes:
    """The backup with its one session said to be real, as a hand-edited file could say."""
    if format_name == "csv":
        return rewritten_csv_zip(backup, "sessions.csv", {"demo": "false"})
    document = json.loads(backup)
    document["sessions"][0]["demo"] = False
    return json.dumps(document).encode()


@pytest.mark.parametrize(("format_name", "file_name"), [("json", "journal.json"), ("csv", "journal.zip")])
def test_a_backup_made_right_after_a_demo_restores_into_an_empty_journal(
    cleared: TestClient, clock: Any, format_name: str, file_name: str
) -> None:
    # Its 10 minutes passed in 10 s: a restore refused them as more than the time since the session started.
    demo = _start(cleared, clock_speed=60)
    clock.advance(10)
    _finish(cleared, demo, clock_speed=60)
    backup = cleared.get("/api/export", params={"format": format_name}).content
    assert cleared.post("/settings/delete-everything", data={"confirmation": "delete"}).status_code == 200

    real = cleared.post("/settings/restore", files={"file": (file_name, _as_real(backup, format_name))})
    assert real.status_code == 422  # a real session rests in real time: that is still refused
    # A JSON export is one line, so its record is named by its path (sessions[0].actual_seconds); a CSV's by its line.
    field = "sessions[0].actual_seconds" if format_name == "json" else "actual_seconds"
    assert f"field {field}: 600 seconds rested is more than the 10 s since the session started" in real.text

    restored = cleared.post("/settings/restore", files={"file": (file_name, backup)})
    assert restored.status_code == 200, restored.text[:300]
    assert "Restored: 1 session (1 demo: run faster than real time" in restored.text
    [session] = cleared.get("/api/sessions").json()
    assert (session["actual_seconds"], session["demo"]) == (600, True)


def test_progress_says_a_demo_is_left_out_only_once_the_journal_holds_one(cleared: TestClient, clock: Any) -> None:
    left_out = "a demo is left out"
    assert "Rate the same place before and after a session" in cleared.get("/progress").text
    assert left_out not in cleared.get("/progress").text  # a new user never ran one
    session = _start(cleared, clock_speed=20)
    clock.advance(30)
    _finish(cleared, session, clock_speed=20)
    page = cleared.get("/progress").text
    assert page.count(left_out) == 2  # under "Before and after a session" and in the chart's place
