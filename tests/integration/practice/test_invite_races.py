"""A two-step code given with an invitation or a password link is used up only with what it was for: when
another request ends the link first (another person accepts the invitation, its sender withdraws it, the password
link is used in another tab), the refused one leaves the code unused. On SQLite and PostgreSQL. The other request
is made at the last moment before the acceptance is saved, where the code used to be spent already."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crest.accounts.model import Practitioner, Role
from crest.accounts.records import InviteNotValid, ResetLinkNotValid
from crest.accounts.second_factor import STEP_SECONDS, code_at, step_at
from crest.services.accounts import CodeAsked, token_hash
from support.practice import PASSWORD, Practice

ANN = "ann@example.org"
NEW_PASSWORD = "a slow morning by the sea"


def _ann_with_two_step_sign_in(practice: Practice) -> tuple[Practitioner, list[str]]:
    """Ann, Pat's client, with an authenticator app, and her recovery codes; and Sam, another practitioner of the
    practice, who invites her too (a client may share with more than one)."""
    admin = practice.admin()
    pat = practice.practitioner(admin, "pat@clinic.example")
    sam = practice.practitioner(admin, "sam@clinic.example", "Sam Second")
    practice.client(pat, ANN, "Ann")
    session = practice.sign_in(ANN, PASSWORD, None)
    practice.accounts.begin_second_factor(session.actor)
    secret = practice.accounts.second_factor_state(session.actor).setting_up
    assert secret is not None
    recovery = practice.accounts.confirm_second_factor(
        session.actor, session.token, PASSWORD, code_at(secret, step_at(practice.clock()))
    ).recovery_codes
    practice.clock.advance(STEP_SECONDS)  # the step that confirmed it is used
    return sam, recovery


def _first(practice: Practice, method: str, meanwhile: Callable[[], object], monkeypatch: pytest.MonkeyPatch) -> None:
    """`meanwhile` happens just before the store's `method` runs, once: another request's, in between."""
    original = getattr(practice.store, method)

    def after_another(*args: Any, **kwargs: Any) -> Any:
        monkeypatch.undo()
        meanwhile()
        return original(*args, **kwargs)

    monkeypatch.setattr(practice.store, method, after_another)


def _the_code(practice: Practice, kind: str, recovery: list[str]) -> str:
    code = practice.app_code(ANN) if kind == "app" else recovery[0]
    assert code is not None
    return code


def _signs_in_with(practice: Practice, typed: str, password: str) -> None:
    """Ann signs in with the very code the refused request gave: it was not used up."""
    asked = practice.accounts.sign_in(ANN, password, None)
    assert isinstance(asked, CodeAsked)
    assert practice.accounts.sign_in_with_code(asked.token, typed, None).actor.account_id == _account_id(practice)


def _account_id(practice: Practice) -> int:
    found = practice.store.account_by_email(ANN)
    assert found is not None
    return found[0].id


@pytest.mark.parametrize("kind", ["app", "recovery"])
@pytest.mark.parametrize("other", ["accepted by someone else", "withdrawn"])
def test_an_invitation_ended_by_another_request_leaves_the_code_unused(
    practice: Practice, monkeypatch: pytest.MonkeyPatch, kind: str, other: str
) -> None:
    sam, recovery = _ann_with_two_step_sign_in(practice)
    code = practice.accounts.invite(sam, Role.CLIENT, None).code
    invite = practice.store.invite(token_hash(code))
    assert invite is not None

    def meanwhile() -> object:
        if other == "withdrawn":
            return practice.accounts.withdraw_invite(sam, invite.id)
        return practice.accounts.accept_invite(code, "cleo@example.org", PASSWORD, "Cleo", consent=True)

    _first(practice, "accept_invite", meanwhile, monkeypatch)
    typed = _the_code(practice, kind, recovery)
    with pytest.raises(InviteNotValid):
        practice.accounts.accept_invite(code, ANN, PASSWORD, "Ann", consent=True, second_factor=typed)
    _signs_in_with(practice, typed, PASSWORD)
    assert [client.name for client in practice.practice.clients(sam)] == ([] if other == "withdrawn" else ["Cleo"])


@pytest.mark.parametrize("kind", ["app", "recovery"])
def test_a_password_link_used_in_another_tab_leaves_the_code_unused(
    practice: Practice, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    _, recovery = _ann_with_two_step_sign_in(practice)
    link = practice.accounts.reset_link_by_operator(ANN).code
    other_tab = recovery[1]
    _first(
        practice,
        "use_password_reset",
        lambda: practice.accounts.reset_password(link, NEW_PASSWORD, None, second_factor=other_tab),
        monkeypatch,
    )
    typed = _the_code(practice, kind, recovery)
    with pytest.raises(ResetLinkNotValid):
        practice.accounts.reset_password(link, "another fresh passphrase", None, second_factor=typed)
    _signs_in_with(practice, typed, NEW_PASSWORD)
