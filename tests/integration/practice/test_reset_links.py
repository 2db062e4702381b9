"""Forgotten passwords (ASVS 5.0 V6.4): one-time links to set a new one, made by the admin for a practitioner with
two-step sign-in, or by the server's operator for anyone (never by a practitioner for a client); on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from crest.accounts.model import Admin, Anonymous, Client, NoPractice, Practitioner, Role
from crest.accounts.passwords import UnsuitablePassword
from crest.accounts.records import ResetLinkNotValid
from crest.accounts.second_factor import code_at, step_at
from crest.services.accounts import (
    RESET_LINK_LIFETIME,
    CodeNeeded,
    NoSuchAccount,
    NotFoundForYou,
    NotSignedIn,
    OperatorMakesThisLink,
    SignInFailed,
    WrongCode,
    token_hash,
)
from crest.services.audit import Audited
from support.practice import PASSWORD, Practice

NEW_PASSWORD = "a slow morning by the sea"


def _people(practice: Practice) -> tuple[Admin, Practitioner, Practitioner, Client, Client]:
    admin = practice.admin()
    pat = practice.practitioner(admin, "pat@clinic.example")
    sam = practice.practitioner(admin, "sam@clinic.example", "Sam Second")
    ann = practice.client(pat, "ann@example.org", "Ann")
    ben = practice.client(sam, "ben@example.org", "Ben")
    return admin, pat, sam, ann, ben


def test_a_link_is_random_hashed_works_once_within_24_hours_and_signs_out_every_other_session(
    practice: Practice,
) -> None:
    _, _, _, ann, _ = _people(practice)
    elsewhere = practice.sign_in("ann@example.org", PASSWORD, "198.51.100.7")
    issued = practice.accounts.reset_link_by_operator("ann@example.org")
    assert len(issued.code) >= 32 and issued.email == "ann@example.org"
    assert issued.expires_at == practice.clock() + RESET_LINK_LIFETIME
    assert practice.store.password_reset(issued.code) is None  # only the hash is kept
    assert practice.store.password_reset(token_hash(issued.code)) is not None
    assert practice.accounts.reset_view(issued.code).email == "ann@example.org"

    session = practice.accounts.reset_password(issued.code, NEW_PASSWORD, "203.0.113.5")
    assert session.actor == ann
    assert isinstance(practice.accounts.actor_for_session(elsewhere.token)[0], Anonymous)
    assert practice.accounts.actor_for_session(session.token)[0] == ann
    with pytest.raises(SignInFailed):
        practice.sign_in("ann@example.org", PASSWORD, None)
    assert practice.sign_in("ann@example.org", NEW_PASSWORD, None).actor == ann
    with pytest.raises(ResetLinkNotValid, match=r"^this link to set a new password does not work"):
        practice.accounts.reset_password(issued.code, "another fresh passphrase", None)
    assert ResetLinkNotValid.http_status == 410

    late = practice.accounts.reset_link_by_operator("ann@example.org")
    practice.clock.advance(RESET_LINK_LIFETIME.total_seconds())
    with pytest.raises(ResetLinkNotValid):
        practice.accounts.reset_view(late.code)
    with pytest.raises(ResetLinkNotValid):
        practice.accounts.reset_password(late.code, "another fresh passphrase", None)
    with pytest.raises(ResetLinkNotValid):
        practice.accounts.reset_view("made-up-code")


def test_the_new_password_follows_the_same_rules_and_a_refused_one_leaves_the_link_working(
    practice: Practice,
) -> None:
    _, _, _, ann, _ = _people(practice)
    issued = practice.accounts.reset_link_by_operator("ann@example.org")
    for weak in ("short", "password123"):
        with pytest.raises(UnsuitablePassword):
            practice.accounts.reset_password(issued.code, weak, None)
    assert practice.sign_in("ann@example.org", PASSWORD, None).actor == ann
    assert practice.accounts.reset_password(issued.code, NEW_PASSWORD, None).actor == ann


def test_a_link_refuses_the_password_the_account_has_now_but_only_past_the_code(practice: Practice) -> None:
    """The Account page's rule: set, it would end every sign-in and linked computer for nothing. Told only once the
    code is right: the link alone must not tell whether a password is the account's."""
    admin, pat, _, _, _ = _people(practice)
    issued = practice.accounts.reset_link_for_practitioner(admin, pat.membership_id)
    with pytest.raises(CodeNeeded):
        practice.accounts.reset_password(issued.code, PASSWORD, None)
    code = practice.app_code("pat@clinic.example")
    with pytest.raises(UnsuitablePassword, match=r"^the new password is the one you have now; choose another$"):
        practice.accounts.reset_password(issued.code, PASSWORD, None, second_factor=code)
    again = practice.app_code("pat@clinic.example")
    assert practice.accounts.reset_password(issued.code, NEW_PASSWORD, None, second_factor=again).actor == pat


def test_a_password_refused_past_the_code_leaves_the_code_to_send_again(practice: Practice) -> None:
    """The code was used up before the password was refused as the account's own: the person then waited for the
    app's next code, and a recovery code sent that way was gone for good. A wrong code is still told first."""
    admin, pat, _, _, _ = _people(practice)
    issued = practice.accounts.reset_link_for_practitioner(admin, pat.membership_id)
    with pytest.raises(WrongCode):
        practice.accounts.reset_password(issued.code, PASSWORD, None, second_factor="000000")
    code = practice.app_code("pat@clinic.example")
    with pytest.raises(UnsuitablePassword):
        practice.accounts.reset_password(issued.code, PASSWORD, None, second_factor=code)
    assert practice.accounts.reset_password(issued.code, NEW_PASSWORD, None, second_factor=code).actor == pat
    with pytest.raises(WrongCode):  # and then it was used up
        practice.accounts.reset_password(
            practice.accounts.reset_link_by_operator("pat@clinic.example").code, "yet another passphrase", None, code
        )

    recovery = _recovery_codes(practice, admin, "ria@clinic.example")
    issued = practice.accounts.reset_link_by_operator("ria@clinic.example")
    with pytest.raises(UnsuitablePassword):
        practice.accounts.reset_password(issued.code, PASSWORD, None, second_factor=recovery[0])
    assert len(practice.store.unused_recovery_codes(_account_id(practice, "ria@clinic.example"))) == len(recovery)
    practice.accounts.reset_password(issued.code, NEW_PASSWORD, None, second_factor=recovery[0])
    assert len(practice.store.unused_recovery_codes(_account_id(practice, "ria@clinic.example"))) == len(recovery) - 1


def _recovery_codes(practice: Practice, admin: Admin, email: str) -> list[str]:
    """A new practitioner's recovery codes, as shown once when they turn two-step sign-in on."""
    invite = practice.accounts.invite(admin, Role.PRACTITIONER, email).code
    session = practice.accounts.accept_invite(invite, email, PASSWORD, "Ria Recovery", consent=False).session
    assert session is not None
    practice.accounts.begin_second_factor(session.actor)
    secret = practice.accounts.second_factor_state(session.actor).setting_up
    assert secret is not None
    code = code_at(secret, step_at(practice.clock()))
    return practice.accounts.confirm_second_factor(session.actor, session.token, PASSWORD, code).recovery_codes


def _account_id(practice: Practice, email: str) -> int:
    found = practice.store.account_by_email(email)
    assert found is not None
    return found[0].id


def test_a_new_link_replaces_the_one_not_yet_used(practice: Practice) -> None:
    _people(practice)
    first = practice.accounts.reset_link_by_operator("ann@example.org")
    second = practice.accounts.reset_link_by_operator("ann@example.org")
    with pytest.raises(ResetLinkNotValid):
        practice.accounts.reset_view(first.code)
    assert practice.accounts.reset_view(second.code).email == "ann@example.org"


def test_who_may_make_a_link_for_whom(practice: Practice) -> None:
    admin, pat, sam, ann, _ = _people(practice)
    assert practice.accounts.reset_link_for_practitioner(admin, pat.membership_id).email == "pat@clinic.example"
    # A practitioner: not another practitioner (and no client: nobody in the practice makes a client's link).
    with pytest.raises(NotFoundForYou):  # the object exists: hidden, never confirmed (as for removing one)
        practice.accounts.reset_link_for_practitioner(pat, sam.membership_id)
    # A client: nobody's.
    with pytest.raises(NotFoundForYou):  # the object exists: hidden, never confirmed
        practice.accounts.reset_link_for_practitioner(ann, pat.membership_id)
    with pytest.raises(NotSignedIn):
        practice.accounts.reset_link_for_practitioner(Anonymous(), pat.membership_id)
    # The admin: practitioners of the practice only, not clients, not itself, not another practice's.
    other_admin = practice.admin("boss@elsewhere.example", "Elsewhere")
    lee = practice.practitioner(other_admin, "lee@elsewhere.example", "Lee")
    for membership_id in (ann.membership_id, admin.membership_id, lee.membership_id, 999):
        with pytest.raises(NotFoundForYou):
            practice.accounts.reset_link_for_practitioner(admin, membership_id)
    # ... and only while the practitioner's second factor is there to be asked with the link.
    practice.accounts.reset_second_factor_by_operator("sam@clinic.example")
    with pytest.raises(OperatorMakesThisLink, match=r"crest practice reset-password --email sam@clinic.example\)$"):
        practice.accounts.reset_link_for_practitioner(admin, sam.membership_id)
    assert OperatorMakesThisLink.http_status == 409
    assert practice.accounts.reset_view(practice.accounts.reset_link_by_operator("sam@clinic.example").code)
    # A removed practitioner is no longer the admin's to reset.
    practice.accounts.remove_practitioner(admin, sam.membership_id)
    with pytest.raises(NotFoundForYou):
        practice.accounts.reset_link_for_practitioner(admin, sam.membership_id)
    assert isinstance(practice.accounts.actor_of(practice.store.account(sam.account_id)), NoPractice)


def test_the_operator_makes_a_link_for_anyone_the_admin_included(practice: Practice) -> None:
    admin = practice.admin()
    issued = practice.accounts.reset_link_by_operator(" Admin@Clinic.example ")
    with pytest.raises(CodeNeeded):  # the link alone does not get past two-step sign-in (ASVS 5.0 6.4.3)
        practice.accounts.reset_password(issued.code, NEW_PASSWORD, None)
    code = practice.app_code("admin@clinic.example")
    assert practice.accounts.reset_password(issued.code, NEW_PASSWORD, None, second_factor=code).actor == admin
    with pytest.raises(NoSuchAccount, match=r"^there is no account for nobody@clinic.example"):
        practice.accounts.reset_link_by_operator("nobody@clinic.example")


def test_making_and_using_a_link_are_audited_and_the_client_sees_that_one_was_made(practice: Practice) -> None:
    admin, pat, _, ann, _ = _people(practice)
    issued = practice.accounts.reset_link_by_operator("ann@example.org")
    practice.accounts.reset_password(issued.code, NEW_PASSWORD, "203.0.113.5")
    practice.accounts.reset_link_for_practitioner(admin, pat.membership_id, "192.0.2.10")
    made = practice.audit.entries(Audited.MAKE_RESET_LINK)
    used = practice.audit.entries(Audited.RESET_PASSWORD)
    assert [(e.actor_account_id, e.actor_name, e.address) for e in made] == [
        (admin.account_id, "Ada Admin", "192.0.2.10"),
        (None, "the server's operator", None),
    ]
    assert [(e.actor_account_id, e.address) for e in used] == [(ann.account_id, "203.0.113.5")]
    assert [(e.actor_name, Audited(e.action).label) for e in practice.practice.looked_at(ann)] == [
        ("the server's operator", "made a link to set a new password for you")
    ]
