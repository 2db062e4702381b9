"""Thousands of records deleted here since the last sync: crest sync told the practice in one request, which past
about 30,000 uids is over the server's limit on a request (1 MiB): refused, and so at every sync after it, so the
prescription, the notes and "last synced" never came again. Deletions now go in batches, each noted once confirmed."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from crest.services.practice_link import NotThere, PracticeLink
from support.clock import FakeClock
from support.practice_web import InProcess, World, a_rest, link_as_cleo, local_crest

DELETED_HERE = 31_000  # 35 bytes each in the push's JSON: 1.08 MB in one request


class PracticeBeforeTheHeldList(InProcess):
    """A practice from before GET /api/sync/held: what crest noted as sent stands (here, thousands of records it
    never held: the test does not make them first)."""

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        if "/api/sync/held" in url:
            raise NotThere("no crest practice answers at that address")
        return super().__call__(method, url, body, token)


def test_thirty_thousand_deletions_reach_the_practice_and_the_sync_ends(
    app: FastAPI, world: World, tmp_path: Path
) -> None:
    clock = FakeClock()
    home = tmp_path / "home"
    state_file = home / "practice-sync.json"
    with local_crest(home, clock) as local:
        a_rest(local, clock)
        link_as_cleo(app, world, home, local, clock)
        PracticeLink(home, local.sync, clock, InProcess(app)).sync()
        kept = json.loads(state_file.read_text())
        noted = kept | {"sessions": kept["sessions"] | {f"{n:032x}": "f" for n in range(DELETED_HERE)}}
        state_file.write_text(json.dumps(noted))  # as if sent, then deleted here

        result = PracticeLink(home, local.sync, clock, PracticeBeforeTheHeldList(app)).sync()
    assert result.deleted == DELETED_HERE
    assert json.loads(state_file.read_text()) == kept
    synced_at = json.loads((home / "practice-link.json").read_text())["last_sync_at"]
    assert datetime.fromisoformat(synced_at) == clock()  # the sync went to its end
