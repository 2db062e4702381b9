"""A practitioner's notes on a linked client's sessions reach the client's own crest at its next `crest sync`: on
the session they were written on, in the Journal and on the session's page, and an edit or a deletion on the
server follows at the sync after. Before, the client's own crest never showed them."""

from __future__ import annotations

import json
from datetime import UTC
from html import escape
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from crest.journal import capacity
from crest.journal.records import CheckIn, PainRating, PsfsActivity
from crest.journal.vocabulary import CheckInTiming, Region, SessionStatus, Side
from crest.services.bundle import Services
from crest.services.practice_link import PracticeLink
from crest.services.sync import UnreadableNotes
from crest.web.app import create_app
from support.clock import FakeClock
from support.practice_web import InProcess, World, browser, link_as_cleo, local_crest, practice_app

LONG_NOTE = "Keep <b>your</b> knees up & feet flat; " + "breathe out slowly, " * 40


def _sessions(local: Services, clock: FakeClock) -> list[int]:
    ids = []
    for _ in range(2):
        session = local.practice.start(10, "standard")
        clock.advance(600)
        local.practice.finish(session.id or 0, 600, SessionStatus.COMPLETED)
        clock.advance(86_400)
        ids.append(session.id or 0)
    return ids


def _note_on_server(app: FastAPI, world: World, session_index: int, note: str) -> None:
    """Pat writes `note` on Cleo's session (oldest first) through the practice's page."""
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        [row] = [row for row in pat.get("/api/practice/clients").json() if row["name"] == "Cleo"]
        sessions = sorted(pat.get(f"/api/practice/clients/{row['id']}").json()["sessions"], key=lambda s: s["id"])
        written = pat.post(
            f"/practice/clients/{row['id']}/sessions/{sessions[session_index]['id']}/notes",
            data={"text": note},
            follow_redirects=False,
        )
        assert written.status_code == 303, written.text


def _linked_with_a_note(app: FastAPI, world: World, home: Path, local: Services, clock: FakeClock) -> int:
    """Cleo's crest in `home` linked, with Pat's note on the second of two sessions pulled; that session's id."""
    _, second = _sessions(local, clock)
    link_as_cleo(app, world, home, local, clock)
    PracticeLink(home, local.sync, clock, InProcess(app)).sync()
    _note_on_server(app, world, 1, "Well done.")
    PracticeLink(home, local.sync, clock, InProcess(app)).sync()
    return second


def _on_server(url: str, statement: str, **values: Any) -> None:
    """A change made to the practice's database itself (test_note_edit_web makes them through its pages)."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement), values)
    finally:
        engine.dispose()


def _local_pages(home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, *paths: str) -> list[str]:
    monkeypatch.setenv("CREST_HOME", str(home))
    local_app = create_app(f"sqlite:///{home / 'crest.db'}", clock=clock, local_zone=UTC)
    with TestClient(local_app, base_url="http://127.0.0.1:8765") as client:
        return [client.get(path).text for path in paths]


def test_a_note_written_at_the_practice_shows_on_the_linked_crest_after_a_sync_and_follows_edits(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "server").mkdir()
    server_url = world.copy_to(tmp_path / "server")
    app = practice_app(server_url, world.clock)
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        first, second = _sessions(local, clock)
        link_as_cleo(app, world, home, local, clock)
        assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().notes == 0
        _note_on_server(app, world, 1, LONG_NOTE.strip())
        result = PracticeLink(home, local.sync, clock, InProcess(app)).sync()
        assert result.notes == 1
        [note] = local.reports.session_notes()[second]
        assert (note.author_name, note.text) == ("Pat Physio", LONG_NOTE.strip())
        assert first not in local.reports.session_notes()

    written = world.clock().astimezone(UTC)
    heading = f"Note from Pat Physio, {written.day} {written:%b}"
    journal, edit = _local_pages(home, clock, monkeypatch, "/journal", f"/session/edit?session_id={second}")
    shown = f'<p class="practitioner-note"><span class="note-from">{heading}:</span> {escape(LONG_NOTE.strip())}</p>'
    assert shown in journal and shown in edit  # escaped: the practitioner's words are never markup
    assert "<b>your</b>" not in journal
    row_of_first = journal.split(f'id="session-{first}"')[1].split("</tr>")[0]
    assert "practitioner-note" not in row_of_first

    _on_server(server_url, "UPDATE session_notes SET text = 'Feet flat.'")
    _on_server(  # kept before names were checked for direction controls: never sent, and never a 500
        server_url,
        "INSERT INTO session_notes (person_id, session_id, author_name, text, created_at, pulled) "
        "SELECT person_id, session_id, :name, 'Hidden.', created_at, pulled FROM session_notes",
        name="Pat \u202eevil",
    )
    with local_crest(home, clock) as local:
        assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().notes == 1
        assert [n.text for n in local.reports.session_notes()[second]] == ["Feet flat."]
    _on_server(server_url, "DELETE FROM session_notes WHERE text = 'Feet flat.'")
    with local_crest(home, clock) as local:
        assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().notes == 0
        assert local.reports.session_notes() == {}
    [journal] = _local_pages(home, clock, monkeypatch, "/journal")
    assert "practitioner-note" not in journal


def test_notes_the_crest_will_not_keep_are_refused_and_the_kept_ones_stay(world: World, tmp_path: Path) -> None:
    (tmp_path / "server").mkdir()
    app = practice_app(world.copy_to(tmp_path / "server"), world.clock)
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        second = _linked_with_a_note(app, world, home, local, clock)
        uid = local.sync.outgoing().uids["sessions"][second]

        good = {"session_uid": uid, "author": "Pat Physio", "text": "Fine.", "written_at": "2026-12-03T09:30:00Z"}
        for bad, said in (
            ({"text": "x" * 1001}, "note 1, text: longer than 1000 characters"),
            ({"text": "Ring \x1b[31mnow"}, "note 1, text: the note contains a hidden control character"),
            (
                {"text": "Ring \x7fnow"},
                "note 1, text: the note contains a hidden control character (\\x7f)",
            ),
            (
                {"text": "Ring \x9b31mnow"},
                "note 1, text: the note contains a hidden control character (\\x9b)",
            ),
            (
                {"text": "Ring \u202ewon"},
                "note 1, text: the note contains a hidden control character (\\u202e)",
            ),
            ({"text": "  "}, "note 1, text: the note is empty"),
            (
                {"author": "Pat\u202eevil"},
                "note 1, author: the note's author contains a hidden control character (\\u202e)",
            ),
            ({"session_uid": "../1"}, "note 1, session: not a session crest sent"),
            ({"written_at": "2026-12-03T09:30:00"}, "note 1, time written: a time without its time zone"),
            ({"written_at": "soon"}, "note 1, time written: not a date and time"),
        ):
            lying = _Answering(app, [good | bad])
            with pytest.raises(UnreadableNotes, match="the practice sent notes on your sessions that crest will") as e:
                PracticeLink(home, local.sync, clock, lying).sync()
            assert said in e.value.message
            assert [n.text for n in local.reports.session_notes()[second]] == ["Well done."]
        with pytest.raises(UnreadableNotes, match=r"will not keep \(not a list of notes\)"):
            PracticeLink(home, local.sync, clock, _Answering(app, {"notes": []})).sync()
        # a note of another shape: said in the person's words, never by the name of crest's own class for a note
        for not_a_note in ("Fine.", [good], None):
            with pytest.raises(UnreadableNotes, match=r"will not keep \(note 2: not a note\)"):
                PracticeLink(home, local.sync, clock, _Answering(app, [good, not_a_note])).sync()


class _Answering(InProcess):
    """The practice, but its notes are `notes` (what a broken or hostile server could send)."""

    def __init__(self, app: FastAPI, notes: object) -> None:
        super().__init__(app)
        self.notes = notes

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        if url.endswith("/api/sync/notes"):
            return self.notes
        return super().__call__(method, url, body, token)


def test_a_client_signed_in_at_the_practice_reads_the_note_in_their_journal_too(app: FastAPI, world: World) -> None:
    """The Journal is one page at both doors: a client who keeps their journal on the practice's server reads a
    note under its session there as well as under My practitioner."""
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        note = f"/practice/clients/{world.ids['client']}/sessions/{world.ids['session']}/notes"
        assert pat.post(note, data={"text": "Lovely & slow."}, follow_redirects=False).status_code == 303
    with browser(app, world.tokens["client_a"]) as ann:
        journal = ann.get("/journal").text
    row = journal.split(f'id="session-{world.ids["session"]}"')[1].split("</tr>")[0]
    assert '<span class="note-from">Note from Pat Physio, ' in row and "</span> Lovely &amp; slow.</p>" in row


def test_the_practice_takes_no_more_notes_than_a_linked_crest_keeps(
    app: FastAPI, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client's crest refuses every note when the practice sends more than capacity.SESSION_NOTES (each sync then
    fails), so the practice refuses the note past that count, in one line, and sends what it took."""
    monkeypatch.setattr(capacity.SESSION_NOTES, "most", 2)
    note = f"/api/practice/clients/{world.ids['client']}/sessions/{world.ids['session']}/notes"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert [pat.post(note, json={"text": f"Note {n}."}).status_code for n in range(2)] == [201, 201]
        refused = pat.post(note, json={"text": "One too many."})
        page = pat.post(note.removeprefix("/api"), data={"text": "One too many."}, follow_redirects=False)
    assert refused.status_code == 422
    assert "the client's journal would hold 3 notes on sessions; crest takes at most 2" in refused.json()["detail"]
    assert page.status_code == 422  # the client's page again, as for an empty note
    assert "crest takes at most 2 in one journal" in page.text  # the note kept
    assert "One too many." in page.text
    with browser(app, world.tokens["client_a"]) as ann:
        assert [sent["text"] for sent in ann.get("/api/sync/notes").json()] == ["Note 0.", "Note 1."]


class _Recording(InProcess):
    """The practice, and every body the crest sent it."""

    def __init__(self, app: FastAPI) -> None:
        super().__init__(app)
        self.sent: list[str] = []

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        if body is not None:
            self.sent.append(json.dumps(body))
        return super().__call__(method, url, body, token)


def _server_sessions(app: FastAPI, world: World) -> list[dict[str, Any]]:
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        [row] = [row for row in pat.get("/api/practice/clients").json() if row["name"] == "Cleo"]
        sessions: list[dict[str, Any]] = pat.get(f"/api/practice/clients/{row['id']}").json()["sessions"]
        return sessions


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_a_restored_backup_keeps_the_notes_and_the_next_sync_sends_none_back(
    world: World, tmp_path: Path, format_name: str
) -> None:
    """Restored from its export, a linked crest shows its practitioners' notes at once, on the sessions the practice
    knows (their uids travel with them): the sync after pushes no note back, nor the sessions again. Before, the
    notes were not in the export, and the sessions came back under new uids, so the next sync pushed them as new
    and deleted the ones the notes were written on."""
    (tmp_path / "server").mkdir()
    app = practice_app(world.copy_to(tmp_path / "server"), world.clock)
    clock = FakeClock()
    home = tmp_path / "home"
    backup = tmp_path / f"backup.{format_name}"
    with local_crest(home, clock) as local:
        second = _linked_with_a_note(app, world, home, local, clock)
        local.transfer.export_to_file(backup, format_name)
        on_server = _server_sessions(app, world)

        local.transfer.delete_everything()
        assert local.transfer.import_file(backup).session_notes == 1
        assert [note.text for note in local.reports.session_notes()[second]] == ["Well done."]

        recording = _Recording(app)
        result = PracticeLink(home, local.sync, clock, recording).sync()
        assert "sessions" not in result.sent and result.notes == 1
        assert not any("Well done." in body for body in recording.sent)
        assert _server_sessions(app, world) == on_server
        assert [note.text for note in local.reports.session_notes()[second]] == ["Well done."]


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_a_restored_backup_keeps_every_records_uid_and_the_next_sync_sends_nothing(
    world: World, tmp_path: Path, format_name: str
) -> None:
    """The check-ins, safety answers and PSFS entries keep their uids through a restore too: the sync after sends
    nothing and deletes nothing. Before, they came back under new uids, so it pushed each again and deleted the
    practice's copies."""
    (tmp_path / "server").mkdir()
    app = practice_app(world.copy_to(tmp_path / "server"), world.clock)
    clock = FakeClock()
    home = tmp_path / "home"
    backup = tmp_path / f"backup.{format_name}"
    with local_crest(home, clock) as local:  # its safety answers given
        local.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.HIP, 3, Side.LEFT),), note="stiff"))
        second = _linked_with_a_note(app, world, home, local, clock)
        local.check_ins.add(CheckIn(at=clock(), timing=CheckInTiming.AFTER, session_id=second, note="easier"))
        local.daily_activities.record([PsfsActivity("gardening", 4)])
        first = PracticeLink(home, local.sync, clock, InProcess(app)).sync()
        assert first.sent == {"sessions": 1, "check_ins": 1, "psfs": 1}
        uids = local.sync.outgoing().uids
        local.transfer.export_to_file(backup, format_name)

        local.transfer.delete_everything()
        local.transfer.import_file(backup)
        assert local.sync.outgoing().uids == uids

        recording = _Recording(app)
        result = PracticeLink(home, local.sync, clock, recording).sync()
        assert (result.sent, result.deleted, result.notes) == ({}, 0, 1)
        assert not any('"journal"' in body for body in recording.sent)
