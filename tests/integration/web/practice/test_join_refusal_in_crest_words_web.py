"""`crest link URL CODE` on a crest linked to the practice's server, with an invitation its account may not take,
says what to do in a terminal (practice walk s56, item 4): another practice's invitation (one server can hold
several) was refused with the browser's advice, "sign out, then open the invitation again", where the README says
one of another practice needs `crest unlink` first. POST /api/sync/join, which only a linked crest calls, now says
that; the invitation's page in a browser still says to sign out."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI

from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import InProcess, World, browser, link_as_cleo, local_crest, sams_clients, sams_invite

URL = "https://practice.test"
UNLINK_FIRST = "run crest unlink first, then crest link with the invitation to accept it with the account it is for"


def _lees_invite(app: FastAPI, world: World) -> str:
    """A client invitation of Lee's, a practitioner of another practice on the same server."""
    with browser(app, world.tokens["other_practice_practitioner"]) as lee:
        made = lee.post("/api/practice/invites", json={"role": "client"})
        assert made.status_code == 201, made.text
        return str(made.json()["code"])


@pytest.mark.parametrize("invitation", ["another practice's", "for another email"])
def test_a_linked_crest_is_told_to_unlink_first_not_to_sign_out(
    app: FastAPI, world: World, tmp_path: Path, invitation: str
) -> None:
    clock = FakeClock(world.clock())
    home = tmp_path / "cleo"
    with local_crest(home, clock) as local:
        link_as_cleo(app, world, home, local, clock)
        if invitation == "another practice's":
            code = _lees_invite(app, world)
        else:
            code = sams_invite(app, world, email="someone.else@example.org")
        with pytest.raises(Exception) as refused:
            PracticeLink(home, local.sync, clock, InProcess(app)).join(URL, code, share_notes=False)
    said = str(refused.value)
    assert UNLINK_FIRST in said, said
    if invitation == "another practice's":  # the account named as the terminal knows it: by its link
        assert "this computer is linked to cleo@example.org, a client of Clinic; run crest unlink first" in said
    assert "sign out" not in said and "open the invitation" not in said
    assert "Cleo" not in sams_clients(app, world)


def test_the_invitations_page_still_tells_a_browser_to_sign_out(app: FastAPI, world: World) -> None:
    code = _lees_invite(app, world)
    with browser(app, world.tokens["client_a"]) as ann:
        page = ann.get(f"/invite/{code}").text
    assert "sign out, then open the invitation again" in page.replace("&#39;", "'")
