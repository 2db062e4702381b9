"""A practice that lost records this computer had sent (its database restored from a backup taken before they came):
crest's own note (practice-sync.json) still said the practice held them, so `crest sync` said "nothing new" for good
and the practitioner never saw them. Each sync now asks what the practice holds of this computer's records."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from crest.journal.records import JournalContents
from crest.journal.transfer.json_format import export_json
from crest.journal.vocabulary import SessionStatus
from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import InProcess, World, link_as_cleo, local_crest, sign_in


def test_a_record_the_practice_lost_is_sent_again(app: FastAPI, world: World, tmp_path: Path) -> None:
    clock = FakeClock()
    home = tmp_path / "home"
    door = app.state.practice_door
    with local_crest(home, clock) as local:
        link_as_cleo(app, world, home, local, clock)
        session = local.practice.start(10, "standard")
        clock.advance(600)
        local.practice.finish(session.id or 0, 600, SessionStatus.COMPLETED)
        assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().sent["sessions"] == 1
        uid = local.sync.outgoing().uids["sessions"][session.id or 0]
        person = door.accounts.actor_for_session(sign_in(app, "cleo@example.org"))[0].person_id
        at_the_practice = door.services_for(person)
        at_the_practice.sync.receive(export_json(JournalContents()), {}, {"sessions": [uid]})  # lost there
        assert at_the_practice.sync.outgoing().contents.sessions == ()

        again = PracticeLink(home, local.sync, clock, InProcess(app)).sync()
        assert again.sent == {"sessions": 1}
        assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().sent == {}  # once
    [back] = door.services_for(person).sync.outgoing().uids["sessions"].values()
    assert back == uid
