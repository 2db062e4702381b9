"""The dashboard counts a client's days where the client lives, as their page and report do: a walk-through found a
client in Sydney whose prescription changed at 03:58 on 7 Dec there (16:58 on 6 Dec in UTC) listed with "2 sessions
in the 2 days since the prescription was changed on 6 Dec", while the client's page said "1 session on 7 Dec, the
day the prescription was changed"."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from support.clock import FakeClock
from support.practice_web import ALL_CLEAR, PASSWORD, World, browser, practice_app, sign_in

SYDNEY = ZoneInfo("Australia/Sydney")


def test_the_dashboard_counts_a_changed_prescriptions_days_in_the_clients_zone(world: World, tmp_path: Path) -> None:
    # 15:00 in UTC: already the next day in Sydney (01:00 or 02:00)
    changed_at = (world.clock.now + timedelta(days=1)).replace(hour=15, minute=0, second=0, microsecond=0)
    clock = FakeClock(changed_at - timedelta(minutes=10))
    app = practice_app(world.copy_to(tmp_path), clock)
    pat = browser(app, sign_in(app, "pat@clinic.example"))
    code = pat.post("/api/practice/invites", json={"role": "client"}).json()["code"]
    with browser(app) as page:
        form = {"name": "Cal", "email": "cal@example.org", "password": PASSWORD, "consent": "on"}
        joined = page.post(f"/invite/{code}", data=form | {"zone": "Australia/Sydney"})  # as the page's script
        assert joined.status_code == 200 and joined.url.path == "/", joined.text
        assert page.post("/api/safety/answers", json={"answers": ALL_CLEAR}).status_code == 200
        # one the day before there (01:00 in UTC: the same day in both zones), one just after midnight there
        for rested_at in (changed_at - timedelta(hours=14), changed_at - timedelta(minutes=30)):
            logged = page.post("/api/sessions/logged", json={"started_at": rested_at.isoformat(), "minutes": 15})
            assert logged.status_code == 201, logged.text
    clock.now = changed_at
    [cal] = [row["id"] for row in pat.get("/api/practice/clients").json() if row["name"] == "Cal"]
    start = (changed_at.astimezone(SYDNEY) - timedelta(days=7)).date().isoformat()
    for days_a_week in (7, 3):  # the second, made today where Cal lives, replaces the first
        prescribed = {"minutes": 15, "days_per_week": days_a_week, "start_on": start}
        assert pat.post(f"/api/practice/clients/{cal}/prescriptions", json=prescribed).status_code == 201

    [row] = [row for row in pat.get("/api/practice/clients").json() if row["id"] == cal]
    assert (row["target_days"], row["sessions_since_target"]) == (1, 1)
    today_there = f"{changed_at.astimezone(SYDNEY).day} {changed_at.astimezone(SYDNEY):%b}"
    said = f"1 session on {today_there}, the day the prescription was changed"
    assert said in pat.get(f"/practice/clients/{cal}").text  # the client's page, as it said already
    [dashboard_row] = [one for one in pat.get("/practice").text.split("<tr>") if ">Cal</a>" in one]
    assert said in dashboard_row
