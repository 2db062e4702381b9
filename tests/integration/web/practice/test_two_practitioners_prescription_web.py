"""A client followed by two practitioners follows the newest prescription of either: each one's page must say which
is in force. Walked (s45 walk_rx H1): Pat's page said "Now (version 1): 10 min of the standard variant, every day"
while Dana's crest, her reminder and Pat's own adherence line followed Quinn's newer 3 days a week."""

from __future__ import annotations

import re
from html import unescape

from fastapi import FastAPI

from support.practice_web import PASSWORD, World, browser


def _words(page: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", page))


def _sam_follows_ann(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["unlinked_practitioner"]) as sam:
        code = sam.post("/api/practice/invites", json={"role": "client"}).json()["code"]
    with browser(app) as ann:
        body = {"code": code, "email": "ann@example.org", "password": PASSWORD, "name": "Ann", "consent": True}
        assert ann.post("/api/auth/accept-invite", json=body).status_code == 201


def test_a_practitioner_whose_prescription_another_replaced_reads_the_one_in_force(app: FastAPI, world: World) -> None:
    client_id = world.ids["client"]  # Ann, whom Pat prescribed 20 minutes
    _sam_follows_ann(app, world)
    world.clock.advance(60)
    with browser(app, world.tokens["unlinked_practitioner"]) as sam:
        dose = {"minutes": 10, "variant": "supported", "days_per_week": 3}
        assert sam.post(f"/api/practice/clients/{client_id}/prescriptions", json=dose).status_code == 201
    with browser(app, world.tokens["client_a"]) as ann:
        followed = ann.get("/api/account/prescription").json()
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = _words(pat.get(f"/practice/clients/{client_id}").text)
    assert followed["prescribed_by"] == "Sam Second"
    assert "Now, by Sam Second: 10 min of the supported variant, once a day, 3 days a week" in page
    assert "Now (version 1): 20 min" not in page
    replaced = "Your version 1 (20 min of the standard variant, once a day, every day) is no longer the one Ann follows"
    assert replaced in page
    with browser(app, world.tokens["unlinked_practitioner"]) as sam:
        own = _words(sam.get(f"/practice/clients/{client_id}").text)
    assert "Now (version 1): 10 min of the supported variant" in own and "no longer the one" not in own


def test_the_api_names_the_prescription_in_force_and_whose_without_the_others_note(app: FastAPI, world: World) -> None:
    """The API listed only Pat's own versions while Ann followed Sam's (4030922 fixed the page alone). Sam's note
    is to Ann, not to Pat: neither Pat's page, the client's API nor the dashboard's row says it."""
    client_id = world.ids["client"]
    _sam_follows_ann(app, world)
    world.clock.advance(60)
    note = "Only for Ann: the knee we spoke of"
    with browser(app, world.tokens["unlinked_practitioner"]) as sam:
        dose = {"minutes": 10, "variant": "supported", "days_per_week": 3, "note": note}
        assert sam.post(f"/api/practice/clients/{client_id}/prescriptions", json=dose).status_code == 201
        own = sam.get(f"/api/practice/clients/{client_id}").json()
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        detail = pat.get(f"/api/practice/clients/{client_id}").json()
        page = _words(pat.get(f"/practice/clients/{client_id}").text)
        [row] = [row for row in pat.get("/api/practice/clients").json() if row["id"] == client_id]
    assert [version["prescribed_by"] for version in detail["prescriptions"]] == ["Pat Physio"]
    in_force = detail["in_force"]
    assert (in_force["prescribed_by"], in_force["minutes"], in_force["days_per_week"]) == ("Sam Second", 10, 3)
    assert detail["in_force_is_yours"] is False and in_force["note"] is None
    assert row["prescription"]["prescribed_by"] == "Sam Second" and row["prescription"]["note"] is None
    assert note not in page
    # Sam's own view: his version, note and all
    assert own["in_force_is_yours"] is True and own["in_force"] == own["prescriptions"][0]
    assert own["in_force"]["note"] == note
