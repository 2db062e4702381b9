"""Every door checks a typed value by the same rule and says what to change in one line, with the form kept: a name
too long on the invitation page (as `crest link` refuses it), an email no mail could reach, and a password link's new
password that is the account's own already (as the Account page refuses it)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from support.practice_web import INVITE_FORMS, ORIGIN, PASSWORD, World, browser

TOO_LONG_NAME = "P" * 5000
UNREACHABLE = {
    "a\x00b@example.org": "The email contains a hidden control character (\\x00) that crest does not keep; delete it "
    "from the email.",
    f"{'a' * 300}@example.org": "The part of the email before the @ has 300 characters; keep it to 64 characters or "
    "fewer.",
}


def _alerts(html: str) -> list[str]:
    return [unescape(text) for text in re.findall(r'role="alert"[^>]*>([^<]*)</p>', html)]


def test_a_name_too_long_on_the_invitation_page_is_refused_in_one_line_and_kept(app: FastAPI, world: World) -> None:
    # The field's maxlength had the browser cut a pasted 5,000-character name to 200 without a word.
    code = world.invite_codes["no_practice"]
    with browser(app) as visitor:
        page = visitor.get(f"/invite/{code}").text
        typed = {"name": TOO_LONG_NAME, "email": "new@example.org", "password": PASSWORD, "consent": "on"}
        refused = visitor.post(f"/invite/{code}", data=typed)
        api = visitor.post("/api/auth/accept-invite", json={**typed, "code": code, "consent": True})
    assert (
        re.search(r'<input id="name" [^>]*>', page)
        and "maxlength" not in re.findall(r'<input id="name"[^>]*>', page)[0]
    )
    assert refused.status_code == 422
    assert _alerts(refused.text) == ["Your name has 5000 characters; keep it to 200 characters or fewer."]
    assert f'value="{TOO_LONG_NAME}"' in refused.text
    assert api.status_code == 422 and "keep it to 200 characters or fewer" in api.json()["detail"]
    with TestClient(app) as nobody:  # no account was made
        assert (
            nobody.post("/api/auth/login", json={"email": "new@example.org", "password": PASSWORD}).status_code == 401
        )


@pytest.mark.parametrize(("actor", "page", "form"), INVITE_FORMS)
@pytest.mark.parametrize("email", UNREACHABLE)
def test_an_invitation_for_an_email_no_mail_reaches_is_refused_in_one_line_and_kept(
    app: FastAPI, world: World, actor: str, page: str, form: str, email: str
) -> None:
    # Both answered 303 and were stored: the NUL one listed as "For ab@example.org", a link nobody could accept.
    with browser(app, world.tokens[actor]) as person:
        before = person.get("/api/practice/invites").json()
        refused = person.post(form, data={"email": email})
        api = person.post(
            "/api/practice/invites",
            json={"role": "client" if form == "/practice/invites" else "practitioner", "email": email},
        )
        after = person.get("/api/practice/invites").json()
    assert refused.status_code == 422 and _alerts(refused.text) == [UNREACHABLE[email]]
    assert re.search(r'<input id="invite-email" [^>]*value="a', refused.text)  # the form kept what was typed
    assert api.status_code == 422 and api.json()["detail"] == UNREACHABLE[email][0].lower() + UNREACHABLE[email][1:-1]
    assert after == before


def test_a_password_link_refuses_the_password_the_account_has_now_and_stays_good(app: FastAPI, world: World) -> None:
    # The link set it, ending every sign-in and linked computer for nothing; the Account page refuses it.
    code = app.state.practice_door.accounts.reset_link_by_operator("ann@example.org").code
    with TestClient(app, headers={"Origin": ORIGIN}) as ann, browser(app, world.tokens["client_a"]) as elsewhere:
        ann.follow_redirects = False
        same = ann.post(f"/reset/{code}", data={"new_password": PASSWORD})
        assert same.status_code == 422
        assert _alerts(same.text) == ["The new password is the one you have now; choose another."]
        assert elsewhere.get("/api/auth/me").status_code == 200  # nobody was signed out
        assert ann.post(f"/reset/{code}", data={"new_password": "a slow morning by the sea"}).status_code == 303
