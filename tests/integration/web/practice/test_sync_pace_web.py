"""`crest sync`'s requests are counted per account: past SYNC_REQUESTS in SYNC_WINDOW the practice answers 429
with Retry-After and one line of JSON, until the window has passed. Another client is unaffected, every computer
of one account shares its count, two workers share one count, and unlinking (stopping sharing, ending a computer's
token) is never refused.
Before, a linked crest (or a stolen token) could push and pull without end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.cli import practice_cmd
from crest.journal.records import JournalContents
from crest.journal.transfer.json_format import export_json
from crest.journal.vocabulary import SessionStatus
from crest.services import accounts, practice_link
from crest.services.audit import Audited
from crest.services.bundle import Services
from crest.services.practice_link import AskedToWait, PracticeLink, asked_to_wait
from support.clock import FakeClock
from support.practice_web import InProcess, World, browser, link_as_cleo, local_crest, practice_app, sign_in

FEW = 5  # the limit these tests lower it to: each request costs time, and the rule is the same
EMPTY_PUSH = {"journal": export_json(JournalContents()), "uids": {}}


@pytest.fixture
def few(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "SYNC_REQUESTS", FEW)


@pytest.fixture
def clock(world: World) -> FakeClock:
    """A clock of this test's own, a window after the world's time (building it asked what Ann shares, which
    counts): moving it leaves the other tests' sign-ins open."""
    return FakeClock(world.clock() + accounts.SYNC_WINDOW)


@pytest.fixture
def server(world: World, clock: FakeClock, tmp_path: Path) -> FastAPI:
    return practice_app(world.copy_to(tmp_path), clock)


def _linked(app: FastAPI, world: World, actor: str) -> dict[str, str]:
    """The headers of a crest linked to `actor`'s account (a computer of its own each call)."""
    door = app.state.practice_door
    client, account = door.accounts.actor_for_session(world.tokens[actor])
    return {"Authorization": f"Bearer {door.accounts.link_device(client, account, 'laptop')}"}


def test_past_the_limit_every_sync_route_answers_429_with_retry_after_until_the_window_has_passed(
    few: None, server: FastAPI, world: World, clock: FakeClock
) -> None:
    with TestClient(server) as http:
        ann = _linked(server, world, "client_a")
        for _ in range(FEW):
            assert http.get("/api/sync/prescription", headers=ann).status_code == 200
        clock.advance(60)
        for refused in (
            http.post("/api/sync/push", json=EMPTY_PUSH, headers=ann),
            http.get("/api/sync/prescription", headers=ann),
            http.get("/api/sync/notes", headers=ann),
            http.get("/api/sync/held", headers=ann),
        ):
            assert (refused.status_code, refused.headers.get("retry-after")) == (429, "540")
            assert refused.json() == {"detail": "crest sync asked too often; wait 540 seconds and try again"}
        clock.advance(539)
        assert http.get("/api/sync/notes", headers=ann).headers.get("retry-after") == "1"
        clock.advance(1)  # the first five are a whole window old
        assert http.post("/api/sync/push", json=EMPTY_PUSH, headers=ann).status_code == 200
        assert http.get("/api/sync/notes", headers=ann).status_code == 200


def test_asking_what_is_shared_counts_too_and_the_my_practitioner_page_is_never_held_back(
    few: None, server: FastAPI, world: World
) -> None:
    """`crest sync` asks /api/account/sharing first each time: before, a token could ask it without end."""
    with TestClient(server) as http, browser(server, world.tokens["client_a"]) as page:
        ann = _linked(server, world, "client_a")
        for _ in range(FEW - 1):
            assert http.get("/api/account/sharing", headers=ann).status_code == 200
        assert http.get("/api/sync/prescription", headers=ann).status_code == 200  # one count for all of them
        refused = http.get("/api/account/sharing", headers=ann)
        assert (refused.status_code, refused.headers.get("retry-after")) == (429, "600")
        assert refused.json() == {"detail": "crest sync asked too often; wait 600 seconds and try again"}
        assert http.get("/api/sync/notes", headers=ann).status_code == 429
        for _ in range(3):  # the page reads the links itself: visits are not counted, nor refused past the limit
            visit = page.get("/sharing")
            assert visit.status_code == 200
            assert "Untick to stop sharing" in visit.text
        refusals = server.state.practice_door.audit.entries(Audited.DENIED)
        assert [entry.outcome for entry in refusals].count("rate_limited") == 2


def test_one_account_counts_for_all_its_computers_and_another_client_is_unaffected(
    few: None, server: FastAPI, world: World
) -> None:
    with TestClient(server) as http:
        ann_laptop, ann_desktop = _linked(server, world, "client_a"), _linked(server, world, "client_a")
        ben = _linked(server, world, "client_b")
        for _ in range(FEW):
            assert http.get("/api/sync/notes", headers=ann_laptop).status_code == 200
        assert http.get("/api/sync/notes", headers=ann_desktop).status_code == 429
        assert http.get("/api/sync/prescription", headers=ben).status_code == 200
        assert http.get("/api/sync/notes", headers=ben).status_code == 200
        # unlinking ends a token, and is never held back
        assert http.delete("/api/sync/device", headers=ann_laptop).status_code == 204
        assert http.get("/api/sync/notes", headers=ann_laptop).status_code == 401


def test_requests_without_a_valid_token_count_against_their_address_as_wrong_passwords_do(
    monkeypatch: pytest.MonkeyPatch, server: FastAPI, world: World, clock: FakeClock
) -> None:
    """Before, a token could be guessed without end: each wrong one was a 401, never counted."""
    guessed = {"Authorization": "Bearer not-a-token-of-anyones"}
    asks = (
        lambda http, headers: http.post("/api/sync/push", json=EMPTY_PUSH, headers=headers),
        lambda http, headers: http.get("/api/sync/prescription", headers=headers),
        lambda http, headers: http.get("/api/sync/notes", headers=headers),
        lambda http, headers: http.get("/api/sync/held", headers=headers),
        lambda http, headers: http.get("/api/account/sharing", headers=headers),
        lambda http, headers: http.delete("/api/sync/device", headers=headers),
        lambda http, headers: http.post("/api/sync/unlink", headers=headers),
    )
    monkeypatch.setattr(accounts, "FREE_FAILURES_PER_ADDRESS", len(asks))
    with TestClient(server) as http:  # every request from one address, "testclient"
        ann = _linked(server, world, "client_a")
        assert [ask(http, guessed).status_code for ask in asks] == [401] * len(asks)
        for ask in asks:
            refused = ask(http, guessed)
            assert (refused.status_code, refused.headers.get("retry-after")) == (429, "1")
            assert refused.json() == {"detail": "too many wrong passwords or tokens; wait 1 second and try again"}
        assert http.get("/api/sync/notes").status_code == 429  # no token at all counts as a wrong one
        # one count with wrong passwords: a guesser may try either
        signing_in = http.post("/api/auth/login", json={"email": "ann@example.org", "password": "guess"})
        assert signing_in.status_code == 429
        assert http.get("/api/sync/notes", headers=ann).status_code == 200  # a valid token is not held back
        clock.advance(1)
        assert http.get("/api/sync/notes", headers=guessed).status_code == 401  # counted: the next waits 2 s
        assert http.get("/api/sync/notes", headers=guessed).headers.get("retry-after") == "2"
    refusals = server.state.practice_door.audit.entries(Audited.DENIED)
    held_back = [entry for entry in refusals if entry.outcome == "rate_limited"]
    assert {(entry.address, entry.detail) for entry in held_back} == {("testclient", "address:testclient")}
    assert len(held_back) == len(asks) + 3  # each route's, the one without a token, the sign-in and the last


def test_two_workers_over_one_database_share_one_count(
    few: None, world: World, clock: FakeClock, tmp_path: Path
) -> None:
    url = world.copy_to(tmp_path)
    first, second = practice_app(url, clock), practice_app(url, clock)
    with TestClient(first) as one, TestClient(second) as other:
        ann = _linked(first, world, "client_a")
        for number in range(FEW):
            worker = one if number % 2 else other
            assert worker.get("/api/sync/prescription", headers=ann).status_code == 200
        assert one.get("/api/sync/prescription", headers=ann).status_code == 429
        assert other.get("/api/sync/prescription", headers=ann).status_code == 429


def test_a_crest_syncing_every_minute_with_a_new_session_each_time_is_never_held_back(
    server: FastAPI, world: World, clock: FakeClock, tmp_path: Path
) -> None:
    """The real limit: a sync is a few requests, so even a sync a minute for two windows stays far under it."""
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        link_as_cleo(server, world, home, local, clock)
        for _ in range(2 * int(accounts.SYNC_WINDOW.total_seconds() // 60)):
            session = local.practice.start(5, "standard")
            clock.advance(60)
            local.practice.finish(session.id or 0, 60, SessionStatus.ENDED_EARLY)
            assert PracticeLink(home, local.sync, clock, InProcess(server)).sync().sent["sessions"] == 1


def test_unlink_past_the_limit_still_stops_sharing_and_ends_the_token(
    few: None, server: FastAPI, world: World, clock: FakeClock, tmp_path: Path
) -> None:
    """Withdrawing is never held back. Before, crest unlink asked what is shared first, which counts: past the
    limit it said "sharing could not be stopped" and the person could not stop sharing from the terminal."""
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        link_as_cleo(server, world, home, local, clock)
        cleo = {"Authorization": f"Bearer {json.loads((home / 'practice-link.json').read_text())['token']}"}
        with TestClient(server) as http:
            for _ in range(FEW):
                assert http.get("/api/sync/prescription", headers=cleo).status_code == 200
            assert http.get("/api/account/sharing", headers=cleo).status_code == 429
            assert PracticeLink(home, local.sync, clock, InProcess(server)).unlink() is True
            assert not (home / "practice-link.json").exists()
            assert http.get("/api/sync/notes", headers=cleo).status_code == 401
    door = server.state.practice_door
    cleo_signed_in, _account = door.accounts.actor_for_session(sign_in(server, "cleo@example.org"))
    assert [view.shared for view in door.practice.sharing(cleo_signed_in)] == [False]


def _rests(local: Services, clock: FakeClock, count: int) -> None:
    for _ in range(count):
        session = local.practice.start(5, "standard")
        clock.advance(60)
        local.practice.finish(session.id or 0, 60, SessionStatus.ENDED_EARLY)


def test_a_sync_past_the_limit_waits_as_the_practice_asks_and_carries_on_to_its_end(
    few: None,
    server: FastAPI,
    world: World,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A first sync of over 60,000 records (300 batches of 200, past 300 requests in 10 minutes) was stopped half-way
    ('the practice is asking crest to wait 540 s; try again later') and had to be run again, two or three times at the
    caps (sync walk-through L8). It now waits as long as the practice asks, and carries on: here 7 rests and a safety
    screen, a batch each, under a limit of 5 requests (sharing, held, 3 pushes; wait; 5 pushes; wait; the pulls)."""
    monkeypatch.setattr(practice_link, "RECORDS_PER_BATCH", 1)
    home = tmp_path / "home"
    waited: list[float] = []

    def wait(seconds: float) -> None:
        waited.append(seconds)
        clock.advance(seconds)

    with local_crest(home, clock) as local:
        _rests(local, clock, 7)
        link_as_cleo(server, world, home, local, clock)
        said: list[int] = []
        result = PracticeLink(home, local.sync, clock, InProcess(server), wait=wait).sync(on_wait=said.append)
        assert result.sent == {"sessions": 7, "safety_screens": 1}
        assert waited == said == [600, 600]  # each as long as the practice asked
        clock.advance(600)  # the next sync, a window later: none sent again
        assert PracticeLink(home, local.sync, clock, InProcess(server), wait=wait).sync().sent == {}
    practice_cmd._waiting(540)
    assert capsys.readouterr().err == (
        "the practice takes only so many requests at a time: waiting 9 minutes as it asks, then crest sync carries on "
        "(stopping it now loses nothing: the next crest sync carries on from here)\n"
    )


class AlwaysWait(InProcess):
    """A practice that asks every push to wait, however long crest waited."""

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        if url.endswith("/api/sync/push"):
            raise asked_to_wait("60")
        return super().__call__(method, url, body, token)


def test_a_sync_asked_to_wait_again_at_once_stops_there_and_says_so(
    server: FastAPI, world: World, clock: FakeClock, tmp_path: Path
) -> None:
    """Waiting is bounded: once a request, never longer than LONGEST_WAIT_S; a sync that sent nothing yet stops at
    once, as before (the prescription asked too often: one line)."""
    home = tmp_path / "home"
    waited: list[float] = []
    with local_crest(home, clock) as local:
        _rests(local, clock, 1)
        link_as_cleo(server, world, home, local, clock)
        with pytest.raises(AskedToWait) as stopped:
            PracticeLink(home, local.sync, clock, AlwaysWait(server), wait=waited.append).sync()
    assert waited == [60] and stopped.value.message == "the practice is asking crest to wait 60 s; try again later"
