"""Reminders as iCalendar: weekly at the chosen local time in the person's zone, with an alarm (RFC 5545)."""

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from crest.interop.ical import (
    EVERY_DAY,
    WEEKDAYS_PATTERN,
    InvalidReminder,
    Reminder,
    Weekday,
    parse_clock_time,
    parse_weekdays,
    reminder_calendar,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 25, 12, 0, tzinfo=UTC)  # a Wednesday, days before the clocks change in Berlin
WEEKDAYS = parse_weekdays("mon,tue,wed,thu,fri")


def _event(text: str) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(text)
    (event,) = calendar.walk("VEVENT")
    return event


def test_weekly_at_local_time_in_the_named_zone_with_an_alarm() -> None:
    text = reminder_calendar(Reminder(time(18, 0), WEEKDAYS, 15, "Constructive rest", "Lie down."), BERLIN, NOW)
    event = _event(text)
    start = event.decoded("dtstart")
    assert start == datetime(2026, 3, 25, 18, 0, tzinfo=BERLIN)  # today, since 18:00 is still ahead
    assert "DTSTART;TZID=Europe/Berlin:20260325T180000" in text
    assert "BEGIN:VTIMEZONE" in text
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert event.decoded("duration") == timedelta(minutes=15)
    (alarm,) = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(0)
    # After the switch to summer time the occurrence is still at 18:00 local (16:00 UTC, not 17:00).
    after_switch = datetime(2026, 3, 30, 18, 0, tzinfo=BERLIN)
    assert after_switch.astimezone(UTC).hour == 16


def test_first_occurrence_is_the_next_chosen_day() -> None:
    late = datetime(2026, 3, 25, 19, 0, tzinfo=UTC)  # 20:00 in Berlin: today's 18:00 has passed
    event = _event(reminder_calendar(Reminder(time(18, 0), (Weekday.MON,), 15, "Rest", "."), BERLIN, late))
    assert event.decoded("dtstart").date().isoformat() == "2026-03-30"


def test_without_a_named_zone_the_time_floats() -> None:
    text = reminder_calendar(Reminder(time(7, 30), EVERY_DAY, 10, "Rest", "."), timezone(timedelta(hours=2)), NOW)
    assert "DTSTART:20260325T073000" not in text  # 07:30 at +02:00 is already past at 12:00 UTC
    assert "DTSTART:20260326T073000" in text
    assert "VTIMEZONE" not in text


def test_days_come_in_week_order_and_times_are_read_kindly() -> None:
    assert parse_weekdays("fri,mon,wed,mon") == (Weekday.MON, Weekday.WED, Weekday.FRI)
    assert parse_clock_time("7:05") == time(7, 5)
    with pytest.raises(InvalidReminder, match="cannot read day “funday”"):
        parse_weekdays("mon,funday")
    with pytest.raises(InvalidReminder, match="write it like 18:00"):
        parse_clock_time("six pm")


DAYS_ACCEPTED = "write the days you want from mon,tue,wed,thu,fri,sat,sun"


@pytest.mark.parametrize(
    ("written", "unread"),
    [
        ("monday", "cannot read day “monday”"),
        ("mon,tuesdays", "cannot read day “tuesdays”"),
        ("sunshine", "cannot read day “sunshine”"),
        ("Mon, Wed", "cannot read day “Mon”"),
        ("mon,,mon", "“mon,,mon” has a comma with no day beside it"),
        ("mon,wed,", "“mon,wed,” has a comma with no day beside it"),
    ],
)
def test_days_are_read_only_as_the_api_takes_them_saying_what_was_not_understood(written: str, unread: str) -> None:
    """`crest remind --days` read each day by its first three letters, and skipped an empty one: "monday",
    "tuesdays" (and "sunshine") were days, "mon,,mon" Monday, where the API refused them. One rule, the API's."""
    with pytest.raises(InvalidReminder) as refused:
        parse_weekdays(written)
    assert refused.value.message == f"{unread}; {DAYS_ACCEPTED}"
    assert not re.fullmatch(WEEKDAYS_PATTERN, written)  # the rule the API's schema writes


@pytest.mark.parametrize("written", ["7:5", "\uff17:30", "07:30:00", "24:00"])
def test_a_time_the_api_refuses_is_refused_at_the_terminal_too(written: str) -> None:
    """`crest remind --time 7:5` made a reminder at 07:05 (7:50 was as likely meant), and full-width digits were
    read, where the API refuses both: one rule for a time of day at every door."""
    with pytest.raises(InvalidReminder, match="write it like 18:00"):
        parse_clock_time(written)
    with pytest.raises(InvalidReminder, match="at least one day"):
        parse_weekdays(" , ")


def test_a_last_day_ends_the_repeat_at_the_end_of_that_day_in_utc() -> None:
    reminder = Reminder(time(7, 30), WEEKDAYS, 10, "Rest", ".", last_day=date(2027, 1, 31))
    text = reminder_calendar(reminder, BERLIN, NOW)
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270131T225959Z;BYDAY=MO,TU,WE,TH,FR" in text  # 23:59:59 in Berlin (+01:00)
    assert _event(text)["rrule"]["UNTIL"] == [datetime(2027, 1, 31, 22, 59, 59, tzinfo=UTC)]


def test_a_last_day_floats_with_a_floating_start() -> None:
    reminder = Reminder(time(7, 30), EVERY_DAY, 10, "Rest", ".", last_day=date(2027, 1, 31))
    text = reminder_calendar(reminder, timezone(timedelta(hours=2)), NOW)
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270131T235959;BYDAY=" in text  # no Z: floating, like its start


def test_no_reminder_is_made_when_its_last_day_has_no_occurrence_left() -> None:
    late = datetime(2026, 3, 25, 19, 0, tzinfo=UTC)  # 20:00 in Berlin: the last day's 18:00 has passed
    with pytest.raises(InvalidReminder, match="no reminder day is left before the end on 2026-03-25"):
        reminder_calendar(Reminder(time(18, 0), EVERY_DAY, 15, "Rest", ".", last_day=date(2026, 3, 25)), BERLIN, late)


@pytest.mark.parametrize(
    ("read", "typed"), [(parse_clock_time, "1" * 5000), (parse_weekdays, "mon," + "x" * 5000)], ids=["time", "day"]
)
def test_a_long_unreadable_value_is_repeated_only_by_its_start(read: Any, typed: str) -> None:
    with pytest.raises(InvalidReminder) as refused:
        read(typed)
    assert len(refused.value.message) < 120  # it repeated all 5,000 characters
    assert "…”" in refused.value.message


def test_a_changed_reminder_is_the_same_event_so_a_calendar_replaces_it() -> None:
    """The UID was made of the time and days: 18:00 every day, then 07:30 Mon, Wed, Fri imported again, were two
    events, and the person was reminded twice a day. Every download is now the one event, counted higher later."""
    first = _event(reminder_calendar(Reminder(time(18, 0), EVERY_DAY, 15, "Rest", "."), BERLIN, NOW))
    later = NOW + timedelta(days=1, minutes=5)
    changed = _event(
        reminder_calendar(Reminder(time(7, 30), parse_weekdays("mon,wed,fri"), 15, "Rest", "."), BERLIN, later)
    )
    assert str(first["uid"]) == str(changed["uid"])
    assert int(changed["sequence"]) > int(first["sequence"])


def test_the_time_zone_in_the_file_holds_summer_time_after_2037() -> None:
    """icalendar's VTIMEZONE stopped at 2038: an app that reads it (rather than the zone's name) put the 18:00 of
    July 2040 at 17:00. It now runs from the first reminder on, for decades, and is no larger for it."""
    text = reminder_calendar(Reminder(time(18, 0), EVERY_DAY, 15, "Rest", "."), BERLIN, NOW)
    (zone,) = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")
    from_the_file = zone.to_tz(lookup_tzid=False)  # as the file spells it, not as this computer knows the name
    assert datetime(2040, 7, 1, 18, 0, tzinfo=from_the_file).utcoffset() == timedelta(hours=2)
    assert datetime(2040, 12, 1, 18, 0, tzinfo=from_the_file).utcoffset() == timedelta(hours=1)
    assert len(text) < 4000
    leap_day = datetime(2028, 2, 29, 12, 0, tzinfo=UTC)  # a first reminder on 29 February has its zone too
    assert "TZID:Europe/Berlin" in reminder_calendar(
        Reminder(time(18, 0), EVERY_DAY, 15, "Rest", "."), BERLIN, leap_day
    )


LONDON = ZoneInfo("Europe/London")


def test_a_second_time_a_day_is_a_second_event_of_its_own_each_at_its_local_time_across_daylight_saving() -> None:
    """A reminder had one time, where Settings says once or twice a day is what teachers suggest. Each time is its
    own weekly event with its alarm, with a UID of its own that every download keeps (a calendar replaces both)."""
    before_the_change = datetime(2027, 3, 26, 9, 0, tzinfo=UTC)  # Friday; London goes to summer time on Sunday 28th
    reminder = Reminder(time(7, 30), EVERY_DAY, 15, "Rest", ".", also_at=time(18, 0))
    text = reminder_calendar(reminder, LONDON, before_the_change)
    calendar = icalendar.Calendar.from_ical(text)
    first, second = calendar.walk("VEVENT")
    assert (str(first["uid"]), str(second["uid"])) == ("crest-reminder@crest", "crest-reminder-2@crest")
    later = reminder_calendar(Reminder(time(6, 0), EVERY_DAY, 15, "Rest", ".", also_at=time(21, 0)), LONDON, NOW)
    assert [str(event["uid"]) for event in icalendar.Calendar.from_ical(later).walk("VEVENT")] == [
        "crest-reminder@crest",
        "crest-reminder-2@crest",
    ]
    assert len(calendar.walk("VTIMEZONE")) == 1  # one zone for both
    for event, local in ((first, time(7, 30)), (second, time(18, 0))):
        assert len(event.walk("VALARM")) == 1
        start = event.decoded("dtstart")
        assert start.date() == date(2027, 3, 26 if local > time(9, 0) else 27)  # today if still ahead
        days = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
        weekend = (datetime(2027, 3, 27, tzinfo=LONDON), datetime(2027, 3, 30, tzinfo=LONDON))
        saturday, sunday, monday = days.between(*weekend)
        assert {saturday.timetz(), sunday.timetz(), monday.timetz()} == {local.replace(tzinfo=LONDON)}
        # on the day the clocks change, the same local time is an hour earlier in UTC
        assert saturday.astimezone(UTC).hour - sunday.astimezone(UTC).hour == 1


def test_a_time_whose_last_day_has_passed_has_no_event_the_other_stays() -> None:
    at_noon = datetime(2026, 3, 25, 11, 0, tzinfo=UTC)  # 12:00 in Berlin, on the prescription's last day
    reminder = Reminder(time(8, 0), EVERY_DAY, 15, "Rest", ".", last_day=date(2026, 3, 25), also_at=time(18, 0))
    [event] = icalendar.Calendar.from_ical(reminder_calendar(reminder, BERLIN, at_noon)).walk("VEVENT")
    assert str(event["uid"]) == "crest-reminder-2@crest"
    assert event.decoded("dtstart") == datetime(2026, 3, 25, 18, 0, tzinfo=BERLIN)
