"""A practice over one journal for tests: its services and quick ways to make its people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from crest.accounts.model import Admin, Client, Practitioner, Role
from crest.journal.practice_store import PracticeStore
from crest.journal.store import Journal
from crest.services.accounts import Accounts
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

    def services_for(self, person_id: int) -> Services:
        return Services.over(self.journal.for_person(person_id), self.clock, UTC)

    def admin(self, email: str = "admin@clinic.example", name: str = "Clinic") -> Admin:
        self.accounts.create_practice(name, email, PASSWORD, admin_name="Ada Admin")
        actor = self.accounts.sign_in(email, PASSWORD, "127.0.0.1").actor
        assert isinstance(actor, Admin)
        return actor

    def practitioner(self, admin: Admin, email: str, name: str = "Pat Physio") -> Practitioner:
        code = self.accounts.invite(admin, Role.PRACTITIONER, email).code
        actor = self.accounts.accept_invite(code, email, PASSWORD, name, consent=False).session.actor
        assert isinstance(actor, Practitioner)
        return actor

    def client(self, practitioner: Practitioner, email: str, name: str, share_notes: bool = False) -> Client:
        code = self.accounts.invite(practitioner, Role.CLIENT, None).code
        actor = self.accounts.accept_invite(code, email, PASSWORD, name, consent=True, share_notes=share_notes)
        assert isinstance(actor.session.actor, Client)
        return actor.session.actor
