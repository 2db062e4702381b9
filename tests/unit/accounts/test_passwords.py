"""Passwords: argon2id, at least 8 characters, common ones refused, no composition rules."""

import re

import pytest

from crest.accounts.passwords import (
    MIN_PASSWORD_CHARACTERS,
    TEST_COST,
    Passwords,
    UnsuitablePassword,
    check_new_password,
    common_passwords,
    normalised,
)


def test_the_shipped_list_holds_the_most_common_passwords() -> None:
    common = common_passwords()
    assert len(common) > 19_000
    assert {"password", "123456", "qwerty", "iloveyou"} <= common


@pytest.mark.parametrize("password", ["password", "PASSWORD1", "12345678", "qwertyuiop", "Iloveyou"])
def test_a_common_password_is_refused_in_any_case(password: str) -> None:
    with pytest.raises(UnsuitablePassword, match="most common"):
        check_new_password(password)


@pytest.mark.parametrize("password", ["iloveyou2026", "Summer2026!", "2026summer", "!!password99"])
def test_a_common_password_with_a_year_digits_or_symbols_around_it_is_refused(password: str) -> None:
    # A walk-through set each of these: a guesser tries the common ones with a year or a "!" first.
    with pytest.raises(UnsuitablePassword, match="a common one with numbers or symbols added"):
        check_new_password(password)


@pytest.mark.parametrize("password", ["abcdabcdabcd", "01234567890123", "zyxwvutsrq", "xyzxyzxyzxyz1"])
def test_a_repeated_pattern_or_a_sequence_is_refused(password: str) -> None:
    with pytest.raises(UnsuitablePassword, match="repeats a short pattern or runs in sequence"):
        check_new_password(password)


@pytest.mark.parametrize(
    "password", ["a quiet evening walk", "my-dog-likes-2-walks", "Tr0ub4dor&3x", "lighthouse keeper 1987"]
)
def test_passphrases_and_words_with_numbers_that_are_not_common_still_pass(password: str) -> None:
    assert check_new_password(password) == password


def test_seven_characters_are_too_few_and_eight_are_enough_without_any_composition_rule() -> None:
    with pytest.raises(UnsuitablePassword, match="7 characters"):
        check_new_password("a" * 3 + "bcd" + "e")
    assert check_new_password("lamp moss") == "lamp moss"  # lower-case letters and a space only
    assert len("lamp moss") >= MIN_PASSWORD_CHARACTERS


@pytest.mark.parametrize(
    ("password", "refusal"),
    [
        ("\x00" * 10, "control character"),
        ("\t" * 8, "control character"),
        ("good words\nand more", "control character"),
        (" " * 12, "has 0 characters besides 12 spaces or invisible ones; choose at least 8"),
        ("\u200b" * 9, "has 0 characters besides 9 spaces or invisible ones"),  # zero-width spaces
        ("\u00a0" * 8, "has 0 characters besides 8 spaces or invisible ones"),  # non-breaking spaces
        ("\u2028\u2029\ufeff" * 4, "has 0 characters besides 12 spaces or invisible ones"),
        ("a b c d e f g", "has 7 characters besides 6 spaces or invisible ones"),
        ("........", "fewer than 4 different characters"),
        ("ab" * 10, "fewer than 4 different characters"),
        ("zz\u200bzz\u200byy xx", "fewer than 4 different characters"),  # the invisible ones count for none
    ],
)
def test_a_password_of_spaces_invisible_control_or_few_different_characters_is_refused(
    password: str, refusal: str
) -> None:
    with pytest.raises(UnsuitablePassword, match=re.escape(refusal)) as refused:
        check_new_password(password)
    assert "\n" not in refused.value.message and refused.value.message.startswith("the password ")
    with pytest.raises(UnsuitablePassword):  # the rules are the same wherever a password is hashed
        Passwords(TEST_COST).hash(password)


def test_spaces_and_any_visible_character_still_make_a_passphrase() -> None:
    for password in ("lamp moss", "ca\u0301fe\u0301 au lait 🌿", "abcd abcd", "\u00a0nbsp inside\u00a0"):
        assert check_new_password(password) == normalised(password)


def test_a_password_chosen_under_older_rules_still_signs_in_and_is_rehashed() -> None:
    passwords = Passwords(TEST_COST)
    stored = passwords.rehashed(" " * 12)
    assert passwords.matches(stored, " " * 12) and not passwords.matches(stored, " " * 11)


def test_any_character_is_allowed_and_composed_accents_are_the_same_password() -> None:
    passwords = Passwords(TEST_COST)
    stored = passwords.hash("ca\u0301fe\u0301 au lait 🌿")  # decomposed accents
    assert passwords.matches(stored, "cáfé au lait 🌿")  # composed


def test_the_hash_is_argon2id_and_checks_only_the_right_password() -> None:
    passwords = Passwords(TEST_COST)
    stored = passwords.hash("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert passwords.matches(stored, "correct horse battery")
    assert not passwords.matches(stored, "correct horse batterY")
    assert not passwords.matches("not a hash", "correct horse battery")


def test_an_unknown_account_never_matches_but_is_still_checked() -> None:
    passwords = Passwords(TEST_COST)
    assert not passwords.matches(None, "crest decoy password")


def test_the_default_cost_is_the_rfc_9106_recommendation() -> None:
    passwords = Passwords()
    stored = passwords.hash("a quiet evening walk")
    assert "$argon2id$v=19$m=65536,t=3,p=4$" in stored
    assert not passwords.needs_rehash(stored)
    assert Passwords(TEST_COST).needs_rehash(stored)


@pytest.mark.parametrize(
    ("password", "context"),
    [
        ("Balance2024", ["Back in Balance"]),  # the practice's name and a year
        ("crest-crest-1", []),  # crest's own name is always known
        ("annsmith1999", ["ann.smith@example.org"]),  # the email's words
        ("Physio!Physio!", ["Pat Physio"]),  # the person's name, twice
        ("balancepassword", ["Back in Balance"]),  # what is left is one of the most common passwords
    ],
)
def test_a_password_made_of_words_others_know_is_refused(password: str, context: list[str]) -> None:
    with pytest.raises(UnsuitablePassword, match="words others know"):
        check_new_password(password, context)


def test_a_passphrase_that_happens_to_hold_a_known_word_is_kept() -> None:
    assert check_new_password("my back in balance by spring", ["Back in Balance"]) == "my back in balance by spring"
    assert check_new_password("Annual hill walk", ["ann@example.org"]) == "Annual hill walk"  # "ann" is too short
    with pytest.raises(UnsuitablePassword, match="a common one with numbers"):  # without the practice, still a
        check_new_password("Balance2024")  # common word and a year
