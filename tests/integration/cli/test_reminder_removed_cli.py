"""A second reminder time removed left its weekly event in the person's calendar: `crest remind` with one time gave a
file with the first event alone, which an app importing it leaves the second beside. Once a file had a second time,
each file without it cancels that event (RFC 5545 STATUS:CANCELLED, a newer SEQUENCE, no repeat, no alarm), and
crest says where to delete it if the app keeps it; with two times, the words say "reminders", not "reminder"."""

import subprocess
from collections.abc import Callable

from crest.interop.ical import REMINDER_UID
from support.reminder_files import events, removed_second_time

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def _flat(text: str) -> str:
    return " ".join(text.split())  # wrapped by words at the terminal's width


def test_a_removed_second_time_goes_out_cancelled_and_the_words_count_the_reminders(run_crest: RunCrest) -> None:
    alone = run_crest("remind", "--time", "07:30")
    assert alone.returncode == 0, alone.stderr
    assert list(events(alone.stdout)) == [REMINDER_UID]  # never a second time: nothing to cancel
    both = run_crest("remind", "--time", "07:30", "--time", "18:00")
    assert "replaces crest's reminders in your calendar (in most apps); to stop them, delete them" in _flat(both.stderr)
    once = run_crest("remind", "--time", "07:30")
    assert once.returncode == 0, once.stderr
    assert events(once.stdout)[REMINDER_UID].get("status") is None and "RRULE" in events(once.stdout)[REMINDER_UID]
    assert removed_second_time(once.stdout, both.stdout)
    said = _flat(once.stderr)
    assert "replaces crest's reminder in your calendar (in most apps); to stop it, delete it" in said
    assert "cancels crest's second reminder of the day, which you removed: if your calendar app still shows it" in said
