"""Passwords as OWASP ASVS 5.0 asks: argon2id hashes, at least 8 characters one can see (spaces and invisible ones
do not count; control characters are refused), at least 4 different ones, no composition rules, and refused
when the password is one of the 20,000 most common (a list shipped with crest, see COMMON-PASSWORDS-LICENSE.txt)
or is made of words others know: the person's email and name, the practice's name, crest's own (ASVS 6.2.11).
"""

from __future__ import annotations

import gzip
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from crest.counting import counted
from crest.errors import CrestError

MIN_PASSWORD_CHARACTERS = 8
MAX_PASSWORD_CHARACTERS = 1024  # long passphrases welcome; far beyond that is only work for the hasher
MIN_DIFFERENT_CHARACTERS = 4  # "........" or "aaaaaaaaaaaa" is the first thing a guesser tries
# Characters that show nothing: control (Cc), format (Cf: zero-width), spaces and line or paragraph separators.
UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
COMMON_PASSWORDS_FILE = "common-passwords.txt.gz"
# Context words: the words of these texts that are at least this long (shorter ones, like "ann" or "bob", turn up
# inside good passwords by chance). crest's own name is always one.
CONTEXT_WORD_MIN_CHARACTERS = 4
ALWAYS_CONTEXT = ("crest",)


class UnsuitablePassword(CrestError):
    """A new password that is too short, too long or one of the most common passwords."""


@dataclass(frozen=True)
class HashCost:
    """argon2id parameters; the default is RFC 9106's second recommendation (64 MiB, 3 passes)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4


# For tests only: the same algorithm at the smallest cost, so hundreds of sign-ins stay quick.
TEST_COST = HashCost(time_cost=1, memory_kib=8, parallelism=1)


def normalised(password: str) -> str:
    """The same password typed on another keyboard (composed or decomposed accents) is the same password."""
    return unicodedata.normalize("NFC", password)


@cache
def common_passwords() -> frozenset[str]:
    data = resources.files("crest.accounts").joinpath(COMMON_PASSWORDS_FILE).read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split())


def check_new_password(password: str, context: Iterable[str] = ()) -> str:
    """The password to store, or `UnsuitablePassword` saying what to change. Pasting and any character are fine.

    `context`: texts others know about the account (its email, its name, the practice's name). Taken out of the
    password, their words must leave a password that passes on its own: "Balance2024" for a practice called
    Back in Balance leaves "2024". A long passphrase that happens to hold one of them still passes.
    """
    chosen = _checked(password)
    rest = chosen.lower()
    for word in _context_words([*context, *ALWAYS_CONTEXT]):
        rest = rest.replace(word, "")
    if rest != chosen.lower():
        try:
            _checked(re.sub(r"[\W_]", "", rest))
        except UnsuitablePassword:
            raise UnsuitablePassword(
                "that password is mostly made of words others know (your email, your name, the practice's name or "
                "crest); choose another"
            ) from None
    _refuse_guessable(chosen)
    return chosen


def _context_words(texts: Iterable[str]) -> list[str]:
    """The words of `texts` worth refusing, longest first (so that "balance" goes before "bala")."""
    words = {word for text in texts for word in re.findall(r"[^\W_]+", normalised(text).lower())}
    return sorted((word for word in words if len(word) >= CONTEXT_WORD_MIN_CHARACTERS), key=len, reverse=True)


def _checked(password: str) -> str:
    if not isinstance(password, str):
        raise UnsuitablePassword("the password must be text")
    chosen = normalised(password)
    if any(unicodedata.category(c) == "Cc" for c in chosen):  # NUL, a tab, a line break: nobody types them
        raise UnsuitablePassword(
            "the password has a control character (a tab, a line break or an invisible one); leave it out"
        )
    # Spaces and invisible characters count for nothing a guesser has to try: ten spaces are no password.
    seen = [c for c in chosen if unicodedata.category(c) not in UNSEEN_CATEGORIES]
    if len(seen) < MIN_PASSWORD_CHARACTERS:
        hidden = len(chosen) - len(seen)
        besides = f" besides {counted(hidden, 'space or invisible one', 'spaces or invisible ones')}" if hidden else ""
        raise UnsuitablePassword(
            f"the password has {counted(len(seen), 'character')}{besides}; choose at least "
            f"{MIN_PASSWORD_CHARACTERS} (a few words together make a good one)"
        )
    if len(chosen) > MAX_PASSWORD_CHARACTERS:
        raise UnsuitablePassword(
            f"the password is longer than {MAX_PASSWORD_CHARACTERS} characters; choose a shorter one"
        )
    if len(set(seen)) < MIN_DIFFERENT_CHARACTERS:
        raise UnsuitablePassword(
            f"the password uses fewer than {MIN_DIFFERENT_CHARACTERS} different characters and is easy to guess; "
            "choose another (a few words together make a good one)"
        )
    if chosen.lower() in common_passwords():
        raise UnsuitablePassword("that password is one of the most common ones and easy to guess; choose another")
    return chosen


def _refuse_guessable(chosen: str) -> None:
    lowered = chosen.lower()
    # Guessers try the common ones with a year, digits or a symbol around them ("Summer2026!", "iloveyou2026").
    core = re.sub(r"^[\d\W_]+|[\d\W_]+$", "", lowered)
    if core and core != lowered and core in common_passwords():
        raise UnsuitablePassword(
            "that password is a common one with numbers or symbols added and easy to guess; choose another "
            "(a few words together make a good one)"
        )
    if re.fullmatch(r"(.{1,6}?)\1+.{0,3}", lowered) or _runs_in_sequence(lowered):
        raise UnsuitablePassword(
            "that password repeats a short pattern or runs in sequence (abcdabcd, 01234567) and is easy to guess; "
            "choose another"
        )


def _runs_in_sequence(password: str) -> bool:
    """Each character the one after the last ("abcdefgh", "01234567890": a 9 goes on to 0) or before it."""
    steps = {(ord(later) - ord(earlier)) for earlier, later in itertools.pairwise(password)}
    wraps = {ord("0") - ord("9"), ord("9") - ord("0")}
    return steps <= {1} | wraps or steps <= {-1} | wraps


class Passwords:
    """Hashing and checking passwords with argon2id."""

    def __init__(self, cost: HashCost = HashCost()) -> None:
        self._hasher = PasswordHasher(
            time_cost=cost.time_cost, memory_cost=cost.memory_kib, parallelism=cost.parallelism
        )
        # Checked when an email is unknown, so that a wrong email takes as long as a wrong password.
        self._decoy = self._hasher.hash("crest decoy password")

    def hash(self, password: str) -> str:
        return self._hasher.hash(_checked(password))  # its context is checked where it is chosen

    def rehashed(self, password: str) -> str:
        """A password that has just matched, hashed again at today's cost: not checked again, as rules added since
        it was chosen must not lock its owner out at sign-in."""
        return self._hasher.hash(normalised(password))

    def hash_code(self, code: str) -> str:
        """A generated secret (a recovery code): hashed as passwords are, without the rules for chosen ones."""
        return self._hasher.hash(code)

    def matches(self, stored_hash: str | None, password: str) -> bool:
        """Whether `password` is the one hashed; with no hash (an unknown email) it costs the same and is False."""
        if not isinstance(password, str) or len(password) > MAX_PASSWORD_CHARACTERS:
            return False
        try:
            return self._hasher.verify(stored_hash or self._decoy, normalised(password)) and stored_hash is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)
