"""The web app over a fresh SQLite journal, with a clock the test moves by hand."""

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.web.app import create_app
from support.clock import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    monkeypatch.setenv("CREST_HOME", str(tmp_path))
    return create_app(f"sqlite:///{tmp_path / 'crest.db'}", clock=clock, local_zone=UTC)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1:8765") as test_client:  # a name crest is served as
        yield test_client


@pytest.fixture
def cleared(client: TestClient) -> TestClient:
    """A client whose person has answered the safety questions with no concern."""
    questions = client.get("/api/safety/questions").json()
    response = client.post("/api/safety/answers", json={"answers": {q["id"]: False for q in questions}})
    assert response.status_code == 200
    return client
