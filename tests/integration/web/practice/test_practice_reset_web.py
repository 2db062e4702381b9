"""Forgotten passwords through HTTP: the admin's and the operator's "password link" (never a practitioner's), the
page that takes it,
a refused new password, and an old or used link answered with a clear page (410), never a 500."""

from __future__ import annotations

import html
import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.services.audit import Audited
from crest.web.practice_door import COOKIE_NAME
from support.documented import assert_each_documented
from support.practice_web import ORIGIN, PASSWORD, World, app_code, browser

NEW_PASSWORD = "a slow morning by the sea"


def test_a_practitioner_cannot_make_a_link_for_a_client(app: FastAPI, world: World) -> None:
    """Whoever holds a client's password link can sign in as the client and read even the notes they do not share:
    a practitioner has no way to make one; the client's page says the operator does, and why, in plain words."""
    client_id = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(f"/practice/clients/{client_id}").text
        api = pat.post(f"/api/practice/clients/{client_id}/reset-link")
        form = pat.post(f"/practice/clients/{client_id}/reset-link")
    assert "Make a password link" not in page and "/reset-link" not in page
    assert "crest practice reset-password --email ann@example.org" in page
    box = " ".join(re.sub(r"<[^>]+>", " ", page.partition('id="reset-heading"')[2].partition("</section>")[0]).split())
    assert "becomes" not in box and "keep to themselves" not in box  # plain words, not a riddle
    assert "Only the operator can make one, and it must go to Ann alone" in box
    assert "anyone who holds the link can sign in as Ann and see all their records, including the notes" in box
    assert api.status_code in (404, 405) and form.status_code in (404, 405)
    assert "/reset/" not in api.text + form.text
    made = app.state.practice_door.audit.entries(Audited.MAKE_RESET_LINK)
    assert [entry for entry in made if entry.actor_account_id is not None] == []  # the world's are the operator's


def test_the_operator_makes_a_link_and_the_client_sets_a_new_password_with_it(app: FastAPI, world: World) -> None:
    code = app.state.practice_door.accounts.reset_link_by_operator("ann@example.org").code
    with TestClient(app, headers={"Origin": ORIGIN, "Referer": f"{ORIGIN}/"}) as ann:  # as a browser on its pages
        ann.follow_redirects = False
        form = ann.get(f"/reset/{code}")
        assert form.status_code == 200 and "Set a new password" in form.text and "ann@example.org" in form.text
        weak = ann.post(f"/reset/{code}", data={"new_password": "password123"})
        assert weak.status_code == 422 and "most common" in weak.text and "Traceback" not in weak.text
        assert ">Sign in</a>" in weak.text and ">Today</a>" not in weak.text  # nobody's signed in yet: no client nav
        done = ann.post(f"/reset/{code}", data={"new_password": NEW_PASSWORD})
        assert done.status_code == 303 and done.headers["location"] == "/account#password"
        assert ann.get("/api/auth/me").json()["email"] == "ann@example.org"  # signed in by the link
        used = ann.get(f"/reset/{code}")
        again = ann.post(f"/reset/{code}", data={"new_password": "yet another passphrase"})
    for answer in (used, again):
        assert answer.status_code == 410 and answer.headers["content-type"].startswith("text/html")
        assert "does not work" in answer.text and "ask for a new one" in answer.text and "Traceback" not in answer.text
        # a practitioner cannot make one for a client: it said "your practitioner ... can make it"
        assert "your practitioner" not in answer.text and "the server&#39;s operator" in answer.text
    with browser(app, world.tokens["client_a"]) as old_session:  # Ann's session from before: ended
        assert old_session.get("/api/auth/me").status_code == 401
    with TestClient(app) as fresh:
        assert fresh.post("/api/auth/login", json={"email": "ann@example.org", "password": PASSWORD}).status_code == 401
        signed_in = fresh.post("/api/auth/login", json={"email": "ann@example.org", "password": NEW_PASSWORD})
        assert signed_in.status_code == 200
        looked = fresh.get("/api/account/audit").json()
    assert (looked[0]["who"], looked[0]["what"]) == (
        "the server's operator",
        "made a link to set a new password for you",
    )


def test_the_admin_makes_a_link_for_a_practitioner_and_the_api_sets_the_password(app: FastAPI, world: World) -> None:
    membership_id = world.ids["practitioner_membership"]
    with browser(app, world.tokens["admin"]) as admin:
        assert "Password link" in admin.get("/practice/admin").text
        assert admin.post(f"/practice/admin/practitioners/{membership_id}/reset-link").status_code == 201
        made = admin.post(f"/api/practice/practitioners/{membership_id}/reset-link")
    assert made.status_code == 201
    link = made.json()
    assert link["email"] == "pat@clinic.example" and link["url"] == f"{ORIGIN}/reset/{link['code']}"
    with TestClient(app, headers={"Origin": ORIGIN}) as pat:  # signed in by the link: changes need the Origin
        view = pat.get(f"/api/auth/password-resets/{link['code']}").json()
        assert view["email"] == "pat@clinic.example" and view["asks_code"] is True  # two-step sign-in: a code too
        short = pat.post("/api/auth/password-reset", json={"code": link["code"], "new_password": "short"})
        assert short.status_code == 422 and "at least 8" in short.json()["detail"]
        no_code = pat.post("/api/auth/password-reset", json={"code": link["code"], "new_password": NEW_PASSWORD})
        assert no_code.status_code == 401 and "authenticator app" in no_code.json()["detail"]  # the link stays
        code = app_code(app, "pat@clinic.example")
        body = {"code": link["code"], "new_password": NEW_PASSWORD, "second_factor_code": code}
        done = pat.post("/api/auth/password-reset", json=body)
        assert done.status_code == 200 and done.json()["role"] == "practitioner"
        assert COOKIE_NAME in done.cookies
        gone = pat.post("/api/auth/password-reset", json={"code": link["code"], "new_password": NEW_PASSWORD})
        assert gone.status_code == 410 and "does not work" in gone.json()["detail"]
        assert pat.get("/api/auth/password-resets/made-up").status_code == 410


def test_the_admin_cannot_make_a_link_for_a_practitioner_without_two_step_sign_in(app: FastAPI, world: World) -> None:
    """Reset two-step sign-in, then a password link: the link alone would have handed the admin (or anyone it
    reached) the practitioner's account and their clients' data. Refused on the API and the page alike; the
    operator's link still works."""
    membership_id = world.ids["practitioner_membership"]
    with browser(app, world.tokens["admin"]) as admin:
        body = {"password": PASSWORD, "second_factor_code": world.app_code("admin")}
        reset = admin.post(f"/api/practice/practitioners/{membership_id}/two-factor/reset", json=body)
        assert reset.status_code == 204, reset.text
        api = admin.post(f"/api/practice/practitioners/{membership_id}/reset-link")
        page = admin.post(f"/practice/admin/practitioners/{membership_id}/reset-link")
    said = (
        "Pat Physio has no two-step sign-in set up, so a password link would let whoever holds it take over the "
        "account; the server's operator makes this link (crest practice reset-password --email pat@clinic.example)"
    )
    assert api.status_code == 409 and api.json()["detail"] == said
    assert page.status_code == 409 and html.unescape(page.text).count(said[0].upper() + said[1:]) == 1
    assert "/reset/" not in page.text and "Practitioners" in page.text  # the Practice page again, no link on it
    door = app.state.practice_door
    issued = door.accounts.reset_link_by_operator("pat@clinic.example")
    with TestClient(app, headers={"Origin": ORIGIN}) as pat:
        assert pat.get(f"/api/auth/password-resets/{issued.code}").json()["asks_code"] is False
        done = pat.post("/api/auth/password-reset", json={"code": issued.code, "new_password": NEW_PASSWORD})
        assert done.status_code == 200, done.text  # signed in to set up a new app, first of all


def test_a_link_from_another_site_cannot_set_a_signed_in_persons_password(app: FastAPI, world: World) -> None:
    """The Origin rule holds for the reset form too, when the browser carries a sign-in cookie."""
    code = app.state.practice_door.accounts.reset_link_by_operator("ann@example.org").code
    with TestClient(app, headers={"Origin": "https://evil.example"}) as elsewhere:
        elsewhere.cookies.set(COOKIE_NAME, world.tokens["client_a"] or "")
        assert elsewhere.post(f"/reset/{code}", data={"new_password": NEW_PASSWORD}).status_code == 403
    with TestClient(app) as ann:
        assert ann.get(f"/api/auth/password-resets/{code}").status_code == 200  # still unused


def test_a_password_refused_past_the_code_leaves_the_code_to_send_again_at_both_doors(
    app: FastAPI, world: World
) -> None:
    """The link's code was used up before the new password was refused as the one the account has: the form
    came back and the same code was then refused too, so the person waited for the app's next one."""
    accounts = app.state.practice_door.accounts
    with TestClient(app, headers={"Origin": ORIGIN, "Referer": f"{ORIGIN}/"}) as pat:
        pat.follow_redirects = False
        link = accounts.reset_link_by_operator("pat@clinic.example").code
        code = app_code(app, "pat@clinic.example")
        same = pat.post(f"/reset/{link}", data={"new_password": PASSWORD, "second_factor_code": code})
        assert same.status_code == 422 and "The new password is the one you have now; choose another." in same.text
        done = pat.post(f"/reset/{link}", data={"new_password": NEW_PASSWORD, "second_factor_code": code})
        assert done.status_code == 303, done.text

        link = accounts.reset_link_by_operator("pat@clinic.example").code
        body = {"code": link, "new_password": NEW_PASSWORD, "second_factor_code": app_code(app, "pat@clinic.example")}
        same = pat.post("/api/auth/password-reset", json=body)
        assert (
            same.status_code == 422
            and same.json()["detail"] == "the new password is the one you have now; choose another"
        )
        done = pat.post("/api/auth/password-reset", json=body | {"new_password": "yet another passphrase"})
        assert done.status_code == 200, done.text


def test_every_answer_resetting_gives_is_documented_as_it_is_sent(app: FastAPI, world: World) -> None:
    """Each status the API's password-reset answers, walked through: wrong two-step codes back off as at sign-in,
    and that 429 was missing from its document. Each is documented, with the body its document names, and the 429
    with the Retry-After it names."""
    accounts = app.state.practice_door.accounts
    pats = {"code": accounts.reset_link_by_operator("pat@clinic.example").code, "new_password": NEW_PASSWORD}
    anns = {"code": accounts.reset_link_by_operator("ann@example.org").code, "new_password": NEW_PASSWORD}
    tries = [
        {**pats, "new_password": "short"},  # the rules refuse it
        {**pats, "code": "no-such-link"},
        pats,  # two-step sign-in asks its code
        anns,  # a client without two-step sign-in: set, and signed in
        *[{**pats, "second_factor_code": "000000"}] * 6,  # wrong codes, then backing off
    ]
    with TestClient(app, headers={"Origin": ORIGIN}) as anyone:
        answers = [anyone.post("/api/auth/password-reset", json=body) for body in tries]
    with TestClient(app, headers={"Origin": "https://evil.example"}) as elsewhere:  # a signed-in browser, elsewhere
        elsewhere.cookies.set(COOKIE_NAME, world.tokens["client_a"] or "")
        answers.append(elsewhere.post("/api/auth/password-reset", json=pats))
    assert [answer.status_code for answer in answers] == [422, 410, 401, 200, *[401] * 5, 429, 403]
    assert_each_documented(app.openapi(), "/api/auth/password-reset", answers)
