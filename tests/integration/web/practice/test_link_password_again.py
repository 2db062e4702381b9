"""`crest link` asks again for a password the practice refuses (a practice-mode walk-through, L1), a new account's
or an existing account's: which refusals those are is told from the practice's own answers, by the field they name
as `http_transport` reads it (`refusal_of`), never by their words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.services.practice_link import (
    NotTheAccountsPassword,
    PasswordRefused,
    PracticeLink,
    PracticeUnreachable,
    refusal_of,
)
from support.practice_web import PASSWORD, World, local_crest

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
