"""The breath result: its JSON (the `breath` object), the trend with gaps, and the plain lines."""

import pytest

from crest.breath.result import RELAXATION_NOTE, BreathResult, BreathWindow, MinuteRate, Movement, relaxation_note
from crest.insights.reader import Reader


def result_of(*windows: tuple[float, float, float | None], movements: tuple[float, ...] = ()) -> BreathResult:
    return BreathResult(
        tuple(BreathWindow(start, end, rate, None if rate is not None else "moving") for start, end, rate in windows),
        tuple(Movement(at_s) for at_s in movements),
    )


def test_the_json_is_the_breath_object() -> None:
    result = BreathResult(
        (BreathWindow(0, 30, 14.04), BreathWindow(30, 60, None, "too_dark"), BreathWindow(60, 120, 7.96)),
        (Movement(42.123),),
    )
    assert result.to_json_dict() == {
        "rate_bpm": 11.0,
        "windows": [
            {"start_s": 0.0, "end_s": 30.0, "rate_bpm": 14.0},
            {"start_s": 30.0, "end_s": 60.0, "rate_bpm": None, "reason": "too_dark"},
            {"start_s": 60.0, "end_s": 120.0, "rate_bpm": 8.0},
        ],
        "movements": [{"at_s": 42.1}],
    }


def test_no_reading_at_all_has_a_null_rate() -> None:
    assert result_of((0, 30, None)).to_json_dict()["rate_bpm"] is None


def test_the_saved_object_reads_back() -> None:
    result = result_of((0, 30, 12.5), (30, 60, None), (60, 90, 11.0), movements=(33.5,))
    assert BreathResult.from_json_dict(result.to_json_dict()) == result


def test_an_unknown_reason_is_refused_when_read_back() -> None:
    data = {
        "rate_bpm": None,
        "windows": [{"start_s": 0, "end_s": 30, "rate_bpm": None, "reason": "x"}],
        "movements": [],
    }
    with pytest.raises(ValueError, match="unknown breath reason"):
        BreathResult.from_json_dict(data)


def test_the_rate_is_the_median_of_the_readings() -> None:
    assert result_of((0, 30, 14), (30, 60, None), (60, 90, 8), (90, 120, 9)).rate_bpm == 9


def test_the_trend_has_one_rate_a_minute_and_gaps_where_no_window_read() -> None:
    result = result_of((0, 30, 14), (30, 60, 12), (60, 90, None), (90, 120, None), (150, 210, 8), (210, 230, 7))
    assert result.trend() == (
        MinuteRate(0, 13),
        MinuteRate(1, None),
        MinuteRate(2, 8),  # the 60 s window covers 30 s of minute 2 and 30 s of minute 3
        MinuteRate(3, 7.5),  # ... and the last, 20 s window covers minute 3 too
    )


def test_the_summary_tells_a_slowing() -> None:
    result = result_of((0, 30, 14.2), (30, 60, 13.6), (60, 90, 11), (90, 120, 8.3), (120, 150, 7.8))
    assert result.summary() == "Your breathing slowed from about 14 to about 8 breaths a minute over the rest."


def test_the_summary_tells_a_steady_rate() -> None:
    assert result_of((0, 30, 11.6), (30, 60, 12.4), (60, 90, 12)).summary() == (
        "Your breathing stayed at about 12 breaths a minute."
    )


def test_a_rate_read_over_a_small_part_of_the_rest_says_how_much() -> None:
    # walk_breath M3: the tab in the background after 30 s of a 2.5-minute rest (or the camera unplugged): one window
    # read, and the line said "Your breathing stayed at about 20 breaths a minute", as if of the whole rest.
    hidden = BreathResult(
        (
            BreathWindow(0.8, 30.8, 20.3),
            *(BreathWindow(start, start + 30, None, "too_few_frames") for start in (30.8, 60.8, 90.8, 120.8)),
        ),
        (),
    )
    assert hidden.summary() == (
        "Your breathing was about 20 breaths a minute while crest could read it (under a minute of 2 min)."
    )
    slowing = result_of(
        (0, 60, 14), (60, 120, 11), (120, 180, 8), *((start, start + 60, None) for start in range(180, 600, 60))
    )
    assert slowing.summary(Reader.CLINICIAN, "Ann") == (
        "Ann's breathing slowed from about 14 to about 8 breaths a minute while crest could read it"
        " (only about 3 min of 10)."
    )
    # Half the rest read is enough to speak of the rest.
    assert result_of((0, 30, 12), (30, 60, None)).summary() == "Your breathing stayed at about 12 breaths a minute."


def test_the_summary_says_why_there_was_no_reading() -> None:
    result = BreathResult((BreathWindow(0, 30, None, "too_dark"), BreathWindow(30, 60, None, "too_dark")), ())
    assert result.summary() == "No breathing reading this time: it was too dark to see your breathing."
    assert BreathResult((), ()).summary() == "No breathing reading: the camera watched for too short a time."


SEEN = ((0.0, 300.0, 12.0), (300.0, 600.0, None))  # ten minutes in view: one reading, then moving


def test_the_stillness_line_gives_the_times() -> None:
    assert result_of(*SEEN).stillness_line() == "You lay still throughout."
    assert result_of(*SEEN, movements=(190.0,)).stillness_line() == "You moved once, at 03:10."
    assert result_of(*SEEN, movements=(70.0, 465.0)).stillness_line() == "You moved twice: at 01:10 and 07:45."
    assert result_of(*SEEN, movements=(5, 70, 465)).stillness_line() == (
        "You moved 3 times: at 00:05, 01:10 and 07:45."
    )


def unseen_for(*spans: tuple[float, float]) -> tuple[BreathWindow, ...]:
    return tuple(BreathWindow(start, end, None, "trunk_not_visible") for start, end in spans)


@pytest.mark.parametrize(
    ("reader", "line"),
    [
        (Reader.PERSON, "The camera did not see you, so crest cannot tell whether you moved."),
        (Reader.CLINICIAN, "The camera did not see Ann, so crest cannot tell whether Ann moved."),
    ],
)
def test_nobody_in_view_is_not_said_to_have_lain_still(reader: Reader, line: str) -> None:
    nobody = BreathResult(unseen_for((0, 30), (30, 60), (60, 85)), ())
    assert nobody.stillness_line(reader, "Ann") == line
    other_side = BreathResult((BreathWindow(0, 30, None, "camera_not_at_side"),), ())
    assert "did not see" in other_side.stillness_line(reader, "Ann")
    # a room too dark to find anybody in (camfix s49): no movement seen there is no stillness either
    in_the_dark = BreathResult((BreathWindow(0, 30, None, "too_dark"), BreathWindow(30, 60, None, "too_dark")), ())
    assert in_the_dark.stillness_line(reader, "Ann") == line


@pytest.mark.parametrize(
    ("reader", "still", "moved"),
    [
        (
            Reader.PERSON,
            "The camera saw you for only about 2 min of 10; you lay still while it did.",
            "You moved once, at 01:10 (the camera saw you for only about 2 min of 10).",
        ),
        (
            Reader.CLINICIAN,
            "The camera saw Ann for only about 2 min of 10; Ann lay still while it did.",
            "Ann moved once, at 01:10 (the camera saw Ann for only about 2 min of 10).",
        ),
    ],
)
def test_a_body_seen_for_part_of_the_rest_is_said_so(reader: Reader, still: str, moved: str) -> None:
    windows = (BreathWindow(0, 120, 12.0), *unseen_for((120, 600)))
    assert BreathResult(windows, ()).stillness_line(reader, "Ann") == still
    assert BreathResult(windows, (Movement(70),)).stillness_line(reader, "Ann") == moved
    short = BreathResult((BreathWindow(0, 40, None, "moving"), *unseen_for((40, 85))), ())
    assert short.stillness_line(reader, "Ann").startswith(
        f"The camera saw {'you' if reader is Reader.PERSON else 'Ann'} for only 40 s of 85;"
    )


def test_too_short_a_watch_claims_nothing_but_the_movements_it_saw() -> None:
    assert BreathResult((), ()).stillness_line() == "The camera watched too briefly to tell whether you moved."
    assert BreathResult((), (Movement(5),)).stillness_line() == "You moved once, at 00:05."
    unseen_but_moved = BreathResult(unseen_for((0, 30), (30, 85)), (Movement(5),))
    assert unseen_but_moved.stillness_line() == "You moved once, at 00:05 (the camera saw you for moments of 85 s)."
    long_unseen_but_moved = BreathResult(unseen_for((0, 600)), (Movement(5),))
    assert long_unseen_but_moved.stillness_line() == (
        "You moved once, at 00:05 (the camera saw you for under a minute of 10 min)."
    )


def test_the_note_says_it_is_not_a_health_measurement() -> None:
    assert "not a measurement of your health" in RELAXATION_NOTE


def test_every_line_can_speak_of_the_person_to_their_clinician() -> None:
    slowing = result_of((0, 30, 14.2), (30, 60, 13.6), (60, 90, 11), (90, 120, 8.3), (120, 150, 7.8), movements=(190,))
    assert slowing.summary(Reader.CLINICIAN, "Ann") == (
        "Ann's breathing slowed from about 14 to about 8 breaths a minute over the rest."
    )
    assert slowing.stillness_line(Reader.CLINICIAN, "Ann") == "Ann moved once, at 03:10."
    assert result_of(*SEEN).stillness_line(Reader.CLINICIAN) == "The person lay still throughout."
    unseen = BreathResult((BreathWindow(0, 30, None, "trunk_not_visible"),), ())
    assert unseen.summary(Reader.CLINICIAN, "Ann") == (
        "No breathing reading this time: Ann's chest and belly were not in view."
    )
    assert relaxation_note(Reader.CLINICIAN, "Ann") == (
        "This is feedback on how Ann relaxed, not a measurement of their health."
    )
