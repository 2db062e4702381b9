"""The calendar reminder follows a standing prescription: its days, time, length, sessions a day and last day."""

from datetime import UTC, date, datetime

import icalendar
import pytest

from crest.accounts.records import Prescription
from crest.interop.ical import InvalidReminder, Weekday
from crest.services.preferences import Preferences, PreferencesStore
from crest.services.reminders import PrescribedReminder, Reminders, prescribed_days

NOW = datetime(2026, 5, 6, 12, 0, tzinfo=UTC)  # a Wednesday
MON, TUE, WED, THU, FRI, SAT, SUN = Weekday


class _Settings(PreferencesStore):
    def __init__(self) -> None:
        self._chosen = Preferences(reminder_zone="Europe/London")

        self._second_given = False

    def current(self) -> Preferences:
        return self._chosen

    def second_reminder_given(self) -> bool:
        return self._second_given

    def keep_second_reminder_given(self) -> None:
        self._second_given = True


def _reminders(dose: Prescription | None) -> Reminders:
    return Reminders(_Settings(), lambda: NOW, UTC, lambda: dose)


def _event(text: str) -> icalendar.Event:
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    return event


@pytest.mark.parametrize(
    ("days_per_week", "days"),
    [
        (1, (MON,)),
        (2, (MON, THU)),
        (3, (MON, WED, FRI)),
        (4, (MON, TUE, THU, FRI)),
        (5, (MON, TUE, WED, THU, FRI)),
        (6, (MON, TUE, WED, THU, FRI, SAT)),
        (7, (MON, TUE, WED, THU, FRI, SAT, SUN)),
    ],
)
def test_prescribed_days_are_weekdays_first_spread_over_the_week(days_per_week: int, days: tuple[Weekday, ...]) -> None:
    assert prescribed_days(days_per_week) == days
    dose = Prescription("standard", 10, 1, days_per_week, date(2026, 5, 1))
    byday = _event(_reminders(dose).calendar())["rrule"]["BYDAY"]
    assert byday == [day.rrule_day for day in days]


def test_the_reminder_ends_with_the_prescription_at_the_end_of_its_last_day() -> None:
    dose = Prescription("supported", 10, 1, 3, date(2026, 5, 1), date(2027, 1, 31), reminder_time="07:30")
    text = _reminders(dose).calendar()
    assert "DTSTART;TZID=Europe/London:20260508T073000" in text  # Friday: Wednesday is not a prescribed day
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270131T235959Z;BYDAY=MO,WE,FR" in text  # London is on UTC in January


def test_a_prescription_twice_a_day_says_so_in_the_event() -> None:
    twice = Prescription("standard", 15, 2, 7, date(2026, 5, 1), reminder_time="07:30")
    description = str(_event(_reminders(twice).calendar())["description"])
    assert "Your prescription is twice a day: this is the first; rest again later in the day." in description
    once = Prescription("standard", 15, 1, 7, date(2026, 5, 1))
    assert "prescription" not in str(_event(_reminders(once).calendar())["description"])


def test_what_a_prescription_sets_and_nothing_once_its_last_day_passed() -> None:
    dose = Prescription("standard", 12, 2, 3, date(2026, 4, 1), date(2026, 5, 6), reminder_time="07:30")
    assert _reminders(dose).prescribed() == PrescribedReminder("07:30", (MON, WED, FRI), 12, 2, None, date(2026, 5, 6))
    ended = Prescription("standard", 12, 2, 3, date(2026, 4, 1), date(2026, 5, 5), reminder_time="07:30")
    assert _reminders(ended).prescribed() is None
    assert "UNTIL" not in _reminders(ended).calendar()  # Settings' own reminder again, every day at 18:00
    assert _reminders(None).prescribed() is None


def test_a_programme_that_starts_later_is_reminded_from_its_first_day_not_today() -> None:
    """Today is Wednesday 6 May at noon; a programme from Monday 11 May, every day at 18:00, first reminds then."""
    later = Prescription("standard", 10, 1, 7, date(2026, 5, 11), reminder_time="18:00")
    assert _reminders(later).prescribed() == PrescribedReminder("18:00", tuple(Weekday), 10, 1, date(2026, 5, 11), None)
    assert "DTSTART;TZID=Europe/London:20260511T180000" in _reminders(later).calendar()
    # Its first day is whole even at a time already past today: 07:30 on the 11th is still ahead.
    early = Prescription("standard", 10, 1, 3, date(2026, 5, 13), reminder_time="07:30")
    assert "DTSTART;TZID=Europe/London:20260513T073000" in _reminders(early).calendar()  # a Wednesday
    started = Prescription("standard", 10, 1, 7, date(2026, 5, 1), reminder_time="18:00")
    assert "DTSTART;TZID=Europe/London:20260506T180000" in _reminders(started).calendar()  # today, still ahead


def test_the_days_a_practitioner_chose_are_the_reminders_days_not_the_spread() -> None:
    """Three days a week are Monday, Wednesday and Friday only while the practitioner chose none."""
    chosen = Prescription("standard", 10, 1, 3, date(2026, 5, 1), reminder_time="07:30", days=(TUE, THU, SAT))
    assert _reminders(chosen).prescribed() == PrescribedReminder("07:30", (TUE, THU, SAT), 10, 1, None, None)
    text = _reminders(chosen).calendar()
    assert "BYDAY=TU,TH,SA" in text
    assert "DTSTART;TZID=Europe/London:20260507T073000" in text  # Thursday: Wednesday is not a chosen day


def test_while_resting_on_the_side_is_advised_the_reminder_gives_its_steps_at_every_door() -> None:
    """The web's download and `crest remind` alike: a daily alarm must not say to lie on the back (pregnancy)."""
    on_the_side = _description(Reminders(_Settings(), lambda: NOW, UTC, lambda: None, lambda: True).calendar())
    on_the_back = _description(_reminders(None).calendar())
    assert "- Lie on your side: " in on_the_side and "Lie on your back" not in on_the_side
    assert "advise resting on your side" in on_the_side
    assert "- Lie on your back: " in on_the_back and "advise resting on your side" not in on_the_back


def _description(text: str) -> str:
    return str(_event(text)["description"])


def test_the_reminder_gives_the_steps_of_the_rest_prescribed_unless_resting_on_the_side_is_advised() -> None:
    """A practitioner who prescribed calves on a chair: the daily alarm said to put the feet flat on the floor."""
    supported = Prescription("supported", 10, 1, 7, date(2026, 5, 1), reminder_time="07:30")
    text = _description(_reminders(supported).calendar())
    assert "- Calves on a chair: " in text and "Knees up, feet flat" not in text
    assert "Your prescription is the Supported (90-90) rest" in text
    on_the_side = _description(Reminders(_Settings(), lambda: NOW, UTC, lambda: supported, lambda: True).calendar())
    assert "- Lie on your side: " in on_the_side and "Calves on a chair" not in on_the_side
    assert "advise resting on your side" in on_the_side and "Supported" not in on_the_side


def test_the_event_says_to_hold_off_while_crest_advises_a_clinician_before_its_steps() -> None:
    """An event imported before a warning sign said "Time for 15 minutes of constructive rest. How to lie: ..." every
    day after it: crest refuses a new reminder then, but cannot take back one already in the calendar."""
    text = _description(_reminders(None).calendar())
    held_off = "If crest has advised you to see a clinician or to seek urgent care, do that first: no rest until then"
    assert held_off in text
    assert text.index("Time for 15 minutes") < text.index(held_off) < text.index("How to lie:")


def _twice(dose: Prescription | None, second: str = "12:30") -> Reminders:
    settings = _Settings()
    settings._chosen = Preferences(reminder_zone="Europe/London", reminder_time="07:30", second_reminder_time=second)
    return Reminders(settings, lambda: NOW, UTC, lambda: dose)


def _times(text: str) -> list[str]:
    return [f"{event.decoded('dtstart'):%H:%M}" for event in icalendar.Calendar.from_ical(text).walk("VEVENT")]


def test_a_second_time_in_settings_is_a_second_event_unless_a_prescription_asks_once_a_day() -> None:
    """Settings said once or twice a day, and a reminder came once: a second time is a second event. A dose of once
    a day is reminded once; a dose of twice a day at its own time keeps the person's second time."""
    assert _times(_twice(None).calendar()) == ["07:30", "12:30"]
    assert _times(_twice(None).calendar(times=("06:00",))) == ["06:00"]  # a door's one time: once that day
    once = Prescription("standard", 10, 1, 7, date(2026, 5, 1), reminder_time="08:00")
    assert _times(_twice(once).calendar()) == ["08:00"]
    twice = Prescription("standard", 10, 2, 7, date(2026, 5, 1), reminder_time="08:00")
    text = _twice(twice).calendar()
    assert _times(text) == ["08:00", "12:30"]
    assert "this is the first" not in text  # each of two reminders for a dose of two


@pytest.mark.parametrize(
    ("times", "said"),
    [
        (("07:30", "07:30"), "both reminder times are 07:30; give two different times, or one"),
        (("07:30", "12:30", "18:00"), "give one or two reminder times a day, like 07:30 and 18:00"),
        (("07:30", "7:5"), "cannot read the time “7:5”; write it like 18:00"),
    ],
)
def test_two_times_that_cannot_be_two_reminders_are_refused_in_one_line(times: tuple[str, ...], said: str) -> None:
    with pytest.raises(InvalidReminder) as refused:
        _reminders(None).calendar(times=times)
    assert refused.value.message == said
