"""Calendar reminders: the person's chosen days and time as an iCalendar file their calendar app can import."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from crest.accounts.records import Prescription
from crest.clock import Clock
from crest.interop.ical import EVERY_DAY, InvalidReminder, Reminder, Weekday, parse_clock_time, reminder_calendar
from crest.protocol.loader import load_protocol
from crest.services.preferences import Preferences, PreferencesStore

# Said wherever the file is offered: some calendar apps import the event but quietly leave out its alarm.
ALARM_CAVEAT = (
    "Some calendar apps drop the alarm when they import a file; if yours does, add a notification to the event."
)


def prescribed_days(days_per_week: int) -> tuple[Weekday, ...]:
    """Days spread over the week for a prescription of so many days a week (3: Monday, Wednesday, Friday)."""
    return tuple(EVERY_DAY[round(index * 7 / days_per_week)] for index in range(days_per_week))


class Reminders:
    def __init__(
        self,
        preferences: PreferencesStore,
        clock: Clock,
        zone: tzinfo,
        prescription: Callable[[], Prescription | None] = lambda: None,
    ) -> None:
        self._preferences = preferences
        self._clock = clock
        self._zone = zone
        self._prescription = prescription  # a practitioner's dose, which the reminder follows

    def calendar(
        self,
        at: str | None = None,
        days: tuple[Weekday, ...] | None = None,
        minutes: int | None = None,
        zone_name: str | None = None,
    ) -> str:
        """The .ics text; anything not given comes from the current prescription, else from Settings (default:
        every day at 18:00, the session length)."""
        preferences = self._preferences.current()
        prescription = self._prescription()
        if prescription is not None:
            at = at or prescription.reminder_time
            days = days or prescribed_days(prescription.days_per_week)
            minutes = minutes or prescription.minutes
        chosen = {
            "reminder_time": at or preferences.reminder_time,
            "reminder_days": ",".join(day.value for day in days) if days else preferences.reminder_days,
            "reminder_zone": zone_name or preferences.reminder_zone,
            "default_minutes": minutes or preferences.default_minutes,
        }
        try:
            checked = Preferences.model_validate(preferences.model_dump() | chosen)
        except ValidationError as error:
            first = error.errors()[0]
            raise InvalidReminder(str(first["msg"]).removeprefix("Value error, ")) from None
        reminder = Reminder(
            at=parse_clock_time(checked.reminder_time),
            days=checked.weekdays,
            minutes=checked.default_minutes,
            summary="Constructive rest",
            description=_setup_text(checked.default_minutes),
        )
        return reminder_calendar(reminder, self.zone(checked), self._clock())

    def zone(self, preferences: Preferences | None = None) -> tzinfo:
        chosen = (preferences or self._preferences.current()).reminder_zone
        return ZoneInfo(chosen) if chosen else self._zone


def _setup_text(minutes: int) -> str:
    """What to do when the reminder comes. It comes at the time chosen, so it names no time of day: the protocol's
    suggested slot (after work, before the evening meal) would be wrong for a morning reminder."""
    protocol = load_protocol()
    steps = "\n".join(f"- {step.title}: {step.text}" for step in protocol.setup)
    return (
        f"Time for {minutes} minutes of constructive rest.\n\n"
        f"How to lie:\n{steps}\n\nStart a guided session with `crest session` or in the crest web app.\n\n"
        f"{protocol.disclaimer}"
    )
