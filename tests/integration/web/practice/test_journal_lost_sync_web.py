"""A journal lost, moved or begun afresh beside a kept link: `crest sync` found none of the records this computer
had sent and told the practice to delete them all, so the practice's copy, the only one left, went too (with the
practitioners' notes on those sessions). It now deletes nothing there, then or at a later sync, unless told the
person deleted them all."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import ALL_CLEAR, InProcess, World, a_rest, link_as_cleo, local_crest, sign_in


def _uids_at_the_practice(app: FastAPI) -> dict[str, set[str]]:
    door = app.state.practice_door
    person = door.accounts.actor_for_session(sign_in(app, "cleo@example.org"))[0].person_id
    outgoing = door.services_for(person).sync.outgoing()
    return {kind: set(uids.values()) for kind, uids in outgoing.uids.items()}


def test_a_journal_holding_none_of_the_records_sent_deletes_nothing_at_the_practice_unless_told(
    app: FastAPI, world: World, tmp_path: Path
) -> None:
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:  # its safety answers, and a rest
        a_rest(local, clock)
        link_as_cleo(app, world, home, local, clock)
        PracticeLink(home, local.sync, clock, InProcess(app)).sync()
    sent = _uids_at_the_practice(app)
    assert len(sent["sessions"]) == 1 and len(sent["safety_screens"]) == 1

    (home / "crest.db").rename(tmp_path / "crest.db.moved")  # the journal is gone; the link files stay
    with local_crest(home, clock) as fresh:  # a new journal, its safety answered again
        result = PracticeLink(home, fresh.sync, clock, InProcess(app)).sync()
        assert (result.deleted, result.held_back, result.sent) == (0, 2, {"safety_screens": 1})
        fresh.safety.record(ALL_CLEAR)  # a record of this journal's own, sent
        again = PracticeLink(home, fresh.sync, clock, InProcess(app)).sync()  # still kept there
        assert (again.deleted, again.held_back, again.sent) == (0, 0, {"safety_screens": 1})
        kept = _uids_at_the_practice(app)
        assert kept["sessions"] == sent["sessions"] and sent["safety_screens"] < kept["safety_screens"]

        told = PracticeLink(home, fresh.sync, clock, InProcess(app)).sync(delete_all_sent=True)
        assert (told.deleted, told.held_back) == (2, 0)
    left = _uids_at_the_practice(app)
    assert left["sessions"] == set() and left["safety_screens"] == kept["safety_screens"] - sent["safety_screens"]
    assert len(left["safety_screens"]) == 2  # the new journal's own stay


def test_what_was_kept_at_the_practice_stays_kept_when_practice_sync_json_goes_too(
    app: FastAPI, world: World, tmp_path: Path
) -> None:
    """practice-sync.json, where the records kept at the practice were noted, deleted after a journal was lost (as
    crest says is safe for a damaged one): the practice's list of what this computer sent came back unmarked, and a
    journal holding a record of its own told the others deleted (s44 sync walk-through, H1's edge)."""
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        a_rest(local, clock)
        link_as_cleo(app, world, home, local, clock)
        PracticeLink(home, local.sync, clock, InProcess(app)).sync()
    sent = _uids_at_the_practice(app)

    (home / "crest.db").rename(tmp_path / "crest.db.moved")
    with local_crest(home, clock) as fresh:  # its own safety answers: a record of its own
        result = PracticeLink(home, fresh.sync, clock, InProcess(app)).sync()
        assert (result.deleted, result.held_back, result.sent) == (0, 2, {"safety_screens": 1})
        (home / "practice-sync.json").unlink()
        again = PracticeLink(home, fresh.sync, clock, InProcess(app)).sync()
        # its own record sent again (without the note, as crest says: kept once), none told deleted
        assert (again.deleted, again.held_back, again.sent) == (0, 0, {"safety_screens": 1})
        kept = _uids_at_the_practice(app)
        assert kept["sessions"] == sent["sessions"] and sent["safety_screens"] < kept["safety_screens"]
        told = PracticeLink(home, fresh.sync, clock, InProcess(app)).sync(delete_all_sent=True)
        assert (told.deleted, told.held_back) == (2, 0)  # still deleted when told
    assert _uids_at_the_practice(app)["sessions"] == set()
