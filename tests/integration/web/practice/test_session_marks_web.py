"""The practitioner's list of a client's sessions says which were logged afterwards and which were demos, as the
client's own pages do: a walk-through found both shown as ordinary completed rests."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

from crest.journal.store import Journal
from crest.journal.vocabulary import SessionStatus
from crest.services.bundle import Services
from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import ALL_CLEAR, PASSWORD, InProcess, World, browser, practice_app


def test_the_client_page_marks_logged_and_demo_sessions(world: World, tmp_path: Path) -> None:
    (tmp_path / "server").mkdir()
    app = practice_app(world.copy_to(tmp_path / "server"), world.clock)
    clock = FakeClock()
    home = tmp_path / "home"
    home.mkdir()
    with Journal.open(f"sqlite:///{home / 'crest.db'}", clock=clock) as journal:
        local = Services.over(journal, clock, UTC, link_home=home)
        local.safety.record(ALL_CLEAR)
        local.practice.log(clock() - timedelta(days=2), 15, "standard")
        demo = local.practice.start(5, "standard", clock_speed=60)
        clock.advance(5)
        local.practice.finish(demo.id or 0, 300, SessionStatus.COMPLETED, clock_speed=60)
        linking = PracticeLink(home, local.sync, clock, InProcess(app))
        linking.link(
            "https://practice.test",
            world.invite_codes["no_practice"],
            "cleo@example.org",
            PASSWORD,
            "Cleo",
            False,
            "laptop",
        )
        PracticeLink(home, local.sync, clock, InProcess(app)).sync()  # as `crest sync` does: a new run

    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        [row] = [row for row in practitioner.get("/api/practice/clients").json() if row["name"] == "Cleo"]
        page = practitioner.get(f"/practice/clients/{row['id']}").text
    sessions = page.split('id="sessions-heading"')[1].split("</section>")[0]
    assert "completed · demo, run faster than real time, not counted as practice" in sessions
    assert "completed · logged afterwards, not timed" in sessions
