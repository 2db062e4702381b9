"""A session the server runs for a page outlives a reload: the session page offers to resume it, with its own
length and variant and the time done so far; a page gone silent (a closed tab) ends as interrupted."""

import json
import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.journal.store import Journal
from crest.services.practice import PAGE_SILENT_AFTER_S
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
    assert config["resume"] == {"session_id": session["id"], "elapsed_s": 185, "started": "today 17:30"}
    assert (config["minutes"], config["variant"]) == (20, "supported")
    assert config["timeline"]["total_s"] == 20 * 60
    assert "Your session is still open" in page.text
    assert 0 < config["heartbeat_every_s"] < PAGE_SILENT_AFTER_S / 3

    cleared.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 190, "status": "ended_early"})
    assert _config(cleared.get("/session").text)["resume"] is None


def test_a_session_another_process_runs_is_neither_offered_nor_taken_for_a_closed_page(
    app: FastAPI, cleared: TestClient, tmp_path: Path, clock: FakeClock
) -> None:
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=clock) as journal:
        terminal = journal.start_session(clock.now, 10, "standard", "4242@a-terminal-elsewhere")
    assert _config(cleared.get("/session").text)["resume"] is None
    clock.advance(PAGE_SILENT_AFTER_S * 2)
    assert app.state.context.services.practice.recover_closed_pages(PAGE_SILENT_AFTER_S) == []
    assert cleared.get(f"/api/sessions/{terminal}").json()["status"] == "running"


def test_a_silent_page_ends_as_interrupted_and_a_live_one_stays(
    app: FastAPI, cleared: TestClient, clock: FakeClock
) -> None:
    practice = app.state.context.services.practice
    quiet = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    alive = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    cleared.post(f"/api/sessions/{quiet['id']}/checkpoint", json={"elapsed_s": 120})
    for _ in range(10):  # the live page checkpoints now and then, even while paused
        clock.advance(PAGE_SILENT_AFTER_S / 5)
        cleared.post(f"/api/sessions/{alive['id']}/checkpoint", json={"elapsed_s": 60})
        practice.recover_closed_pages(PAGE_SILENT_AFTER_S)
    quiet_now = cleared.get(f"/api/sessions/{quiet['id']}").json()
    assert (quiet_now["status"], quiet_now["actual_seconds"]) == ("interrupted", 120)
    assert cleared.get(f"/api/sessions/{alive['id']}").json()["status"] == "running"
    # A page that was only frozen (a locked phone) and speaks again takes its session back.
    back = cleared.post(f"/api/sessions/{quiet['id']}/checkpoint", json={"elapsed_s": 130}).json()
    assert (back["status"], back["actual_seconds"]) == ("running", 130)
