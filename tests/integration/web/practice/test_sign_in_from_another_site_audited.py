"""A sign-in refused for coming from another site (a page elsewhere posting to the practice's sign-in, login CSRF)
is in the audit log as other refused sign-ins are (ASVS 5.0 16.3.1, 16.3.3), without the password or code it
carried: crest.web.guard refused it before practice mode's guard saw it, with no entry (security walk s51 L2)."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.web.practice_door import COOKIE_NAME
from support.practice_web import ORIGIN, World

SECRET = "a password typed on another site"
CODE = "493817"
ELSEWHERE = (
    pytest.param({"Origin": "https://evil.example"}, id="origin"),
    pytest.param({"Referer": "https://evil.example/page"}, id="referer"),
    pytest.param({"Sec-Fetch-Site": "cross-site"}, id="fetch-site"),
)
FORM = {"email": "admin@clinic.example", "password": SECRET, "code": CODE, "name": "Mallory", "consent": "on"}
JSON = {"email": "admin@clinic.example", "password": SECRET, "second_factor_code": CODE}


def _doors(world: World) -> list[tuple[str, str]]:
    """Every door where a password or a code is given to sign in, with its logged path."""
    invite, reset = world.invite_codes["client_a"], world.reset_codes["client_a"]
    return [
        ("/login", "/login"),
        ("/login/code", "/login/code"),
        (f"/invite/{invite}", "/invite/{code}"),
        (f"/reset/{reset}", "/reset/{code}"),
        ("/api/auth/login", "/api/auth/login"),
        ("/api/auth/accept-invite", "/api/auth/accept-invite"),
        (f"/api/auth/invites/{invite}/accept", "/api/auth/invites/{code}/accept"),
        ("/api/auth/password-reset", "/api/auth/password-reset"),
    ]


@pytest.mark.parametrize("elsewhere", ELSEWHERE)
def test_a_sign_in_from_another_site_is_refused_and_audited_without_its_secrets(
    app: FastAPI, world: World, elsewhere: dict[str, str]
) -> None:
    audit = app.state.practice_door.audit
    before = len(audit.entries())
    with TestClient(app) as stranger:  # no cookie: nobody is signed in in this browser
        for path, logged in _doors(world):
            body = {"json": JSON} if path.startswith("/api/") else {"data": FORM}
            answer = stranger.post(path, headers=elsewhere, **body)  # type: ignore[arg-type]
            assert answer.status_code == 403, path
            newest = audit.entries()[0]
            assert (newest.action, newest.outcome) == ("sign_in", "403"), path
            assert newest.detail == f"POST {logged}: from another site"
            assert newest.address == "testclient" and newest.actor_account_id is None
    entries = audit.entries()
    assert len(entries) == before + len(_doors(world))
    logged_text = json.dumps([str(entry) for entry in entries])
    assert SECRET not in logged_text and CODE not in logged_text
    assert world.invite_codes["client_a"] not in logged_text and world.reset_codes["client_a"] not in logged_text


def test_any_other_change_from_another_site_is_refused_and_audited_as_denied(app: FastAPI) -> None:
    with TestClient(app) as stranger:
        answer = stranger.post(
            "/api/practice/invites", json={"email": "x@y.org"}, headers={"Origin": "https://e.example"}
        )
        assert answer.status_code == 403
    newest = app.state.practice_door.audit.entries()[0]
    assert (newest.action, newest.outcome, newest.detail) == (
        "denied",
        "403",
        "POST /api/practice/invites: from another site",
    )


def test_a_signed_in_change_naming_this_server_but_sent_from_another_site_is_refused_and_audited(
    app: FastAPI, world: World
) -> None:
    """This server's Origin beside `Sec-Fetch-Site: cross-site`, with the sign-in cookie: headers no browser sends
    together (forged). crest.web.guard refused it, Sec-Fetch-Site being decisive, after practice mode's guard let it
    by for its Origin: refused with no entry (found by the s53 sweep over every changing route)."""
    token = world.tokens["client_a"]
    assert token is not None
    with TestClient(app) as forged:
        forged.cookies.set(COOKIE_NAME, token)
        answer = forged.put(
            "/api/settings", json={"theme": "dark"}, headers={"Origin": ORIGIN, "Sec-Fetch-Site": "cross-site"}
        )
        assert answer.status_code == 403
    newest = app.state.practice_door.audit.entries()[0]
    assert (newest.action, newest.outcome, newest.detail) == ("denied", "403", "PUT /api/settings: from another site")


def test_a_sign_in_from_the_practices_own_pages_is_not_refused(app: FastAPI, world: World) -> None:
    with TestClient(app) as person:
        own = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
        answer = person.post("/api/auth/login", json={"email": "ann@example.org", "password": "wrong"}, headers=own)
    assert answer.status_code == 401
    newest = app.state.practice_door.audit.entries()[0]
    assert (newest.action, newest.outcome) == ("sign_in", "failed")
