"""Deleting an account checks the password before anything else (practice walk s56, item 6; OWASP ASVS 5.0: the
person re-authenticates before a sensitive change): a practitioner who still follows clients, with a wrong
password, was answered 409 "you still follow 3 clients", telling whoever held an open session what the account is
before its password was asked. A wrong password is now refused as a wrong password (401, counted and audited); the
right one is then told what comes first."""

from __future__ import annotations

from html import unescape

from fastapi import FastAPI

from crest.services.audit import Audited
from support.practice_web import PASSWORD, World, browser

WRONG = "not the password at all"
NOT_ITS_OWN = "that password is not this account's; nothing was deleted"


def test_a_wrong_password_is_refused_before_what_the_account_is_is_told(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        api = pat.post("/api/account/delete", json={"password": WRONG})
        page = pat.post("/account/delete", data={"password": WRONG})
        right = pat.post("/api/account/delete", json={"password": PASSWORD})
        assert pat.get("/api/practice/clients").status_code == 200  # nothing was deleted
    assert api.status_code == 401 and api.json()["detail"] == NOT_ITS_OWN
    assert page.status_code == 401 and NOT_ITS_OWN[0].upper() + NOT_ITS_OWN[1:] in unescape(page.text)
    assert "still follow" not in api.text + page.text
    assert right.status_code == 409 and right.json()["detail"].startswith("you still follow 1 client")
    denied = app.state.practice_door.audit.entries(Audited.DENIED)
    assert [entry.detail for entry in denied if entry.outcome == "wrong_password"] == ["delete account"] * 2


def test_the_only_administrator_is_asked_the_password_first_too(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["admin"]) as admin:
        answer = admin.post("/api/account/delete", json={"password": WRONG})
    assert answer.status_code == 401 and answer.json()["detail"] == NOT_ITS_OWN
