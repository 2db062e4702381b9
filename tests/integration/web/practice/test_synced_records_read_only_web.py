"""What a client's own crest synced to the practice is read-only on the practice's pages and API: their journal on
their computer is the source of truth. Before, a check-in synced from the computer could be edited or deleted on the
practice's Journal, `crest sync` then said "nothing new", and the practice kept (and judged by) a value the client's
own journal did not hold. What the client enters on the practice's pages stays theirs to edit there."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.journal.records import CheckIn, PainRating, PsfsActivity
from crest.journal.vocabulary import Region
from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import InProcess, World, browser, linked_with_a_rest, local_crest, practice_app, sign_in

SAID = "This check-in came from your crest on your computer: correct it there, and it syncs here"
A_CHECK_IN = {"pain": [{"region": "lower_back", "score": 2}], "note": "edited on the web"}


@dataclass
class Synced:
    app: FastAPI
    cleo: TestClient  # Cleo signed in on the practice's pages
    session: int  # the ids at the practice of what her crest synced
    check_in: int
    psfs: int
    home: Path  # her crest's folder, and its clock
    clock: FakeClock


@pytest.fixture
def synced(world: World, tmp_path: Path) -> Iterator[Synced]:
    """Cleo's crest with a session, a check-in after it and a PSFS round, linked and synced; Cleo signed in on the
    practice's pages."""
    (tmp_path / "server").mkdir()
    app = practice_app(world.copy_to(tmp_path / "server"), world.clock)
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        linked_with_a_rest(app, world, home, local, clock)
        local.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.LOWER_BACK, 7),), note="stiff after work"))
        local.daily_activities.record([PsfsActivity("gardening", 4)])
        assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().sent == {"check_ins": 1, "psfs": 1}
    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        [session_row] = cleo.get("/api/sessions").json()
        [check_in_row] = cleo.get("/api/checkins").json()
        [psfs_row] = cleo.get("/api/psfs").json()
        yield Synced(app, cleo, session_row["id"], check_in_row["id"], psfs_row["id"], home, clock)


def _detail(answer: Any) -> str:
    return str(answer.json()["detail"])


def test_the_api_refuses_to_edit_or_delete_what_the_crest_synced(synced: Synced) -> None:
    cleo, check_in, session = synced.cleo, synced.check_in, synced.session
    before = cleo.get(f"/api/checkins/{check_in}").json()
    for answer, noun in (
        (cleo.put(f"/api/checkins/{check_in}", json=A_CHECK_IN), "check-in"),
        (cleo.delete(f"/api/checkins/{check_in}"), "check-in"),
        (
            cleo.put(
                f"/api/sessions/{session}", json={"variant": "standard", "actual_seconds": 60, "status": "ended_early"}
            ),
            "session",
        ),
        (cleo.delete(f"/api/sessions/{session}"), "session"),
        (cleo.delete(f"/api/psfs/{synced.psfs}"), "rating of activities"),
    ):
        assert answer.status_code == 409, answer.text
        assert _detail(answer).lower() == SAID.replace("check-in", noun).lower()
    assert cleo.get(f"/api/checkins/{check_in}").json() == before
    assert [s["status"] for s in cleo.get("/api/sessions").json()] == ["completed"]
    assert len(cleo.get("/api/psfs").json()) == 1


def test_the_pages_show_no_edit_or_delete_for_it_and_refuse_them(synced: Synced) -> None:
    cleo = synced.cleo
    journal = cleo.get("/journal").text
    for kind, record_id in (("session", synced.session), ("checkin", synced.check_in)):
        row = journal.split(f'id="{kind}-{record_id}"')[1].split("</tr>")[0]
        assert "From your crest on your computer: correct it there, and it syncs here." in row
        assert "data-delete-url" not in row and ">Edit</a>" not in row
    psfs = cleo.get("/psfs").text
    assert "From your crest on your computer" in psfs and "confirm-delete" not in psfs
    for page in (f"/checkin?checkin_id={synced.check_in}", f"/session/edit?session_id={synced.session}"):
        opened = cleo.get(page)
        assert opened.status_code == 409
        assert "came from your crest on your computer: correct it there, and it syncs here" in opened.text
    deleted = cleo.post(f"/psfs/{synced.psfs}/delete", headers={"Referer": "http://testserver/psfs"})
    assert deleted.status_code == 409
    assert len(cleo.get("/api/psfs").json()) == 1


def test_what_the_client_enters_on_the_practice_pages_stays_editable(synced: Synced) -> None:
    cleo = synced.cleo
    made = cleo.post("/api/checkins", json={"pain": [{"region": "hip", "side": "left", "score": 3}]})
    assert made.status_code == 201, made.text
    mine = made.json()["id"]
    row = cleo.get("/journal").text.split(f'id="checkin-{mine}"')[1].split("</tr>")[0]
    assert ">Edit</a>" in row and "data-delete-url" in row and "From your crest" not in row
    assert cleo.get(f"/checkin?checkin_id={mine}").status_code == 200
    corrected = cleo.put(f"/api/checkins/{mine}", json=A_CHECK_IN)
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["note"] == "edited on the web"
    assert cleo.delete(f"/api/checkins/{mine}").status_code == 204
    logged = cleo.post(
        "/psfs",
        data={"name_1": "walking", "score_1": "5"},
        headers={"Referer": "http://testserver/"},
        follow_redirects=False,
    )
    assert logged.status_code == 303
    newest = cleo.get("/api/psfs").json()[0]["id"]
    assert cleo.delete(f"/api/psfs/{newest}").status_code == 204


def test_the_api_document_names_the_refusal(synced: Synced) -> None:
    paths = synced.cleo.get("/openapi.json").json()["paths"]
    for path, method in (
        ("/api/checkins/{checkin_id}", "put"),
        ("/api/checkins/{checkin_id}", "delete"),
        ("/api/sessions/{session_id}", "put"),
        ("/api/sessions/{session_id}", "delete"),
        ("/api/psfs/{assessment_id}", "delete"),
    ):
        assert "409" in paths[path][method]["responses"], (path, method)


def test_once_the_computer_is_unlinked_what_it_sent_is_the_clients_to_correct_on_the_practice_pages(
    synced: Synced,
) -> None:
    """`crest unlink` (or a link the practice no longer accepts) syncs nothing more: "correct it there" would be
    a dead end, so the records that computer sent become editable here; linked again, it sends them again."""
    with local_crest(synced.home, synced.clock) as local:
        assert PracticeLink(synced.home, local.sync, synced.clock, InProcess(synced.app)).unlink()
    cleo = synced.cleo
    row = cleo.get("/journal").text.split(f'id="checkin-{synced.check_in}"')[1].split("</tr>")[0]
    assert ">Edit</a>" in row and "From your crest" not in row
    assert cleo.put(f"/api/checkins/{synced.check_in}", json=A_CHECK_IN).status_code == 200
    assert cleo.delete(f"/api/psfs/{synced.psfs}").status_code == 204
