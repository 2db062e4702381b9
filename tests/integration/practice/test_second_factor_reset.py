"""The admin resets the two-step sign-in of a practitioner who lost their phone and recovery codes (OWASP ASVS 5.0
6.4.4), on SQLite and PostgreSQL: only the admin of their practice, never their own, only with the admin's own
password and code; every sign-in and device of the practitioner ends, they set up a new app at their next sign-in
and are told who reset it and when; the audit log says who did it."""

from __future__ import annotations

import pytest

from crest.accounts.model import Anonymous, Enrolling, Role
from crest.accounts.second_factor import STEP_SECONDS
from crest.services.accounts import (
    FREE_FAILURES_PER_ACCOUNT,
    OPERATOR,
    NoSecondFactorToReset,
    NotFoundForYou,
    NotSignedIn,
    SecondFactorNeeded,
    SignedInSession,
    SignInFailed,
    TooManyAttempts,
    WrongCode,
    token_hash,
)
from crest.services.audit import Audited
from support.practice import PASSWORD, Practice

ADMIN = "admin@clinic.example"
PAT = "pat@clinic.example"


def _admin_code(practice: Practice) -> str:
    code = practice.app_code(ADMIN)
    assert code is not None
    return code


def test_the_admin_resets_a_practitioners_second_factor(practice: Practice) -> None:
    admin = practice.admin()
    pat = practice.practitioner(admin, PAT)  # signed in once by accepting
    laptop = practice.sign_in(PAT, PASSWORD, "10.0.0.5")
    practice.store.add_device(token_hash("an old link"), pat.account_id, "old laptop", practice.clock())
    practice.clock.advance(STEP_SECONDS)

    practice.accounts.reset_practitioner_second_factor(
        admin, None, pat.membership_id, PASSWORD, _admin_code(practice), "10.0.0.1"
    )

    assert not practice.store.has_second_factor(pat.account_id)
    assert practice.store.unused_recovery_codes(pat.account_id) == []  # the lost codes stop working too
    # Every sign-in and linked computer of theirs ends: whoever holds the phone or a session is out.
    assert isinstance(practice.accounts.actor_for_session(laptop.token)[0], Anonymous)
    assert isinstance(practice.accounts.actor_for_device("an old link")[0], Anonymous)
    assert practice.accounts.open_sign_ins(admin, None)  # the admin's own stay
    # The password alone signs them in again, to setting up a new app and nothing else.
    again = practice.accounts.sign_in(PAT, PASSWORD, None)
    assert isinstance(again, SignedInSession)
    assert again.actor == Enrolling(pat.account_id, Role.PRACTITIONER)
    with pytest.raises(SecondFactorNeeded):
        practice.practice.clients(again.actor)
    # ... where they are told who reset it and when, until they set up a new one.
    told = practice.accounts.second_factor_state(again.actor).reset
    assert told is not None and (told.by, told.at) == ("Ada Admin", practice.clock())
    assert practice.set_up_second_factor(again.actor, again.token) == pat
    assert practice.accounts.second_factor_state(pat).reset is None
    # The audit log: who did it, from where, for whom.
    [entry] = practice.audit.entries(Audited.RESET_SECOND_FACTOR)
    assert (entry.actor_account_id, entry.actor_name, entry.address) == (admin.account_id, "Ada Admin", "10.0.0.1")
    assert entry.detail == f"for account {pat.account_id} (membership {pat.membership_id})"
    assert practice.audit.done_by(admin.account_id)[0].action == Audited.RESET_SECOND_FACTOR  # their own activity


def test_nobody_but_the_admin_of_their_practice_resets_it(practice: Practice) -> None:
    admin = practice.admin()
    pat = practice.practitioner(admin, PAT)
    sam = practice.practitioner(admin, "sam@clinic.example", "Sam Second")
    ann = practice.client(pat, "ann@example.org", "Ann")
    elsewhere = practice.admin("boss@elsewhere.example", "Elsewhere")
    laptop = practice.sign_in(PAT, PASSWORD, None)
    # A practitioner, a client, another practice's admin: the practitioner is hidden (404), whatever they type.
    for refused in (sam, ann, elsewhere):
        with pytest.raises(NotFoundForYou):
            practice.accounts.reset_practitioner_second_factor(refused, None, pat.membership_id, PASSWORD, "123456")
    with pytest.raises(NotSignedIn):
        practice.accounts.reset_practitioner_second_factor(Anonymous(), None, pat.membership_id, PASSWORD, "123456")
    enrolling = Enrolling(sam.account_id, Role.PRACTITIONER)
    with pytest.raises(SecondFactorNeeded):
        practice.accounts.reset_practitioner_second_factor(enrolling, None, pat.membership_id, PASSWORD, "123456")
    # Nor the admin a client (their practitioner's to help), a membership of no one, or anything of theirs.
    for membership_id in (ann.membership_id, 999):
        with pytest.raises(NotFoundForYou):
            practice.accounts.reset_practitioner_second_factor(
                admin, None, membership_id, PASSWORD, _admin_code(practice)
            )
    assert practice.store.has_second_factor(pat.account_id)
    assert practice.accounts.actor_for_session(laptop.token)[0] == pat
    assert practice.audit.entries(Audited.RESET_SECOND_FACTOR) == []


def test_the_admin_cannot_reset_their_own(practice: Practice) -> None:
    """Their own is theirs to turn off and on with a code on their Account page, or, lost, the server's
    operator's to reset: never stripped with their own session and password alone."""
    admin = practice.admin()
    with pytest.raises(NotFoundForYou):
        practice.accounts.reset_practitioner_second_factor(
            admin, None, admin.membership_id, PASSWORD, _admin_code(practice)
        )
    assert practice.store.has_second_factor(admin.account_id)
    assert practice.audit.entries(Audited.RESET_SECOND_FACTOR) == []


def test_a_wrong_password_or_code_of_the_admin_resets_nothing_and_backs_off(practice: Practice) -> None:
    admin = practice.admin()
    pat = practice.practitioner(admin, PAT)
    laptop = practice.sign_in(PAT, PASSWORD, None)
    practice.clock.advance(STEP_SECONDS)
    code = _admin_code(practice)
    with pytest.raises(SignInFailed, match="nothing was reset"):
        practice.accounts.reset_practitioner_second_factor(admin, None, pat.membership_id, "not mine", code)
    pat_code = practice.app_code(PAT)  # Pat's own code is no proof of the admin
    assert pat_code is not None
    for wrong in ("000000", "x" * 65, pat_code):
        with pytest.raises(WrongCode):
            practice.accounts.reset_practitioner_second_factor(admin, None, pat.membership_id, PASSWORD, wrong)
    assert practice.store.has_second_factor(pat.account_id)
    assert practice.accounts.actor_for_session(laptop.token)[0] == pat
    denied = practice.audit.entries(Audited.DENIED)
    assert sorted(entry.outcome for entry in denied) == ["wrong_code"] * 3 + ["wrong_password"]
    assert all(entry.actor_account_id == admin.account_id for entry in denied)
    # Past the free failures, even the right password and code wait, as at sign-in.
    with pytest.raises(SignInFailed):
        practice.accounts.reset_practitioner_second_factor(admin, None, pat.membership_id, "not mine", code)
    assert len(denied) + 1 == FREE_FAILURES_PER_ACCOUNT
    with pytest.raises(TooManyAttempts):
        practice.accounts.reset_practitioner_second_factor(admin, None, pat.membership_id, PASSWORD, code)
    assert practice.store.has_second_factor(pat.account_id)


def test_a_code_is_used_once_even_for_a_reset(practice: Practice) -> None:
    admin = practice.admin()
    pat = practice.practitioner(admin, PAT)
    sam = practice.practitioner(admin, "sam@clinic.example", "Sam Second")
    practice.clock.advance(STEP_SECONDS)
    code = _admin_code(practice)
    practice.accounts.reset_practitioner_second_factor(admin, None, pat.membership_id, PASSWORD, code)
    with pytest.raises(WrongCode):  # seen over the admin's shoulder, it does not reset another
        practice.accounts.reset_practitioner_second_factor(admin, None, sam.membership_id, PASSWORD, code)
    assert practice.store.has_second_factor(sam.account_id)


def test_the_operator_resets_anyones_and_the_person_is_told(practice: Practice) -> None:
    admin = practice.admin()
    assert practice.accounts.reset_second_factor_by_operator(ADMIN).id == admin.account_id
    again = practice.accounts.sign_in(ADMIN, PASSWORD, None)
    assert isinstance(again, SignedInSession) and again.actor == Enrolling(admin.account_id, Role.ADMIN)
    told = practice.accounts.second_factor_state(again.actor).reset
    assert told is not None and told.by == OPERATOR
    [entry] = practice.audit.entries(Audited.RESET_SECOND_FACTOR)
    assert (entry.actor_account_id, entry.actor_name) == (None, OPERATOR)
    assert practice.set_up_second_factor(again.actor, again.token) == admin
    assert practice.accounts.second_factor_state(admin).reset is None


def test_the_operator_refuses_to_reset_a_second_factor_that_is_not_there(practice: Practice) -> None:
    """As the admin's page does (409): resetting nothing would only end the account's sign-ins."""
    admin = practice.admin()
    ann = practice.client(practice.practitioner(admin, PAT), "ann@example.org", "Ann")
    signed_in = practice.accounts.sign_in("ann@example.org", PASSWORD, None)
    assert isinstance(signed_in, SignedInSession)
    with pytest.raises(NoSecondFactorToReset, match=r"has no two-step sign-in set up, so there is nothing to reset"):
        practice.accounts.reset_second_factor_by_operator("ann@example.org")
    assert NoSecondFactorToReset.http_status == 409
    assert practice.accounts.actor_for_session(signed_in.token)[0] == ann  # still signed in
    assert (
        practice.audit.entries(Audited.RESET_SECOND_FACTOR) == []
        and practice.store.second_factor_reset(ann.account_id) is None
    )
