"""Help: answer a question in a person's own words. `crest ask`, the Help page and GET /api/help all call this.

The reply is the JSON contract of the help feature: the question, one pinned warning sign or null, the 1-3
best ordinary answers with their sources' full titles, and the one-line warning-signs footer every answer page
carries. A question that finds nothing gets an empty `answers`, a message and the topics to browse.
"""

from functools import cache

from pydantic import BaseModel

from crest.errors import CrestError
from crest.knowledge.loader import load_help
from crest.knowledge.model import HelpContent, HelpEntry, WarningLevel
from crest.knowledge.search import HelpSearch
from crest.knowledge.text import clean_question


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
    urgent: UrgentAnswer | None
    answers: list[HelpAnswer]
    footer: str
    message: str | None = None  # only when nothing matched
    topics: list[TopicGroup] | None = None  # only when nothing matched


@cache
def _search() -> HelpSearch:
    return HelpSearch(load_help())


def ask(question: str) -> HelpReply:
    """The reply to any text: never an error, at worst "nothing found" with the topics."""
    content = load_help()
    kept = clean_question(question)
    result = _search().find(kept)
    urgent = _urgent(content, result.urgent) if result.urgent else None
    reply = HelpReply(
        question=kept,
        urgent=urgent,
        answers=[_answer(content, entry) for entry in result.answers],
        footer=content.footer,
    )
    if result.found_nothing:
        reply.message = content.nothing_found
        reply.topics = topics()
    return reply


def entry(entry_id: str) -> HelpAnswer:
    """One entry by id (its own page); a warning sign comes with its level."""
    content = load_help()
    found = content.entry(entry_id)
    if found is None:
        raise UnknownHelpEntry(f"no help entry '{entry_id}'; `crest ask` lists the topics")
    return _urgent(content, found) if found.level else _answer(content, found)


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
