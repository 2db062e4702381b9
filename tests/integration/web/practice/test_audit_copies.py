"""A copy of every audit entry goes to syslog when asked (ASVS 5.0 16.4.3); input that does not validate (16.3.3)
and an unexpected failure (16.3.4) are audited, with what was refused but never the values sent."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.accounts.passwords import TEST_COST
from crest.web.app import create_app
from crest.web.practice_app import PracticeOptions
from crest.web.practice_door import COOKIE_NAME
from support.practice_web import World, browser, no_pose_model

TYPED_SECRET = "my secret typed in the wrong box"


@pytest.fixture
def syslog() -> Iterator[socket.socket]:
    """A syslog server on this machine: a UDP socket that keeps what it is sent."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server:
        server.bind(("127.0.0.1", 0))
        server.settimeout(5)
        yield server


def forwarding_app(world: World, folder: Path, syslog: socket.socket) -> FastAPI:
    host, port = syslog.getsockname()
    return create_app(
        world.copy_to(folder),
        clock=world.clock,
        checker_factory=no_pose_model,
        practice=PracticeOptions(password_cost=TEST_COST, served_at=("testserver", 80), audit_syslog=f"{host}:{port}"),
    )


def received(syslog: socket.socket) -> dict[str, object]:
    message = syslog.recv(65536).decode("ascii")
    # "<PRI>" then the tag and the entry as one line of JSON
    assert message.startswith("<") and ">crest-audit: " in message
    entry: dict[str, object] = json.loads(message.split(">crest-audit: ", 1)[1].rstrip("\x00"))
    return entry


def test_each_audit_entry_is_copied_to_syslog_as_it_is_stored(
    world: World, tmp_path: Path, syslog: socket.socket
) -> None:
    app = forwarding_app(world, tmp_path, syslog)
    with TestClient(app) as stranger:
        body = {"email": "admin@clinic.example", "password": TYPED_SECRET}
        assert stranger.post("/api/auth/login", json=body).status_code == 401
    entry = received(syslog)
    assert (entry["action"], entry["outcome"]) == ("sign_in", "failed")
    stored = app.state.practice_door.audit.entries()[0]  # newest first
    assert (stored.action, stored.outcome, stored.at.isoformat()) == ("sign_in", "failed", entry["at"])
    assert TYPED_SECRET not in json.dumps(entry)


def test_a_password_typed_into_the_email_field_never_reaches_the_log(app: FastAPI) -> None:
    with browser(app) as stranger:
        answer = stranger.post("/api/auth/login", json={"email": TYPED_SECRET, "password": "x"})
        assert answer.status_code == 401
    entry = app.state.practice_door.audit.entries()[0]  # newest first
    assert (entry.action, entry.outcome, entry.detail) == ("sign_in", "failed", "(not an email address)")
    assert TYPED_SECRET not in json.dumps([str(one) for one in app.state.practice_door.audit.entries()])


def test_input_that_does_not_validate_is_audited_by_its_fields_never_their_values(app: FastAPI) -> None:
    with browser(app) as stranger:
        answer = stranger.post("/api/auth/login", json={"email": ["admin@clinic.example"], "pasword": TYPED_SECRET})
        assert answer.status_code == 422
    entry = app.state.practice_door.audit.entries()[0]  # newest first
    assert (entry.action, entry.outcome) == ("refused_input", "422")
    assert entry.detail == "POST /api/auth/login: body.email, body.password, body.pasword"
    assert entry.address == "testclient"


def test_an_unexpected_failure_is_audited_and_answered_calmly(
    app: FastAPI, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    door = app.state.practice_door

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError(f"a bug that prints {TYPED_SECRET}")

    monkeypatch.setattr(door.audit, "done_by", broken)
    with TestClient(app, raise_server_exceptions=False) as pat:
        pat.cookies.set(COOKIE_NAME, world.tokens["linked_practitioner"] or "")
        answer = pat.get("/api/account/activity")
    assert answer.status_code == 500
    assert answer.json() == {"detail": "something went wrong on the server; it has been logged. Try again in a moment"}
    # sent from outside every middleware, it carries their headers all the same
    assert answer.headers["content-security-policy"] and answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["cache-control"] == "no-store"
    entry = door.audit.entries()[0]  # newest first
    assert (entry.action, entry.outcome) == ("server_error", "500")
    assert entry.detail == "GET /api/account/activity: RuntimeError"
    assert TYPED_SECRET not in (entry.detail or "")
