"""A client's account joins a second practitioner's invitation as it is signed in: the invitation page asked an
existing account for its name again ("your name is empty; write the name people will see"), though it has one
(prescription walk-through L4). Signed in, the page names the account and asks only the consent; the API does the
same (POST /api/auth/invites/{code}/accept). ASVS 5.0 L2: the invitation stays single-use, its expiry holds, one
sent to another email is not taken by the account signed in, nor one of a client by a practitioner's account."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from fastapi import FastAPI

from crest.services.accounts import INVITE_LIFETIME
from support.clock import FakeClock
from support.practice_web import World, browser, practice_app, sams_clients, sams_invite, sign_in

ANN = "client_a"  # Ann, followed by Pat


def _words(page: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_signed_in_client_joins_a_second_practitioner_asked_only_to_agree(app: FastAPI, world: World) -> None:
    code = sams_invite(app, world)
    with browser(app, world.tokens[ANN]) as ann:
        page = ann.get(f"/invite/{code}").text
        assert "You are signed in as Ann (ann@example.org)." in _words(page)
        assert 'name="name"' not in page and 'name="password"' not in page and "Agree and join as Ann" in page
        refused = ann.post(f"/invite/{code}", data={"as_signed_in": "yes"})  # no consent: nothing shared
        assert refused.status_code == 422 and "agree to what your practitioner will see" in _words(refused.text).lower()
        assert "Ann" not in sams_clients(app, world)
        joined = ann.post(f"/invite/{code}", data={"as_signed_in": "yes", "consent": "on"}, follow_redirects=False)
        assert joined.status_code == 303, joined.text
        assert ann.get("/api/auth/me").json()["name"] == "Ann"  # the same session goes on
        again = ann.post(f"/invite/{code}", data={"as_signed_in": "yes", "consent": "on"})
        assert again.status_code == 410  # single-use
    assert "Ann" in sams_clients(app, world)
    with browser(app, world.tokens["linked_practitioner"]) as pat:  # Pat still follows her
        assert "Ann" in [row["name"] for row in pat.get("/api/practice/clients").json()]


def test_signed_out_the_page_offers_to_sign_in_first(app: FastAPI, world: World) -> None:
    code = sams_invite(app, world)
    with browser(app) as nobody:
        page = nobody.get(f"/invite/{code}").text
        assert f'href="/login?next=/invite/{code}"' in page and 'name="name"' in page
        lost = nobody.post(f"/invite/{code}", data={"as_signed_in": "yes", "consent": "on"})
        assert lost.status_code == 401 and "you are no longer signed in" in _words(lost.text).lower()
    assert "Ann" not in sams_clients(app, world)


def test_the_api_takes_it_once(app: FastAPI, world: World) -> None:
    code = sams_invite(app, world)
    with browser(app, world.tokens[ANN]) as ann:
        assert ann.post(f"/api/auth/invites/{code}/accept", json={}).status_code == 422  # no consent
        taken = ann.post(f"/api/auth/invites/{code}/accept", json={"consent": True})
        assert taken.status_code == 201, taken.text
        assert (taken.json()["name"], taken.json()["role"], taken.json()["device_token"]) == ("Ann", "client", None)
        assert ann.post(f"/api/auth/invites/{code}/accept", json={"consent": True}).status_code == 410


def test_an_invitation_run_out_is_not_taken(world: World, tmp_path: Path) -> None:
    clock = FakeClock(world.clock())  # the world's own stands still for the other tests
    app = practice_app(world.copy_to(tmp_path), clock)
    late = sams_invite(app, world)
    clock.advance(INVITE_LIFETIME.total_seconds() + 1)
    with browser(app, sign_in(app, "ben@example.org")) as ben:  # signed in again: the first session ran out too
        assert ben.post(f"/api/auth/invites/{late}/accept", json={"consent": True}).status_code == 410
        assert ben.post(f"/invite/{late}", data={"as_signed_in": "yes", "consent": "on"}).status_code == 410


def test_another_accounts_invitation_is_not_taken_by_the_one_signed_in(app: FastAPI, world: World) -> None:
    for_ben = sams_invite(app, world, "ben@example.org")
    with browser(app, world.tokens[ANN]) as ann:
        refused = ann.post(f"/api/auth/invites/{for_ben}/accept", json={"consent": True})
        assert refused.status_code == 422 and "sent to another email address; sign out" in refused.json()["detail"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:  # a practitioner's account is no client's
        refused = pat.post(f"/api/auth/invites/{sams_invite(app, world)}/accept", json={"consent": True})
        assert (
            refused.status_code == 409
            and "you are signed in as pat@clinic.example, a practitioner of" in refused.json()["detail"]
        )
    with browser(app, world.tokens["client_b"]) as ben:  # still there for the account it was sent to
        assert ben.post(f"/api/auth/invites/{for_ben}/accept", json={"consent": True}).status_code == 201


def test_the_page_says_at_once_when_the_account_signed_in_cannot_take_it(app: FastAPI, world: World) -> None:
    """A client signed in who opened a practitioner's invitation was offered "Join as Ben Ortiz", which could only be
    refused (409) once pressed (walk_practice L5); likewise one sent to another email. The page now says why at
    once, and offers no button that cannot work."""
    with browser(app, world.tokens["admin"]) as admin:
        for_a_practitioner = admin.post("/api/practice/invites", json={"role": "practitioner"}).json()["code"]
    for code, said in (
        (
            for_a_practitioner,
            "You are signed in as ann@example.org, a client of Clinic; sign out, then open the invitation again",
        ),
        (sams_invite(app, world, "ben@example.org"), "This invite was sent to another email address; sign out"),
    ):
        with browser(app, world.tokens[ANN]) as ann:
            page = ann.get(f"/invite/{code}").text
        assert said in _words(page)
        assert "Join as Ann" not in page and "Agree and join as Ann" not in page and 'class="card narrow"' not in page
    with browser(app, world.tokens[ANN]) as ann:  # one she can take still offers it
        assert "Agree and join as Ann" in ann.get(f"/invite/{sams_invite(app, world)}").text
