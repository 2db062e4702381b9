"""Every rule of who may do what in practice mode, in one place. Pure: an actor, an action and a target in, a
decision out; the services ask before every read and write and turn the decision into 401, 403 or 404.

Objects of another practice, and clients not linked to the asking practitioner, are hidden (404), never
forbidden (403): a 403 would tell a stranger that the object exists. Forbidden is for a role asking for something
its role never does (a client listing a practice's clients). "Same practice" is true only when both sides have
one: two things without a practice are never in the same practice (wger's gym bug).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from crest.accounts.model import (
    Actor,
    Admin,
    Anonymous,
    Client,
    Enrolling,
    NoPractice,
    Practitioner,
    Role,
    practice_of,
    role_of,
)

# What a client shares with their practitioner, as every door lists it before they agree (notes, the time zone and
# the like are added by each door as they apply there). A note's words stay home unless shared, but a warning sign
# crest reads in them is sent without them, so that the practitioner is told of it: the person is told so too.
SHARED_RECORDS: tuple[str, ...] = (
    "your sessions: when, how long, which variant, how they ended",
    "your check-ins: pain by place, what you felt, better/same/worse, and any warning sign crest reads in a note "
    "(its name only: the note's words stay out unless you share your notes)",
    "your daily activities (PSFS) and your answers to the safety questions",
)


class Action(StrEnum):
    # A client with their own data
    KEEP_OWN_JOURNAL = "keep_own_journal"  # practise, check in, read and correct their own records, sync a device
    READ_OWN_AUDIT = "read_own_audit"  # who looked at my data
    MANAGE_OWN_CONSENT = "manage_own_consent"  # grant or revoke sharing on one of their own care links
    # Any signed-in account
    DELETE_OWN_ACCOUNT = "delete_own_account"
    CHANGE_OWN_PASSWORD = "change_own_password"
    READ_OWN_ACTIVITY = "read_own_activity"  # what this account did, when and from where
    MANAGE_OWN_SIGN_INS = "manage_own_sign_ins"  # where this account is signed in; sign out everywhere else
    MANAGE_OWN_SECOND_FACTOR = "manage_own_second_factor"  # set up, turn off an authenticator app
    READ_API_DOCUMENT = "read_api_document"  # /openapi.json: the map of every route, not a stranger's to read
    # An admin
    INVITE_PRACTITIONER = "invite_practitioner"
    LIST_PRACTITIONERS = "list_practitioners"
    REMOVE_PRACTITIONER = "remove_practitioner"
    RESET_PRACTITIONER_PASSWORD = "reset_practitioner_password"  # a one-time link to set a new password
    END_PRACTITIONER_SIGN_INS = "end_practitioner_sign_ins"  # sign them out everywhere (a stolen laptop)
    RESET_PRACTITIONER_SECOND_FACTOR = "reset_practitioner_second_factor"  # a lost phone: they set up a new one
    # A practitioner
    INVITE_CLIENT = "invite_client"
    LIST_CLIENTS = "list_clients"
    READ_CLIENT = "read_client"  # progress, report, FHIR export, alerts (every read is audited)
    PRESCRIBE = "prescribe"
    NOTE_SESSION = "note_session"
    ACKNOWLEDGE_ALERT = "acknowledge_alert"
    END_PROGRAMME = "end_programme"
    # No password link for a client: whoever makes one can become the client and read what they keep to
    # themselves; the server's operator makes it (`crest practice reset-password`).


class Decision(Enum):
    ALLOW = "allow"
    SIGN_IN = "sign_in"  # 401: nobody is signed in
    FORBID = "forbid"  # 403: this role never does this
    HIDE = "hide"  # 404: the object is not the actor's to see
    SET_UP_SECOND_FACTOR = "set_up_second_factor"  # 403: a practitioner or admin must set up a second factor first


@dataclass(frozen=True)
class CareLink:
    """A practitioner following a client: live while consented, not revoked and the programme not ended."""

    practice_id: int
    practitioner_membership_id: int
    client_membership_id: int
    consented: bool
    revoked: bool
    ended: bool

    @property
    def live(self) -> bool:
        return self.consented and not self.revoked and not self.ended


@dataclass(frozen=True)
class MemberTarget:
    """A membership acted upon (a practitioner an admin removes)."""

    practice_id: int
    membership_id: int
    role: Role
    ended: bool


Target = CareLink | MemberTarget | None

# Which role does each action; None: any signed-in account.
ROLE_OF_ACTION: dict[Action, Role | None] = {
    Action.KEEP_OWN_JOURNAL: Role.CLIENT,
    Action.READ_OWN_AUDIT: Role.CLIENT,
    Action.MANAGE_OWN_CONSENT: Role.CLIENT,
    Action.DELETE_OWN_ACCOUNT: None,
    Action.CHANGE_OWN_PASSWORD: None,
    Action.READ_OWN_ACTIVITY: None,
    Action.MANAGE_OWN_SIGN_INS: None,
    Action.MANAGE_OWN_SECOND_FACTOR: None,
    Action.READ_API_DOCUMENT: None,
    Action.INVITE_PRACTITIONER: Role.ADMIN,
    Action.LIST_PRACTITIONERS: Role.ADMIN,
    Action.REMOVE_PRACTITIONER: Role.ADMIN,
    Action.RESET_PRACTITIONER_PASSWORD: Role.ADMIN,
    Action.END_PRACTITIONER_SIGN_INS: Role.ADMIN,
    Action.RESET_PRACTITIONER_SECOND_FACTOR: Role.ADMIN,
    Action.INVITE_CLIENT: Role.PRACTITIONER,
    Action.LIST_CLIENTS: Role.PRACTITIONER,
    Action.READ_CLIENT: Role.PRACTITIONER,
    Action.PRESCRIBE: Role.PRACTITIONER,
    Action.NOTE_SESSION: Role.PRACTITIONER,
    Action.ACKNOWLEDGE_ALERT: Role.PRACTITIONER,
    Action.END_PROGRAMME: Role.PRACTITIONER,
}
# Actions about one client, through a live care link of the asking practitioner.
ABOUT_A_CLIENT = frozenset(
    {
        Action.READ_CLIENT,
        Action.PRESCRIBE,
        Action.NOTE_SESSION,
        Action.ACKNOWLEDGE_ALERT,
        Action.END_PROGRAMME,
    }
)
# Actions on one practitioner of the admin's own practice.
ON_A_PRACTITIONER = frozenset(
    {
        Action.REMOVE_PRACTITIONER,
        Action.RESET_PRACTITIONER_PASSWORD,
        Action.END_PRACTITIONER_SIGN_INS,
        Action.RESET_PRACTITIONER_SECOND_FACTOR,
    }
)


def same_practice(one: int | None, other: int | None) -> bool:
    return one is not None and other is not None and one == other


def decide(actor: Actor, action: Action, target: Target = None) -> Decision:
    if isinstance(actor, Anonymous):
        return Decision.SIGN_IN
    if isinstance(actor, Enrolling):  # the second factor first, whatever else is asked (ASVS 5.0 6.3.3)
        return Decision.ALLOW if action is Action.MANAGE_OWN_SECOND_FACTOR else Decision.SET_UP_SECOND_FACTOR
    if target is not None and not same_practice(practice_of(actor), target.practice_id):
        return Decision.HIDE  # whatever is asked, another practice's objects do not exist for this actor
    needed = ROLE_OF_ACTION[action]
    if needed is None:
        return Decision.ALLOW
    if isinstance(actor, NoPractice) or role_of(actor) is not needed:
        # An object-level question from the wrong role still hides the object (nothing is confirmed to exist).
        return Decision.HIDE if target is not None else Decision.FORBID
    if action in ABOUT_A_CLIENT:
        return _about_a_client(actor, target)
    if action is Action.MANAGE_OWN_CONSENT:
        return _own_consent(actor, target)
    if action in ON_A_PRACTITIONER:
        return _own_practitioner(actor, target)
    return Decision.ALLOW


def _about_a_client(actor: Actor, target: Target) -> Decision:
    if not isinstance(actor, Practitioner) or not isinstance(target, CareLink):
        return Decision.HIDE
    mine = same_practice(actor.practice_id, target.practice_id) and (
        target.practitioner_membership_id == actor.membership_id
    )
    return Decision.ALLOW if mine and target.live else Decision.HIDE


def _own_consent(actor: Actor, target: Target) -> Decision:
    if not isinstance(actor, Client) or not isinstance(target, CareLink):
        return Decision.HIDE
    mine = same_practice(actor.practice_id, target.practice_id) and (target.client_membership_id == actor.membership_id)
    return Decision.ALLOW if mine and not target.ended else Decision.HIDE


def _own_practitioner(actor: Actor, target: Target) -> Decision:
    if not isinstance(actor, Admin) or not isinstance(target, MemberTarget):
        return Decision.HIDE
    if not same_practice(actor.practice_id, target.practice_id) or target.ended:
        return Decision.HIDE
    return Decision.ALLOW if target.role is Role.PRACTITIONER else Decision.HIDE
