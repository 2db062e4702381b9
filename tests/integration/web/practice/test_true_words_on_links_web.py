"""Two sentences of practice mode say what is true (practice walk s56, item 8): the admin's password-link page said
"Opening it signs Pat Physio out everywhere else", but opening it changes nothing: setting the new password does.
And an invitation the account signed in cannot take said "You are signed in as client of Other Clinic": now "a
client of", naming the account, so a person on a shared computer sees whose sign-in it is."""

from __future__ import annotations

import re
from html import unescape

from fastapi import FastAPI

from support.practice_web import World, browser, sams_invite


def _words(page: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_password_link_page_says_setting_the_password_signs_out_not_opening_it(app: FastAPI, world: World) -> None:
    membership_id = world.ids["practitioner_membership"]
    with browser(app, world.tokens["admin"]) as admin:
        page = admin.post(f"/practice/admin/practitioners/{membership_id}/reset-link")
    assert page.status_code == 201
    words = _words(page.text)
    assert "Opening it signs" not in words
    assert "Setting a new password with it signs Pat Physio out everywhere else; opening it alone changes nothing." in (
        words
    )


def test_an_invitation_the_account_cannot_take_names_the_account_and_its_role_with_its_article(
    app: FastAPI, world: World
) -> None:
    with browser(app, world.tokens["admin"]) as admin:
        for_a_practitioner = admin.post("/api/practice/invites", json={"role": "practitioner"}).json()["code"]
    with browser(app, world.tokens["client_a"]) as ann:
        page = _words(ann.get(f"/invite/{for_a_practitioner}").text)
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        api = pat.post(f"/api/auth/invites/{sams_invite(app, world)}/accept", json={"consent": True}).json()
    assert "You are signed in as ann@example.org, a client of Clinic; sign out, then open the invitation again" in page
    assert api["detail"].startswith("you are signed in as pat@clinic.example, a practitioner of Clinic; sign out")
