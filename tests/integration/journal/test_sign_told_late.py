"""A "see a clinician" sign in a check-in entered after the time it tells of holds its whole week from when it was
told, as an urgent one does (walk_safety H2): logged eight days late, new numbness was told "should be checked by a
clinician before you practise again" and the next session started at once, its week over before it was saved. The
hold is kept apart from the check-in, goes with it when the check-in is deleted or corrected to no longer name the
sign (it was a mistake), is lifted by a clinician's all-clear, and travels in a backup (JSON and CSV) with its own
end: a restore or a merge never starts it again from the import."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.services.bundle import Services
from support.clock import FakeClock
from support.safety_gate import NO_TO_ALL, refused

DAY_S = 24 * 3600
WEEK = timedelta(days=7)
NUMB_CALF = (PainRating("calf_and_shin", 3, "left", "numb"),)


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def _told_late(services: Services, clock: FakeClock, days_back: int) -> CheckIn:
    """Safety answers, then a check-in naming new numbness, entered `days_back` days after the time it gives."""
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock() - timedelta(days=days_back), pain=NUMB_CALF))
    assert saved.id is not None
    return saved


@pytest.mark.parametrize("days_back", [5, 8])
def test_a_see_a_clinician_sign_told_late_holds_its_whole_week_from_when_it_was_told(
    services: Services, clock: FakeClock, days_back: int
) -> None:
    told = clock() + timedelta(seconds=60)
    _told_late(services, clock, days_back)
    standing = services.safety.standing()
    assert refused(services) and standing.message.startswith("Please see a clinician")
    assert standing.answer_again_from == told + WEEK
    clock.advance(6 * DAY_S)  # answers before the week is over do not lift it
    services.safety.record(NO_TO_ALL)
    assert refused(services)
    clock.advance(DAY_S)  # fresh answers after it do, and the kept record goes
    services.safety.record(NO_TO_ALL)
    assert not refused(services) and services.safety.standing().latest is not None


def test_a_sign_told_at_its_own_time_keeps_nothing_apart(
    services: Services, clock: FakeClock, journal: Journal
) -> None:
    services.safety.record(NO_TO_ALL)
    services.check_ins.add(CheckIn(at=clock(), pain=NUMB_CALF))
    assert refused(services) and journal.safety_warnings() == []


def test_deleting_or_correcting_the_check_in_lifts_it_with_the_mistake(
    services: Services, clock: FakeClock, journal: Journal
) -> None:
    saved = _told_late(services, clock, 8)
    assert saved.id is not None
    [kept] = journal.safety_warnings()
    assert (kept.level, kept.check_in_id) == ("see_clinician", saved.id)
    # corrected and naming the sign still: it holds, from when it was first told
    services.check_ins.replace(saved.id, replace(saved, note="still numb"))
    assert refused(services) and journal.safety_warnings() == [kept]
    services.check_ins.replace(saved.id, replace(saved, pain=(PainRating("lower_back", 2),)))
    assert not refused(services) and journal.safety_warnings() == []

    again = _told_late(services, clock, 8)
    assert again.id is not None and refused(services)
    services.check_ins.delete(again.id)
    assert not refused(services) and journal.safety_warnings() == []


def test_a_clinicians_all_clear_lifts_it(services: Services, clock: FakeClock) -> None:
    _told_late(services, clock, 8)
    services.safety.record_clearance("Dr Ames", clock().date())
    assert not refused(services)


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_a_restored_or_merged_backup_holds_it_until_its_own_end(
    new_journal_url: Callable[[], str], clock: FakeClock, tmp_path: Path, format_name: str
) -> None:
    backup = tmp_path / f"backup.{format_name}"
    with Journal.open(new_journal_url(), clock=clock) as first:
        services = Services.over(first, clock, UTC)
        _told_late(services, clock, 8)
        end = services.safety.standing().answer_again_from
        services.transfer.export_to_file(backup, format_name)
    if format_name == "json":
        assert json.loads(backup.read_text())["version"] == 7
    clock.advance(3 * DAY_S)  # restored three days later: it ends when it would have, not a week from the import
    for merge in (False, True):
        with Journal.open(new_journal_url(), clock=clock) as restored:
            services = Services.over(restored, clock, UTC)
            if merge:
                restored.log_session(clock() - timedelta(days=1), 15, "supported")
            imported = services.transfer.import_file(backup, merge=merge)
            assert imported.safety_warnings == 1 and imported.counts()[-1] == "1 warning sign kept"
            services.safety.record(NO_TO_ALL)
            assert refused(services) and services.safety.standing().answer_again_from == end
    clock.advance(5 * DAY_S)  # its hold over, a restore brings nothing back
    with Journal.open(new_journal_url(), clock=clock) as late:
        services = Services.over(late, clock, UTC)
        services.transfer.import_file(backup)
        services.safety.record(NO_TO_ALL)
        assert not refused(services) and late.safety_warnings() == []


def test_a_backup_from_before_such_holds_still_imports(
    new_journal_url: Callable[[], str], clock: FakeClock, tmp_path: Path
) -> None:
    """The file an older crest wrote of the same journal (version 6 at most, no kept "see a clinician" warning):
    it imports, the check-in and its sign with it, held from the check-in's own time as it was then."""
    with Journal.open(new_journal_url(), clock=clock) as first:
        services = Services.over(first, clock, UTC)
        saved = _told_late(services, clock, 5)
        document = json.loads(services.transfer.export_text("json"))
    del document["safety_warnings"]
    document["version"] = 1
    with Journal.open(new_journal_url(), clock=clock) as restored:
        services = Services.over(restored, clock, UTC)
        services.transfer.import_data(json.dumps(document).encode(), "old.json")
        assert [check_in.at for check_in in services.check_ins.list_check_ins()] == [saved.at]
        assert refused(services) and services.safety.standing().answer_again_from == saved.at + WEEK
