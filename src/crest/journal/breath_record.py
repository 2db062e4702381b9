"""A session's breath reading as the journal keeps it: numbers and reason names only, never pictures.

The saved shape is `BreathResult.to_json_dict()` (the `breath` object of `crest check --json`). Whatever comes
from outside (the browser's finish call, an import file, the database) is checked here before it becomes a
`BreathResult`, and a bad value is refused in one line naming what is wrong.
"""

from __future__ import annotations

import json
import math
from typing import Any

from crest.breath.reasons import REASONS
from crest.breath.result import BreathResult
from crest.errors import CrestError

# A session lasts at most a day (records.MAX_ELAPSED_S), in windows of at least 20 s, with at most a movement
# every second: more than this is not a reading of a rest.
MAX_BREATH_S = 24 * 60 * 60
MAX_WINDOWS = MAX_BREATH_S // 20
MAX_MOVEMENTS = MAX_BREATH_S
BREATH_LIST_CAPS = {"windows": MAX_WINDOWS, "movements": MAX_MOVEMENTS}
# Rates a window can give lie well inside this (the tracker reads 4-40 breaths a minute).
MAX_RATE_BPM = 60.0
# The saved windows' rates and their saved median are each rounded to 0.1: this much leeway covers both.
RATE_ROUNDING_BPM = 0.11


class InvalidBreath(CrestError):
    """A breath reading that is not one crest wrote: a missing or impossible value."""


def check_breath(data: object) -> BreathResult:
    """The breath reading in `data` (the `to_json_dict` shape), checked value by value."""
    if not isinstance(data, dict):
        raise InvalidBreath(f"the breath reading {data!r} is not an object with rate_bpm, windows and movements")
    unknown = sorted(set(data) - {"rate_bpm", "windows", "movements"})
    if unknown:
        raise InvalidBreath(f"the breath reading has an unknown field '{unknown[0]}'")
    windows = _items(data, "windows")
    movements = _items(data, "movements")
    last_end_s = 0.0
    for number, window in enumerate(windows, 1):
        last_end_s = _check_window(number, window, last_end_s)
    last_at_s = 0.0
    for number, movement in enumerate(movements, 1):
        if not isinstance(movement, dict) or set(movement) != {"at_s"}:
            raise InvalidBreath(f"breath movement {number} is not an object with at_s alone")
        last_at_s = _seconds(movement["at_s"], f"breath movement {number}'s at_s", last_at_s)
    result = BreathResult.from_json_dict({"windows": windows, "movements": movements})
    _check_overall_rate(data.get("rate_bpm"), result)
    return result


def breath_text(result: BreathResult) -> str:
    """The reading as the journal's column holds it: compact JSON."""
    return json.dumps(result.to_json_dict(), separators=(",", ":"))


def breath_from_text(text: str) -> BreathResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise InvalidBreath("a saved breath reading is not valid JSON") from None
    return check_breath(data)


def _items(data: dict[str, Any], name: str) -> list[Any]:
    items = data.get(name)
    if not isinstance(items, list):
        raise InvalidBreath(f"the breath reading's {name} is {items!r}, not a list")
    check_item_count(name, len(items))
    return items


def check_item_count(name: str, count: int) -> None:
    """Refuse more windows or movements (`name`) than a rest has."""
    most = BREATH_LIST_CAPS[name]
    if count > most:
        raise InvalidBreath(f"the breath reading has {count} {name}; a rest has at most {most}")


def _check_window(number: int, window: object, earlier_end_s: float) -> float:
    """Checks one window (in time order after the one that ended at `earlier_end_s`); its end."""
    what = f"breath window {number}"
    if not isinstance(window, dict):
        raise InvalidBreath(f"{what} is not an object")
    unknown = sorted(set(window) - {"start_s", "end_s", "rate_bpm", "reason"})
    if unknown:
        raise InvalidBreath(f"{what} has an unknown field '{unknown[0]}'")
    for name in ("start_s", "end_s", "rate_bpm"):
        if name not in window:
            raise InvalidBreath(f"{what} has no {name}")
    start_s = _seconds(window["start_s"], f"{what}'s start_s", earlier_end_s)
    end_s = _seconds(window["end_s"], f"{what}'s end_s", start_s)
    if end_s == start_s:
        raise InvalidBreath(f"{what} ends when it starts ({start_s:g} s)")
    rate, reason = window["rate_bpm"], window.get("reason")
    if rate is None:
        if reason not in REASONS:
            raise InvalidBreath(f"{what} has no rate and no known reason why ({reason!r}); one of {', '.join(REASONS)}")
    else:
        rate_bpm = _number(rate)
        if rate_bpm is None or not 0 < rate_bpm <= MAX_RATE_BPM:
            raise InvalidBreath(f"{what}'s rate {rate!r} is not a number of breaths a minute (0-{MAX_RATE_BPM:g})")
        if reason is not None:
            raise InvalidBreath(f"{what} has a rate and also a reason for having none ({reason!r})")
    return end_s


def _seconds(value: object, what: str, not_before_s: float) -> float:
    """A time on the reading's time line: a number of seconds, not before `not_before_s`, within a day."""
    seconds = _number(value)
    if seconds is None:
        raise InvalidBreath(f"{what} {value!r} is not a number of seconds")
    if seconds < not_before_s or seconds > MAX_BREATH_S:
        raise InvalidBreath(
            f"{what} {seconds:g} s is out of order or out of range (from {not_before_s:g} to {MAX_BREATH_S} s)"
        )
    return seconds


def _check_overall_rate(rate: object, result: BreathResult) -> None:
    """The overall rate is the median of the windows' readings: given, it must be that one."""
    expected, given = result.rate_bpm, _number(rate)
    if rate is None and expected is None:
        return
    if given is None or expected is None or abs(given - expected) > RATE_ROUNDING_BPM:
        median = "none" if expected is None else f"{expected:.1f}"
        raise InvalidBreath(
            f"the breath reading's rate_bpm {rate!r} is not the median of its windows' rates ({median})"
        )


def _number(value: object) -> float | None:
    """A finite number as a float; None for anything else (true and false are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)
