"""Validation of journal records: ratings, regions, sides, sensations, dates, sessions, safety answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from crest.errors import CrestError, FieldError
from crest.journal.records import (
    REGIONS,
    SENSATIONS,
    SIDES,
    CheckIn,
    InvalidClearance,
    InvalidDate,
    InvalidDuration,
    InvalidNote,
    InvalidPlannedMinutes,
    InvalidPositionSummary,
    InvalidPsfs,
    InvalidRating,
    InvalidSafetyAnswers,
    PainRating,
    PracticeSession,
    PsfsActivity,
    SafetyScreen,
    SessionEdit,
    SessionStillRunning,
    SideNotChosen,
    UnknownComparison,
    UnknownQuality,
    UnknownRegion,
    UnknownSensation,
    UnknownSide,
    UnknownStatus,
    UnknownTiming,
    UnknownVariant,
    blank,
    check_clinician,
    check_elapsed,
    check_note,
    check_position_summary,
    parse_datetime,
    parse_pain,
    parse_since,
)
from crest.journal.vocabulary import Region

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
PLUS_TWO = timezone(timedelta(hours=2))


def test_vocabulary_is_the_issue_list_with_labels() -> None:
    assert list(REGIONS) == [
        "lower_back",
        "buttock",
        "sacroiliac_joint",
        "groin",
        "front_of_thigh",
        "hip",
        "knee",
        "pelvis",
        "abdomen",
        "upper_back",
        "neck",
        "calf_and_shin",
        "foot",
    ]
    assert REGIONS["sacroiliac_joint"] == "sacroiliac joint"
    assert list(SIDES) == ["left", "right", "both", "centre"]
    assert list(SENSATIONS) == [
        "yawning",
        "breath_changed",
        "spine_shifting",
        "warmth",
        "emotions",
        "sleepy",
        "restless",
        "none",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lower_back=4", PainRating("lower_back", 4)),
        ("hip:left=3", PainRating("hip", 3, "left")),
        ("Lower-Back:Both = 0", PainRating("lower_back", 0, "both")),
        ("neck:center=10", PainRating("neck", 10, "centre")),
        ("calf_and_shin:left=5:tingling", PainRating("calf_and_shin", 5, "left", "tingling")),
        ("foot:both=2:Burning", PainRating("foot", 2, "both", quality="burning")),
    ],
)
def test_parse_pain(text: str, expected: PainRating) -> None:
    assert parse_pain(text) == expected


@pytest.mark.parametrize(
    ("text", "error", "named"),
    [
        ("knee=11", InvalidRating, "11"),
        ("knee=-1", InvalidRating, "-1"),
        ("knee=4.5", InvalidRating, "4.5"),
        ("knee=bad", InvalidRating, "bad"),
        ("knee", InvalidRating, "knee"),
        ("=3", InvalidRating, "=3"),
        ("elbow=3", UnknownRegion, "elbow"),
        ("hip:up=3", UnknownSide, "up"),
        ("foot=3:itchy", UnknownQuality, "itchy"),
        ("foot=3:", InvalidRating, "foot=3:"),
    ],
)
def test_bad_pain_entries_name_the_bad_value(text: str, error: type[CrestError], named: str) -> None:
    with pytest.raises(error) as raised:
        parse_pain(text)
    message = str(raised.value)
    assert named in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("lower_back=4", "centre"),  # the terminal, with no side ...
        ("lower_back:centre=4", "centre"),  # ... is the body map's lower back
        ("lower_back:both=4", "centre"),
        ("neck=2", "centre"),
        ("upper_back:left=2", "left"),
        ("hip:both=3", "both"),
        ("calf_and_shin:right=5", "right"),
    ],
)
def test_one_place_has_one_name_whichever_door_rated_it(text: str, side: str) -> None:
    assert parse_pain(text).side == side


@pytest.mark.parametrize("region", [region for region in Region if region.has_sides])
def test_a_place_that_comes_in_pairs_is_never_given_a_side_the_person_did_not_choose(region: Region) -> None:
    # "Both sides" below the knee is the warning sign of pain in both legs: a default must never say it.
    with pytest.raises(SideNotChosen) as raised:
        PainRating(region, 1)
    assert str(raised.value) == f"choose a side for the {region.label}: left, right or both sides"
    # `centre` is no side of a pair: the middle of one foot is not both feet
    with pytest.raises(SideNotChosen):
        PainRating(region, 1, "centre")
    assert PainRating(region, 1, "both").side == "both"  # said, it is kept


def test_a_place_on_the_midline_needs_no_side() -> None:
    assert [PainRating(region, 1).side for region in Region if not region.has_sides] == ["centre"] * 5


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("foot=1", "foot:left=1, foot:right=1 or foot:both=1"),
        ("foot:centre=1", "foot:left=1, foot:right=1 or foot:both=1"),
        ("Calf-and-Shin = 2:aching", "calf_and_shin:left=2:aching, calf_and_shin:right=2:aching or "),
    ],
)
def test_a_terminal_entry_without_the_side_of_a_pair_names_the_forms_it_takes(text: str, forms: str) -> None:
    with pytest.raises(SideNotChosen) as raised:
        parse_pain(text)
    message = str(raised.value)
    assert message.startswith(f"the pain entry “{text}” needs a side: write {forms}")
    assert "\n" not in message


def test_pain_rating_validates_when_built_directly() -> None:
    with pytest.raises(InvalidRating):
        PainRating("knee", 11)
    with pytest.raises(InvalidRating):
        PainRating("knee", True)  # a bool is not a score
    assert PainRating("hip", 3, "left").label == "hip (left) 3/10"
    assert PainRating("hip", 3, "both").label == "hip (both sides) 3/10"
    assert PainRating("lower_back", 3).label == "lower back (centre) 3/10"
    assert PainRating("calf_and_shin", 5, "left", "tingling").label == "calf and shin (left) 5/10, tingling"


def test_parse_datetime_reads_offsets_and_local_times() -> None:
    assert parse_datetime("2026-05-01T07:30+02:00") == datetime(2026, 5, 1, 7, 30, tzinfo=PLUS_TWO)
    assert parse_datetime("2026-05-01T07:30", PLUS_TWO) == datetime(2026, 5, 1, 7, 30, tzinfo=PLUS_TWO)
    with pytest.raises(InvalidDate, match="no time zone"):
        parse_datetime("2026-05-01T07:30")
    with pytest.raises(InvalidDate, match="“yesterday”"):
        parse_datetime("yesterday", PLUS_TWO)
    with pytest.raises(InvalidDate, match="2026-13-01"):
        parse_datetime("2026-13-01", PLUS_TWO)


def test_parse_since_takes_a_day_or_a_time() -> None:
    assert parse_since("2026-05-01", PLUS_TWO) == datetime(2026, 5, 1, tzinfo=PLUS_TWO)
    assert parse_since("2026-05-01T12:00Z", PLUS_TWO) == datetime(2026, 5, 1, 12, tzinfo=UTC)
    assert parse_since(date(2026, 5, 1).isoformat(), UTC).tzinfo is UTC
    with pytest.raises(InvalidDate):
        parse_since("last week", PLUS_TWO)


def test_practice_session_validation() -> None:
    session = PracticeSession(started_at=AT, planned_minutes=15, variant="standard")
    assert (session.status, session.actual_seconds, session.finished) == ("running", 0, False)
    for minutes in (5, 30):
        PracticeSession(started_at=AT, planned_minutes=minutes, variant="somatic")
    with pytest.raises(InvalidPlannedMinutes, match="minutes: enter 5 or more, not “4”"):
        PracticeSession(started_at=AT, planned_minutes=4, variant="standard")
    with pytest.raises(InvalidPlannedMinutes, match="31"):
        PracticeSession(started_at=AT, planned_minutes=31, variant="standard")
    with pytest.raises(UnknownVariant, match="lazy"):
        PracticeSession(started_at=AT, planned_minutes=15, variant="lazy")
    with pytest.raises(UnknownStatus, match="paused"):
        PracticeSession(started_at=AT, planned_minutes=15, variant="standard", status="paused")
    with pytest.raises(InvalidDate, match="no time zone"):
        PracticeSession(started_at=datetime(2026, 5, 1), planned_minutes=15, variant="standard")
    with pytest.raises(InvalidDuration, match="negative"):
        PracticeSession(started_at=AT, planned_minutes=15, variant="standard", actual_seconds=-1)


def test_a_session_edit_corrects_how_a_finished_session_went() -> None:
    finished = PracticeSession(
        started_at=AT, planned_minutes=10, variant="standard", status="interrupted", actual_seconds=42, id=3
    )
    edited = SessionEdit(variant="supported", actual_seconds=600, status="completed").applied_to(finished)
    assert (edited.variant, edited.actual_seconds, edited.status) == ("supported", 600, "completed")
    assert (edited.started_at, edited.planned_minutes, edited.id) == (AT, 10, 3)
    nothing = SessionEdit(variant="somatic", actual_seconds=0, status="ended_early").applied_to(finished)
    assert nothing.actual_seconds == 0


def test_a_session_edit_is_refused_with_the_reason() -> None:
    finished = PracticeSession(started_at=AT, planned_minutes=10, variant="standard", status="completed", id=3)
    with pytest.raises(InvalidDuration, match=r"601 seconds rested is more than the 10 minutes \(600 s\) planned"):
        SessionEdit(variant="standard", actual_seconds=601, status="completed").applied_to(finished)
    with pytest.raises(InvalidDuration, match="negative"):
        SessionEdit(variant="standard", actual_seconds=-1, status="completed")
    with pytest.raises(UnknownStatus, match="not “running”"):
        SessionEdit(variant="standard", actual_seconds=60, status="running")
    with pytest.raises(UnknownVariant, match="yoga"):
        SessionEdit(variant="yoga", actual_seconds=60, status="completed")
    running = PracticeSession(started_at=AT, planned_minutes=10, variant="standard", id=4)
    with pytest.raises(SessionStillRunning, match="session 4 is still open; it can be edited once") as refused:
        SessionEdit(variant="standard", actual_seconds=60, status="completed").applied_to(running)
    assert refused.value.http_status == 409


def test_elapsed_time_is_whole_seconds_rounded_down() -> None:
    assert check_elapsed(29.99) == 29
    with pytest.raises(InvalidDuration):
        check_elapsed(float("nan"))


def test_check_in_validation() -> None:
    check_in = CheckIn(at=AT, sensations=frozenset({"Breath changed", "warmth"}), note="  calm  ")
    assert check_in.sensations == frozenset({"breath_changed", "warmth"})
    assert check_in.note == "calm"
    assert CheckIn(at=AT, note="   ").note is None
    assert CheckIn(at=AT).is_empty
    with pytest.raises(UnknownSensation, match="tingling"):
        CheckIn(at=AT, sensations=frozenset({"tingling"}))
    with pytest.raises(FieldError, match=r"^sensations: “none” cannot be ticked with other sensations") as none:
        CheckIn(at=AT, sensations=frozenset({"none", "warmth"}))
    assert none.value.field == "sensations"
    with pytest.raises(UnknownTiming, match="during"):
        CheckIn(at=AT, timing="during")
    with pytest.raises(UnknownTiming, match="standalone"):
        CheckIn(at=AT, timing="standalone", session_id=3)
    with pytest.raises(InvalidRating, match="twice"):
        CheckIn(at=AT, pain=(PainRating("knee", 1, "left"), PainRating("knee", 2, "left")))
    with pytest.raises(UnknownComparison, match="meh"):
        CheckIn(at=AT, compared_with_before="meh")
    with pytest.raises(InvalidNote):
        CheckIn(at=AT, note="x" * 5000)
    with pytest.raises(InvalidDate):
        CheckIn(at=datetime(2026, 5, 1))


@pytest.mark.parametrize(
    ("pain", "said"),
    [
        ((PainRating("knee", 1, "left"), PainRating("knee", 2, "left")), "knee (left) is rated twice"),
        # no side and both are the whole of a place on the midline: one place, named as every door names it
        ((PainRating("lower_back", 1), PainRating("lower_back", 2, "both")), "lower back (centre) is rated twice"),
    ],
)
def test_a_place_rated_twice_is_refused_naming_it(pain: tuple[PainRating, ...], said: str) -> None:
    """It said "the same region and side is rated twice", leaving the person to find which of their places."""
    with pytest.raises(InvalidRating) as twice:
        CheckIn(at=AT, pain=(PainRating("hip", 3, "right"), *pain))
    assert twice.value.message == f"{said}; rate each place once"


def test_same_region_on_two_sides_is_fine() -> None:
    check_in = CheckIn(at=AT, pain=(PainRating("knee", 1, "left"), PainRating("knee", 4, "right")))
    assert len(check_in.pain) == 2


def test_safety_screen_validation_and_due_date() -> None:
    screen = SafetyScreen(AT, {"pregnant": False, "fever": True}, "see_clinician")
    assert list(screen.answers) == ["fever", "pregnant"]
    assert screen.is_due(AT + timedelta(days=90), timedelta(days=90))
    assert not screen.is_due(AT + timedelta(days=89), timedelta(days=90))
    with pytest.raises(InvalidSafetyAnswers, match="empty"):
        SafetyScreen(AT, {}, "none")
    with pytest.raises(InvalidSafetyAnswers, match="maybe"):
        SafetyScreen(AT, {"fever": "maybe"}, "none")  # type: ignore[dict-item]
    with pytest.raises(InvalidSafetyAnswers, match="advice level"):
        SafetyScreen(AT, {"fever": False}, " ")


def test_every_record_error_is_a_crest_error() -> None:
    for error in (
        InvalidRating,
        UnknownRegion,
        UnknownSide,
        UnknownSensation,
        InvalidDate,
        InvalidPlannedMinutes,
    ):
        assert issubclass(error, CrestError)


@pytest.mark.parametrize("text", ["0001-01-01T00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_times_without_a_utc_equivalent_are_refused_by_name(text: str) -> None:
    with pytest.raises(InvalidDate, match="outside the dates crest can store"):
        parse_datetime(text)
    with pytest.raises(InvalidDate, match="outside the dates crest can store"):
        parse_since(text, UTC)


def test_elapsed_time_beyond_a_day_is_refused() -> None:
    from crest.journal.records import InvalidDuration, check_elapsed

    assert check_elapsed(24 * 60 * 60) == 86400
    with pytest.raises(InvalidDuration, match="more than a day"):
        check_elapsed(2**70)


def test_a_note_with_control_characters_is_refused_but_line_breaks_are_kept() -> None:
    from crest.journal.records import InvalidNote

    assert CheckIn(at=datetime(2026, 5, 1, tzinfo=UTC), note="first line\n\tsecond").note == "first line\n\tsecond"
    with pytest.raises(InvalidNote, match="control character"):
        CheckIn(at=datetime(2026, 5, 1, tzinfo=UTC), note="nul\x00byte")


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        pytest.param("nul\x00byte", "\\x00", id="nul"),
        pytest.param("Calves on\x1b[2J the seat.", "\\x1b", id="an-escape"),
        pytest.param("Calves on\x7f the seat.", "\\x7f", id="del"),
        pytest.param("Calves on\x9b2J the seat.", "\\x9b", id="a-c1-control"),
        pytest.param("Calves on \u202etaes eht.", "\\u202e", id="a-bidirectional-override"),
        pytest.param("Calves on \u2067the seat.", "\\u2067", id="a-bidirectional-isolate"),
        pytest.param("Calves on\x85the seat.", "\\x85", id="a-c1-line-break"),
        # zero-width: they were kept, unseen, between words a search or a reader then found apart
        pytest.param("Calves on\u200bthe seat.", "\\u200b", id="a-zero-width-space"),
        pytest.param("Calves on\u2060the seat.", "\\u2060", id="a-word-joiner"),
        pytest.param("Calves on\ufeffthe seat.", "\\ufeff", id="a-byte-order-mark"),
    ],
)
def test_a_note_with_a_hidden_control_character_is_refused_naming_it(note: str, shown: str) -> None:
    """Before, only C0 controls were refused: DEL, C1 controls and bidirectional overrides passed into the journal
    and on to the terminal (crest history), as names and a prescription's note no longer do."""
    with pytest.raises(InvalidNote) as refused:
        check_note(note)
    assert refused.value.message == (
        f"the note contains a hidden control character ({shown}) that crest does not keep; delete it from the note"
    )


def test_a_note_keeps_its_line_breaks_tabs_and_every_script() -> None:
    # the joiners stay: a joined emoji needs its zero-width joiner, Persian its non-joiner (می‌روم: I go)
    note = "Café, 👩\u200d⚕️ said: مرحبا — שלום — می\u200cروم.\n\tTen minutes;\nthen rest."
    assert check_note(f"  {note}  ") == note


def test_every_line_break_of_a_note_is_kept_as_a_line_feed() -> None:
    """A lone carriage return (an old Mac's line break) was kept as it came, and a terminal printing it goes back
    to the start of the line, over the words before it; \\r\\n (Windows, a browser's form) was kept as two."""
    assert check_note("Calmer.\r\nThen\rwarm.\n\rSlowly.\r") == "Calmer.\nThen\nwarm.\n\nSlowly."
    assert CheckIn(at=AT, note="a\rb").note == "a\nb"


def test_a_note_refuses_what_a_name_refuses_but_its_line_breaks_and_tabs() -> None:
    """One rule for hidden characters: the one names and a prescription's note are checked with, and the
    zero-width characters that join nothing (U+FEFF is past this range: its own test above)."""
    from crest.errors import hidden_control

    for code in range(0x3000):
        character = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue  # a lone surrogate is broken text, refused by its own rule
        refused = (hidden_control(character) and character not in "\n\r\t") or character in "\u200b\u2060"
        try:
            check_note(f"a{character}b")
        except InvalidNote:
            assert refused, repr(character)
        else:
            assert not refused, repr(character)


def test_the_terminal_and_the_body_map_rate_one_place_that_progress_draws_once() -> None:
    from crest.insights.pain import series_by_place

    from_the_terminal = CheckIn(at=AT, pain=(parse_pain("lower_back=4"),))
    from_the_body_map = CheckIn(at=AT + timedelta(days=1), pain=(PainRating("lower_back", 3, "centre"),))
    [series] = series_by_place([from_the_terminal, from_the_body_map])
    assert [rating.score for rating in series.ratings] == [4, 3]


# Zero-width space and joiner, a byte-order mark, right-to-left marks and overrides, an isolate, a no-break space,
# an ideographic space, a line and a paragraph separator: each shows nothing.
SHOWS_NOTHING = ["\u200b\u200b", "\u200d", "\ufeff", "\u200f\u202e\u202e", "\u2067", "\u00a0\u3000", "\u2028\u2029 \t"]


@pytest.mark.parametrize("text", ["", *SHOWS_NOTHING])
def test_text_of_only_invisible_characters_is_blank(text: str) -> None:
    assert blank(text)


@pytest.mark.parametrize("text", ["x", "\u200bx", "\U0001f60c", "\u0301", "\x00"])
def test_text_with_something_to_see_is_not_blank(text: str) -> None:
    assert not blank(text)


@pytest.mark.parametrize("text", SHOWS_NOTHING)
def test_a_note_or_name_showing_nothing_counts_as_empty_as_spaces_do(text: str) -> None:
    assert CheckIn(at=AT, note=text).note is None
    with pytest.raises(InvalidPsfs, match="needs a name"):
        PsfsActivity(text, 5)
    with pytest.raises(InvalidClearance, match="please name the clinician"):
        check_clinician(text)


# A terminal acts on each (DEL, \x9b starts an escape sequence, U+202E reverses the line after it), as in a note.
HIDDEN_IN_A_NAME = ["\x1b", "\x7f", "\x9b", "\u202e", "\u2066"]


@pytest.mark.parametrize("hidden", HIDDEN_IN_A_NAME)
def test_an_activity_a_clinician_or_a_position_summary_with_a_hidden_control_character_is_refused(
    hidden: str,
) -> None:
    """DEL, C1 and the bidirectional controls were kept: only C0 was refused, so crest psfs --history printed them."""
    with pytest.raises(InvalidPsfs, match="the activity contains control characters"):
        PsfsActivity(f"bad{hidden}name", 3)
    with pytest.raises(InvalidClearance, match="the clinician's name contains control characters"):
        check_clinician(f"Dr {hidden}Ames")
    with pytest.raises(InvalidPositionSummary, match="contains control characters"):
        check_position_summary(f"Knees {hidden}apart")


def test_a_name_keeps_letters_of_every_script_and_joined_emoji() -> None:
    assert PsfsActivity("Gärtnern mit 👩\u200d🌾 می\u200cروم", 3).name == "Gärtnern mit 👩\u200d🌾 می\u200cروم"
    assert check_position_summary("Knees apart — feet flat") == "Knees apart — feet flat"
