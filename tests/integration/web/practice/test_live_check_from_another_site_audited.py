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

from crest.web.guard import NOT_FROM_OWN_PAGES
from crest.web.practice_door import COOKIE_NAME
from support.practice_web import ORIGIN, World

ELSEWHERE = (
    pytest.param({"Origin": "https://evil.example"}, id="origin"),
    pytest.param({"Origin": "null"}, id="sandboxed"),
    pytest.param({"Origin": ORIGIN, "Sec-Fetch-Site": "cross-site"}, id="fetch-site"),
)


@pytest.mark.parametrize("elsewhere", ELSEWHERE)
@pytest.mark.parametrize("address", ["/api/check/live", "/api/check/live?breath=true"])
def test_a_live_check_opened_from_another_site_is_refused_and_audited_as_denied(
    app: FastAPI, world: World, elsewhere: dict[str, str], address: str
) -> None:
    token = world.tokens["client_a"]
    assert token is not None
    audit = app.state.practice_door.audit
    before = len(audit.entries())
    with TestClient(app) as browser:
        browser.cookies.set(COOKIE_NAME, token)  # the client is signed in in this browser
        with pytest.raises(WebSocketDisconnect) as refused, browser.websocket_connect(address, headers=elsewhere):
            pass  # closed before it was accepted: the handshake is answered 403
    assert (refused.value.code, refused.value.reason) == (1008, NOT_FROM_OWN_PAGES)
    entries = audit.entries()
    assert len(entries) == before + 1
    newest = entries[0]
    assert (newest.action, newest.outcome, newest.detail) == ("denied", "403", "WS /api/check/live: from another site")
    assert newest.address == "testclient" and newest.actor_account_id is None
    assert token not in json.dumps([str(entry) for entry in entries])


def test_a_live_check_from_the_practices_own_page_is_not_refused_nor_audited(app: FastAPI, world: World) -> None:
    token = world.tokens["client_a"]
    assert token is not None
    audit = app.state.practice_door.audit
    before = len(audit.entries())
    with TestClient(app) as browser:
        browser.cookies.set(COOKIE_NAME, token)
        own = {"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"}
        with browser.websocket_connect("/api/check/live", headers=own):
            pass  # accepted: the client's own page
    assert len(audit.entries()) == before


@pytest.mark.parametrize(("actor", "outcome"), [("anonymous", "401"), ("linked_practitioner", "403"), ("admin", "403")])
def test_a_live_check_refused_to_someone_not_a_client_is_audited_as_denied(
    app: FastAPI, world: World, actor: str, outcome: str
) -> None:
    """From the practice's own page, but not a client's: closed before it opens (the matrix's row), and in the log
    as every other refused request is (ASVS 5.0 16.3.2); no exception handler sees a WebSocket's refusal."""
    token = world.tokens.get(actor)
    audit = app.state.practice_door.audit
    before = len(audit.entries())
    with TestClient(app) as browser:
        if token:
            browser.cookies.set(COOKIE_NAME, token)
        own = {"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"}
        with pytest.raises(WebSocketDisconnect) as refused, browser.websocket_connect("/api/check/live", headers=own):
            pass
    assert refused.value.code == 1008
    entries = audit.entries()
    assert len(entries) == before + 1
    assert (entries[0].action, entries[0].outcome, entries[0].detail) == ("denied", outcome, "WS /api/check/live")
