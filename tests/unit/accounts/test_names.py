"""Names people see of each other (clients, practitioners, practices, computers): plain text only."""

from __future__ import annotations

import pytest

from crest.accounts.records import InvalidName, check_name


@pytest.mark.parametrize(
    "name",
    [
        "Eve\u202eevil",  # right-to-left override: shows as "Evelive"
        "Ann\u2067Ben",  # right-to-left isolate
        "Pat\x9b31m",  # a C1 control (CSI): a terminal may act on it
        "Pat\x7f",  # DEL
        "Ann\x07",  # a bell
    ],
)
def test_a_name_with_a_hidden_control_character_is_refused_naming_it(name: str) -> None:
    # It was refused as 'must be plain text of at most 200 characters', of a name of a few letters.
    hidden = next(character for character in name if not character.isalpha())
    escaped = hidden.encode("unicode_escape").decode("ascii")
    with pytest.raises(InvalidName) as refused:
        check_name(name, "your name")
    assert refused.value.message == (
        f"your name contains a hidden control character ({escaped}) that crest does not keep; delete it from your name"
    )


def test_a_name_too_long_is_refused_saying_its_length() -> None:
    with pytest.raises(InvalidName, match=r"^your name has 201 characters; keep it to 200 characters or fewer$"):
        check_name("a" * 201, "your name")


@pytest.mark.parametrize("name", ["Zoë Brontë-Núñez", "محمد علي", "דנה", "山田 太郎", "Sam 👩\u200d⚕️", "Ann  \t Lee"])
def test_names_in_every_script_accents_and_joined_emoji_are_kept(name: str) -> None:
    assert check_name(name) == " ".join(name.split())


@pytest.mark.parametrize("name", ["   ", "\u200b\u200b", "\u202e\u202e", "\ufeff\u00a0"])
def test_a_name_that_shows_nothing_is_empty(name: str) -> None:
    with pytest.raises(InvalidName, match="is empty"):
        check_name(name, "your name")
