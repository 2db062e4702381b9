"""Beside the prescription form, a client's page says that the client's crest starts no session while the advice
of a warning sign stands (practitioner walk s54, L8): a practitioner who prescribed to a client told to seek urgent
care was not told the new dose waits behind that advice, and could believe it was being followed. Said only while
such advice stands."""

from __future__ import annotations

from fastapi import FastAPI

from support.practice_web import ALL_CLEAR, World, browser

HELD = "starts no session while the advice above stands"


def test_the_prescription_form_says_it_waits_while_a_warning_sign_stands(app: FastAPI, world: World) -> None:
    client = f"/practice/clients/{world.ids['client']}"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert HELD not in pat.get(client).text  # all clear: nothing said
    with browser(app, world.tokens["client_a"]) as ann:
        answers = ALL_CLEAR | {"bladder_bowel_saddle": True}
        assert ann.post("/api/safety/answers", json={"answers": answers}).status_code == 200
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(client).text
    prescription = page.split('id="prescribe-heading"', 1)[1].split("<form", 1)[0]
    assert f"Ann's crest {HELD}" in prescription
