"""Passwords: argon2id, at least 8 characters, common ones refused, no composition rules."""

import pytest

from crest.accounts.passwords import (
    MIN_PASSWORD_CHARACTERS,
    TEST_COST,
    Passwords,
    UnsuitablePassword,
    check_new_password,
    common_passwords,
)


def test_the_shipped_list_holds_the_most_common_passwords() -> None:
    common = common_passwords()
    assert len(common) > 19_000
    assert {"password", "123456", "qwerty", "iloveyou"} <= common


@pytest.mark.parametrize("password", ["password", "PASSWORD1", "12345678", "qwertyuiop", "Iloveyou"])
def test_a_common_password_is_refused_in_any_case(password: str) -> None:
    with pytest.raises(UnsuitablePassword, match="most common"):
        check_new_password(password)


def test_seven_characters_are_too_few_and_eight_are_enough_without_any_composition_rule() -> None:
    with pytest.raises(UnsuitablePassword, match="7 characters"):
        check_new_password("a" * 3 + "bcd" + "e")
    assert check_new_password("lamp moss") == "lamp moss"  # lower-case letters and a space only
    assert len("lamp moss") >= MIN_PASSWORD_CHARACTERS


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
    assert check_new_password("Balance2024") == "Balance2024"  # without the practice, nothing to refuse
