"""`crest remind --time` given twice: two reminders a day, each its own event with its alarm (once or twice a day is
what teachers suggest); Settings' second time when none is given."""

import subprocess
from collections.abc import Callable

from crest.journal.store import Journal
from crest.services.preferences import Preferences, PreferencesStore
from support.reminder_files import reminding

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def test_two_times_make_two_events_and_settings_second_time_stands_when_none_is_given(run_crest: RunCrest) -> None:
    both = run_crest("remind", "--time", "07:30", "--time", "18:00", "--zone", "Europe/London")
    assert both.returncode == 0, both.stderr
    assert reminding(both.stdout) == [("crest-reminder@crest", "07:30"), ("crest-reminder-2@crest", "18:00")]
    with Journal.open() as journal:
        PreferencesStore(journal).save(Preferences(reminder_time="06:45", second_reminder_time="12:15"))
    assert reminding(run_crest("remind").stdout) == [
        ("crest-reminder@crest", "06:45"),
        ("crest-reminder-2@crest", "12:15"),
    ]
    assert reminding(run_crest("remind", "--time", "09:00").stdout) == [("crest-reminder@crest", "09:00")]
    same = run_crest("remind", "--time", "07:30", "--time", "7:30")
    assert (same.returncode, same.stdout) == (2, "")
    assert same.stderr == "crest: both reminder times are 07:30; give two different times, or one\n"
