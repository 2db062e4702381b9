"""A sign-in half done (the password given, the code not yet) ends with the account's sign-ins, on SQLite and
PostgreSQL: whoever typed a password the owner then changed, reset by a link, or signed out everywhere after,
cannot finish with a code in the minutes the step has left. Before, the step outlived all three."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from crest.accounts.model import Client
from crest.services.accounts import CodeAsked, SignInAgain
from support.practice import PASSWORD, Practice

ANN = "ann@example.org"
NEW_PASSWORD = "a slow morning by the sea"


def _change(practice: Practice, ann: Client, token: str) -> None:
    practice.accounts.change_password(ann, token, PASSWORD, NEW_PASSWORD)


def _sign_out_everywhere_else(practice: Practice, ann: Client, token: str) -> None:
    practice.accounts.end_other_sign_ins(ann, token, PASSWORD)


def _reset_by_link(practice: Practice, ann: Client, token: str) -> None:
    code = practice.accounts.reset_link_by_operator(ANN).code
    practice.accounts.reset_password(code, NEW_PASSWORD, None, practice.app_code(ANN))


ENDING: dict[str, Callable[[Practice, Client, str], None]] = {
    "changing the password": _change,
    "signing out everywhere else": _sign_out_everywhere_else,
    "a password link": _reset_by_link,
}


@pytest.mark.parametrize("ending", ENDING)
def test_a_code_step_begun_before_ends(practice: Practice, ending: str) -> None:
    admin = practice.admin()
    pat = practice.practitioner(admin, "pat@clinic.example")
    practice.client(pat, ANN, "Ann")
    signed = practice.sign_in(ANN, PASSWORD, None)
    practice.set_up_second_factor(signed.actor, signed.token)
    ann = practice.sign_in(ANN, PASSWORD, None)
    assert isinstance(ann.actor, Client)
    thief = practice.accounts.sign_in(ANN, PASSWORD, "203.0.113.9")  # the password, stolen
    assert isinstance(thief, CodeAsked)
    practice.clock.advance(30)

    ENDING[ending](practice, ann.actor, ann.token)

    code = practice.app_code(ANN)
    assert code is not None
    with pytest.raises(SignInAgain):
        practice.accounts.sign_in_with_code(thief.token, code, "203.0.113.9")
