"""A client's times read in the client's own zone on their practitioner's pages: a walk-through found the sessions of
a client linked from Los Angeles, logged 18:00 and 21:00 on Wed 18 Nov, listed as "Thu 19 Nov 02:00" and "05:00"
(the server's UTC), the dashboard's last session too, and an alert's "since" in UTC under words in her zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import FastAPI

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.journal.vocabulary import Region, SessionStatus, Side
from crest.services.bundle import Services
from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import (
    ALL_CLEAR,
    PASSWORD,
    InProcess,
    World,
    browser,
    link_as_cleo,
    practice_app,
    sign_in,
)

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def _rest_at(services: Services, clock: FakeClock, local_start: datetime) -> None:
    clock.now = local_start.replace(tzinfo=LOS_ANGELES).astimezone(UTC)
    session = services.practice.start(15, "standard")
    clock.advance(15 * 60)
    services.practice.finish(session.id or 0, 900, SessionStatus.COMPLETED)


def test_the_practitioner_reads_a_clients_times_in_the_clients_zone(world: World, tmp_path: Path) -> None:
    (tmp_path / "server").mkdir()
    server_clock = FakeClock(world.clock.now)  # moved on months: the world's own stays for the other tests
    app = practice_app(world.copy_to(tmp_path / "server"), server_clock)
    clock = FakeClock()
    home = tmp_path / "home"
    home.mkdir()
    with Journal.open(f"sqlite:///{home / 'crest.db'}", clock=clock) as journal:
        cleo = Services.over(journal, clock, LOS_ANGELES, link_home=home)
        link_as_cleo(app, world, home, cleo, clock)
        server_clock.now = datetime(2026, 11, 19, 20, 0, tzinfo=UTC)  # Thu 12:00 in Los Angeles
        clock.now = datetime(2026, 11, 18, 17, 0, tzinfo=LOS_ANGELES)
        cleo.safety.record(ALL_CLEAR)
        _rest_at(cleo, clock, datetime(2026, 11, 18, 18, 0))
        _rest_at(cleo, clock, datetime(2026, 11, 18, 21, 0))
        cleo.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.HIP, 8, Side.LEFT),)))  # 21:15
        PracticeLink(home, cleo.sync, clock, InProcess(app), zone_name="America/Los_Angeles").sync()

    with browser(app, sign_in(app, "pat@clinic.example")) as pat:  # months on: a sign-in of that day
        clients = {row["name"]: row["id"] for row in pat.get("/api/practice/clients").json()}
        dashboard = pat.get("/practice").text
        page = pat.get(f"/practice/clients/{clients['Cleo']}").text
        ann = pat.get(f"/practice/clients/{clients['Ann']}").text
    [cleo_row] = [row for row in dashboard.split("<tr>") if ">Cleo</a>" in row]
    assert "yesterday 21:00 (their time, America/Los_Angeles)" in cleo_row  # whose evening it was
    [ann_row] = [row for row in dashboard.split("<tr>") if ">Ann</a>" in row]
    assert "their time" not in ann_row  # Ann lives in the practice's zone
    sessions = page.split('id="sessions-heading"')[1].split("</section>")[0]
    assert "yesterday 18:00" in sessions and "yesterday 21:00" in sessions
    assert "today 02:00" not in page and "today 05:00" not in page
    alerts = page.split('id="alerts-heading"')[1].split("</section>")[0]
    assert "pain 8/10 at the hip (left)" in alerts and "(since yesterday 21:15)" in alerts
    assert page.count("America/Los_Angeles") == 1 and "times in the client's zone, America/Los_Angeles" in page
    assert "client's zone" not in ann  # Ann lives in the practice's zone: nothing to say


def _join_in_the_browser(app: FastAPI, code: str, email: str, zone: str | None) -> str:
    """Accepting a client's invitation on its page; `zone` as the page's script fills it (None: no script ran)."""
    form = {"name": "Wendy", "email": email, "password": PASSWORD, "consent": "on"}
    with browser(app) as page:
        assert 'name="zone" value="" data-browser-zone' in page.get(f"/invite/{code}").text  # for the script
        joined = page.post(f"/invite/{code}", data=form | ({} if zone is None else {"zone": zone}))
        assert joined.status_code == 200 and joined.url.path == "/", joined.text  # signed in, at home
        settings = page.get("/settings").text
    door = app.state.practice_door
    found = door.accounts._store.account_by_email(email)
    assert found is not None and found[0].person_id is not None
    zone_now = str(door.services_for(found[0].person_id).zone)
    # where her days begin, not a reminder's option, and whence it came
    whence = "where your browser or computer last said you are" if zone_now != "UTC" else "the practice server&#39;s"
    # the zone named too: the practice server's own is nobody's "local time"
    label = f'Your time zone <span class="muted">(where your days begin and end; empty: {whence}, {zone_now})'
    assert label in settings
    return zone_now


def test_a_client_joining_in_the_browser_keeps_the_browsers_zone(app: FastAPI, world: World) -> None:
    codes = world.invite_codes
    assert _join_in_the_browser(app, codes["anonymous"], "wendy@example.org", "America/Los_Angeles") == (
        "America/Los_Angeles"
    )
    # no script, or a zone this server knows none by: she joins all the same, in the practice's zone
    for actor, zone in (("client_a", None), ("client_b", "Mars/Olympus"), ("admin", "America"), ("no_practice", "")):
        assert _join_in_the_browser(app, codes[actor], f"wendy-{actor}@example.org", zone) == "UTC"


def test_a_clients_account_page_reads_in_the_clients_zone(world: World, tmp_path: Path) -> None:
    """A walk-through found a client in Los Angeles whose Account page said "Since today 16:58", "today 17:02:
    signed in" (the server's UTC) while My practitioner said "today 09:02" of the same minute."""
    # 20:00 in UTC, within the invitation's days: midday in Los Angeles
    clock = FakeClock((world.clock.now + timedelta(days=1)).replace(hour=20, minute=0, second=0, microsecond=0))
    app = practice_app(world.copy_to(tmp_path), clock)
    there = f"{clock().astimezone(LOS_ANGELES):%H:%M}"
    with browser(app) as page:
        form = {"name": "Wendy", "email": "wendy@example.org", "password": PASSWORD, "consent": "on"}
        joined = page.post(f"/invite/{world.invite_codes['anonymous']}", data=form | {"zone": "America/Los_Angeles"})
        assert joined.status_code == 200 and joined.url.path == "/", joined.text
        account = page.get("/account").text
    assert f"Since today {there}" in account and f"today {there}: accepted an invitation" in account
    assert "20:00" not in account
