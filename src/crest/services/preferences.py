"""The app's preferences as typed values, stored in the journal's key/value settings as text."""

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Literal
from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from crest.clock import named_zone
from crest.errors import CrestError
from crest.input_problems import quoted
from crest.insights.practice import DEFAULT_WEEKLY_GOAL
from crest.interop.ical import EVERY_DAY, Weekday, parse_clock_time, parse_weekdays, weekdays_text
from crest.journal.practice_store import HOME_ZONE_SETTING
from crest.journal.records import check_text
from crest.posture.heights import SHORTEST_HEIGHT_CM, TALLEST_HEIGHT_CM
from crest.protocol.model import VariantName

if TYPE_CHECKING:
    from crest.journal.store import Journal

Theme = Literal["system", "light", "dark"]
ChimeVolume = Literal["quiet", "normal", "loud"]  # the shares of the loudest chime: crest.sound.CHIME_VOLUMES


@cache
def _zone_names() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def zone_spelling(typed: str) -> str | None:
    """A zone's name as the zone database spells it, whatever the case it was typed in ("europe/london" is
    Europe/London: refused before, walk-through L3), or None when no zone has that name."""
    known = _zone_names().get(typed.casefold())
    if known is not None:
        return known
    return typed if named_zone(typed) is not None else None


class Preferences(BaseModel):
    """Defaults for the next session and how the app looks and sounds."""

    model_config = ConfigDict(extra="forbid")

    default_minutes: int = Field(15, ge=5, le=30, description="session length offered on the Today page")
    default_variant: VariantName = "standard"
    voice: bool = Field(False, description="speak the cues (the browser's speech synthesis)")
    chime: bool = Field(True, description="a soft chime when the time is up")
    chime_volume: ChimeVolume = Field("normal", description="how loud the chime is: quiet, normal or loud")
    height_cm: int | None = Field(
        None, ge=SHORTEST_HEIGHT_CM, le=TALLEST_HEIGHT_CM, description="makes distances in the position check exact"
    )
    theme: Theme = Field("system", description="light, dark, or follow the system")
    show_streaks: bool = False
    weekly_goal_sessions: int = Field(
        DEFAULT_WEEKLY_GOAL,
        ge=1,
        le=21,
        description="sessions a week you aim for; a clinician's prescription replaces it",
    )
    # 7 is crest's suggestion and a goal a person may choose alike: whether they chose it is kept beside it
    weekly_goal_chosen: bool = Field(
        False, description="you chose the weekly goal; false: it is crest's suggestion (7); any other goal is chosen"
    )
    reminder_time: str = Field("18:00", description="local time of the calendar reminder, like 18:00")
    second_reminder_time: str | None = Field(
        None, description="a second local time of the reminder each day, like 12:30; none: once a day"
    )
    reminder_days: str = Field(weekdays_text(EVERY_DAY), description="days of the reminder, like mon,wed,fri")
    reminder_zone: str | None = Field(
        None, description="time zone of the reminder, like Europe/Berlin; empty: this computer's"
    )

    @model_validator(mode="before")
    @classmethod
    def _goal_chosen(cls, values: object) -> object:
        """A goal other than crest's suggestion was chosen, whatever was said of it; a goal kept or sent without
        saying (journals and files from before the choice was kept) was chosen unless it is crest's 7, as it read
        then."""
        if not isinstance(values, dict):
            return values
        goal = values.get("weekly_goal_sessions")
        try:
            other = goal is not None and int(str(goal)) != DEFAULT_WEEKLY_GOAL
        except ValueError:  # no number: the goal's own check says so
            return values
        return values | {"weekly_goal_chosen": other} if other or "weekly_goal_chosen" not in values else values

    @field_validator("reminder_time", "second_reminder_time", "reminder_days", "reminder_zone", mode="before")
    @classmethod
    def _valid_text(cls, value: object, field: ValidationInfo) -> object:
        # before the checks below repeat the text: pydantic cannot carry a message with a broken character
        if isinstance(value, str):
            try:
                check_text(value, f"the {str(field.field_name).replace('_', ' ')}")
            except CrestError as error:
                raise ValueError(error.message) from None
        return value

    @field_validator("reminder_time")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        if not value.strip():  # a time field emptied (or left half typed) is no reminder at no time: said, not kept
            raise ValueError("give a time, like 18:00")
        try:
            return f"{parse_clock_time(value):%H:%M}"
        except CrestError as error:
            raise ValueError(error.message) from None

    @field_validator("second_reminder_time")
    @classmethod
    def _second_clock_time(cls, value: str | None, field: ValidationInfo) -> str | None:
        if value is None or not value.strip():  # emptied: the reminder comes once a day
            return None
        try:
            second = f"{parse_clock_time(value):%H:%M}"
        except CrestError as error:
            raise ValueError(error.message) from None
        if second == field.data.get("reminder_time"):
            raise ValueError(f"both reminder times are {second}; give two different times, or one")
        return second

    @field_validator("reminder_days")
    @classmethod
    def _days(cls, value: str) -> str:
        try:
            return weekdays_text(parse_weekdays(value))
        except CrestError as error:
            raise ValueError(error.message) from None

    @field_validator("reminder_zone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        spelled = zone_spelling(value.strip())
        if spelled is None:
            raise ValueError(f"unknown time zone {quoted(value)}; write it like Europe/Berlin")
        return spelled

    @property
    def own_weekly_goal(self) -> int | None:
        """The goal the person chose, or None while it is crest's suggestion."""
        return self.weekly_goal_sessions if self.weekly_goal_chosen else None

    @property
    def reminder_times(self) -> tuple[str, ...]:
        """The reminder's times of day: one, or two with a second time."""
        second = self.second_reminder_time
        return (self.reminder_time,) if second is None else (self.reminder_time, second)

    @property
    def weekdays(self) -> tuple[Weekday, ...]:
        return parse_weekdays(self.reminder_days)

    def to_stored(self) -> dict[str, str]:
        return {name: _to_text(value) for name, value in self.model_dump().items()}

    @classmethod
    def from_stored(cls, stored: Mapping[str, str]) -> "Preferences":
        """Read what is stored; a value that no longer reads (hand-edited, older version) falls back to its default."""
        values: dict[str, object] = {}
        for name in cls.model_fields:
            if name not in stored:
                continue
            value = None if stored[name] == "" else stored[name]
            try:  # with those read before it: a second reminder time is checked against the first
                cls.model_validate(values | {name: value})
            except ValidationError:
                continue
            values[name] = value
        return cls.model_validate(values)


def _to_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# Not a preference: what crest remembers of the calendar files it made (`PreferencesStore.second_reminder_given`).
SECOND_REMINDER_GIVEN_SETTING = "second_reminder_given"


class PreferencesStore:
    """Reading and saving preferences in the journal's settings."""

    def __init__(self, journal: "Journal") -> None:
        self._journal = journal

    def current(self) -> Preferences:
        return Preferences.from_stored(self._journal.get_settings())

    def save(self, preferences: Preferences) -> Preferences:
        self._journal.save_settings(preferences.to_stored())
        return self.current()

    def home_zone(self) -> str | None:
        """Practice mode: the zone the client's browser or linked crest last said, if any."""
        return self._journal.get_settings().get(HOME_ZONE_SETTING)

    def second_reminder_given(self) -> bool:
        """Whether a calendar file went out with a second reminder time: once that time is gone, each file after it
        cancels its event (`interop.ical.Reminder.second_removed`)."""
        return self._journal.get_settings().get(SECOND_REMINDER_GIVEN_SETTING) == "true"

    def keep_second_reminder_given(self) -> None:
        if not self.second_reminder_given():
            self._journal.save_settings({SECOND_REMINDER_GIVEN_SETTING: "true"})

    def keep_home_zone(self, name: str) -> None:
        """Practice mode: the zone of the crest that synced, where the client's days begin unless they chose one."""
        if self._journal.get_settings().get(HOME_ZONE_SETTING) != name:
            self._journal.save_settings({HOME_ZONE_SETTING: name})
