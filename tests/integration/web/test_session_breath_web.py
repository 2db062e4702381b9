"""A session's breath reading in the web app: carried in the finish call, saved as numbers, refused with the field
named when it is not one crest made, and shown after the session, in the Journal and in the clinician report."""

from __future__ import annotations

import copy
import json
import re
from html import unescape
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.breath.result import RELAXATION_NOTE, relaxation_note
from crest.insights.reader import Reader
from crest.services.practice import PAGE_SILENT_AFTER_S
from support.clock import FakeClock

BREATH: dict[str, Any] = {
    "rate_bpm": 11.0,
    "windows": [
        {"start_s": 0.0, "end_s": 30.0, "rate_bpm": 14.0},
        {"start_s": 30.0, "end_s": 60.0, "rate_bpm": 13.0},
        {"start_s": 60.0, "end_s": 90.0, "rate_bpm": None, "reason": "moving"},
        {"start_s": 90.0, "end_s": 120.0, "rate_bpm": None, "reason": "moving"},
        {"start_s": 120.0, "end_s": 180.0, "rate_bpm": 9.0},
        {"start_s": 180.0, "end_s": 240.0, "rate_bpm": 8.0},
    ],
    "movements": [{"at_s": 65.5}, {"at_s": 71.0}],
}
SLOWED = "Your breathing slowed from about 14 to about 8 breaths a minute over the rest."


def _finished(client: TestClient, clock: FakeClock, breath: dict[str, Any] | None) -> Any:
    session = client.post("/api/sessions", json={"planned_minutes": 5, "variant": "standard"}).json()
    clock.advance(300)
    body: dict[str, Any] = {"elapsed_s": 300, "status": "completed"}
    if breath is not None:
        body["breath"] = breath
    return client.post(f"/api/sessions/{session['id']}/finish", json=body)


def test_the_finish_call_saves_the_reading_and_the_pages_show_it(cleared: TestClient, clock: FakeClock) -> None:
    finished = _finished(cleared, clock, BREATH)
    assert finished.status_code == 200, finished.text
    session = finished.json()
    assert session["breath"]["rate_bpm"] == 11.0
    assert cleared.get(f"/api/sessions/{session['id']}").json()["breath"] == {
        **BREATH,
        "windows": [{"reason": None, **window} for window in BREATH["windows"]],
    }

    part = cleared.get("/session/breath", params={"session_id": session["id"]})
    assert part.status_code == 200
    assert SLOWED in part.text and "You moved twice: at 01:05 and 01:11." in part.text
    assert RELAXATION_NOTE in part.text
    assert "<html" not in part.text  # a piece of page, for the session page to show after the rest
    # The trend has a gap where there was no reading (the second minute) and both movements are marked.
    chart = re.search(r'<div class="chart-wide">(.*?)</div>', part.text, re.S)
    assert chart is not None
    # Three minutes with a reading are dots; only the two after the gap are joined by a line.
    assert chart.group(1).count("<circle") == 3
    [line] = re.findall(r'<polyline class="series-0" points="([^"]*)"', chart.group(1))
    assert len(line.split()) == 2
    assert chart.group(1).count('class="event-mark"') == 2

    journal = cleared.get("/journal").text
    assert SLOWED in journal and RELAXATION_NOTE in journal

    report = unescape(cleared.get("/report").text)
    # The report is for the person's clinician: the same lines speak of the person.
    assert "Breathing during rests" in report and SLOWED not in report and RELAXATION_NOTE not in report
    assert "The person's breathing slowed from about 14 to about 8" in report
    assert relaxation_note(Reader.CLINICIAN) in report


def test_a_rest_with_nobody_in_view_claims_no_stillness_on_any_page(cleared: TestClient, clock: FakeClock) -> None:
    # The walk-through's rest: the camera never saw a body, so no window watched for movements.
    nobody = {
        "rate_bpm": None,
        "windows": [
            {"start_s": 30.0 * n, "end_s": 30.0 * (n + 1), "rate_bpm": None, "reason": "trunk_not_visible"}
            for n in range(3)
        ],
        "movements": [],
    }
    session = _finished(cleared, clock, nobody).json()
    part = unescape(cleared.get("/session/breath", params={"session_id": session["id"]}).text)
    journal = unescape(cleared.get("/journal").text)
    for page in (part, journal):
        assert "The camera did not see you, so crest cannot tell whether you moved." in page
        assert "lay still" not in page
    report = unescape(cleared.get("/report").text)
    assert "The camera did not see the person, so crest cannot tell whether the person moved." in report
    assert "lay still" not in report


def test_a_rest_never_ended_keeps_the_reading_its_last_checkpoint_carried(
    app: FastAPI, cleared: TestClient, clock: FakeClock
) -> None:
    # walk_breath H1: the browser killed two minutes into a rest left the session at its checkpoint's time, with no
    # breath at all. The page now sends the reading so far with its checkpoints.
    so_far = {**BREATH, "rate_bpm": 13.5, "windows": BREATH["windows"][:4]}
    session = cleared.post("/api/sessions", json={"planned_minutes": 5}).json()
    clock.advance(120)
    saved = cleared.post(f"/api/sessions/{session['id']}/checkpoint", json={"elapsed_s": 120, "breath": so_far})
    assert saved.status_code == 200, saved.text
    clock.advance(PAGE_SILENT_AFTER_S + 1)  # no finish ever comes: the tab was closed, the browser killed
    app.state.context.services.practice.recover_closed_pages(PAGE_SILENT_AFTER_S)
    left = cleared.get(f"/api/sessions/{session['id']}").json()
    assert (left["status"], left["actual_seconds"], left["breath"]["rate_bpm"]) == ("interrupted", 120, 13.5)
    assert "Your breathing stayed at about 14 breaths a minute." in cleared.get("/journal").text
    # Ended later from the page that offers it (no reading of its own): the reading kept stays.
    ended = cleared.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 120, "status": "ended_early"})
    assert ended.json()["breath"]["rate_bpm"] == 13.5


def test_a_session_without_a_reading_shows_none(cleared: TestClient, clock: FakeClock) -> None:
    session = _finished(cleared, clock, None).json()
    assert session["breath"] is None
    part = cleared.get("/session/breath", params={"session_id": session["id"]})
    assert part.status_code == 200 and "did not read the breathing" in part.text
    assert cleared.get("/session/breath", params={"session_id": 999}).status_code == 404
    assert "Breathing during rests" not in cleared.get("/report").text


def test_a_reading_crest_did_not_make_is_refused_naming_what_is_wrong(cleared: TestClient, clock: FakeClock) -> None:
    wrong = copy.deepcopy(BREATH)
    wrong["windows"][2]["reason"] = "sneezing"
    answer = _finished(cleared, clock, wrong)
    assert answer.status_code == 422
    assert "breath" in json.dumps(answer.json()["errors"]) and "reason" in answer.text
    refused = cleared.get("/api/sessions").json()[0]
    cleared.post(f"/api/sessions/{refused['id']}/finish", json={"elapsed_s": 300, "status": "completed"})
    out_of_order = copy.deepcopy(BREATH)
    out_of_order["windows"][1]["start_s"] = 5.0
    answer = _finished(cleared, clock, out_of_order)
    assert answer.status_code == 422 and "out of order" in answer.json()["detail"]
    assert all(session["breath"] is None for session in cleared.get("/api/sessions").json())


def test_the_session_page_offers_the_reading_with_its_words(cleared: TestClient) -> None:
    page = cleared.get("/session").text
    assert "Read my breathing during the rest" in page and "never stored" in page
    config = json.loads(re.search(r'id="session-config">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert config["breath_states"]["reading"] == "Reading your breathing."
    assert config["breath_states"]["moving"] == "Waiting for you to lie still to read your breathing."
    assert config["breath_url"] == "/session/breath"
