"""Setting a password through a password link says so on the page it leads to (practice walk s56, item 3): it
landed on Today or Clients with nothing said, where the README says a changed password "is said at the top of the
page it leads to" and the Account page's own change says it. It now leads to the Account page, which says the
password is set and that every other sign-in ended, as the link's page warned."""

from __future__ import annotations

import html

from fastapi import FastAPI
from fastapi.testclient import TestClient

from support.practice_web import ORIGIN, World, app_code

NEW_PASSWORD = "a slow morning by the sea"
SAID = (
    "Your new password is set. Every other sign-in of this account has ended, and any computer linked to it with "
    "crest link is unlinked (crest link links it again)."
)


def _set_with_link(app: FastAPI, code: str, **more: str) -> tuple[str, str]:
    """Through the link's page, as a browser: where it leads, and that page."""
    with TestClient(app, headers={"Origin": ORIGIN}) as browser:
        browser.follow_redirects = False
        done = browser.post(f"/reset/{code}", data={"new_password": NEW_PASSWORD, **more})
        assert done.status_code == 303, done.text
        led_to = done.headers["location"]
        page = browser.get(led_to)
        assert page.status_code == 200
        again = browser.get(led_to.partition("#")[0]).text
    assert SAID not in html.unescape(again)  # said once: a reload says nothing
    return led_to, html.unescape(page.text)


def test_a_client_who_sets_a_password_with_a_link_is_told_on_the_page_it_leads_to(app: FastAPI) -> None:
    code = app.state.practice_door.accounts.reset_link_by_operator("ann@example.org").code
    led_to, page = _set_with_link(app, code)
    assert led_to == "/account#password"
    assert page.count(SAID) == 1


def test_a_practitioner_who_sets_a_password_with_a_link_is_told_so_too(app: FastAPI, world: World) -> None:
    code = app.state.practice_door.accounts.reset_link_by_operator("pat@clinic.example").code
    led_to, page = _set_with_link(app, code, second_factor_code=app_code(app, "pat@clinic.example") or "")
    assert led_to == "/account#password"
    assert page.count(SAID) == 1
