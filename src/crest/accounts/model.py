"""Who is asking: the actors of practice mode, each with the practice they act in. Pure: no database, no web.

Practitioners and admins must have a second factor: until they set one up they are `Enrolling`, in no role.

One account has at most one live membership, so an actor is one role in one practice (or none). There is no
"acting as someone else": a practitioner reads a linked client's data through their own actor, read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # manages the practice's practitioners
    PRACTITIONER = "practitioner"  # invites clients, prescribes, follows the clients linked to them
    CLIENT = "client"  # practises; sees and controls their own data

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True)
class Anonymous:
    """Nobody signed in (or a session that has ended)."""


@dataclass(frozen=True)
class NoPractice:
    """A signed-in account that belongs to no practice (any more): it may only see and delete itself."""

    account_id: int


@dataclass(frozen=True)
class Enrolling:
    """A practitioner or an admin whose password was right but whose account has no second factor yet (OWASP ASVS
    5.0 6.3.3): they may set one up and sign out, nothing else; with it confirmed, they are who they are."""

    account_id: int
    role: Role


@dataclass(frozen=True)
class Client:
    account_id: int
    practice_id: int
    membership_id: int
    person_id: int  # the person whose journal is the client's own


@dataclass(frozen=True)
class Practitioner:
    account_id: int
    practice_id: int
    membership_id: int


@dataclass(frozen=True)
class Admin:
    account_id: int
    practice_id: int
    membership_id: int


Member = Client | Practitioner | Admin
SignedIn = NoPractice | Enrolling | Member
Actor = Anonymous | SignedIn


def role_of(actor: Actor) -> Role | None:
    if isinstance(actor, Client):
        return Role.CLIENT
    if isinstance(actor, Practitioner):
        return Role.PRACTITIONER
    if isinstance(actor, Admin):
        return Role.ADMIN
    return None


def practice_of(actor: Actor) -> int | None:
    return actor.practice_id if isinstance(actor, Client | Practitioner | Admin) else None


def account_of(actor: Actor) -> int | None:
    return None if isinstance(actor, Anonymous) else actor.account_id
