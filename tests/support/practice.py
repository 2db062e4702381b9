"""A practice over one journal for tests: its services and quick ways to make its people."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from crest.accounts.model import Admin, Anonymous, Client, Practitioner, Role, SignedIn
from crest.accounts.passwords import TEST_COST, Passwords
from crest.accounts.second_factor import DRIFT_STEPS, STEP_SECONDS, code_at, step_at
from crest.journal.practice_store import PracticeStore
from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.safety.screen import QUESTIONS
from crest.services.accounts import Accounts, CodeAsked, SignedInSession
from crest.services.audit import AuditLog
from crest.services.bundle import Services
from crest.services.practice_mode import PracticeMode
from support.clock import FakeClock

PASSWORD = "a quiet evening walk"


@dataclass
class Practice:
    journal: Journal
    store: PracticeStore
    accounts: Accounts
    practice: PracticeMode
    audit: AuditLog
    clock: FakeClock

    @classmethod
    def over(cls, journal: Journal, clock: FakeClock) -> Practice:
        """Practice mode's services over an open journal, at the clock's time."""
        store = PracticeStore(journal)
        audit = AuditLog(store, clock)
        accounts = Accounts(store, Passwords(TEST_COST), clock, audit)

        def services_for(person_id: int) -> Services:
            return Services.over(journal.for_person(person_id), clock, UTC)

        return cls(journal, store, accounts, PracticeMode(store, services_for, clock, UTC, audit), audit, clock)

    def services_for(self, person_id: int) -> Services:
        return Services.over(self.journal.for_person(person_id), self.clock, UTC)

    def admin(self, email: str = "admin@clinic.example", name: str = "Clinic") -> Admin:
        """Signed in, with two-step sign-in set up (practitioners and admins must)."""
        self.accounts.create_practice(name, email, PASSWORD, admin_name="Ada Admin")
        signed = self.accounts.sign_in(email, PASSWORD, "127.0.0.1")
        assert isinstance(signed, SignedInSession)
        actor = self.set_up_second_factor(signed.actor, signed.token)
        assert isinstance(actor, Admin)
        return actor

    def practitioner(self, admin: Admin, email: str, name: str = "Pat Physio") -> Practitioner:
        """Signed in, with two-step sign-in set up."""
        code = self.accounts.invite(admin, Role.PRACTITIONER, email).code
        session = self.accounts.accept_invite(code, email, PASSWORD, name, consent=False).session
        assert session is not None
        actor = self.set_up_second_factor(session.actor, session.token)
        assert isinstance(actor, Practitioner)
        return actor

    def set_up_second_factor(self, actor: SignedIn, token: str) -> SignedIn:
        """As a person does: a secret shown, its first code typed; who they are then."""
        self.accounts.begin_second_factor(actor)
        secret = self.accounts.second_factor_state(actor).setting_up
        assert secret is not None
        self.accounts.confirm_second_factor(actor, token, PASSWORD, code_at(secret, step_at(self.clock())))
        now = self.accounts.actor_of(self.store.account(actor.account_id))
        assert not isinstance(now, Anonymous)
        return now

    def app_code(self, email: str) -> str | None:
        """What the account's authenticator app shows now: a time step not used yet (the next one within the drift
        allowed, or else the clock moves on to a fresh one); None for an account without two-step sign-in."""
        found = self.store.account_by_email(email.strip().lower())
        factor = None if found is None else self.store.second_factor(found[0].id)
        if factor is None or factor.confirmed_at is None:
            return None
        step = step_at(self.clock())
        if factor.last_step is not None and factor.last_step >= step + DRIFT_STEPS:
            self.clock.advance(STEP_SECONDS * (factor.last_step - step - DRIFT_STEPS + 1))
            step = step_at(self.clock())
        fresh = step if factor.last_step is None or factor.last_step < step else factor.last_step + 1
        return code_at(factor.secret, fresh)

    def sign_in(self, email: str, password: str, address: str | None) -> SignedInSession:
        """The password, and for an account with two-step sign-in the code its app shows now."""
        signed = self.accounts.sign_in(email, password, address)
        if isinstance(signed, CodeAsked):
            code = self.app_code(email)
            assert code is not None
            return self.accounts.sign_in_with_code(signed.token, code, address)
        return signed

    def client(self, practitioner: Practitioner, email: str, name: str, share_notes: bool = False) -> Client:
        code = self.accounts.invite(practitioner, Role.CLIENT, None).code
        actor = self.accounts.accept_invite(code, email, PASSWORD, name, consent=True, share_notes=share_notes).actor
        assert isinstance(actor, Client)
        return actor


@contextmanager
def crest_with_a_note(practice: Practice, folder: Path, note: str) -> Iterator[Journal]:
    """A client's own crest (SQLite in `folder`), its safety questions answered "no", with one check-in whose note
    is `note`, on the practice's clock."""
    with Journal.open(f"sqlite:///{folder / 'crest.db'}", clock=practice.clock) as journal:
        services = Services.over(journal, practice.clock, UTC)
        services.safety.record({question.id: False for question in QUESTIONS})
        practice.clock.advance(600)
        services.check_ins.add(CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 4),), note=note))
        practice.clock.advance(60)
        yield journal


def followed_zoe(practice: Practice) -> tuple[Practitioner, Client]:
    """A practitioner following Zoe, who does not share her notes."""
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    return physio, practice.client(physio, "zoe@example.org", "Zoe")
