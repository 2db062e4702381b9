"""A kept urgent warning read in a note travels with the red-flag rules its sign came from (`sign_rules`, r0028):
restored from the JSON file or the CSV zip, it still finds its help entry and cites its sources by them. Both
exports dropped them, so a restored warning named its entry by its words alone. A file without them (JSON versions
1-5, a zip without the column) imports as before."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from datetime import UTC
from io import BytesIO

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.journal.transfer import InvalidImportFile
from crest.services.bundle import Services
from support.clock import FakeClock
from support.safety_gate import NO_TO_ALL, refused

CHEST_PAIN = "sudden crushing chest pain going down my arm"  # an urgent sign read in the note: rule chest_pain


def _deleted_note_sign(journal: Journal, clock: FakeClock) -> Services:
    """A check-in whose note names an urgent sign, deleted: the sign is kept apart, with the rule it came from."""
    services = Services.over(journal, clock, UTC)
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=(PainRating("lower_back", 4),), note=CHEST_PAIN))
    assert saved.id is not None
    services.check_ins.delete(saved.id)
    [kept] = journal.safety_warnings()
    assert kept.sign_rules == ("chest_pain",)
    return services


def _sources(services: Services) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [
        (reason.sign.title, reason.sign.sources, reason.sign.sign_rules)
        for reason in services.safety.standing().check_in_reasons
    ]


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_a_restored_kept_warning_keeps_the_rules_its_sign_came_from(
    new_journal_url: Callable[[], str], clock: FakeClock, format_name: str
) -> None:
    with Journal.open(new_journal_url(), clock=clock) as first:
        services = _deleted_note_sign(first, clock)
        shown, backup = _sources(services), services.transfer.export_bytes(format_name)
    with Journal.open(new_journal_url(), clock=clock) as restored:
        services = Services.over(restored, clock, UTC)
        services.transfer.import_data(backup, services.transfer.file_name(format_name))
        [warning] = restored.safety_warnings()
        assert warning.sign_rules == ("chest_pain",)
        assert _sources(services) == shown and refused(services)


def test_the_files_say_the_rules_and_the_json_its_newer_version(journal: Journal, clock: FakeClock) -> None:
    services = _deleted_note_sign(journal, clock)
    document = json.loads(services.transfer.export_text("json"))
    assert document["version"] == 6
    assert document["safety_warnings"][0]["sign_rules"] == ["chest_pain"]
    tables = zipfile.ZipFile(BytesIO(services.transfer.export_bytes("csv")))
    header, row = tables.read("safety_warnings.csv").decode("utf-8-sig").splitlines()
    assert header.split(",")[-1] == "sign_rules" and row.endswith(",chest_pain")


def test_a_file_written_before_the_rules_travelled_still_imports(
    new_journal_url: Callable[[], str], clock: FakeClock
) -> None:
    with Journal.open(new_journal_url(), clock=clock) as first:
        services = _deleted_note_sign(first, clock)
        document = json.loads(services.transfer.export_text("json"))
        tables = zipfile.ZipFile(BytesIO(services.transfer.export_bytes("csv")))
    del document["safety_warnings"][0]["sign_rules"]
    document["version"] = 3  # as this crest wrote it before
    older = BytesIO()
    with zipfile.ZipFile(older, "w") as zipped:
        for name in tables.namelist():
            text = tables.read(name).decode("utf-8-sig")
            if name == "safety_warnings.csv":  # without the column, as before
                text = "\r\n".join(line.rsplit(",", 1)[0] for line in text.splitlines()) + "\r\n"
            zipped.writestr(name, text)
    for data, source in ((json.dumps(document).encode(), "older.json"), (older.getvalue(), "older.zip")):
        with Journal.open(new_journal_url(), clock=clock) as restored:
            services = Services.over(restored, clock, UTC)
            assert services.transfer.import_data(data, source).safety_warnings == 1
            [warning] = restored.safety_warnings()
            assert warning.sign_rules == () and refused(services)


def test_a_rule_that_is_not_a_name_is_refused(journal: Journal, clock: FakeClock) -> None:
    services = _deleted_note_sign(journal, clock)
    document = json.loads(services.transfer.export_text("json"))
    document["safety_warnings"][0]["sign_rules"] = ["chest pain!"]
    with pytest.raises(InvalidImportFile, match="safety_warnings\\[0\\]"):
        Services.over(journal, clock, UTC).transfer.import_data(json.dumps(document).encode(), "edited.json", True)


def test_merging_a_backup_written_before_the_rules_travelled_adds_no_second_warning(
    journal: Journal, clock: FakeClock
) -> None:
    """The same sign, level, end and words is the same warning, whether or not the file names its rules: merged
    back into the journal it came from, such a backup said "1 urgent-care warning kept" and kept it twice."""
    services = _deleted_note_sign(journal, clock)
    document = json.loads(services.transfer.export_text("json"))
    del document["safety_warnings"][0]["sign_rules"]
    document["version"] = 3
    merged = services.transfer.import_data(json.dumps(document).encode(), "older.json", merge=True)
    assert merged.nothing_new("older.json") is not None
    [warning] = journal.safety_warnings()
    assert warning.sign_rules == ("chest_pain",)
