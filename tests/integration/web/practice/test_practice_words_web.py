"""Words of the practice pages that read wrong in the practice walk-through (s51 L2, L3): the client's invitation
said "invites you to share your practice", where the practice is also the clinic; an empty list of clients said
"No clients share with you yet" to a practitioner whose client had just stopped sharing."""

from __future__ import annotations

from fastapi import FastAPI

from support.practice_web import World, browser


def test_a_client_invitation_says_what_is_shared_not_the_practice(app: FastAPI, world: World) -> None:
    with browser(app) as anyone:
        page = anyone.get(f"/invite/{world.invite_codes['anonymous']}").text
    heading = page.split("<h1>")[1].split("</h1>")[0]
    assert heading == "Pat Physio invites you to share your rests and check-ins"


def test_an_empty_list_of_clients_says_a_client_who_stopped_sharing_leaves_it(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["other_practice_practitioner"]) as lee:  # Lee follows nobody
        page = lee.get("/practice").text
    assert "share with you yet" not in page
    assert "No client shares with you now: one who stops sharing, or whose programme ends, leaves this list." in page
