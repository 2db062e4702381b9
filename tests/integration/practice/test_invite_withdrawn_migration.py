"""r0030_invite_withdrawn on SQLite and PostgreSQL, with invitations already there: one withdrawn (its link ended
early, all an older crest kept of it) is marked withdrawn at that moment; one that ran out, one used and one still
open are not."""

from __future__ import annotations

from crest.accounts.model import Role
from crest.journal.practice_store import PracticeStore
from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from crest.services.accounts import token_hash
from support.clock import FakeClock
from support.databases import downgrade_journal, revision_of
from support.practice import PASSWORD, Practice

BEFORE = "r0029_synced_copies"
DAY = 24 * 3600


def test_upgrading_tells_a_withdrawn_invitation_from_one_that_ran_out(journal_url: str) -> None:
    clock = FakeClock()
    with Journal.open(journal_url, clock=clock) as journal:
        practice = Practice.over(journal, clock)
        pat = practice.practitioner(practice.admin(), "pat@clinic.example")
        ran_out = practice.accounts.invite(pat, Role.CLIENT, "cal@example.org")
        clock.advance(DAY)
        withdrawn = practice.accounts.invite(pat, Role.CLIENT, "wrong@example.org")
        clock.advance(DAY / 12)
        withdrawn_at = clock()
        invite = practice.store.invite(token_hash(withdrawn.code))
        assert invite is not None
        practice.accounts.withdraw_invite(pat, invite.id)
        used = practice.accounts.invite(pat, Role.CLIENT, "ann@example.org")
        practice.accounts.accept_invite(used.code, "ann@example.org", PASSWORD, "Ann", consent=True)
        clock.advance(14 * DAY)
        still_open = practice.accounts.invite(pat, Role.CLIENT, "dee@example.org")
    downgrade_journal(journal_url, BEFORE)
    assert revision_of(journal_url) == BEFORE

    with Journal.open(journal_url, clock=clock) as journal:
        store = PracticeStore(journal)

        def withdrawn_when(code: str) -> object:
            invite = store.invite(token_hash(code))
            assert invite is not None
            return invite.withdrawn_at

        assert withdrawn_when(withdrawn.code) == withdrawn_at
        assert [withdrawn_when(one.code) for one in (ran_out, used, still_open)] == [None, None, None]
    assert revision_of(journal_url) == HEAD_REVISION
