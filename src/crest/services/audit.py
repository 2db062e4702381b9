"""The audit log: sign-ins, failures, refusals and every practitioner read of a client's data; a client reads
who looked at theirs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from crest.accounts.model import Actor, account_of
from crest.accounts.records import AuditEntry
from crest.clock import Clock

if TYPE_CHECKING:
    from crest.journal.practice_store import PracticeStore


class Audited(StrEnum):
    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    END_SIGN_INS = "end_sign_ins"  # every other sign-in session of the account ended by its owner
    DELETE_ACCOUNT = "delete_account"  # by its owner: every sign-in and device ended, no name kept
    CHANGE_PASSWORD = "change_password"
    TURN_ON_SECOND_FACTOR = "turn_on_second_factor"  # an authenticator app confirmed by its first code
    TURN_OFF_SECOND_FACTOR = "turn_off_second_factor"  # by its owner, with the password and a code
    RESET_SECOND_FACTOR = "reset_second_factor"  # by the admin (a lost phone): set up again at the next sign-in
    USE_RECOVERY_CODE = "use_recovery_code"  # one of the single-use codes, in place of the app's
    MAKE_RESET_LINK = "make_reset_link"  # a one-time link to set a new password, made for someone
    RESET_PASSWORD = "reset_password"  # ... and used
    DENIED = "denied"  # a request refused (401, 403, 404 on another's object, 429)
    REFUSED_INPUT = "refused_input"  # a request whose input did not validate (422): which fields, never their values
    SERVER_ERROR = "server_error"  # an unexpected failure answered 500: the request and the error's kind
    READ_CLIENT = "read_client"  # a practitioner read a client's data
    LIST_CLIENT = "list_client"  # ... saw their summary in the list of clients (noted once a day)
    EXPORT_CLIENT = "export_client"  # ... downloaded their report or FHIR export
    PRESCRIBE = "prescribe"
    NOTE_SESSION = "note_session"
    EDIT_NOTE = "edit_note"  # a practitioner's note on a session, changed (by its author)
    DELETE_NOTE = "delete_note"
    ACKNOWLEDGE_ALERT = "acknowledge_alert"  # a practitioner hid a client's alert until something newer (which one)
    CONSENT = "consent"
    END_PROGRAMME = "end_programme"
    REMOVE_PRACTITIONER = "remove_practitioner"
    END_PRACTITIONER_SIGN_INS = "end_practitioner_sign_ins"  # the admin signed a practitioner out everywhere
    INVITE = "invite"
    WITHDRAW_INVITE = "withdraw_invite"  # by whoever made it, before anyone accepted it
    ACCEPT_INVITE = "accept_invite"
    LINK_DEVICE = "link_device"
    UNLINK_DEVICE = "unlink_device"
    SYNC = "sync"

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.replace("_", " "))

    @property
    def done(self) -> str:
        """What the account did, as its own activity list says it."""
        return _DONE.get(self, self.value.replace("_", " "))

    def done_as(self, outcome: str) -> str:
        """What the account did, or tried and was refused (an `outcome` other than "ok"), as its own activity list
        says it: a right password with a wrong code is audited as a sign-in, and read "signed in" though refused."""
        if outcome == "ok" or self is Audited.DENIED:
            return self.done
        return _REFUSED.get(self, f"{self.done}: refused")


_LABELS = {
    Audited.READ_CLIENT: "looked at your data",
    Audited.LIST_CLIENT: "saw your summary in their list of clients (alerts, practice, pain)",
    Audited.EXPORT_CLIENT: "downloaded your report or data",
    Audited.PRESCRIBE: "changed your prescription",
    Audited.NOTE_SESSION: "wrote a note on a session",
    Audited.EDIT_NOTE: "changed a note on a session",
    Audited.DELETE_NOTE: "deleted a note on a session",
    Audited.END_PROGRAMME: "ended your programme",
    Audited.CONSENT: "changed what is shared",
    Audited.SYNC: "synced from your computer",
    Audited.MAKE_RESET_LINK: "made a link to set a new password for you",
}
_DONE = {
    Audited.SIGN_IN: "signed in",
    Audited.SIGN_OUT: "signed out",
    Audited.END_SIGN_INS: "signed out everywhere else",
    Audited.CHANGE_PASSWORD: "changed the password",
    Audited.TURN_ON_SECOND_FACTOR: "turned on two-step sign-in",
    Audited.TURN_OFF_SECOND_FACTOR: "turned off two-step sign-in",
    Audited.RESET_SECOND_FACTOR: "reset a practitioner's two-step sign-in",
    Audited.USE_RECOVERY_CODE: "used a recovery code",
    Audited.DENIED: "was refused",
    Audited.REFUSED_INPUT: "sent something that could not be read",
    Audited.SERVER_ERROR: "met an error on the server",
    Audited.READ_CLIENT: "looked at a client's data",
    Audited.LIST_CLIENT: "saw a client's summary in the list of clients",
    Audited.EXPORT_CLIENT: "downloaded a client's report or data",
    Audited.PRESCRIBE: "prescribed",
    Audited.NOTE_SESSION: "wrote a note on a client's session",
    Audited.EDIT_NOTE: "changed a note on a client's session",
    Audited.DELETE_NOTE: "deleted a note on a client's session",
    Audited.ACKNOWLEDGE_ALERT: "acknowledged a client's alert",
    Audited.CONSENT: "changed what is shared",
    Audited.END_PROGRAMME: "ended a client's programme",
    Audited.REMOVE_PRACTITIONER: "removed a practitioner",
    Audited.END_PRACTITIONER_SIGN_INS: "signed a practitioner out everywhere",
    Audited.INVITE: "made an invitation",
    Audited.WITHDRAW_INVITE: "withdrew an invitation",
    Audited.ACCEPT_INVITE: "accepted an invitation",
    Audited.LINK_DEVICE: "linked a computer",
    Audited.UNLINK_DEVICE: "unlinked a computer",
    Audited.SYNC: "synced",
    Audited.MAKE_RESET_LINK: "made a link to set a new password",
    Audited.RESET_PASSWORD: "set a new password with a link",
}
# What was tried, refused: only a sign-in is audited under its own action when refused.
_REFUSED = {Audited.SIGN_IN: "a sign-in was refused"}
# What a client's "who looked at my data" page lists.
CLIENT_VISIBLE = frozenset(
    {
        Audited.READ_CLIENT,
        Audited.LIST_CLIENT,
        Audited.EXPORT_CLIENT,
        Audited.PRESCRIBE,
        Audited.NOTE_SESSION,
        Audited.EDIT_NOTE,
        Audited.DELETE_NOTE,
        Audited.END_PROGRAMME,
        # whoever holds such a link can set the client's password: the client must be able to see one was made
        Audited.MAKE_RESET_LINK,
    }
)


ACTIVITY_SHOWN = 30  # an account's own latest entries on its Account page


class AuditLog:
    """`forward`, when given, gets a copy of each entry once it is stored (another system's log: ASVS 16.4.3)."""

    def __init__(self, store: PracticeStore, clock: Clock, forward: Callable[[AuditEntry], None] | None = None) -> None:
        self._store = store
        self._clock = clock
        self._forward = forward

    def record(
        self,
        actor: Actor | None,
        action: Audited,
        outcome: str = "ok",
        *,
        actor_name: str | None = None,
        subject_person_id: int | None = None,
        address: str | None = None,
        detail: str | None = None,
    ) -> None:
        entry = AuditEntry(
            at=self._clock(),
            actor_account_id=None if actor is None else account_of(actor),
            actor_name=actor_name,
            action=action,
            outcome=outcome,
            subject_person_id=subject_person_id,
            address=address,
            detail=None if detail is None else detail[:300],
        )
        self._store.audit(entry)
        if self._forward is not None:
            self._forward(entry)

    def subjects_since(self, actor: Actor, action: Audited, since: datetime) -> set[int]:
        """The people `actor` has an `action` entry about since `since`."""
        account_id = account_of(actor)
        return set() if account_id is None else self._store.audit_subjects_since(account_id, action, since)

    def looked_at(self, person_id: int) -> list[AuditEntry]:
        """Who looked at or changed this person's data, newest first."""
        return [entry for entry in self._store.audit_about(person_id) if entry.action in CLIENT_VISIBLE]

    def done_by(self, account_id: int, limit: int = ACTIVITY_SHOWN) -> list[AuditEntry]:
        """What this account did, newest first, each with the address it came from."""
        return self._store.audit_by(account_id, limit)

    def entries(self, action: Audited | None = None) -> list[AuditEntry]:
        return self._store.audit_entries(action)
