"""Read the protocol file shipped with the package and validate it."""

from functools import cache
from importlib import resources
from pathlib import Path

from crest.datafile import parse_toml_model
from crest.errors import CrestError
from crest.protocol.model import Protocol


class InvalidProtocol(CrestError):
    """The protocol file is broken; the message names the field."""


def parse_protocol(text: str, origin: str = "protocol") -> Protocol:
    return parse_toml_model(text, Protocol, origin, InvalidProtocol)


@cache
def load_protocol(path: Path | None = None) -> Protocol:
    """The CRP protocol: the bundled crp.toml unless another file is given."""
    if path is None:
        text = resources.files("crest.protocol").joinpath("crp.toml").read_text(encoding="utf-8")
        return parse_protocol(text, "crp.toml")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidProtocol(f"cannot read {path}: {error.strerror or error}") from error
    return parse_protocol(text, str(path))
