"""Read the help file shipped with the package and validate it against crest's sources, and the English words
its typo fixer leaves alone."""

import json
from functools import cache
from importlib import resources

from crest.datafile import parse_toml_model
from crest.errors import CrestError
from crest.knowledge.model import INHERITED_SOURCES, HelpContent
from crest.protocol import load_protocol


class InvalidHelp(CrestError):
    """The help file is broken; the message names the field."""


def parse_help(text: str, origin: str = "help") -> HelpContent:
    """Help content from TOML text; it may cite every source of crp.toml as well as its own."""
    context = {INHERITED_SOURCES: load_protocol().sources}
    return parse_toml_model(text, HelpContent, origin, InvalidHelp, context)


@cache
def load_help() -> HelpContent:
    """The bundled help.toml."""
    return parse_help(resources.files("crest.knowledge").joinpath("help.toml").read_text(encoding="utf-8"), "help.toml")


@cache
def english_words() -> frozenset[str]:
    """The bundled english_words.json: correctly spelt words ("never", "chilly") that the typo fixer must not turn
    into an entry's word ("fever", "chills"), whether or not the sentence model is installed."""
    text = resources.files("crest.knowledge").joinpath("english_words.json").read_text(encoding="utf-8")
    return frozenset(json.loads(text)["words"])
