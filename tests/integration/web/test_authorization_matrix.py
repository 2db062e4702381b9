"""The authorization matrix of practice mode (issue 12): every route of the app, walked from `app.routes`, asked
by every actor of the issue, each answer checked. A route missing from the matrix fails the test, so a new
route cannot ship without saying who may use it.

Each route runs on its own copy of one filled practice (see support/practice_web.py), the actors who may not
use it first, so that a route that changes things (ending a programme, deleting a session) has changed nothing
when a refusal is checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketDenialResponse
from starlette.websockets import WebSocketDisconnect

from crest.journal.records import MAX_RECORD_ID, JournalContents
from crest.journal.transfer.json_format import export_json
from crest.web.app import create_app
from crest.web.pages.common import NO_RECORD_ID
from support.practice_web import (
    ACTORS,
    ALL_CLEAR,
    ORIGIN,
    PASSWORD,
    NoPoseModelHere,
    World,
    ann_in_severe_pain,
    browser,
    practice_app,
)
from support.routes import app_routes

CLIENTS = ("client_a", "client_b")
# Neither client has an answer that advises seeing a clinician, so an all-clear has nothing to clear: refused
# after the request got past every authorization check.
CLEARANCE_STATUS = 409
CLEARANCE_PAGE_STATUS = 409
PRACTITIONERS = ("linked_practitioner", "unlinked_practitioner", "other_practice_practitioner")
SIGNED_OUT = ("anonymous", "removed_practitioner")  # a removed practitioner's session ended with the removal
SIGNED_IN = tuple(actor for actor in ACTORS if actor not in SIGNED_OUT)
# Whom others still depend on: the Clinic's only administrator, while it has practitioners, and practitioners who
# follow a client; neither may delete their account until that is seen to.
STILL_NEEDED = ("admin", "linked_practitioner", "unlinked_practitioner")
FREE_TO_LEAVE = tuple(actor for actor in SIGNED_IN if actor not in STILL_NEEDED)
PASSWORD_CHANGE = {"current_password": PASSWORD, "new_password": "a fresh passphrase of mine"}
NEW_PASSWORD = "a new passphrase from a link"
TO_SIGN_IN = "to sign-in"  # a page's answer to nobody signed in: 303 to /login?next=...
TO_SET_UP = "to set-up"  # a page's answer to a practitioner or admin without a second factor: 303 to its setup
ENROLLING = "enrolling_practitioner"
# What a practitioner or an admin without a second factor may use besides the public routes: setting one up.
SETTING_UP = frozenset(
    {
        ("GET", "/account/two-factor"),
        ("POST", "/account/two-factor/start"),
        ("POST", "/account/two-factor/confirm"),
        ("POST", "/account/two-factor/turn-off"),
    }
)


@dataclass(frozen=True)
class Rule:
    """Who may use a route, what they get, what everyone else gets."""

    allowed: tuple[str, ...]
    ok: int | str
    others: Callable[[str, bool], int | str]  # (actor, is_api) -> status (or TO_SIGN_IN)
    body: Callable[[World, str], dict[str, Any]] | None = None  # json (api) or form (pages)
    params: dict[str, str] = field(default_factory=dict)  # path parameter -> a key of World.ids
    query: str = ""
    files: bool = False
    given: Callable[[FastAPI, World], None] | None = None  # what the route needs first (an alert to acknowledge)


def refusal(forbidden: int) -> Callable[[str, bool], int | str]:
    """Signed out: 401 (a page: to the sign-in page); signed in with the wrong role: `forbidden`."""

    def status(actor: str, api: bool) -> int | str:
        if actor in SIGNED_OUT:
            return 401 if api else TO_SIGN_IN
        return forbidden

    return status


def about_client_a(actor: str, api: bool) -> int | str:
    """Objects of client A: hidden (404) from other practitioners of any practice; other roles are refused."""
    if actor in SIGNED_OUT:
        return 401 if api else TO_SIGN_IN
    return 404 if actor in PRACTITIONERS else 403


def own_object(actor: str, api: bool) -> int | str:
    """Client A's own records: client B does not find them (404); non-clients are refused (403)."""
    if actor in SIGNED_OUT:
        return 401 if api else TO_SIGN_IN
    return 404 if actor == "client_b" else 403


def hidden_object(actor: str, api: bool) -> int | str:
    """An object of practice mode asked for by anyone but its owner: not found (a 403 would confirm it exists)."""
    if actor in SIGNED_OUT:
        return 401 if api else TO_SIGN_IN
    return 404


def to_their_home(actor: str, api: bool) -> int | str:
    """The server's front door: anyone signed in who is no client is sent on to their own first page."""
    return TO_SIGN_IN if actor in SIGNED_OUT else 303


def whoever_invited(actor: str, api: bool) -> int | str:
    """An invitation is withdrawn by whoever made it: another inviter does not find it (404); others are refused."""
    if actor in SIGNED_OUT:
        return 401 if api else TO_SIGN_IN
    return 404 if actor in (*PRACTITIONERS, "admin") else 403


def in_another_role(actor: str, api: bool) -> int | str:
    """A client's invitation taken by the account signed in: a practitioner's or an admin's belongs to the practice
    in another role (409); two-step sign-in still to set up comes first (403)."""
    if actor in SIGNED_OUT:
        return 401
    return 403 if actor == ENROLLING else 409


def nobody_else(actor: str, api: bool) -> int | str:
    raise AssertionError(f"{actor} should have been allowed")


EVERYONE = ACTORS
CLIENT = refusal(403)
PUBLIC = nobody_else

MATRIX: dict[tuple[str, str], Rule] = {
    # The API's document: any account, not every visitor (ASVS 5.0 13.4.5). The static files: public, no data.
    # Asked as a program asks (this test's client sends no Accept: text/html): answered as the API is; a browser
    # is led to the sign-in page (test_practice_web).
    ("GET", "/openapi.json"): Rule(SIGNED_IN, 200, lambda actor, api: 401),
    ("GET", "/static"): Rule(EVERYONE, 200, PUBLIC),  # asked as /static/crest.css
    # Signing in and out, invitations: anyone.
    ("POST", "/api/auth/login"): Rule(
        EVERYONE, 200, PUBLIC, body=lambda w, a: {"email": "ben@example.org", "password": PASSWORD}
    ),
    ("POST", "/api/auth/logout"): Rule(EVERYONE, 204, PUBLIC),
    ("GET", "/api/auth/me"): Rule(SIGNED_IN, 200, refusal(401)),
    ("GET", "/api/auth/invites/{code}"): Rule(EVERYONE, 200, PUBLIC, params={"code": "invite"}),
    ("POST", "/api/auth/accept-invite"): Rule(
        EVERYONE,
        201,
        PUBLIC,
        body=lambda w, a: {
            "code": w.invite_codes[a],
            "email": f"new-{a}@example.org",
            "password": PASSWORD,
            "name": "New",
            "consent": True,
        },
    ),
    # The account signed in takes an invitation as it is (a client's second practitioner): a client's, or an
    # account in no practice; one of another role is refused before anything is used.
    ("POST", "/api/auth/invites/{code}/accept"): Rule(
        (*CLIENTS, "no_practice"), 201, in_another_role, params={"code": "invite"}, body=lambda w, a: {"consent": True}
    ),
    ("GET", "/login"): Rule(EVERYONE, 200, PUBLIC),
    ("POST", "/login"): Rule(
        EVERYONE, 303, PUBLIC, body=lambda w, a: {"email": "ben@example.org", "password": PASSWORD}
    ),
    ("POST", "/logout"): Rule(EVERYONE, 303, PUBLIC),
    ("GET", "/invite/{code}"): Rule(EVERYONE, 200, PUBLIC, params={"code": "invite"}),
    # The code step of signing in: only a browser whose password was just right here (its own cookie, which no
    # actor of the matrix holds) gets the page; everyone else goes back to the password, signed in or not.
    ("GET", "/login/code"): Rule(EVERYONE, 303, PUBLIC),
    ("POST", "/login/code"): Rule(EVERYONE, 401, PUBLIC, body=lambda w, a: {"code": "123456"}),
    # A password link: whoever holds it (it is the proof), signed in or not.
    ("GET", "/api/auth/password-resets/{code}"): Rule(EVERYONE, 200, PUBLIC, params={"code": "reset"}),
    ("POST", "/api/auth/password-reset"): Rule(
        EVERYONE, 200, PUBLIC, body=lambda w, a: {"code": w.reset_codes[a], "new_password": NEW_PASSWORD}
    ),
    ("GET", "/reset/{code}"): Rule(EVERYONE, 200, PUBLIC, params={"code": "reset"}),
    # Each link is for the admin of a practice of its own, with no second factor yet: signed in, they are led to
    # set one up.
    ("POST", "/reset/{code}"): Rule(
        EVERYONE, TO_SET_UP, PUBLIC, params={"code": "reset"}, body=lambda w, a: {"new_password": NEW_PASSWORD}
    ),
    ("POST", "/invite/{code}"): Rule(
        EVERYONE,
        303,
        PUBLIC,
        params={"code": "invite"},
        body=lambda w, a: {"email": f"new-{a}@example.org", "password": PASSWORD, "name": "New", "consent": "on"},
    ),
    # The local app's own routes: a client's own data only.
    ("POST", "/api/sessions"): Rule(CLIENTS, 201, CLIENT, body=lambda w, a: {"planned_minutes": 15}),
    ("GET", "/api/sessions"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/api/sessions/{session_id}"): Rule(("client_a",), 200, own_object, params={"session_id": "session"}),
    # The world's session has ended: a checkpoint or a second finish is refused after every authorization check.
    ("POST", "/api/sessions/{session_id}/checkpoint"): Rule(
        ("client_a",), 409, own_object, params={"session_id": "session"}, body=lambda w, a: {"elapsed_s": 60}
    ),
    ("POST", "/api/sessions/{session_id}/finish"): Rule(
        ("client_a",),
        409,
        own_object,
        params={"session_id": "session"},
        body=lambda w, a: {"elapsed_s": 900, "status": "completed"},
    ),
    ("PUT", "/api/sessions/{session_id}"): Rule(
        ("client_a",),
        200,
        own_object,
        params={"session_id": "session"},
        body=lambda w, a: {"variant": "supported", "actual_seconds": 600, "status": "ended_early"},
    ),
    ("DELETE", "/api/sessions/{session_id}"): Rule(("client_a",), 204, own_object, params={"session_id": "session"}),
    ("POST", "/api/checkins"): Rule(
        CLIENTS, 201, CLIENT, body=lambda w, a: {"pain": [{"region": "hip", "side": "left", "score": 3}]}
    ),
    ("POST", "/api/checkin-signs"): Rule(
        CLIENTS, 200, CLIENT, body=lambda w, a: {"pain": [{"region": "buttock", "side": "left", "score": 3}]}
    ),
    ("GET", "/api/checkins"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/api/checkins/{checkin_id}"): Rule(("client_a",), 200, own_object, params={"checkin_id": "check_in"}),
    ("PUT", "/api/checkins/{checkin_id}"): Rule(
        ("client_a",),
        200,
        own_object,
        params={"checkin_id": "check_in"},
        body=lambda w, a: {"pain": [{"region": "knee", "side": "right", "score": 2}]},
    ),
    ("DELETE", "/api/checkins/{checkin_id}"): Rule(("client_a",), 204, own_object, params={"checkin_id": "check_in"}),
    ("GET", "/api/safety/questions"): Rule(CLIENTS, 200, CLIENT),
    ("POST", "/api/safety/answers"): Rule(CLIENTS, 200, CLIENT, body=lambda w, a: {"answers": ALL_CLEAR}),
    ("GET", "/api/safety/latest"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/api/settings"): Rule(CLIENTS, 200, CLIENT),
    ("PUT", "/api/settings"): Rule(CLIENTS, 200, CLIENT, body=lambda w, a: {"theme": "dark"}),
    ("GET", "/api/export"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/api/progress"): Rule(CLIENTS, 200, CLIENT),
    ("POST", "/api/psfs"): Rule(
        CLIENTS, 201, CLIENT, body=lambda w, a: {"activities": [{"name": "walking", "score": 5}]}
    ),
    ("GET", "/api/psfs"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/api/psfs/{assessment_id}"): Rule(("client_a",), 200, own_object, params={"assessment_id": "psfs"}),
    ("DELETE", "/api/psfs/{assessment_id}"): Rule(("client_a",), 204, own_object, params={"assessment_id": "psfs"}),
    ("GET", "/api/reminder.ics"): Rule(CLIENTS, 200, CLIENT),
    ("POST", "/api/check"): Rule(CLIENTS, NoPoseModelHere.http_status, CLIENT, files=True),
    # Clients are let in (a pose model of the shared pool is taken with their first frame); anyone else is closed
    # with 1008 before any frame.
    ("WS", "/api/check/live"): Rule(CLIENTS, "accepted", lambda actor, api: "closed 1008"),
    ("GET", "/"): Rule(CLIENTS, 200, to_their_home),
    ("GET", "/session"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/session/edit"): Rule(("client_a",), 200, own_object, query="session_id={session}"),
    # the edit form without its script: Ann's session as it is (15 minutes, completed), saved again
    ("POST", "/session/edit"): Rule(
        ("client_a",),
        303,
        own_object,
        query="session_id={session}",
        body=lambda w, a: {"variant": "standard", "rested_minutes": "15", "rested_seconds": "0", "status": "completed"},
    ),
    ("GET", "/session/breath"): Rule(("client_a",), 200, own_object, query="session_id={session}"),
    ("GET", "/checkin"): Rule(CLIENTS, 200, CLIENT),
    ("POST", "/checkin"): Rule(CLIENTS, 303, CLIENT, body=lambda w, a: {"note": "the form without its script"}),
    ("GET", "/journal"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/progress"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/psfs"): Rule(CLIENTS, 200, CLIENT),
    ("POST", "/psfs"): Rule(CLIENTS, 303, CLIENT, body=lambda w, a: {"name_1": "walking", "score_1": "5"}),
    ("POST", "/psfs/{assessment_id}/delete"): Rule(("client_a",), 303, own_object, params={"assessment_id": "psfs"}),
    ("GET", "/report"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/report.pdf"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/report.html"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/report/fhir"): Rule(CLIENTS, 200, CLIENT),  # the Report page's FHIR form: the journal, as /api/export
    ("GET", "/report.css"): Rule(EVERYONE, 200, PUBLIC),  # the report's style sheet, no data
    ("GET", "/safety"): Rule(CLIENTS, 200, CLIENT),
    ("POST", "/safety"): Rule(CLIENTS, 303, CLIENT, body=lambda w, a: {key: "no" for key in ALL_CLEAR}),
    ("GET", "/safety/saved"): Rule(CLIENTS, 200, CLIENT),  # where saved answers are redirected
    ("GET", "/safety/look"): Rule(CLIENTS, 303, CLIENT),  # a "yes" looked at before saving; none kept: the page
    ("GET", "/safety/again"): Rule(CLIENTS, 303, CLIENT),  # the questions said "yes" asked again; none kept: the page
    ("GET", "/check"): Rule(CLIENTS, 200, CLIENT),
    # The form without its script posts the photo to the page: past authorization, this one is no photo (422).
    ("POST", "/check"): Rule(CLIENTS, NoPoseModelHere.http_status, CLIENT, files=True),
    ("GET", "/settings"): Rule(CLIENTS, 200, CLIENT),
    # Your data: a client's own journal. A photo is no export: refused after every authorization check.
    ("POST", "/settings/restore"): Rule(CLIENTS, 422, CLIENT, files=True),
    ("POST", "/settings/delete-everything"): Rule(CLIENTS, 303, CLIENT, body=lambda w, a: {"confirmation": "delete"}),
    # The addresses those forms are sent to, opened again (a tab reopened): on to Settings.
    ("GET", "/settings/restore"): Rule(CLIENTS, 303, CLIENT),
    ("GET", "/settings/delete-everything"): Rule(CLIENTS, 303, CLIENT),
    ("POST", "/settings"): Rule(
        CLIENTS, 303, CLIENT, body=lambda w, a: {"default_minutes": "15", "default_variant": "standard"}
    ),
    # Help: general knowledge with its sources, no one's data.
    ("GET", "/api/help"): Rule(EVERYONE, 200, PUBLIC),
    ("GET", "/help"): Rule(EVERYONE, 200, PUBLIC),
    ("GET", "/help/{entry_id}"): Rule(EVERYONE, 200, PUBLIC, params={"entry_id": "help_entry"}),
    # Sessions done without the app, and a clinician's all-clear: a client's own.
    ("POST", "/api/sessions/logged"): Rule(
        CLIENTS,
        201,
        CLIENT,
        body=lambda w, a: {"started_at": (w.clock() - timedelta(days=1)).isoformat(), "minutes": 15},
    ),
    ("GET", "/session/log"): Rule(CLIENTS, 200, CLIENT),
    ("POST", "/session/log"): Rule(
        CLIENTS,
        303,
        CLIENT,
        body=lambda w, a: {"day": (w.clock() - timedelta(days=1)).date().isoformat(), "time": "08:00", "minutes": "15"},
    ),
    ("GET", "/api/safety/clearances"): Rule(CLIENTS, 200, CLIENT),
    ("POST", "/api/safety/clearances"): Rule(
        CLIENTS,
        CLEARANCE_STATUS,
        CLIENT,
        body=lambda w, a: {"clinician": "Dr Lee, GP", "cleared_on": w.clock().date().isoformat()},
    ),
    ("POST", "/safety/clearance"): Rule(
        CLIENTS,
        CLEARANCE_PAGE_STATUS,
        CLIENT,
        body=lambda w, a: {"clinician": "Dr Lee, GP", "cleared_on": w.clock().date().isoformat()},
    ),
    ("GET", "/safety/clearance"): Rule(CLIENTS, 200, CLIENT),  # where a recorded all-clear is redirected
    # A client's own account: what is shared, who looked, the prescription, sync.
    ("GET", "/api/account/sharing"): Rule(CLIENTS, 200, CLIENT),
    ("PUT", "/api/account/sharing/{link_id}"): Rule(
        ("client_a",), 200, hidden_object, params={"link_id": "link"}, body=lambda w, a: {"shared": False}
    ),
    ("GET", "/api/account/audit"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/api/account/prescription"): Rule(CLIENTS, 200, CLIENT),
    ("POST", "/api/sync/push"): Rule(CLIENTS, 200, CLIENT, body=lambda w, a: {"journal": EMPTY_JOURNAL, "uids": {}}),
    ("GET", "/api/sync/prescription"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/api/sync/notes"): Rule(CLIENTS, 200, CLIENT),
    ("GET", "/api/sync/held"): Rule(CLIENTS, 404, CLIENT),  # a browser is no linked computer: it pushed nothing
    ("DELETE", "/api/sync/device"): Rule(CLIENTS, 404, CLIENT),  # a browser is no linked computer
    ("POST", "/api/sync/unlink"): Rule(CLIENTS, 404, CLIENT),  # ... nor is it here: nothing stops, nothing ends
    ("POST", "/api/sync/join"): Rule(  # ... nor here: a browser takes an invitation on its page
        CLIENTS, 404, CLIENT, body=lambda w, a: {"code": w.invite_codes[a], "consent": True}
    ),
    ("GET", "/sharing"): Rule(CLIENTS, 200, CLIENT),
    ("POST", "/sharing/{link_id}"): Rule(
        ("client_a",), 303, hidden_object, params={"link_id": "link"}, body=lambda w, a: {}
    ),
    # Any signed-in account: itself.
    ("GET", "/account"): Rule(SIGNED_IN, 200, lambda actor, api: TO_SIGN_IN),
    # Deleting it: 409 after every authorization check for an account others still depend on.
    ("POST", "/account/delete"): Rule(FREE_TO_LEAVE, 303, refusal(409), body=lambda w, a: {"password": PASSWORD}),
    ("POST", "/api/account/delete"): Rule(FREE_TO_LEAVE, 204, refusal(409), body=lambda w, a: {"password": PASSWORD}),
    ("POST", "/account/password"): Rule(SIGNED_IN, 303, refusal(0), body=lambda w, a: PASSWORD_CHANGE),
    ("POST", "/api/account/password"): Rule(SIGNED_IN, 204, refusal(0), body=lambda w, a: PASSWORD_CHANGE),
    ("GET", "/api/account/activity"): Rule(SIGNED_IN, 200, refusal(0)),
    # Where it is signed in, and signing out everywhere else (the password again).
    ("GET", "/api/account/sessions"): Rule(SIGNED_IN, 200, refusal(0)),
    ("POST", "/api/account/sessions/end-others"): Rule(
        SIGNED_IN, 200, refusal(0), body=lambda w, a: {"password": PASSWORD}
    ),
    ("POST", "/account/sessions/end-others"): Rule(
        SIGNED_IN, 303, refusal(0), body=lambda w, a: {"password": PASSWORD}
    ),
    # Two-step sign-in: any signed-in account, its own (a practitioner's or an admin's is on already: starting
    # again changes nothing; confirming needs a setup under way, turning off the password and a code).
    ("GET", "/account/two-factor"): Rule(SIGNED_IN, 200, lambda actor, api: TO_SIGN_IN),
    ("POST", "/account/two-factor/start"): Rule(SIGNED_IN, 303, refusal(0)),
    ("POST", "/account/two-factor/confirm"): Rule(
        SIGNED_IN, 409, refusal(0), body=lambda w, a: {"password": PASSWORD, "code": "123456"}
    ),
    ("POST", "/account/two-factor/turn-off"): Rule(
        SIGNED_IN, 401, refusal(0), body=lambda w, a: {"password": PASSWORD, "code": "not-a-code"}
    ),
    # Practitioners: their own clients.
    ("POST", "/api/practice/invites"): Rule(PRACTITIONERS, 201, CLIENT, body=lambda w, a: {"role": "client"}),
    ("GET", "/api/practice/clients"): Rule(PRACTITIONERS, 200, CLIENT),
    ("GET", "/practice"): Rule(PRACTITIONERS, 200, CLIENT),
    ("POST", "/practice/invites"): Rule(PRACTITIONERS, 303, CLIENT, body=lambda w, a: {"email": ""}),
    ("GET", "/api/practice/invites"): Rule((*PRACTITIONERS, "admin"), 200, CLIENT),
    ("DELETE", "/api/practice/invites/{invite_id}"): Rule(
        ("linked_practitioner",), 204, whoever_invited, params={"invite_id": "open_invite"}
    ),
    ("GET", "/practice/invites/{invite_id}/withdraw"): Rule(  # the page that asks first
        ("linked_practitioner",), 200, whoever_invited, params={"invite_id": "open_invite"}
    ),
    ("POST", "/practice/invites/{invite_id}/withdraw"): Rule(
        ("linked_practitioner",), 303, whoever_invited, params={"invite_id": "open_invite"}
    ),
    ("POST", "/practice/invites/{invite_id}/renew"): Rule(  # a new link in its place
        ("linked_practitioner",), 303, whoever_invited, params={"invite_id": "open_invite"}
    ),
    # Practitioners: client A, through a live link only.
    ("GET", "/api/practice/clients/{client_id}"): Rule(
        ("linked_practitioner",), 200, about_client_a, params={"client_id": "client"}
    ),
    ("GET", "/api/practice/clients/{client_id}/report.pdf"): Rule(
        ("linked_practitioner",), 200, about_client_a, params={"client_id": "client"}
    ),
    ("GET", "/api/practice/clients/{client_id}/fhir"): Rule(
        ("linked_practitioner",), 200, about_client_a, params={"client_id": "client"}
    ),
    ("POST", "/api/practice/clients/{client_id}/prescriptions"): Rule(
        ("linked_practitioner",), 201, about_client_a, params={"client_id": "client"}, body=lambda w, a: {"minutes": 10}
    ),
    ("POST", "/api/practice/clients/{client_id}/alerts/{kind}/acknowledge"): Rule(
        ("linked_practitioner",),
        204,
        about_client_a,
        params={"client_id": "client", "kind": "alert_kind"},
        given=ann_in_severe_pain,
    ),
    ("POST", "/api/practice/clients/{client_id}/sessions/{session_id}/notes"): Rule(
        ("linked_practitioner",),
        201,
        about_client_a,
        params={"client_id": "client", "session_id": "session"},
        body=lambda w, a: {"text": "Well done."},
    ),
    # A note on a session: changed or deleted by its author (Pat wrote the world's note), hidden from the others.
    ("PUT", "/api/practice/clients/{client_id}/notes/{note_id}"): Rule(
        ("linked_practitioner",),
        204,
        about_client_a,
        params={"client_id": "client", "note_id": "note"},
        body=lambda w, a: {"text": "Well done, and slower next time."},
    ),
    ("DELETE", "/api/practice/clients/{client_id}/notes/{note_id}"): Rule(
        ("linked_practitioner",), 204, about_client_a, params={"client_id": "client", "note_id": "note"}
    ),
    ("POST", "/api/practice/clients/{client_id}/end"): Rule(
        ("linked_practitioner",), 204, about_client_a, params={"client_id": "client"}
    ),
    ("GET", "/practice/clients/{client_id}"): Rule(
        ("linked_practitioner",), 200, about_client_a, params={"client_id": "client"}
    ),
    ("POST", "/practice/clients/{client_id}/prescriptions"): Rule(
        ("linked_practitioner",),
        303,
        about_client_a,
        params={"client_id": "client"},
        body=lambda w, a: {"minutes": "10"},
    ),
    ("GET", "/practice/clients/{client_id}/alerts/{kind}/acknowledge"): Rule(  # the page that asks first
        ("linked_practitioner",), 303, about_client_a, params={"client_id": "client", "kind": "alert_kind"}
    ),
    ("POST", "/practice/clients/{client_id}/alerts/{kind}/acknowledge"): Rule(
        ("linked_practitioner",),
        303,
        about_client_a,
        params={"client_id": "client", "kind": "alert_kind"},
        given=ann_in_severe_pain,
    ),
    ("POST", "/practice/clients/{client_id}/sessions/{session_id}/notes"): Rule(
        ("linked_practitioner",),
        303,
        about_client_a,
        params={"client_id": "client", "session_id": "session"},
        body=lambda w, a: {"text": "Well done."},
    ),
    ("POST", "/practice/clients/{client_id}/notes/{note_id}"): Rule(
        ("linked_practitioner",),
        303,
        about_client_a,
        params={"client_id": "client", "note_id": "note"},
        body=lambda w, a: {"text": "Well done, and slower next time."},
    ),
    ("POST", "/practice/clients/{client_id}/notes/{note_id}/delete"): Rule(
        ("linked_practitioner",), 303, about_client_a, params={"client_id": "client", "note_id": "note"}
    ),
    ("GET", "/practice/clients/{client_id}/end"): Rule(  # the page that asks first
        ("linked_practitioner",), 200, about_client_a, params={"client_id": "client"}
    ),
    ("POST", "/practice/clients/{client_id}/end"): Rule(
        ("linked_practitioner",), 303, about_client_a, params={"client_id": "client"}
    ),
    # The admin: the practice's practitioners.
    ("GET", "/api/practice/practitioners"): Rule(("admin",), 200, CLIENT),
    ("DELETE", "/api/practice/practitioners/{membership_id}"): Rule(
        ("admin",), 204, hidden_object, params={"membership_id": "practitioner_membership"}
    ),
    ("POST", "/api/practice/practitioners/{membership_id}/reset-link"): Rule(
        ("admin",), 201, hidden_object, params={"membership_id": "practitioner_membership"}
    ),
    ("POST", "/practice/admin/practitioners/{membership_id}/reset-link"): Rule(
        ("admin",), 201, hidden_object, params={"membership_id": "practitioner_membership"}
    ),
    ("POST", "/api/practice/practitioners/{membership_id}/sessions/end"): Rule(
        ("admin",), 200, hidden_object, params={"membership_id": "practitioner_membership"}
    ),
    ("GET", "/practice/admin/practitioners/{membership_id}/sign-out"): Rule(  # the page that asks first
        ("admin",), 200, hidden_object, params={"membership_id": "practitioner_membership"}
    ),
    ("POST", "/practice/admin/practitioners/{membership_id}/sign-out"): Rule(
        ("admin",), 303, hidden_object, params={"membership_id": "practitioner_membership"}
    ),
    ("GET", "/practice/admin/practitioners/{membership_id}/two-factor/reset"): Rule(  # the page that asks first
        ("admin",), 200, hidden_object, params={"membership_id": "practitioner_membership"}
    ),
    # Resetting a practitioner's two-step sign-in: the admin, with their own password and a code of their own.
    ("POST", "/practice/admin/practitioners/{membership_id}/two-factor/reset"): Rule(
        ("admin",),
        303,
        hidden_object,
        params={"membership_id": "practitioner_membership"},
        body=lambda w, a: {"password": PASSWORD, "code": w.app_code("admin")},
    ),
    ("POST", "/api/practice/practitioners/{membership_id}/two-factor/reset"): Rule(
        ("admin",),
        204,
        hidden_object,
        params={"membership_id": "practitioner_membership"},
        body=lambda w, a: {"password": PASSWORD, "second_factor_code": w.app_code("admin")},
    ),
    ("GET", "/practice/admin"): Rule(("admin",), 200, CLIENT),
    ("POST", "/practice/admin/invites"): Rule(("admin",), 303, CLIENT, body=lambda w, a: {"email": ""}),
    ("GET", "/practice/admin/practitioners/{membership_id}/remove"): Rule(  # the page that asks first
        ("admin",), 200, hidden_object, params={"membership_id": "practitioner_membership"}
    ),
    ("POST", "/practice/admin/practitioners/{membership_id}/remove"): Rule(
        ("admin",), 303, hidden_object, params={"membership_id": "practitioner_membership"}
    ),
}
EMPTY_JOURNAL = export_json(JournalContents())


@pytest.fixture(scope="module")
def world(built_practice: World, tmp_path_factory: pytest.TempPathFactory) -> World:
    """The filled practice, and Pat's note on Ann's session (for the routes that edit or delete a note)."""
    world = built_practice.copied_to(tmp_path_factory.mktemp("world"))
    app = practice_app(f"sqlite:///{world.database}", world.clock)
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        written = f"/api/practice/clients/{world.ids['client']}/sessions/{world.ids['session']}/notes"
        assert pat.post(written, json={"text": "Well done."}).status_code == 201
        [session] = pat.get(f"/api/practice/clients/{world.ids['client']}").json()["sessions"]
        world.ids["note"] = session["notes"][0]["id"]
    return world


@pytest.fixture(scope="module")
def routes(world: World, tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    return app_routes(practice_app(world.copy_to(tmp_path_factory.mktemp("routes")), world.clock))


def test_every_route_of_the_app_is_in_the_matrix_and_nothing_else(routes: set[tuple[str, str]]) -> None:
    missing = sorted(routes - set(MATRIX))
    assert not missing, f"routes without a rule in the authorization matrix: {missing}"
    assert sorted(set(MATRIX) - routes) == []
    print(f"\nauthorization matrix: {len(MATRIX)} routes x {len(ACTORS)} actors = {len(MATRIX) * len(ACTORS)} cells")


def test_every_route_has_a_name_of_its_own(world: World, tmp_path: Path) -> None:
    """Pages link with url_for(name): two routes of one name would send a form to the wrong one."""
    app = practice_app(world.copy_to(tmp_path), world.clock)
    names: list[str] = []
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        found = (contexts() if callable(contexts) else contexts) if contexts is not None else [route]
        names += [str(getattr(one, "name", "")) for one in found]
    assert sorted(name for name in set(names) if names.count(name) > 1) == []


def _path(world: World, actor: str, template: str, rule: Rule) -> str:
    if template == "/static":
        return "/static/crest.css"
    values = {
        "help_entry": "what_is_crp",
        "invite": world.invite_codes[actor],  # each actor accepts an invitation of their own
        "reset": world.reset_codes[actor],
        "alert_kind": "severe_pain",
        **{k: str(v) for k, v in world.ids.items()},
    }
    path = template
    for name, key in rule.params.items():
        path = path.replace("{" + name + "}", values[key])
    if rule.query:
        path += "?" + rule.query.format(**values)
    return path


def _ask(client: TestClient, world: World, actor: str, method: str, template: str, rule: Rule) -> int | str:
    path = _path(world, actor, template, rule)
    if method == "WS":
        try:
            with client.websocket_connect(path):
                return "accepted"
        except WebSocketDenialResponse as denied:  # closed before it was accepted
            return denied.status_code
        except WebSocketDisconnect as closed:
            return f"closed {closed.code}"
    api = template.startswith("/api")
    body = None if rule.body is None else rule.body(world, actor)
    from_a_page = {"Referer": f"{ORIGIN}/"}  # a form sent from a page of this server, as a browser sends it
    if rule.files:
        photo = {"file": ("lying.jpg", b"not really a photo", "image/jpeg")}
        response = client.post(path, files=photo, headers=from_a_page)
    elif api:
        response = client.request(method, path, json=body)
    else:
        response = client.request(method, path, data=body, headers=from_a_page)
    location = response.headers.get("location", "")
    if response.status_code == 303 and "next=" in location:
        return TO_SIGN_IN
    if response.status_code == 303 and location == "/account/two-factor" and not path.startswith(location):
        return TO_SET_UP
    return response.status_code


def set_up_first(route: tuple[str, str], rule: Rule, api: bool) -> int | str:
    """A practitioner or an admin without a second factor (ASVS 5.0 6.3.3): the public routes answer as for anyone
    and setting one up as for any account; everything else answers 403 (the API) or leads to the setup page."""
    if rule.allowed is EVERYONE or route in SETTING_UP:
        return rule.ok
    if route[0] == "WS":
        return "closed 1008"
    return 403 if api else TO_SET_UP


@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda route: f"{route[0]} {route[1]}")
def test_each_actor_gets_what_the_matrix_says(world: World, tmp_path: Path, route: tuple[str, str]) -> None:
    method, template = route
    rule = MATRIX[route]
    app = practice_app(world.copy_to(tmp_path), world.clock)
    api = template.startswith("/api") or method == "WS" or template == "/openapi.json"
    order = [actor for actor in ACTORS if actor not in rule.allowed] + list(rule.allowed)
    answers: dict[str, int | str] = {}
    expected: dict[str, int | str] = {}
    with TestClient(app):
        if rule.given is not None:
            rule.given(app, world)
        for actor in order:
            with browser(app, world.tokens[actor]) as client:
                client.follow_redirects = False
                answers[actor] = _ask(client, world, actor, method, template, rule)
            if actor == ENROLLING:
                expected[actor] = set_up_first(route, rule, api)
            elif actor in rule.allowed:
                expected[actor] = rule.ok
            else:
                refused = rule.others(actor, api)
                expected[actor] = refused
    assert answers == expected


# Bodies no route takes: JSON cut short, JSON of other types than any route's fields, a form that cannot be read.
BAD_BODIES: dict[str, dict[str, Any]] = {
    "unreadable json": {"content": b'{"password": [', "headers": {"content-type": "application/json"}},
    "json of other types": {"json": {"password": 5, "email": [], "minutes": "many", "pain": "much", "text": {}}},
    "unreadable form": {"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data; boundary=x"}},
}


@pytest.mark.parametrize(
    "route",
    sorted(route for route in MATRIX if route[0] not in ("GET", "WS") and MATRIX[route].allowed is not EVERYONE),
    ids=lambda route: f"{route[0]} {route[1]}",
)
def test_nobody_signed_in_is_refused_before_their_input_is_read(
    world: World, tmp_path: Path, route: tuple[str, str]
) -> None:
    """Authorization first (security walk s50, L4): a body the route cannot take, sent by nobody signed in, gets
    the refusal a good one gets (401; a page: the sign-in page), never 422 or 400, whose words name the fields
    and types the route takes (a map of the API that /openapi.json keeps for accounts)."""
    method, template = route
    rule = MATRIX[route]
    app = practice_app(world.copy_to(tmp_path), world.clock)
    api = template.startswith("/api")
    answers: dict[tuple[str, str], int | str] = {}
    with TestClient(app):
        for actor in SIGNED_OUT:
            path = _path(world, actor, template, rule)
            with browser(app, world.tokens[actor]) as client:
                client.follow_redirects = False
                for name, body in BAD_BODIES.items():
                    headers = {"Referer": f"{ORIGIN}/", **body.get("headers", {})}
                    response = client.request(method, path, **{**body, "headers": headers})
                    location = response.headers.get("location", "")
                    answers[actor, name] = (
                        TO_SIGN_IN if response.status_code == 303 and "next=" in location else (response.status_code)
                    )
    assert answers == {(actor, name): rule.others(actor, api) for actor in SIGNED_OUT for name in BAD_BODIES}


HUGE_ID = "99999999999999999999999"  # beyond SQLite's INTEGER: a route that passed it on used to answer 500


def _with_ids(template: str) -> bool:
    return any(name.endswith("_id") for name in re.findall(r"\{(\w+)\}", template))


def _huge_ids(world: World, actor: str, template: str, rule: Rule, id_text: str = HUGE_ID) -> str:
    """The route's path with every id a huge number (or `id_text`), its other parameters as the matrix fills them."""
    path = re.sub(r"\{(\w+_id)\}", id_text, template)
    return _path(world, actor, path, replace(rule, params={k: v for k, v in rule.params.items() if k in path}))


@pytest.mark.parametrize(
    "route", sorted(route for route in MATRIX if _with_ids(route[1])), ids=lambda route: f"{route[0]} {route[1]}"
)
def test_a_huge_id_is_refused_calmly_on_every_practice_route(
    world: World, tmp_path: Path, route: tuple[str, str]
) -> None:
    """Asked by someone the route is for, so that the id is what the answer is about."""
    method, template = route
    rule = MATRIX[route]
    actor = rule.allowed[0]
    app = practice_app(world.copy_to(tmp_path), world.clock)
    with TestClient(app), browser(app, world.tokens[actor]) as client:
        client.follow_redirects = False
        path = _huge_ids(world, actor, template, rule)
        body = None if rule.body is None else rule.body(world, actor)
        api = template.startswith("/api")
        response = client.request(method, path, **({"json": body} if api else {"data": body}))
    _assert_calm_refusal(response, api, template)


# What can stand where a page's id goes but names no record: a word, a number beyond any id, 0 (ids start at 1).
NOT_IDS = ("abc", HUGE_ID, "0", "-3")
NOBODYS_ID = str(MAX_RECORD_ID)  # a whole number an id can be, which no record of the filled practice has


def _as_for_no_record(page: tuple[int, str]) -> tuple[int, str]:
    """The page for nobody's id as it reads for what is no id: a message that names the id looked up ("there is no
    PSFS entry 2147483647") names the one no record has (crest.web.pages.common.NO_RECORD_ID)."""
    return page[0], page[1].replace(NOBODYS_ID, str(NO_RECORD_ID))


@pytest.mark.parametrize(
    "route",
    sorted(route for route in MATRIX if _with_ids(route[1]) and not route[1].startswith("/api")),
    ids=lambda route: f"{route[0]} {route[1]}",
)
def test_a_page_asked_with_what_is_no_id_answers_as_for_an_id_nobody_has(
    world: World, tmp_path: Path, route: tuple[str, str]
) -> None:
    """/practice/clients/abc is a client that does not exist, not a form's mistake: 404 and the same page as
    /practice/clients/2147483647, never 422 "Please check what you entered"."""
    method, template = route
    rule = MATRIX[route]
    actor = rule.allowed[0]
    app = practice_app(world.copy_to(tmp_path), world.clock)
    with TestClient(app), browser(app, world.tokens[actor]) as client:
        client.follow_redirects = False
        body = None if rule.body is None else rule.body(world, actor)

        def page(id_text: str) -> tuple[int, str]:
            response = client.request(method, _huge_ids(world, actor, template, rule, id_text), data=body)
            return response.status_code, response.text

        _answers_as_for_an_id_nobody_has(page, template)


def _answers_as_for_an_id_nobody_has(page: Callable[[str], tuple[int, str]], template: str) -> None:
    """`page` (its status and text for an id in the address) answers every thing that is no id as for an id
    nobody has: 404, or the refusal the asker gets first."""
    nobodys = _as_for_no_record(page(NOBODYS_ID))
    assert nobodys[0] == 404, f"{template}: {nobodys}"
    for not_id in NOT_IDS:
        assert page(not_id) == nobodys, f"{template} with {not_id}"


def test_a_page_of_the_local_app_asked_with_what_is_no_id_answers_as_for_an_id_nobody_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREST_HOME", str(tmp_path))
    local = create_app(f"sqlite:///{tmp_path / 'crest.db'}", local_zone=UTC)
    templates = sorted(
        route for route in app_routes(local) if _with_ids(route[1]) and route[0] != "WS" and "/api" not in route[1]
    )
    assert templates, "the local app has pages with ids"
    with TestClient(local, base_url="http://127.0.0.1:8765") as client:
        for method, template in templates:

            def page(id_text: str, method: str = method, template: str = template) -> tuple[int, str]:
                response = client.request(method, re.sub(r"\{(\w+_id)\}", id_text, template), data={})
                return response.status_code, response.text

            _answers_as_for_an_id_nobody_has(page, template)


def test_a_huge_id_is_refused_calmly_on_every_route_of_the_local_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREST_HOME", str(tmp_path))
    local = create_app(f"sqlite:///{tmp_path / 'crest.db'}", local_zone=UTC)
    templates = sorted(route for route in app_routes(local) if _with_ids(route[1]) and route[0] != "WS")
    assert templates, "the local app has routes with ids"
    with TestClient(local, base_url="http://127.0.0.1:8765") as client:
        for method, template in templates:
            path = re.sub(r"\{(\w+_id)\}", HUGE_ID, template)
            api = template.startswith("/api")
            response = client.request(method, path, **({"json": {}} if api else {"data": {}}))
            _assert_calm_refusal(response, api, template)


def _assert_calm_refusal(response: httpx.Response, api: bool, template: str) -> None:
    # An unknown help entry is a word, not a number: its page says it is not found.
    assert response.status_code in (404, 422), f"{template}: {response.status_code} {response.text[:300]}"
    if api:
        assert "detail" in response.json(), template
    else:
        assert response.headers["content-type"].startswith("text/html"), template
        assert "Traceback" not in response.text and "<h1>" in response.text, template
