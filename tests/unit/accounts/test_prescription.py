"""A prescription's chosen weekdays: in week order, as many as its days a week, named wherever the dose is said."""

from datetime import date

import pytest

from crest.accounts.records import InvalidPrescription, Prescription
from crest.interop.ical import Weekday

MON, TUE, WED, THU, FRI, SAT, SUN = Weekday
START = date(2026, 5, 4)


def test_chosen_days_are_kept_in_week_order_and_named_in_the_dose() -> None:
    dose = Prescription("supported", 10, 1, 3, START, reminder_time="07:30", days=(FRI, MON, WED))
    assert dose.days == (MON, WED, FRI)
    assert dose.summary() == "10 min of the supported variant, once a day, 3 days a week (Mon, Wed, Fri)"
    assert dose.in_full() == (
        "10 min of the supported variant, once a day, 3 days a week (Mon, Wed, Fri), from 2026-05-04,"
        " reminder at 07:30."
    )


def test_without_chosen_days_the_dose_says_only_how_many() -> None:
    assert (
        Prescription("standard", 15, 2, 5, START).summary()
        == "15 min of the standard variant, twice a day, 5 days a week"
    )
    assert Prescription("standard", 15, 1, 1, START).summary().endswith("once a day, 1 day a week")
    assert Prescription("standard", 15, 1, 7, START, days=tuple(Weekday)).summary().endswith("once a day, every day")


@pytest.mark.parametrize(
    ("days_per_week", "days", "message"),
    [
        (3, (MON, WED), "days a week says 3, but 2 days are chosen (Mon, Wed); make them agree"),
        (2, (SUN,), "days a week says 2, but 1 day is chosen (Sun); make them agree"),
        (1, (), "choose at least one day, or leave the days out"),
        (1, ("someday",), "unknown day “someday”; choose from mon, tue, wed, thu, fri, sat, sun"),
    ],
)
def test_days_that_disagree_with_the_days_a_week_or_are_no_days_are_refused(
    days_per_week: int, days: tuple[Weekday, ...], message: str
) -> None:
    with pytest.raises(InvalidPrescription) as refused:
        Prescription("standard", 10, 1, days_per_week, START, days=days)
    assert refused.value.message == message


def test_a_day_given_twice_counts_once() -> None:
    assert Prescription("standard", 10, 1, 2, START, days=(MON, THU, MON)).days == (MON, THU)


@pytest.mark.parametrize(
    ("note", "message"),
    [
        # A short note with one unseen character was refused as 'must be plain text of at most 1000 characters':
        # its length was never the matter, and the character could not be seen to be deleted.
        (
            "Calves on\u202e the seat.",
            r"the note contains a hidden control character (\u202e) that crest does not keep",
        ),
        ("Line one\x0bline two", r"the note contains a hidden control character (\x0b) that crest does not keep"),
        ("x" * 1001, "the note has 1001 characters; keep it to 1000 characters or fewer"),
    ],
)
def test_a_refused_note_says_what_is_wrong_with_it(note: str, message: str) -> None:
    with pytest.raises(InvalidPrescription) as refused:
        Prescription("standard", 15, 1, 7, START, note=note)
    assert refused.value.message.startswith(message)


def test_a_note_of_several_lines_and_tabs_is_kept() -> None:
    assert Prescription("standard", 15, 1, 7, START, note="Calves on the seat.\n\tTen minutes.").note == (
        "Calves on the seat.\n\tTen minutes."
    )


@pytest.mark.parametrize("given", ["25:99", "7:30", "\u0661\u0668:\u0660\u0660", "18:00\n"])
def test_a_reminder_time_that_is_none_is_refused_in_words_that_say_what_it_takes(given: str) -> None:
    """Only a time as a browser's time picker sends it: another script's digits (re's \\d) and a line break after
    the time (re's $) were kept too."""
    with pytest.raises(InvalidPrescription) as refused:
        Prescription("standard", 15, 1, 7, START, reminder_time=given)
    shown = given.replace("\n", "\\n")
    assert refused.value.message == f"reminder time “{shown}” is not a time like 18:00"
    assert refused.value.fields == ("reminder_time",)


@pytest.mark.parametrize(
    ("dose", "message"),
    [
        ({"variant": "lotus"}, "unknown variant “lotus”; choose one of "),
        ({"minutes": 31}, "minutes must be a whole number from 5 to 30, not “31”"),
        ({"minutes": "20"}, "minutes must be a whole number from 5 to 30, not “20”"),
    ],
)
def test_what_was_sent_is_echoed_between_curly_quotes(dose: dict[str, object], message: str) -> None:
    """As 572569f7 made every one-line error's echo (a prescription a crest is sent, crest sync says it)."""
    fields: dict[str, object] = {"variant": "standard", "minutes": 15, "sessions_per_day": 1, "days_per_week": 7}
    with pytest.raises(InvalidPrescription) as refused:
        Prescription(**(fields | dose), start_on=START)  # type: ignore[arg-type]
    assert refused.value.message.startswith(message)
