"""The Journal page a page at a time: 50 entries, newest first, with "Older" and "Newer" links."""

import re
from datetime import UTC, date
from pathlib import Path

from fastapi.testclient import TestClient

from crest.insights.history import newest_first
from crest.journal.records import PracticeSession
from crest.journal.store import Journal
from support.practice_history import daily_practice

HISTORY = daily_practice(date(2026, 3, 1), 40, UTC)  # 40 sessions and 80 check-ins: pages of 50, 50 and 20


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr id="((?:session|checkin)-\d+)" role="row">', html)


def test_the_journal_pages_through_every_entry_newest_first(unanswered: TestClient, tmp_path: Path) -> None:
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}") as journal:
        journal.import_contents(HISTORY)
    first, second, last = (unanswered.get("/journal", params={"page": page}).text for page in (1, 2, 3))
    assert unanswered.get("/journal").text.count("<tr id=") == 50  # the first page without asking for it
    assert 'rel="next" href="/journal?page=2">Older</a>' in first and ">Newer</a>" not in first
    assert 'rel="prev" href="/journal">Newer</a>' in second and 'href="/journal?page=3">Older</a>' in second
    assert 'rel="prev" href="/journal?page=2">Newer</a>' in last and ">Older</a>" not in last
    every = [
        f"session-{entry.id}" if isinstance(entry, PracticeSession) else f"checkin-{entry.id}"
        for entry in newest_first(HISTORY.sessions, HISTORY.check_ins)
    ]
    assert [len(_rows(page)) for page in (first, second, last)] == [50, 50, 20]
    assert _rows(first) + _rows(second) + _rows(last) == every


def test_newer_past_the_end_of_a_short_journal_leads_to_its_only_page(unanswered: TestClient, tmp_path: Path) -> None:
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}") as journal:
        journal.import_contents(daily_practice(date(2026, 3, 1), 2, UTC))
    beyond = unanswered.get("/journal", params={"page": 99}).text
    assert "There is nothing this far back." in beyond and 'rel="prev" href="/journal">Newer</a>' in beyond


def test_a_page_past_the_end_or_below_one_gets_a_calm_answer(unanswered: TestClient, tmp_path: Path) -> None:
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}") as journal:
        journal.import_contents(HISTORY)
    beyond = unanswered.get("/journal", params={"page": 9})
    assert beyond.status_code == 200 and "There is nothing this far back." in beyond.text
    assert 'href="/journal?page=3">Newer</a>' in beyond.text  # the last page with records, not the empty page 8
    refused = unanswered.get("/journal", params={"page": 0})
    assert refused.status_code == 422 and "enter 1 or more" in refused.text
