"""How crest reads a question: any text becomes a clean string and a list of plain lower-case words.

The red-flag rules and the search index read the same words, so a warning sign is never missed because of
case, accents, curly apostrophes, punctuation, control characters or invalid Unicode.
"""

import re
import unicodedata

MAX_QUESTION_CHARACTERS = 10_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc\u0060\u00b4]")
_WORD = re.compile(r"[a-z0-9]+")


# A warning sign split between two pieces of a long message still lies whole in one: the pieces overlap by more
# than any rule's words span.
PIECE_OVERLAP_CHARACTERS = 500


def clean_question(text: str) -> str:
    """The question as crest keeps and echoes it: valid Unicode, no control characters, one line, bounded."""
    return _one_line(text)[:MAX_QUESTION_CHARACTERS]


def pieces_beyond_the_kept_question(text: str) -> list[str]:
    """What a message says past the part crest keeps, in pieces no longer than a question, each overlapping the one
    before: the warning-sign rules read them all, so that a sign near the end of a very long message still warns."""
    whole = _one_line(text)
    step = MAX_QUESTION_CHARACTERS - PIECE_OVERLAP_CHARACTERS
    return [
        whole[start : start + MAX_QUESTION_CHARACTERS]
        for start in range(step, len(whole) - PIECE_OVERLAP_CHARACTERS, step)
    ]


def _one_line(text: str) -> str:
    valid = text.encode("utf-8", errors="ignore").decode("utf-8")  # drops lone surrogates
    spaced = _CONTROL.sub(" ", valid)
    return " ".join(spaced.split())


def words(text: str) -> list[str]:
    """Lower-case ASCII words: "Can't I lie on my Bäck?" -> ["cant", "i", "lie", "on", "my", "back"]."""
    folded = unicodedata.normalize("NFKD", clean_question(text).casefold())
    ascii_text = folded.encode("ascii", errors="ignore").decode("ascii")
    return _WORD.findall(_APOSTROPHES.sub("", ascii_text))
