""" "Who looked at my data" (walk-through L8): a practitioner's looks of a day on one line, every change on its own."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from crest.accounts.records import AuditEntry
from crest.services.audit import Audited
from crest.services.practice_mode import Looked, looks_by_day

MORNING = datetime(2026, 12, 5, 9, 2, tzinfo=UTC)


def _entry(minutes: int, who: str, action: Audited, account: int = 1) -> AuditEntry:
    return AuditEntry(MORNING + timedelta(minutes=minutes), account, who, action.value, "ok")


def test_a_days_looks_by_one_practitioner_make_one_line_where_the_latest_was() -> None:
    entries = [  # newest first, as the log gives them
        _entry(29, "Ada", Audited.READ_CLIENT),
        _entry(20, "Ada", Audited.EXPORT_CLIENT),
        _entry(10, "Ada", Audited.READ_CLIENT),
        _entry(5, "Bo", Audited.READ_CLIENT, account=2),
        _entry(0, "Ada", Audited.READ_CLIENT),
        _entry(-60 * 24, "Ada", Audited.READ_CLIENT),  # the day before: a line of its own
    ]
    assert looks_by_day(entries, UTC) == [
        Looked("Ada", "looked at your data", MORNING, MORNING + timedelta(minutes=29), 3),
        Looked("Ada", "downloaded your report or data", *[MORNING + timedelta(minutes=20)] * 2),
        Looked("Bo", "looked at your data", *[MORNING + timedelta(minutes=5)] * 2),
        Looked("Ada", "looked at your data", *[MORNING - timedelta(days=1)] * 2),
    ]


def test_the_day_is_the_clients_own() -> None:
    # 09:02 and 09:31 UTC fall either side of midnight in Kiritimati (UTC+14): 23:02 and 23:31 of one day there,
    # while 10:30 UTC is 00:30 of the next
    entries = [
        _entry(88, "Ada", Audited.READ_CLIENT),
        _entry(29, "Ada", Audited.READ_CLIENT),
        _entry(0, "Ada", Audited.READ_CLIENT),
    ]
    assert [line.times for line in looks_by_day(entries, ZoneInfo("Pacific/Kiritimati"))] == [1, 2]
    assert [line.times for line in looks_by_day(entries, UTC)] == [3]
