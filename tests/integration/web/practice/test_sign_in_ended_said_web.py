"""A sign-in that ends while a form is open is said on the sign-in page it leads to (practitioner walk s54, M2):
a practitioner who typed a prescription for half an hour and pressed Save met a bare "Sign in" page, nothing said,
and after signing in found the form empty and "No prescription yet", or did not look and believed it sent. The page
now says the sign-in had ended and that a form sent after it was not saved. A browser that carries no sign-in, or
one just signed out, is told nothing of the kind."""

from __future__ import annotations

from fastapi import FastAPI

from support.practice_web import World, browser

ENDED = "Your sign-in had ended"
NOT_SAVED = "a form sent after it ended was not saved"


def test_a_form_sent_after_the_sign_in_ended_leads_to_a_page_that_says_so(app: FastAPI, world: World) -> None:
    client = f"/practice/clients/{world.ids['client']}"
    typed = {"minutes": "10", "start_on": world.clock().date().isoformat(), "note": "Typed for half an hour."}
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert pat.get(client).status_code == 200
        world.clock.advance(31 * 60)  # 30 minutes without use end a sign-in
        page = pat.post(f"{client}/prescriptions", data=typed, headers={"Referer": f"http://testserver{client}"})
        assert page.url.path == "/login" and ENDED in page.text and NOT_SAVED in page.text
        assert 'role="status"' in page.text  # said, and a screen reader says it
    with browser(app, world.tokens["client_a"]) as ann:
        signed_out = ann.post("/logout", headers={"Referer": "http://testserver/"})
        assert signed_out.url.path == "/login" and "You are signed out." in signed_out.text
        assert ENDED not in signed_out.text


def test_a_browser_that_brings_no_sign_in_is_told_nothing_of_one(app: FastAPI) -> None:
    with browser(app) as stranger:
        page = stranger.get("/login")
    assert page.status_code == 200 and ENDED not in page.text
