"""Confirming one's password (and code) again for a sensitive change renews the sign-in (ASVS 5.0 7.2.4: a new
session token at authentication, re-authentication included): the answer sets a new cookie, the old token is dead
at once, and the person stays signed in, their browser's next request and all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.accounts.model import Anonymous
from crest.accounts.second_factor import code_at, step_at
from crest.web.practice_door import COOKIE_NAME
from support.practice_web import ORIGIN, PASSWORD, World, browser

FROM_A_PAGE = {"Referer": f"{ORIGIN}/"}


def _reset_form(world: World) -> dict[str, Any]:
    return {"data": {"password": PASSWORD, "code": world.app_code("admin")}, "headers": FROM_A_PAGE}


def _reset_body(world: World) -> dict[str, Any]:
    return {"json": {"password": PASSWORD, "second_factor_code": world.app_code("admin")}}


def _turn_off_form(world: World) -> dict[str, Any]:
    return {"data": {"password": PASSWORD, "code": world.app_code("admin")}, "headers": FROM_A_PAGE}


def _password_change(as_json: bool) -> Callable[[World], dict[str, Any]]:
    body = {"current_password": PASSWORD, "new_password": "a fresh passphrase of mine"}
    return lambda world: {"json": body} if as_json else {"data": body, "headers": FROM_A_PAGE}


def _password_again(as_json: bool) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"json": {"password": PASSWORD}} if as_json else {"data": {"password": PASSWORD}}


# (who, the address, what is sent, the answer, the page the browser goes on to)
CONFIRMED_AGAIN: dict[str, tuple[str, str, Callable[[World], dict[str, Any]], int, str | None]] = {
    "password page": ("client_a", "/account/password", _password_change(False), 303, "/account"),
    "password api": ("client_a", "/api/account/password", _password_change(True), 204, None),
    "sign out elsewhere page": ("client_a", "/account/sessions/end-others", _password_again(False), 303, "/account"),
    "sign out elsewhere api": ("client_a", "/api/account/sessions/end-others", _password_again(True), 200, None),
    "two-step sign-in off": ("admin", "/account/two-factor/turn-off", _turn_off_form, 303, "/account/two-factor"),
    "an admin's reset page": (
        "admin",
        "/practice/admin/practitioners/{membership}/two-factor/reset",
        _reset_form,
        303,
        "/practice/admin",
    ),
    "an admin's reset api": (
        "admin",
        "/api/practice/practitioners/{membership}/two-factor/reset",
        _reset_body,
        204,
        None,
    ),
}


def _signed_in(app: FastAPI, token: str) -> bool:
    actor, _ = app.state.practice_door.accounts.actor_for_session(token, False)
    return not isinstance(actor, Anonymous)


def _renewed(app: FastAPI, client: TestClient, old: str, answer: Any) -> str:
    """The new token the answer set: another than the old one, which is dead; the new one signed in."""
    assert COOKIE_NAME in answer.cookies, answer.headers
    renewed = str(answer.cookies[COOKIE_NAME])
    assert renewed != old
    assert not _signed_in(app, old), "the old token still signs in"
    assert _signed_in(app, renewed)
    set_cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in set_cookie and "samesite=lax" in set_cookie and "path=/" in set_cookie
    return renewed


@pytest.mark.parametrize("case", sorted(CONFIRMED_AGAIN))
def test_confirming_the_password_again_renews_the_sign_in(app: FastAPI, world: World, case: str) -> None:
    actor, address, sent, status, next_page = CONFIRMED_AGAIN[case]
    old = world.tokens[actor]
    assert old is not None
    path = address.format(membership=world.ids["practitioner_membership"])
    with browser(app, old) as client:
        client.follow_redirects = False
        answer = client.post(path, **sent(world))
        assert answer.status_code == status, answer.text
        renewed = _renewed(app, client, old, answer)
        if next_page is not None:  # the browser follows on, with the cookie it was just given
            assert answer.headers["location"].startswith(next_page)
            next_page = answer.headers["location"]
    with browser(app, renewed) as client:
        client.follow_redirects = False
        page = client.get(next_page or "/account")
        assert page.status_code == 200, (page.status_code, page.headers.get("location"))
    with browser(app, old) as stolen:  # whoever saw the old cookie: signed out
        assert stolen.get("/api/auth/me").status_code == 401


def test_turning_two_step_sign_in_on_renews_the_sign_in_and_shows_the_codes(app: FastAPI, world: World) -> None:
    old = world.tokens["client_b"]
    assert old is not None
    door = app.state.practice_door
    with browser(app, old) as client:
        client.follow_redirects = False
        assert client.post("/account/two-factor/start").status_code == 303
        secret = door.accounts.second_factor_state(door.accounts.actor_for_session(old)[0]).setting_up
        code = code_at(secret, step_at(world.clock()))
        answer = client.post("/account/two-factor/confirm", data={"password": PASSWORD, "code": code})
        assert answer.status_code == 200 and "recovery codes" in answer.text
        renewed = _renewed(app, client, old, answer)
    with browser(app, renewed) as client:
        assert "On: signing in asks for a code" in client.get("/account").text


def test_a_wrong_password_renews_nothing(app: FastAPI, world: World) -> None:
    old = world.tokens["client_a"]
    assert old is not None
    with browser(app, old) as client:
        answer = client.post("/api/account/password", json={"current_password": "a guess", "new_password": "x" * 20})
        assert answer.status_code == 401 and COOKIE_NAME not in answer.cookies
    assert _signed_in(app, old)
