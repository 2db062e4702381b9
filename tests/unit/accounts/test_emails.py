"""Email addresses, one rule for every door (the pages, the API, `crest link`, `crest practice`): an address mail
can be sent to, and no control character; an invitation for anything else could never be accepted."""

from __future__ import annotations

import pytest

from crest.accounts.records import InvalidEmail, check_email

HIDDEN = ["a\x00b@example.org", "ann\x7f@example.org", "ann@exa\x9bmple.org", "a\u202eb@x.org"]  # NUL, DEL, C1, bidi


@pytest.mark.parametrize("email", HIDDEN)
def test_an_email_with_a_control_character_is_refused_naming_it(email: str) -> None:
    # A NUL was kept, and the invitation listed as "For ab@example.org" could never be accepted.
    hidden = next(character for character in email if not (character.isalnum() or character in "@."))
    escaped = hidden.encode("unicode_escape").decode("ascii")
    with pytest.raises(InvalidEmail) as refused:
        check_email(email)
    assert refused.value.message == (
        f"the email contains a hidden control character ({escaped}) that crest does not keep; delete it from the email"
    )


def test_an_email_longer_than_mail_takes_is_refused_saying_which_part() -> None:
    with pytest.raises(InvalidEmail, match=r"^the part of the email before the @ has 65 characters; keep it to 64 "):
        check_email(f"{'a' * 65}@example.org")
    domain = f"{'b' * 60}.{'c' * 60}.{'d' * 60}.{'e' * 60}.org"
    with pytest.raises(InvalidEmail, match=r"^the email has 255 characters; keep it to 254 characters or fewer$"):
        check_email(f"{'a' * 7}@{domain}")


def test_an_email_at_the_limits_and_one_pasted_with_a_line_break_are_kept() -> None:
    longest = f"{'a' * 64}@{'b' * 60}.{'c' * 60}.{'d' * 60}.{'e' * 2}.org"
    assert len(longest) == 254 and check_email(longest) == longest
    assert check_email(" Ann@Example.org\n") == "ann@example.org"


def test_a_mistyped_email_is_quoted_back_as_typed() -> None:
    with pytest.raises(InvalidEmail, match=r"^“Ann@example” is not an email address like name@example.org$"):
        check_email("Ann@example\t")
