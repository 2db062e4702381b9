"""A sign-in refused for a wrong two-step code reads as refused in the account's own activity (practice walk s56,
item 2): the right password with a wrong code was listed as "signed in (wrong code)" on the Account page and in
GET /api/account/activity, where the password-link page's same refusal read "was refused (wrong code)"."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from support.practice_web import PASSWORD, World, browser

PAT = "pat@clinic.example"


def test_a_wrong_code_after_the_right_password_reads_as_a_refused_sign_in(app: FastAPI, world: World) -> None:
    with TestClient(app) as fresh:
        body = {"email": PAT, "password": PASSWORD, "second_factor_code": "000000"}
        assert fresh.post("/api/auth/login", json=body).status_code == 401
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get("/account").text
        [refused] = [entry for entry in pat.get("/api/account/activity").json() if entry["outcome"] != "ok"]
    assert "a sign-in was refused (wrong code), from testclient" in page
    assert "signed in (wrong code)" not in page
    assert refused["what"] == "a sign-in was refused" and refused["outcome"] == "wrong_code"
