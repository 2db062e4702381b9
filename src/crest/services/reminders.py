"""Calendar reminders: the person's chosen days and time as an iCalendar file their calendar app can import."""

from __future__ import annotations

from datetime import tzinfo
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from crest.clock import Clock
from crest.interop.ical import InvalidReminder, Reminder, Weekday, parse_clock_time, reminder_calendar
from crest.protocol.loader import load_protocol
from crest.services.preferences import Preferences, PreferencesStore

# Said wherever the file is offered: some calendar apps import the event but quietly leave out its alarm.
ALARM_CAVEAT = (
    "Some calendar apps drop the alarm when they import a file; if yours does, add a notification to the event."
)


class Reminders:
    def __init__(self, preferences: PreferencesStore, clock: Clock, zone: tzinfo) -> None:
        self._preferences = preferences
        self._clock = clock
        self._zone = zone

    def calendar(
        self,
        at: str | None = None,
        days: tuple[Weekday, ...] | None = None,
        minutes: int | None = None,
        zone_name: str | None = None,
    ) -> str:
        """The .ics text; anything not given comes from Settings (default: every day at 18:00, the session length)."""
        preferences = self._preferences.current()
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
    protocol = load_protocol()
    steps = "\n".join(f"- {step.title}: {step.text}" for step in protocol.setup)
    return (
        f"Time for {minutes} minutes of constructive rest. {protocol.suggested_time.text}\n\n"
        f"How to lie:\n{steps}\n\nStart a guided session with `crest session` or in the crest web app.\n\n"
        f"{protocol.disclaimer}"
    )
