"""Progress's practice line after rests under a minute says what happened, as Today does (bd91aaea), not
"0 sessions (0 min) in the last 7 days ..., 0 (0 min) in the last 28" beside a rest the person just took; the API's
summary, `crest progress` and a clinician's view of the client say it alike."""

import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from crest.insights.practice import adherence
from crest.insights.progress import adherence_line
from crest.insights.reader import Reader
from crest.journal.records import PracticeSession, SessionStatus
from support.clock import FakeClock
from support.journal_api import rest_ended_early

SHORT = "Your rest was under a minute: kept in your journal, but a session counts as practice once it lasts a minute"


def _practice_line(client: TestClient) -> str:
    page = client.get("/progress").text
    found = re.search(r"<h3>Practice</h3>\s*<p>([^<]*)</p>", page)
    assert found, "no practice line on Progress"
    return found.group(1)


def test_progress_says_a_rest_under_a_minute_in_words(cleared: TestClient, clock: FakeClock) -> None:
    rest_ended_early(cleared, clock, 9)
    line = _practice_line(cleared)
    assert line.startswith(f"{SHORT}; days with a session or check-in: 1 of 30"), line
    assert "0 sessions" not in line and "0 min" not in line
    assert cleared.get("/api/progress").json()["adherence"]["summary"].startswith(SHORT)
    rest_ended_early(cleared, clock, 20)
    assert _practice_line(cleared).startswith("Your 2 rests in the last 28 days were each under a minute:")


def test_a_rest_of_a_minute_brings_the_numbers_back_on_progress(cleared: TestClient, clock: FakeClock) -> None:
    rest_ended_early(cleared, clock, 9)
    rest_ended_early(cleared, clock, 60)
    assert _practice_line(cleared).startswith("1 session (1 min) in the last 7 days")


def test_a_clinician_reads_of_theirrest_ended_early() -> None:
    now = datetime(2026, 3, 20, 12, tzinfo=UTC)
    rest = PracticeSession(now - timedelta(hours=1), 5, "standard", SessionStatus.ENDED_EARLY, actual_seconds=9)
    line = adherence_line(adherence([rest], [], UTC, now, None), Reader.CLINICIAN).text
    assert line.startswith("Their rest was under a minute: kept in their journal, but a session counts as practice")
