"""Where an account is signed in, and signing out everywhere else (ASVS 5.0 V7.5.2): the Account page and the API
list the open sign-ins with where each began, and end every other one once the password is given again."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.counting import counted
from crest.services.audit import Audited
from crest.web.practice_door import COOKIE_NAME
from support.practice_web import ORIGIN, PASSWORD, World, browser, sign_in

NEW_PASSWORD = "a slow morning by the sea"


def _listed(page: str) -> list[str]:
    section = page.split('id="sign-ins-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", section, re.S)


def test_the_account_page_lists_each_sign_in_and_signs_out_everywhere_else(app: FastAPI) -> None:
    here, phone = sign_in(app, "ben@example.org"), sign_in(app, "ben@example.org")
    with browser(app, here) as ben:
        listed = _listed(ben.get("/account").text)
        assert len(listed) >= 2 and all("from testclient" in one for one in listed)
        assert sum("(this browser)" in one for one in listed) == 1
        wrong = ben.post("/account/sessions/end-others", data={"password": "not my password"})
        assert wrong.status_code == 401 and "That password is not this account&#39;s; nothing ended" in wrong.text
        with browser(app, phone) as still:
            assert still.get("/api/auth/me").status_code == 200  # a wrong password ends nothing
        done = ben.post("/account/sessions/end-others", data={"password": PASSWORD}, follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == "/account#sign-ins-heading"
        page = ben.get(done.headers["location"]).text
        assert f"Signed out everywhere else: {counted(len(listed) - 1, 'other sign-in')} ended." in page
        assert [one for one in _listed(page) if "(this browser)" not in one] == []
        assert ben.get("/api/auth/me").status_code == 200  # this browser stays
    with browser(app, phone) as ended:
        assert ended.get("/api/auth/me").status_code == 401
    audit = app.state.practice_door.audit
    assert [entry.outcome for entry in audit.entries(Audited.DENIED) if entry.detail == "sign out everywhere else"]
    [entry] = audit.entries(Audited.END_SIGN_INS)
    ended_here = f"{counted(len(listed) - 1, 'other sign-in')} ended, 0 linked computers unlinked"
    assert entry.address == "testclient" and entry.detail == ended_here


def test_the_api_lists_sign_ins_and_ends_the_others_with_the_password(app: FastAPI, world: World) -> None:
    other = sign_in(app, "pat@clinic.example")
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        listed = pat.get("/api/account/sessions").json()
        assert [one["this_browser"] for one in listed].count(True) == 1 and len(listed) >= 2
        assert set(listed[0]) == {"began_at", "last_used_at", "address", "this_browser"}
        assert pat.post("/api/account/sessions/end-others", json={"password": "nope"}).status_code == 401
        ended = pat.post("/api/account/sessions/end-others", json={"password": PASSWORD})
        assert ended.status_code == 200 and ended.json() == {"ended": len(listed) - 1, "computers_unlinked": 0}
        assert [one["this_browser"] for one in pat.get("/api/account/sessions").json()] == [True]
    with browser(app, other) as elsewhere:
        assert elsewhere.get("/api/auth/me").status_code == 401


def _accept_for(app: FastAPI, world: World, device_name: str | None) -> tuple[TestClient, dict[str, str | None]]:
    """Cleo accepts her invitation: in a browser, or with `device_name` as `crest link` does."""
    body = {
        "code": world.invite_codes["no_practice"],
        "email": "cleo@example.org",
        "password": PASSWORD,
        "name": "Cleo",
        "consent": True,
    } | ({} if device_name is None else {"device_name": device_name})
    cleo = TestClient(app, headers={"Origin": ORIGIN})
    accepted = cleo.post("/api/auth/accept-invite", json=body)
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["email"] == "cleo@example.org"
    return cleo, {"device_token": accepted.json()["device_token"], "set-cookie": accepted.headers.get("set-cookie")}


def _cleo_with_a_linked_computer(app: FastAPI, world: World) -> tuple[TestClient, TestClient]:
    """Cleo links her computer as `crest link` does (its device token), then signs in with her browser."""
    cleo, accepted = _accept_for(app, world, "laptop")
    computer = TestClient(app, headers={"Authorization": f"Bearer {accepted['device_token']}"})
    assert computer.get("/api/sync/prescription").status_code == 200
    assert cleo.post("/api/auth/login", json={"email": "cleo@example.org", "password": PASSWORD}).status_code == 200
    return cleo, computer


def test_linking_a_computer_with_an_invitation_opens_no_browser_sign_in(app: FastAPI, world: World) -> None:
    """`crest link` keeps the device token and throws a cookie away: a 12-hour sign-in made with it too was one
    nobody held, listed on the Account page as a sign-in the person never opened."""
    linking, accepted = _accept_for(app, world, "laptop")
    assert accepted["device_token"] and accepted["set-cookie"] is None
    with linking:
        assert linking.get("/api/auth/me").status_code == 401
    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        assert [one["this_browser"] for one in cleo.get("/api/account/sessions").json()] == [True]
    audit = app.state.practice_door.audit
    assert [entry.actor_name for entry in audit.entries(Audited.LINK_DEVICE)] == ["Cleo"]
    assert "Cleo" in [entry.actor_name for entry in audit.entries(Audited.ACCEPT_INVITE)]


def test_accepting_an_invitation_in_a_browser_signs_in(app: FastAPI, world: World) -> None:
    cleo, accepted = _accept_for(app, world, None)
    assert accepted["device_token"] is None and COOKIE_NAME in (accepted["set-cookie"] or "")
    with cleo:
        assert cleo.get("/api/auth/me").json()["email"] == "cleo@example.org"
        assert [one["this_browser"] for one in cleo.get("/api/account/sessions").json()] == [True]


def _link_again(app: FastAPI, cleo: TestClient) -> TestClient:
    accounts = app.state.practice_door.accounts
    actor, account = accounts.actor_for_session(cleo.cookies[COOKIE_NAME])
    return TestClient(app, headers={"Authorization": f"Bearer {accounts.link_device(actor, account, 'desktop')}"})


def test_signing_out_everywhere_else_and_a_password_link_unlink_computers_a_password_change_does_not(
    app: FastAPI, world: World
) -> None:
    """A linked crest's token is a way in as much as a browser's sign-in: "everywhere" and a password set with a
    link (whoever knew the old one may have linked a computer) end it; the person changing their own password
    keeps theirs."""
    cleo, computer = _cleo_with_a_linked_computer(app, world)
    with cleo:
        ended = cleo.post("/api/account/sessions/end-others", json={"password": PASSWORD})
        assert ended.status_code == 200 and ended.json() == {"ended": 0, "computers_unlinked": 1}
        assert computer.get("/api/sync/prescription").status_code == 401
        assert cleo.get("/api/auth/me").status_code == 200  # this browser stays

        computer = _link_again(app, cleo)
        page = cleo.post("/account/sessions/end-others", data={"password": PASSWORD})
        assert "0 other sign-ins ended; 1 linked computer unlinked (crest link links one again)." in page.text
        assert computer.get("/api/sync/prescription").status_code == 401

        computer = _link_again(app, cleo)
        new = "a fresh passphrase of mine"
        changed = cleo.post("/api/account/password", json={"current_password": PASSWORD, "new_password": new})
        assert changed.status_code == 204 and computer.get("/api/sync/prescription").status_code == 200
    code = app.state.practice_door.accounts.reset_link_by_operator("cleo@example.org").code
    with TestClient(app, headers={"Origin": ORIGIN}) as anyone:
        used = anyone.post("/api/auth/password-reset", json={"code": code, "new_password": NEW_PASSWORD})
        assert used.status_code == 200
    assert computer.get("/api/sync/prescription").status_code == 401
