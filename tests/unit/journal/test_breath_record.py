"""A session's breath reading as the journal keeps it: what crest wrote reads back; anything else is refused."""

from __future__ import annotations

import json
from typing import Any

import pytest

from crest.breath.result import BreathResult, BreathWindow, Movement
from crest.errors import CrestError
from crest.journal.breath_record import InvalidBreath, breath_from_text, breath_text, check_breath

READING = BreathResult(
    (BreathWindow(0.0, 30.0, 14.2), BreathWindow(30.0, 60.0, None, "moving"), BreathWindow(60.0, 120.0, 8.1)),
    (Movement(33.5), Movement(41.0)),
)


def _saved() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(READING.to_json_dict()))
    return data


def test_what_crest_writes_reads_back_the_same() -> None:
    assert check_breath(_saved()) == READING
    assert breath_from_text(breath_text(READING)) == READING
    assert json.loads(breath_text(READING)) == READING.to_json_dict()


def test_a_reading_with_no_window_and_no_movement_is_still_a_reading() -> None:
    empty = BreathResult((), ())
    assert check_breath(empty.to_json_dict()) == empty


def _broken(change: str) -> dict[str, Any]:
    data = _saved()
    windows, movements = data["windows"], data["movements"]
    if change == "not an object":
        return ["windows"]  # type: ignore[return-value]
    if change == "unknown field":
        data["frames"] = []
    elif change == "windows not a list":
        data["windows"] = "0-30"
    elif change == "no reason":
        del windows[1]["reason"]
    elif change == "unknown reason":
        windows[1]["reason"] = "sneezing"
    elif change == "rate and reason":
        windows[0]["reason"] = "moving"
    elif change == "rate too high":
        windows[0]["rate_bpm"] = 400
    elif change == "rate is text":
        windows[0]["rate_bpm"] = "14"
    elif change == "rate is true":
        windows[0]["rate_bpm"] = True
    elif change == "start missing":
        del windows[0]["start_s"]
    elif change == "out of order":
        windows[2]["start_s"] = 10.0
    elif change == "ends as it starts":
        windows[0]["end_s"] = 0.0
    elif change == "infinite":
        windows[2]["end_s"] = float("inf")
    elif change == "beyond a day":
        windows[2]["end_s"] = 90_000.0
    elif change == "movement field":
        movements[0] = {"at_s": 1.0, "picture": "..."}
    elif change == "movement back in time":
        movements[1]["at_s"] = 2.0
    elif change == "negative movement":
        movements[0]["at_s"] = -1.0
    elif change == "overall rate not the median":
        data["rate_bpm"] = 20.0
    elif change == "overall rate without readings":
        data["windows"] = [windows[1]]
    return data


@pytest.mark.parametrize(
    "change",
    [
        "not an object",
        "unknown field",
        "windows not a list",
        "no reason",
        "unknown reason",
        "rate and reason",
        "rate too high",
        "rate is text",
        "rate is true",
        "start missing",
        "out of order",
        "ends as it starts",
        "infinite",
        "beyond a day",
        "movement field",
        "movement back in time",
        "negative movement",
        "overall rate not the median",
        "overall rate without readings",
    ],
)
def test_anything_crest_did_not_write_is_refused_in_one_line(change: str) -> None:
    with pytest.raises(InvalidBreath) as raised:
        check_breath(_broken(change))
    assert isinstance(raised.value, CrestError)
    assert "\n" not in str(raised.value)


def test_the_overall_rate_may_differ_from_the_median_by_rounding_only() -> None:
    data = _saved()
    data["rate_bpm"] = round(data["rate_bpm"] + 0.1, 1)
    assert check_breath(data) == READING
    data["rate_bpm"] = round(data["rate_bpm"] + 0.2, 1)
    with pytest.raises(InvalidBreath, match="median"):
        check_breath(data)


def test_a_damaged_column_is_refused_not_crashed_on() -> None:
    with pytest.raises(InvalidBreath, match="not valid JSON"):
        breath_from_text("{rate")
