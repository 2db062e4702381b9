"""The one base class for problems a person can fix themselves, and how to keep its message on one line.

Each kind of user error (an invalid rating, an unreadable image, ...) subclasses `CrestError` where it is
raised. Entry points turn it into one calm line and exit code 2 (CLI) or a 4xx JSON body (web), never a traceback.
"""

import re
import unicodedata

# Bidirectional overrides and isolates: a text carrying one reads backwards or reorders the words after it, on a
# practitioner's client list, in a client's "who looked" list and in a terminal (crest link prints the inviter).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def hidden_control(character: str) -> bool:
    """A control character (C0, DEL, C1: a terminal may act on them) or a bidirectional override; letters of
    every script, accents and joined emoji stay. One rule for every text crest refuses them in: names, notes."""
    return unicodedata.category(character) == "Cc" or character in BIDI_CONTROLS


def hidden_control_refused(what: str, character: str) -> str:
    """Why `what` ("the note", "your name") is refused for `character`, a hidden control: which one, as an escape
    (unseen, it could not be found to be deleted otherwise), and what to do."""
    escaped = character.encode("unicode_escape").decode("ascii")
    return f"{what} contains a hidden control character ({escaped}) that crest does not keep; delete it from {what}"


def too_long_refused(what: str, length: int, limit: int) -> str:
    """Why `what` is refused for its `length`, more than its `limit` of characters."""
    return f"{what} has {length} characters; keep it to {limit} characters or fewer"


_BIDI = "".join(sorted(BIDI_CONTROLS))
# C0, DEL and C1, the two line separators and the bidirectional controls
_CONTROL_CHARACTERS = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
# The same but what lays out lines of text: a line break, a tab, a carriage return before a line break, a separator
_CONTROLS_BETWEEN_LINES = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]|\r(?!\n)")
# What json.dumps(ensure_ascii=False) writes as it is, of the characters a terminal acts on (it escapes C0 itself)
_CONTROLS_JSON_KEEPS = re.compile(f"[\x7f-\x9f{_BIDI}]")


class CrestError(Exception):
    """A problem with the user's input or environment, explained in one line."""

    exit_code = 2
    http_status = 422

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class FieldError(CrestError):
    """A problem with one field of a record, said as `field: reason`, so a form or a script knows what to change
    (the API lists the field in `errors`)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _escaped(found: re.Match[str]) -> str:
    return found.group().encode("unicode_escape").decode("ascii")


def one_line(text: str) -> str:
    """`text` with the control characters it repeats from the input (a line break, a terminal escape, a
    bidirectional override) written as escapes (`\\n`, `\\x1b`, `\\u202e`): a message stays one line and cannot
    steer the terminal."""
    return _CONTROL_CHARACTERS.sub(_escaped, text)


def shown(text: str) -> str:
    """`text` as a terminal may print it, lines and tabs kept (a note of several lines stays lines): every other
    control character and bidirectional control written as an escape, as `one_line` writes them."""
    return _CONTROLS_BETWEEN_LINES.sub(_escaped, text)


def terminal_json(text: str) -> str:
    """JSON text as a terminal may print it: DEL, C1 and the bidirectional controls, which json.dumps leaves in
    its strings, written as JSON's own escapes (`\\u009b`), so a program reading it reads the same strings."""
    return _CONTROLS_JSON_KEEPS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
