"""Invitations do not tell which emails have accounts (ASVS 5.0 V6.3, account enumeration): creating one for an
email with an account (in this practice or another) answers as for a new email, and accepting one is refused with
the same status, the same words and the same work (no password hashed or checked) whether the email typed has an
account or not. Only a wrong password for an existing account is told apart, counted and backed off from as at
sign-in: after everything else is right, a new email would simply have joined."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.accounts.passwords import Passwords
from support.documented import assert_each_documented
from support.practice_web import ORIGIN, PASSWORD, World, browser

HAVE_ACCOUNTS = ("ann@example.org", "pat@clinic.example", "lee@elsewhere.example")  # a client, a colleague, elsewhere
NEW = "nobody-yet@example.org"
WRONG = "not the password of anyone"


@pytest.fixture
def password_work(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each password hashed or checked, so that a refusal's path can be compared, not only its words."""
    done: list[str] = []
    hash_, matches = Passwords.hash, Passwords.matches

    def counted_hash(self: Passwords, password: str) -> str:
        done.append("hash")
        return hash_(self, password)

    def counted_matches(self: Passwords, stored_hash: str | None, password: str) -> bool:
        done.append("check")
        return matches(self, stored_hash, password)

    monkeypatch.setattr(Passwords, "hash", counted_hash)
    monkeypatch.setattr(Passwords, "matches", counted_matches)
    return done


def _invite(app: FastAPI, world: World, email: str | None = None) -> str:
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        return str(pat.post("/api/practice/invites", json={"role": "client", "email": email}).json()["code"])


def _answers(app: FastAPI, code: str, email: str, password: str, name: str) -> tuple[Any, ...]:
    """The invite page's and the API's answers to one try: status and words, nothing that names the email."""
    form = {"email": email, "password": password, "name": name, "consent": "on"}
    body = {"code": code, "email": email, "password": password, "name": name, "consent": True}
    with TestClient(app) as outsider:
        page = outsider.post(f"/invite/{code}", data=form)
        api = outsider.post("/api/auth/accept-invite", json=body)
    said = re.search(r'<p id="invite-error" class="notice danger" role="alert" [^>]*>([^<]*)</p>', page.text)
    return page.status_code, said.group(1) if said else page.text[:200], api.status_code, api.json()


@pytest.mark.parametrize(
    ("password", "name", "said"),
    [
        ("short", "Someone", "The password has 5 characters; choose at least 8"),
        ("password123", "Someone", "That password is one of the most common ones"),
        (WRONG, "", "Your name is empty"),
    ],
    ids=["short password", "common password", "no name"],
)
def test_accepting_is_refused_alike_whether_or_not_the_email_has_an_account(
    app: FastAPI, world: World, password_work: list[str], password: str, name: str, said: str
) -> None:
    code = _invite(app, world)
    expected = _answers(app, code, NEW, password, name)
    assert expected[0] == 422 and expected[1].startswith(said), expected
    for email in HAVE_ACCOUNTS:
        assert _answers(app, code, email, password, name) == expected, email
    assert password_work == []  # the same path: no password hashed or checked for anyone


def test_an_invite_for_one_email_refuses_any_other_alike(app: FastAPI, world: World, password_work: list[str]) -> None:
    code = _invite(app, world, "chosen@example.org")
    expected = _answers(app, code, NEW, WRONG, "Someone")
    assert expected[0] == 422 and expected[1].startswith("This invite was sent to another email address"), expected
    for email in HAVE_ACCOUNTS:
        assert _answers(app, code, email, WRONG, "Someone") == expected, email
    assert password_work == []


def test_only_a_wrong_password_for_an_account_is_told_and_it_backs_off(app: FastAPI, world: World) -> None:
    code = _invite(app, world)
    page_status, said, api_status, _ = _answers(app, code, "ann@example.org", WRONG, "Ann")
    assert (page_status, api_status) == (401, 401) and said.startswith("There is already an account for this email")
    for _ in range(5):
        _answers(app, code, "ann@example.org", WRONG, "Ann")
    assert _answers(app, code, "ann@example.org", PASSWORD, "Ann")[0] == 429


def test_inviting_an_email_with_an_account_answers_as_for_a_new_one(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        pages = {email: pat.post("/practice/invites", data={"email": email}) for email in (NEW, *HAVE_ACCOUNTS)}
        api = {email: pat.post("/api/practice/invites", json={"role": "client", "email": email}) for email in pages}
    codes = re.compile(r"/invite/[\w-]+")
    # the list of one's own invitations grows with each: it names what was typed, never whether it has an account
    made = re.compile(r'<section class="card narrow" aria-labelledby="open-invites-heading">.*?</section>', re.S)
    seen = {(page.status_code, codes.sub("/invite/CODE", made.sub("", page.text))) for page in pages.values()}
    assert len(seen) == 1 and next(iter(seen))[0] == 200  # after the 303 to the page that shows the link
    assert {(answer.status_code, tuple(sorted(answer.json()))) for answer in api.values()} == {
        (201, ("code", "expires_at", "url"))
    }


@pytest.mark.parametrize(("actor", "nav"), [("anonymous", ">Sign in</a>"), ("linked_practitioner", ">Clients</a>")])
def test_a_refused_invite_form_has_the_navigation_of_whoever_asks(
    app: FastAPI, world: World, actor: str, nav: str
) -> None:
    """The form shown again after an error: a visitor sees Sign in, never a client's Today, Session, ..."""
    code = _invite(app, world)
    with browser(app, world.tokens[actor]) as person:
        refused = person.post(f"/invite/{code}", data={"email": NEW, "password": "password123", "name": "New"})
    assert refused.status_code == 422 and "Traceback" not in refused.text
    assert nav in refused.text and ">Today</a>" not in refused.text


def test_every_answer_accepting_gives_is_documented_as_it_is_sent(app: FastAPI, world: World) -> None:
    """Each status the API's accept-invite answers, walked through (backing off, 429, was missing from its
    document): documented, with the body its document names, and a 429 with the Retry-After it names."""
    with browser(app, world.tokens["admin"]) as admin:
        colleague = admin.post("/api/practice/invites", json={"role": "practitioner"}).json()["code"]
    ann = {"code": _invite(app, world), "email": "ann@example.org", "name": "Ann", "consent": True}
    tries = [
        {**ann, "email": NEW, "password": "short"},  # a new account's password refused
        {**ann, "code": colleague, "email": NEW, "password": PASSWORD, "device_name": "laptop"},  # no computer
        {**ann, "code": colleague, "email": "ben@example.org", "password": PASSWORD},  # a client already
        {**ann, "code": "no-such-code", "password": PASSWORD},
        *[{**ann, "password": WRONG}] * 6,  # not the account's password, then backing off
        {**ann, "email": NEW, "password": PASSWORD},
    ]
    with TestClient(app) as anyone:
        answers = [anyone.post("/api/auth/accept-invite", json=body) for body in tries]
    assert [answer.status_code for answer in answers] == [422, 403, 409, 410, *[401] * 5, 429, 201]
    assert_each_documented(app.openapi(), "/api/auth/accept-invite", answers)


def _field(page: str, name: str) -> str:
    """The `<input>` tag of the field `name`."""
    found = re.search(rf'<input [^>]*name="{name}"[^>]*>', page)
    assert found, name
    return found.group(0)


@pytest.mark.parametrize(
    ("typed", "refused"),
    [
        ({"name": "", "email": NEW, "password": PASSWORD}, "name"),
        ({"name": "New", "email": "not an address", "password": PASSWORD}, "email"),
        ({"name": "New", "email": NEW, "password": "short"}, "password"),
        ({"name": "Ann", "email": "ann@example.org", "password": WRONG}, "password"),
        ({"name": "New", "email": NEW, "password": PASSWORD, "consent": ""}, "consent"),
    ],
    ids=["no name", "no email address", "short password", "not the account's password", "no consent"],
)
def test_the_invite_page_marks_its_required_fields_and_the_one_refused(
    app: FastAPI, world: World, typed: dict[str, str], refused: str
) -> None:
    """The consent page marked no field as required or refused (practice walk-through): a screen reader heard the
    refusal, then no field said it was the one to change, nor that it must be filled."""
    code = _invite(app, world)
    required = ("name", "email", "password", "consent")
    with TestClient(app) as visitor:
        form = visitor.get(f"/invite/{code}").text
        for name in required:
            assert " required" in _field(form, name) and 'aria-required="true"' in _field(form, name), name
            assert "aria-invalid" not in _field(form, name), name
        page = visitor.post(f"/invite/{code}", data={"consent": "on", **typed})
    assert page.status_code in (401, 422) and 'id="invite-error"' in page.text
    for name in required:
        field = _field(page.text, name)
        assert 'aria-required="true"' in field, name
        marked = 'aria-invalid="true"' in field and re.search(r'aria-describedby="invite-error\b', field) is not None
        assert marked == (name == refused), (name, field)


def test_a_wrong_code_marks_the_code_field(app: FastAPI, world: World) -> None:
    """An existing account with two-step sign-in: the field that asks for its code, marked when it is refused."""
    code = _invite(app, world)
    typed = {"name": "Rae", "email": "rae@clinic.example", "password": PASSWORD, "consent": "on"}  # removed, app kept
    with TestClient(app) as visitor:
        asked = visitor.post(f"/invite/{code}", data=typed)
        wrong = visitor.post(f"/invite/{code}", data={**typed, "second_factor_code": "000000"})
    for page in (asked, wrong):
        assert page.status_code == 401
        field = _field(page.text, "second_factor_code")
        assert 'aria-required="true"' in field and 'aria-invalid="true"' in field
        assert 'aria-describedby="invite-error second-factor-code-hint"' in field
        assert "aria-invalid" not in _field(page.text, "password")


def test_a_page_backing_off_says_how_long_to_wait_as_the_sign_in_page_does(app: FastAPI, world: World) -> None:
    """The invitation page's 429 (wrong passwords for an existing account) and the reset page's (wrong codes) sent
    no Retry-After, where the sign-in page's did: each says how long to wait, in its header and its words."""
    reset_link = app.state.practice_door.accounts.reset_link_by_operator("pat@clinic.example").code
    forms = {
        "/login": {"email": "lee@elsewhere.example", "password": WRONG},
        f"/invite/{_invite(app, world)}": {
            "email": "ann@example.org",
            "password": WRONG,
            "name": "Ann",
            "consent": "on",
        },
        f"/reset/{reset_link}": {"new_password": "a slow morning by the sea", "second_factor_code": "000000"},
    }
    for path, form in forms.items():
        with TestClient(app, headers={"Origin": ORIGIN}) as visitor:
            answers = [visitor.post(path, data=form) for _ in range(6)]
        assert [answer.status_code for answer in answers] == [401] * 5 + [429], path
        waiting = answers[-1]
        assert int(waiting.headers["retry-after"]) > 0, path
        said = waiting.text.lower()
        assert "too many wrong" in said and "wait" in said and "traceback" not in said, path
