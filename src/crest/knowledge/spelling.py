"""A typo fixer against the help entries' own vocabulary (difflib from the standard library).

A word is left alone when the entries use it, or a form of it ("yawns" for "yawning"), or when it is a word of
the given dictionary (a correctly spelt "night" is not a typo of "tight"); otherwise it is replaced by the closest
entry word of similar length, if one is close enough ("pilow" -> "pillow").
"""

import difflib
from collections.abc import Iterable
from functools import lru_cache

MIN_WORD_LENGTH = 5  # shorter words are too easily "corrected" into another word ("cook" -> "crook")
SIMILARITY_CUTOFF = 0.8
_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s", "ly", "ness", "ful", "er")


def word_base(word: str) -> str:
    """A crude stem, only to tell whether two words are forms of one another: "yawning" -> "yawn"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.removesuffix("e")


class SpellingFixer:
    def __init__(self, vocabulary: Iterable[str], dictionary: frozenset[str] = frozenset()) -> None:
        self._known = frozenset(vocabulary)
        self._dictionary = dictionary
        self._bases = frozenset(word_base(word) for word in self._known)
        by_length: dict[int, list[str]] = {}
        for word in sorted(self._known):
            by_length.setdefault(len(word), []).append(word)
        self._by_length = by_length
        self.fix = lru_cache(maxsize=4096)(self._fix)

    def is_known(self, word: str) -> bool:
        return word in self._known or word_base(word) in self._bases

    def _fix(self, word: str) -> str:
        """The word itself when known or too short, else its closest entry word, else the word unchanged."""
        if len(word) < MIN_WORD_LENGTH or word.isdigit() or self.is_known(word) or word in self._dictionary:
            return word
        candidates = [
            known for length in range(len(word) - 2, len(word) + 3) for known in self._by_length.get(length, ())
        ]
        closest = difflib.get_close_matches(word, candidates, n=1, cutoff=SIMILARITY_CUTOFF)
        return closest[0] if closest else word
