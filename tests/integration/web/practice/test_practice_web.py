"""Practice mode through HTTP: cookies, the Origin rule, no-store, sign-in limits, invites, consent and its
revocation, removal, and a local crest linked to the practice (link, sync, unlink)."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from collections.abc import Iterator
from datetime import UTC, timedelta
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.accounts.passwords import TEST_COST
from crest.addresses import crosses_the_network_unencrypted
from crest.errors import CrestError
from crest.journal import capacity
from crest.journal.records import CheckIn, PainRating, SessionEdit
from crest.journal.store import Journal
from crest.journal.transfer import export_bytes
from crest.journal.vocabulary import CheckInTiming, Region, SessionStatus, Side
from crest.protocol.loader import load_protocol
from crest.services.audit import Audited
from crest.services.bundle import Services
from crest.services.practice_link import PracticeLink, PracticeUnreachable, SharingNotStopped
from crest.web.app import (
    PUBLIC_URL_VARIABLE,
    SERVE_HOST_VARIABLE,
    SERVE_PORT_VARIABLE,
    create_app,
    practice_app_from_environment,
)
from crest.web.practice_app import PracticeOptions
from crest.web.practice_door import COOKIE_NAME, NEW_INVITE, SECURE_COOKIE_NAME
from crest.web.presenters import friendly_date
from support.clock import FakeClock
from support.many_records import csv_zip_of_sessions, sessions
from support.practice_web import (
    ALL_CLEAR,
    INVITE_FORMS,
    ORIGIN,
    PASSWORD,
    InProcess,
    World,
    app_code,
    browser,
    link_as_cleo,
    practice_app,
    set_up_two_factor,
    sign_in,
)


def test_the_cookie_is_httponly_and_lax_and_behind_https_secure_with_the_host_prefix(
    world: World, tmp_path: Path
) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "secure").mkdir()
    plain = practice_app(world.copy_to(tmp_path / "plain"), world.clock)
    with TestClient(plain) as client:
        login = client.post("/api/auth/login", json={"email": "ann@example.org", "password": PASSWORD})
        cookie = login.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie and "Domain" not in cookie
    secure = create_app(
        world.copy_to(tmp_path / "secure"),
        clock=world.clock,
        practice=PracticeOptions(public_url="https://practice.example", password_cost=TEST_COST),
    )
    with TestClient(secure, base_url="https://practice.example") as client:
        response = client.post("/api/auth/login", json={"email": "ann@example.org", "password": PASSWORD})
        cookie = response.headers["set-cookie"]
        assert cookie.startswith(f"{SECURE_COOKIE_NAME}=") and "Secure" in cookie and "Path=/" in cookie
        assert "Domain" not in cookie and "HttpOnly" in cookie
        token = response.cookies[SECURE_COOKIE_NAME]
        client.cookies.clear()
        client.cookies.set(COOKIE_NAME, token)  # the plain name is not read behind HTTPS
        assert client.get("/api/sessions").status_code == 401
        client.cookies.clear()
        client.cookies.set(SECURE_COOKIE_NAME, token)
        assert client.get("/api/sessions").status_code == 200


def test_every_answer_carries_the_security_headers_and_hsts_only_over_https(world: World, tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "secure").mkdir()
    plain = practice_app(world.copy_to(tmp_path / "plain"), world.clock)
    with browser(plain, world.tokens["linked_practitioner"]) as client:
        answers = [client.get("/practice"), client.get("/api/practice/clients"), client.get("/static/crest.css")]
        client.cookies.clear()
        answers += [client.get("/login"), client.get("/api/auth/me")]
        client.cookies.set(COOKIE_NAME, "a cookie")  # a change with it from another site: refused before any route
        answers.append(client.post("/logout", headers={"Origin": "http://evil.example"}))
    assert [response.status_code for response in answers] == [200, 200, 200, 200, 401, 403]
    for response in answers:
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "same-origin"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert "strict-transport-security" not in response.headers
    secure = create_app(
        world.copy_to(tmp_path / "secure"),
        clock=world.clock,
        practice=PracticeOptions(public_url="https://practice.example", password_cost=TEST_COST),
    )
    with TestClient(secure, base_url="https://practice.example") as client:  # as uvicorn sees X-Forwarded-Proto: https
        for path in ("/login", "/api/auth/me", "/static/crest.css"):
            assert client.get(path).headers["strict-transport-security"] == "max-age=31536000", path


def test_without_a_public_url_only_the_served_names_are_answered_and_invitations_name_them(
    world: World, tmp_path: Path
) -> None:
    """A rebinding site's name (`Host: evil.example`) reads nothing and gets no invitation link naming it."""
    served = create_app(
        world.copy_to(tmp_path),
        clock=world.clock,
        practice=PracticeOptions(password_cost=TEST_COST, served_at=("192.168.1.20", 8765)),
    )
    with TestClient(served, base_url="http://127.0.0.1:8765") as client:  # the practitioner, on the server itself
        client.cookies.set(COOKIE_NAME, str(world.tokens["linked_practitioner"]))
        origin = {"Origin": "http://127.0.0.1:8765"}
        evil = {"Host": "evil.example", "Origin": "http://evil.example"}
        assert client.get("/practice", headers={"Host": "evil.example"}).status_code == 421
        assert client.post("/api/practice/invites", json={"role": "client"}, headers=evil).status_code == 421
        issued = client.post("/api/practice/invites", json={"role": "client"}, headers=origin)
        assert issued.status_code == 201
        assert issued.json()["url"] == f"http://192.168.1.20:8765/invite/{issued.json()['code']}"
        page = client.post("/practice/invites", data={"email": ""}, headers=origin)
        assert page.status_code == 200 and "http://192.168.1.20:8765/invite/" in page.text  # after the 303


def test_crest_serve_tells_each_worker_where_the_practice_is_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREST_DATABASE_URL", f"sqlite:///{tmp_path / 'practice.db'}")
    monkeypatch.delenv(PUBLIC_URL_VARIABLE, raising=False)
    monkeypatch.setenv(SERVE_HOST_VARIABLE, "0.0.0.0")
    monkeypatch.setenv(SERVE_PORT_VARIABLE, "8765")
    app = practice_app_from_environment()
    with TestClient(app, base_url="http://10.0.0.7:8765") as client:
        assert client.get("/login").status_code == 200
        assert client.get("/login", headers={"Host": "evil.example:8765"}).status_code == 421
        assert client.get("/login", headers={"Host": "10.0.0.7:9999"}).status_code == 421


def test_a_new_invitation_is_shown_whichever_worker_answers_the_page_after_its_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`crest serve --practice --workers 4` (security walk s49, M1): an invitation was made, but its link shown only
    6 times in 20: the page after the form's 303, answered by another worker, refused the hand-off cookie sealed
    with the first worker's own key. Every worker of one crest serve now seals with the same key."""
    import socket

    import uvicorn

    from crest.cli.serve_cmd import _serve_practice

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(os, "environ", {**os.environ, "CREST_DATABASE_URL": f"sqlite:///{tmp_path / 'practice.db'}"})
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)  # the workers are built below
    _serve_practice("127.0.0.1", port, None, 2, None)
    os.environ.update({SERVE_HOST_VARIABLE: "testserver", SERVE_PORT_VARIABLE: "80"})  # TestClient's own name
    first, second = practice_app_from_environment(), practice_app_from_environment()
    with TestClient(first):
        first.state.practice_door.accounts.create_practice("Clinic", "ada@clinic.example", PASSWORD, "Ada Admin")
        admin = sign_in(first, "ada@clinic.example")
        admin = set_up_two_factor(first, admin)
    with browser(first, admin) as one, browser(second, admin) as other:
        made = one.post("/practice/admin/invites", data={"email": ""}, follow_redirects=False)
        assert made.status_code == 303 and NEW_INVITE.name in made.cookies
        other.cookies.set(NEW_INVITE.name, made.cookies[NEW_INVITE.name])
        assert f"{ORIGIN}/invite/" in other.get(made.headers["location"]).text


def test_every_answer_with_data_is_no_store(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_a"]) as client:
        for path in ("/api/sessions", "/", "/progress", "/api/export", "/api/account/audit", "/login"):
            assert client.get(path).headers["cache-control"] == "no-store", path
        assert "no-store" not in client.get("/static/crest.css").headers.get("cache-control", "")


def test_a_change_with_the_cookie_but_another_or_no_origin_is_refused_and_logged(app: FastAPI, world: World) -> None:
    with TestClient(app) as client:
        client.cookies.set(COOKIE_NAME, world.tokens["client_a"] or "")
        for headers in ({}, {"Origin": "https://evil.example"}, {"Origin": "null"}):
            response = client.post("/api/checkins", json={"note": "hello"}, headers=headers)
            assert response.status_code == 403, headers
        assert client.get("/api/checkins").status_code == 200  # reading needs no Origin
        assert client.post("/api/checkins", json={"note": "hi"}, headers={"Origin": ORIGIN}).status_code == 201
    denied = app.state.practice_door.audit.entries()
    assert sum(1 for entry in denied if entry.action == "denied" and entry.outcome == "403") == 3


def test_a_refused_request_to_a_link_leaves_its_code_out_of_the_audit_log(app: FastAPI, world: World) -> None:
    """Security walk s49 (H2): a password link's POST, refused for its Origin (a stale cookie, a browser that sent
    `Origin: null`), wrote "POST /reset/<its code>: no Origin of this server" to the audit log and its syslog copy,
    while the link, unused, still set the password for whoever read the log. Invitations alike, and a body refused
    as a possible probe ("POST /api/auth/invites/<its code>/accept: body.1")."""
    reset, invite = world.reset_codes["client_a"], world.invite_codes["client_a"]
    with TestClient(app) as client:
        client.cookies.set(COOKIE_NAME, "a stale sign-in")
        for path in (f"/reset/{reset}", f"/invite/{invite}", f"/api/auth/invites/{invite}/accept"):
            for headers in ({}, {"Origin": "null"}):
                assert client.post(path, data={"password": "a new one"}, headers=headers).status_code == 403
        assert client.delete(f"/reset/{reset}").status_code == 403  # no such route: refused all the same
    # A body that does not validate is audited as a possible probe: sent by someone signed in (nobody signed in is
    # refused before it is read, test_authorization_matrix), as for a stranger.
    with browser(app, world.tokens["client_a"]) as signed_in:
        json_body = {"Content-Type": "application/json"}
        unreadable = signed_in.post(f"/api/auth/invites/{invite}/accept", content=b"{", headers=json_body)
        assert unreadable.status_code == 422
    details = [entry.detail or "" for entry in app.state.practice_door.audit.entries()]
    assert not [detail for detail in details if reset in detail or invite in detail]
    assert "POST /reset/{code}: no Origin of this server" in details
    assert "POST /api/auth/invites/{code}/accept: no Origin of this server" in details
    assert "DELETE /reset/{code}: no Origin of this server" in details
    assert "POST /api/auth/invites/{code}/accept: body.1" in details
    with TestClient(app) as person:  # the link itself still works for its owner
        assert person.get(f"/reset/{reset}").status_code == 200


def test_a_change_refused_for_its_origin_gets_the_error_page_in_crests_words(app: FastAPI, world: World) -> None:
    """The page every refusal is, with the navigation of whoever is signed in (walk-through L10: it had none); who
    that is is only read, so a refused request from another site does not keep the sign-in alive."""
    from crest.services.accounts import SEEN_AGAIN_AFTER, token_hash

    store = app.state.practice_door.accounts._store
    token = world.tokens["linked_practitioner"] or ""
    world.clock.advance(SEEN_AGAIN_AFTER.total_seconds() + 1)
    last_seen = store.sign_in(token_hash(token))[0].last_seen_at
    with TestClient(app) as client:
        client.cookies.set(COOKIE_NAME, token)
        page = client.post("/logout", headers={"Origin": "https://evil.example"})
        api = client.post("/api/checkins", json={"note": "hello"}, headers={"Origin": "https://evil.example"})
        assert store.sign_in(token_hash(token))[0].last_seen_at == last_seen  # read, not touched
        assert client.get("/practice").status_code == 200  # still signed in: the sign-out was refused
    assert page.status_code == 403
    assert '<meta name="viewport"' in page.text and "<h1>That did not work</h1>" in page.text
    assert "<p>This change did not come from crest&#39;s own pages, so nothing was changed.</p>" in page.text
    assert "Clients</a>" in page.text and "Back to your clients</a>" in page.text and "Sign in</a>" not in page.text
    assert api.status_code == 403
    assert api.json() == {"detail": "this change did not come from crest's own pages, so nothing was changed"}
    with TestClient(app) as client:  # a client's own navigation; a cookie of nobody's: the signed-out one
        client.cookies.set(COOKIE_NAME, world.tokens["client_a"] or "")
        assert "Journal</a>" in client.post("/sharing/1", headers={"Origin": "https://evil.example"}).text
        client.cookies.set(COOKIE_NAME, "not a sign-in")
        nobody = client.post("/logout", headers={"Origin": "https://evil.example"}).text
    assert "Sign in</a>" in nobody and "Clients</a>" not in nobody and "Journal</a>" not in nobody


def test_wrong_passwords_answer_401_then_429_with_retry_after(app: FastAPI) -> None:
    with TestClient(app) as client:
        for _ in range(5):
            wrong = client.post("/api/auth/login", json={"email": "ann@example.org", "password": "not the one"})
            assert wrong.status_code == 401
        limited = client.post("/api/auth/login", json={"email": "ann@example.org", "password": PASSWORD})
        assert limited.status_code == 429 and limited.headers["retry-after"] == "1"


def test_every_429_for_wrong_passwords_says_how_long_to_wait(app: FastAPI, world: World) -> None:
    """Signing in (API and page), accepting an invite for an existing account, deleting or changing a password."""
    with browser(app, sign_in(app, "ben@example.org")) as client:
        for _ in range(5):
            assert client.post("/api/account/delete", json={"password": "not the one"}).status_code == 401
        asks = {
            "/api/account/delete": {"json": {"password": PASSWORD}},
            "/api/account/password": {"json": {"current_password": PASSWORD, "new_password": "a new evening walk"}},
            "/account/password": {"data": {"current_password": PASSWORD, "new_password": "a new evening walk"}},
            "/account/delete": {"data": {"password": PASSWORD}},
            "/api/auth/login": {"json": {"email": "ben@example.org", "password": PASSWORD}},
            "/login": {"data": {"email": "ben@example.org", "password": PASSWORD}},
        }
        code = world.invite_codes["anonymous"]
        asks["/api/auth/accept-invite"] = {
            "json": {"code": code, "email": "ben@example.org", "password": PASSWORD, "consent": True}
        }
        for path, body in asks.items():
            refused = client.post(path, **body)
            assert (refused.status_code, refused.headers.get("retry-after")) == (429, "1"), path


def test_logout_ends_the_session_on_the_server(app: FastAPI, world: World) -> None:
    token = sign_in(app, "ben@example.org")
    with browser(app, token) as client:
        assert client.post("/api/auth/logout").status_code == 204
    with browser(app, token) as stolen:  # the old cookie, replayed
        assert stolen.get("/api/sessions").status_code == 401


def test_the_account_page_changes_the_password_and_signs_out_everywhere_else(app: FastAPI, world: World) -> None:
    token, other = sign_in(app, "ben@example.org"), sign_in(app, "ben@example.org")
    with browser(app, token) as client:
        form = client.get("/account").text
        assert 'action="/account/password#password-error"' in form and 'autocomplete="new-password"' in form
        wrong = client.post("/account/password", data={"current_password": "nope", "new_password": "x" * 12})
        assert wrong.status_code == 401 and "it was not changed" in wrong.text
        changed = client.post(
            "/account/password", data={"current_password": PASSWORD, "new_password": "a new evening walk"}
        )
        assert changed.status_code == 200 and "Your password is changed." in changed.text  # after the 303
        assert client.get("/api/auth/me").status_code == 200
    with browser(app, other) as elsewhere:
        assert elsewhere.get("/api/auth/me").status_code == 401
    with TestClient(app) as fresh:
        body = {"email": "ben@example.org", "password": "a new evening walk"}
        assert fresh.post("/api/auth/login", json=body).status_code == 200


def test_the_last_administrator_and_a_practitioner_with_clients_are_told_what_to_do_before_deleting(
    app: FastAPI, world: World
) -> None:
    """The Account page's Delete refuses with one line saying what comes first; the API answers 409 alike."""
    with browser(app, world.tokens["admin"]) as admin:
        refused = admin.post("/account/delete", data={"password": PASSWORD})
        assert refused.status_code == 409
        assert "only administrator of Clinic and it still has 3 practitioners: remove them" in unescape(refused.text)
        assert admin.get("/api/auth/me").status_code == 200  # still signed in: nothing was deleted
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        answer = pat.post("/api/account/delete", json={"password": PASSWORD})
        assert answer.status_code == 409
        assert answer.json()["detail"].startswith("you still follow 1 client: end the programme first")
        assert pat.get("/api/practice/clients").status_code == 200


def test_a_form_sent_after_the_session_ended_signs_in_back_to_the_page_it_was_on(app: FastAPI, world: World) -> None:
    client_page = f"{ORIGIN}/practice/clients/{world.ids['client']}"
    with browser(app, "a session that ended") as client:
        sent = client.post(
            f"{client_page}/prescriptions",
            data={"minutes": "10"},
            headers={"Referer": client_page},
            follow_redirects=False,
        )
        assert sent.headers["location"] == f"/login?next=/practice/clients/{world.ids['client']}"
        elsewhere = client.post("/account/password", data={}, headers={"Referer": "https://other.example/account"})
        assert elsewhere.url.path == "/login" and elsewhere.url.query == b""  # home after signing in
        asked = client.get("/journal?page=2", follow_redirects=False)
        assert asked.headers["location"] == "/login?next=/journal?page=2"


def test_invites_used_expired_or_unknown_answer_410(app: FastAPI, world: World) -> None:
    code = world.invite_codes["anonymous"]
    body = {"code": code, "email": "new@example.org", "password": PASSWORD, "name": "New", "consent": True}
    with TestClient(app) as client:
        assert client.post("/api/auth/accept-invite", json=body | {"consent": False}).status_code == 422
        assert client.post("/api/auth/accept-invite", json=body).status_code == 201
    with TestClient(app) as client:
        assert client.post("/api/auth/accept-invite", json=body | {"email": "x@example.org"}).status_code == 410
        assert client.post("/api/auth/accept-invite", json=body | {"code": "unknown"}).status_code == 410
        assert client.post("/api/auth/accept-invite", json=body | {"password": "password"}).status_code in (410, 422)


def test_a_common_or_short_password_is_refused_when_accepting(app: FastAPI, world: World) -> None:
    body = {"code": world.invite_codes["client_b"], "email": "new@example.org", "name": "New", "consent": True}
    with TestClient(app) as client:
        for password in ("password1", "short"):
            response = client.post("/api/auth/accept-invite", json=body | {"password": password})
            assert response.status_code == 422, password
        assert client.post("/api/auth/accept-invite", json=body | {"password": PASSWORD}).status_code == 201


def test_an_admin_invites_a_practitioner_for_an_email_address(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["admin"]) as client:
        issued = client.post("/api/practice/invites", json={"role": "practitioner", "email": "Kim@Clinic.example"})
        assert issued.status_code == 201
        assert issued.json()["url"] == f"{ORIGIN}/invite/{issued.json()['code']}"
        assert client.post("/api/practice/invites", json={"role": "client"}).status_code == 403


def test_revoking_consent_answers_404_to_the_practitioners_next_request(app: FastAPI, world: World) -> None:
    client_id, link_id = world.ids["client"], world.ids["link"]
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        assert practitioner.get(f"/api/practice/clients/{client_id}").status_code == 200
        with browser(app, world.tokens["client_a"]) as client:
            assert client.put(f"/api/account/sharing/{link_id}", json={"shared": False}).status_code == 200
        assert practitioner.get(f"/api/practice/clients/{client_id}").status_code == 404
        assert practitioner.get("/api/practice/clients").json() == []


def test_the_client_sees_who_looked_and_the_prescription_on_today(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        practitioner.get(f"/api/practice/clients/{world.ids['client']}")
    with browser(app, world.tokens["client_a"]) as client:
        looked = client.get("/api/account/audit").json()
        assert looked[0]["who"] == "Pat Physio" and looked[0]["what"] == "looked at your data"
        today = client.get("/").text
        assert "Your prescription" in today and "20 min of the standard variant" in today
        assert "Pat Physio" in client.get("/sharing").text


def test_a_clients_settings_page_says_the_practice_server_keeps_the_journal(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_a"]) as client:
        page = client.get("/settings").text
    assert "Your journal is kept by your practice's server." in page and "empty: the practice server&#39;s," in page
    assert "this computer" not in page


def test_a_clients_refused_restore_points_to_the_box_not_the_servers_file(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_a"]) as client:
        backup = client.get("/api/export", params={"format": "json"}).content
        refused = client.post("/settings/restore", files={"file": ("journal.json", backup, "application/json")})
    assert refused.status_code == 409 and "Nothing was restored: this journal is not empty (1 session," in refused.text
    assert "tick “Add it to what is already here”" in refused.text
    assert "practice.db" not in refused.text and "crest import" not in refused.text


def test_a_clients_restore_over_the_cap_is_refused_and_stores_nothing(
    app: FastAPI, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One client's file must not fill the shared server: 300,000 sessions once took it 72 s and 230 MB."""
    monkeypatch.setattr(capacity.SESSIONS, "most", 5)
    with browser(app, world.tokens["client_a"]) as client:
        big = csv_zip_of_sessions(6)
        refused = client.post("/settings/restore", files={"file": ("big.zip", big)}, data={"merge": "true"})
        assert refused.status_code == 422
        assert "big.zip/sessions.csv holds 6 sessions; crest takes at most 5 in one journal" in refused.text
        # a file at the cap, merged into a journal that holds a session already, would leave one too many
        full = export_bytes(sessions(5), "json")
        refused = client.post("/settings/restore", files={"file": ("full.json", full)}, data={"merge": "true"})
        assert refused.status_code == 422
        assert "Merged, the journal would hold 6 sessions; crest takes at most 5 in one journal." in refused.text
        assert len(client.get("/api/sessions").json()) == 1


def test_the_practitioners_view_of_a_client_holds_their_newest_sessions_not_the_whole_journal(
    app: FastAPI, world: World
) -> None:
    from crest.services.practice_mode import SESSIONS_SHOWN

    with browser(app, world.tokens["client_a"]) as client:
        years = export_bytes(sessions(SESSIONS_SHOWN + 5), "json")
        restored = client.post("/settings/restore", files={"file": ("years.json", years)}, data={"merge": "true"})
        assert restored.status_code == 200
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        detail = practitioner.get(f"/api/practice/clients/{world.ids['client']}").json()
        page = practitioner.get(f"/practice/clients/{world.ids['client']}").text
    assert len(detail["sessions"]) == SESSIONS_SHOWN and detail["sessions_held"] == SESSIONS_SHOWN + 6
    assert detail["sessions"][0]["id"] == world.ids["session"]  # the newest: Ann's own, after the restored ones
    assert f"The newest {SESSIONS_SHOWN} of {SESSIONS_SHOWN + 6}; the FHIR export has them all." in page
    assert page.count('class="note-form"') == SESSIONS_SHOWN


def test_the_practitioner_reads_of_the_client_by_name_never_as_you(app: FastAPI, world: World, tmp_path: Path) -> None:
    client_id = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        page = practitioner.get(f"/practice/clients/{client_id}").text
        assert "the prescription: 7 sessions a week" in page and "your prescription" not in page
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(practitioner.get(f"/api/practice/clients/{client_id}/report.pdf").content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Report on Ann" in text and "from Ann's own records" in text
    words = " ".join(text.split()).replace("If you have symptoms", "")  # the disclaimer speaks to any reader
    assert re.findall(r".{60}\byour?\b.{30}", words, re.IGNORECASE) == []


def test_removing_a_practitioner_ends_their_sessions_at_once(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["admin"]) as admin:
        members = {p["email"]: p["membership_id"] for p in admin.get("/api/practice/practitioners").json()}
        assert admin.delete(f"/api/practice/practitioners/{members['pat@clinic.example']}").status_code == 204
    with browser(app, world.tokens["linked_practitioner"]) as removed:
        assert removed.get("/api/practice/clients").status_code == 401


@pytest.fixture
def local(tmp_path: Path) -> Iterator[tuple[Journal, Path, FakeClock]]:
    clock = FakeClock()
    home = tmp_path / "home"
    home.mkdir()
    with Journal.open(f"sqlite:///{home / 'crest.db'}", clock=clock) as journal:
        yield journal, home, clock


def _local_services(journal: Journal, home: Path, clock: FakeClock) -> Services:
    return Services.over(journal, clock, UTC, link_home=home)


def test_a_local_crest_links_syncs_resumes_after_a_cut_and_unlinks(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock], monkeypatch: pytest.MonkeyPatch
) -> None:
    import crest.services.practice_link as practice_link

    monkeypatch.setattr(practice_link, "RECORDS_PER_BATCH", 3)
    journal, home, clock = local
    services = _local_services(journal, home, clock)
    services.safety.record(ALL_CLEAR)
    for day in range(5):
        session = services.practice.start(15, "standard")
        assert session.id is not None
        clock.advance(900)
        services.practice.finish(session.id, 900, SessionStatus.COMPLETED)
        rating = PainRating(Region.HIP, 3 + day % 2, Side.LEFT)
        services.check_ins.add(CheckIn(at=clock(), timing=CheckInTiming.AFTER, session_id=session.id, pain=(rating,)))
        clock.advance(86_400)
    link = PracticeLink(home, services.sync, clock, InProcess(app))
    assert (
        link.link(
            "https://practice.test",
            world.invite_codes["no_practice"],
            "cleo@example.org",
            PASSWORD,
            "Cleo",
            False,
            "laptop",
        )
        == "Clinic"
    )
    link_file = home / "practice-link.json"
    assert stat.S_IMODE(os.stat(link_file).st_mode) == 0o600
    assert json.loads(link_file.read_text())["token"]

    cut = PracticeLink(home, services.sync, clock, InProcess(app, fail_after_pushes=2))
    with pytest.raises(PracticeUnreachable):
        cut.sync()  # killed half-way: two batches in, the rest not
    result = PracticeLink(home, services.sync, clock, InProcess(app)).sync()
    assert result.sent and result.deleted == 0

    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        clients = {row["name"]: row["id"] for row in practitioner.get("/api/practice/clients").json()}
        detail = practitioner.get(f"/api/practice/clients/{clients['Cleo']}").json()
        assert len(detail["sessions"]) == 5 and len(detail["check_ins"]) == 5  # nothing lost, nothing twice
        prescribed = practitioner.post(
            f"/api/practice/clients/{clients['Cleo']}/prescriptions", json={"minutes": 12, "days_per_week": 3}
        )
        assert prescribed.status_code == 201

    first = services.practice.list_sessions()[0]
    assert first.id is not None
    services.practice.correct(first.id, SessionEdit("supported", 600, SessionStatus.ENDED_EARLY))
    services.check_ins.delete(services.check_ins.list_check_ins()[-1].id or 0)
    again = PracticeLink(home, services.sync, clock, InProcess(app)).sync()
    assert again.sent == {"sessions": 1} and again.deleted == 1
    assert again.prescription is not None and again.prescription.minutes == 12
    assert services.reports.prescription() == again.prescription  # Today and the reminder follow it here too
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        detail = practitioner.get(f"/api/practice/clients/{clients['Cleo']}").json()
        assert len(detail["check_ins"]) == 4
        assert {s["variant"] for s in detail["sessions"]} == {"standard", "supported"}
    assert PracticeLink(home, services.sync, clock, InProcess(app)).sync().sent == {}

    token = json.loads(link_file.read_text())["token"]
    assert PracticeLink(home, services.sync, clock, InProcess(app)).unlink() is True
    assert not link_file.exists()
    with TestClient(app) as client:
        assert client.get("/api/sync/prescription", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:  # unlinking stopped the sharing
        assert practitioner.get(f"/api/practice/clients/{clients['Cleo']}").status_code == 404
    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        assert [link["shared"] for link in cleo.get("/api/account/sharing").json()] == [False]


def test_long_shared_notes_go_in_batches_the_server_takes(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock]
) -> None:
    journal, home, clock = local
    services = _local_services(journal, home, clock)
    services.safety.record(ALL_CLEAR)
    note = 'é"' * 2000  # the longest note, its accents and quotes escaped twice on the way: ~20 KB in a push
    for _ in range(80):  # 1.6 MB together, past the server's 1 MiB for a request: one batch would be refused
        services.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.HIP, 3, Side.LEFT),), note=note))
        clock.advance(3600)
    link = PracticeLink(home, services.sync, clock, InProcess(app))
    code = world.invite_codes["no_practice"]
    link.link("https://practice.test", code, "cleo@example.org", PASSWORD, "Cleo", True, "laptop")

    batches: list[tuple[int, int]] = []
    syncing = PracticeLink(home, services.sync, clock, InProcess(app))  # `crest sync`, a process of its own
    result = syncing.sync(on_batch=lambda done, total: batches.append((done, total)))

    assert result.sent == {"check_ins": 80, "safety_screens": 1}
    assert len(batches) >= 3
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        clients = {row["name"]: row["id"] for row in practitioner.get("/api/practice/clients").json()}
        detail = practitioner.get(f"/api/practice/clients/{clients['Cleo']}").json()
        assert detail["check_ins_held"] == 80 and {c["note"] for c in detail["check_ins"]} == {note}


def _link_cleo(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock]
) -> tuple[Journal, Services, Path, FakeClock]:
    """Cleo links her local crest without sharing her notes, and keeps a check-in with a note."""
    journal, home, clock = local
    services = _local_services(journal, home, clock)
    services.safety.record(ALL_CLEAR)
    services.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.HIP, 3, Side.LEFT),), note="only mine"))
    link = PracticeLink(home, services.sync, clock, InProcess(app))
    code = world.invite_codes["no_practice"]
    link.link("https://practice.test", code, "cleo@example.org", PASSWORD, "Cleo", False, "laptop")
    return journal, services, home, clock


def _notes_on_the_server(app: FastAPI) -> list[str | None]:
    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        return [check_in["note"] for check_in in cleo.get("/api/checkins").json()]


def test_sync_batches_that_would_fill_the_servers_journal_past_the_cap_are_refused(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock], monkeypatch: pytest.MonkeyPatch
) -> None:
    import crest.services.practice_link as practice_link

    monkeypatch.setattr(practice_link, "RECORDS_PER_BATCH", 2)  # each batch is under the cap; together they are not
    journal, services, home, clock = _link_cleo(app, world, local)
    journal.merge_contents(sessions(4))
    monkeypatch.setattr(capacity.SESSIONS, "most", 3)
    with pytest.raises(PracticeUnreachable) as refused:
        PracticeLink(home, services.sync, clock, InProcess(app)).sync()
    assert "the journal would hold 4 sessions; crest takes at most 3 in one journal" in str(refused.value)
    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        assert len(cleo.get("/api/sessions").json()) == 3  # up to the cap; the batch past it was refused whole


def test_notes_leave_the_computer_only_while_they_are_shared(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock]
) -> None:
    _journal, services, home, clock = _link_cleo(app, world, local)
    PracticeLink(home, services.sync, clock, InProcess(app)).sync()
    assert _notes_on_the_server(app) == [None]

    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        link_id = cleo.get("/api/account/sharing").json()[0]["link_id"]
        cleo.put(f"/api/account/sharing/{link_id}", json={"shared": True, "share_notes": True})
    assert PracticeLink(home, services.sync, clock, InProcess(app)).sync().sent == {"check_ins": 1}
    assert _notes_on_the_server(app) == ["only mine"]  # shared from now: the past note goes too

    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        cleo.put(f"/api/account/sharing/{link_id}", json={"shared": True, "share_notes": False})
    assert PracticeLink(home, services.sync, clock, InProcess(app)).sync().sent == {"check_ins": 1}
    assert _notes_on_the_server(app) == [None]  # no longer shared: the server's copy loses it


def test_the_server_keeps_no_note_sent_by_a_crest_that_does_not_share_them(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock]
) -> None:
    from support.journal_sync import sync_of

    journal, _services, home, _clock = _link_cleo(app, world, local)
    token = json.loads((home / "practice-link.json").read_text())["token"]
    outgoing = sync_of(journal).outgoing(notes=True)  # as an older crest would send it
    text, uids = outgoing.batch({"check_ins": [check_in.id or 0 for check_in in outgoing.contents.check_ins]})
    body = {"journal": text, "uids": {kind: {str(k): v for k, v in ids.items()} for kind, ids in uids.items()}}
    with TestClient(app) as client:
        pushed = client.post("/api/sync/push", json=body, headers={"Authorization": f"Bearer {token}"})
    assert pushed.status_code == 200 and pushed.json()["received"]["check_ins"] == 1
    assert _notes_on_the_server(app) == [None]


@pytest.mark.parametrize("hidden", ["\x9b", "\u202e"])
def test_the_server_refuses_a_pushed_note_with_a_hidden_control_character_and_keeps_nothing(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock], hidden: str
) -> None:
    """An older crest may hold such a note (and send it while sharing notes); before, the server kept it, and its
    practitioners' pages and the client's crest showed it."""
    from support.journal_sync import sync_of

    journal, _services, home, _clock = _link_cleo(app, world, local)
    token = json.loads((home / "practice-link.json").read_text())["token"]
    outgoing = sync_of(journal).outgoing(notes=True)
    text, uids = outgoing.batch({"check_ins": [check_in.id or 0 for check_in in outgoing.contents.check_ins]})
    body = {
        "journal": text.replace("only mine", f"only{hidden} mine"),
        "uids": {kind: {str(k): v for k, v in ids.items()} for kind, ids in uids.items()},
    }
    with TestClient(app) as client:
        pushed = client.post("/api/sync/push", json=body, headers={"Authorization": f"Bearer {token}"})
    assert pushed.status_code == 422
    shown = hidden.encode("unicode_escape").decode("ascii")
    assert pushed.json()["detail"].endswith(
        f", field note: the note contains a hidden control character ({shown}) that crest does not keep; delete it "
        "from the note"
    )
    assert _notes_on_the_server(app) == []


def test_after_the_programme_ends_a_sync_sends_nothing_and_says_nobody_follows(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock]
) -> None:
    journal, services, home, clock = _link_cleo(app, world, local)
    assert PracticeLink(home, services.sync, clock, InProcess(app)).sync().followed
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        clients = {row["name"]: row["id"] for row in practitioner.get("/api/practice/clients").json()}
        assert practitioner.post(f"/api/practice/clients/{clients['Cleo']}/end").status_code == 204
    services.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.CALF_AND_SHIN, 6, Side.BOTH),)))
    synced_at = json.loads((home / "practice-link.json").read_text())["last_sync_at"]
    clock.advance(3600)
    ended = PracticeLink(home, services.sync, clock, InProcess(app)).sync()
    assert not ended.followed and ended.programme_ended and ended.sent == {} and ended.prescription is None
    assert json.loads((home / "practice-link.json").read_text())["last_sync_at"] == synced_at  # nothing was sent
    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        assert len(cleo.get("/api/checkins").json()) == 1  # the warning sign's check-in stayed at home
    status = PracticeLink(home, services.sync, clock, InProcess(app)).status()
    assert status is not None and not status.followed

    # an older crest, which pushes regardless, is refused by the server
    from support.journal_sync import sync_of

    token = json.loads((home / "practice-link.json").read_text())["token"]
    outgoing = sync_of(journal).outgoing(notes=False)
    text, uids = outgoing.batch({"check_ins": [check_in.id or 0 for check_in in outgoing.contents.check_ins]})
    body = {"journal": text, "uids": {kind: {str(k): v for k, v in ids.items()} for kind, ids in uids.items()}}
    with TestClient(app) as client:
        pushed = client.post("/api/sync/push", json=body, headers={"Authorization": f"Bearer {token}"})
    assert pushed.status_code == 409
    assert pushed.json()["detail"].startswith("your programme at the practice has ended, so nobody there follows you")
    assert "your practitioner can invite you again" in pushed.json()["detail"]


def test_a_sync_after_sharing_stopped_sends_nothing_until_it_is_shared_again(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock]
) -> None:
    _journal, services, home, clock = _link_cleo(app, world, local)
    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        link_id = cleo.get("/api/account/sharing").json()[0]["link_id"]
        cleo.put(f"/api/account/sharing/{link_id}", json={"shared": False})
    stopped = PracticeLink(home, services.sync, clock, InProcess(app)).sync()
    assert stopped.sent == {} and not stopped.followed and not stopped.programme_ended
    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        cleo.put(f"/api/account/sharing/{link_id}", json={"shared": True, "share_notes": False})
    shared_again = PracticeLink(home, services.sync, clock, InProcess(app)).sync()
    assert shared_again.followed and shared_again.sent == {"check_ins": 1, "safety_screens": 1}
    status = PracticeLink(home, services.sync, clock, InProcess(app)).status()
    assert status is not None and status.followed


def test_unlink_keeps_the_link_when_the_practice_cannot_be_reached(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock]
) -> None:
    _journal, services, home, clock = _link_cleo(app, world, local)

    def offline(method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        raise PracticeUnreachable("cannot reach the practice at https://practice.test (connection refused)")

    with pytest.raises(SharingNotStopped, match="sharing could not be stopped on the practice server"):
        PracticeLink(home, services.sync, clock, offline).unlink()
    assert (home / "practice-link.json").exists()
    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        assert [link["shared"] for link in cleo.get("/api/account/sharing").json()] == [True]
    assert PracticeLink(home, services.sync, clock, InProcess(app)).unlink() is True  # tried again, online
    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        assert [link["shared"] for link in cleo.get("/api/account/sharing").json()] == [False]


def test_unlink_forgets_a_link_the_practice_no_longer_accepts_and_says_sharing_is_unchanged(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock]
) -> None:
    _journal, services, home, clock = _link_cleo(app, world, local)
    token = json.loads((home / "practice-link.json").read_text())["token"]
    with TestClient(app) as client:  # the computer's token ends on the server
        assert client.delete("/api/sync/device", headers={"Authorization": f"Bearer {token}"}).status_code == 204
    assert PracticeLink(home, services.sync, clock, InProcess(app)).unlink() is False
    assert not (home / "practice-link.json").exists()  # else crest link would refuse for good


def test_unlinking_stops_sharing_with_every_practitioner_and_ends_the_token_at_once_audited(
    app: FastAPI, world: World
) -> None:
    """`crest unlink`'s one request: each live link revoked as on My practitioner (an ended one left alone), the
    token ended, each audited; it works once, and never from a browser."""
    door = app.state.practice_door
    with browser(app, world.tokens["unlinked_practitioner"]) as sam:  # Sam follows Ann too
        code = sam.post("/api/practice/invites", json={"role": "client"}).json()["code"]
    with TestClient(app) as fresh:
        body = {"code": code, "email": "ann@example.org", "password": PASSWORD, "name": "Ann", "consent": True}
        assert fresh.post("/api/auth/accept-invite", json=body).status_code == 201
    ann, account = door.accounts.actor_for_session(world.tokens["client_a"])
    device = {"Authorization": f"Bearer {door.accounts.link_device(ann, account, 'laptop')}"}

    def shared() -> dict[str, bool]:
        return {view.practitioner: view.shared for view in door.practice.sharing(ann)}

    with browser(app, world.tokens["client_a"]) as page:  # a browser is no linked computer: nothing changes
        assert page.post("/api/sync/unlink").status_code == 404
    assert shared() == {"Pat Physio": True, "Rae Removed": False, "Sam Second": True}
    with TestClient(app) as crest:
        assert crest.post("/api/sync/unlink", headers=device).status_code == 204
        assert shared() == {"Pat Physio": False, "Rae Removed": False, "Sam Second": False}
        assert crest.get("/api/sync/notes", headers=device).status_code == 401
        assert crest.post("/api/sync/unlink", headers=device).status_code == 401  # once: the token is gone
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert pat.get(f"/api/practice/clients/{world.ids['client']}").status_code == 404
    mine = [entry for entry in door.audit.entries() if entry.actor_account_id == account.id]
    revoked = [entry for entry in mine if entry.action == Audited.CONSENT and entry.detail == "sharing revoked"]
    unlinked = [entry for entry in mine if entry.action == Audited.UNLINK_DEVICE]
    assert len(revoked) == 2 and len(unlinked) == 1
    assert {entry.address for entry in revoked + unlinked} == {"testclient"}


def test_a_new_password_that_is_the_current_one_is_refused_and_ends_no_sign_in(app: FastAPI, world: World) -> None:
    # It answered 204 and ended every other sign-in of the account, for a password that had not changed.
    with browser(app, world.tokens["client_a"]) as ann, browser(app, world.tokens["client_a"]) as elsewhere:
        same = ann.post("/api/account/password", json={"current_password": PASSWORD, "new_password": PASSWORD})
        assert same.status_code == 422 and "the one you have now" in same.json()["detail"]
        assert elsewhere.get("/api/auth/me").status_code == 200


def test_a_linked_computers_token_opens_sync_only_never_the_account(app: FastAPI, world: World) -> None:
    # A walk-through used the token from practice-link.json to change the password, widen sharing, export the
    # journal and turn two-step sign-in on: a token copied off a computer was the whole account.
    door = app.state.practice_door
    ann, account = door.accounts.actor_for_session(world.tokens["client_a"])
    device = {"Authorization": f"Bearer {door.accounts.link_device(ann, account, 'laptop')}"}
    with TestClient(app) as crest:
        for method, path, body in (
            ("GET", "/api/export", None),
            ("GET", "/journal", None),
            ("GET", "/api/sessions", None),
            ("POST", "/api/account/password", {"current_password": PASSWORD, "new_password": "taken over by a copy"}),
            ("POST", "/account/two-factor/start", None),
            ("GET", "/api/account/activity", None),
        ):
            refused = crest.request(method, path, json=body, headers=device)
            assert refused.status_code == 403, (method, path, refused.text)
            assert "for crest sync only" in refused.text
        link = world.ids["link"]
        wider = crest.put(f"/api/account/sharing/{link}", json={"shared": True, "share_notes": True}, headers=device)
        assert wider.status_code == 403 and "can stop sharing but not share more" in wider.text
        assert crest.get("/api/account/sharing", headers=device).status_code == 200
        assert crest.get("/api/sync/prescription", headers=device).status_code == 200
        stopped = crest.put(f"/api/account/sharing/{link}", json={"shared": False}, headers=device)
        assert stopped.status_code == 200 and stopped.json()["shared"] is False
    with browser(app, world.tokens["client_a"]) as page:  # the person, signed in, still changes what they share
        assert page.put(f"/api/account/sharing/{link}", json={"shared": True}).status_code == 200


def test_a_practitioner_who_left_is_named_as_no_longer_following(app: FastAPI, world: World) -> None:
    # A removed practitioner read "(programme ended)": the client's programme had not ended, the practitioner had left.
    with browser(app, world.tokens["client_a"]) as ann:
        page = ann.get("/sharing").text
    assert 'Rae Removed</strong> <span class="muted">(no longer follows you' in page
    assert "programme ended" not in page


def test_stopping_sharing_on_my_practitioner_says_so(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_a"]) as client:
        stopped = client.post(f"/sharing/{world.ids['link']}", data={})
        assert "Sharing stopped: Pat Physio sees nothing of yours from now on." in stopped.text
        assert "Sharing stopped" not in client.get("/sharing").text  # said once
        shared = client.post(f"/sharing/{world.ids['link']}", data={"shared": "on"})
        assert "Saved." in shared.text and "Sharing stopped" not in shared.text


def test_a_damaged_link_file_is_named_on_settings_which_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The link file is only one card of Settings: the rest (the settings, backup and restore) must stay usable.
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("CREST_HOME", str(home))
    (home / "practice-link.json").write_text("[1]")
    local_app = create_app(f"sqlite:///{home / 'crest.db'}", clock=FakeClock(), local_zone=UTC)
    with TestClient(local_app, base_url="http://127.0.0.1:8765") as client:
        page = client.get("/settings")
    assert page.status_code == 200
    assert "is damaged, so crest cannot read this computer&#39;s link to a practice from it" in page.text
    assert "Save settings" in page.text and "Restore from a file" in page.text


def test_the_local_settings_page_shows_the_link_and_the_last_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("CREST_HOME", str(home))
    local_app = create_app(f"sqlite:///{home / 'crest.db'}", clock=FakeClock(), local_zone=UTC)
    with TestClient(local_app, base_url="http://127.0.0.1:8765") as client:  # a name the local app is served as
        assert "Not linked" in client.get("/settings").text
        (home / "practice-link.json").write_text(
            json.dumps(
                {
                    "url": "https://practice.example",
                    "token": "t",
                    "practice": "Back in Balance",
                    "linked_at": "2026-05-01T09:00:00+00:00",
                    "last_sync_at": "2026-05-06T17:00:00+00:00",
                }
            )
        )
        page = client.get("/settings").text
    assert "Linked to <strong>Back in Balance</strong>" in page and "Last synced 06 May 2026" in page
    assert "fetches your prescription and your practitioner's notes on your sessions (the Journal shows" in page
    assert "follows you now" not in page
    for ended, said in (
        (True, "Your programme at Back in Balance has ended, so nobody there follows you now and nothing was sent."),
        (False, "You stopped sharing with Back in Balance, so nobody there follows you now"),
    ):
        unfollowed = json.loads((home / "practice-link.json").read_text()) | {
            "followed": False,
            "programme_ended": ended,
        }
        (home / "practice-link.json").write_text(json.dumps(unfollowed))
        with TestClient(local_app, base_url="http://127.0.0.1:8765") as client:
            page = client.get("/settings").text
        assert said in page


def test_todays_start_form_defaults_to_the_prescribed_minutes_and_variant(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        body = {"minutes": 12, "variant": "supported"}
        assert practitioner.post(f"/api/practice/clients/{world.ids['client']}/prescriptions", json=body).is_success
    with browser(app, world.tokens["client_a"]) as client:
        today = client.get("/").text
    assert re.search(r'<input id="minutes"[^>]*value="12"', today)
    assert re.search(r'value="supported"[^>]*checked', today) and not re.search(r'value="standard"[^>]*checked', today)
    assert "As Pat Physio prescribed; you may change it." in today


def test_today_names_the_prescribed_time_as_its_one_suggestion(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        body = {"minutes": 15, "reminder_time": "07:30"}
        assert practitioner.post(f"/api/practice/clients/{world.ids['client']}/prescriptions", json=body).is_success
    with browser(app, world.tokens["client_a"]) as client:
        today = client.get("/").text
    assert "At 07:30, the time your prescription names." in today and "From your prescription (Pat Physio)." in today
    assert "after work" not in today and today.count("07:30") == 1


def test_settings_says_the_prescription_sets_the_reminder_the_download_follows(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        body = {"minutes": 10, "days_per_week": 3, "reminder_time": "07:30", "end_on": "2027-01-31"}
        assert practitioner.post(f"/api/practice/clients/{world.ids['client']}/prescriptions", json=body).is_success
    with browser(app, world.tokens["client_a"]) as client:
        page = client.get("/settings").text
        calendar = client.get("/api/reminder.ics").text
    assert "Your prescription sets the reminder: 07:30, Mon, Wed, Fri, until 31 Jan 2027." in page
    assert "T073000" in calendar and "BYDAY=MO,WE,FR" in calendar and "UNTIL=20270131" in calendar


def test_a_programme_that_starts_later_is_reminded_from_its_start(app: FastAPI, world: World) -> None:
    start = world.clock().date() + timedelta(days=10)
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        body = {"minutes": 10, "days_per_week": 7, "reminder_time": "07:30", "start_on": start.isoformat()}
        assert practitioner.post(f"/api/practice/clients/{world.ids['client']}/prescriptions", json=body).is_success
    with browser(app, world.tokens["client_a"]) as client:
        page = client.get("/settings").text
        calendar = client.get("/api/reminder.ics").text
    every_day = "Mon, Tue, Wed, Thu, Fri, Sat, Sun"
    assert f"Your prescription sets the reminder: 07:30, {every_day}, from {friendly_date(start)}." in page
    assert f"DTSTART:{start:%Y%m%d}T073000" in calendar  # the world names no zone: floating local time


def test_the_practitioner_and_the_client_read_the_prescription_in_the_same_words(app: FastAPI, world: World) -> None:
    said = (
        "10 min of the supported variant, once a day, every day, from 2026-05-04 to 2027-01-31, reminder at 07:30."
        " “Calves on the sofa seat.”"
    )
    body = {"variant": "supported", "minutes": 10, "days_per_week": 7, "start_on": "2026-05-04"}
    body |= {"end_on": "2027-01-31", "reminder_time": "07:30", "note": "Calves on the sofa seat."}
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        assert practitioner.post(f"/api/practice/clients/{world.ids['client']}/prescriptions", json=body).is_success
        assert said in unescape(practitioner.get(f"/practice/clients/{world.ids['client']}").text)
    with browser(app, world.tokens["client_a"]) as client:
        assert f'{said} <span class="muted">(Pat Physio)</span>' in unescape(client.get("/sharing").text)


def test_the_prescription_form_offers_every_variant_by_its_title(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        page = practitioner.get(f"/practice/clients/{world.ids['client']}").text
    select = page[page.index('<select id="variant"') : page.index("</select>")]
    offered = re.findall(r'<option value="([a-z_]+)"[^>]*>([^<]*)</option>', select)
    assert offered == [(name, variant.title) for name, variant in load_protocol().variants.items()]
    assert ("side_lying", "On your side") in offered and ("somatic", "Somatic release") in offered


@pytest.mark.parametrize(
    ("email", "home"),
    [("admin@clinic.example", "/practice/admin"), ("pat@clinic.example", "/practice"), ("ann@example.org", "/")],
)
def test_each_role_signing_in_at_the_front_door_lands_on_a_page_it_may_see(app: FastAPI, email: str, home: str) -> None:
    with TestClient(app, headers={"Origin": ORIGIN}) as client:
        to_sign_in = client.get("/", follow_redirects=False)
        assert to_sign_in.status_code == 303 and to_sign_in.headers["location"] == "/login?next=/"
        landed = client.post("/login", data={"email": email, "password": PASSWORD, "next": "/"})
        code = app_code(app, email)
        if code is not None:  # practitioners and admins: the code page next, then where they were going
            assert (landed.status_code, landed.url.path) == (200, "/login/code")
            landed = client.post("/login/code", data={"code": code, "next": "/"})
        assert (landed.status_code, landed.url.path) == (200, home)


@pytest.mark.parametrize(
    ("actor", "link"),
    [
        ("linked_practitioner", '<a href="/practice">Back to your clients</a>'),
        ("admin", '<a href="/practice/admin">Back to your practice</a>'),
        ("no_practice", '<a href="/account">Back to your account</a>'),
    ],
)
def test_an_error_page_links_back_to_the_askers_own_home(app: FastAPI, world: World, actor: str, link: str) -> None:
    with browser(app, world.tokens[actor]) as client:
        refused = client.get("/journal")
        missing = client.get("/no-such-page")
    assert refused.status_code == 403 and link in refused.text and "Back to today" not in refused.text
    assert missing.status_code == 404 and link in missing.text


def test_a_clients_menu_leads_to_their_account_and_its_sign_out(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_a"]) as ann:
        today = ann.get("/").text
        account = ann.get("/account").text
    assert '<li><a href="/account">Account</a></li>' in today
    assert '<a href="/account" aria-current="page">Account</a>' in account and 'action="/logout"' in account


def test_the_error_page_says_a_refusal_as_a_sentence(app: FastAPI, world: World) -> None:
    """The API's words start lower-case (they follow "detail:"); on the page they are a sentence of their own."""
    with browser(app, world.tokens["client_a"]) as ann:
        refused = ann.get("/practice")
        api = ann.get("/api/practice/clients")
    assert refused.status_code == 403 and "<p>Your account cannot follow clients.</p>" in refused.text
    assert api.json() == {"detail": "your account cannot follow clients"}


def test_a_removed_practitioner_is_told_the_administrator_ended_their_access(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["no_practice"]) as removed:
        account = removed.get("/account").text
        refused = removed.get("/journal")
    assert "Your access to Clinic was ended by its administrator." in account
    assert refused.status_code == 403 and "this account belongs to no practice now" in refused.text
    assert "under Clients" not in refused.text
    with browser(app, world.tokens["linked_practitioner"]) as member:
        assert "was ended by its administrator" not in member.get("/account").text


REFUSED = 'aria-describedby="prescription-error" aria-invalid="true"'


@pytest.mark.parametrize(
    ("form", "message", "fields"),
    [
        ({"minutes": "45"}, "Minutes: enter 30 or less, not “45”.", ["minutes"]),
        (
            {"days_per_week": "0", "sessions_per_day": "x"},
            "Sessions a day: enter a whole number, not “x”. Days a week: enter 1 or more, not “0”.",
            ["sessions_per_day", "days_per_week"],
        ),
        (
            {"start_on": "2026-05-06", "end_on": "2026-05-01"},
            "The end 2026-05-01 is before the start 2026-05-06.",
            ["end_on"],
        ),
        (
            {"start_on": "0001-01-01", "end_on": "0001-01-02"},
            "The start 0001-01-01 is before 2000; give a day from 2000 on.",
            ["start_on"],
        ),
    ],
)
def test_a_bad_prescription_form_is_explained_in_plain_words(
    app: FastAPI, world: World, form: dict[str, str], message: str, fields: list[str]
) -> None:
    """Beside the form, heard on load, the fields it names marked: it was at the top of the page, about 1,400 px
    above the End field, and no field said it was refused (practice walk-through M3)."""
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        page = practitioner.post(f"/practice/clients/{world.ids['client']}/prescriptions", data=form)
    assert page.status_code == 422
    said = (
        f'<p id="prescription-error" class="notice danger" role="alert" tabindex="-1" data-focus-on-load>{message}</p>'
    )
    form_html = page.text[page.text.index('class="prescribe">') : page.text.index("Save as a new version")]
    assert said in form_html and page.text.count(said) == 1
    assert re.findall(rf'id="(\w+)" name="\w+"[^>]*{REFUSED}', page.text) == fields
    assert not any(words in page.text for words in ("Input should", "less_than", "value_error"))


def test_a_refused_sign_in_opens_on_its_message_and_marks_both_fields(app: FastAPI) -> None:
    """The message was an alert already in the page when it loaded (rarely heard), the focus at the top, and
    neither field said it was refused (practice walk-through M3)."""
    with TestClient(app, headers={"Origin": ORIGIN}) as anyone:
        page = anyone.post("/login", data={"email": "pat@clinic.example", "password": "not the password"})
    assert page.status_code == 401, page.text
    assert re.search(
        r'<p id="login-error" class="notice danger" role="alert" tabindex="-1" data-focus-on-load>', page.text
    )
    marked = re.findall(r'<input id="(\w+)"[^>]*aria-describedby="login-error" aria-invalid="true"', page.text)
    assert marked == ["email", "password"]


def test_a_prescription_starts_and_ends_from_2000_on_and_at_most_a_year_from_today(app: FastAPI, world: World) -> None:
    today = world.clock().date()
    a_year_on = today + timedelta(days=366)
    prescriptions = f"/api/practice/clients/{world.ids['client']}/prescriptions"
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        current = practitioner.get(f"/api/practice/clients/{world.ids['client']}").json()["prescriptions"][0]
        answers = {
            days: practitioner.post(prescriptions, json=dict(zip(("start_on", "end_on"), days, strict=False)))
            for days in [("9999-12-31",), ("0001-01-01", "0001-01-02"), (str(today), str(a_year_on + timedelta(1)))]
        }
        after = practitioner.get(f"/api/practice/clients/{world.ids['client']}").json()["prescriptions"][0]
        furthest = practitioner.post(prescriptions, json={"start_on": "2000-01-01", "end_on": str(a_year_on)})
    assert {days: answer.status_code for days, answer in answers.items()} == dict.fromkeys(answers, 422)
    assert answers[("9999-12-31",)].json()["detail"] == (
        f"the start 9999-12-31 is more than a year from today; give a day by {a_year_on}"
    )
    assert answers[("0001-01-01", "0001-01-02")].json()["detail"].startswith("the start 0001-01-01 is before 2000")
    assert after == current  # a refused dose is no new version
    assert furthest.status_code == 201


def test_the_invite_page_says_which_role_it_is_for(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["admin"]) as admin:
        practitioner_code = admin.post("/api/practice/invites", json={"role": "practitioner"}).json()["code"]
    with TestClient(app) as stranger:
        as_client = stranger.get(f"/invite/{world.invite_codes['anonymous']}").text
        as_practitioner = stranger.get(f"/invite/{practitioner_code}").text
    assert "You are invited as a client of Pat Physio at Clinic." in as_client
    assert "You are invited as a practitioner of Clinic, by Ada Admin." in as_practitioner
    # Notes left unshared still send a warning sign read in them, without their words: the consent says so.
    assert "any warning sign crest reads in a note (its name only: the note&#39;s words stay out" in as_client


def test_head_of_the_sign_in_page_answers_like_get(app: FastAPI) -> None:
    with TestClient(app) as client:
        head, get = client.head("/login"), client.get("/login")
    assert (head.status_code, get.status_code) == (200, 200) and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_a_practice_server_takes_videos_up_to_200_mb(app: FastAPI) -> None:
    # The local app takes a whole rest filmed on a phone (4 GB); a server spools its clients' uploads to its disk.
    limits = app.state.context.limits
    assert limits.max_video_bytes == 200 * 1024**2
    assert limits.max_upload_bytes == 200 * 1024**2


def test_a_link_never_sends_a_password_or_a_journal_over_plain_http_to_another_computer(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock]
) -> None:
    journal, home, clock = local
    services = _local_services(journal, home, clock)
    sent: list[str] = []
    link = PracticeLink(home, services.sync, clock, lambda method, url, body, token: sent.append(url))
    for address in ("http://practice.test", "http://192.168.1.20:8765/"):
        with pytest.raises(CrestError, match=r"is not encrypted \(http://\): your password and journal could be read"):
            link.link(address, world.invite_codes["no_practice"], "cleo@example.org", PASSWORD, "Cleo", False, "pc")
        with pytest.raises(CrestError, match="not encrypted"):
            link.invite(address, world.invite_codes["no_practice"])
    assert sent == []  # refused before anything left the computer
    # A link kept from before is not used by http:// either; this computer itself stays fine.
    kept = {"url": "http://practice.test", "token": "t", "linked_at": "2026-05-01T09:00:00+00:00"}
    (home / "practice-link.json").write_text(json.dumps(kept))
    with pytest.raises(CrestError, match="not encrypted"):
        link.sync()
    assert sent == []
    assert crosses_the_network_unencrypted("http://practice.test")
    assert not crosses_the_network_unencrypted("http://127.0.0.1:8765")
    assert not crosses_the_network_unencrypted("http://localhost:8765")
    assert not crosses_the_network_unencrypted("http://[::1]:8765")
    assert not crosses_the_network_unencrypted("https://practice.test")


def test_the_client_page_names_each_safety_answer_behind_a_red_flag_with_its_source(app: FastAPI, world: World) -> None:
    from crest.safety.screen import QUESTIONS

    answers = {question.id: question.id == "cancer_history" for question in QUESTIONS}
    with browser(app, world.tokens["client_a"]) as ann:
        assert ann.post("/api/safety/answers", json={"answers": answers}).status_code == 200
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(f"/practice/clients/{world.ids['client']}").text
    assert "a safety answer that is a red flag (see a clinician)" in page
    assert '<h2 id="safety-heading">Safety answers and warning signs</h2>' in page
    assert 'Answered yes to “Have you ever had cancer?” <span class="source">(NHS back-pain red flags' in page


def test_a_refused_sign_in_shows_a_visitor_the_visitors_navigation(app: FastAPI, world: World) -> None:
    with TestClient(app) as visitor:
        refused = visitor.post("/login", data={"email": "ann@example.org", "password": "not the password at all"})
    assert refused.status_code == 401 and ">Sign in</a>" in refused.text
    assert ">Today</a>" not in refused.text and ">Check-in</a>" not in refused.text


def test_a_sync_tells_the_practice_where_the_clients_days_begin(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock]
) -> None:
    from zoneinfo import ZoneInfo

    journal, home, clock = local
    auckland = Services.over(journal, clock, ZoneInfo("Pacific/Auckland"), link_home=home)
    auckland.safety.record(ALL_CLEAR)
    assert auckland.link is not None
    link_as_cleo(app, world, home, auckland, clock)
    PracticeLink(home, auckland.sync, clock, InProcess(app), zone_name="Pacific/Auckland").sync()
    door = app.state.practice_door
    found = door.accounts._store.account_by_email("cleo@example.org")
    assert found is not None and found[0].person_id is not None
    assert str(door.services_for(found[0].person_id).zone) == "Pacific/Auckland"  # not the practice's UTC
    windows = door.practice._store.client_windows([found[0].person_id], clock(), timedelta(days=7))
    assert windows[found[0].person_id].zone_name == "Pacific/Auckland"  # the dashboard's days too
    token = json.loads((home / "practice-link.json").read_text())["token"]
    with TestClient(app) as crest:
        body = {"journal": "{}", "uids": {}, "zone": "Mars/Olympus"}
        refused = crest.post("/api/sync/push", json=body, headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 422 and "“Mars/Olympus” is no time zone crest knows" in refused.text


def test_a_local_crest_sends_its_computers_named_zone(tmp_path: Path) -> None:
    from zoneinfo import ZoneInfo

    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=FakeClock()) as journal:
        services = Services.over(journal, FakeClock(), ZoneInfo("Europe/Berlin"), link_home=tmp_path)
        assert services.link is not None and services.link._zone() == {"zone": "Europe/Berlin"}
        offset_only = Services.over(journal, FakeClock(), UTC, link_home=tmp_path)
        assert offset_only.link is not None and offset_only.link._zone() == {}


def test_the_client_reads_who_ended_their_programme(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert pat.post(f"/api/practice/clients/{world.ids['client']}/end").status_code == 204
    with browser(app, world.tokens["client_a"]) as ann:
        page = ann.get("/sharing").text
    assert "Pat Physio ended your programme" in page and "someone" not in page


def test_the_client_page_says_when_the_safety_questions_were_never_answered(
    app: FastAPI, world: World, local: tuple[Journal, Path, FakeClock]
) -> None:
    journal, home, clock = local
    services = _local_services(journal, home, clock)  # a crest that logged a rest, and never asked the questions
    services.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.HIP, 2, Side.LEFT),)))
    link_as_cleo(app, world, home, services, clock)
    PracticeLink(home, services.sync, clock, InProcess(app)).sync()
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        clients = {row["name"]: row["id"] for row in pat.get("/api/practice/clients").json()}
        cleo = pat.get(f"/practice/clients/{clients['Cleo']}").text
        ann = pat.get(f"/practice/clients/{clients['Ann']}").text
    assert "Cleo has not answered the safety questions yet." in cleo
    assert "not answered the safety questions" not in ann and "Safety questions last answered" in ann


def test_an_invitation_not_yet_accepted_is_listed_and_withdrawn_by_whoever_made_it(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        made = pat.post("/api/practice/invites", json={"role": "client", "email": "wrong@example.org"}).json()
        listed = pat.get("/api/practice/invites").json()
        mine = next(one for one in listed if one["email"] == "wrong@example.org")
        assert "For wrong@example.org · made" in pat.get("/practice").text
        pat.follow_redirects = False
        withdrawn = pat.post(f"/practice/invites/{mine['id']}/withdraw")
        assert withdrawn.status_code == 303 and withdrawn.headers["location"] == "/practice"
        assert all(one["id"] != mine["id"] for one in pat.get("/api/practice/invites").json())
        assert pat.delete(f"/api/practice/invites/{mine['id']}").status_code == 404  # once is all
    with TestClient(app) as visitor:
        assert visitor.get(f"/api/auth/invites/{made['code']}").status_code == 410


@pytest.mark.parametrize(("actor", "page", "form"), INVITE_FORMS)
def test_reloading_the_page_after_inviting_makes_no_second_invitation(
    app: FastAPI, world: World, actor: str, page: str, form: str
) -> None:
    """Post, redirect, get: the link shows once on the page the browser is sent back to; a reload asks for that
    page again, sends no form, and makes nothing. The code never stands in the address."""
    with browser(app, world.tokens[actor]) as person:
        before = len(person.get("/api/practice/invites").json())
        person.follow_redirects = False
        made = person.post(form, data={"email": "kim@example.org"})
        assert made.status_code == 303 and made.headers["location"] == page
        shown = person.get(page)
        assert shown.status_code == 200 and "Invitation link" in shown.text
        [code] = re.findall(r'value="[^"]*/invite/([\w-]+)"', shown.text)
        reloaded = person.get(page)
        assert reloaded.status_code == 200 and "Invitation link" not in reloaded.text and code not in reloaded.text
        assert len(person.get("/api/practice/invites").json()) == before + 1
    with TestClient(app) as visitor:
        assert visitor.get(f"/api/auth/invites/{code}").status_code == 200  # the one made works


def test_the_page_shows_a_handed_on_invitation_only_when_it_is_the_askers_own(app: FastAPI, world: World) -> None:
    """A code put in the hand-off cookie by anyone else (one of Pat's here) is never shown as Sam's own link."""
    pats = world.invite_codes["anonymous"]
    with browser(app, world.tokens["unlinked_practitioner"]) as sam:
        sam.cookies.set(NEW_INVITE.name, pats)
        page = sam.get("/practice")
        assert page.status_code == 200 and "Invitation link" not in page.text and pats not in page.text


def test_the_api_document_is_for_accounts_not_every_visitor(app: FastAPI, world: World) -> None:
    """ASVS 5.0 13.4.5: a map of every route of a server on the internet is no stranger's to read; the local app's
    stays open (`test_web_pages`)."""
    with TestClient(app) as visitor:
        visitor.follow_redirects = False
        refused = visitor.get("/openapi.json", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        assert refused.status_code == 303 and refused.headers["location"] == "/login?next=/openapi.json"
        assert "/api/" not in refused.text
        assert visitor.get("/openapi.json", headers={"Accept": "TEXT/HTML"}).status_code == 303
        # A program (curl, a client generator) is answered as by every API route, not sent to an HTML page, even
        # when it takes HTML too but prefers JSON.
        for accept in ("application/json", "*/*", "application/json, text/html", "text/html;q=0.1, application/json"):
            refused = visitor.get("/openapi.json", headers={"Accept": accept})
            assert refused.status_code == 401 and refused.json()["detail"] == "please sign in first", accept
        assert visitor.head("/openapi.json", headers={"Accept": "application/json"}).status_code == 401
    with browser(app, world.tokens["client_b"]) as ben:
        document = ben.get("/openapi.json")
        assert document.status_code == 200 and "/api/account/delete" in document.json()["paths"]
        assert ben.head("/openapi.json").status_code == 200


def test_only_a_client_is_told_to_export_a_journal_before_deleting_the_account(app: FastAPI, world: World) -> None:
    # A practitioner's or an admin's account keeps no journal: the advice was for nothing there.
    for actor, told in (("client_b", True), ("linked_practitioner", False), ("admin", False)):
        with browser(app, world.tokens[actor]) as person:
            assert ("Export your journal first" in person.get("/account").text) is told, actor


def test_a_second_invitation_from_the_same_practitioner_renews_the_one_link(app: FastAPI, world: World) -> None:
    """It made a second link: the client appeared twice on the practitioner's list, and stopping sharing on one
    link left the practitioner seeing everything through the other while the page said they saw nothing."""
    with browser(app, world.tokens["client_a"]) as ann:
        assert ann.post(f"/sharing/{world.ids['link']}", data={}).status_code == 200  # sharing stopped
        body = {"code": world.invite_codes["client_a"], "email": "ann@example.org", "password": PASSWORD}
        assert ann.post("/api/auth/accept-invite", json=body | {"name": "Ann", "consent": True}).status_code == 201
        links = [link for link in ann.get("/api/account/sharing").json() if link["practitioner"] == "Pat Physio"]
        assert [(link["link_id"], link["shared"]) for link in links] == [(world.ids["link"], True)]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        names = [client["name"] for client in pat.get("/api/practice/clients").json()]
        assert names.count("Ann") == 1


def test_the_client_page_names_each_standing_sign_under_its_own_advice(app: FastAPI, world: World) -> None:
    """As the report's "In short": a see-a-clinician "yes" beside an urgent one is no reason for urgent care."""
    import re

    from crest.safety.screen import KNOWN_QUESTIONS, QUESTIONS

    answers = {question.id: question.id in ("cancer_history", "bladder_bowel_saddle") for question in QUESTIONS}
    with browser(app, world.tokens["client_a"]) as ann:
        assert ann.post("/api/safety/answers", json={"answers": answers}).status_code == 200
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(f"/practice/clients/{world.ids['client']}").text
    concerns = re.findall(r'<p class="concern">(.*?)</p>', page)
    urgent, clinician = KNOWN_QUESTIONS["bladder_bowel_saddle"].text, KNOWN_QUESTIONS["cancer_history"].text
    assert len(concerns) == 2
    assert "urgent" in concerns[0].lower() and urgent in concerns[0] and clinician not in concerns[0]
    assert "clinician" in concerns[1].lower() and clinician in concerns[1] and urgent not in concerns[1]


def test_the_dashboard_holds_only_the_days_since_the_prescription_began_against_it(app: FastAPI, world: World) -> None:
    """Walk-through L9: a prescription made today read "6 of 8" on the dashboard, of 7 days before it existed."""
    begun = world.clock().date()  # Ann's prescription was made with the world, from that day
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        dashboard = practitioner.get("/practice").text
        [row] = [row for row in practitioner.get("/api/practice/clients").json() if row["name"] == "Ann"]
    [ann] = [row for row in dashboard.split("<tr>") if ">Ann</a>" in row]
    assert f"1 session on {begun.day} {begun:%b}, the day the prescription began, against about 1.0 for 7 a week" in ann
    assert "1 of 7" not in ann
    assert (row["target_sessions_per_week"], row["target_days"], row["sessions_since_target"]) == (7, 1, 1)


def test_who_looked_holds_a_days_looks_on_one_line_and_every_change_on_its_own(app: FastAPI, world: World) -> None:
    """Walk-through L8: 20 minutes of a practitioner's normal use made 51 lines of "looked at your data"."""
    client_page = f"/practice/clients/{world.ids['client']}"
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        for _ in range(3):
            assert practitioner.get(client_page).status_code == 200
        assert practitioner.get(f"/api/practice/clients/{world.ids['client']}/report.pdf").status_code == 200
        assert practitioner.get(client_page).status_code == 200
        assert practitioner.get("/practice").status_code == 200
        activity = practitioner.get("/account").text
    with browser(app, world.tokens["client_a"]) as client:
        page = client.get("/sharing").text
    looked = page.split('id="looked-heading"')[1].split("</ul>")[0]
    lines = re.findall(r"<li>(.*?)</li>", looked)
    [looks] = [line for line in lines if "looked at your data" in line]
    assert re.fullmatch(r"today \d\d:\d\d( to \d\d:\d\d)?: Pat Physio looked at your data \d+ times", looks), looks
    assert int(looks.split()[-2]) >= 4  # the world's own looks of the day join them
    assert sum("downloaded your report or data" in line for line in lines) == 1
    assert "list client" not in activity and "saw a client&#39;s summary in the list of clients" in activity


def test_a_clients_downloads_are_named_for_the_client_and_the_day(app: FastAPI, world: World) -> None:
    """Walk-through L10: the PDF was named crest-report-3.pdf, an internal id that names nobody; the FHIR export
    was crest-fhir-3.json still. One rule names both."""
    from crest.web.api.practice import client_file_disposition

    client = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        pdf = practitioner.get(f"/api/practice/clients/{client}/report.pdf")
        fhir = practitioner.get(f"/api/practice/clients/{client}/fhir")
        r4b = practitioner.get(f"/api/practice/clients/{client}/fhir?fhir_version=R4B")
    day = world.clock().date().isoformat()
    assert pdf.headers["content-disposition"].startswith(f'attachment; filename="crest-report-Ann-{day}.pdf"')
    assert fhir.status_code == 200 and fhir.headers["content-disposition"] == (
        f"attachment; filename=\"crest-fhir-R5-Ann-{day}.json\"; filename*=UTF-8''crest-fhir-R5-Ann-{day}.json"
    )
    assert f'filename="crest-fhir-R4B-Ann-{day}.json"' in r4b.headers["content-disposition"]
    # safe for a file name whatever the name holds; as typed where the browser reads filename*
    day_of = world.clock().date()
    assert client_file_disposition("report", "../Renée O'Brien", day_of, "pdf") == (
        f'attachment; filename="crest-report-Renee-O-Brien-{day}.pdf"; '
        f"filename*=UTF-8''crest-report-Ren%C3%A9e-O-Brien-{day}.pdf"
    )
    assert f'filename="crest-report-client-{day}.pdf"' in client_file_disposition("report", "李", day_of, "pdf")
    assert f"UTF-8''crest-report-%E6%9D%8E-{day}.pdf" in client_file_disposition("report", "李", day_of, "pdf")
    for name in ('a"b;c\r\nX: y', "“Zoë” `x` «y»", "Ann\u202egpj.exe", "..", "\x85\u2028"):
        header = client_file_disposition("fhir-R5", name, day_of, "json")
        plain, _, typed = header.removeprefix('attachment; filename="').partition("\"; filename*=UTF-8''")
        assert re.fullmatch(rf"crest-fhir-R5-[A-Za-z0-9-]+-{day}\.json", plain), header
        # what the browser saves: no separator, quote, control or invisible character, and a name at all
        saved = unquote(typed)
        assert saved.endswith(f"-{day}.json") and saved.startswith("crest-fhir-R5-") and "--" not in saved, header
        assert not set(saved) & set("\\/:*?\"<>|'`“”«»") and saved.isprintable(), header
        assert header.isascii() and "\r" not in header and "\n" not in header


SIGNED_IN_PAGES = [
    ("client_a", ["/", "/journal", "/sharing", "/account"]),
    ("linked_practitioner", ["/practice", "/account", "/no-such-page"]),
    ("admin", ["/practice/admin", "/account"]),
    ("no_practice", ["/account"]),
    ("enrolling_practitioner", ["/account/two-factor"]),
]


@pytest.mark.parametrize(("actor", "paths"), SIGNED_IN_PAGES, ids=[actor for actor, _ in SIGNED_IN_PAGES])
def test_every_signed_in_page_signs_out_from_its_navigation(
    app: FastAPI, world: World, actor: str, paths: list[str]
) -> None:
    """Sign out was only on the Account page (practice walk-through): now a button in every page's navigation, a
    form that posts (with this server's Origin, as every change), and the only one on the page."""
    sign_out = '<li><form method="post" action="/logout"><button type="submit">Sign out</button></form></li>'
    with browser(app, world.tokens[actor]) as person:
        for path in paths:
            page = person.get(path).text
            navigation = page.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
            assert sign_out in navigation, (path, navigation)
            assert page.count('action="/logout"') == 1, path
    with browser(app) as visitor:
        assert 'action="/logout"' not in visitor.get("/login").text
