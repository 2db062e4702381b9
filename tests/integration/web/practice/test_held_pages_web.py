"""GET /api/sync/held a page at a time: crest sync follows the pages (`next`) to the end, so a crest whose
practice-sync.json was deleted sends nothing again and deletes there what it deleted here; the practice answers no
more than its page (HELD_PER_PAGE) whatever is asked; a crest from before pages, which asks without `limit`, is
answered whole while the list fits on a page, else told in one line to update. Before, every uid went in one answer,
however large the journal. The page is made small here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.journal.records import CheckIn, PainRating, PsfsActivity
from crest.journal.vocabulary import CheckInTiming, Region, Side
from crest.services import practice_link
from crest.services.practice_link import PracticeLink
from crest.web.api import sync as sync_routes
from support.clock import FakeClock
from support.practice_web import InProcess, World, a_rest, link_as_cleo, local_crest

KINDS = ("sessions", "check_ins", "safety_screens", "psfs")


class Counted(InProcess):
    """The practice in this process, each GET /api/sync/held it was asked noted."""

    def __init__(self, app: FastAPI) -> None:
        super().__init__(app)
        self.held_asked: list[str] = []

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        if "/api/sync/held" in url:
            self.held_asked.append(url.split("/api/sync/held", 1)[1])
        return super().__call__(method, url, body, token)


def _token(home: Path) -> dict[str, str]:
    return {"Authorization": f"Bearer {json.loads((home / 'practice-link.json').read_text())['token']}"}


@pytest.fixture
def linked(app: FastAPI, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A crest linked as Cleo that synced 3 rests, a check-in after each and a PSFS round (8 records with its
    safety screen), pages of 3 at the practice and 2 asked by crest."""
    monkeypatch.setattr(sync_routes, "HELD_PER_PAGE", 3)
    monkeypatch.setattr(practice_link, "HELD_PER_PAGE", 2)
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        for _ in range(3):
            session_id = a_rest(local, clock)
            pain = (PainRating(Region.HIP, 3, Side.LEFT),)
            local.check_ins.add(CheckIn(at=clock(), timing=CheckInTiming.AFTER, session_id=session_id, pain=pain))
        local.daily_activities.record((PsfsActivity("sitting", 6),))
        link_as_cleo(app, world, home, local, clock)
        assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().sent == {
            "sessions": 3,
            "check_ins": 3,
            "safety_screens": 1,
            "psfs": 1,
        }
    return home


def test_crest_sync_follows_every_page(app: FastAPI, linked: Path) -> None:
    clock = FakeClock()
    with local_crest(linked, clock) as local:
        local.check_ins.delete(local.check_ins.list_check_ins()[-1].id or 0)
        transport = Counted(app)
        result = PracticeLink(linked, local.sync, clock, transport).sync()
        # what crest noted is kept only for what the pages list (8 records in pages of 2): every page read, nothing
        # sent again but the safety screen answered on opening, and the deleted check-in told deleted
        assert (result.sent, result.deleted) == ({"safety_screens": 1}, 1)
        assert len(transport.held_asked) == 4 and transport.held_asked[0] == "?limit=2"
        assert all(asked.startswith("?limit=2&after=") for asked in transport.held_asked[1:])
        again = PracticeLink(linked, local.sync, clock, InProcess(app)).sync()
        assert (again.sent, again.deleted) == ({}, 0)


def test_the_practice_answers_no_more_than_its_page(app: FastAPI, linked: Path) -> None:
    with TestClient(app) as http:
        told: list[str] = []
        after = ""
        while True:
            page = http.get(f"/api/sync/held?limit=100{after}", headers=_token(linked)).json()
            uids = [uid for kind in KINDS for uid in page[kind]]
            assert 0 < len(uids) <= 3
            told += uids
            if page["next"] is None:
                break
            after = f"&after={page['next']}"
        assert len(told) == len(set(told)) == 8


def test_a_crest_from_before_pages_is_answered_whole_or_told_to_update(
    app: FastAPI, linked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(app) as http:
        refused = http.get("/api/sync/held", headers=_token(linked))
        assert refused.status_code == 409
        assert refused.json() == {
            "detail": "this practice lists the records a computer sent 3 at a time, and this crest reads the list "
            "only whole; update crest on this computer, then run crest sync again"
        }
        monkeypatch.setattr(sync_routes, "HELD_PER_PAGE", 8)  # the list fits on a page: answered whole, as before
        whole = http.get("/api/sync/held", headers=_token(linked)).json()
        assert [len(whole[kind]) for kind in KINDS] == [3, 3, 1, 1] and whole["next"] is None


@pytest.mark.parametrize("after", ["sessions", "notes:" + "a" * 32, "sessions:" + "A" * 32, "sessions:x"])
def test_a_cursor_crest_never_made_is_refused_in_one_line(app: FastAPI, linked: Path, after: str) -> None:
    with TestClient(app) as http:
        refused = http.get(f"/api/sync/held?limit=2&after={after}", headers=_token(linked))
        assert refused.status_code == 422
        assert "\n" not in refused.json()["detail"]
