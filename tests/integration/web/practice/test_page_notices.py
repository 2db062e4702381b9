"""A page confirms a change only after the change: the change hands the page a one-shot cookie with a fixed key
and the numbers the sentence needs, and the page says it in crest's words with the names it looks up. A link
anyone can make puts no words of its own on crest's pages (content spoofing) and makes no page say that
something happened (a false "sharing stopped" leaves a person exposed)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.web.notices import Done
from crest.web.practice_door import NOTICE
from support.practice_web import PASSWORD, World, browser

SPOOF = "Your account is locked: call 0800 123 456 now"
# A fragment of every confirmation a page can say.
CONFIRMATIONS = (
    "Your password is changed",
    "Signed out everywhere else",
    "Two-step sign-in is off",
    "Saved.",
    "Sharing stopped",
    "is signed out everywhere",
    "two-step sign-in is reset and they are signed out",
    "The invitation is withdrawn",
    "The programme is ended",
    "The practitioner is removed",
    "You are signed out",
    "Alert for",
)
PAGES = [
    ("admin", "practice_admin"),
    ("linked_practitioner", "practice_dashboard"),
    ("anonymous", "login_page"),
    ("client_a", "sharing_page"),
    ("client_b", "account_page"),
    ("client_b", "account_two_factor"),
]


def says_nothing(text: str) -> bool:
    said = unescape(text)
    return "0800" not in said and not any(confirmation in said for confirmation in CONFIRMATIONS)


def test_a_link_puts_no_words_of_its_own_on_a_practitioners_client_page(app: FastAPI, world: World) -> None:
    """The refused prescription's message and a refused note's once were parameters of the page's address."""
    client_page = f"/practice/clients/{world.ids['client']}"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(client_page, params={"error": SPOOF})
        assert page.status_code == 200 and "0800 123 456" not in page.text
        note = [("note_error", str(world.ids["session"])), ("note_error", SPOOF), ("note_error", SPOOF)]
        page = pat.get(client_page, params=note)
        assert page.status_code == 200 and "0800 123 456" not in page.text
        for done in ({"done": "alert-acknowledged"}, {"acknowledged": "severe_pain"}):
            assert says_nothing(pat.get(client_page, params=done).text), done


@pytest.mark.parametrize(("actor", "page"), PAGES)
def test_no_address_makes_a_page_confirm_anything(app: FastAPI, world: World, actor: str, page: str) -> None:
    """The parameters that once carried names and numbers, and every key crest hands on, in the address."""
    path = app.url_path_for(page)
    membership, link = str(world.ids["practitioner_membership"]), str(world.ids["link"])
    queries = [
        {"signed_out": membership, "ended": "99", "two_factor_reset": membership},
        {"ended": "99", "unlinked": "7", "changed": "true", "stopped": link, "off": "true", "saved": "true"},
        {"done": SPOOF},
        *({"done": done.value} for done in Done),
    ]
    with browser(app, world.tokens[actor]) as person:
        for query in queries:
            answer = person.get(path, params=query)
            assert answer.status_code == 200 and says_nothing(answer.text), query


@pytest.mark.parametrize(("actor", "page"), PAGES)
def test_a_notice_crest_did_not_seal_says_nothing(app: FastAPI, world: World, actor: str, page: str) -> None:
    """A cookie planted by someone else (a sibling host over plain HTTP, a shared computer), with any key."""
    path = app.url_path_for(page)
    with browser(app, world.tokens[actor]) as person:
        for value in [*(done.value for done in Done), "practitioner-signed-out:3:999", SPOOF, "password-changed.00"]:
            person.cookies.set(NOTICE.name, value)
            answer = person.get(path)
            assert answer.status_code == 200 and says_nothing(answer.text), value


def test_a_stop_undone_is_not_confirmed_again(app: FastAPI, world: World) -> None:
    """The sharing page confirms a stop only while that sharing is off: crest's own notice, kept and sent again
    once sharing is back on, says nothing."""
    with browser(app, world.tokens["client_a"]) as ann:
        ann.follow_redirects = False
        kept = ann.post(f"/sharing/{world.ids['link']}", data={}).cookies[NOTICE.name]
        ann.follow_redirects = True
        assert "Saved." in ann.post(f"/sharing/{world.ids['link']}", data={"shared": "on"}).text
        ann.cookies.set(NOTICE.name, kept)
        assert says_nothing(ann.get("/sharing").text)


def test_a_change_is_confirmed_once_naming_who_and_how_many(app: FastAPI, world: World) -> None:
    membership = world.ids["practitioner_membership"]
    with browser(app, world.tokens["admin"]) as admin:
        page = admin.post(f"/practice/admin/practitioners/{membership}/sign-out")
        assert "Pat Physio is signed out everywhere: 1 sign-in ended." in page.text
        assert NOTICE.name not in admin.cookies  # the answer that said it ended it
        assert says_nothing(admin.get("/practice/admin").text)  # a reload says nothing
        again = admin.post(f"/practice/admin/practitioners/{membership}/sign-out")
        assert "Pat Physio is signed out everywhere: no sign-in of theirs was open." in again.text
    with browser(app, world.tokens["client_b"]) as ben:
        page = ben.post(
            "/account/password", data={"current_password": PASSWORD, "new_password": "a slow river at dusk"}
        )
        assert "Your password is changed." in page.text
        assert says_nothing(ben.get("/account").text)
        ben.follow_redirects = False
        alone = ben.post("/account/sessions/end-others", data={"password": "a slow river at dusk"})
        assert alone.headers["location"] == "/account#sign-ins-heading"  # where the notice stands on a phone
        page = ben.get("/account")
        assert "Signed out everywhere else: no other sign-in was open." in page.text


def test_a_withdrawal_an_end_and_a_sign_out_are_each_confirmed_once(app: FastAPI, world: World) -> None:
    """Each led back to a page that said nothing: the Clients page unchanged but for a missing line, a plain Sign in
    page."""
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        withdrawn = pat.post(f"/practice/invites/{world.ids['open_invite']}/withdraw")
        assert "The invitation is withdrawn: its link no longer works." in withdrawn.text
        assert withdrawn.url.path == "/practice" and says_nothing(pat.get("/practice").text)
        ended = pat.post(f"/practice/clients/{world.ids['client']}/end")
        said = "The programme is ended: you no longer follow that client, and every record stays theirs."
        assert said in ended.text and says_nothing(pat.get("/practice").text)
    with browser(app, world.tokens["admin"]) as admin:
        admin.post("/practice/admin/invites", data={})
        [invite] = admin.get("/api/practice/invites").json()
        withdrawn = admin.post(f"/practice/invites/{invite['id']}/withdraw")
        assert withdrawn.url.path == "/practice/admin" and "The invitation is withdrawn" in withdrawn.text
    with browser(app, world.tokens["client_a"]) as ann:
        signed_out = ann.post("/logout")
        assert signed_out.url.path == "/login" and "You are signed out." in signed_out.text
        assert says_nothing(ann.get("/login").text)


def test_a_removal_is_confirmed_once_naming_who_was_removed(app: FastAPI, world: World) -> None:
    """The Practice page after "Remove Pat Physio" only no longer listed them (a practice-mode walk-through, L3),
    then said "The practitioner is removed", naming nobody."""
    with browser(app, world.tokens["admin"]) as admin:
        removed = admin.post(f"/practice/admin/practitioners/{world.ids['practitioner_membership']}/remove")
        said = (
            "Pat Physio is removed: they are signed out everywhere, the invitations they sent no longer work, "
            "and their clients keep every record."
        )
        assert removed.url.path == "/practice/admin"
        notice = re.search(
            r'<p class="notice" role="status" tabindex="-1" data-focus-on-load>([^<]*)</p>', removed.text
        )
        assert notice is not None and unescape(notice[1]) == said  # where a screen reader is told it
        assert says_nothing(admin.get("/practice/admin").text)


def test_a_removed_practitioners_name_is_said_as_text(app: FastAPI, world: World) -> None:
    name = 'Zed <b>Ray</b> & "Co"'
    with browser(app, world.tokens["admin"]) as admin:
        code = admin.post("/api/practice/invites", json={"role": "practitioner"}).json()["code"]
        body = {"code": code, "email": "zed@clinic.example", "password": PASSWORD, "name": name, "consent": False}
        assert TestClient(app).post("/api/auth/accept-invite", json=body).status_code == 201
        zed = next(p for p in admin.get("/api/practice/practitioners").json() if p["email"] == "zed@clinic.example")
        removed = admin.post(f"/practice/admin/practitioners/{zed['membership_id']}/remove")
    assert "<b>Ray</b>" not in removed.text and "Zed &lt;b&gt;Ray&lt;/b&gt; &amp; " in removed.text
    assert f"{name} is removed: they are signed out everywhere" in unescape(removed.text)


def test_a_removal_notice_names_no_practitioner_of_another_practice(app: FastAPI, world: World) -> None:
    """The notice's number is sealed by the server; were it another practice's practitioner, their name stays
    theirs."""
    door = app.state.practice_door
    memberships = {}
    for email in ("lee@elsewhere.example", "rae@clinic.example"):  # Rae was removed from the admin's practice
        found = door.accounts._store.account_by_email(email)
        memberships[email] = door.accounts._store.last_ended_membership(found[0].id) or (
            door.accounts._store.live_membership(found[0].id)
        )
    with browser(app, world.tokens["admin"]) as admin:
        for email, said in (("lee@elsewhere.example", None), ("rae@clinic.example", "Rae Removed is removed: ")):
            value = f"{Done.PRACTITIONER_REMOVED.value}:{memberships[email].id}"
            admin.cookies.set(NOTICE.name, f"{value}.{door._seal(NOTICE, value)}")
            page = admin.get("/practice/admin")
            assert page.status_code == 200 and "Lee Elsewhere" not in page.text
            assert says_nothing(page.text) if said is None else said in page.text
