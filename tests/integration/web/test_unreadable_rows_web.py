"""A journal row edited by hand into a value crest refuses: the pages that read still open, each naming the row in
one line, and the export is every other record, with the row it left out named in a header; never a 500."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

CORRUPTIONS = {
    "pain-score-14": ("UPDATE pain_ratings SET score = 14 WHERE check_in_id = 2", "check_ins row 2 (pain score"),
    "time-that-is-no-time": ("UPDATE check_ins SET at = 'yesterday' WHERE id = 2", "check_ins row 2 (the check-in"),
    "unknown-status": ("UPDATE practice_sessions SET status = 'paused' WHERE id = 2", "practice_sessions row 2 ("),
}


@pytest.fixture(params=list(CORRUPTIONS))
def named(request: pytest.FixtureRequest, client: TestClient, tmp_path: Path) -> str:
    for day in ("01", "02"):
        logged = client.post(
            "/api/sessions/logged", json={"started_at": f"2026-04-{day}T08:00:00+00:00", "minutes": 15}
        )
        assert logged.status_code == 201, logged.text
        pain = [{"region": "lower_back", "score": 4}]
        saved = client.post("/api/checkins", json={"at": f"2026-04-{day}T10:00:00+00:00", "pain": pain})
        assert saved.status_code == 201, saved.text
    statement, named = CORRUPTIONS[request.param]
    with sqlite3.connect(tmp_path / "crest.db") as db:
        db.execute(statement)
    return named


@pytest.mark.parametrize("path", ["/journal", "/progress", "/", "/report"])
def test_pages_that_read_open_and_name_the_row(client: TestClient, named: str, path: str) -> None:
    page = client.get(path)

    assert page.status_code == 200, page.text
    notice = page.text.split('id="left-out">', 1)[1].split("</p>", 1)[0]
    assert named in notice and "correct or delete it" in notice


@pytest.mark.parametrize("path", ["/api/sessions", "/api/checkins", "/api/progress"])
def test_the_api_leaves_the_row_out(client: TestClient, named: str, path: str) -> None:
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("format_name", ["json", "csv", "fhir"])
def test_the_export_holds_every_other_record_and_names_the_row(
    client: TestClient, named: str, format_name: str
) -> None:
    exported = client.get("/api/export", params={"format": format_name})

    assert exported.status_code == 200, exported.text
    assert named.replace("“", '"') in exported.headers["X-Crest-Left-Out"]
    if format_name == "json":
        contents = json.loads(exported.content)
        assert len(contents["sessions"]) + len(contents["check_ins"]) == 3
