"""A typo fixer against the help entries' own vocabulary (difflib from the standard library).

A word is left alone when the entries use it, or a form of it ("yawns" for "yawning"), or when it is a word of
the given dictionary (a correctly spelt "night" is not a typo of "tight"); otherwise it is replaced by the closest
entry word of similar length, if one is close enough ("pilow" -> "pillow"). Words that say "not" ("wasnt",
"couldnt", "unhurt") are always left alone: their closest entry word often says the opposite.

Readers who have only heard a word spell it by ear ("soaz", "soas" for "psoas"): such a word is first matched to the
entry word it sounds like (see `sound_key`), which also reaches words too short for the typo fixer. Readers typing
in a hurry leave the vowels out ("lng", "nck"): such a word is read as the one entry word it is the consonants of.
"""

import difflib
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

MIN_WORD_LENGTH = 5  # shorter words are too easily "corrected" into another word ("cook" -> "crook")
SIMILARITY_CUTOFF = 0.8
_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s", "ly", "ness", "ful", "er")
MIN_SWAPPED_LENGTH = 3  # "bde" for "bed"; two letters swapped are another word as often as a slip ("on", "no")
MIN_SOUNDED_OUT_LENGTH = 4  # "soas"; a shorter word shares its sound with too many others
# The warning signs' reading goes lower, to the short words of a sign typed with a doubled letter or a "ck" short
# ("fel" for "fell", "bak" for "back"), and reads each word it may be (`readings`): a fixed word only adds a warning.
MIN_SHORT_SOUNDED_OUT_LENGTH = 3
# A silent first letter is left out by a reader who spells by ear ("soas" for "psoas", "nees" for "knees").
_SILENT_STARTS = (("ps", "s"), ("pn", "n"), ("pt", "t"), ("kn", "n"), ("gn", "n"), ("wr", "r"))
# Spellings of one sound; "z" for "s" is the commonest ("soaz").
_SAME_SOUNDS = (("ph", "f"), ("ck", "k"), ("z", "s"))
_DOUBLED = re.compile(r"(.)\1+")
# "y" counts as a consonant: "lng" is "long", not "lying" too.
_VOWELS = re.compile(r"[aeiou]")
MIN_UNVOWELLED_LENGTH = 3  # two consonants ("bk", "hp") stand for too many words, and are often words of their own
# Words that say "not": fixed into the closest entry word they would say the opposite ("wasnt" -> "want", "couldnt"
# -> "count", "unhurt" -> "hurt"), so that "I wasn't hurt" would warn of a fall. Negative contractions as `words`
# writes them (the apostrophe dropped), and "un-" words for no harm done.
# Scots negatives and the English ones they are ("the wee willnae come oot", "I cannae feel my legs"): the red-flag
# rules read them as English, and the fixer leaves them alone as it does the English.
SCOTS_NEGATIVES: Mapping[str, str] = {
    "cannae": "cant", "canna": "cant", "cunnae": "cant", "willnae": "wont", "wullnae": "wont", "winnae": "wont",
    "dinnae": "dont", "dinna": "dont", "didnae": "didnt", "disnae": "doesnt", "doesnae": "doesnt",
    "wouldnae": "wouldnt", "widnae": "wouldnt", "couldnae": "couldnt", "coudnae": "couldnt", "isnae": "isnt",
    "wasnae": "wasnt", "hasnae": "hasnt", "havnae": "havent", "huvnae": "havent", "shouldnae": "shouldnt",
}  # fmt: skip
NEGATIVE_WORDS = frozenset(
    {
        "isnt", "arent", "wasnt", "werent", "dont", "doesnt", "didnt", "hasnt", "havent", "hadnt", "cant", "couldnt",
        "wont", "wouldnt", "shouldnt", "mustnt", "neednt", "mightnt", "aint",
        "unhurt", "unharmed", "uninjured", "unscathed",
    }
) | frozenset(SCOTS_NEGATIVES)  # fmt: skip


def sound_key(word: str) -> str:
    """A rough key of how an English word sounds, equal for spellings by ear: "psoas", "soaz", "psoaz" -> "soas"."""
    for silent, sound in _SILENT_STARTS:
        if word.startswith(silent):
            word = sound + word[len(silent) :]
            break
    for spelling, sound in _SAME_SOUNDS:
        word = word.replace(spelling, sound)
    return _DOUBLED.sub(r"\1", word)  # "hippp" sounds as "hip"


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
        self._dictionary = dictionary | NEGATIVE_WORDS
        self._bases = frozenset(word_base(word) for word in self._known)
        by_length: dict[int, list[str]] = {}
        for word in sorted(self._known):
            by_length.setdefault(len(word), []).append(word)
        self._by_length = by_length
        every_by_sound: dict[str, list[str]] = {}
        for word in sorted(self._known):  # of entry words that sound alike, the first in order, always the same
            every_by_sound.setdefault(sound_key(word), []).append(word)
        self._every_by_sound = {key: tuple(sounding) for key, sounding in every_by_sound.items()}
        self._by_sound = {key: sounding[0] for key, sounding in every_by_sound.items()}
        every_by_consonants: dict[str, list[str]] = {}
        for word in self._known:
            if _VOWELS.search(word):
                every_by_consonants.setdefault(_VOWELS.sub("", word), []).append(word)
        self._by_consonants = {key: each[0] for key, each in every_by_consonants.items() if len(each) == 1}
        self.fix = lru_cache(maxsize=4096)(self._fix)

    def is_known(self, word: str) -> bool:
        return word in self._known or word_base(word) in self._bases

    def sounded_out(self, word: str) -> str | None:
        """The entry word that an unknown `word` is a spelling by ear of ("soaz" -> "psoas"), if any."""
        if len(word) < MIN_SOUNDED_OUT_LENGTH or word.isdigit() or self.is_known(word) or word in self._dictionary:
            return None
        return self._by_sound.get(sound_key(word))

    def without_vowels(self, word: str) -> str | None:
        """The one entry word that an unknown `word` is written without its vowels ("lng" -> "long", "nck" ->
        "neck"); none when it could stand for several ("bd": "bad", "bed")."""
        if len(word) < MIN_UNVOWELLED_LENGTH or _VOWELS.search(word) or not word.isalpha() or word in self._dictionary:
            return None
        return self._by_consonants.get(word)

    def readings(self, word: str) -> tuple[str, ...]:
        """Every word `word` may stand for, for the warning signs' rules: a short unknown word (three letters) by
        each entry word it sounds like ("fel": "feel", "fell"); a word known only as a form of an entry word, and no
        English word, also by its closest entry word ("weeker", a "form" of "week", is "weaker" too); any other as
        `fix` reads it."""
        if word.isdigit() or word in self._known or word in self._dictionary:
            return (word,)
        if MIN_SHORT_SOUNDED_OUT_LENGTH <= len(word) < MIN_SOUNDED_OUT_LENGTH and not self.is_known(word):
            return self._every_by_sound.get(sound_key(word)) or (self.fix(word),)
        if len(word) >= MIN_WORD_LENGTH and self.is_known(word) and (closest := self._closest(word)) is not None:
            return (word, closest)
        return (self.fix(word),)

    def _closest(self, word: str) -> str | None:
        """The entry word of similar length closest to `word`, if one is close enough."""
        candidates = [
            known for length in range(len(word) - 2, len(word) + 3) for known in self._by_length.get(length, ())
        ]
        closest = difflib.get_close_matches(word, candidates, n=1, cutoff=SIMILARITY_CUTOFF)
        return closest[0] if closest else None

    def _swapped(self, word: str) -> str | None:
        """The one entry word that an unknown `word` is with two neighbouring letters swapped ("bde" -> "bed"): the
        commonest slip of the fingers, safe even in words too short for the typo fixer, as only a swap is tried."""
        if len(word) < MIN_SWAPPED_LENGTH or word.isdigit() or self.is_known(word) or word in self._dictionary:
            return None
        found = {
            swapped
            for at in range(len(word) - 1)
            if (swapped := word[:at] + word[at + 1] + word[at] + word[at + 2 :]) in self._known
        }
        return found.pop() if len(found) == 1 else None

    def _fix(self, word: str) -> str:
        """The word itself when known or too short, else the entry word it sounds like, else its closest entry word,
        else the word unchanged."""
        if (by_ear := self.sounded_out(word)) is not None:
            return by_ear
        if (swapped := self._swapped(word)) is not None:
            return swapped
        if len(word) < MIN_WORD_LENGTH or word.isdigit() or self.is_known(word) or word in self._dictionary:
            return word
        return self._closest(word) or word
