"""A session the server runs for a page outlives a reload: the session page offers to resume it, with its own
length and variant and the time done so far; a page gone silent (a closed tab) ends as interrupted."""

import json
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.journal.store import Journal
from crest.services.practice import PAGE_SILENT_AFTER_S, RESUMABLE_FOR_S
from support.clock import FakeClock


def _config(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="session-config">(.*?)</script>', page, re.DOTALL)
    assert found is not None
    config: dict[str, Any] = json.loads(found.group(1))
    return config


def test_the_session_page_offers_the_open_session_with_its_own_length_and_variant(
    cleared: TestClient, clock: FakeClock
) -> None:
    assert _config(cleared.get("/session").text)["resume"] is None
    session = cleared.post("/api/sessions", json={"planned_minutes": 20, "variant": "supported"}).json()
    clock.advance(200)
    cleared.post(f"/api/sessions/{session['id']}/checkpoint", json={"elapsed_s": 185})

    page = cleared.get("/session", params={"minutes": 5, "variant": "somatic"})  # a reload, or Begin on Today
    assert page.status_code == 200
    config = _config(page.text)
    assert config["resume"] == {
        "session_id": session["id"],
        "uid": session["uid"],
        "elapsed_s": 185,
        "started": "today 17:30",
        "waits": "The timer waits where it stopped.",
        "elsewhere": "It may still be running in another tab or window: it was saved just now.",
    }
    assert (config["minutes"], config["variant"]) == (20, "supported")
    assert config["timeline"]["total_s"] == 20 * 60
    assert "Your session is still open" in page.text
    assert 0 < config["heartbeat_every_s"] < PAGE_SILENT_AFTER_S / 3
    # as the terminal: a tab killed 5 s into the rest keeps its 5 s (walk L7), then a checkpoint every 30 s
    assert (config["first_checkpoint_s"], config["checkpoint_every_s"]) == (5, 30)

    # Today points to it instead of offering Begin, which would only have resumed it under another length.
    today = cleared.get("/").text
    assert "Your last rest is unfinished" in today
    assert "Started today 17:30: Supported (90-90), 20 minutes; 3 min 5 s done" in today
    assert ">Begin</button>" not in today

    cleared.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 190, "status": "ended_early"})
    assert _config(cleared.get("/session").text)["resume"] is None
    assert ">Begin</button>" in cleared.get("/").text


def test_a_rest_saved_a_moment_ago_may_still_run_in_another_tab(
    app: FastAPI, cleared: TestClient, clock: FakeClock
) -> None:
    """Opened in a second tab while the first counts it, the page said "The timer waits where it stopped"."""
    session = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(60)
    cleared.post(f"/api/sessions/{session['id']}/checkpoint", json={"elapsed_s": 60})
    clock.advance(75)
    page = cleared.get("/session").text
    saying = "It may still be running in another tab or window: it was saved 1 min 15 s ago."
    assert _config(page)["resume"]["elsewhere"] == saying
    assert f"You started it today 17:30. {saying}</p>" in page

    # Silent for more than two heartbeats (a page saves once each, paused or not): no tab is counting it.
    heartbeat_s = app.state.context.watch.heartbeat_every_s
    clock.advance(2 * heartbeat_s - 75 + 1)
    page = cleared.get("/session").text
    assert _config(page)["resume"]["elsewhere"] is None
    assert "You started it today 17:30. The timer waits where it stopped.</p>" in page


def test_a_session_another_process_runs_is_neither_offered_nor_taken_for_a_closed_page(
    app: FastAPI, cleared: TestClient, tmp_path: Path, clock: FakeClock
) -> None:
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=clock) as journal:
        terminal = journal.start_session(clock.now, 10, "standard", "4242@a-terminal-elsewhere")
    assert "A rest is already running" in cleared.get("/session").text  # not offered: the terminal runs it
    clock.advance(PAGE_SILENT_AFTER_S * 2)
    assert app.state.context.services.practice.recover_closed_pages(PAGE_SILENT_AFTER_S) == []
    assert cleared.get(f"/api/sessions/{terminal}").json()["status"] == "running"


def test_a_silent_page_ends_as_interrupted_and_a_live_one_stays(
    app: FastAPI, cleared: TestClient, clock: FakeClock
) -> None:
    practice = app.state.context.services.practice
    session = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    for _ in range(10):  # the live page checkpoints now and then, even while paused
        clock.advance(PAGE_SILENT_AFTER_S / 5)
        cleared.post(f"/api/sessions/{session['id']}/checkpoint", json={"elapsed_s": 120})
        practice.recover_closed_pages(PAGE_SILENT_AFTER_S)
    assert cleared.get(f"/api/sessions/{session['id']}").json()["status"] == "running"
    clock.advance(PAGE_SILENT_AFTER_S + 1)  # the tab was closed
    practice.recover_closed_pages(PAGE_SILENT_AFTER_S)
    quiet = cleared.get(f"/api/sessions/{session['id']}").json()
    assert (quiet["status"], quiet["actual_seconds"]) == ("interrupted", 120)
    # A page that was only frozen (a locked phone) and speaks again takes its session back.
    back = cleared.post(f"/api/sessions/{session['id']}/checkpoint", json={"elapsed_s": 130}).json()
    assert (back["status"], back["actual_seconds"]) == ("running", 130)


def test_one_rest_at_a_time_a_second_start_is_refused_until_the_first_ends(
    cleared: TestClient, clock: FakeClock
) -> None:
    first = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(60)

    second = cleared.post("/api/sessions", json={"planned_minutes": 15})

    assert second.status_code == 409
    assert second.json()["detail"] == (
        "no session was started: the rest started 6 May 2026, 17:30 is still open on the Session page: "
        "resume it or end it there first"
    )
    assert [s["id"] for s in cleared.get("/api/sessions").json()] == [first["id"]]
    ended = cleared.post(f"/api/sessions/{first['id']}/finish", json={"elapsed_s": 60, "status": "ended_early"})
    assert ended.status_code == 200
    assert cleared.post("/api/sessions", json={"planned_minutes": 15}).status_code == 201


def test_the_session_page_says_a_rest_runs_in_another_crest_and_starts_none(
    cleared: TestClient, tmp_path: Path, clock: FakeClock
) -> None:
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=clock) as journal:
        journal.start_session(clock.now, 10, "standard", "4242@a-terminal-elsewhere")

    page = cleared.get("/session")

    assert page.status_code == 200
    assert "A rest is already running" in page.text
    assert "You started a rest today 17:30 in another crest" in page.text
    assert 'id="session-config"' not in page.text  # no timer to start
    refused = cleared.post("/api/sessions", json={"planned_minutes": 10})
    assert refused.status_code == 409
    assert "is still open in another crest (a terminal, or the app in a browser)" in refused.json()["detail"]


def _killed_rest(tmp_path: Path, clock: FakeClock, rested_s: int = 0) -> int:
    """A rest whose crest (a server, a terminal) was killed: its writer is a process that no longer runs."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=clock) as journal:
        killed = journal.start_session(clock.now, 10, "standard", f"{gone.stdout.strip()}@{socket.gethostname()}")
        if rested_s:
            clock.advance(rested_s)
            journal.checkpoint_session(killed, rested_s)
    return killed


def test_a_rest_whose_crest_was_killed_is_interrupted_and_blocks_nothing(
    cleared: TestClient, tmp_path: Path, clock: FakeClock
) -> None:
    killed = _killed_rest(tmp_path, clock)

    assert _config(cleared.get("/session").text)["resume"]["session_id"] == killed  # offered, never forced
    assert cleared.get(f"/api/sessions/{killed}").json()["status"] == "interrupted"
    assert cleared.post("/api/sessions", json={"planned_minutes": 10}).status_code == 201


def test_a_rest_whose_crest_was_killed_is_offered_and_resumed_where_it_stopped(
    app: FastAPI, cleared: TestClient, tmp_path: Path, clock: FakeClock
) -> None:
    killed = _killed_rest(tmp_path, clock, rested_s=240)
    clock.advance(60)  # crest serve started again, and the page reloaded

    config = _config(cleared.get("/session").text)

    assert config["resume"] == {
        "session_id": killed,
        "uid": app.state.context.services.practice.uids([killed])[killed],
        "elapsed_s": 240,
        "started": "today 17:30",
        "waits": "The timer waits where it stopped.",
        "elsewhere": None,  # its crest was killed: no page counts it
    }
    assert cleared.get(f"/api/sessions/{killed}").json()["status"] == "interrupted"
    # Resume: the page's checkpoint revives it, and this server now writes it, so the next sweep leaves it running.
    resumed = cleared.post(f"/api/sessions/{killed}/checkpoint", json={"elapsed_s": 250}).json()
    assert (resumed["status"], resumed["actual_seconds"]) == ("running", 250)
    assert app.state.context.services.practice.recover_abandoned() == []
    assert _config(cleared.get("/session").text)["resume"]["session_id"] == killed
    done = cleared.post(f"/api/sessions/{killed}/finish", json={"elapsed_s": 260, "status": "ended_early"})
    assert done.json()["status"] == "ended_early"
    assert _config(cleared.get("/session").text)["resume"] is None


def test_a_rest_broken_off_long_ago_or_followed_by_another_is_not_offered(
    cleared: TestClient, tmp_path: Path, clock: FakeClock
) -> None:
    killed = _killed_rest(tmp_path, clock, rested_s=240)
    clock.advance(RESUMABLE_FOR_S - 1)
    assert _config(cleared.get("/session").text)["resume"]["session_id"] == killed
    clock.advance(2)  # half an hour since it was last heard of: a new rest
    assert _config(cleared.get("/session").text)["resume"] is None

    again = _killed_rest(tmp_path, clock, rested_s=240)
    later = cleared.post("/api/sessions", json={"planned_minutes": 5}).json()
    clock.advance(30)
    cleared.post(f"/api/sessions/{later['id']}/finish", json={"elapsed_s": 30, "status": "ended_early"})
    assert cleared.get(f"/api/sessions/{again}").json()["status"] == "interrupted"
    assert _config(cleared.get("/session").text)["resume"] is None  # a rest started since supersedes it


def test_a_rest_broken_off_is_not_taken_up_while_another_runs(
    cleared: TestClient, tmp_path: Path, clock: FakeClock
) -> None:
    killed = _killed_rest(tmp_path, clock, rested_s=240)
    clock.advance(60)
    assert _config(cleared.get("/session").text)["resume"]["session_id"] == killed
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=clock) as journal:
        terminal = journal.start_session(clock.now, 10, "standard", "4242@a-terminal-elsewhere")
    assert "A rest is already running" in cleared.get("/session").text  # not offered
    late = cleared.post(f"/api/sessions/{killed}/checkpoint", json={"elapsed_s": 250})  # a page still showing Resume
    assert late.status_code == 409 and "is still open in another crest" in late.json()["detail"]
    assert cleared.get(f"/api/sessions/{killed}").json()["status"] == "interrupted"
    # The terminal's own rest stays the terminal's, whoever checkpoints it.
    clock.advance(30)
    cleared.post(f"/api/sessions/{terminal}/checkpoint", json={"elapsed_s": 20})
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=clock) as journal:
        assert journal.get_session(terminal).writer == "4242@a-terminal-elsewhere"


def test_a_rest_on_the_back_is_not_taken_up_once_the_answers_advise_the_side(
    cleared: TestClient, tmp_path: Path, clock: FakeClock
) -> None:
    killed = _killed_rest(tmp_path, clock, rested_s=240)
    clock.advance(60)
    questions = cleared.get("/api/safety/questions").json()
    answers = {question["id"]: question["id"] == "pregnant_16_weeks" for question in questions}
    assert cleared.post("/api/safety/answers", json={"answers": answers}).status_code == 200

    assert _config(cleared.get("/session").text)["resume"] is None
    refused = cleared.post(f"/api/sessions/{killed}/checkpoint", json={"elapsed_s": 250})
    assert refused.status_code == 409 and refused.json()["detail"].startswith("the rest was not resumed:")
    assert cleared.get(f"/api/sessions/{killed}").json()["status"] == "interrupted"


def test_a_rest_broken_off_with_its_whole_time_rested_is_not_offered(
    cleared: TestClient, tmp_path: Path, clock: FakeClock
) -> None:
    _killed_rest(tmp_path, clock, rested_s=600)
    assert _config(cleared.get("/session").text)["resume"] is None


def test_a_closed_tab_s_rest_is_offered_again_when_the_page_comes_back(
    app: FastAPI, cleared: TestClient, clock: FakeClock
) -> None:
    session = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(120)
    cleared.post(f"/api/sessions/{session['id']}/checkpoint", json={"elapsed_s": 120})
    clock.advance(PAGE_SILENT_AFTER_S + 1)
    app.state.context.services.practice.recover_closed_pages(PAGE_SILENT_AFTER_S)
    assert cleared.get(f"/api/sessions/{session['id']}").json()["status"] == "interrupted"

    assert _config(cleared.get("/session").text)["resume"]["elapsed_s"] == 120


def test_a_late_leaving_save_does_not_move_the_time_rested_back(cleared: TestClient, clock: FakeClock) -> None:
    session = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    url = f"/api/sessions/{session['id']}"
    clock.advance(200)
    cleared.post(f"{url}/checkpoint", json={"elapsed_s": 150})  # the view the person resumed in
    late = cleared.post(f"{url}/checkpoint", json={"elapsed_s": 120})  # the left tab's beacon, arriving after it
    assert (late.status_code, late.json()["actual_seconds"]) == (200, 150)
    assert cleared.get(url).json()["actual_seconds"] == 150
    # Ending it and a correction in the journal still say what they say.
    cleared.post(f"{url}/finish", json={"elapsed_s": 160, "status": "ended_early"})
    edit = {"variant": "standard", "actual_seconds": 90, "status": "ended_early"}
    assert cleared.put(url, json=edit).json()["actual_seconds"] == 90
