"""A sync that failed after its push (the prescription or the notes unreadable, or the connection lost) said only
the failure, so the person could not tell that their records had reached the practice (sync walk-through L6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from crest.errors import CrestError
from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import InProcess, World, a_rest, link_as_cleo, local_crest


class NotesBroken(InProcess):
    """The practice, but its notes on the sessions are of a shape crest does not keep."""

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        answer = super().__call__(method, url, body, token)
        return "no notes today" if url.endswith("/api/sync/notes") else answer


def test_a_sync_whose_notes_fail_after_its_push_says_the_records_went(
    app: FastAPI, world: World, tmp_path: Path
) -> None:
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        a_rest(local, clock)
        link_as_cleo(app, world, home, local, clock)
        with pytest.raises(CrestError) as failed:
            PracticeLink(home, local.sync, clock, NotesBroken(app)).sync()
        assert failed.value.message.startswith("the practice sent notes on your sessions that crest will not keep")
        assert failed.value.message.endswith(
            "Your records did reach the practice (1 session, 1 safety screen); run crest sync again for your "
            "prescription and your practitioners' notes"
        )
        assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().sent == {}  # none sent twice
