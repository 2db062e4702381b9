"""Data files shipped with crest (TOML), validated by a pydantic model; a mistake names the field that is wrong."""

import tomllib
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from crest.errors import CrestError

Model = TypeVar("Model", bound=BaseModel)


def parse_toml_model(
    text: str, model: type[Model], origin: str, error: type[CrestError], context: Mapping[str, Any] | None = None
) -> Model:
    """`text` read as TOML and validated as `model` (given `context`); a problem raises `error` naming the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{origin}: not valid TOML ({problem})") from problem
    try:
        return model.model_validate(data, context=context)
    except ValidationError as problem:
        first = problem.errors()[0]
        # A check across fields (a model validator) has no location: its message names the field itself.
        where = "field " + ".".join(str(part) for part in first["loc"]) + ": " if first["loc"] else ""
        raise error(f"{origin}: {where}{first['msg'].removeprefix('Value error, ')}") from problem
