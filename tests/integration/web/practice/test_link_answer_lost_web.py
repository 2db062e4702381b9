"""`crest link` whose answer was lost (sync walk-through M4): the practice took the invitation and linked a computer,
but the answer never came, so nobody held that computer's token and the same `crest link` found the invitation
used. The same `crest link` again now links this computer, and the first token ends; for anyone else, with another
key or none, the invitation stays used, and once it has run out it is taken by nobody."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.services.accounts import INVITE_LIFETIME
from crest.services.practice_link import PracticeLink, PracticeRefused, PracticeUnreachable
from support.clock import FakeClock
from support.practice_web import PASSWORD, InProcess, World, local_crest, practice_app

PRACTICE = "https://practice.test"
PENDING_FILE = "practice-link-pending.json"  # the README names it


class AnswerLost(InProcess):
    """The practice handles the acceptance, and its answer never reaches crest (the connection dropped); the
    device tokens it sent, as nobody got them."""

    def __init__(self, app: FastAPI) -> None:
        super().__init__(app)
        self.lost: list[str] = []

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        answer = super().__call__(method, url, body, token)
        if url.endswith("/api/auth/accept-invite"):
            self.lost.append(answer["device_token"])
            raise PracticeUnreachable(
                "cannot reach the practice at https://practice.test (Remote end closed connection without response)"
            )
        return answer


def _link(home: Path, transport: InProcess, code: str, email: str = "cleo@example.org") -> str:
    clock = FakeClock()
    with local_crest(home, clock) as local:
        return PracticeLink(home, local.sync, clock, transport).link(
            PRACTICE, code, email, PASSWORD, "Cleo", False, "laptop"
        )


def _token(home: Path) -> str:
    return str(json.loads((home / "practice-link.json").read_text())["token"])


def _accepted_by_a_crest_without_its_answer(app: FastAPI, home: Path, code: str) -> str:
    """`crest link` in `home`, its answer lost: what it says, and the token the practice sent (and nobody got)."""
    lost = AnswerLost(app)
    with pytest.raises(PracticeUnreachable) as said:
        _link(home, lost, code)
    assert "run the same crest link again on this computer to finish linking it" in str(said.value)
    assert stat.S_IMODE((home / PENDING_FILE).stat().st_mode) == 0o600
    assert code not in (home / PENDING_FILE).read_text()  # the invitation's code is not kept, its key is
    (first,) = lost.lost
    return first


def _sharing(app: FastAPI, token: str) -> int:
    return TestClient(app).get("/api/account/sharing", headers={"Authorization": f"Bearer {token}"}).status_code


def test_the_same_crest_link_again_links_this_computer_and_the_unreceived_token_ends(
    app: FastAPI, world: World, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    code = world.invite_codes["no_practice"]
    first = _accepted_by_a_crest_without_its_answer(app, home, code)
    assert _sharing(app, first) == 200  # the practice linked a computer whose token nobody holds

    assert _link(home, InProcess(app), code) == "Clinic"  # the same crest link again
    assert _token(home) != first and _sharing(app, _token(home)) == 200
    assert _sharing(app, first) == 401  # the first, never received, ends
    assert not (home / PENDING_FILE).exists()


def test_another_crest_or_key_finds_the_invitation_used(app: FastAPI, world: World, tmp_path: Path) -> None:
    code = world.invite_codes["no_practice"]
    first = _accepted_by_a_crest_without_its_answer(app, tmp_path / "home", code)
    with pytest.raises(PracticeUnreachable, match="this invite link is not valid"):
        _link(tmp_path / "another", InProcess(app), code)  # another computer: its own key
    body = {"code": code, "email": "cleo@example.org", "password": PASSWORD, "name": "Cleo", "consent": True}
    with TestClient(app) as anyone:
        for tried in ({"link_key": "k" * 43}, {}):  # another key, or none
            answer = anyone.post("/api/auth/accept-invite", json=body | {"device_name": "laptop"} | tried)
            assert (answer.status_code, answer.json()["detail"]) == (410, NOT_VALID)
        assert anyone.post("/api/auth/accept-invite", json=body).status_code == 410  # in the browser
    assert _sharing(app, first) == 200  # nothing ended by those


def test_the_key_with_another_accounts_password_links_nothing(app: FastAPI, world: World, tmp_path: Path) -> None:
    home = tmp_path / "home"
    code = world.invite_codes["no_practice"]
    first = _accepted_by_a_crest_without_its_answer(app, home, code)
    key = json.loads((home / PENDING_FILE).read_text())["key"]
    body = {"code": code, "password": PASSWORD, "name": "Cleo", "consent": True, "device_name": "laptop"}
    with TestClient(app) as anyone:
        for email, password in (("ben@example.org", PASSWORD), ("cleo@example.org", "not cleo's password")):
            answer = anyone.post(
                "/api/auth/accept-invite", json=body | {"email": email, "password": password, "link_key": key}
            )
            assert answer.status_code in (401, 422) and "device_token" not in answer.text, email
    assert _sharing(app, first) == 200


def test_an_invitation_run_out_is_taken_again_by_nobody(world: World, tmp_path: Path) -> None:
    clock = FakeClock(world.clock())
    app = practice_app(world.copy_to(tmp_path), clock)
    home = tmp_path / "home"
    code = world.invite_codes["no_practice"]
    first = _accepted_by_a_crest_without_its_answer(app, home, code)
    clock.advance(INVITE_LIFETIME.total_seconds() + 1)
    with pytest.raises(PracticeUnreachable, match="this invite link is not valid"):
        _link(home, InProcess(app), code)
    assert not (home / "practice-link.json").exists() and _sharing(app, first) == 200


def test_a_first_token_that_synced_is_never_ended_by_the_key(app: FastAPI, world: World, tmp_path: Path) -> None:
    """Its answer did come after all: the key links nothing more."""
    home = tmp_path / "home"
    code = world.invite_codes["no_practice"]
    first = _accepted_by_a_crest_without_its_answer(app, home, code)
    empty = {"journal": json.dumps({"format": "crest-journal", "version": 1}), "uids": {}}
    pushed = TestClient(app).post("/api/sync/push", json=empty, headers={"Authorization": f"Bearer {first}"})
    assert pushed.status_code == 200, pushed.text
    with pytest.raises(PracticeUnreachable, match="this invite link is not valid"):
        _link(home, InProcess(app), code)
    assert _sharing(app, first) == 200


NOT_VALID = "this invite link is not valid (unknown, already used or expired); ask for a new one"


class OlderPractice(InProcess):
    """A practice from before `link_key`, which refuses it by name as it refuses any field it does not know."""

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        if body is not None and "link_key" in body:
            raise PracticeRefused("the practice refused: link_key: extra inputs are not permitted", 422, ("link_key",))
        return super().__call__(method, url, body, token)


def test_a_practice_from_before_the_key_is_linked_without_it(app: FastAPI, world: World, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _link(home, OlderPractice(app), world.invite_codes["no_practice"]) == "Clinic"
    assert _sharing(app, _token(home)) == 200 and not (home / PENDING_FILE).exists()
