"""Since when a practice alert stands, to a practitioner and to an API client: an alert raised by a day (pain rising,
dated by the day of the latest ratings) is said as that day, "since yesterday", and the API names that day in the
client's zone (`day`) beside `since`, that day's start; an alert of a moment keeps its time and has no day."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from crest.insights.alerts import Alert, AlertKind
from crest.insights.timeframe import start_of_day
from crest.web.pages.practice_pages import _alert_since
from crest.web.practice_schemas import AlertOut
from crest.web.presenters import friendly_day

ZONE = ZoneInfo("Pacific/Auckland")  # 13 hours ahead of UTC in December: the day's start is the day before in UTC
NOW = datetime(2026, 12, 8, 9, 30, tzinfo=ZONE)
RATED = date(2026, 12, 7)
RISING = Alert(AlertKind.PAIN_RISING, start_of_day(RATED, ZONE), "pain up 2 points or more", day=RATED)
SEVERE = Alert(AlertKind.SEVERE_PAIN, datetime(2026, 12, 7, 18, 20, tzinfo=ZONE), "pain 8/10 at the lower back")


def test_a_practitioner_reads_the_day_of_an_alert_raised_by_a_day() -> None:
    assert _alert_since(RISING, ZONE, NOW) == "yesterday"
    assert _alert_since(SEVERE, ZONE, NOW) == "yesterday 18:20"


def test_an_api_client_reads_the_day_in_the_clients_zone() -> None:
    rising = AlertOut.of(RISING).model_dump(mode="json")
    assert rising["day"] == "2026-12-07" and rising["since"] == "2026-12-07T00:00:00+13:00"
    assert AlertOut.of(SEVERE).model_dump(mode="json")["day"] is None
    described = AlertOut.model_json_schema()["properties"]
    assert "day" in described["since"]["description"] and "pain_rising" in described["day"]["description"]


def test_a_day_reads_as_friendly_time_says_it_without_the_clock() -> None:
    today = date(2026, 12, 8)
    assert [friendly_day(day, today) for day in (today, RATED, date(2026, 5, 4), date(2025, 5, 4))] == [
        "today",
        "yesterday",
        "Mon 4 May",
        "4 May 2025",
    ]
