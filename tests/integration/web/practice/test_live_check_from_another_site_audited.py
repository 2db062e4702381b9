"""The live camera check, practice mode's one WebSocket (every route the practice serves is in
test_authorization_matrix: no other), opened from another site's page (cross-site WebSocket hijacking: the browser
sends the client's sign-in cookie with it) is refused and written to the audit log as `denied`, as every other change
from another site is (ASVS 5.0 16.3.3): crest.web.guard refused it before practice mode's guard saw it, with no
entry. Neither the cookie nor the address's query reaches the log. So is one refused to someone not a client (ASVS
5.0 16.3.2), which the route closed with no entry."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from crest.accounts.records import AuditEntry
from crest.web.guard import NOT_FROM_OWN_PAGES
from crest.web.practice_door import COOKIE_NAME
from support.practice_web import ORIGIN, World

ELSEWHERE = (
    pytest.param({"Origin": "https://evil.example"}, id="origin"),
    pytest.param({"Origin": "null"}, id="sandboxed"),
    pytest.param({"Origin": ORIGIN, "Sec-Fetch-Site": "cross-site"}, id="fetch-site"),
)
OWN_PAGE = {"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"}


def _opened(app: FastAPI, token: str | None, address: str, headers: dict[str, str]) -> WebSocketDisconnect | None:
    """How a browser holding `token` (None: nobody signed in) opening `address` was closed; None: it was let in."""
    with TestClient(app) as browser:
        if token:
            browser.cookies.set(COOKIE_NAME, token)
        try:
            with browser.websocket_connect(address, headers=headers):
                return None
        except WebSocketDisconnect as closed:  # closed before it was accepted: the handshake is answered 403
            return closed


def _one_new_entry(app: FastAPI, before: int) -> AuditEntry:
    entries = app.state.practice_door.audit.entries()
    assert len(entries) == before + 1
    newest: AuditEntry = entries[0]
    return newest


@pytest.mark.parametrize("elsewhere", ELSEWHERE)
@pytest.mark.parametrize("address", ["/api/check/live", "/api/check/live?breath=true"])
def test_a_live_check_opened_from_another_site_is_refused_and_audited_as_denied(
    app: FastAPI, world: World, elsewhere: dict[str, str], address: str
) -> None:
    token = world.tokens["client_a"]  # the client is signed in in this browser
    assert token is not None
    before = len(app.state.practice_door.audit.entries())
    closed = _opened(app, token, address, elsewhere)
    assert closed is not None and (closed.code, closed.reason) == (1008, NOT_FROM_OWN_PAGES)
    newest = _one_new_entry(app, before)
    assert (newest.action, newest.outcome, newest.detail) == ("denied", "403", "WS /api/check/live: from another site")
    assert newest.address == "testclient" and newest.actor_account_id is None
    assert token not in json.dumps([str(entry) for entry in app.state.practice_door.audit.entries()])


def test_a_live_check_from_the_practices_own_page_is_not_refused_nor_audited(app: FastAPI, world: World) -> None:
    before = len(app.state.practice_door.audit.entries())
    assert _opened(app, world.tokens["client_a"], "/api/check/live", OWN_PAGE) is None
    assert len(app.state.practice_door.audit.entries()) == before


@pytest.mark.parametrize(("actor", "outcome"), [("anonymous", "401"), ("linked_practitioner", "403"), ("admin", "403")])
def test_a_live_check_refused_to_someone_not_a_client_is_audited_as_denied(
    app: FastAPI, world: World, actor: str, outcome: str
) -> None:
    """From the practice's own page, but not a client's: closed before it opens (the matrix's row), and in the log
    as every other refused request is (ASVS 5.0 16.3.2); no exception handler sees a WebSocket's refusal."""
    before = len(app.state.practice_door.audit.entries())
    closed = _opened(app, world.tokens.get(actor), "/api/check/live", OWN_PAGE)
    assert closed is not None and closed.code == 1008
    newest = _one_new_entry(app, before)
    assert (newest.action, newest.outcome, newest.detail) == ("denied", outcome, "WS /api/check/live")


@pytest.mark.parametrize("actor", ["client_a", "linked_practitioner"])
def test_a_live_check_whose_address_does_not_validate_is_audited_as_refused_input(
    app: FastAPI, world: World, actor: str
) -> None:
    """`?breath=maybe`: closed before the route runs, and in the log as an HTTP request's input that does not
    validate is (ASVS 5.0 16.3.3): the field, never what was sent in it."""
    before = len(app.state.practice_door.audit.entries())
    closed = _opened(app, world.tokens[actor], "/api/check/live?breath=maybe-not", OWN_PAGE)
    assert closed is not None and closed.code == 1008
    newest = _one_new_entry(app, before)
    detail = "WS /api/check/live: query.breath"
    assert (newest.action, newest.outcome, newest.detail) == ("refused_input", "422", detail)
    assert "maybe-not" not in str(newest)
