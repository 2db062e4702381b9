"""A journal file with more records than a person makes in decades is refused, counted before any record is built:
a 1.3 MB zip of 300,000 sessions once took a practice server 72 s and 230 MB to store (ASVS 2.4.1, 15.2.2)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest

from crest.journal import capacity
from crest.journal.records import PracticeSession
from crest.journal.transfer import csv_format, export_bytes, json_format, legacy_csv, parse_export
from support.many_records import csv_zip_of_sessions, legacy_csv_of_sessions, sessions

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
    assert f"holds {CAP + 1} sessions; crest takes at most {CAP} in one journal" in str(refused.value)
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
