"""A push whose check-in comes without its uid (a crest gone wrong, or another program): refused in one line naming
it, as a session without one is. Before, the server read the check-in's uid to keep its urgent signs first, and
answered 500 (KeyError in the server's log)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import CheckInTiming, Region, SessionStatus, Side
from support.clock import FakeClock
from support.practice_web import World, link_as_cleo, local_crest, sign_in


@pytest.mark.parametrize("check_in_uids", [None, {}], ids=["no-check-in-uids", "not-this-check-in"])
def test_a_pushed_check_in_without_its_uid_is_refused_naming_it(
    app: FastAPI, world: World, tmp_path: Path, check_in_uids: dict[str, str] | None
) -> None:
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        link_as_cleo(app, world, home, local, clock)
        session = local.practice.start(10, "standard")
        clock.advance(600)
        local.practice.finish(session.id or 0, 600, SessionStatus.COMPLETED)
        pain = (PainRating(Region.HIP, 3, Side.LEFT),)
        check_in = local.check_ins.add(CheckIn(clock(), CheckInTiming.AFTER, session.id, pain))
        outgoing = local.sync.outgoing()
        text, uids = outgoing.batch({"sessions": [session.id or 0], "check_ins": [check_in.id or 0]})
    sent = {"sessions": {str(session.id): uids["sessions"][session.id or 0]}}
    if check_in_uids is not None:
        sent["check_ins"] = check_in_uids
    token = json.loads((home / "practice-link.json").read_text())["token"]
    with TestClient(app) as computer:
        pushed = computer.post(
            "/api/sync/push", json={"journal": text, "uids": sent}, headers={"Authorization": f"Bearer {token}"}
        )
    assert pushed.status_code == 422, pushed.text
    assert pushed.json()["detail"] == f"check_ins record {check_in.id} was sent without its uid"
    door = app.state.practice_door
    person = door.accounts.actor_for_session(sign_in(app, "cleo@example.org"))[0].person_id
    held = door.services_for(person).sync.outgoing().contents
    assert (held.sessions, held.check_ins) == ((), ())  # nothing of the batch was kept
