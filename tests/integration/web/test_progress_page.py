"""The Progress page: each chart with its numbers as a table, and its marks reachable by keyboard."""

import re
from datetime import timedelta

from fastapi.testclient import TestClient

from crest.insights.verdicts import MIN_DAYS_PER_WINDOW, PAIN_MIN_DROP_POINTS, PAIN_MIN_DROP_SHARE
from support.clock import FakeClock


def test_every_chart_has_its_numbers_as_a_table_and_one_tab_stop(cleared: TestClient, clock: FakeClock) -> None:
    hip = [{"region": "hip", "side": "left", "score": 5}]
    before = cleared.post("/api/checkins", json={"timing": "before", "pain": hip}).json()
    session = cleared.post("/api/sessions", json={"planned_minutes": 10, "before_checkin_id": before["id"]}).json()
    clock.advance(600)
    cleared.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 600, "status": "completed"})
    after = {"session_id": session["id"], "pain": hip}
    assert cleared.post("/api/checkins", json=after).status_code == 201

    page = cleared.get("/progress").text
    assert page.count('<details class="chart-numbers">') == 3
    tables = re.findall(r"<table>.*?</table>", page, flags=re.DOTALL)
    cells = [re.findall(r"<td>([^<]*)</td>", table) for table in tables]
    # the calendar week's days so far (today is Wednesday), its median, its ratings
    assert cells[0] == ["4 May to 6 May (this week so far)", "Hip (left)", "5.0", "(5, 5)"]  # a day rated twice
    assert cells[1] == ["Wed 6 May 17:30", "Hip (left)", "5 to 5", "0 (the same)"]
    assert cells[2] == ["4 May (this week so far)", "1", "10"]
    # the marks take the keyboard, each named (charts.js keeps one tab stop per chart), the drawing itself none
    assert re.search(r'<svg[^>]*role="group" tabindex="-1"', page) and ' tabindex="0" role="img"' in page
    assert "Each chart covers the same time: this week." in page
    # A phone has no hover (journal walk-through L7): the tables are the way to each value.
    assert "Every value is in the numbers under its chart" in page and "Hover" not in page
    # How the verdict is decided names the same number of days a week as the rule uses.
    assert f"your first week with ratings on at least {MIN_DAYS_PER_WINDOW} days" in page
    # The charts' hint gives the verdict's own rule for "better" (both a fall in points and a share), not "2 or 30%".
    share = f"{int(PAIN_MIN_DROP_SHARE * 100)}%"
    assert f"Pain counts as better after a fall of at least {PAIN_MIN_DROP_POINTS} points and at least {share}" in page
    assert "(or 30%)" not in page


def test_a_wrong_compare_from_day_comes_back_to_progress_with_its_reason(cleared: TestClient, clock: FakeClock) -> None:
    """A day not yet come in "Compare from" led to an error page whose one link went to Today; the box's mistake is
    now said above the box, on Progress (422), with the comparison an empty box makes, and the box keeps the day."""
    ahead = (clock().date() + timedelta(days=1)).isoformat()
    for since, reason in (
        (ahead, f"the start {ahead} is after today ({clock().date().isoformat()}); choose a day up to today."),
        ("soon", "“soon” is not a date; write it as YYYY-MM-DD, for example 2026-05-01."),
        ("1999-12-31", "the day 1999-12-31 is before 2000, when crest&#39;s records begin; choose a later day."),
    ):
        page = cleared.get("/progress", params={"since": since})
        assert page.status_code == 422
        assert f'<p id="since-error" class="notice danger" role="alert">Compare from: {reason}</p>' in page.text
        assert "<h1>Progress</h1>" in page.text and "Is it helping?" in page.text
        assert 'aria-describedby="since-error since-hint" aria-invalid="true"' in page.text
        assert f'<input id="since" name="since" type="date" value="{since}"' in page.text  # kept, to be mended
    empty = cleared.get("/progress", params={"since": ""})  # the box left empty, as its hint allows
    assert empty.status_code == 200 and "since-error" not in empty.text


def test_a_place_no_longer_rated_is_named_with_the_day_of_its_latest_rating(
    cleared: TestClient, clock: FakeClock
) -> None:
    """Walk-through L4: 'Neck (centre): latest rating 3/10' of a neck last rated weeks ago read as today's pain."""
    weeks_ago = (clock() - timedelta(days=21)).isoformat()
    neck = {"pain": [{"region": "neck", "side": "centre", "score": 3}], "at": weeks_ago}
    assert cleared.post("/api/checkins", json=neck).status_code == 201
    page = cleared.get("/progress").text
    assert "Neck (centre): latest rating 3/10 on 15 Apr 2026; not enough ratings yet" in page
    # and what it rests on, in the report's words (walk-through M5)
    assert "First week: 1 rating on 1 day, 15 Apr 2026; latest week: none yet." in page
