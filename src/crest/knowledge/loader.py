"""Read the help file shipped with the package and validate it against crest's sources, and the English words
its typo fixer leaves alone."""

import json
import textwrap
from collections.abc import Collection
from functools import cache
from importlib import resources

from crest.datafile import parse_toml_model
from crest.errors import CrestError
from crest.knowledge.model import INHERITED_SOURCES, HelpContent
from crest.protocol import load_protocol

ENGLISH_WORDS = "english_words.json"  # next to help.toml in crest.knowledge
ENGLISH_WORDS_ABOUT = (
    "Correctly spelt English words that the help search's typo fixer leaves alone, with or without the sentence "
    "model: the whole words of the vocabulary of all-MiniLM-L6-v2 (that of bert-base-uncased, Apache License 2.0), "
    "as crest.embedding.minilm.whole_words reads them."
)


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
    text = resources.files("crest.knowledge").joinpath(ENGLISH_WORDS).read_text(encoding="utf-8")
    return frozenset(json.loads(text)["words"])


def english_words_text(words: Collection[str]) -> str:
    """english_words.json as it ships, for these words (`scripts/english-words` gives it the sentence model's whole
    words, `crest.embedding.minilm.whole_words`): sorted, several to a line, so a change reads as a short diff."""
    listed = ", ".join(json.dumps(word) for word in sorted(words))
    lines = textwrap.fill(listed, width=118, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False)
    return f'{{\n"about": {json.dumps(ENGLISH_WORDS_ABOUT)},\n"words": [\n{lines}\n]\n}}\n'
