"""r0032_sign_in_renewed_as on SQLite and PostgreSQL, over sign-ins already there: the way up adds the record of
which token each renewal went on under, empty for sign-ins ended before it (renewed or not), and every open sign-in
stays signed in; the way back drops only that record, the sign-ins left as they were."""

from __future__ import annotations

from crest.accounts.model import Anonymous
from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from crest.services.accounts import token_hash
from support.clock import FakeClock
from support.databases import columns_of, downgrade_journal, revision_of, run_sql
from support.practice import PASSWORD, Practice

BEFORE = "r0031_synced_holders"
ANN = "ann@example.org"


def _ann_renewed(practice: Practice) -> tuple[str, str]:
    """Ann's first sign-in and the token it went on under when she signed out everywhere else."""
    pat = practice.practitioner(practice.admin(), "pat@clinic.example")
    practice.client(pat, ANN, "Ann")
    ann = practice.sign_in(ANN, PASSWORD, None)
    practice.clock.advance(60)
    renewed = practice.accounts.end_other_sign_ins(ann.actor, ann.token, PASSWORD).token
    assert renewed is not None
    return ann.token, renewed


def test_downgrading_drops_only_which_token_a_renewal_went_on_under(journal_url: str) -> None:
    clock = FakeClock()
    with Journal.open(journal_url, clock=clock) as journal:
        first, renewed = _ann_renewed(Practice.over(journal, clock))
    ended = "SELECT renewed_as FROM auth_sessions WHERE token_hash = :old"
    assert run_sql(journal_url, ended, old=token_hash(first)) == [token_hash(renewed)]

    downgrade_journal(journal_url, BEFORE)

    assert revision_of(journal_url) == BEFORE
    assert "renewed_as" not in columns_of(journal_url, "auth_sessions")
    open_now = "SELECT token_hash FROM auth_sessions WHERE ended_at IS NULL AND account_id = :account"
    ann_id = run_sql(journal_url, "SELECT id FROM accounts WHERE email = :email", email=ANN)[0]
    assert run_sql(journal_url, open_now, account=ann_id) == [token_hash(renewed)]


def test_upgrading_keeps_every_sign_in_and_records_renewals_from_then_on(journal_url: str) -> None:
    clock = FakeClock()
    with Journal.open(journal_url, clock=clock) as journal:
        first, renewed = _ann_renewed(Practice.over(journal, clock))
    downgrade_journal(journal_url, BEFORE)

    with Journal.open(journal_url, clock=clock) as journal:
        practice = Practice.over(journal, clock)
        assert run_sql(journal_url, "SELECT renewed_as FROM auth_sessions WHERE renewed_as IS NOT NULL") == []
        assert isinstance(practice.accounts.actor_for_session(first)[0], Anonymous)
        ann = practice.accounts.actor_for_session(renewed)[0]
        assert not isinstance(ann, Anonymous)
        again = practice.accounts.end_other_sign_ins(ann, renewed, PASSWORD).token
        assert again is not None
    ended = "SELECT renewed_as FROM auth_sessions WHERE token_hash = :old"
    assert run_sql(journal_url, ended, old=token_hash(renewed)) == [token_hash(again)]
    assert revision_of(journal_url) == HEAD_REVISION
