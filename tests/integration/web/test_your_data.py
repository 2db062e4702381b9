"""Settings > Your data: restore a backup (or merge it), and delete everything once "delete" is typed."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from crest.journal.records import CheckIn, JournalContents, PracticeSession
from crest.journal.store import Journal
from crest.journal.transfer import export_text
from crest.journal.vocabulary import SessionStatus
from crest.web.context import UploadLimits


def _fill(client: TestClient, clock: Any) -> None:
    session = client.post("/api/sessions", json={"planned_minutes": 5}).json()
    clock.advance(300)
    client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 300, "status": "completed"})
    client.post(
        "/api/checkins", json={"session_id": session["id"], "pain": [{"region": "foot", "side": "left", "score": 3}]}
    )
    client.post("/api/checkins", json={"note": "stiff morning"})


def _counts(client: TestClient) -> tuple[int, int]:
    return len(client.get("/api/sessions").json()), len(client.get("/api/checkins").json())


def test_the_settings_page_offers_restore_and_delete(client: TestClient) -> None:
    page = client.get("/settings").text
    assert 'action="/settings/restore"' in page and 'enctype="multipart/form-data"' in page
    assert 'action="/settings/delete-everything"' in page
    assert "Type <strong>delete</strong> to confirm" in page
    assert "Everything stays on this computer." in page and "(empty: this computer's," in page


def test_delete_everything_needs_the_word_then_a_restore_brings_it_back(cleared: TestClient, clock: Any) -> None:
    _fill(cleared, clock)
    backup = cleared.get("/api/export", params={"format": "json"}).content

    for typed in ("", "yes", "delete it"):
        refused = cleared.post("/settings/delete-everything", data={"confirmation": typed})
        assert refused.status_code == 422
        assert "Nothing was deleted. To delete everything, type delete in the box." in refused.text
    assert _counts(cleared) == (1, 2)

    deleted = cleared.post("/settings/delete-everything", data={"confirmation": " Delete "})
    assert deleted.status_code == 200  # after the redirect
    assert str(deleted.url).endswith("/settings?deleted=true")
    assert "Everything is deleted" in deleted.text
    assert _counts(cleared) == (0, 0)
    assert cleared.get("/api/safety/latest").status_code == 404  # the safety questions come first again

    restored = cleared.post("/settings/restore", files={"file": ("journal.json", backup, "application/json")})
    assert restored.status_code == 200
    assert "Restored: 1 session, 2 check-ins, 1 set of safety answers." in restored.text
    assert _counts(cleared) == (1, 2)
    assert cleared.get("/api/export", params={"format": "json"}).content == backup


def test_delete_everything_keeps_a_standing_urgent_hold_and_says_so(cleared: TestClient, clock: Any) -> None:
    numb = {"region": "groin", "side": "both", "score": 3, "quality": "numb"}
    assert cleared.post("/api/checkins", json={"pain": [numb]}).status_code == 201
    assert "A standing urgent-care warning stays until Wed 20 May 17:30" in cleared.get("/settings").text

    deleted = cleared.post("/settings/delete-everything", data={"confirmation": "delete"})
    assert "Everything is deleted, but a standing urgent-care warning stays until Wed 20 May 17:30" in deleted.text
    assert _counts(cleared) == (0, 0)
    assert cleared.post("/api/sessions", json={"planned_minutes": 10}).status_code == 409
    assert "Please seek urgent medical care now" in cleared.get("/").text

    clock.advance(14 * 24 * 3600)  # once it ends, crest starts afresh
    assert "A standing urgent-care warning" not in cleared.get("/settings").text
    safety = cleared.get("/safety").text
    assert "Save my answers" in safety and "Please seek urgent medical care now" not in safety


def test_a_restore_into_a_journal_with_records_needs_merge_and_skips_what_is_there(
    client: TestClient, clock: Any
) -> None:
    _fill(client, clock)
    tables = client.get("/api/export", params={"format": "csv"}).content
    client.post("/api/checkins", json={"note": "only here"})

    refused = client.post("/settings/restore", files={"file": ("journal.zip", tables, "application/zip")})
    assert refused.status_code == 409
    assert "Nothing was restored: this journal is not empty (1 session, 3 check-ins" in refused.text
    assert "tick “Add it to what is already here” and restore it again." in refused.text
    assert "crest.db" not in refused.text and "crest import" not in refused.text  # no server path, no command
    assert _counts(client) == (1, 3)

    merged = client.post(
        "/settings/restore", files={"file": ("journal.zip", tables, "application/zip")}, data={"merge": "true"}
    )
    assert merged.status_code == 200
    # every record of the file is here already: said plainly, not as a row of noughts, as `crest import` says it
    assert "Nothing to add: every record in journal.zip is already here." in merged.text
    assert "Added:" not in merged.text
    assert _counts(client) == (1, 3)


def test_a_restore_says_how_many_sessions_are_demos_as_crest_import_does(unanswered: TestClient) -> None:
    real = PracticeSession(datetime(2026, 5, 1, 7, 30, tzinfo=UTC), 10, "standard", SessionStatus.COMPLETED, 600, id=1)
    demo = replace(real, id=2, started_at=real.started_at + timedelta(hours=1), demo=True)
    backup = export_text(JournalContents(sessions=(real, demo)), "json").encode()
    restored = unanswered.post("/settings/restore", files={"file": ("journal.json", backup, "application/json")})
    assert restored.status_code == 200, restored.text[:300]
    assert "Restored: 2 sessions (1 demo: run faster than real time, not counted as practice)" in restored.text


def test_a_file_that_is_not_an_export_is_explained_and_nothing_changes(client: TestClient) -> None:
    response = client.post("/settings/restore", files={"file": ("notes.json", b'{"format": "mine"}', "text/plain")})
    assert response.status_code == 422
    assert "notes.json line 1, field format" in response.text
    assert _counts(client) == (0, 0)


def test_a_backup_larger_than_a_form_is_restored(unanswered: TestClient) -> None:
    """Years of daily sessions with their breath readings export to more than the 1 MB any form takes; the export
    this page offers must come back through it (it was refused with 413, "more than crest ever sends")."""
    with Journal.open("sqlite://") as kept:
        for day in range(300):
            kept.add_checkin(CheckIn(at=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=day), note="x" * 4000))
        backup = export_text(kept.export_contents(), "json").encode()
    assert len(backup) > UploadLimits().max_body_bytes

    restored = unanswered.post("/settings/restore", files={"file": ("journal.json", backup, "application/json")})

    assert restored.status_code == 200, restored.text[:300]
    assert "Restored: 300 check-ins" in restored.text
    assert _counts(unanswered) == (0, 300)


def test_a_restore_over_the_cap_is_refused_in_one_line_and_restores_nothing(
    cleared: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crest.journal import capacity
    from support.many_records import sessions

    monkeypatch.setattr(capacity.SESSIONS, "most", 3)
    big = export_text(sessions(4), "json").encode()
    refused = cleared.post("/settings/restore", files={"file": ("big.json", big, "application/json")})
    assert refused.status_code == 422
    assert "big.json holds more than 3 sessions; crest takes at most 3 in one journal." in refused.text
    assert _counts(cleared) == (0, 0)
    at_the_cap = export_text(sessions(3), "json").encode()
    restored = cleared.post(
        "/settings/restore", files={"file": ("journal.json", at_the_cap, "application/json")}, data={"merge": "true"}
    )
    assert restored.status_code == 200 and _counts(cleared) == (3, 0)


def test_a_file_of_another_program_is_said_of_the_whole_file_not_of_its_line_1(client: TestClient) -> None:
    # Walk L3: "notaphoto.jpg line 1: this is not a crest export", as if line 1 were the one to mend.
    response = client.post("/settings/restore", files={"file": ("notaphoto.jpg", b"just some words\n", "image/jpeg")})
    assert response.status_code == 422
    assert "notaphoto.jpg: this is not a crest export" in response.text
    assert "line 1" not in response.text
    assert _counts(client) == (0, 0)
