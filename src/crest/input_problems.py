"""Input that does not fit, in plain words: which field, and what to enter instead, never the validator's own text.

The JSON API answers with the field's path and these words; a page names the field as its form does; the terminal
names the option. Pure: pydantic's error dictionaries in, words out.
"""

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crest.counting import counted
from crest.errors import one_line
from crest.shortening import shortened

# How the pages and forms name the fields a person can get wrong; any other field is named from its own name.
FIELD_LABELS: Mapping[str, str] = {
    "minutes": "Minutes",
    "variant": "Variant",
    "speed": "Speed",
    "before_checkin_id": "The check-in before the session",
    "session_id": "Session",
    "checkin_id": "Check-in",
    "timing": "Before or after a session",
    "next": "The page to go on to",
    "default_minutes": "Default session length (minutes)",
    "default_variant": "Default variant",
    "height_cm": "Your height in cm",
    "theme": "Theme",
    "weekly_goal_sessions": "Sessions a week you aim for",
    "reminder_time": "Reminder time",
    "reminder_zone": "Time zone",
    "sessions_per_day": "Sessions a day",
    "days_per_week": "Days a week",
    "start_on": "Start",
    "end_on": "End",
}
LONGEST_ECHO = 40  # what was entered is repeated only while it is short enough to read

_WHAT_TO_ENTER: Mapping[str, str] = {
    "missing": "this is required",
    "int_parsing": "enter a whole number",
    "int_type": "enter a whole number",
    "int_from_float": "enter a whole number",
    "int_parsing_size": "this number is too big to use; enter a smaller one",
    "float_parsing": "enter a number",
    "float_type": "enter a number",
    "finite_number": "enter a number",
    "bool_parsing": "answer yes or no",
    "bool_type": "answer yes or no",
    "string_type": "enter some text",
    "list_type": "give a list",
    "dict_type": "give named values",
    "model_type": "give named values",
    "model_attributes_type": "give named values",
    "datetime_parsing": "enter a date and time like 2026-05-01T07:30+01:00",
    "datetime_type": "enter a date and time like 2026-05-01T07:30+01:00",
    "datetime_from_date_parsing": "enter a date and time like 2026-05-01T07:30+01:00",
    "timezone_aware": "add the time zone, like 2026-05-01T07:30+01:00",
    "extra_forbidden": "crest does not know this field; leave it out",
    "json_invalid": "this is not valid JSON",
    # half a character (a lone surrogate escape in JSON), as crest's own checks of text say it (records.check_text)
    "string_unicode": "this value has a character that is not valid text (not UTF-8); please type it again",
}

# Nothing to repeat, or nothing that can be: text that is not Unicode cannot be written into an answer
_NOTHING_TO_ECHO = ("missing", "extra_forbidden", "json_invalid", "string_unicode")
# A day pydantic could not read (a date field of the practice's forms, the all-clear's day in the API): said as
# every door says it, by not_a_date.
_NOT_A_DATE = ("date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact")
_BOUNDS: Mapping[str, tuple[str, str]] = {
    "greater_than_equal": ("ge", "enter {} or more"),
    "greater_than": ("gt", "enter more than {}"),
    "less_than_equal": ("le", "enter {} or less"),
    "less_than": ("lt", "enter less than {}"),
}
# A number too large for the validator to read as a whole number ("exceeded maximum size"), or infinite (1e400 in
# JSON): said as the out-of-range number it is, by the bound on its side, when the field's schema has one.
_TOO_LARGE_TO_READ = ("int_parsing_size", "finite_number")
# A field's bounds by the keys pydantic's errors use ({"ge": 1, "le": 21}), found from its place ("body", "pain", 0,
# "score"); the API knows its schemas, the terminal has none to look in.
FieldBounds = Callable[[Sequence[Any]], Mapping[str, float]]
_LENGTHS: Mapping[str, tuple[str, str, str, str]] = {  # the bound, the words around it, its noun and plural
    "string_too_long": ("max_length", "keep it to {} or fewer", "character", "characters"),
    "string_too_short": ("min_length", "enter at least {}", "character", "characters"),
    "too_long": ("max_length", "give at most {}", "entry", "entries"),
    "too_short": ("min_length", "give at least {}", "entry", "entries"),
}


def outside_range(low: float, high: float, given: float) -> str:
    """The words for a number outside `low`-`high`, the same at every door ("enter 30 or less, not “31”"): the
    checks of the records and the session say it as the pages and the API say pydantic's bounds."""
    kind = "greater_than_equal" if given < low else "less_than_equal"
    return _BOUNDS[kind][1].format(_readable(low if given < low else high)) + _instead_of(given)


@dataclass(frozen=True)
class InputProblem:
    field: str  # where, as a path: pain.0.score
    label: str  # where, as a person reads it: Pain score (entry 1)
    message: str  # what to do about it, in plain words

    @property
    def sentence(self) -> str:
        return f"{self.label}: {self.message}."


def _no_bounds(location: Sequence[Any]) -> Mapping[str, float]:
    return {}


def input_problems(errors: Sequence[Mapping[str, Any]], bounds: FieldBounds = _no_bounds) -> list[InputProblem]:
    """One problem per error that pydantic (or FastAPI) reported."""
    return [_problem(error, bounds) for error in errors]


def _problem(error: Mapping[str, Any], bounds: FieldBounds) -> InputProblem:
    # An unreadable body is located at a character of it, which is no field.
    located = () if error.get("type") == "json_invalid" else error.get("loc", ())
    location = [part for part in located if part not in ("body", "query", "path", "form")]
    names = [str(part) for part in location]
    return InputProblem(".".join(names) or "body", _label(location), _message(_read_as_bound(error, bounds)))


def _read_as_bound(error: Mapping[str, Any], bounds: FieldBounds) -> Mapping[str, Any]:
    """A number too large to read as the bound it passes, when the field has one on that side; else as it came."""
    given = error.get("input")
    if error.get("type") not in _TOO_LARGE_TO_READ or isinstance(given, bool) or not isinstance(given, int | float):
        return error
    limits = bounds(error.get("loc", ()))
    for kind in ("less_than_equal", "less_than") if given > 0 else ("greater_than_equal", "greater_than"):
        key = _BOUNDS[kind][0]
        if key in limits:
            # infinity echoed would read "not “inf”": said only while the number is one a person could type
            return {**error, "type": kind, "ctx": {key: limits[key]}, "input": given if math.isfinite(given) else None}
    return error


def field_label(field: str) -> str:
    """A field's path as the API names it ("pain.0.score") said as a person reads it: "Score (entry 1)"."""
    return _label([int(part) if part.isdigit() else part for part in field.split(".")])


def _label(location: Sequence[Any]) -> str:
    names = [part for part in location if isinstance(part, str)]
    if not names:
        return "What was sent"
    name = names[-1]
    label = FIELD_LABELS.get(name) or _from_name(name)
    entries = [part for part in location if isinstance(part, int)]
    return f"{label} (entry {entries[-1] + 1})" if entries else label


def _from_name(name: str) -> str:
    words = name.split("_")
    units = {"s": "(seconds)", "cm": "(cm)", "id": ""}
    if len(words) > 1 and words[-1] in units:
        words[-1] = units[words[-1]]
    return " ".join(word for word in words if word).capitalize()


# How pydantic lists an enum member among a Literal's choices: "<SessionStatus.COMPLETED: completed>" (its quotes
# already gone); a person is shown the value alone, as they would type it.
_ENUM_MEMBER = re.compile(r"<\w+\.\w+: ([^>]+)>")


def _message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    context: Mapping[str, Any] = error.get("ctx") or {}
    given = error.get("input")
    if kind == "value_error":  # our own parsers' words, already plain
        return str(error.get("msg", "")).removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        echoed = _instead_of(given).removeprefix(", not ")
        return f"crest cannot use {echoed or 'this'} here"
    if kind in ("literal_error", "enum"):
        expected = _ENUM_MEMBER.sub(r"\1", str(context.get("expected", "")).replace(chr(39), ""))
        return f"choose {expected}{_instead_of(given)}"
    if kind in _BOUNDS:
        key, wording = _BOUNDS[kind]
        return wording.format(_readable(context.get(key))) + _instead_of(given)
    if kind in _LENGTHS:
        key, wording, noun, nouns = _LENGTHS[kind]
        return wording.format(counted(int(context.get(key) or 0), noun, nouns))
    if kind in _NOT_A_DATE:
        return not_a_date(given)
    if kind in _WHAT_TO_ENTER:
        return _WHAT_TO_ENTER[kind] + ("" if kind in _NOTHING_TO_ECHO else _instead_of(given))
    text = str(error.get("msg", "this is not right"))
    return text[:1].lower() + text[1:]


def _readable(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def quoted(given: str) -> str:
    """What a person sent, repeated where crest refuses it: between quotation marks, its control characters written
    as escapes (`one_line`: a page, the API and the terminal show one plain line) and cut short at LONGEST_ECHO."""
    return f"\N{LEFT DOUBLE QUOTATION MARK}{shortened(one_line(given), LONGEST_ECHO)}\N{RIGHT DOUBLE QUOTATION MARK}"


def echoed(value: Any) -> str:
    """A value read from a file, repeated where crest refuses it: text as `quoted` repeats what was typed, anything
    else (a number, true, a list) as the JSON file writes it, cut short the same way."""
    if isinstance(value, str):
        return quoted(value)
    return shortened(one_line(json.dumps(value, ensure_ascii=False, default=str)), LONGEST_ECHO)


def not_a_date(given: Any, what: str | None = None, or_time: bool = False) -> str:
    """The one wording for a day crest cannot read, at every door that takes one (the terminal's --since, --until
    and --cleared-on, the API's days, the Progress, Report and all-clear boxes, a prescription's start and end):
    `what` names the field where the door does not already (the terminal's option); `or_time` where a time is
    taken too (crest history --since)."""
    shown = "this"
    if isinstance(given, str | int | float) and not isinstance(given, bool) and str(given).strip():
        shown = quoted(str(given))
    words = f"{shown} is not a date; write it as YYYY-MM-DD, for example 2026-05-01"
    if or_time:
        words += ", or a time, like 2026-05-01T07:30"
    return words if what is None else f"{what}: {words}"


def _instead_of(given: Any) -> str:
    """', not “soon”' while what was entered is short, plain text or a number."""
    if isinstance(given, bool) or not isinstance(given, str | int | float):
        return ""
    text = str(given)
    if not text.strip() or len(text) > LONGEST_ECHO:
        return ""
    return f", not \N{LEFT DOUBLE QUOTATION MARK}{text}\N{RIGHT DOUBLE QUOTATION MARK}"
