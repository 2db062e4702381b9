"""What the practice holds of one computer's records (GET /api/sync/held), a page at a time (SQLite and PostgreSQL):
every uid once over the pages, in order, each page at most its limit, a computer's copies of another's rests among
them, never another computer's. Before, the whole list was read out at once, however large the journal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from crest.journal.records import CheckIn, PainRating, PsfsActivity
from crest.journal.store import Journal
from crest.journal.vocabulary import CheckInTiming
from crest.services.bundle import Services
from crest.services.sync import Outgoing
from support.practice import Practice, followed_zoe
from support.practice_web import ALL_CLEAR

LAPTOP, DESKTOP = 7, 8
KINDS = ("sessions", "check_ins", "safety_screens", "psfs")
RESTED = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


def _practised(folder: Path, practice: Practice, rests: int) -> tuple[Outgoing, dict[str, list[str]]]:
    """A crest in `folder` with `rests` rests logged, a check-in after each, a safety screen and a PSFS round: what
    it syncs, and its uids by kind, sorted."""
    folder.mkdir()
    with Journal.open(f"sqlite:///{folder / 'crest.db'}", clock=practice.clock) as journal:
        local = Services.over(journal, practice.clock, UTC)
        for day in range(rests):
            session = local.practice.log(RESTED + timedelta(days=day), 15, "standard")
            at = RESTED + timedelta(days=day, minutes=15)
            pain = (PainRating("hip", 3, "left"),)
            local.check_ins.add(CheckIn(at=at, timing=CheckInTiming.AFTER, session_id=session.id, pain=pain))
        local.safety.record(ALL_CLEAR)
        local.daily_activities.record((PsfsActivity("sitting", 6),))
        outgoing = local.sync.outgoing()
        return outgoing, {kind: sorted(outgoing.uids[kind].values()) for kind in KINDS}


def test_every_uid_comes_once_a_page_at_a_time(practice: Practice, tmp_path: Path) -> None:
    _physio, zoe = followed_zoe(practice)
    sent_by: dict[int, dict[str, list[str]]] = {}
    for device, rests in ((LAPTOP, 3), (DESKTOP, 2)):  # the desktop's two rests are the laptop's first two
        outgoing, sent_by[device] = _practised(tmp_path / str(device), practice, rests)
        every = {kind: list(outgoing.uids[kind]) for kind in KINDS}
        practice.practice.receive_sync(zoe, device, *outgoing.batch(every), {})
    assert len(practice.services_for(zoe.person_id).practice.list_sessions()) == 3  # the desktop's two are copies

    for device, limit in ((LAPTOP, 1), (LAPTOP, 2), (LAPTOP, 5), (DESKTOP, 2), (DESKTOP, 100)):
        pages: list[dict[str, list[str]]] = []
        after: str | None = None
        while True:
            page = practice.practice.held_for_device(zoe, device, after, limit)
            pages.append(page.held)
            if page.next is None:
                break
            after = page.next
        assert all(sum(map(len, held.values())) <= limit for held in pages)
        told = [(kind, uid) for held in pages for kind in KINDS for uid in held[kind]]
        # kind by kind, each in order, each once: the desktop's copies of the laptop's rests among its own
        assert told == [(kind, uid) for kind in KINDS for uid in sent_by[device][kind]], (device, limit)
        assert len(pages) == max(1, -(-len(told) // limit))  # no empty page at the end, but for an empty list
