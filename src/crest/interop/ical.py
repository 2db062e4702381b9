"""A reminder as an iCalendar file (RFC 5545): one event repeating weekly on the chosen days at the person's local
time, in their time zone, with an alarm, until the last day if there is one. Data in, text out; `now` and the zone
are passed in.

With a named zone (Europe/Berlin) the event carries its TZID and a VTIMEZONE, so 18:00 stays 18:00 across daylight
saving. Without one (only a fixed offset is known) the time is written as floating local time, which calendars show
at 18:00 wherever the person is: still the time they chose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

import icalendar

from crest.errors import CrestError
from crest.input_problems import quoted

PRODUCT_ID = "-//crest//constructive rest reminders//EN"
# One person has one crest reminder: every download is that same event, so a calendar app that imports a changed one
# replaces it rather than adding a second (a UID made of the time and days gave 07:30 and 18:00 side by side).
REMINDER_UID = "crest-reminder@crest"
# A second time each day is a second event, with its own alarm, as stable: a new download replaces both.
SECOND_REMINDER_UID = "crest-reminder-2@crest"
# How many years of a reminder without an end its time zone spells out: a lifetime of practice, in 2 KB.
ZONE_YEARS = 50


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def rrule_day(self) -> str:
        return self.value[:2].upper()  # MO, TU, ...

    @property
    def number(self) -> int:
        return list(Weekday).index(self)  # Monday is 0, like date.weekday()


EVERY_DAY: tuple[Weekday, ...] = tuple(Weekday)


def day_names(days: tuple[Weekday, ...]) -> str:
    """'Mon, Wed, Fri': the days as every page and `crest sync` name them."""
    return ", ".join(day.value.capitalize() for day in days)


class InvalidReminder(CrestError):
    """A reminder time, day or length that cannot be read."""


# How days are written at every door (`crest remind --days`, the API, Settings' JSON): the days' own three letters,
# commas between. "tuesdays" or "sunshine" read by their first three letters, and "mon,,mon" as Monday, made a
# reminder on days no one wrote.
_DAY = "(" + "|".join(day.value for day in Weekday) + ")"
WEEKDAYS_PATTERN = rf"^{_DAY}(,{_DAY})*$"
_DAYS_ACCEPTED = f"write the days you want from {','.join(Weekday)}"


def parse_weekdays(text: str) -> tuple[Weekday, ...]:
    """'mon,wed,fri' -> the days in week order, a day written twice counted once; anything else refused in one line
    naming what was not understood and what is accepted."""
    if not text.strip(" ,"):
        raise InvalidReminder("choose at least one day, like mon,wed,fri")
    if not re.fullmatch(WEEKDAYS_PATTERN, text):
        unread = next((part for part in text.split(",") if part not in list(Weekday)), "")
        said = (
            f"{quoted(text)} has a comma with no day beside it" if not unread else f"cannot read day {quoted(unread)}"
        )
        raise InvalidReminder(f"{said}; {_DAYS_ACCEPTED}")
    written = set(text.split(","))
    return tuple(day for day in Weekday if day.value in written)


def weekdays_text(days: tuple[Weekday, ...]) -> str:
    """The days as `parse_weekdays` reads them back: 'mon,wed,fri'."""
    return ",".join(day.value for day in days)


# How a time of day is written at every door: '18:00' or '7:30', in ASCII digits ('7:5' could be 07:05 or 07:50).
CLOCK_TIME_PATTERN = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"


def parse_clock_time(text: str) -> time:
    """'18:00' or '7:30' -> a time of day."""
    if not re.fullmatch(CLOCK_TIME_PATTERN, text.strip()):
        raise InvalidReminder(f"cannot read the time {quoted(text)}; write it like 18:00")
    hours, minutes = (int(part) for part in text.strip().split(":"))
    return time(hours, minutes)


@dataclass(frozen=True)
class Reminder:
    at: time  # local time of day
    days: tuple[Weekday, ...]
    minutes: int  # how long the event lasts: the session's length
    summary: str
    description: str  # the setup, so the calendar entry says what to do
    last_day: date | None = None  # a prescription's end: no reminder after this day
    first_day: date | None = None  # a prescription's start: no reminder before this day
    also_at: time | None = None  # a second local time each day (once or twice a day is what teachers suggest)
    # a second time was in a file before and is no longer: its event goes out cancelled (`_cancelled`)
    second_removed: bool = False


def reminder_calendar(reminder: Reminder, zone: tzinfo, now: datetime) -> str:
    """The calendar file, one event for each time of day: the first occurrence is the next chosen day at that time
    (today if still ahead), or the first chosen day from a later start."""
    if not reminder.days:
        raise InvalidReminder("choose at least one day for the reminder")
    timed = ((reminder.at, REMINDER_UID), (reminder.also_at, SECOND_REMINDER_UID))
    firsts = {uid: (at, _first_occurrence(reminder, at, zone, now)) for at, uid in timed if at is not None}
    if reminder.last_day is not None:  # a time whose last occurrence has passed has no event left
        firsts = {uid: first for uid, first in firsts.items() if first[1] <= reminder.last_day}
    if not firsts:
        raise InvalidReminder(f"no reminder day is left before the end on {reminder.last_day}")
    named = zone if isinstance(zone, ZoneInfo) else None
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for uid, (at, first) in firsts.items():
        calendar.add_component(_event(reminder, uid, datetime.combine(first, at, tzinfo=named), now))
    if reminder.second_removed and SECOND_REMINDER_UID not in firsts:
        calendar.add_component(_cancelled(SECOND_REMINDER_UID, reminder.summary, now))
    if named is not None:
        # From the first reminder on, as far as it goes: icalendar's own span (1970-2038) left every occurrence after
        # 2037 an hour out in summer, in an app that reads the VTIMEZONE rather than the zone's name.
        first = min(day for _, day in firsts.values())
        last = reminder.last_day + timedelta(days=1) if reminder.last_day else date(first.year + ZONE_YEARS, 1, 1)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _event(reminder: Reminder, uid: str, start: datetime, now: datetime) -> icalendar.Event:
    """One weekly event from `start` (naive, floating, without a named zone) on the reminder's days."""
    repeat: dict[str, object] = {"freq": "weekly", "byday": [day.rrule_day for day in reminder.days]}
    if reminder.last_day is not None:
        repeat["until"] = _until(reminder.last_day, start.tzinfo if isinstance(start.tzinfo, ZoneInfo) else None)
    event = icalendar.Event()
    _stamped(event, uid, now)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=reminder.minutes))
    event.add("rrule", repeat)
    event.add("summary", reminder.summary)
    event.add("description", reminder.description)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not block the time
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder.summary)
    alarm.add("trigger", timedelta(0))  # at the start of the event
    event.add_component(alarm)
    return event


def _stamped(event: icalendar.Event, uid: str, now: datetime) -> None:
    event.add("uid", uid)
    event.add("dtstamp", now)
    # a later download counts higher: an app that compares them takes the newer one
    event.add("sequence", int(now.timestamp()) // 60)


def _cancelled(uid: str, summary: str, now: datetime) -> icalendar.Event:
    """The event of a time no longer wanted, cancelled (RFC 5545 STATUS:CANCELLED) with a newer SEQUENCE: an app that
    takes a download's events by their UID marks that weekly event cancelled or drops it. An app that reads no status
    still replaces it with this one: once, now, without a repeat or an alarm. A file cannot delete an event, so where
    an app keeps it, crest says to delete it there (`services.reminders.replace_or_stop`)."""
    event = icalendar.Event()
    _stamped(event, uid, now)
    event.add("dtstart", now.astimezone(UTC).replace(second=0, microsecond=0))
    event.add("duration", timedelta(minutes=1))
    event.add("summary", f"{summary} (second reminder, removed)")
    event.add("status", "CANCELLED")
    event.add("transp", "TRANSPARENT")
    return event


def _until(last_day: date, named: ZoneInfo | None) -> datetime:
    """The end of the last day in the reminder's zone. RFC 5545 wants UNTIL in UTC when DTSTART has a TZID, and
    floating like DTSTART when it has none."""
    end = datetime.combine(last_day, time(23, 59, 59), tzinfo=named)
    return end if named is None else end.astimezone(UTC)


def _first_occurrence(reminder: Reminder, at: time, zone: tzinfo, now: datetime) -> date:
    local_now = now.astimezone(zone)
    wanted = {day.number for day in reminder.days}
    if reminder.first_day is not None and reminder.first_day > local_now.date():
        # A programme that starts later: its first day counts whole, whatever the time now.
        local_now = datetime.combine(reminder.first_day, time.min, tzinfo=local_now.tzinfo)
    for ahead in range(8):
        day = local_now.date() + timedelta(days=ahead)
        if day.weekday() in wanted and (ahead or local_now.time() < at):
            return day
    raise AssertionError("a chosen weekday comes within eight days")  # pragma: no cover
