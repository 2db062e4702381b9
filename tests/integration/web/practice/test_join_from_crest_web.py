"""`crest link URL CODE` from a crest linked to that practice already joins a second practitioner there: before, it
refused ("this crest is linked to a practice already; run crest unlink first"), and unlinking stopped sharing with
the first. The linked computer's token takes the invitation for its account (POST /api/sync/join), asked only the
consent, and the link stays as it is. ASVS 5.0 L2: the invitation stays single-use, one sent to another email is
not taken, and a browser is not answered (it accepts on the invitation's page)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.services.practice_link import PracticeLink, PracticeUnreachable
from support.clock import FakeClock
from support.practice_web import InProcess, World, browser, link_as_cleo, local_crest, sams_clients, sams_invite

URL = "https://practice.test"


def test_a_linked_crest_joins_a_second_practitioner_of_its_practice(app: FastAPI, world: World, tmp_path: Path) -> None:
    clock = FakeClock(world.clock())
    home = tmp_path / "cleo"
    with local_crest(home, clock) as local:
        link_as_cleo(app, world, home, local, clock)
        linked = json.loads((home / "practice-link.json").read_text())
        code = sams_invite(app, world)
        linking = PracticeLink(home, local.sync, clock, InProcess(app))

        offer = linking.invite(URL, code)
        assert (offer.invited_by, offer.practice) == ("Sam Second", "Clinic")
        assert linking.join(URL, code, share_notes=False) == "Clinic"
        assert "Cleo" in sams_clients(app, world)
        assert json.loads((home / "practice-link.json").read_text()) == linked  # the same link, the same token

        with pytest.raises(PracticeUnreachable, match="already used or expired"):  # single-use
            linking.join(URL, code, share_notes=False)
        elsewhere = sams_invite(app, world, email="someone.else@example.org")
        with pytest.raises(PracticeUnreachable, match="another email"):  # that email's, and still good for it
            linking.join(URL, elsewhere, share_notes=False)
        linking.sync()  # the link goes on
    with TestClient(app) as http:
        token = {"Authorization": f"Bearer {linked['token']}"}
        assert http.get("/api/sync/held", headers=token).status_code == 200


def test_a_crest_linked_to_another_practice_is_refused_before_anything_is_asked(
    app: FastAPI, world: World, tmp_path: Path
) -> None:
    clock = FakeClock(world.clock())
    home = tmp_path / "cleo"
    with local_crest(home, clock) as local:
        link_as_cleo(app, world, home, local, clock)
        asked: list[str] = []

        def transport(method: str, url: str, body: object, token: str | None) -> None:
            asked.append(url)

        linking = PracticeLink(home, local.sync, clock, transport)
        with pytest.raises(Exception, match="linked to a practice already; run crest unlink first"):
            linking.invite("https://elsewhere.test", "code")
        assert asked == []


def test_a_browser_is_not_answered_and_the_invitation_stays_good(app: FastAPI, world: World) -> None:
    code = sams_invite(app, world)
    with browser(app, world.tokens["client_a"]) as ann:
        refused = ann.post("/api/sync/join", json={"code": code, "consent": True})
        assert refused.status_code == 404
        assert refused.json() == {"detail": "this request was not signed by a linked computer"}
    assert "Ann" not in sams_clients(app, world)
    with TestClient(app) as http:  # no token: nobody
        assert http.post("/api/sync/join", json={"code": code, "consent": True}).status_code == 401
