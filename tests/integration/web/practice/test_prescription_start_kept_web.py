"""A new version of a prescription keeps the programme's start unless the practitioner changes it. Walked (s45
walk_rx H2): the form's Start was always today, so fixing a note, or setting an End to end a programme begun two
weeks before, saved 'from <today>', and the adherence and the report then counted only today ("0 sessions on 6 Dec,
the day the prescription began") instead of the two weeks prescribed."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi import FastAPI

from support.practice_web import World, browser


def _form_start(page: str) -> str:
    found = re.search(r'<input id="start_on" name="start_on" type="date" value="([0-9-]+)" required>', page)
    assert found is not None
    return found.group(1)


def test_the_form_keeps_the_start_of_the_prescription_in_force(app: FastAPI, world: World) -> None:
    client_id = world.ids["client"]
    today = world.clock().date()
    begun = (today - timedelta(days=14)).isoformat()
    prescriptions = f"/api/practice/clients/{client_id}/prescriptions"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert pat.post(prescriptions, json={"minutes": 20, "start_on": begun}).status_code == 201
        page = pat.get(f"/practice/clients/{client_id}").text
        # the practitioner ends it: only End is typed, the rest as the form shows it
        form = {"variant": "standard", "minutes": "20", "sessions_per_day": "1", "days_per_week": "7"}
        ended = pat.post(
            f"/practice/clients/{client_id}/prescriptions",
            data=form | {"start_on": _form_start(page), "end_on": today.isoformat()},
        )
        newest = pat.get(f"/api/practice/clients/{client_id}").json()["prescriptions"][0]
        after_end = pat.get(f"/practice/clients/{client_id}").text
    assert _form_start(page) == begun
    assert ended.status_code == 200 and (newest["start_on"], newest["end_on"]) == (begun, today.isoformat())
    assert _form_start(after_end) == begun  # still in force on its last day
    yesterday = (today - timedelta(days=1)).isoformat()
    with browser(app, world.tokens["linked_practitioner"]) as pat:  # one that has ended: a new one starts today
        assert pat.post(prescriptions, json={"minutes": 20, "start_on": begun, "end_on": yesterday}).status_code == 201
        later = pat.get(f"/practice/clients/{client_id}").text
    assert _form_start(later) == today.isoformat()
