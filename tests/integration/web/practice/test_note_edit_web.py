"""A practitioner edits or deletes their own note on a client's session, on the client's page or by the API, audited
as their other actions; the client's crest takes the change at its next `crest sync`. Before, a note could only be
added: one with a typo, or on the wrong session, stayed and synced, though the README said an edit follows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import (
    PASSWORD,
    InProcess,
    World,
    browser,
    linked_with_a_rest,
    local_crest,
    practice_app,
)

FROM_THE_PAGE = {"Referer": "http://testserver/practice"}


def _notes(client: TestClient, client_id: int) -> list[dict[str, Any]]:
    sessions = client.get(f"/api/practice/clients/{client_id}").json()["sessions"]
    return [note for session in sessions for note in session["notes"]]


def _write(pat: TestClient, world: World, words: str) -> int:
    """Pat's note on Ann's session, by the page; its id."""
    path = f"/practice/clients/{world.ids['client']}/sessions/{world.ids['session']}/notes"
    assert pat.post(path, data={"text": words}, headers=FROM_THE_PAGE, follow_redirects=False).status_code == 303
    return int(_notes(pat, world.ids["client"])[-1]["id"])


def _sam_follows_ann(app: FastAPI, world: World) -> TestClient:
    """Sam, another practitioner of the Clinic, follows Ann too (she accepts his invitation); Sam signed in."""
    sam = browser(app, world.tokens["unlinked_practitioner"])
    code = sam.post("/api/practice/invites", json={"role": "client"}).json()["code"]
    body = {"code": code, "email": "ann@example.org", "password": PASSWORD, "name": "Ann", "consent": True}
    with TestClient(app) as ann:
        assert ann.post("/api/auth/accept-invite", json=body).status_code == 201
    return sam


def test_the_author_edits_and_deletes_a_note_on_the_page_and_the_client_sees_who_did(
    app: FastAPI, world: World
) -> None:
    client_id = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        note_id = _write(pat, world, "Knees togehter.")
        page = pat.get(f"/practice/clients/{client_id}").text
        assert "Edit or delete this note" in page and 'value="Knees togehter."' in page
        edited = pat.post(
            f"/practice/clients/{client_id}/notes/{note_id}",
            data={"text": "Knees together."},
            headers=FROM_THE_PAGE,
            follow_redirects=False,
        )
        on_it = f"/practice/clients/{client_id}#session-note-{note_id}"  # the page opens on the note
        assert edited.status_code == 303 and edited.headers["location"] == on_it
        assert [(n["author"], n["text"]) for n in _notes(pat, client_id)] == [("Pat Physio", "Knees together.")]
        with browser(app, world.tokens["client_a"]) as ann:
            assert [n["text"] for n in ann.get("/api/sync/notes").json()] == ["Knees together."]

        empty = pat.post(f"/practice/clients/{client_id}/notes/{note_id}", data={"text": "  "}, headers=FROM_THE_PAGE)
        assert empty.status_code == 422
        assert "The note is empty; write a sentence for your client, or delete the note." in empty.text
        assert '<details class="note-edit" open>' in empty.text  # the refused edit stays open where it was
        assert (
            pat.put(f"/api/practice/clients/{client_id}/notes/{note_id}", json={"text": "\x1b[31m"}).status_code == 422
        )

        deleted = pat.post(
            f"/practice/clients/{client_id}/notes/{note_id}/delete", headers=FROM_THE_PAGE, follow_redirects=False
        )
        assert deleted.status_code == 303
        assert _notes(pat, client_id) == []
        again = pat.post(f"/practice/clients/{client_id}/notes/{note_id}/delete", headers=FROM_THE_PAGE)
        assert again.status_code == 404
        assert "Edit or delete this note" not in pat.get(f"/practice/clients/{client_id}").text
    with browser(app, world.tokens["client_a"]) as ann:
        assert ann.get("/api/sync/notes").json() == []
        looked = ann.get("/sharing").text.split('id="looked-heading"')[1]
    assert "Pat Physio changed a note on a session" in looked
    assert "Pat Physio deleted a note on a session" in looked


def test_a_page_of_another_site_cannot_edit_or_delete_a_note(app: FastAPI, world: World) -> None:
    client_id = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        note_id = _write(pat, world, "Well done.")
        elsewhere = {"Origin": "http://evil.example"}
        assert (
            pat.post(f"/practice/clients/{client_id}/notes/{note_id}", data={"text": "x"}, headers=elsewhere)
        ).status_code == 403
        assert pat.post(f"/practice/clients/{client_id}/notes/{note_id}/delete", headers=elsewhere).status_code == 403
        assert [n["text"] for n in _notes(pat, client_id)] == ["Well done."]


def test_another_practitioner_who_follows_the_client_cannot_change_the_authors_note(app: FastAPI, world: World) -> None:
    client_id = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        note_id = _write(pat, world, "Well done.")
    with _sam_follows_ann(app, world) as sam:
        assert "Pat Physio: Well done." in (page := sam.get(f"/practice/clients/{client_id}").text)
        assert "Edit or delete this note" not in page
        refused = sam.put(f"/api/practice/clients/{client_id}/notes/{note_id}", json={"text": "Mine now."})
        assert refused.status_code == 403
        assert refused.json()["detail"] == "only Pat Physio, who wrote this note, can change or delete it"
        assert sam.delete(f"/api/practice/clients/{client_id}/notes/{note_id}").status_code == 403
        assert [n["text"] for n in _notes(sam, client_id)] == ["Well done."]


def test_a_note_kept_before_its_author_was_noted_is_any_followers_and_becomes_the_editors(
    world: World, tmp_path: Path
) -> None:
    url = world.copy_to(tmp_path)
    app = practice_app(url, world.clock)
    client_id = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        note_id = _write(pat, world, "Well done.")
    engine = create_engine(url)
    with engine.begin() as connection:  # as r0023_note_author leaves a note written before it
        connection.execute(text("UPDATE session_notes SET author_account_id = NULL"))
    engine.dispose()
    with _sam_follows_ann(app, world) as sam:
        assert "Edit or delete this note" in sam.get(f"/practice/clients/{client_id}").text
        changed = sam.put(f"/api/practice/clients/{client_id}/notes/{note_id}", json={"text": "Slower, please."})
        assert changed.status_code == 204
        assert [(n["author"], n["text"]) for n in _notes(sam, client_id)] == [("Sam Second", "Slower, please.")]
    with browser(app, world.tokens["linked_practitioner"]) as pat:  # Sam's words now: Pat's no longer to change
        assert pat.delete(f"/api/practice/clients/{client_id}/notes/{note_id}").status_code == 403


def test_the_next_sync_carries_an_edit_and_a_deletion_to_the_clients_crest(world: World, tmp_path: Path) -> None:
    (tmp_path / "server").mkdir()
    app = practice_app(world.copy_to(tmp_path / "server"), world.clock)
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        session_id = linked_with_a_rest(app, world, home, local, clock)
        with browser(app, world.tokens["linked_practitioner"]) as pat:
            [cleo] = [row for row in pat.get("/api/practice/clients").json() if row["name"] == "Cleo"]
            [on_server] = pat.get(f"/api/practice/clients/{cleo['id']}").json()["sessions"]
            notes = f"/api/practice/clients/{cleo['id']}/sessions/{on_server['id']}/notes"
            assert pat.post(notes, json={"text": "Feet flta."}).status_code == 201
            assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().notes == 1
            assert [n.text for n in local.reports.session_notes()[session_id]] == ["Feet flta."]

            [note] = _notes(pat, cleo["id"])
            # named through another client of Pat's, Cleo's note is not found: every lookup starts from the client
            elsewhere = f"/api/practice/clients/{world.ids['client']}/notes/{note['id']}"
            assert pat.put(elsewhere, json={"text": "Not Ann's."}).status_code == 404
            assert pat.delete(elsewhere).status_code == 404
            fixed = pat.post(
                f"/practice/clients/{cleo['id']}/notes/{note['id']}",
                data={"text": "Feet flat."},
                headers=FROM_THE_PAGE,
                follow_redirects=False,
            )
            assert fixed.status_code == 303
            assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().notes == 1
            assert [n.text for n in local.reports.session_notes()[session_id]] == ["Feet flat."]

            assert pat.delete(f"/api/practice/clients/{cleo['id']}/notes/{note['id']}").status_code == 204
            assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().notes == 0
            assert local.reports.session_notes() == {}
