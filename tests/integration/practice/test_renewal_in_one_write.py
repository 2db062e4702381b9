"""A sign-in renewed when its password (and code) are confirmed again (ASVS 5.0 7.2.4) is renewed in the write of
what was confirmed, on SQLite and PostgreSQL: after it the old token is dead and the new one alive; a write that
fails part way (a kill, a full disk) leaves the old token working and nothing done, never both tokens alive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from crest.accounts.model import Anonymous, SignedIn
from crest.accounts.second_factor import STEP_SECONDS, code_at, step_at
from crest.journal.engine import DatabaseUnavailable
from crest.services.accounts import SignedInSession
from support.databases import run_sql
from support.practice import PASSWORD, Practice

ANN = "ann@example.org"
PAT = "pat@clinic.example"
NEW_PASSWORD = "a slow morning by the sea"


def _killed_part_way(url: str, account_id: int) -> None:
    """What a kill part way through the write does: ending a sign-in of the account is refused, so what came
    before it in the same write must not stay done on its own."""
    when = f"NEW.ended_at IS NOT NULL AND OLD.account_id = {account_id}"
    if url.startswith("sqlite"):
        statements = [
            f"CREATE TRIGGER killed BEFORE UPDATE OF ended_at ON auth_sessions WHEN {when} "
            "BEGIN SELECT RAISE(ABORT, 'killed part way'); END"
        ]
    else:
        statements = [
            "CREATE FUNCTION killed() RETURNS trigger LANGUAGE plpgsql AS "
            "'BEGIN RAISE EXCEPTION ''killed part way''; END'",
            f"CREATE TRIGGER killed BEFORE UPDATE OF ended_at ON auth_sessions FOR EACH ROW WHEN ({when}) "
            "EXECUTE FUNCTION killed()",
        ]
    for statement in statements:
        run_sql(url, statement)


@dataclass
class Asking:
    """A signed-in browser about to confirm its password again: `renew` does it and returns the new token;
    `unchanged` says whether what it would change is as it was."""

    who: SignedIn
    token: str
    renew: Callable[[], str | None]
    unchanged: Callable[[], bool]


def _ann(practice: Practice) -> SignedInSession:
    admin = practice.admin()
    pat = practice.practitioner(admin, PAT)
    practice.client(pat, ANN, "Ann")
    return practice.sign_in(ANN, PASSWORD, None)


def _changing_the_password(practice: Practice) -> Asking:
    ann = _ann(practice)

    def renew() -> str | None:
        return practice.accounts.change_password(ann.actor, ann.token, PASSWORD, NEW_PASSWORD)

    found = practice.store.account_by_email(ANN)
    assert found is not None
    return Asking(ann.actor, ann.token, renew, lambda: practice.store.account_by_email(ANN) == found)


def _signing_out_everywhere_else(practice: Practice) -> Asking:
    ann = _ann(practice)
    other = practice.sign_in(ANN, PASSWORD, None)

    def renew() -> str | None:
        return practice.accounts.end_other_sign_ins(ann.actor, ann.token, PASSWORD).token

    return Asking(ann.actor, ann.token, renew, lambda: practice.accounts.actor_for_session(other.token)[0] == ann.actor)


def _turning_two_step_sign_in_on(practice: Practice) -> Asking:
    ann = _ann(practice)
    practice.accounts.begin_second_factor(ann.actor)
    secret = practice.accounts.second_factor_state(ann.actor).setting_up
    assert secret is not None

    def renew() -> str | None:
        code = code_at(secret, step_at(practice.clock()))
        return practice.accounts.confirm_second_factor(ann.actor, ann.token, PASSWORD, code).token

    return Asking(ann.actor, ann.token, renew, lambda: not practice.store.has_second_factor(ann.actor.account_id))


def _turning_two_step_sign_in_off(practice: Practice) -> Asking:
    ann = _ann(practice)
    practice.set_up_second_factor(ann.actor, ann.token)
    ann = practice.sign_in(ANN, PASSWORD, None)  # the setup renewed the first one
    practice.clock.advance(STEP_SECONDS)

    def renew() -> str | None:
        code = practice.app_code(ANN)
        assert code is not None
        return practice.accounts.turn_off_second_factor(ann.actor, ann.token, PASSWORD, code)

    return Asking(ann.actor, ann.token, renew, lambda: practice.store.has_second_factor(ann.actor.account_id))


def _resetting_a_practitioners(practice: Practice) -> Asking:
    admin = practice.admin()
    pat = practice.practitioner(admin, PAT)
    asking = practice.sign_in("admin@clinic.example", PASSWORD, None)
    practice.clock.advance(STEP_SECONDS)

    def renew() -> str | None:
        code = practice.app_code("admin@clinic.example")
        assert code is not None
        return practice.accounts.reset_practitioner_second_factor(
            asking.actor, asking.token, pat.membership_id, PASSWORD, code
        )

    return Asking(asking.actor, asking.token, renew, lambda: practice.store.has_second_factor(pat.account_id))


RENEWING = {
    "changing the password": _changing_the_password,
    "signing out everywhere else": _signing_out_everywhere_else,
    "turning two-step sign-in on": _turning_two_step_sign_in_on,
    "turning two-step sign-in off": _turning_two_step_sign_in_off,
    "an admin resetting a practitioner's": _resetting_a_practitioners,
}


def _open_sign_ins(practice: Practice, asking: Asking) -> int:
    return len(practice.store.open_sign_ins(asking.who.account_id, practice.clock()))


@pytest.mark.parametrize("path", RENEWING)
def test_the_old_token_is_dead_and_the_new_one_alive(practice: Practice, path: str) -> None:
    asking = RENEWING[path](practice)
    renewed = asking.renew()
    assert renewed is not None and renewed != asking.token
    assert isinstance(practice.accounts.actor_for_session(asking.token)[0], Anonymous)
    assert not isinstance(practice.accounts.actor_for_session(renewed)[0], Anonymous)
    assert not asking.unchanged()


@pytest.mark.parametrize("path", RENEWING)
def test_a_write_failing_part_way_leaves_the_old_token_working_and_nothing_done(
    practice: Practice, journal_url: str, path: str
) -> None:
    asking = RENEWING[path](practice)
    before = _open_sign_ins(practice, asking)
    _killed_part_way(journal_url, asking.who.account_id)

    with pytest.raises(DatabaseUnavailable):
        asking.renew()

    assert practice.accounts.actor_for_session(asking.token)[0] == asking.who
    assert _open_sign_ins(practice, asking) == before  # no second token of this sign-in's alive beside it
    assert asking.unchanged()
