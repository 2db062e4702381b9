"""Removing a practitioner, or ending a programme, says a client another practitioner here follows too stays
followed (walk_practice M1): Ben, followed by Sam and by Pat, was counted on Sam's removal page as "Once removed,
nobody here follows this client or sees those alerts", and Pat's ending page said "Once the programme ends, nobody
here sees them", while the other practitioner kept following him and seeing his alerts."""

from __future__ import annotations

from fastapi import FastAPI

from support.practice_web import World, browser


def _sam_follows_ann_too(app: FastAPI, world: World) -> None:
    """Ann, Pat's client, takes an invitation from Sam, signed in: both follow her from then on."""
    with browser(app, world.tokens["unlinked_practitioner"]) as sam:
        code = sam.post("/api/practice/invites", json={"role": "client"}).json()["code"]
    with browser(app, world.tokens["client_a"]) as ann:
        assert ann.post(f"/api/auth/invites/{code}/accept", json={"consent": True}).status_code == 201
        severe = {"timing": "standalone", "pain": [{"region": "lower_back", "side": "centre", "score": 9}]}
        assert ann.post("/api/checkins", json=severe).status_code == 201  # a critical alert nobody has acknowledged


def test_removing_a_practitioner_counts_a_client_another_follows_as_followed(app: FastAPI, world: World) -> None:
    _sam_follows_ann_too(app, world)
    with browser(app, world.tokens["admin"]) as admin:
        asking = admin.get(f"/practice/admin/practitioners/{world.ids['practitioner_membership']}/remove").text
    assert (
        "Pat Physio follows 1 client; another practitioner here follows this client too, and keeps seeing their "
        "records and alerts."
    ) in asking
    assert "nobody here follows" not in asking and "hand them on" not in asking
    assert "Ann" not in asking  # counts only: the admin reads no client's data


def test_ending_a_programme_says_another_practitioner_still_follows_the_client(app: FastAPI, world: World) -> None:
    _sam_follows_ann_too(app, world)
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        asking = pat.get(f"/practice/clients/{world.ids['client']}/end").text
    listed = '1 alert nobody has acknowledged:</p><ul class="alerts"><li><span class="alert-part">'
    assert f"{listed}pain 9/10 at the lower back (centre)<" in asking
    assert "Another practitioner here follows Ann too and keeps seeing these alerts." in asking
    assert "nobody here sees them" not in asking
