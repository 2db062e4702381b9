"""A problem with what a page sent, said in the page's own words: its choices as the form shows them ("On your side",
not `side_lying`) and, where the form has its own way to answer (tick boxes), what to do there. The API keeps the
field names and values a script sends (see crest.web.errors)."""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from crest.errors import CrestError, FieldError
from crest.input_problems import InputProblem, field_label, input_problems
from crest.protocol.model import Protocol

VARIANT_FIELDS = frozenset({"variant", "default_variant"})  # every page field that chooses a variant


def refusal(error: CrestError) -> str:
    """A refusal as a page says it: a field's problem under the field's label ("Session: ..."), never its name in
    the code ("session_id: ...")."""
    return f"{field_label(error.field)}: {error.reason}" if isinstance(error, FieldError) else error.message


def one_of(titles: Sequence[str]) -> str:
    """'A, B or C'."""
    return titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} or {titles[-1]}"


def variant_titles(protocol: Protocol) -> str:
    """Every variant as the pages show it: 'Standard, ... or On your side'."""
    return one_of([variant.title for variant in protocol.variants.values()])


def choose_a_variant(protocol: Protocol) -> str:
    """What to do about an unknown variant, named as every page shows the variants."""
    return f"choose {variant_titles(protocol)}"


def form_problems(
    errors: Sequence[Mapping[str, Any]], protocol: Protocol, form_says: Mapping[str, str] | None = None
) -> list[InputProblem]:
    """`input_problems` for a page: a variant among the choices by its title, and `form_says[field]` for a field
    the form answers in its own way (a row of tick boxes: "tick at least one day")."""
    said = form_says or {}
    problems = input_problems([_variants_by_title(error, protocol) for error in errors])
    return [replace(problem, message=said[problem.field]) if problem.field in said else problem for problem in problems]


def _variants_by_title(error: Mapping[str, Any], protocol: Protocol) -> Mapping[str, Any]:
    location = error.get("loc") or ()
    if error.get("type") in ("literal_error", "enum") and location and location[-1] in VARIANT_FIELDS:
        return {**error, "ctx": {**(error.get("ctx") or {}), "expected": variant_titles(protocol)}}
    return error
