"""A prescription's days as the practitioner chooses them (Tue, Thu, Sat rather than the spread Mon, Wed, Fri), and
its first day as the client's today: a physiotherapist trying crest could not choose the days, and the form's start
was the practice server's today for a client in another zone."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI

from crest.accounts.records import FURTHEST_PRESCRIBED
from crest.interop.ical import Weekday
from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import InProcess, World, browser, link_as_cleo, local_crest

DOSE_WITH_DAYS = {"minutes": 10, "days": ["sat", "tue", "thu"], "reminder_time": "07:30", "start_on": "2026-05-04"}
SAID = "10 min of the standard variant, once a day, 3 days a week (Tue, Thu, Sat), from 2026-05-04, reminder at 07:30."


def _ticked(page: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="day_([a-z]{3})" value="on" [^>]*checked>', page)


def test_the_chosen_days_are_the_reminders_days_and_said_alike_to_both(app: FastAPI, world: World) -> None:
    client_id = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        saved = pat.post(f"/api/practice/clients/{client_id}/prescriptions", json=DOSE_WITH_DAYS)
        page = unescape(pat.get(f"/practice/clients/{client_id}").text)
    assert saved.status_code == 201
    assert (saved.json()["days_per_week"], saved.json()["days"]) == (3, ["tue", "thu", "sat"])  # counted, in order
    assert SAID in page and _ticked(page) == ["tue", "thu", "sat"]  # a new version starts from these days
    with browser(app, world.tokens["client_a"]) as ann:
        settings = ann.get("/settings").text
        calendar = ann.get("/api/reminder.ics").text
        today = ann.get("/").text
        sharing = unescape(ann.get("/sharing").text)
        own = ann.get("/api/account/prescription").json()
    assert "Your prescription sets the reminder: 07:30, Tue, Thu, Sat." in settings
    assert "BYDAY=TU,TH,SA" in calendar
    assert "10 min of the standard variant, once a day, 3 days a week (Tue, Thu, Sat)." in today
    assert SAID in sharing and own["days"] == ["tue", "thu", "sat"]


def test_the_form_takes_ticked_days_and_a_refused_one_keeps_them(app: FastAPI, world: World) -> None:
    client_id = world.ids["client"]
    form = {"minutes": "10", "days_per_week": "3", "start_on": "2026-05-04", "day_mon": "on", "day_wed": "on"}
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        refused = pat.post(f"/practice/clients/{client_id}/prescriptions", data=form)
        saved = pat.post(f"/practice/clients/{client_id}/prescriptions", data=form | {"day_sun": "on"})
        after = unescape(saved.text)
        unticked = pat.post(f"/practice/clients/{client_id}/prescriptions", data=form | {"day_mon": "", "day_wed": ""})
    assert refused.status_code == 422
    message = "Days a week says 3, but 2 days are chosen (Mon, Wed); make them agree."
    assert (
        f'<p id="prescription-error" class="notice danger" role="alert" tabindex="-1" data-focus-on-load>{message}</p>'
        in refused.text
    )
    assert _ticked(refused.text) == ["mon", "wed"]  # as they were ticked
    assert saved.status_code == 200 and "3 days a week (Mon, Wed, Sun), from 2026-05-04." in after
    assert _ticked(after) == ["mon", "wed", "sun"]
    # none ticked: the days a week alone, spread by the client's reminder as before
    assert "3 days a week, from 2026-05-04." in unescape(unticked.text) and _ticked(unticked.text) == []


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"days": ["mon", "someday"]}, "days.1: choose mon, tue, wed, thu, fri, sat or sun, not “someday”"),
        (
            {"days": ["mon", "wed"], "days_per_week": 3},
            "days a week says 3, but 2 days are chosen (Mon, Wed); make them agree",
        ),
        ({"days": []}, "choose at least one day, or leave the days out"),
    ],
)
def test_days_that_are_no_days_or_disagree_are_a_one_line_422(
    app: FastAPI, world: World, body: dict[str, object], detail: str
) -> None:
    client_id = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        before = pat.get(f"/api/practice/clients/{client_id}").json()["prescriptions"]
        refused = pat.post(f"/api/practice/clients/{client_id}/prescriptions", json=body)
        after = pat.get(f"/api/practice/clients/{client_id}").json()["prescriptions"]
    assert refused.status_code == 422 and refused.json()["detail"] == detail
    assert after == before  # no new version


def test_the_default_start_is_the_clients_today_where_they_live(app: FastAPI, world: World) -> None:
    """17:30 UTC, the practice's zone, is already tomorrow on Kiritimati (UTC+14): the client's first day is
    tomorrow, and a year ahead counts from it."""
    zone = ZoneInfo("Pacific/Kiritimati")
    practice_today = world.clock().date()
    client_today = world.clock().astimezone(zone).date()
    assert client_today > practice_today  # the world's clock is past 10:00 UTC
    # Ben: Sam's client, never prescribed (a new version of a prescription keeps its start)
    with browser(app, world.tokens["client_b"]) as ben:
        assert ben.put("/api/settings", json={"reminder_zone": "Pacific/Kiritimati"}).is_success
    furthest = {"start_on": (client_today + FURTHEST_PRESCRIBED).isoformat()}  # a year from the client's today
    with browser(app, world.tokens["unlinked_practitioner"]) as sam:
        client_id = sam.get("/api/practice/clients").json()[0]["id"]
        prescriptions = f"/api/practice/clients/{client_id}/prescriptions"
        page = sam.get(f"/practice/clients/{client_id}").text
        saved = sam.post(prescriptions, json={"minutes": 10})
        ahead = sam.post(prescriptions, json=furthest)
    assert "times in the client's zone, Pacific/Kiritimati" in page
    assert f'<input id="start_on" name="start_on" type="date" value="{client_today}" required>' in page
    assert saved.status_code == 201 and saved.json()["start_on"] == client_today.isoformat()
    assert ahead.status_code == 201, ahead.text


def test_a_linked_crest_pulls_the_chosen_days_and_reminds_on_them(app: FastAPI, world: World, tmp_path: Path) -> None:
    clock = FakeClock()
    with local_crest(tmp_path / "home", clock) as cleo:
        link_as_cleo(app, world, tmp_path / "home", cleo, clock)
        with browser(app, world.tokens["linked_practitioner"]) as pat:
            clients = {row["name"]: row["id"] for row in pat.get("/api/practice/clients").json()}
            assert pat.post(f"/api/practice/clients/{clients['Cleo']}/prescriptions", json=DOSE_WITH_DAYS).is_success
        pulled = PracticeLink(tmp_path / "home", cleo.sync, clock, InProcess(app)).sync().prescription
        assert pulled is not None and pulled.days == (Weekday.TUE, Weekday.THU, Weekday.SAT)
        assert cleo.reports.prescription() == pulled  # kept on this computer
        assert "BYDAY=TU,TH,SA" in cleo.reminders.calendar()
        assert pulled.in_full() == SAID
