"""What a practitioner, an admin or a client just did is said at once: the page it leads to opens on its notice
(keyboard walk-through, MEDIUM). After withdrawing an invitation the Clients page showed "The invitation is
withdrawn: its link no longer works." in a role=status paragraph, but a live region already there when a page loads
is not read, and the focus stayed at the top: a screen reader said only the page's title. Each such notice now takes
the focus (data-focus-on-load, as an acknowledged alert's and a new invitation link's do), the only one on its page."""

from __future__ import annotations

import re
from html import unescape

from fastapi import FastAPI

from support.practice_web import PASSWORD, World, browser

HEARD = re.compile(r'<p class="notice" role="status" tabindex="-1" data-focus-on-load>([^<]*)</p>')


def _heard(page: str) -> str:
    """The words the page opens on: its one notice that takes the focus."""
    assert page.count("data-focus-on-load") == 1, page
    said = HEARD.search(page)
    assert said is not None, page
    return unescape(said[1])


def test_each_confirmation_takes_the_focus(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_a"]) as ann:
        assert _heard(ann.post(f"/sharing/{world.ids['link']}", data={"shared": "on"}).text) == "Saved."
        assert _heard(ann.post("/logout").text) == "You are signed out."
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        withdrawn = pat.post(f"/practice/invites/{world.ids['open_invite']}/withdraw").text
        assert _heard(withdrawn) == "The invitation is withdrawn: its link no longer works."
        ended = pat.post(f"/practice/clients/{world.ids['client']}/end").text
        assert _heard(ended).startswith("The programme is ended:")
    membership = world.ids["practitioner_membership"]
    with browser(app, world.tokens["admin"]) as admin:
        signed_out = admin.post(f"/practice/admin/practitioners/{membership}/sign-out").text
        assert _heard(signed_out).startswith("Pat Physio is signed out everywhere")
    with browser(app, world.tokens["client_b"]) as ben:
        changed = ben.post("/account/password", data={"current_password": PASSWORD, "new_password": "a slow river"})
        assert _heard(changed.text).startswith("Your password is changed.")
        alone = ben.post("/account/sessions/end-others", data={"password": "a slow river"}).text
        assert _heard(alone).startswith("Signed out everywhere else")
