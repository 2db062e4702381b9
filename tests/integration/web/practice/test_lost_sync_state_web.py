"""A crest whose practice-sync.json was deleted (crest says deleting a damaged one is safe) still tells the practice
which records were deleted here: it asks what the practice holds that this computer pushed (GET /api/sync/held),
and deletes there what its journal no longer has, as a sync with its own note would. Before, such a record stayed
at the practice for good, for the practitioner to read, though the person had deleted it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi import FastAPI

from crest.journal.records import CheckIn, PainRating, PsfsActivity
from crest.journal.vocabulary import CheckInTiming, Region, SessionStatus, Side
from crest.services.bundle import Services
from crest.services.practice_link import PracticeLink, PracticeUnreachable
from support.clock import FakeClock
from support.practice_web import InProcess, World, browser, link_as_cleo, local_crest, sign_in


def _practise(local: Services, clock: FakeClock) -> None:
    """Two sessions, each with a check-in after it, and two PSFS rounds."""
    for _ in range(2):
        session = local.practice.start(10, "standard")
        clock.advance(600)
        local.practice.finish(session.id or 0, 600, SessionStatus.COMPLETED)
        pain = (PainRating(Region.HIP, 3, Side.LEFT),)
        local.check_ins.add(CheckIn(at=clock(), timing=CheckInTiming.AFTER, session_id=session.id, pain=pain))
        local.daily_activities.record((PsfsActivity("sitting", 6),))
        clock.advance(86_400)


def _uids(services: Services) -> dict[str, set[str]]:
    return {kind: set(uids.values()) for kind, uids in services.sync.outgoing().uids.items()}


@pytest.mark.parametrize("cut", [False, True], ids=["whole", "cut-after-asking"])
def test_a_record_deleted_here_goes_from_the_practice_though_practice_sync_json_was_deleted(
    app: FastAPI, world: World, tmp_path: Path, cut: bool
) -> None:
    clock = FakeClock()
    home = tmp_path / "home"
    state_file = home / "practice-sync.json"
    door = app.state.practice_door
    with local_crest(home, clock) as local:
        _practise(local, clock)
        link_as_cleo(app, world, home, local, clock)
        PracticeLink(home, local.sync, clock, InProcess(app)).sync()
        cleo = sign_in(app, "cleo@example.org")
        with browser(app, cleo) as page:  # entered on the practice's own page: this crest never had it
            entered = page.post("/api/checkins", json={"pain": [{"region": "knee", "side": "left", "score": 2}]})
            assert entered.status_code == 201, entered.text
        person = door.accounts.actor_for_session(cleo)[0].person_id
        [on_the_page] = _uids(door.services_for(person))["check_ins"] - _uids(local)["check_ins"]

        check_in = local.check_ins.list_check_ins()[0]
        rounds = local.daily_activities.rounds()
        uids = local.sync.outgoing().uids
        deleted = {uids["check_ins"][check_in.id or 0], uids["psfs"][rounds[0].id or 0]}
        local.check_ins.delete(check_in.id or 0)
        local.daily_activities.delete(rounds[0].id or 0)
        state_file.unlink()  # as crest says is safe to do with a damaged one

        if cut:  # the connection dropped once the practice had said what it holds: the next sync carries on
            with pytest.raises(PracticeUnreachable):
                PracticeLink(home, local.sync, clock, InProcess(app, fail_after_pushes=0)).sync()
        result = PracticeLink(home, local.sync, clock, InProcess(app)).sync()
        assert result.deleted == 2
        kept_here = _uids(local)
        again = PracticeLink(home, local.sync, clock, InProcess(app)).sync()  # noted afresh: nothing more to do
        assert (again.sent, again.deleted) == ({}, 0)

    at_the_practice = _uids(door.services_for(person))
    assert not deleted & set.union(*at_the_practice.values())
    assert at_the_practice == {  # what this crest holds, and what Cleo entered on the page (never this crest's)
        kind: kept_here[kind] | ({on_the_page} if kind == "check_ins" else set()) for kind in kept_here
    }
    written = json.loads(state_file.read_text())
    assert {kind: set(fingerprints) for kind, fingerprints in written.items()} == kept_here
