"""Practice mode's services on SQLite and PostgreSQL: accounts, sessions, rate limits, invites, consent, the
dashboard, one client's data, and everything that must end access at once."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from crest.accounts.model import Anonymous, Client, NoPractice, Role
from crest.accounts.passwords import TEST_COST, Passwords, UnsuitablePassword
from crest.accounts.records import InviteForAnotherEmail, InviteNotValid, Prescription
from crest.insights.alerts import AlertKind, AlertLevel
from crest.journal.records import CheckIn, PainRating
from crest.journal.transfer import export_bytes
from crest.journal.vocabulary import SessionStatus
from crest.safety.screen import QUESTIONS
from crest.services import accounts as accounts_service
from crest.services.accounts import (
    INVITE_LIFETIME,
    SESSION_ABSOLUTE_TIMEOUT,
    SESSION_IDLE_TIMEOUT,
    Accounts,
    CodeAsked,
    ConsentRequired,
    NotAllowed,
    NotFoundForYou,
    SignInFailed,
    StillNeeded,
    TooManyAttempts,
    token_hash,
)
from crest.services.audit import Audited
from support.practice import PASSWORD, Practice

ALL_CLEAR = {question.id: False for question in QUESTIONS}


def test_sign_in_opens_a_server_side_session_that_ends_on_sign_out(practice: Practice) -> None:
    admin = practice.admin()
    session = practice.sign_in("Admin@Clinic.example ", PASSWORD, "10.0.0.1")
    assert practice.accounts.actor_for_session(session.token)[0] == admin
    assert practice.store.sign_in(session.token) is None  # only the hash is stored
    assert practice.store.sign_in(token_hash(session.token)) is not None
    practice.accounts.sign_out(session.token, admin, "10.0.0.1")
    assert practice.accounts.actor_for_session(session.token)[0] == Anonymous()


def test_sessions_time_out_when_idle_and_after_their_absolute_lifetime(practice: Practice) -> None:
    practice.admin()
    session = practice.sign_in("admin@clinic.example", PASSWORD, None)
    practice.clock.advance((SESSION_IDLE_TIMEOUT - timedelta(seconds=1)).total_seconds())
    assert not isinstance(practice.accounts.actor_for_session(session.token)[0], Anonymous)
    practice.clock.advance(SESSION_IDLE_TIMEOUT.total_seconds())
    assert isinstance(practice.accounts.actor_for_session(session.token)[0], Anonymous)

    busy = practice.sign_in("admin@clinic.example", PASSWORD, None)
    for _ in range(int(SESSION_ABSOLUTE_TIMEOUT / timedelta(minutes=20))):
        practice.clock.advance(20 * 60)  # used every 20 minutes: never idle
        practice.accounts.actor_for_session(busy.token)
    assert isinstance(practice.accounts.actor_for_session(busy.token)[0], Anonymous)


def test_the_list_of_sign_ins_leaves_out_those_timed_out_or_ended(practice: Practice) -> None:
    admin = practice.admin()  # signed in once by the helper: that one idles out below
    idle = practice.sign_in("admin@clinic.example", PASSWORD, "10.0.0.7")
    practice.clock.advance((SESSION_IDLE_TIMEOUT - timedelta(seconds=30)).total_seconds())
    here = practice.sign_in("admin@clinic.example", PASSWORD, "10.0.0.8")
    logged_out = practice.sign_in("admin@clinic.example", PASSWORD, "10.0.0.9")
    practice.accounts.sign_out(logged_out.token, logged_out.actor, "10.0.0.9")
    assert len(practice.accounts.open_sign_ins(admin, here.token)) == 3  # the helper's, idle's and this one
    practice.clock.advance(60)
    listed = practice.accounts.open_sign_ins(admin, here.token)
    assert [(one.address, one.this_browser) for one in listed] == [("10.0.0.8", True)]
    assert isinstance(practice.accounts.actor_for_session(idle.token)[0], Anonymous)


def test_wrong_passwords_answer_401_then_429_with_a_growing_wait(practice: Practice) -> None:
    practice.admin()
    for _ in range(5):
        with pytest.raises(SignInFailed):
            practice.sign_in("admin@clinic.example", "not the password", "10.0.0.2")
    with pytest.raises(TooManyAttempts) as first:
        practice.sign_in("admin@clinic.example", PASSWORD, "10.0.0.2")  # even the right one waits
    assert first.value.retry_after_s == 1
    assert first.value.message == "too many wrong sign-in attempts; wait 1 second and try again"
    practice.clock.advance(1)
    with pytest.raises(SignInFailed):
        practice.sign_in("admin@clinic.example", "still wrong", "10.0.0.3")
    with pytest.raises(TooManyAttempts) as second:
        practice.sign_in("admin@clinic.example", PASSWORD, "10.0.0.3")
    assert second.value.retry_after_s == 2
    assert second.value.message == "too many wrong sign-in attempts; wait 2 seconds and try again"
    practice.clock.advance(2)
    practice.sign_in("admin@clinic.example", PASSWORD, "10.0.0.3")  # the wait is over
    assert [entry.outcome for entry in practice.audit.entries(Audited.DENIED)] == ["rate_limited", "rate_limited"]


def test_one_address_trying_many_accounts_is_slowed_down_too(practice: Practice) -> None:
    practice.admin()
    for number in range(20):
        with pytest.raises(SignInFailed):
            practice.sign_in(f"someone{number}@example.org", "guess", "10.9.9.9")
    with pytest.raises(TooManyAttempts):
        practice.sign_in("admin@clinic.example", PASSWORD, "10.9.9.9")
    practice.sign_in("admin@clinic.example", PASSWORD, "10.0.0.4")  # another address is not slowed


class SlowPasswords(Passwords):
    """Counts the passwords checked; each check takes a while, as a real hash does (the window a race needs)."""

    def __init__(self) -> None:
        super().__init__(TEST_COST)
        self.checked = 0
        self._counting = threading.Lock()

    def matches(self, stored_hash: str | None, password: str) -> bool:
        with self._counting:
            self.checked += 1
        time.sleep(0.05)
        return super().matches(stored_hash, password)


def answers_at_once(attempt: Callable[[int], object], times: int = 40) -> Counter[str]:
    """`attempt` tried `times` times from parallel threads: how many were refused (401) and held back (429)."""

    def answer(number: int) -> str:
        try:
            attempt(number)
        except SignInFailed:
            return "401"
        except TooManyAttempts:
            return "429"
        return "200"

    with ThreadPoolExecutor(max_workers=20) as pool:
        return Counter(pool.map(answer, range(times)))


def test_wrong_passwords_sent_at_once_are_checked_no_more_than_the_free_ones(practice: Practice) -> None:
    """Checking the limit and counting the failure were two steps: 40 wrong passwords sent at once were all checked."""
    practice.admin()
    passwords = SlowPasswords()
    accounts = Accounts(practice.store, passwords, practice.clock, practice.audit)
    answers = answers_at_once(lambda number: accounts.sign_in("admin@clinic.example", f"guess {number}", "10.0.0.2"))
    assert (passwords.checked, answers) == (5, Counter({"401": 5, "429": 35}))
    with pytest.raises(TooManyAttempts) as held_back:
        accounts.sign_in("admin@clinic.example", PASSWORD, "10.0.0.3")  # even the right one waits
    assert held_back.value.retry_after_s == 1
    practice.clock.advance(1)
    assert isinstance(accounts.sign_in("admin@clinic.example", PASSWORD, "10.0.0.3"), CodeAsked)


def test_wrong_passwords_for_an_invitation_sent_at_once_are_checked_no_more_than_the_free_ones(
    practice: Practice,
) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    practice.client(physio, "ann@example.org", "Ann")
    code = practice.accounts.invite(physio, Role.CLIENT, None).code
    passwords = SlowPasswords()
    accounts = Accounts(practice.store, passwords, practice.clock, practice.audit)
    answers = answers_at_once(
        lambda number: accounts.accept_invite(code, "ann@example.org", f"guessing {number} again", "Ann", True)
    )
    assert (passwords.checked, answers) == (5, Counter({"401": 5, "429": 35}))
    practice.clock.advance(1)
    with pytest.raises(SignInFailed):  # the wait is over: checked again
        accounts.accept_invite(code, "ann@example.org", "one more guess", "Ann", True)


def test_sync_requests_sent_at_once_pass_no_more_than_the_limit_and_keep_no_more_rows(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction that locks the account's count: of 40 requests at once, the limit's pass (both databases)."""
    monkeypatch.setattr(accounts_service, "SYNC_REQUESTS", 10)
    ann = practice.client(practice.practitioner(practice.admin(), "pat@clinic.example"), "ann@example.org", "Ann")
    answers = answers_at_once(lambda number: practice.accounts.pace_sync(ann, "10.0.0.5"))
    assert answers == Counter({"200": 10, "429": 30})
    assert [entry.outcome for entry in practice.audit.entries(Audited.DENIED)] == ["rate_limited"] * 30
    practice.clock.advance(accounts_service.SYNC_WINDOW.total_seconds() + 1)
    practice.accounts.pace_sync(ann, "10.0.0.5")  # past the window: the ten before count no more, and go
    with practice.journal.writing() as db:
        assert db.scalar(text("SELECT count(*) FROM login_failures WHERE key LIKE 'sync:%'")) == 1


def test_wrong_passwords_to_delete_an_account_back_off_as_at_sign_in(practice: Practice) -> None:
    """A session left open or stolen must not be a way to guess the account's password without limit."""
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    for _ in range(5):
        with pytest.raises(SignInFailed):
            practice.accounts.delete_account(ann, "a guess", "10.0.0.7")
    with pytest.raises(TooManyAttempts):
        practice.accounts.delete_account(ann, PASSWORD, "10.0.0.8")  # the account waits, whatever the address
    with pytest.raises(TooManyAttempts):
        practice.sign_in("ann@example.org", PASSWORD, "10.0.0.8")  # one count with signing in
    outcomes = [entry.outcome for entry in practice.audit.entries(Audited.DENIED)]
    assert (outcomes.count("wrong_password"), outcomes.count("rate_limited")) == (5, 2)
    practice.clock.advance(1)
    practice.accounts.delete_account(ann, PASSWORD, "10.0.0.8")
    assert practice.store.account_by_email("ann@example.org") is None


def test_a_password_is_changed_with_the_current_one_and_every_other_session_ends(practice: Practice) -> None:
    practice.admin()
    here = practice.sign_in("admin@clinic.example", PASSWORD, "10.0.0.1")
    elsewhere = practice.sign_in("admin@clinic.example", PASSWORD, "10.0.0.2")
    with pytest.raises(UnsuitablePassword):
        practice.accounts.change_password(here.actor, here.token, PASSWORD, "password1")  # a common one
    for _ in range(5):
        with pytest.raises(SignInFailed, match="it was not changed"):
            practice.accounts.change_password(here.actor, here.token, "a guess", "a brand new passphrase")
    with pytest.raises(TooManyAttempts):  # guessing the current one backs off as at sign-in
        practice.accounts.change_password(here.actor, here.token, PASSWORD, "a brand new passphrase")
    practice.clock.advance(1)
    renewed = practice.accounts.change_password(here.actor, here.token, PASSWORD, "a brand new passphrase", "10.0.0.1")
    # This one stays signed in, under a new token (ASVS 5.0 7.2.4): the old one, which may have been seen, ends.
    assert renewed is not None and practice.accounts.actor_for_session(renewed)[0] == here.actor
    assert practice.accounts.actor_for_session(here.token)[0] == Anonymous()
    assert practice.accounts.actor_for_session(elsewhere.token)[0] == Anonymous()
    with pytest.raises(SignInFailed):
        practice.sign_in("admin@clinic.example", PASSWORD, "10.0.0.3")  # the old one: a 6th failure
    practice.clock.advance(2)
    practice.sign_in("admin@clinic.example", "a brand new passphrase", "10.0.0.3")
    assert [entry.address for entry in practice.audit.entries(Audited.CHANGE_PASSWORD)] == ["10.0.0.1"]


def test_a_password_made_of_the_practices_name_or_the_persons_own_words_is_refused_wherever_it_is_chosen(
    practice: Practice,
) -> None:
    refused = "words others know"
    with pytest.raises(UnsuitablePassword, match=refused):
        practice.accounts.create_practice("Back in Balance", "ada@balance.example", "Balance2024!", "Ada Lind")
    admin = practice.admin("ada@balance.example", "Back in Balance")
    code = practice.accounts.invite(admin, Role.PRACTITIONER, None).code
    with pytest.raises(UnsuitablePassword, match=refused):
        practice.accounts.accept_invite(code, "pat@clinic.example", "backbalance99", "Pat Physio", consent=False)
    with pytest.raises(UnsuitablePassword, match=refused):  # the same answer for an email that has an account
        practice.accounts.accept_invite(code, "ada@balance.example", "backbalance99", "Pat Physio", consent=False)
    with pytest.raises(UnsuitablePassword, match=refused):
        practice.accounts.accept_invite(code, "pat@clinic.example", "PatPhysio123", "Pat Physio", consent=False)
    pat = practice.accounts.accept_invite(code, "pat@clinic.example", PASSWORD, "Pat Physio", consent=False).session
    assert pat is not None
    ready = practice.set_up_second_factor(pat.actor, pat.token)  # a practitioner must, first
    with pytest.raises(UnsuitablePassword, match=refused):
        practice.accounts.change_password(ready, pat.token, PASSWORD, "clinic-physio")
    reset = practice.accounts.reset_link_by_operator("pat@clinic.example")
    with pytest.raises(UnsuitablePassword, match=refused):
        practice.accounts.reset_password(reset.code, "physio.physio")
    passphrase = "my back in balance by spring"  # holding one
    practice.accounts.reset_password(reset.code, passphrase, second_factor=practice.app_code("pat@clinic.example"))


def test_unlinking_a_computer_is_audited_as_its_linking_is(practice: Practice) -> None:
    ann = practice.client(practice.practitioner(practice.admin(), "pat@clinic.example"), "ann@example.org", "Ann")
    account = practice.store.account(ann.account_id)
    assert account is not None
    token = practice.accounts.link_device(ann, account, "laptop")
    device = practice.store.device(token_hash(token))
    assert device is not None
    practice.practice.forget_device(ann, device.id)
    assert isinstance(practice.accounts.actor_for_device(token)[0], Anonymous)
    devices = (Audited.LINK_DEVICE, Audited.UNLINK_DEVICE)
    logged = [(entry.action, entry.subject_person_id) for entry in practice.audit.entries() if entry.action in devices]
    assert logged == [(Audited.UNLINK_DEVICE, ann.person_id), (Audited.LINK_DEVICE, ann.person_id)]


def test_unlinking_with_crest_unlink_stops_all_of_the_clients_sharing_and_ends_the_token_in_one_step(
    practice: Practice,
) -> None:
    """Each live link revoked as on My practitioner (notes no longer shared, audited), an ended one and another
    client's left alone, the token ended; before, crest had to ask what is shared first, which counts."""
    admin = practice.admin()
    pat, sam = practice.practitioner(admin, "pat@clinic.example"), practice.practitioner(admin, "sam@clinic.example")
    kim = practice.practitioner(admin, "kim@clinic.example", "Kim Ended")
    practice.client(pat, "ann@example.org", "Ann", share_notes=True)
    practice.client(kim, "ann@example.org", "Ann")
    ann = practice.client(sam, "ann@example.org", "Ann")
    ben = practice.client(pat, "ben@example.org", "Ben")
    practice.practice.end_programme(kim, ann.account_id)
    account = practice.store.account(ann.account_id)
    assert account is not None
    token = practice.accounts.link_device(ann, account, "laptop")
    device = practice.store.device(token_hash(token))
    assert device is not None

    practice.practice.unlink_device(ann, device.id, "192.0.2.7")
    assert [(view.shared, view.share_notes) for view in practice.practice.sharing(ann)] == [(False, False)] * 3
    assert [view.shared for view in practice.practice.sharing(ben)] == [True]
    assert isinstance(practice.accounts.actor_for_device(token)[0], Anonymous)
    mine = [entry for entry in practice.audit.entries() if entry.actor_account_id == ann.account_id]
    assert [(entry.action, entry.detail, entry.address) for entry in mine[:3]] == [  # newest first
        (Audited.UNLINK_DEVICE, f"device {device.id}", "192.0.2.7"),
        (Audited.CONSENT, "sharing revoked", "192.0.2.7"),
        (Audited.CONSENT, "sharing revoked", "192.0.2.7"),
    ]
    assert [entry.detail for entry in mine].count("sharing revoked") == 2  # not the ended link


def test_an_invite_is_random_hashed_single_use_and_expires_after_14_days(practice: Practice) -> None:
    admin = practice.admin()
    issued = practice.accounts.invite(admin, Role.PRACTITIONER, None)
    assert len(issued.code) >= 22 and issued.expires_at == practice.clock() + INVITE_LIFETIME
    assert practice.store.invite(issued.code) is None and practice.store.invite(token_hash(issued.code)) is not None
    practice.accounts.accept_invite(issued.code, "pat@clinic.example", PASSWORD, "Pat", consent=False)
    with pytest.raises(InviteNotValid):
        practice.accounts.accept_invite(issued.code, "sam@clinic.example", PASSWORD, "Sam", consent=False)

    late = practice.accounts.invite(admin, Role.PRACTITIONER, "lee@clinic.example")
    with pytest.raises(InviteForAnotherEmail, match=r"^this invite was sent to another email address; enter the"):
        practice.accounts.accept_invite(late.code, "kim@clinic.example", PASSWORD, "Kim", consent=False)
    assert InviteForAnotherEmail.http_status == 422  # the invite is not gone (410): the right email still takes it
    kept = practice.accounts.invite(admin, Role.PRACTITIONER, "mo@clinic.example")
    with pytest.raises(InviteForAnotherEmail):
        practice.accounts.accept_invite(kept.code, "kim@clinic.example", PASSWORD, "Kim", consent=False)
    practice.accounts.accept_invite(kept.code, "mo@clinic.example", PASSWORD, "Mo", consent=False)
    practice.clock.advance(INVITE_LIFETIME.total_seconds())
    with pytest.raises(InviteNotValid):
        practice.accounts.accept_invite(late.code, "lee@clinic.example", PASSWORD, "Lee", consent=False)
    with pytest.raises(InviteNotValid):
        practice.accounts.invite_view("made-up-code")


def test_roles_invite_only_their_own_kind(practice: Practice) -> None:
    admin = practice.admin()
    physio = practice.practitioner(admin, "pat@clinic.example")
    with pytest.raises(NotAllowed, match=r"^your account cannot invite a client$"):
        practice.accounts.invite(admin, Role.CLIENT, None)
    with pytest.raises(NotAllowed):
        practice.accounts.invite(physio, Role.PRACTITIONER, None)
    client = practice.client(physio, "ann@example.org", "Ann")
    with pytest.raises(NotAllowed):
        practice.accounts.invite(client, Role.CLIENT, None)


def test_a_client_agrees_before_anything_is_shared_and_can_revoke_at_once(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    code = practice.accounts.invite(physio, Role.CLIENT, None).code
    with pytest.raises(ConsentRequired):
        practice.accounts.accept_invite(code, "ann@example.org", PASSWORD, "Ann", consent=False)
    ann = practice.accounts.accept_invite(code, "ann@example.org", PASSWORD, "Ann", consent=True).actor
    assert isinstance(ann, Client)
    assert [row.name for row in practice.practice.clients(physio)] == ["Ann"]

    link = practice.practice.sharing(ann)[0]
    assert link.shared and not link.share_notes and link.practitioner == "Pat Physio"
    practice.practice.set_sharing(ann, link.link_id, shared=False, share_notes=False)
    assert practice.practice.clients(physio) == []
    with pytest.raises(NotFoundForYou):
        practice.practice.client_detail(physio, ann.account_id)
    practice.practice.set_sharing(ann, link.link_id, shared=True, share_notes=True)
    assert practice.practice.client_detail(physio, ann.account_id).share_notes


def test_notes_are_seen_only_when_the_client_shares_them(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    practice.services_for(ann.person_id).check_ins.add(
        CheckIn(at=practice.clock(), pain=(PainRating("hip", 3, "left"),), note="slept badly")
    )
    assert practice.practice.client_detail(physio, ann.account_id).check_ins[0].note is None
    link = practice.practice.sharing(ann)[0]
    practice.practice.set_sharing(ann, link.link_id, shared=True, share_notes=True)
    assert practice.practice.client_detail(physio, ann.account_id).check_ins[0].note == "slept badly"


def test_every_read_of_a_client_is_audited_and_the_client_sees_who_looked(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    practice.practice.client_detail(physio, ann.account_id, address="10.1.1.1")
    practice.practice.client_fhir(physio, ann.account_id)
    looked = practice.practice.looked_at(ann)
    assert [(entry.action, entry.actor_name) for entry in looked] == [
        (Audited.EXPORT_CLIENT, "Pat Physio"),
        (Audited.READ_CLIENT, "Pat Physio"),
    ]
    assert looked[1].address == "10.1.1.1"


def test_other_practitioners_and_practices_find_nothing(practice: Practice) -> None:
    admin = practice.admin()
    physio = practice.practitioner(admin, "pat@clinic.example")
    colleague = practice.practitioner(admin, "sam@clinic.example", "Sam")
    ann = practice.client(physio, "ann@example.org", "Ann")
    other_admin = practice.admin("boss@elsewhere.example", "Elsewhere")
    stranger = practice.practitioner(other_admin, "lee@elsewhere.example", "Lee")
    dose = Prescription("standard", 15, 1, 7, date(2026, 5, 1))
    for outsider in (colleague, stranger):
        assert practice.practice.clients(outsider) == []
        with pytest.raises(NotFoundForYou):
            practice.practice.client_detail(outsider, ann.account_id)
        with pytest.raises(NotFoundForYou):
            practice.practice.prescribe(outsider, ann.account_id, dose)
    with pytest.raises(NotFoundForYou):
        practice.accounts.remove_practitioner(other_admin, physio.membership_id)
    with pytest.raises(NotAllowed, match=r"^your account cannot follow clients$"):
        practice.practice.clients(admin)
    with pytest.raises(NotAllowed, match=r"^your account cannot look at a client$"):
        practice.practice.client_detail(admin, ann.account_id)
    assert practice.practice.looked_at(ann) == []  # nothing was read


def test_prescriptions_are_versioned_and_the_client_practises_against_the_current_one(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    first = practice.practice.prescribe(physio, ann.account_id, Prescription("standard", 10, 1, 5, date(2026, 5, 1)))
    second = practice.practice.prescribe(
        physio, ann.account_id, Prescription("supported", 15, 2, 7, date(2026, 5, 4), reminder_time="07:30")
    )
    assert (first.version, second.version) == (1, 2)
    assert second.prescribed_by == "Pat Physio"
    own = practice.services_for(ann.person_id)
    assert own.reports.prescription() == second
    assert own.reports.summary().adherence.target is not None
    assert own.reports.summary().adherence.target.sessions == 14
    calendar = own.reminders.calendar()
    assert "T073000" in calendar and "DURATION:PT15M" in calendar
    detail = practice.practice.client_detail(physio, ann.account_id)
    assert [p.version for p in detail.prescriptions] == [2, 1]
    practice.practice.end_programme(physio, ann.account_id)
    assert own.reports.prescription() is None  # the programme ended: no prescription stands
    assert practice.practice.clients(physio) == []


def test_the_dashboard_puts_who_needs_attention_first_and_acknowledging_hides_an_alert(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    quiet = practice.client(physio, "ann@example.org", "Ann")
    hurting = practice.client(physio, "zoe@example.org", "Zoe")
    for client in (quiet, hurting):
        practice.services_for(client.person_id).safety.record(ALL_CLEAR)
    practice.clock.advance(3600)
    practice.services_for(quiet.person_id).practice.start(15, "standard")
    practice.services_for(hurting.person_id).check_ins.add(
        CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 8, "centre"),))
    )
    rows = practice.practice.clients(physio)
    assert [(row.name, row.level) for row in rows] == [("Zoe", AlertLevel.CRITICAL), ("Ann", None)]
    assert rows[0].alerts[0].kind is AlertKind.SEVERE_PAIN
    practice.practice.acknowledge(physio, hurting.account_id, "severe_pain")
    assert [row.level for row in practice.practice.clients(physio)] == [None, None]
    practice.clock.advance(15 * 24 * 3600)
    rows = practice.practice.clients(physio)
    assert {row.name: row.alerts[0].kind for row in rows} == {
        "Ann": AlertKind.NO_SESSION_14_DAYS,
        "Zoe": AlertKind.NO_SESSION_14_DAYS,
    }


def test_a_demo_is_no_session_to_the_alerts_nor_to_the_practice_on_the_dashboard(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    own = practice.services_for(ann.person_id)
    own.safety.record(ALL_CLEAR)
    practice.clock.advance(3600)
    real = own.practice.log(practice.clock() - timedelta(minutes=10), 10, "standard")
    practice.clock.advance(15 * 24 * 3600)
    demo = own.practice.start(10, "standard", clock_speed=60)  # its 10 minutes pass in 10 seconds
    assert demo.id is not None
    practice.clock.advance(10)
    own.practice.finish(demo.id, 600, SessionStatus.COMPLETED, clock_speed=60)

    idle = [(AlertKind.NO_SESSION_14_DAYS, "no session for 15 days")]  # counted from the real session
    [row] = practice.practice.clients(physio)
    assert [(alert.kind, alert.text) for alert in row.alerts] == idle
    assert row.last_session_at == real.started_at
    assert (row.adherence.sessions_7_days, row.adherence.minutes_7_days, row.adherence.days_with_data_30) == (0, 0, 1)
    detail = practice.practice.client_detail(physio, ann.account_id)
    assert [(alert.kind, alert.text) for alert in detail.alerts] == idle
    assert [session.demo for session in detail.sessions] == [True, False]  # shown, marked a demo


def test_a_practitioner_writes_a_note_the_client_reads_but_never_on_anothers_session(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    zoe = practice.client(physio, "zoe@example.org", "Zoe")
    for client in (ann, zoe):
        practice.services_for(client.person_id).safety.record(ALL_CLEAR)
    ann_session = practice.services_for(ann.person_id).practice.start(15, "standard")
    zoe_session = practice.services_for(zoe.person_id).practice.start(15, "standard")
    assert ann_session.id is not None and zoe_session.id is not None
    practice.practice.note_session(physio, ann.account_id, ann_session.id, "Lovely, keep the knees soft.")
    notes = practice.services_for(ann.person_id).reports.session_notes()
    assert [note.text for note in notes[ann_session.id]] == ["Lovely, keep the knees soft."]
    with pytest.raises(NotFoundForYou):
        practice.practice.note_session(physio, ann.account_id, zoe_session.id, "wrong person")
    assert practice.services_for(zoe.person_id).reports.session_notes() == {}


def test_removing_a_practitioner_ends_their_sessions_and_links_at_once(practice: Practice) -> None:
    admin = practice.admin()
    physio = practice.practitioner(admin, "pat@clinic.example")
    session = practice.sign_in("pat@clinic.example", PASSWORD, None)
    ann = practice.client(physio, "ann@example.org", "Ann")
    practice.accounts.remove_practitioner(admin, physio.membership_id)
    assert isinstance(practice.accounts.actor_for_session(session.token)[0], Anonymous)
    assert practice.accounts.removed_from(physio) is None  # still a member, as far as this actor goes
    again = practice.sign_in("pat@clinic.example", PASSWORD, None)
    assert isinstance(again.actor, NoPractice)
    assert practice.accounts.removed_from(again.actor) == "Clinic"
    with pytest.raises(NotAllowed):
        practice.practice.clients(again.actor)
    assert practice.practice.sharing(ann)[0].ended


def test_the_admin_signs_a_practitioner_out_everywhere_and_keeps_them(practice: Practice) -> None:
    admin = practice.admin()
    physio = practice.practitioner(admin, "pat@clinic.example")  # signed in once by accepting
    laptop = practice.sign_in("pat@clinic.example", PASSWORD, "10.0.0.5")
    practice.store.add_device(token_hash("an old link"), physio.account_id, "old laptop", practice.clock())
    ann = practice.client(physio, "ann@example.org", "Ann")
    elsewhere = practice.admin("boss@elsewhere.example", "Elsewhere")
    for refused in (elsewhere, physio, ann):  # another practice's admin, or a role that never does it: hidden
        with pytest.raises(NotFoundForYou):
            practice.accounts.end_practitioner_sign_ins(refused, physio.membership_id)
    assert practice.accounts.actor_for_session(laptop.token)[0] == physio  # refusals end nothing

    assert practice.accounts.end_practitioner_sign_ins(admin, physio.membership_id, "10.0.0.1") == 2
    assert isinstance(practice.accounts.actor_for_session(laptop.token)[0], Anonymous)
    assert practice.accounts.open_sign_ins(admin, None)  # the admin's own stay
    assert isinstance(practice.accounts.actor_for_device("an old link")[0], Anonymous)
    again = practice.sign_in("pat@clinic.example", PASSWORD, None).actor
    assert again == physio and [one.name for one in practice.practice.clients(again)] == ["Ann"]
    [entry] = practice.audit.entries(Audited.END_PRACTITIONER_SIGN_INS)
    assert (entry.actor_account_id, entry.address) == (admin.account_id, "10.0.0.1")
    assert entry.detail == f"membership {physio.membership_id}: 2 sign-ins ended"


def test_a_client_deletes_their_account_and_every_record(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    zoe = practice.client(physio, "zoe@example.org", "Zoe")
    for client in (ann, zoe):
        practice.services_for(client.person_id).check_ins.add(
            CheckIn(at=practice.clock(), pain=(PainRating("hip", 3, "left"),))
        )
    with pytest.raises(SignInFailed):
        practice.accounts.delete_account(ann, "not my password")
    practice.accounts.delete_account(ann, PASSWORD, "10.0.0.9")
    [deleted] = practice.audit.entries(Audited.DELETE_ACCOUNT)  # its sign-ins ended with it: a security event
    assert (deleted.actor_account_id, deleted.address, deleted.actor_name) == (ann.account_id, "10.0.0.9", None)
    assert practice.services_for(ann.person_id).check_ins.list_check_ins() == []
    assert len(practice.services_for(zoe.person_id).check_ins.list_check_ins()) == 1
    assert practice.store.account_by_email("ann@example.org") is None
    assert [row.name for row in practice.practice.clients(physio)] == ["Zoe"]


def test_an_account_others_depend_on_is_not_deleted_until_they_are_seen_to(practice: Practice) -> None:
    """The practice's only administrator while it has practitioners (nobody could remove one or sign them out),
    and a practitioner who still follows clients (dropped without being told): refused, saying what to do first."""
    admin = practice.admin()
    physio = practice.practitioner(admin, "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    with pytest.raises(StillNeeded, match="only administrator of Clinic and it still has 1 practitioner: remove"):
        practice.accounts.delete_account(admin, PASSWORD)
    with pytest.raises(StillNeeded, match="you still follow 1 client: end the programme first"):
        practice.accounts.delete_account(physio, PASSWORD)
    assert practice.store.account(physio.account_id) is not None
    assert [row.name for row in practice.practice.clients(physio)] == ["Ann"]
    assert practice.audit.entries(Audited.DELETE_ACCOUNT) == []

    practice.practice.end_programme(physio, ann.account_id)
    practice.accounts.delete_account(physio, PASSWORD)  # nobody follows anyone through them now
    assert practice.store.account(physio.account_id) is None
    practice.accounts.delete_account(admin, PASSWORD)  # the practice has nobody left to manage
    assert practice.store.account(admin.account_id) is None


def test_two_clients_fhir_bundles_share_no_id_and_one_clients_is_the_same_each_time(practice: Practice) -> None:
    import json

    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    clients = [practice.client(physio, f"{name}@example.org", name.title()) for name in ("ann", "ben")]
    ids = []
    for client in clients:
        bundle = json.loads(practice.practice.client_fhir(physio, client.account_id).text)
        ids.append({bundle["id"]} | {entry["resource"]["id"] for entry in bundle["entry"]})
    assert ids[0].isdisjoint(ids[1])  # a receiving system matching by id merges nobody
    again = json.loads(practice.practice.client_fhir(physio, clients[0].account_id).text)
    assert {again["id"]} | {entry["resource"]["id"] for entry in again["entry"]} == ids[0]


def test_the_list_of_clients_is_a_read_each_client_sees_once_a_day(practice: Practice) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    for _ in range(3):
        practice.practice.clients(physio, address="10.1.1.1")
    listed = [entry for entry in practice.practice.looked_at(ann) if entry.action == Audited.LIST_CLIENT]
    assert [(entry.actor_name, entry.address) for entry in listed] == [("Pat Physio", "10.1.1.1")]
    practice.clock.advance(86_400)
    practice.practice.clients(physio)
    assert sum(entry.action == Audited.LIST_CLIENT for entry in practice.practice.looked_at(ann)) == 2


def test_a_clients_page_holds_their_newest_records_not_their_whole_journal(practice: Practice) -> None:
    """A client's years (or a file made to be huge) once made this view 70 MB and 20 s; the FHIR export has all."""
    from dataclasses import replace

    from crest.services.practice_mode import CHECK_INS_SHOWN, SESSIONS_SHOWN
    from support.many_records import sessions

    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    many = sessions(SESSIONS_SHOWN + 5)
    check_ins = tuple(CheckIn(at=s.started_at, id=s.id, note=f"after {s.id}") for s in many.sessions)
    practice.services_for(ann.person_id).transfer.import_data(
        export_bytes(replace(many, check_ins=check_ins), "json"), "years.json", merge=True
    )
    detail = practice.practice.client_detail(physio, ann.account_id)
    newest = list(reversed(many.sessions))[:SESSIONS_SHOWN]
    assert [s.started_at for s in detail.sessions] == [s.started_at for s in newest]
    assert [c.at for c in detail.check_ins] == [c.at for c in reversed(check_ins)][:CHECK_INS_SHOWN]
    assert (detail.sessions_held, detail.check_ins_held) == (SESSIONS_SHOWN + 5, SESSIONS_SHOWN + 5)
