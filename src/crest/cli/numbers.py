"""Numbers given on the command line."""

from typing import Annotated

from pydantic import Field, TypeAdapter

# Typer reads a float option as Python does, "nan" and "1e400" (infinity) included; no option means either.
_FINITE = TypeAdapter(Annotated[float, Field(allow_inf_nan=False)])


def finite_number(text: str) -> float:
    """The number `text` says, refused unless finite: its ValidationError reaches crest.cli.app as any
    unreadable option value does, and is said there in one line naming the option."""
    return _FINITE.validate_python(text)
