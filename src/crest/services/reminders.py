"""Calendar reminders: the person's chosen days and time as an iCalendar file their calendar app can import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, tzinfo
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from crest.accounts.records import Prescription, times_a_day
from crest.clock import Clock
from crest.interop.ical import (
    EVERY_DAY,
    InvalidReminder,
    Reminder,
    Weekday,
    parse_clock_time,
    reminder_calendar,
    weekdays_text,
)
from crest.protocol.loader import load_protocol
from crest.protocol.model import SIDE_LYING_VARIANT
from crest.services.preferences import Preferences, PreferencesStore
from crest.session.timeline import check_variant

# Said wherever the file is offered: some calendar apps import the event but quietly leave out its alarm.
ALARM_CAVEAT = (
    "Some calendar apps drop the alarm when they import a file; if yours does, add a notification to the event."
)


def replace_or_stop(times: int, second_cancelled: bool = False) -> str:
    """Said with the file: the reminder lives in the calendar, so that is where it changes and stops; of two times
    a day, both ("crest's reminder" said one of two). A file that cancels the second time's event says where to
    delete it if the calendar app keeps it (a file can ask, not delete)."""
    reminder, it = ("reminders", "them") if times == 2 else ("reminder", "it")
    said = (
        f"A new download replaces crest's {reminder} in your calendar (in most apps); to stop {it}, delete {it} in "
        "your calendar."
    )
    if second_cancelled:
        said += (
            " This file also cancels crest's second reminder of the day, which you removed: if your calendar app "
            "still shows it, delete it there."
        )
    return said


@dataclass(frozen=True)
class ReminderFile:
    """A calendar file and what to say with it."""

    text: str
    times: int  # events a day: one or two
    second_cancelled: bool  # it cancels the event of a second time removed since an earlier file

    @property
    def said_with_it(self) -> str:
        return f"{ALARM_CAVEAT} {replace_or_stop(self.times, self.second_cancelled)}"


# A reminder already in the calendar cannot know that crest has since advised against resting: the event says so
# itself, and every refusal of a new one says to take the old one out.
SEEN_FIRST = (
    "If crest has advised you to see a clinician or to seek urgent care, do that first: no rest until then "
    "(crest says so when you open it)."
)
DELETE_THE_OLD_ONE = "If you added crest's reminder to your calendar before, delete it there until then."


def no_reminder_because(explanation: str) -> str:
    """Why no reminder is made (the standing advice, one line), then what to do with one imported before it."""
    ended = explanation if explanation.endswith((".", "!", "?")) else f"{explanation}."
    return f"{ended} {DELETE_THE_OLD_ONE}"


# Weekdays first, spread as evenly over the week as they allow: a dose is easiest kept on working days, with the
# weekend for the days beyond five.
_PRESCRIBED_DAYS: dict[int, tuple[Weekday, ...]] = {
    1: (Weekday.MON,),  # Monday
    2: (Weekday.MON, Weekday.THU),  # Monday, Thursday
    3: (Weekday.MON, Weekday.WED, Weekday.FRI),  # Monday, Wednesday, Friday
    4: (Weekday.MON, Weekday.TUE, Weekday.THU, Weekday.FRI),  # Monday, Tuesday, Thursday, Friday
    5: EVERY_DAY[:5],  # Monday to Friday
    6: EVERY_DAY[:6],  # Monday to Saturday
    7: EVERY_DAY,  # every day
}


def prescribed_days(days_per_week: int) -> tuple[Weekday, ...]:
    """The days of a prescription of so many days a week whose practitioner chose none (3: Monday, Wednesday,
    Friday; see _PRESCRIBED_DAYS)."""
    return _PRESCRIBED_DAYS[days_per_week]


@dataclass(frozen=True)
class PrescribedReminder:
    """The reminder as a standing prescription sets it."""

    at: str | None  # None: the prescription names no time, the person's own from Settings stands
    days: tuple[Weekday, ...]
    minutes: int
    sessions_per_day: int
    first_day: date | None  # the prescription's start while it is still ahead: no reminder before it
    last_day: date | None
    variant: str = "standard"  # the rest the practitioner chose, whose steps the reminder gives


class Reminders:
    def __init__(
        self,
        preferences: PreferencesStore,
        clock: Clock,
        zone: tzinfo,
        prescription: Callable[[], Prescription | None] = lambda: None,
        side_lying_only: Callable[[], bool] = lambda: False,
        refuse_while_concern: Callable[[], None] = lambda: None,
    ) -> None:
        self._preferences = preferences
        self._clock = clock
        self._zone = zone
        self._prescription = prescription  # a practitioner's dose, which the reminder follows
        # Whether the safety answers advise resting on the side (pregnancy): the reminder's steps then say how.
        self._side_lying_only = side_lying_only
        # A daily "time to rest" must not contradict "see a clinician first".
        self._refuse_while_concern = refuse_while_concern

    def calendar(
        self,
        times: tuple[str, ...] | None = None,
        days: tuple[Weekday, ...] | None = None,
        minutes: int | None = None,
        zone_name: str | None = None,
    ) -> str:
        """The .ics text (`calendar_file`)."""
        return self.calendar_file(times, days, minutes, zone_name).text

    def calendar_file(
        self,
        times: tuple[str, ...] | None = None,
        days: tuple[Weekday, ...] | None = None,
        minutes: int | None = None,
        zone_name: str | None = None,
    ) -> ReminderFile:
        """The .ics file, an event for each of one or two `times` a day; anything not given comes from the current
        prescription, else from Settings (default: every day at 18:00, the session length); refused while a concern
        stands (`Safety.require_may_be_reminded`). Once a file had a second time, each file without one cancels its
        event: the person may import any of them."""
        self._refuse_while_concern()
        preferences = self._preferences.current()
        prescribed = self.prescribed(preferences)
        if times is None:
            own = preferences.reminder_times
            if prescribed is not None:  # its time comes first; a dose of once a day is reminded once
                own = (prescribed.at or own[0], *own[1:])[: min(2, prescribed.sessions_per_day)]
            times = own
        if len(times) > 2:
            raise InvalidReminder("give one or two reminder times a day, like 07:30 and 18:00")
        if prescribed is not None:
            days = days or prescribed.days
            minutes = minutes or prescribed.minutes
        chosen = {
            "reminder_time": times[0],
            "second_reminder_time": times[1] if len(times) == 2 else None,
            "reminder_days": weekdays_text(days) if days else preferences.reminder_days,
            "reminder_zone": zone_name or preferences.reminder_zone,
            "default_minutes": minutes or preferences.default_minutes,
        }
        try:
            checked = Preferences.model_validate(preferences.model_dump() | chosen)
        except ValidationError as error:
            first = error.errors()[0]
            raise InvalidReminder(str(first["msg"]).removeprefix("Value error, ")) from None
        at, *also_at = (parse_clock_time(text) for text in checked.reminder_times)
        second_removed = not also_at and self._preferences.second_reminder_given()
        reminder = Reminder(
            at=at,
            also_at=also_at[0] if also_at else None,
            days=checked.weekdays,
            minutes=checked.default_minutes,
            summary="Constructive rest",
            description=_setup_text(
                checked.default_minutes,
                1 if prescribed is None else prescribed.sessions_per_day,
                "standard" if prescribed is None else prescribed.variant,
                on_the_side=self._side_lying_only(),
                reminders_a_day=len(checked.reminder_times),
            ),
            last_day=None if prescribed is None else prescribed.last_day,
            first_day=None if prescribed is None else prescribed.first_day,
            second_removed=second_removed,
        )
        text = reminder_calendar(reminder, self.zone(checked), self._clock())
        if also_at:  # made: from now on, a file without it cancels its event
            self._preferences.keep_second_reminder_given()
        return ReminderFile(text, 1 + len(also_at), second_removed)

    def prescribed(self, preferences: Preferences | None = None) -> PrescribedReminder | None:
        """What the current prescription sets of the reminder; None without one, or once its last day has passed."""
        prescription = self._prescription()
        if prescription is None:
            return None
        today = self._clock().astimezone(self.zone(preferences)).date()
        if prescription.end_on is not None and prescription.end_on < today:
            return None
        return PrescribedReminder(
            at=prescription.reminder_time,
            days=prescription.days or prescribed_days(prescription.days_per_week),
            minutes=prescription.minutes,
            sessions_per_day=prescription.sessions_per_day,
            first_day=prescription.start_on if prescription.start_on > today else None,
            last_day=prescription.end_on,
            variant=prescription.variant,
        )

    def zone(self, preferences: Preferences | None = None) -> tzinfo:
        chosen = (preferences or self._preferences.current()).reminder_zone
        return ZoneInfo(chosen) if chosen else self._zone


# Why a reminder names the side-lying rest's steps: the calendar shows them, every day, without crest's screen.
ON_THE_SIDE = (
    "Your safety answers advise resting on your side rather than flat on your back (pregnancy from about 16 weeks), "
    "so these are the steps of the rest on your side."
)


def _setup_text(
    minutes: int, sessions_per_day: int, variant: str, *, on_the_side: bool = False, reminders_a_day: int = 1
) -> str:
    """What to do when the reminder comes. It comes at the time chosen, so it names no time of day: the protocol's
    suggested slot (after work, before the evening meal) would be wrong for a morning reminder. A prescription of
    more sessions a day than reminders says the rest.
    `variant`: the rest prescribed, whose steps the reminder gives (calves on a chair, say); `on_the_side`: the
    safety answers advise the side-lying rest, whose steps replace lying on the back, whatever was prescribed."""
    protocol = load_protocol()
    chosen = SIDE_LYING_VARIANT if on_the_side else check_variant(protocol, variant)
    steps = "\n".join(f"- {step.title}: {step.text}" for step in protocol.setup_for(chosen))
    if on_the_side:
        why = f"{ON_THE_SIDE}\n\n"
    elif chosen != "standard":
        why = f"Your prescription is the {protocol.variant_title(chosen)} rest: these are its steps.\n\n"
    else:
        why = ""
    if sessions_per_day <= reminders_a_day:
        more = ""
    elif reminders_a_day == 1:
        more = f" Your prescription is {times_a_day(sessions_per_day)}: this is the first; rest again later in the day."
    else:
        more = f" Your prescription is {times_a_day(sessions_per_day)}: rest again besides these two reminders."
    return (
        f"Time for {minutes} minutes of constructive rest.{more}\n\n{SEEN_FIRST}\n\n"
        f"{why}How to lie:\n{steps}\n\nStart a guided session with `crest session` or in the crest web app.\n\n"
        f"{protocol.disclaimer}"
    )
