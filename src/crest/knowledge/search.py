"""Find the help entries for a question: red-flag rules first, then a full-text search, joined by meaning.

The red-flag rules read every question, as written and with its typos fixed, before any ranking, and never depend
on it.

The full-text index (SQLite FTS5, BM25) lives in memory (the standard library's sqlite3, nothing on disk, nothing
downloaded) and is built once from the entries. A question is never passed to SQLite as query syntax: it is
reduced to plain words (see `text.words`), stop words are dropped, typos are fixed against the entries' vocabulary,
lay words gain the entries' words for them, and each remaining word goes in quoted, joined by OR, as a parameter.

When a sentence encoder is given (see `crest.embedding`), each entry is also compared by meaning: its title, its
"also asked as" phrasings and its answer are sentence vectors, computed once, and the question's vector is
compared with them. (Reading a long message sentence by sentence, or with its typos fixed, changed no measured
answer, so neither is done. A word spelt by ear is another matter: the model reads "so-az" as two unrelated
pieces, so both rankings read the question respelt, see `HelpSearch.respelt`.) An entry's score is a weighted sum
of its best similarity and its BM25 score as a share of the best one, so words the person shares with an entry
still count, and a question worded unlike any entry still finds it. Without an encoder the ranking is BM25 alone.

What a reader asks sits in the clause that opens with a question word ("how long do i stay", "what even is it"),
and the rest of a message says where they heard of it, who they would otherwise see, what they hope for. Those
words outweighed the asking ones, which BM25 drops as stop words and the sentence vector averages with the rest:
"how lng do i stay lying there 4 it to actualy work" found how it works first, "what is hook lying" the origins. So
an entry whose own question, its title, opens as an asking clause does ("what is", "how long", "why does") gains a
little (`SAME_OPENING_BONUS`).
"""

import re
import sqlite3
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from crest.knowledge.model import HelpContent, HelpEntry
from crest.knowledge.red_flags import EVERYDAY_SIGN_WORDS, RULES, RedFlagRule, fired_rules
from crest.knowledge.spelling import SpellingFixer
from crest.knowledge.text import clean_question, words

MAX_ANSWERS = 3
MAX_QUERY_WORDS = 64  # a long text is searched by its first words; the red-flag rules still read all of it
RUNNER_UP_SHARE = 0.5  # a second or third answer must score at least this share of the best one
MEANING_WEIGHT = 0.6  # share of an entry's score that comes from meaning; the rest from BM25
# Similarities (cosine) of the measured questions to their own entry are 0.3 to 0.9; of unrelated questions
# ("how do I cook pasta", "my car needs new tyres"), under 0.3 to every entry.
MIN_SIMILARITY = 0.35  # an entry no word of the question matches is an answer only when at least this close in meaning
MIN_RELATED = 0.25  # an entry that shares words with the question but is further than this in meaning is no answer
# BM25 weight per column (id, title, text, also_asked): a match in a title or a lay phrasing counts most.
COLUMN_WEIGHTS = (0.0, 4.0, 1.0, 3.0)
WARNING_ORDER = {"urgent_care": 0, "see_clinician": 1}
# What an entry gains when its title opens as one of the question's asking clauses does. Every part of
# `bench/help_search.py` gives the same answers from 0.03 to 0.07; at 0.08 "what is true?" finds the psoas.
SAME_OPENING_BONUS = 0.05
# Asking clauses open with these. A clause opened by "is", "can" or "should" asks too, but the word after it is its
# subject ("is it", "can i"), which says nothing of what is asked; counted, it lost BM25 alone an answer it had.
QUESTION_WORDS = frozenset({"what", "how", "where", "when", "why", "who", "which"})
# Words that stand in or before a question's opening without changing what it asks ("so what even is it").
_HEDGES_TEXT = "even just actually really exactly so ok okay and but then also like um hmm well"
_HEDGES = frozenset(_HEDGES_TEXT.split())
_CLAUSE_BREAK = re.compile(r"[,.;:?!]+")
# A word, or one sounded out in hyphenated pieces ("so-az", "sos-as"): the pieces are read as one word.
_SPELT_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

# Common words that say little about the topic. Kept on purpose: up, down, not, no, off, out, over, under,
# before, after, both, long, often, side: "get up" and "get down" are different questions. Reading ("I keep reading
# about it") is how the person heard of it, not what they ask.
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
    dear liz wondering wonder question questions tips anybody somebody tell read reads reading
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


FloatArray = npt.NDArray[np.float32]


class SentenceEncoder(Protocol):
    def encode(self, texts: Sequence[str]) -> FloatArray:
        """One unit-length vector per text, as rows, in the order given."""
        ...


@dataclass(frozen=True)
class HelpResult:
    """What a question finds: every warning sign it names, most urgent first, and up to three ordinary entries."""

    warnings: tuple[HelpEntry, ...]
    answers: tuple[HelpEntry, ...]

    @property
    def found_nothing(self) -> bool:
        return not self.warnings and not self.answers


class HelpSearch:
    """Built once from the content; `find` is safe to call from several threads."""

    def __init__(
        self,
        content: HelpContent,
        rules: tuple[RedFlagRule, ...] = RULES,
        encoder: SentenceEncoder | None = None,
        *,
        dictionary: frozenset[str],
    ) -> None:
        """`dictionary`: correctly spelt words the typo fixer leaves alone (see `SpellingFixer`), always given
        (`crest.knowledge.loader.english_words`): without it the fixer turned real words into entry words ("stairs"
        into "starts", which took breathlessness on the stairs for breathlessness at rest)."""
        self._content = content
        self._rules = rules
        self._fixer = SpellingFixer(content.vocabulary(), dictionary)
        self._warning_fixer = SpellingFixer(content.vocabulary(warning_signs=True) | EVERYDAY_SIGN_WORDS, dictionary)
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
        self._title_openings = {entry.id: question_openings(entry.title) for entry in content.answers}
        self._encoder = encoder
        passages = entry_passages(content)
        self._entry_ids = [entry.id for entry in content.answers]
        self._passage_vectors = encoder.encode([text for _, text in passages]) if encoder else None
        # passages come entry by entry: each entry's rows start here, for the best similarity per entry
        owners = [self._entry_ids.index(entry_id) for entry_id, _ in passages]
        self._entry_starts = np.searchsorted(owners, np.arange(len(self._entry_ids)))

    @property
    def compares_meaning(self) -> bool:
        return self._encoder is not None

    def find(self, question: str, further: Sequence[str] = ()) -> HelpResult:
        """The warning signs and the answers for a question; `further` pieces of a longer message are read for
        warning signs too, never ranked."""
        signs = [sign for piece in (question, *further) for sign in self.warning_signs(piece)]
        return HelpResult(_most_urgent_first(signs), self.answers(question))

    def warning_sign(self, question: str) -> HelpEntry | None:
        """The most serious warning-sign entry whose rule fires on the question, if any."""
        return next(iter(self.warning_signs(question)), None)

    def warning_signs(self, question: str) -> tuple[HelpEntry, ...]:
        """Every warning-sign entry whose rule fires on the question, each once, most urgent first.

        The rules read the question as written and again with its typos fixed against every entry's words, the
        warning signs' included, and the signs' everyday words (`EVERYDAY_SIGN_WORDS`), so that "bladdr" or "saddel"
        warns as "bladder" and "saddle" do, and "daugher" as "daughter"; a three-letter word is read as each sign word
        it sounds like ("fel" as "feel" and as "fell", "bak" as "back"). A fixed word can only add a warning, never
        hide one.
        """
        entries = [self._content.entry(rule.entry_id) for rule in self.fired_rules(question)]
        return _most_urgent_first([entry for entry in entries if entry is not None and entry.level is not None])

    def fired_rules(self, question: str, names: Collection[str] | None = None) -> list[RedFlagRule]:
        """The red-flag rules (only those `names` names, when given) that fire on the question, as written or with
        its typos fixed (`warning_signs`)."""
        rules = self._rules if names is None else tuple(rule for rule in self._rules if rule.name in names)
        readings = [self._warning_fixer.readings(word) for word in words(question)]
        fixed = " ".join(each[0] for each in readings)
        fired = fired_rules(question, rules) + fired_rules(fixed, rules, question)
        if any(len(each) > 1 for each in readings):  # "fel" may be "feel" or "fell": read it both ways
            fired += fired_rules(" ".join(each[-1] for each in readings), rules, question)
        return fired

    def answers(self, question: str) -> tuple[HelpEntry, ...]:
        """The 1-3 ordinary entries that best match the question, best first; none when nothing matches."""
        scores = self.scores(question)
        ranked = sorted(scores, key=lambda entry_id: -scores[entry_id])[:MAX_ANSWERS]
        if not ranked:
            return ()
        best = scores[ranked[0]]
        found = (self._content.entry(entry_id) for entry_id in ranked if scores[entry_id] >= best * RUNNER_UP_SHARE)
        return tuple(entry for entry in found if entry is not None)

    def scores(self, question: str) -> dict[str, float]:
        """Each entry that may answer the question, with its score (higher is better)."""
        lexical = self._lexical_scores(question)
        if self._passage_vectors is None or not words(question):  # no word at all (emoji, another script): no answer
            found = lexical
        else:
            similarity = self._similarities(question)
            near = {entry_id for entry_id, value in similarity.items() if value >= MIN_SIMILARITY}
            found = {
                entry_id: MEANING_WEIGHT * similarity[entry_id] + (1 - MEANING_WEIGHT) * lexical.get(entry_id, 0.0)
                for entry_id in near.union(lexical)
                if similarity[entry_id] >= MIN_RELATED
            }
        openings = question_openings(self.respelt(question))
        return {
            entry_id: score + (SAME_OPENING_BONUS if openings & self._title_openings[entry_id] else 0.0)
            for entry_id, score in found.items()
        }

    def _lexical_scores(self, question: str) -> dict[str, float]:
        """BM25 score of each entry sharing a word with the question, as a share of the best one (best = 1)."""
        terms = self.query_terms(question)
        if not terms:
            return {}
        match = " OR ".join(f'"{term}"' for term in terms)  # terms are [a-z0-9]+: nothing to escape
        with self._lock:
            rows = self._database.execute(
                "SELECT id, bm25(entries, ?, ?, ?, ?) AS score FROM entries WHERE entries MATCH ? ORDER BY score",
                (*COLUMN_WEIGHTS, match),
            ).fetchall()
        if not rows:
            return {}
        best = rows[0][1]  # BM25 scores are negative: lower is better
        return {entry_id: score / best for entry_id, score in rows}

    def _similarities(self, question: str) -> dict[str, float]:
        """Each entry's closest passage to the question (cosine, -1 to 1)."""
        assert self._encoder is not None and self._passage_vectors is not None
        vector = self._encoder.encode([self.respelt(question)])[0]
        per_entry = np.maximum.reduceat(self._passage_vectors @ vector, self._entry_starts)
        return {entry_id: float(value) for entry_id, value in zip(self._entry_ids, per_entry, strict=True)}

    def respelt(self, question: str) -> str:
        """The question with each word spelt by ear, or written without its vowels, as the entry word it stands for:
        "what is the so-az" -> "what is the psoas", "how lng" -> "how long". Every other word stays as written."""
        return _SPELT_WORD.sub(self._respell, clean_question(question))

    def _respell(self, match: re.Match[str]) -> str:
        spelt = match.group()
        joined = "".join(words(spelt))
        if "-" in spelt:  # pieces that make an entry word together, as written or with a typo, are that word
            if joined in self._content.synonyms:  # or a lay word: "post-op" is "postop", never "stop"
                return joined
            whole = self._fixer.fix(joined)
            return whole if self._fixer.is_known(whole) else spelt
        return self._fixer.sounded_out(joined) or self._fixer.without_vowels(joined) or spelt

    def query_terms(self, question: str) -> list[str]:
        """The words searched for: no stop words, typos fixed, lay words joined by the entries' words."""
        terms: dict[str, None] = {}  # ordered and without repeats
        for word in words(self.respelt(question))[: MAX_QUERY_WORDS * 4]:
            # a bare number ("been at it 3 weeks") matched any entry with that digit (pregnancy's "3 to 10 minutes");
            # its unit still counts
            if word in STOP_WORDS or word.isdigit():
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


def asking_clauses(question: str) -> list[list[str]]:
    """The clauses of a question that open with a question word, as words without hedges: "my teacher mentioned
    it, so what even is it?" -> [["what", "is", "it"]]. A question word inside a clause ("i know what it is") opens
    none."""
    clauses = ([word for word in words(clause) if word not in _HEDGES] for clause in _CLAUSE_BREAK.split(question))
    return [clause for clause in clauses if len(clause) >= 2 and clause[0] in QUESTION_WORDS]


def question_openings(question: str) -> frozenset[tuple[str, str]]:
    """How each asking clause opens, its question word and the word after it: ("what", "is"), ("how", "long")."""
    return frozenset((clause[0], clause[1]) for clause in asking_clauses(question))


def _most_urgent_first(signs: Sequence[HelpEntry]) -> tuple[HelpEntry, ...]:
    """Each sign once, urgent care before "see a clinician"; within a level in the order the rules name them."""
    unique = {sign.id: sign for sign in signs}  # a dict keeps the place of each id's first mention
    return tuple(sorted(unique.values(), key=lambda sign: WARNING_ORDER[sign.level or "see_clinician"]))


def entry_passages(content: HelpContent) -> list[tuple[str, str]]:
    """(entry id, text) for every text compared by meaning: each answer's title, lay phrasings and answer."""
    return [(entry.id, text) for entry in content.answers for text in (entry.title, *entry.also_asked, entry.text)]
