"""Find the help entries for a question: red-flag rules first, then a full-text search (SQLite FTS5, BM25).

The index lives in memory (the standard library's sqlite3, nothing on disk, nothing downloaded) and is built
once from the entries. A question is never passed to SQLite as query syntax: it is reduced to plain words
(see `text.words`), stop words are dropped, typos are fixed against the entries' vocabulary, lay words gain
the entries' words for them, and each remaining word goes in quoted, joined by OR, as a bound parameter.
"""

import sqlite3
import threading
from dataclasses import dataclass

from crest.knowledge.model import HelpContent, HelpEntry
from crest.knowledge.red_flags import RULES, RedFlagRule, fired_rules
from crest.knowledge.spelling import SpellingFixer
from crest.knowledge.text import words

MAX_ANSWERS = 3
MAX_QUERY_WORDS = 64  # a long text is searched by its first words; the red-flag rules still read all of it
RUNNER_UP_SHARE = 0.5  # a second or third answer must score at least this share of the best one
# BM25 weight per column (id, title, text, also_asked): a match in a title or a lay phrasing counts most.
COLUMN_WEIGHTS = (0.0, 4.0, 1.0, 3.0)
WARNING_ORDER = {"urgent_care": 0, "see_clinician": 1}

# Common words that say little about the topic. Kept on purpose: up, down, not, no, off, out, over, under,
# before, after, both, long, often, side: "get up" and "get down" are different questions.
_STOP_WORDS_TEXT = """
    a about above again all also am an and any anything are as at be because been being but by can could
    did do does doing dont for from had has have having he her here hers him his how i id if ill im in into is
    it its itll ive just me might mine more most must my myself of ok okay on once one only or other our ours
    she should so some something such than that thats the their them then there these they thing things this
    those through to too us very was we were what whats when where which while who whom why will with would
    you your youre yours yourself really actually please hi hello thanks thank anyone someone know
    get gets got getting need needs want wants supposed meant just still even much lot little bit kind sort
    bad good normal fine right wrong best way like maybe sure ever always usually whether
    cant wont didnt doesnt isnt arent wasnt couldnt shouldnt wouldnt havent hasnt
    dear liz wondering wonder question questions tips anybody somebody tell
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


@dataclass(frozen=True)
class HelpResult:
    """What a question finds: at most one warning sign, pinned, and up to three ordinary entries."""

    urgent: HelpEntry | None
    answers: tuple[HelpEntry, ...]

    @property
    def found_nothing(self) -> bool:
        return self.urgent is None and not self.answers


class HelpSearch:
    """Built once from the content; `find` is safe to call from several threads."""

    def __init__(self, content: HelpContent, rules: tuple[RedFlagRule, ...] = RULES) -> None:
        self._content = content
        self._rules = rules
        self._fixer = SpellingFixer(content.vocabulary())
        self._lock = threading.Lock()
        self._database = sqlite3.connect(":memory:", check_same_thread=False)
        self._database.execute(
            "CREATE VIRTUAL TABLE entries USING fts5("
            "id UNINDEXED, title, text, also_asked, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        self._database.executemany(
            "INSERT INTO entries (id, title, text, also_asked) VALUES (?, ?, ?, ?)",
            [(entry.id, entry.title, entry.text, "\n".join(entry.also_asked)) for entry in content.answers],
        )

    def find(self, question: str) -> HelpResult:
        return HelpResult(self.warning_sign(question), self.answers(question))

    def warning_sign(self, question: str) -> HelpEntry | None:
        """The most serious warning-sign entry whose rule fires on the question, if any."""
        entries = [self._content.entry(rule.entry_id) for rule in fired_rules(question, self._rules)]
        warnings = [entry for entry in entries if entry is not None and entry.level is not None]
        return min(warnings, key=lambda entry: WARNING_ORDER[entry.level or "see_clinician"], default=None)

    def answers(self, question: str) -> tuple[HelpEntry, ...]:
        """The 1-3 ordinary entries that best match the question, best first; none when nothing matches."""
        terms = self.query_terms(question)
        if not terms:
            return ()
        match = " OR ".join(f'"{term}"' for term in terms)  # terms are [a-z0-9]+: nothing to escape
        with self._lock:
            rows = self._database.execute(
                "SELECT id, bm25(entries, ?, ?, ?, ?) AS score FROM entries WHERE entries MATCH ? "
                "ORDER BY score LIMIT ?",
                (*COLUMN_WEIGHTS, match, MAX_ANSWERS),
            ).fetchall()
        if not rows:
            return ()
        best = rows[0][1]  # BM25 scores are negative: lower is better
        found = (self._content.entry(entry_id) for entry_id, score in rows if score <= best * RUNNER_UP_SHARE)
        return tuple(entry for entry in found if entry is not None)

    def query_terms(self, question: str) -> list[str]:
        """The words searched for: no stop words, typos fixed, lay words joined by the entries' words."""
        terms: dict[str, None] = {}  # ordered and without repeats
        for word in words(question)[: MAX_QUERY_WORDS * 4]:
            if word in STOP_WORDS:
                continue
            fixed = word if word in self._content.synonyms else self._fixer.fix(word)
            if fixed in STOP_WORDS:
                continue
            terms[fixed] = None
            for synonym in self._content.synonyms.get(fixed, ()):
                terms[synonym] = None
            if len(terms) >= MAX_QUERY_WORDS:
                break
        return list(terms)
