"""`crest link` asks again for a password the practice refuses (a practice-mode walk-through, L1): which refusals
those are is told from the practice's own answers, through the words `http_transport` reads from them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.services.practice_link import PasswordRefused, PracticeLink, PracticeUnreachable, refused_in_words
from support.practice_web import PASSWORD, World, local_crest

PRACTICE = "https://practice.test"


class Refusing:
    """The practice app in this process, its refusals raised as `http_transport` raises them (the answer's detail)."""

    def __init__(self, app: FastAPI) -> None:
        self.client = TestClient(app)

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        sent = None if body is None else json.dumps(body)
        answer = self.client.request(
            method, url.removeprefix(PRACTICE), content=sent, headers={"Content-Type": "application/json"}
        )
        if answer.status_code >= 400:
            raise PracticeUnreachable(refused_in_words(answer.status_code, answer.json()["detail"]))
        return answer.json()


@pytest.mark.parametrize("password", ["password1", "Summer2026!", "abcdabcd", "Cleo Clinic", " " * 8 + "x"])
def test_the_practices_refusals_of_a_new_password_are_asked_again_and_the_invitation_still_links(
    app: FastAPI, world: World, tmp_path: Path, password: str
) -> None:
    code = world.invite_codes["no_practice"]
    with local_crest(tmp_path, world.clock) as services:
        linking = PracticeLink(tmp_path, services.sync, world.clock, Refusing(app))
        with pytest.raises(PasswordRefused, match=r"^the practice refused: th(e|at) password "):
            linking.link(PRACTICE, code, "cleo@example.org", password, "Cleo", False, "laptop")
        assert linking.link(PRACTICE, code, "cleo@example.org", PASSWORD, "Cleo", False, "laptop") == "Clinic"


def test_other_refusals_of_linking_are_not_the_passwords(app: FastAPI, world: World, tmp_path: Path) -> None:
    code = world.invite_codes["no_practice"]
    with local_crest(tmp_path, world.clock) as services:
        linking = PracticeLink(tmp_path, services.sync, world.clock, Refusing(app))
        for email, name in (("cleo@example.org", "C" * 300), ("not an email", "Cleo")):
            with pytest.raises(PracticeUnreachable) as refused:
                linking.link(PRACTICE, code, email, PASSWORD, name, False, "laptop")
            assert type(refused.value) is PracticeUnreachable
