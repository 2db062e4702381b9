"""The web app over a new SQLite journal of the test's own (a copy of one crest created), with a clock the test
moves by hand."""

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.web.app import create_app
from support.clock import FakeClock
from support.new_journals import copy_journal


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, created_journal: Path) -> FastAPI:
    monkeypatch.setenv("CREST_HOME", str(tmp_path))
    return create_app(copy_journal(created_journal, tmp_path / "crest.db"), clock=clock, local_zone=UTC)


@pytest.fixture
def unanswered(app: FastAPI) -> Iterator[TestClient]:
    """A browser on a journal whose person has not answered the safety questions yet (a first visit)."""
    with TestClient(app, base_url="http://127.0.0.1:8765") as test_client:  # a name crest is served as
        yield test_client


@pytest.fixture
def client(unanswered: TestClient) -> TestClient:
    """A browser on a journal whose person has answered the safety questions (no concern): a session may start."""
    questions = unanswered.get("/api/safety/questions").json()
    answered = unanswered.post("/api/safety/answers", json={"answers": {q["id"]: False for q in questions}})
    assert answered.status_code == 200
    return unanswered


@pytest.fixture
def cleared(client: TestClient) -> TestClient:
    """The same answered browser, by the name the safety tests read best."""
    return client
