"""`crest link` asks again for a password the practice refuses (a practice-mode walk-through, L1), a new account's
or an existing account's, and for the code of an account with two-step sign-in: which refusals those are is told
from the practice's own answers, by the field they name or their `code` as `http_transport` reads them
(`refusal_of`), never by their words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.services.practice_answers import SECOND_FACTOR_NEEDED
from crest.services.practice_link import (
    NotTheAccountsPassword,
    PasswordRefused,
    PracticeLink,
    PracticeUnreachable,
    SecondFactorAsked,
    refusal_of,
)
from crest.web.api import auth
from support.practice_web import PASSWORD, World, local_crest, set_up_two_factor

PRACTICE = "https://practice.test"


class Refusing:
    """The practice app in this process, its refusals raised as `http_transport` raises them."""

    def __init__(self, app: FastAPI) -> None:
        self.client = TestClient(app)

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        sent = None if body is None else json.dumps(body)
        answer = self.client.request(
            method, url.removeprefix(PRACTICE), content=sent, headers={"Content-Type": "application/json"}
        )
        if answer.status_code >= 400:
            raise refusal_of(answer.status_code, answer.content)
        return answer.json()


@pytest.mark.parametrize("password", ["password1", "Summer2026!", "abcdabcd", "Cleo Clinic", " " * 8 + "x"])
def test_the_practices_refusals_of_a_new_password_are_asked_again_and_the_invitation_still_links(
    app: FastAPI, world: World, tmp_path: Path, password: str
) -> None:
    code = world.invite_codes["no_practice"]
    with local_crest(tmp_path, world.clock) as services:
        linking = PracticeLink(tmp_path, services.sync, world.clock, Refusing(app))
        with pytest.raises(PasswordRefused, match=r"^the practice refused: th(e|at) password ") as refused:
            linking.link(PRACTICE, code, "cleo@example.org", password, "Cleo", False, "laptop")
        assert not isinstance(refused.value, NotTheAccountsPassword)
        assert linking.link(PRACTICE, code, "cleo@example.org", PASSWORD, "Cleo", False, "laptop") == "Clinic"


def test_other_refusals_of_linking_are_not_the_passwords(app: FastAPI, world: World, tmp_path: Path) -> None:
    code = world.invite_codes["no_practice"]
    with local_crest(tmp_path, world.clock) as services:
        linking = PracticeLink(tmp_path, services.sync, world.clock, Refusing(app))
        for email, name in (("cleo@example.org", "C" * 300), ("not an email", "Cleo")):
            with pytest.raises(PracticeUnreachable) as refused:
                linking.link(PRACTICE, code, email, PASSWORD, name, False, "laptop")
            assert not isinstance(refused.value, PasswordRefused)


def test_an_existing_accounts_wrong_password_is_its_own_refusal_and_the_invitation_still_links(
    app: FastAPI, world: World, tmp_path: Path
) -> None:
    """Ben has an account (Sam's client); Pat's invitation takes his own password, not another."""
    code = world.invite_codes["client_b"]
    with local_crest(tmp_path, world.clock) as services:
        linking = PracticeLink(tmp_path, services.sync, world.clock, Refusing(app))
        with pytest.raises(NotTheAccountsPassword, match=r"^the practice refused: there is already an account for "):
            linking.link(PRACTICE, code, "ben@example.org", "not what Ben chose", "Ben", False, "laptop")
        assert linking.link(PRACTICE, code, "ben@example.org", PASSWORD, "Ben", False, "laptop") == "Clinic"


def test_the_practice_asking_for_the_code_is_told_by_its_code_whatever_its_words(
    app: FastAPI, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ben has two-step sign-in: his password alone links nothing. crest link told the practice's request for his
    app's code by its sentence; worded otherwise, it is still told, by the answer's `code`."""
    set_up_two_factor(app, world.tokens["client_b"])
    monkeypatch.setattr(auth, "CODE_ASKED", "two-step sign-in is on for this account")
    code = world.invite_codes["client_b"]
    with local_crest(tmp_path, world.clock) as services:
        linking = PracticeLink(tmp_path, services.sync, world.clock, Refusing(app))
        with pytest.raises(SecondFactorAsked, match=r"^the practice refused: two-step sign-in is on for this account"):
            linking.link(PRACTICE, code, "ben@example.org", PASSWORD, "Ben", False, "laptop")
    with TestClient(app) as anyone:  # signing in with the password alone is refused alike
        signing_in = anyone.post("/api/auth/login", json={"email": "ben@example.org", "password": PASSWORD})
    assert signing_in.status_code == 401 and signing_in.json()["code"] == SECOND_FACTOR_NEEDED
    assert signing_in.json()["detail"].startswith("two-step sign-in is on for this account")


def test_the_api_document_names_the_refusals_code(app: FastAPI) -> None:
    """Where a code may be asked, the 401's model says `code` and its one value, for a program to act on."""
    schema = app.openapi()
    for path in ("/api/auth/login", "/api/auth/accept-invite", "/api/auth/password-reset"):
        refusal = schema["paths"][path]["post"]["responses"]["401"]["content"]["application/json"]["schema"]
        model = schema["components"]["schemas"][refusal["$ref"].rsplit("/", 1)[1]]
        [named] = [option["const"] for option in model["properties"]["code"]["anyOf"] if "const" in option]
        assert named == SECOND_FACTOR_NEEDED, path
        assert "second_factor_code" in model["properties"]["code"]["description"]


def test_the_api_document_names_the_field_of_a_refused_password(app: FastAPI, world: World) -> None:
    """accept-invite's refusals of a password name it among `errors` (2c6015e), and the 401's document said only
    `detail`: an existing account's wrong password (401) and a new account's refused one (422) are each answered as
    documented, `errors` included."""
    schema = app.openapi()
    documented = schema["paths"]["/api/auth/accept-invite"]["post"]["responses"]
    invitation = {"code": world.invite_codes["client_b"], "name": "Ben", "consent": True}
    with TestClient(app) as anyone:
        not_bens = anyone.post(
            "/api/auth/accept-invite", json={**invitation, "email": "ben@example.org", "password": "not what Ben chose"}
        )
        too_common = anyone.post(
            "/api/auth/accept-invite", json={**invitation, "email": "cleo@example.org", "password": "password1"}
        )
    for answer in (not_bens, too_common):
        refusal = documented[str(answer.status_code)]["content"]["application/json"]["schema"]
        model = schema["components"]["schemas"][refusal["$ref"].rsplit("/", 1)[1]]
        problem = schema["components"]["schemas"][model["properties"]["errors"]["items"]["$ref"].rsplit("/", 1)[1]]
        assert {"field", "label", "message"} <= set(problem["required"]), answer.status_code
        validator = jsonschema_rs.Draft202012Validator({**refusal, "components": schema["components"]})
        assert validator.is_valid(answer.json()), answer.json()
        assert [error["field"] for error in answer.json()["errors"]] == ["password"]
    assert (not_bens.status_code, too_common.status_code) == (401, 422)
