"""A journal file with more records than a person makes in decades is refused, counted before any record is built:
a 1.3 MB zip of 300,000 sessions once took a practice server 72 s and 230 MB to store (ASVS 2.4.1, 15.2.2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from types import ModuleType

import pytest

from crest.errors import CrestError
from crest.journal import capacity
from crest.journal.records import CheckIn, JournalContents, PainRating, PracticeSession, PsfsActivity, PsfsAssessment
from crest.journal.transfer import csv_format, export_bytes, json_format, legacy_csv, parse_export
from crest.journal.transfer.json_format import _Reader
from crest.journal.transfer.reading import Place
from support.many_records import FIRST, csv_zip_of_sessions, legacy_csv_of_sessions, sessions

CAP = 5
FORMATS = {
    "json": lambda count: export_bytes(sessions(count), "json"),
    "csv zip": lambda count: export_bytes(sessions(count), "csv"),
    "one-sheet csv": lambda count: legacy_csv_of_sessions(count).encode(),
}


@pytest.fixture
def lowered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(capacity.SESSIONS, "most", CAP)


@pytest.mark.usefixtures("lowered")
@pytest.mark.parametrize("file_format", FORMATS)
def test_a_file_over_the_cap_is_refused_in_one_line(file_format: str) -> None:
    with pytest.raises(capacity.TooManyRecords) as refused:
        parse_export(FORMATS[file_format](CAP + 1), "big.file")
    counted = f"more than {CAP}" if file_format == "json" else f"{CAP + 1}"  # JSON stops at the first past the cap
    assert f"holds {counted} sessions; crest takes at most {CAP} in one journal" in str(refused.value)
    assert str(refused.value).startswith("big.file")
    assert "\n" not in str(refused.value)


@pytest.mark.usefixtures("lowered")
@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("count", [CAP - 1, CAP])
def test_a_file_up_to_the_cap_is_read(file_format: str, count: int) -> None:
    assert len(parse_export(FORMATS[file_format](count), "journal").sessions) == count


@pytest.mark.parametrize(
    ("module", "data"),
    [
        (csv_format, lambda: csv_zip_of_sessions(300_000)),  # the reviewer's file: 1.3 MB zipped
        (json_format, lambda: export_bytes(sessions(capacity.SESSIONS.most + 1), "json")),
        (legacy_csv, lambda: legacy_csv_of_sessions(capacity.SESSIONS.most + 1).encode()),
    ],
    ids=["csv zip", "json", "one-sheet csv"],
)
def test_the_real_cap_refuses_before_building_a_single_session(
    monkeypatch: pytest.MonkeyPatch, module: ModuleType, data: Callable[[], bytes]
) -> None:
    def no_session(*args: object, **kwargs: object) -> PracticeSession:
        raise AssertionError("a session was built before the file was counted")

    monkeypatch.setattr(module, "session_record", no_session)
    with pytest.raises(capacity.TooManyRecords) as refused:
        parse_export(data(), "big.zip")
    assert f"crest takes at most {capacity.SESSIONS.most:,} in one journal" in str(refused.value)


def test_the_caps_leave_decades_of_daily_practice() -> None:
    years = 30
    assert capacity.SESSIONS.most >= 4 * 365 * years  # four sessions every day
    assert capacity.CHECK_INS.most >= 2 * capacity.SESSIONS.most  # one before and one after each
    assert capacity.SESSIONS.most < 300_000  # the file that filled a practice server


def _check_ins_rated(count: int, places: int) -> JournalContents:
    """`count` check-ins, each rating `places` places."""
    ratings = tuple(PainRating(region, 3) for region in ("lower_back", "neck", "upper_back", "pelvis")[:places])
    moments = (FIRST + timedelta(hours=number) for number in range(count))
    check_ins = tuple(CheckIn(at, pain=ratings, id=number) for number, at in enumerate(moments, 1))
    return JournalContents(check_ins=check_ins)


@pytest.mark.parametrize("file_format", ["json", "csv"])
def test_pain_ratings_over_the_cap_are_refused_alike_in_both_formats(
    monkeypatch: pytest.MonkeyPatch, file_format: str
) -> None:
    """JSON's ratings sit inside its check-ins: only the file's size held them (820,752 ratings, 60 MB: stored in
    5 minutes and 3.3 GB), while the CSV's pain table was counted."""
    monkeypatch.setattr(capacity.PAIN_RATINGS, "most", CAP)
    data = export_bytes(_check_ins_rated(3, 2), file_format)
    with pytest.raises(capacity.TooManyRecords) as refused:
        parse_export(data, "big.file")
    counted = f"more than {CAP}" if file_format == "json" else "6"  # JSON stops at the first past the cap
    assert str(refused.value).endswith(f" holds {counted} pain ratings; crest takes at most {CAP} in one journal")
    assert len(parse_export(export_bytes(_check_ins_rated(2, 2), file_format), "journal").check_ins) == 2


def test_json_ratings_past_the_cap_are_counted_not_built(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_rating(*args: object, **kwargs: object) -> PainRating:
        raise AssertionError("a rating was built before the file was counted")

    monkeypatch.setattr(capacity.PAIN_RATINGS, "most", CAP)
    monkeypatch.setattr(json_format, "pain_record", no_rating)
    with pytest.raises(capacity.TooManyRecords, match=f"holds more than {CAP} pain ratings"):
        parse_export(export_bytes(_check_ins_rated(2, 4), "json"), "big.json")


@pytest.mark.usefixtures("lowered")
def test_a_json_file_is_refused_at_its_first_session_past_the_cap_unread_beyond() -> None:
    """What follows is never read: here it is not even JSON, and the refusal is still the count."""
    text = export_bytes(sessions(CAP + 1), "json").decode()
    cut = text[: text.rindex("\n  ]")] + ",\n    {not json at all"
    with pytest.raises(capacity.TooManyRecords) as refused:
        parse_export(cut, "big.json")
    assert str(refused.value) == f"big.json holds more than {CAP} sessions; crest takes at most {CAP} in one journal"


def _rounds(count: int, activities: int) -> JournalContents:
    """`count` ratings of daily activities, each of `activities` activities."""
    rated = tuple(PsfsActivity(name, 4) for name in ("walk", "sit", "lift", "stand")[:activities])
    moments = (FIRST + timedelta(days=number) for number in range(count))
    return JournalContents(psfs=tuple(PsfsAssessment(at, rated, id=number) for number, at in enumerate(moments, 1)))


@pytest.mark.parametrize("file_format", ["json", "csv"])
@pytest.mark.parametrize(
    ("cap", "contents", "named"),
    [
        (capacity.PSFS_ROUNDS, _rounds(3, 1), "ratings of daily activities"),
        (capacity.PSFS_ACTIVITIES, _rounds(2, 2), "rated daily activities"),
    ],
    ids=["rounds", "activities"],
)
def test_daily_activities_over_the_cap_are_named_as_the_person_knows_them(
    monkeypatch: pytest.MonkeyPatch, file_format: str, cap: capacity.RecordCap, contents: JournalContents, named: str
) -> None:
    """The Daily activities page and a restore's counts name them so; "PSFS rounds" was a word of crest's code."""
    monkeypatch.setattr(cap, "most", 2)
    with pytest.raises(capacity.TooManyRecords) as refused:
        parse_export(export_bytes(contents, file_format), "big.file")
    assert f" {named}; crest takes at most 2 in one journal" in str(refused.value)
    assert "PSFS" not in str(refused.value)


LISTS = {  # each list inside a record: its section, field, two items as the file writes them, and its refusal
    "pain ratings": ("check_ins", "pain", '{"region": "knee", "score": 3}, {"region": "hip", "score": 4}', "holds"),
    "sensations": ("check_ins", "sensations", '"warmth", "yawning"', "the check-in has"),
    "rated daily activities": (
        "psfs",
        "activities",
        '{"name": "walk", "score": 4}, {"name": "sit", "score": 6}',
        "holds",
    ),
    "answers": ("safety_screens", "answers", '"red_flags": false, "pregnancy": false', "the set has"),
    "questions": ("safety_clearances", "question_ids", '"fever", "fall"', "the all-clear names"),
    "windows": ("sessions", "breath", '"windows": [{"start_s": 0}, {"start_s": 20}', "the breath reading has"),
    "movements": ("sessions", "breath", '"movements": [{"at_s": 1}, {"at_s": 2}', "the breath reading has"),
}
CAPS = {
    "pain ratings": capacity.PAIN_RATINGS,
    "sensations": capacity.SENSATIONS,
    "rated daily activities": capacity.PSFS_ACTIVITIES,
    "answers": capacity.SCREEN_ANSWERS,
    "questions": capacity.CLEARED_QUESTIONS,
    "windows": capacity.BREATH_WINDOWS,
    "movements": capacity.BREATH_MOVEMENTS,
}


def _file_with(plural: str, rest: str) -> str:
    """A file whose one record holds the list named `plural` with its two items and then `rest`: the record starts
    on line 3."""
    section, field, items, _ = LISTS[plural]
    opening = "{" if plural in ("answers", "windows", "movements") else "["
    return f'{{"format": "crest-journal", "version": 1,\n"{section}": [\n{{"id": 1, "{field}": {opening}{items}{rest}'


@pytest.mark.parametrize("plural", LISTS)
def test_a_list_in_a_record_is_refused_at_its_first_item_past_the_cap_unread_beyond(
    monkeypatch: pytest.MonkeyPatch, plural: str
) -> None:
    """A 60 MB list of sensations took 10 s and 890 MB, decoded whole before it was refused. What follows the item
    past the cap is never read: here it is not even JSON, and the refusal is still the count, with the record's line
    when the cap is one record's."""
    monkeypatch.setattr(CAPS[plural], "most", 2)
    with pytest.raises(CrestError) as refused:
        parse_export(_file_with(plural, ", {not json at all"), "big.json")
    _, field, _, holder = LISTS[plural]
    limit = CAPS[plural].limit.format(most=2)
    if holder == "holds":  # counted across the file's records, as its CSV table is
        assert str(refused.value) == f"big.json holds more than 2 {plural}; {limit}"
    else:
        assert str(refused.value) == f"big.json line 3, field {field}: {holder} more than 2 {plural}; {limit}"


@pytest.mark.parametrize("plural", LISTS)
def test_a_list_in_a_record_up_to_the_cap_is_read_whole(monkeypatch: pytest.MonkeyPatch, plural: str) -> None:
    monkeypatch.setattr(CAPS[plural], "most", 2)
    closing = "]}" if plural in ("windows", "movements") else ("}" if plural == "answers" else "]")
    text = _file_with(plural, closing + "}]}")
    section = LISTS[plural][0]
    assert _Reader(text, "x.json").document()[section] == [(Place("x.json", 3), json.loads(text)[section][0])]
