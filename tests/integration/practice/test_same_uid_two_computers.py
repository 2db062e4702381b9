"""The same journal on two (or three) computers of one person, its records under the same uids (crest.db copied to
the second, or an export that keeps the uids imported there), each syncing to the practice (SQLite and PostgreSQL):
each record is held once, so the practitioner counts one rest; each computer is told every one of them as its own
(GET /api/sync/held), so neither sends any again; and a deletion stays each computer's own: the practice keeps the
record till every computer that sent it has deleted it. Before, the row moved to whichever computer pushed it last:
the other was no longer told it, sent it again at its next sync (and so on, at every sync of either), and its
deletion removed the record though the other computer still held it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crest.accounts.model import Client
from crest.journal.records import CheckIn, JournalContents, PainRating, PsfsActivity
from crest.journal.store import Journal
from crest.journal.transfer.json_format import export_json
from crest.journal.vocabulary import CheckInTiming
from crest.services.accounts import token_hash
from crest.services.bundle import Services
from crest.services.sync import HELD_PER_PAGE, KINDS
from support.practice import Practice, followed_zoe
from support.practice_web import ALL_CLEAR

RESTED = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)  # two days before the practice's clock (support.clock.START)


@contextmanager
def _computer(folder: Path, practice: Practice) -> Iterator[Services]:
    with Journal.open(f"sqlite:///{folder / 'crest.db'}", clock=practice.clock) as journal:
        yield Services.over(journal, practice.clock, UTC)


def _journal(folder: Path, practice: Practice) -> None:
    """A rest logged with a check-in after it, safety answers and a PSFS round, in a crest in `folder`."""
    folder.mkdir()
    with _computer(folder, practice) as local:
        session = local.practice.log(RESTED, 15, "standard")
        at = RESTED + timedelta(minutes=15)
        pain = (PainRating("hip", 3, "left"),)
        local.check_ins.add(CheckIn(at=at, timing=CheckInTiming.AFTER, session_id=session.id, pain=pain))
        local.safety.record(ALL_CLEAR)
        local.daily_activities.record((PsfsActivity("sitting", 6),))


def _copied(source: Path, folder: Path) -> None:
    folder.mkdir()
    shutil.copy(source / "crest.db", folder / "crest.db")


def _linked(practice: Practice, zoe: Client, computers: int) -> list[int]:
    """`computers` of Zoe's computers linked (`crest link`): their device ids."""
    account = practice.store.account(zoe.account_id)
    assert account is not None
    tokens = [practice.accounts.link_device(zoe, account, "pc") for _ in range(computers)]
    devices = [practice.store.device(token_hash(token)) for token in tokens]
    return [device.id for device in devices if device is not None]


def _told(practice: Practice, zoe: Client, device: int) -> dict[str, list[str]]:
    return practice.practice.held_for_device(zoe, device, None, HELD_PER_PAGE).held


def _sync(practice: Practice, zoe: Client, device: int, folder: Path) -> dict[str, int]:
    """`crest sync` of what this computer holds and the practice does not tell it it holds: what it sent."""
    told = _told(practice, zoe, device)
    with _computer(folder, practice) as local:
        outgoing = local.sync.outgoing()
    unsent = {kind: [i for i, uid in outgoing.uids[kind].items() if uid not in told[kind]] for kind in KINDS}
    if any(unsent.values()):
        practice.practice.receive_sync(zoe, device, *outgoing.batch(unsent), {})
    return {kind: len(ids) for kind, ids in unsent.items() if ids}


def _delete_everything(practice: Practice, zoe: Client, device: int, folder: Path) -> int:
    """The person deletes every record on this computer, which syncs: how many the practice says it deleted."""
    with _computer(folder, practice) as local:
        uids = local.sync.outgoing().uids
    gone = {kind: list(uids[kind].values()) for kind in KINDS}
    (folder / "crest.db").unlink()
    (folder / "deleted.json").write_text(json.dumps(gone))
    return practice.practice.receive_sync(zoe, device, export_json(JournalContents()), {}, gone)[1]


def _told_deleted_again(practice: Practice, zoe: Client, device: int, folder: Path) -> int:
    gone = json.loads((folder / "deleted.json").read_text())
    return practice.practice.receive_sync(zoe, device, export_json(JournalContents()), {}, gone)[1]


def _own(practice: Practice, folder: Path) -> dict[str, list[str]]:
    with _computer(folder, practice) as local:
        uids = local.sync.outgoing().uids
    return {kind: sorted(uids[kind].values()) for kind in KINDS}


def _held_there(practice: Practice, zoe: Client) -> list[int]:
    """How many records of each kind the practice holds of Zoe, but for the safety answers of linking her."""
    held = practice.services_for(zoe.person_id).sync.outgoing().uids
    return [len(held[kind]) for kind in KINDS]


def test_the_same_journal_on_two_computers_is_held_once_and_sent_once(practice: Practice, tmp_path: Path) -> None:
    physio, zoe = followed_zoe(practice)
    [laptop_id, desktop_id, tablet_id] = _linked(practice, zoe, 3)
    before = _held_there(practice, zoe)
    laptop, desktop, tablet = tmp_path / "laptop", tmp_path / "desktop", tmp_path / "tablet"
    _journal(laptop, practice)
    _copied(laptop, desktop)
    assert _own(practice, laptop) == _own(practice, desktop)  # the same uids
    assert _sync(practice, zoe, laptop_id, laptop) == {"sessions": 1, "check_ins": 1, "safety_screens": 1, "psfs": 1}
    assert _sync(practice, zoe, desktop_id, desktop) == {"sessions": 1, "check_ins": 1, "safety_screens": 1, "psfs": 1}
    one_of_each = [count + 1 for count in before]
    assert _held_there(practice, zoe) == one_of_each
    [summary] = practice.practice.clients(physio)
    assert summary.adherence.sessions_7_days == 1 and summary.adherence.minutes_7_days == 15
    # each computer is told every record as its own: neither sends one again, however often either syncs
    for _ in range(2):
        for device, folder in ((laptop_id, laptop), (desktop_id, desktop)):
            assert _told(practice, zoe, device) == _own(practice, folder)
            assert _sync(practice, zoe, device, folder) == {}
    _copied(laptop, tablet)  # a third computer
    assert _sync(practice, zoe, tablet_id, tablet) == {"sessions": 1, "check_ins": 1, "safety_screens": 1, "psfs": 1}
    assert _held_there(practice, zoe) == one_of_each
    assert _told(practice, zoe, laptop_id) == _told(practice, zoe, tablet_id) == _own(practice, tablet)


def test_the_records_stay_until_every_computer_deletes_them(practice: Practice, tmp_path: Path) -> None:
    for laptop_first in (True, False):  # the computer that pushed first deletes first, or second
        zoe = followed_zoe(practice)[1] if laptop_first else _another_zoe(practice)
        [laptop, desktop] = _linked(practice, zoe, 2)
        first, second = (laptop, desktop) if laptop_first else (desktop, laptop)
        before = _held_there(practice, zoe)
        folders = {laptop: tmp_path / f"{first}-laptop", desktop: tmp_path / f"{first}-desktop"}
        _journal(folders[laptop], practice)
        _copied(folders[laptop], folders[desktop])
        _sync(practice, zoe, laptop, folders[laptop])
        _sync(practice, zoe, desktop, folders[desktop])
        kept = _own(practice, folders[second])

        assert _delete_everything(practice, zoe, first, folders[first]) == 4
        assert _held_there(practice, zoe) == [count + 1 for count in before]  # the other computer still holds them
        assert _told(practice, zoe, first) == {kind: [] for kind in KINDS}
        assert _told(practice, zoe, second) == kept
        assert _sync(practice, zoe, second, folders[second]) == {}

        assert _delete_everything(practice, zoe, second, folders[second]) == 4
        assert _held_there(practice, zoe) == before
        assert _told_deleted_again(practice, zoe, second, folders[second]) == 0  # nothing more


def _another_zoe(practice: Practice) -> Client:
    """Another Zoe, at another practice, for a second run in the same database."""
    physio = practice.practitioner(practice.admin("admin2@clinic.example", "Clinic 2"), "pam@clinic.example")
    return practice.client(physio, "zoe2@example.org", "Zoe")


def test_a_computer_since_unlinked_hands_its_records_to_the_next(practice: Practice, tmp_path: Path) -> None:
    """The laptop unlinked (its token ended): the desktop's push of the same records makes them the desktop's, so
    its deletion deletes them, as before such a record was noted beside the laptop's."""
    _physio, zoe = followed_zoe(practice)
    [laptop_id, desktop_id] = _linked(practice, zoe, 2)
    before = _held_there(practice, zoe)
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    _journal(laptop, practice)
    _copied(laptop, desktop)
    _sync(practice, zoe, laptop_id, laptop)
    practice.practice.forget_device(zoe, laptop_id)
    _sync(practice, zoe, desktop_id, desktop)
    assert _told(practice, zoe, desktop_id) == _own(practice, desktop)
    assert _delete_everything(practice, zoe, desktop_id, desktop) == 4
    assert _held_there(practice, zoe) == before
