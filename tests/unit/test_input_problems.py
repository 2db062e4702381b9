"""Input that does not fit is explained in plain words naming the field, never in the validator's own text."""

import math
from datetime import datetime
from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crest.input_problems import InputProblem, field_label, input_problems, outside_range
from crest.journal.vocabulary import SessionStatus

VALIDATOR_WORDS = ("Input should", "String should", "Field required", "Value error", "valid integer", "pattern")


class _Pain(BaseModel):
    score: int = Field(ge=0, le=10)


class _Form(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default_minutes: int = Field(ge=5, le=30)
    default_variant: Literal["standard", "supported", "somatic"]
    next: str = Field("/session", pattern=r"^/session")
    elapsed_s: float = Field(0, ge=0)
    at: datetime | None = None
    pain: list[_Pain] = []
    note: str = Field("", max_length=5)


def _problems(values: dict[str, object]) -> list[InputProblem]:
    with pytest.raises(ValidationError) as raised:
        _Form.model_validate(values)
    return input_problems(raised.value.errors())


@pytest.mark.parametrize(
    ("values", "sentence"),
    [
        ({"default_minutes": "soon"}, "Default session length (minutes): enter a whole number, not “soon”."),
        ({"default_minutes": 99}, "Default session length (minutes): enter 30 or less, not “99”."),
        ({"default_minutes": 4}, "Default session length (minutes): enter 5 or more, not “4”."),
        ({"default_variant": "yoga"}, "Default variant: choose standard, supported or somatic, not “yoga”."),
        ({"default_variant": None}, "Default variant: choose standard, supported or somatic."),
        ({"next": "https://example.org/"}, "The page to go on to: crest cannot use “https://example.org/” here."),
        ({"elapsed_s": "a while"}, "Elapsed (seconds): enter a number, not “a while”."),
        ({"at": "yesterday"}, "At: enter a date and time like 2026-05-01T07:30+01:00, not “yesterday”."),
        ({"pain": [{"score": 3}, {"score": 11}]}, "Score (entry 2): enter 10 or less, not “11”."),
        ({"note": "far too long"}, "Note: keep it to 5 characters or fewer."),
        ({"colour": "red"}, "Colour: crest does not know this field; leave it out."),
    ],
)
def test_each_problem_names_the_field_and_what_to_enter(values: dict[str, object], sentence: str) -> None:
    complete: dict[str, object] = {"default_minutes": 15, "default_variant": "standard"}
    problems = _problems(complete | values)
    assert [problem.sentence for problem in problems] == [sentence]
    assert not any(words in sentence for words in VALIDATOR_WORDS)


def test_text_that_is_not_unicode_is_said_in_crests_words_without_repeating_it() -> None:
    # half a character (a lone surrogate escape in a JSON body), as pydantic reports it for an API's text field
    error = {
        "type": "string_unicode",
        "loc": ("body", "activities", 0, "name"),
        "msg": "Input should be a valid string, unable to parse raw data as a unicode string",
        "input": "sitting \ud800",
    }
    [problem] = input_problems([error])
    assert problem.sentence == (
        "Name (entry 1): this value has a character that is not valid text (not UTF-8); please type it again."
    )


def test_the_api_keeps_the_path_of_the_field() -> None:
    [problem] = _problems({"default_minutes": 15, "default_variant": "standard", "pain": [{"score": -1}]})
    assert (problem.field, problem.message) == ("pain.0.score", "enter 0 or more, not “-1”")
    [missing] = _problems({"default_minutes": 15})
    assert (missing.field, missing.sentence) == ("default_variant", "Default variant: this is required.")


def test_our_own_parsers_words_are_kept_and_long_input_is_not_repeated() -> None:
    error = {"type": "value_error", "loc": ("body", "region"), "msg": "Value error, “elbow” is not a place crest knows"}
    assert input_problems([error])[0].sentence == "Region: “elbow” is not a place crest knows."
    long = {"type": "int_parsing", "loc": ("query", "minutes"), "msg": "Input should be an integer", "input": "x" * 80}
    assert input_problems([long])[0].sentence == "Minutes: enter a whole number."


@pytest.mark.parametrize("given", [4, 31])
def test_our_own_range_checks_say_what_the_schemas_bounds_say(given: int) -> None:
    [problem] = _problems({"default_minutes": given, "default_variant": "standard"})
    assert outside_range(5, 30, given) == problem.message


class _Finish(BaseModel):
    status: Literal[SessionStatus.COMPLETED, SessionStatus.ENDED_EARLY]


def test_a_choice_among_enum_members_names_their_values() -> None:
    with pytest.raises(ValidationError) as raised:
        _Finish.model_validate({"status": "running"})
    [problem] = input_problems(raised.value.errors())
    assert problem.sentence == "Status: choose completed or ended_early, not “running”."


class _Round(BaseModel):
    name: str = Field(min_length=1)
    activities: list[int] = Field(min_length=1, max_length=5)


def test_a_length_of_one_is_counted_in_the_singular() -> None:
    with pytest.raises(ValidationError) as raised:
        _Round.model_validate({"name": "", "activities": []})
    sentences = [problem.sentence for problem in input_problems(raised.value.errors())]
    assert sentences == ["Name: enter at least 1 character.", "Activities: give at least 1 entry."]


def test_a_fields_path_is_said_as_a_form_names_it() -> None:
    # What the API's 422 gives each problem as its label, whichever way the problem was found.
    assert field_label("pain.0.score") == "Score (entry 1)"
    assert field_label("note") == "Note"
    assert field_label("actual_seconds") == "Actual seconds"


def test_a_number_too_large_to_read_is_said_by_the_bound_it_passes_when_the_field_has_one() -> None:
    huge = {"type": "int_parsing_size", "loc": ("body", "score"), "msg": "Unable to parse ...", "input": -1e20}
    infinite = {"type": "finite_number", "loc": ("body", "score"), "msg": "Input should be ...", "input": math.inf}
    [below, above] = input_problems([huge, infinite], lambda location: {"ge": 0, "le": 10})
    assert (below.message, above.message) == ("enter 0 or more, not “-1e+20”", "enter 10 or less")
    [unbounded] = input_problems([huge])  # no schema to read (the terminal): its kind's own words
    assert unbounded.message == "this number is too big to use; enter a smaller one, not “-1e+20”"
