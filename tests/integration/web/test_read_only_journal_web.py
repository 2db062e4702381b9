"""crest serve on a journal the person may read but not write (chmod 400, a folder not theirs): every page shows it,
and every change (a check-in, a rest, a setting) is answered with the one line that says it is read-only and how
to write it, never a 500; the session page says that line at once, before any setup step."""

import html
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crest.web.app import create_app
from support.clock import FakeClock
from support.read_only_journal import READ_ONLY, not_writable


@pytest.fixture
def read_only(
    client: TestClient, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    assert client.post("/api/checkins", json={"note": "kept"}).status_code == 201
    client.__exit__(None, None, None)  # the app that wrote it is closed
    path = tmp_path / "crest.db"
    path.chmod(0o400)
    not_writable(monkeypatch, path)
    app = create_app(f"sqlite:///{path}", clock=clock, local_zone=UTC)
    with TestClient(app, base_url="http://127.0.0.1:8765") as browser:
        yield browser
    path.chmod(0o600)


def test_pages_show_it_and_changes_are_refused_in_one_line(read_only: TestClient, tmp_path: Path) -> None:
    for page in ("/", "/journal", "/progress", "/settings", "/checkin", "/safety", "/report"):
        assert read_only.get(page).status_code == 200, page
    assert read_only.get("/api/checkins").json()[0]["note"] == "kept"
    line = f"the journal at {tmp_path / 'crest.db'} {READ_ONLY}"
    # The session page says it at once, as `crest session` does: not after the setup steps and an unsaved rest.
    session_page = read_only.get("/session")
    assert session_page.status_code == 503
    assert "Start the rest" not in session_page.text and "stage-ready" not in session_page.text
    assert html.escape(line[0].upper() + line[1:], quote=True) in session_page.text  # said as a sentence
    for method, address, body in (
        ("POST", "/api/checkins", {"note": "new"}),
        ("POST", "/api/sessions", {"planned_minutes": 15, "variant": "standard"}),
        ("PUT", "/api/settings", {"default_minutes": 20}),
    ):
        answer = read_only.request(method, address, json=body)
        assert answer.status_code == 503, (address, answer.text)
        assert line in answer.json()["detail"] and "\n" not in answer.json()["detail"], address
