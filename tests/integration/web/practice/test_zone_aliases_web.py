"""The client's zone is named on the practitioner's pages only where its clock is not the practice's: the
practitioner's walk (s54, L1) found "(their time, UTC)" beside clients who joined in the browser while the practice
server's zone was Etc/UTC (its /etc/localtime), the same clock under another name. A clock that is UTC's is named
"UTC" whichever alias the client's setting holds."""

from __future__ import annotations

from datetime import UTC, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import FastAPI

from crest.accounts.passwords import TEST_COST
from crest.journal.store import Journal
from crest.services.bundle import Services
from crest.services.practice_link import PracticeLink
from crest.web.app import create_app
from crest.web.practice_app import PracticeOptions
from support.clock import FakeClock
from support.practice_web import ALL_CLEAR, InProcess, World, a_rest, browser, link_as_cleo, no_pose_model, sign_in


def _practice_in(url: str, clock: FakeClock, zone: tzinfo) -> FastAPI:
    """The practice app of `support.practice_web.practice_app`, its server in `zone`."""
    options = PracticeOptions(password_cost=TEST_COST, served_at=("testserver", 80))
    return create_app(url, clock=clock, local_zone=zone, checker_factory=no_pose_model, practice=options)


def _what_pat_reads(app: FastAPI) -> tuple[str, str]:
    """Cleo's row on the list of clients, and the top of her page."""
    with browser(app, sign_in(app, "pat@clinic.example")) as pat:
        clients = {row["name"]: row["id"] for row in pat.get("/api/practice/clients").json()}
        dashboard = pat.get("/practice").text
        page = pat.get(f"/practice/clients/{clients['Cleo']}").text
    [row] = [row.split("</tr>")[0] for row in dashboard.split("<tr>") if ">Cleo</a>" in row]
    return row, page.split("</h1>")[1].split("</p>")[0]


def test_a_clients_zone_is_named_only_where_its_clock_is_not_the_practices(world: World, tmp_path: Path) -> None:
    (tmp_path / "server").mkdir()
    url = world.copy_to(tmp_path / "server")
    server_clock = FakeClock(world.clock.now)  # 6 May, 17:30 UTC: London is an hour ahead
    clock = FakeClock(server_clock.now)
    home = tmp_path / "home"
    home.mkdir()
    with Journal.open(f"sqlite:///{home / 'crest.db'}", clock=clock) as journal:
        cleo = Services.over(journal, clock, ZoneInfo("UTC"), link_home=home)
        link_as_cleo(_practice_in(url, server_clock, ZoneInfo("Etc/UTC")), world, home, cleo, clock)
        cleo.safety.record(ALL_CLEAR)
        a_rest(cleo, clock)
        for alias in ("UTC", "Etc/Zulu", "GMT"):
            for practice_zone in (ZoneInfo("Etc/UTC"), UTC, ZoneInfo("Etc/Universal")):
                app = _practice_in(url, server_clock, practice_zone)
                PracticeLink(home, cleo.sync, clock, InProcess(app), zone_name=alias).sync()
                row, top = _what_pat_reads(app)
                said = (alias, practice_zone)
                assert "today 17:45" in row and "their time" not in row, said  # the same clock: nothing to say
                assert "client's zone" not in top, said
            london = _practice_in(url, server_clock, ZoneInfo("Europe/London"))
            row, top = _what_pat_reads(london)
            assert "today 17:45 (their time, UTC)" in row, (alias, row)  # one name, whichever alias
            assert "times in the client's zone, UTC" in top, (alias, top)
