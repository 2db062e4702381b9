"""The practitioner's list of a client's sessions says which were logged afterwards and which were demos, as the
client's own pages do: a walk-through found both shown as ordinary completed rests."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from crest.journal.vocabulary import SessionStatus
from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import InProcess, World, browser, link_as_cleo, local_crest, practice_app


def test_the_client_page_marks_logged_and_demo_sessions(world: World, tmp_path: Path) -> None:
    (tmp_path / "server").mkdir()
    app = practice_app(world.copy_to(tmp_path / "server"), world.clock)
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        local.practice.log(clock() - timedelta(days=2), 15, "standard")
        demo = local.practice.start(5, "standard", clock_speed=60)
        clock.advance(5)
        local.practice.finish(demo.id or 0, 300, SessionStatus.COMPLETED, clock_speed=60)
        link_as_cleo(app, world, home, local, clock)
        PracticeLink(home, local.sync, clock, InProcess(app)).sync()  # as `crest sync` does: a new run

    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        [row] = [row for row in practitioner.get("/api/practice/clients").json() if row["name"] == "Cleo"]
        page = practitioner.get(f"/practice/clients/{row['id']}").text
    sessions = page.split('id="sessions-heading"')[1].split("</section>")[0]
    assert "completed · demo, run faster than real time, not counted as practice" in sessions
    assert "completed · logged afterwards, not timed" in sessions
