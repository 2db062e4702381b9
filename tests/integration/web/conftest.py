"""The web app over a fresh SQLite journal, with a clock the test moves by hand."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.web.app import create_app

START = datetime(2026, 5, 6, 17, 30, tzinfo=UTC)  # a Wednesday, after work


@dataclass
class FakeClock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    monkeypatch.setenv("CREST_HOME", str(tmp_path))
    return create_app(f"sqlite:///{tmp_path / 'crest.db'}", clock=clock, local_zone=UTC)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def cleared(client: TestClient) -> TestClient:
    """A client whose person has answered the safety questions with no concern."""
    questions = client.get("/api/safety/questions").json()
    response = client.post("/api/safety/answers", json={"answers": {q["id"]: False for q in questions}})
    assert response.status_code == 200
    return client
