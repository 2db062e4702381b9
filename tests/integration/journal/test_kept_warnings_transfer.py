"""An urgent-care warning kept after its check-in was deleted travels in the export (JSON and the CSV zip) and
stands again after a restore, until its end: restoring a backup into a fresh journal used to lift it. A journal
without kept warnings exports as before; a file cannot make a warning stand for good, and merging twice keeps one."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from datetime import UTC, timedelta
from io import BytesIO
from pathlib import Path

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.journal.transfer import InvalidImportFile
from crest.services.bundle import Services
from support.clock import FakeClock
from support.safety_gate import NO_TO_ALL, NUMB_SADDLE, refused

DAY_S = 24 * 3600


def _services(journal: Journal, clock: FakeClock) -> Services:
    return Services.over(journal, clock, UTC)


def _deleted_urgent_check_in(services: Services, clock: FakeClock) -> CheckIn:
    """Safety answers, then a check-in naming an urgent sign, deleted: the sign is kept apart and stands."""
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    services.check_ins.add(CheckIn(at=clock(), pain=(PainRating("lower_back", 3),)))
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=NUMB_SADDLE))
    assert saved.id is not None
    services.check_ins.delete(saved.id)
    clock.advance(60)
    assert refused(services)
    return saved


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_a_restored_backup_keeps_an_urgent_warning_whose_check_in_was_deleted(
    new_journal_url: Callable[[], str], clock: FakeClock, tmp_path: Path, format_name: str
) -> None:
    backup = tmp_path / f"backup.{format_name}"
    with Journal.open(new_journal_url(), clock=clock) as first:
        services = _services(first, clock)
        saved = _deleted_urgent_check_in(services, clock)
        message = services.safety.standing().message
        services.transfer.export_to_file(backup, format_name)
        exported = backup.read_bytes()
    with Journal.open(new_journal_url(), clock=clock) as restored:
        services = _services(restored, clock)
        imported = services.transfer.import_file(backup)
        assert imported.safety_warnings == 1
        assert imported.counts()[-1] == "1 warning sign kept"
        assert refused(services)
        standing = services.safety.standing()
        assert standing.message == message
        assert standing.answer_again_from == saved.at + timedelta(days=14)
        assert services.transfer.export_bytes(format_name) == exported  # the same file again
        clock.advance(14 * DAY_S)  # fresh answers after its end lift it, and nothing of it stays
        services.safety.record(NO_TO_ALL)
        assert not refused(services) and restored.safety_warnings() == []


def test_the_json_export_names_its_newer_version_only_with_kept_warnings(journal: Journal, clock: FakeClock) -> None:
    services = _services(journal, clock)
    services.safety.record(NO_TO_ALL)
    plain = json.loads(services.transfer.export_text("json"))
    assert plain["version"] == 1 and "safety_warnings" not in plain
    assert "safety_warnings.csv" not in zipfile.ZipFile(BytesIO(services.transfer.export_bytes("csv"))).namelist()
    _deleted_urgent_check_in(services, clock)
    kept = json.loads(services.transfer.export_text("json"))
    assert kept["version"] == 3
    [warning] = kept["safety_warnings"]
    assert (warning["question_id"], warning["level"]) == ("bladder_bowel_saddle", "urgent")
    assert warning["check_in_id"] is None  # its check-in is gone
    tables = zipfile.ZipFile(BytesIO(services.transfer.export_bytes("csv")))
    assert tables.read("safety_warnings.csv").decode("utf-8-sig").startswith("question_id,level,held_until,")


def test_an_ended_warning_is_not_exported(journal: Journal, clock: FakeClock) -> None:
    services = _services(journal, clock)
    _deleted_urgent_check_in(services, clock)
    clock.advance(15 * DAY_S)
    services.safety.record(NO_TO_ALL)
    assert "safety_warnings" not in json.loads(services.transfer.export_text("json"))


def test_a_file_cannot_hold_a_warning_past_its_waiting_time_or_a_level_that_is_no_warning(
    new_journal_url: Callable[[], str], clock: FakeClock
) -> None:
    with Journal.open(new_journal_url(), clock=clock) as first:
        services = _services(first, clock)
        _deleted_urgent_check_in(services, clock)
        document = json.loads(services.transfer.export_text("json"))
    forever = json.loads(json.dumps(document))
    forever["safety_warnings"][0]["held_until"] = "2099-01-01T00:00:00+00:00"
    lower = json.loads(json.dumps(document))
    lower["safety_warnings"][0]["level"] = "clear"
    unknown = json.loads(json.dumps(document))
    unknown["safety_warnings"][0]["check_in_id"] = 99
    with Journal.open(new_journal_url(), clock=clock) as restored:
        transfer = _services(restored, clock).transfer
        refusals = {
            "forever": "field safety_warnings\\[0\\].held_until: 2099-01-01 00:00 is more than 14 days ahead",
            "lower": "“clear” is not “urgent” or “see_clinician”: only warning signs are kept",
            "unknown": "field safety_warnings\\[0\\].check_in_id: there is no check-in 99 in this file",
        }
        for name, edited in (("forever", forever), ("lower", lower), ("unknown", unknown)):
            with pytest.raises(InvalidImportFile, match=refusals[name]):
                transfer.import_data(json.dumps(edited).encode(), "edited.json")
        assert restored.is_empty() and restored.safety_warnings() == []


def test_merging_a_backup_twice_keeps_one_copy_of_the_warning(
    new_journal_url: Callable[[], str], clock: FakeClock, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    with Journal.open(new_journal_url(), clock=clock) as first:
        services = _services(first, clock)
        _deleted_urgent_check_in(services, clock)
        services.transfer.export_to_file(backup, "json")
        assert services.transfer.import_file(backup, merge=True).nothing_new("backup.json") is not None
        assert len(first.safety_warnings()) == 1
    with Journal.open(new_journal_url(), clock=clock) as other:
        services = _services(other, clock)
        other.log_session(clock() - timedelta(days=3), 15, "supported")
        assert services.transfer.import_file(backup, merge=True).safety_warnings == 1
        again = services.transfer.import_file(backup, merge=True)
        assert again.safety_warnings == 0 and again.nothing_new("backup.json") is not None
        assert len(other.safety_warnings()) == 1 and refused(services)


def test_a_warning_kept_from_a_corrected_check_in_follows_that_check_in_through_a_merge(
    new_journal_url: Callable[[], str], clock: FakeClock, tmp_path: Path
) -> None:
    """Corrected, the check-in stays: its kept warning names it, and a merge names the journal's own check-in, so
    the sign is listed once."""
    backup = tmp_path / "backup.json"
    with Journal.open(new_journal_url(), clock=clock) as first:
        services = _services(first, clock)
        services.safety.record(NO_TO_ALL)
        clock.advance(60)
        saved = services.check_ins.add(CheckIn(at=clock(), pain=NUMB_SADDLE))
        assert saved.id is not None
        services.check_ins.replace(saved.id, CheckIn(at=saved.at, pain=(PainRating("lower_back", 2),)))
        [kept] = first.safety_warnings()
        assert kept.check_in_id == saved.id
        services.transfer.export_to_file(backup, "json")
    with Journal.open(new_journal_url(), clock=clock) as other:
        services = _services(other, clock)
        other.log_session(clock() - timedelta(days=3), 15, "supported")
        services.transfer.import_file(backup, merge=True)
        [merged] = other.safety_warnings()
        [check_in] = services.check_ins.list_check_ins()
        assert merged.check_in_id == check_in.id
        assert refused(services) and len(services.safety.standing().standing_check_in_reasons) == 1


def test_a_backup_restored_after_deleting_everything_lists_the_warning_once(
    journal: Journal, clock: FakeClock, tmp_path: Path
) -> None:
    """Deleting everything keeps the sign and its end only; the backup brings its words back, and the sign is
    listed once, with them."""
    backup = tmp_path / "backup.json"
    services = _services(journal, clock)
    _deleted_urgent_check_in(services, clock)
    services.transfer.export_to_file(backup, "json")
    services.transfer.delete_everything()
    assert [reason.sign.data_deleted for reason in services.safety.standing().standing_check_in_reasons] == [True]
    services.transfer.import_file(backup)
    reasons = services.safety.standing().standing_check_in_reasons
    assert [reason.sign.data_deleted for reason in reasons] == [False] and refused(services)
