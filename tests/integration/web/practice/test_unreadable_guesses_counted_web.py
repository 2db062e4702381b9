"""A guessed token sent with a body or a query the route cannot read counts as a guess with a readable one does
(ASVS 5.0 6.3.1): a device token (Authorization: Bearer) or a sign-in cookie that is nobody's is refused 401 and
counted against its address, and past the free ones refused 429. Before, FastAPI refused the unreadable request
before the route's count ran: a guess for free, as many as one liked. A linked crest's own unreadable requests
count towards its sync pace too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from crest.services import accounts
from support.clock import FakeClock
from support.practice_web import World, browser, practice_app

FREE = 4
GUESSED_DEVICE = {"Authorization": "Bearer not-a-token-of-anyones"}

Ask = Callable[[TestClient, dict[str, str]], Response]
UNREADABLE: tuple[Ask, ...] = (
    lambda http, headers: http.post(
        "/api/sync/push", headers={**headers, "Content-Type": "application/json"}, content=b"{"
    ),
    lambda http, headers: http.post("/api/sync/push", headers=headers, json={"journal": 5, "uids": []}),
    lambda http, headers: http.get("/api/sync/held?limit=none", headers=headers),
    lambda http, headers: http.post("/api/sync/join", headers=headers, json={"code": ["a list"]}),
)


@pytest.fixture
def clock(world: World) -> FakeClock:
    """A clock of this test's own, past the world's counts."""
    return FakeClock(world.clock() + accounts.FAILURE_WINDOW)


@pytest.fixture
def server(world: World, clock: FakeClock, tmp_path: Path) -> FastAPI:
    return practice_app(world.copy_to(tmp_path), clock)


def _guessed_until_refused(http: TestClient, headers: dict[str, str]) -> None:
    assert [ask(http, headers).status_code for ask in UNREADABLE] == [401] * len(UNREADABLE)
    refused = UNREADABLE[0](http, headers)
    assert (refused.status_code, refused.headers.get("retry-after")) == (429, "1")
    assert refused.json() == {"detail": "too many wrong passwords or tokens; wait 1 second and try again"}
    # one count with readable guesses and wrong passwords
    assert http.get("/api/sync/notes", headers=headers).status_code == 429


def test_a_guessed_device_token_with_an_unreadable_body_counts_as_a_wrong_one(
    monkeypatch: pytest.MonkeyPatch, server: FastAPI
) -> None:
    monkeypatch.setattr(accounts, "FREE_FAILURES_PER_ADDRESS", len(UNREADABLE))
    with TestClient(server) as http:
        _guessed_until_refused(http, GUESSED_DEVICE)


def test_a_guessed_sign_in_cookie_with_an_unreadable_body_counts_as_a_wrong_one(
    monkeypatch: pytest.MonkeyPatch, server: FastAPI
) -> None:
    monkeypatch.setattr(accounts, "FREE_FAILURES_PER_ADDRESS", len(UNREADABLE))
    with browser(server, "not-a-sign-in-of-anyones") as http:
        _guessed_until_refused(http, {})


def test_a_linked_crests_unreadable_requests_count_towards_its_pace(
    monkeypatch: pytest.MonkeyPatch, server: FastAPI, world: World
) -> None:
    monkeypatch.setattr(accounts, "SYNC_REQUESTS", len(UNREADABLE))
    door = server.state.practice_door
    client, account = door.accounts.actor_for_session(world.tokens["client_a"])
    linked = {"Authorization": f"Bearer {door.accounts.link_device(client, account, 'laptop')}"}
    with TestClient(server) as http:
        assert [ask(http, linked).status_code for ask in UNREADABLE] == [422] * len(UNREADABLE)
        assert http.get("/api/sync/notes", headers=linked).status_code == 429
