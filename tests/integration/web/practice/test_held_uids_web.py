"""GET /api/sync/held: the uids of the records a linked crest pushed that the practice still holds, so that a crest
whose practice-sync.json was deleted can still tell the practice which of them were deleted since. Only what that
computer pushed: never another person's records, never what the person entered on the practice's own pages, never
what another of their computers pushed (a crest deletes at the practice what its own journal no longer has, and
those it never had). Before, no route told a crest what the practice held."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.journal.records import CheckIn, PainRating, PsfsActivity
from crest.journal.vocabulary import CheckInTiming, Region, SessionStatus, Side
from crest.services.bundle import Services
from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import InProcess, World, browser, local_crest

KINDS = ("sessions", "check_ins", "safety_screens", "psfs")


def _linked_computer(app: FastAPI, world: World, actor: str, home: Path, clock: FakeClock) -> str:
    """A crest in `home` linked to `actor`'s account as `crest link` leaves it; its device token."""
    door = app.state.practice_door
    client, account = door.accounts.actor_for_session(world.tokens[actor])
    token: str = door.accounts.link_device(client, account, "laptop")
    home.mkdir(exist_ok=True)
    link = {"url": "https://practice.test", "token": token, "practice": "Clinic", "linked_at": clock().isoformat()}
    (home / "practice-link.json").write_text(json.dumps(link))
    (home / "practice-sync.json").write_text("{}")
    return token


def _practise(local: Services, clock: FakeClock, sessions: int) -> None:
    """`sessions` sessions, each with a check-in after it, and a PSFS round."""
    for _ in range(sessions):
        session = local.practice.start(10, "standard")
        clock.advance(600)
        local.practice.finish(session.id or 0, 600, SessionStatus.COMPLETED)
        pain = (PainRating(Region.HIP, 3, Side.LEFT),)
        local.check_ins.add(CheckIn(at=clock(), timing=CheckInTiming.AFTER, session_id=session.id, pain=pain))
        clock.advance(86_400)
    local.daily_activities.record((PsfsActivity("sitting", 6),))


def _uids(local: Services) -> dict[str, list[str]]:
    return {kind: sorted(uids.values()) for kind, uids in local.sync.outgoing().uids.items()}


def _held(http: TestClient, token: str) -> dict[str, list[str]]:
    answer = http.get("/api/sync/held", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["next"] is None  # all on one page
    return {kind: answer.json()[kind] for kind in KINDS}


def test_each_computer_is_told_only_the_records_it_pushed_and_the_practice_still_holds(
    app: FastAPI, world: World, tmp_path: Path
) -> None:
    clock = FakeClock()
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    laptop_token = _linked_computer(app, world, "client_a", laptop, clock)
    desktop_token = _linked_computer(app, world, "client_a", desktop, clock)
    ben_token = _linked_computer(app, world, "client_b", tmp_path / "ben", clock)
    with TestClient(app) as http:
        assert _held(http, laptop_token) == {kind: [] for kind in KINDS}  # linked, nothing pushed yet
        with local_crest(laptop, clock) as local:
            _practise(local, clock, 2)
            PracticeLink(laptop, local.sync, clock, InProcess(app)).sync()
            on_laptop = _uids(local)
        with local_crest(desktop, clock) as local:
            _practise(local, clock, 1)
            PracticeLink(desktop, local.sync, clock, InProcess(app)).sync()
            on_desktop = _uids(local)
        assert [len(on_laptop[kind]) for kind in KINDS] == [2, 2, 1, 1]

        assert _held(http, laptop_token) == on_laptop
        assert _held(http, desktop_token) == on_desktop
        # Ann's records entered on the practice's own pages (the world's: one of each kind) are held there too,
        # but no computer pushed them
        door = app.state.practice_door
        ann, _ = door.accounts.actor_for_session(world.tokens["client_a"])
        at_the_practice = _uids(door.services_for(ann.person_id))
        entered = {kind: set(at_the_practice[kind]) - {*on_laptop[kind], *on_desktop[kind]} for kind in KINDS}
        assert [len(entered[kind]) for kind in KINDS] == [1, 1, 1, 1]
        # another person's computer is never told Ann's
        assert _held(http, ben_token) == {kind: [] for kind in KINDS}

        with local_crest(laptop, clock) as local:  # a deletion at the next sync: no longer held
            local.check_ins.delete(local.check_ins.list_check_ins()[0].id or 0)
            PracticeLink(laptop, local.sync, clock, InProcess(app)).sync()
            after = _uids(local)
        assert len(after["check_ins"]) == 1 and _held(http, laptop_token) == after


def test_only_a_linked_computer_of_the_client_is_answered(app: FastAPI, world: World, tmp_path: Path) -> None:
    clock = FakeClock()
    token = _linked_computer(app, world, "client_a", tmp_path / "laptop", clock)
    with browser(app, world.tokens["client_a"]) as page:  # a browser is no linked computer: it pushed nothing
        refused = page.get("/api/sync/held")
        assert refused.status_code == 404
        assert refused.json() == {"detail": "this request was not signed by a linked computer"}
    for actor in ("linked_practitioner", "admin"):
        with browser(app, world.tokens[actor]) as page:
            assert page.get("/api/sync/held").status_code == 403
    with TestClient(app) as http:
        assert http.get("/api/sync/held").status_code == 401
        assert http.get("/api/sync/held", headers={"Authorization": "Bearer not-a-token"}).status_code == 401
        device = {"Authorization": f"Bearer {token}"}
        assert http.get("/api/sync/held", headers=device).status_code == 200
        answer = http.get("/api/sync/held", headers=device)
        assert answer.headers["cache-control"] == "no-store"
        assert http.delete("/api/sync/device", headers=device).status_code == 204  # crest unlink of old
        assert http.get("/api/sync/held", headers=device).status_code == 401
