"""The same rest logged on two computers of one person (SQLite and PostgreSQL): held once at the practice, so the
practitioner's counts are what the client did, while each computer is still told its own uids (GET /api/sync/held,
so neither sends it again) and deletes only its own. Before, each computer's uid made a row: two rests counted.
Anything that differs (a start a second apart, another length, a demo) stays two rests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crest.accounts.model import Client
from crest.journal.records import CheckIn, JournalContents, PainRating, PracticeSession
from crest.journal.store import Journal
from crest.journal.transfer.json_format import export_json
from crest.journal.vocabulary import CheckInTiming, SessionStatus
from crest.services.bundle import Services
from crest.services.sync import HELD_PER_PAGE
from support.practice import Practice, followed_zoe

LAPTOP, DESKTOP = 7, 8
RESTED = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)  # two days before the practice's clock (support.clock.START)
KINDS = ("sessions", "check_ins")
LOGGED = PracticeSession(
    id=1, started_at=RESTED, planned_minutes=15, actual_seconds=900, variant="standard",
    status=SessionStatus.COMPLETED, logged=True,
)  # fmt: skip


@contextmanager
def _computer(folder: Path, practice: Practice) -> Iterator[Services]:
    """One of the person's own crests, in `folder`, on the practice's clock."""
    folder.mkdir(exist_ok=True)
    with Journal.open(f"sqlite:///{folder / 'crest.db'}", clock=practice.clock) as journal:
        yield Services.over(journal, practice.clock, UTC)


def _log(local: Services, started_at: datetime = RESTED, minutes: int = 15) -> None:
    """A rest logged afterwards, with a check-in after it."""
    session = local.practice.log(started_at, minutes, "standard")
    after = CheckIn(
        at=started_at + timedelta(minutes=minutes),
        timing=CheckInTiming.AFTER,
        session_id=session.id,
        pain=(PainRating("hip", 3, "left"),),
    )
    local.check_ins.add(after)


def _sync(practice: Practice, zoe: Client, device: int, local: Services) -> None:
    """`crest sync` of what this computer holds and the practice does not tell it it holds (GET /api/sync/held)."""
    told = practice.practice.held_for_device(zoe, device, None, HELD_PER_PAGE).held
    outgoing = local.sync.outgoing()
    unsent = {kind: [i for i, uid in outgoing.uids[kind].items() if uid not in told[kind]] for kind in KINDS}
    if any(unsent.values()):
        practice.practice.receive_sync(zoe, device, *outgoing.batch(unsent), {})


def _delete_the_rest(practice: Practice, zoe: Client, device: int, local: Services) -> int:
    """The person deletes their rests (their check-ins go with them) on this computer, which syncs: how many records
    the practice says it deleted."""
    uids = local.sync.outgoing().uids
    for session in local.practice.list_sessions():
        local.practice.delete(session.id or 0)
    gone = {kind: list(uids[kind].values()) for kind in KINDS}
    _received, deleted = practice.practice.receive_sync(zoe, device, export_json(JournalContents()), {}, gone)
    return deleted


def _held_there(practice: Practice, zoe: Client) -> list[int]:
    """How many rests and check-ins the practice holds of Zoe."""
    held = practice.services_for(zoe.person_id).sync.outgoing().uids
    return [len(held[kind]) for kind in KINDS]


def _own(local: Services) -> dict[str, list[str]]:
    uids = local.sync.outgoing().uids
    return {kind: sorted(uids[kind].values()) for kind in KINDS}


def _told(practice: Practice, zoe: Client, device: int) -> dict[str, list[str]]:
    held = practice.practice.held_for_device(zoe, device, None, HELD_PER_PAGE).held
    return {kind: held[kind] for kind in KINDS}


def test_the_same_rest_from_two_computers_is_held_and_counted_once(practice: Practice, tmp_path: Path) -> None:
    physio, zoe = followed_zoe(practice)
    with _computer(tmp_path / "laptop", practice) as laptop, _computer(tmp_path / "desktop", practice) as desktop:
        _log(laptop)
        _log(desktop)
        _sync(practice, zoe, LAPTOP, laptop)
        _sync(practice, zoe, DESKTOP, desktop)

        assert _held_there(practice, zoe) == [1, 1]
        [summary] = practice.practice.clients(physio)
        assert summary.adherence.sessions_7_days == 1 and summary.adherence.minutes_7_days == 15
        [check_in] = practice.services_for(zoe.person_id).check_ins.list_check_ins()
        [session] = practice.services_for(zoe.person_id).practice.list_sessions()
        assert check_in.session_id == session.id  # the desktop's check-in is the laptop's, of the one rest
        # each computer is told its own uids, so neither sends the rest again
        assert _told(practice, zoe, LAPTOP) == _own(laptop) and _told(practice, zoe, DESKTOP) == _own(desktop)
        assert _own(laptop) != _own(desktop)
        _sync(practice, zoe, LAPTOP, laptop)
        _sync(practice, zoe, DESKTOP, desktop)
        assert _held_there(practice, zoe) == [1, 1]


def test_the_rest_stays_until_both_computers_delete_it(practice: Practice, tmp_path: Path) -> None:
    for first, second in ((LAPTOP, DESKTOP), (DESKTOP, LAPTOP)):  # whichever pushed it first
        _physio, zoe = followed_zoe(practice) if first == LAPTOP else (None, _another_zoe(practice))
        with _computer(tmp_path / f"a{first}", practice) as a, _computer(tmp_path / f"b{first}", practice) as b:
            computers = {LAPTOP: a, DESKTOP: b}
            for device in (first, second):
                _log(computers[device])
                _sync(practice, zoe, device, computers[device])
            assert _held_there(practice, zoe) == [1, 1]

            assert _delete_the_rest(practice, zoe, first, computers[first]) == 2
            assert _held_there(practice, zoe) == [1, 1]  # the other computer still holds it
            assert _told(practice, zoe, first) == {"sessions": [], "check_ins": []}
            assert _told(practice, zoe, second) == _own(computers[second])
            _sync(practice, zoe, second, computers[second])  # nothing sent again
            assert _held_there(practice, zoe) == [1, 1]

            assert _delete_the_rest(practice, zoe, second, computers[second]) == 2
            assert _held_there(practice, zoe) == [0, 0]


def test_the_copy_goes_first_and_the_rest_stays(practice: Practice, tmp_path: Path) -> None:
    _physio, zoe = followed_zoe(practice)
    with _computer(tmp_path / "laptop", practice) as laptop, _computer(tmp_path / "desktop", practice) as desktop:
        _log(laptop)
        _sync(practice, zoe, LAPTOP, laptop)
        _log(desktop)
        _sync(practice, zoe, DESKTOP, desktop)
        assert _delete_the_rest(practice, zoe, DESKTOP, desktop) == 2  # the later computer's, the copy
        assert _held_there(practice, zoe) == [1, 1]
        assert _told(practice, zoe, LAPTOP) == _own(laptop)
        assert _delete_the_rest(practice, zoe, DESKTOP, desktop) == 0  # told again: nothing more
        assert _delete_the_rest(practice, zoe, LAPTOP, laptop) == 2
        assert _held_there(practice, zoe) == [0, 0]


def _another_zoe(practice: Practice) -> Client:
    physio = practice.practitioner(practice.admin("admin2@clinic.example", "Clinic 2"), "pam@clinic.example")
    return practice.client(physio, "zoe2@example.org", "Zoe")


def _pushed(practice: Practice, zoe: Client, device: int | None, uid: str, session: PracticeSession) -> None:
    practice.practice.receive_sync(
        zoe, device, export_json(JournalContents(sessions=(session,))), {"sessions": {1: uid}}, {}
    )


def test_rests_that_differ_in_anything_stay_two(practice: Practice) -> None:
    _physio, zoe = followed_zoe(practice)
    rest = LOGGED
    others = (
        replace(rest, started_at=RESTED + timedelta(seconds=1)),  # a second apart
        replace(rest, started_at=RESTED + timedelta(microseconds=1)),
        replace(rest, actual_seconds=899),  # another length
        replace(rest, variant="supported"),
        replace(rest, logged=False),
    )
    _pushed(practice, zoe, LAPTOP, "a" * 32, rest)
    for number, other in enumerate(others, start=1):
        _pushed(practice, zoe, DESKTOP, f"{number:032x}", other)
    assert _held_there(practice, zoe) == [1 + len(others), 0]
    # two of one computer's own are its own; one entered on the practice's pages is nobody's to share
    later, latest = (
        replace(rest, started_at=RESTED + timedelta(hours=2)),
        replace(rest, started_at=RESTED + timedelta(hours=4)),
    )
    _pushed(practice, zoe, LAPTOP, "b" * 32, later)
    _pushed(practice, zoe, LAPTOP, "c" * 32, later)
    _pushed(practice, zoe, None, "d" * 32, latest)
    _pushed(practice, zoe, DESKTOP, "e" * 32, latest)
    assert _held_there(practice, zoe) == [5 + len(others), 0]


def test_demos_are_never_held_as_one(practice: Practice) -> None:
    _physio, zoe = followed_zoe(practice)
    demo = replace(LOGGED, logged=False, demo=True)
    _pushed(practice, zoe, LAPTOP, "a" * 32, demo)
    _pushed(practice, zoe, DESKTOP, "b" * 32, demo)
    assert _held_there(practice, zoe) == [2, 0]


def test_another_check_in_of_the_same_rest_is_its_own(practice: Practice, tmp_path: Path) -> None:
    physio, zoe = followed_zoe(practice)
    with _computer(tmp_path / "laptop", practice) as laptop, _computer(tmp_path / "desktop", practice) as desktop:
        _log(laptop)
        _log(desktop)
        [rest] = desktop.practice.list_sessions()
        later = CheckIn(
            at=RESTED + timedelta(hours=1),
            session_id=rest.id,
            timing=CheckInTiming.AFTER,
            pain=(PainRating("hip", 2, "left"),),
        )
        desktop.check_ins.add(later)
        _sync(practice, zoe, LAPTOP, laptop)
        _sync(practice, zoe, DESKTOP, desktop)
        assert _held_there(practice, zoe) == [1, 2]
        [session] = practice.services_for(zoe.person_id).practice.list_sessions()
        check_ins = practice.services_for(zoe.person_id).check_ins.list_check_ins()
        assert {check_in.session_id for check_in in check_ins} == {session.id}
        assert _told(practice, zoe, DESKTOP) == _own(desktop)
        [summary] = practice.practice.clients(physio)
        assert summary.adherence.sessions_7_days == 1
