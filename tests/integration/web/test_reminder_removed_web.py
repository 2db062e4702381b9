"""Settings' second reminder time emptied left its weekly event in the person's calendar: the next file, from
"Save and download the calendar reminder" or GET /api/reminder.ics, cancels it (as `crest remind` does:
tests/integration/cli/test_reminder_removed_cli.py), and Settings says "reminders" of two times."""

import re
from html import unescape

from fastapi.testclient import TestClient

from crest.interop.ical import REMINDER_UID
from support.reminder_files import events, removed_second_time

FORM = {"default_minutes": "15", "default_variant": "standard", "weekly_goal_sessions": "7", "reminder_mon": "on"}


def _saved_and_downloaded(client: TestClient, second: str) -> str:
    answer = client.post(
        "/settings", data=FORM | {"reminder_time": "07:30", "second_reminder_time": second, "then": "download_reminder"}
    )
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/calendar"), answer.text
    return answer.text


def _said(client: TestClient) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", client.get("/settings").text)).split())


def test_settings_second_time_removed_goes_out_cancelled_at_both_downloads(client: TestClient) -> None:
    assert list(events(_saved_and_downloaded(client, ""))) == [REMINDER_UID]  # never a second: nothing to cancel
    assert "replaces crest's reminder in your calendar (in most apps); to stop it, delete it" in _said(client)
    both = _saved_and_downloaded(client, "18:00")
    assert "replaces crest's reminders in your calendar (in most apps); to stop them, delete them" in _said(client)
    once = _saved_and_downloaded(client, "")
    assert removed_second_time(once, both)
    assert "RRULE" in events(once)[REMINDER_UID]
    assert removed_second_time(client.get("/api/reminder.ics").text, both)  # and each file after it
    assert removed_second_time(client.get("/api/reminder.ics", params={"time": "09:00"}).text, both)
