"""`PracticeStore`: the practice tables (practices, accounts, memberships, care links, invites, sign-in sessions,
device tokens, rate limits, prescriptions, acknowledgements, notes, the audit log) for the practice services.

Each method is one short transaction on the journal's database. A step that must happen whole (accepting an
invite, removing a practitioner) is one method, so that a crash or a second request half-way changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, false, func, or_, select, text, update
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from crest.accounts.model import Role
from crest.accounts.records import (
    INVITE_FOR_ANOTHER_EMAIL,
    INVITER_LEFT,
    RESET_LINK_NOT_VALID,
    Account,
    AlreadyInAPractice,
    AuditEntry,
    CareLinkRecord,
    EmailTaken,
    Invite,
    InviteForAnotherEmail,
    InviteNotValid,
    Membership,
    PasswordReset,
    PractitionerNote,
    Prescription,
    ResetLinkNotValid,
    link_open,
)
from crest.journal import capacity
from crest.journal.records import (
    CheckIn,
    PracticeSession,
    PsfsAssessment,
    SafetyClearance,
    SafetyScreen,
    SafetyWarning,
    check_status,
)
from crest.journal.store import (
    Journal,
    _clearance_record,
    _psfs_record,
    _screen_record,
    _warning_record,
    live_prescription,
    prescription_record,
    prescription_row,
    read_check_ins,
)
from crest.journal.tables import (
    AccountRow,
    AlertAcknowledgementRow,
    AuditRow,
    AuthSessionRow,
    CareLinkRow,
    CheckInRow,
    DeviceTokenRow,
    InviteRow,
    LoginFailureRow,
    MembershipRow,
    PasswordResetRow,
    PendingSignInRow,
    PersonRow,
    PracticeRow,
    PrescriptionRow,
    PsfsAssessmentRow,
    RecoveryCodeRow,
    SafetyClearanceRow,
    SafetyScreenRow,
    SafetyWarningRow,
    SecondFactorResetRow,
    SecondFactorRow,
    SessionNoteRow,
    SessionRow,
    SettingRow,
)
from crest.journal.vocabulary import SessionStatus

# The key space of the rate limits' advisory locks on PostgreSQL (the two-number form: apart from the migrations')
_RATE_LIMIT_LOCKS = 0x63726C  # "crl"


@dataclass(frozen=True)
class SignInSession:
    id: int
    account_id: int
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    ended_at: datetime | None
    address: str | None = None
    token_hash: str = ""


@dataclass(frozen=True)
class DeviceToken:
    id: int
    account_id: int
    name: str
    last_sync_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class LinkedClient:
    """A care link seen from the practitioner's side, with the client's account."""

    link: CareLinkRecord
    client: Account
    client_membership: Membership


@dataclass(frozen=True)
class LinkedPractitioner:
    """A care link seen from the client's side, with the practitioner's account."""

    link: CareLinkRecord
    practitioner: Account


@dataclass(frozen=True)
class Acceptance:
    account: Account
    membership: Membership
    link: CareLinkRecord | None  # a client invite links the client to the practitioner who invited them


@dataclass(frozen=True)
class SecondFactor:
    """An account's authenticator app; `confirmed_at` None while it is being set up."""

    secret: str
    confirmed_at: datetime | None
    last_step: int | None


@dataclass(frozen=True)
class SecondFactorReset:
    """Someone else reset the account's second factor: told to its owner until they set up a new one."""

    at: datetime
    by: str  # the admin's name, or "the server's operator"


@dataclass(frozen=True)
class PendingSignIn:
    account_id: int
    expires_at: datetime
    address: str | None


@dataclass(frozen=True)
class CodeUse:
    """A two-step code found right, to be used up with what it was given for: a time step of the account's app, or
    one of its recovery codes."""

    account_id: int
    step: int | None = None
    recovery_code_id: int | None = None


@dataclass(frozen=True)
class Renewal:
    """The asking sign-in, its password (and code) confirmed again, goes on under a new token (ASVS 5.0 7.2.4),
    written in the transaction of what was confirmed: the old token ends and the new one is stored together, so that
    a kill or a failed write leaves the old one working and nothing done, never both tokens alive."""

    account_id: int
    token_hash: str  # the asking sign-in's
    renewed_hash: str
    now: datetime


class CodeUsedMeanwhile(Exception):
    """Another request used the code up between its check and its use: nothing it was given for is done."""


@dataclass(frozen=True)
class BackingOff:
    """An attempt refused before it was checked: `key` failed too often, and the next try is allowed at `until`."""

    key: str
    until: datetime


@dataclass
class ClientWindow:
    """What the dashboard reads of one client: recent records and a few landmarks, never their whole history."""

    check_ins: list[CheckIn]  # since the window's start, plus the first and the latest week with check-ins
    sessions: list[PracticeSession]  # since the window's start
    last_session_at: datetime | None  # the latest session in real time: a demo is none
    psfs: list[PsfsAssessment]  # the first round and the latest
    # the answers given since the window's start and always the latest, oldest first: an earlier "yes" holds
    # through later answers for its waiting time, as on the client's own crest
    safety_screens: list[SafetyScreen]
    prescription: Prescription | None  # the current one
    zone_name: str | None  # the client's chosen time zone, if any
    prescription_link_id: int | None = None  # whose it is: the care link it was written under
    kept_warnings: list[SafetyWarning] = field(default_factory=list)  # urgent signs whose hold has not ended
    clearances: list[SafetyClearance] = field(default_factory=list)  # clinicians' all-clears, oldest first


# Where a client's days begin, as the practice reads it: the zone chosen in the server's Settings, else the one a
# linked crest sends with each sync (its computer's), else none (the practice's own zone).
HOME_ZONE_SETTING = "home_zone"
ZONE_SETTINGS = ("reminder_zone", HOME_ZONE_SETTING)


def client_zone_name(settings: Mapping[str, str]) -> str | None:
    return next((settings[key] for key in ZONE_SETTINGS if settings.get(key)), None)


def _account(row: AccountRow) -> Account:
    return Account(row.id, row.email, row.name, row.person_id, row.created_at, row.removed_at)


def _membership(row: MembershipRow) -> Membership:
    return Membership(row.id, row.practice_id, row.account_id, Role(row.role), row.created_at, row.ended_at)


def _consent_values(now: datetime, *, granted: bool, share_notes: bool) -> dict[str, object]:
    """A care link's consent columns once sharing is agreed (again) or revoked."""
    values: dict[str, object] = {"share_notes": share_notes}
    if granted:
        return values | {"consent_granted_at": now, "consent_revoked_at": None}
    return values | {"consent_revoked_at": now}


def _link(row: CareLinkRow) -> CareLinkRecord:
    return CareLinkRecord(
        id=row.id,
        practice_id=row.practice_id,
        practitioner_membership_id=row.practitioner_membership_id,
        client_membership_id=row.client_membership_id,
        created_at=row.created_at,
        consent_granted_at=row.consent_granted_at,
        consent_revoked_at=row.consent_revoked_at,
        share_notes=row.share_notes,
        ended_at=row.ended_at,
    )


def refuse_another_membership(membership: Membership | None, invite: Invite, email: str) -> None:
    """An account belongs to one practice in one role: an invitation to another (or as another) is refused. Read by
    the acceptance itself and, before a two-step code is used up for it, by the service."""
    if membership is not None and (membership.practice_id != invite.practice_id or membership.role != invite.role):
        raise AlreadyInAPractice(
            f"the account {email} already belongs to a practice as {membership.role.label}; "
            "use another email address for this invite"
        )


def _withdraw(row: InviteRow | None, now: datetime) -> None:
    """Marked withdrawn, and its link ended as if it had run out (so an older crest refuses it too)."""
    if row is not None and row.used_at is None and row.withdrawn_at is None:
        row.withdrawn_at = now
        row.expires_at = min(row.expires_at, now)


def _invite(row: InviteRow) -> Invite:
    return Invite(
        row.id,
        row.practice_id,
        Role(row.role),
        row.email,
        row.invited_by_membership_id,
        row.created_at,
        row.expires_at,
        row.used_at,
        row.withdrawn_at,
    )


def _device(row: DeviceTokenRow) -> DeviceToken:
    return DeviceToken(row.id, row.account_id, row.name, row.last_sync_at, row.revoked_at)


def _sign_in(row: AuthSessionRow) -> SignInSession:
    return SignInSession(
        row.id,
        row.account_id,
        row.created_at,
        row.last_seen_at,
        row.expires_at,
        row.ended_at,
        row.address,
        row.token_hash,
    )


def _password_reset(row: PasswordResetRow) -> PasswordReset:
    return PasswordReset(row.id, row.account_id, row.made_by_account_id, row.created_at, row.expires_at, row.used_at)


def _audit_entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        row.at,
        row.actor_account_id,
        row.actor_name,
        row.action,
        row.outcome,
        row.subject_person_id,
        row.address,
        row.detail,
    )


def _renewed_meanwhile(db: Session, old: AuthSessionRow) -> str | None:
    """The hash of the open token an ended sign-in goes on under: the one its renewal recorded (`renewed_as`), or,
    when that one was renewed in turn, the one that went on under, and so on; None when it, or one on the way, was
    ended otherwise (signed out, timed out, ended from elsewhere) (`PracticeStore._renew`)."""
    found: AuthSessionRow | None = old
    while found is not None and found.ended_at is not None:
        if found.renewed_as is None:
            return None
        found = db.scalar(
            select(AuthSessionRow).where(
                AuthSessionRow.token_hash == found.renewed_as, AuthSessionRow.account_id == old.account_id
            )
        )
    return None if found is None else found.token_hash


class PracticeStore:
    def __init__(self, journal: Journal) -> None:
        self._journal = journal

    # Practices and accounts

    def create_practice(self, name: str, email: str, admin_name: str, password_hash: str, now: datetime) -> Account:
        """A practice and its first admin, in one step."""
        with self._journal.writing() as db:
            practice = PracticeRow(name=name, created_at=now)
            db.add(practice)
            account = self._new_account(db, email, admin_name, password_hash, now, client=False)
            db.flush()
            db.add(MembershipRow(practice_id=practice.id, account_id=account.id, role=Role.ADMIN, created_at=now))
            return _account(account)

    @staticmethod
    def _new_account(db: Session, email: str, name: str, password_hash: str, now: datetime, client: bool) -> AccountRow:
        if db.scalar(select(AccountRow.id).where(AccountRow.email == email)) is not None:
            raise EmailTaken(f"there is already an account for {email}; sign in with it")
        person_id = None
        if client:
            person = PersonRow(created_at=now)
            db.add(person)
            db.flush()
            person_id = person.id
        account = AccountRow(email=email, name=name, password_hash=password_hash, person_id=person_id, created_at=now)
        db.add(account)
        db.flush()
        return account

    def practice_name(self, practice_id: int) -> str:
        with self._journal.reading() as db:
            return db.scalar(select(PracticeRow.name).where(PracticeRow.id == practice_id)) or ""

    def account(self, account_id: int) -> Account | None:
        with self._journal.reading() as db:
            row = db.get(AccountRow, account_id)
            return None if row is None else _account(row)

    def account_by_email(self, email: str) -> tuple[Account, str] | None:
        """The account and its password hash."""
        with self._journal.reading() as db:
            row = db.scalar(select(AccountRow).where(AccountRow.email == email))
            return None if row is None else (_account(row), row.password_hash)

    def set_password_hash(self, account_id: int, password_hash: str) -> None:
        with self._journal.writing() as db:
            db.execute(update(AccountRow).where(AccountRow.id == account_id).values(password_hash=password_hash))

    def change_password(self, account_id: int, password_hash: str, renewal: Renewal | None, now: datetime) -> None:
        """A new password chosen by the account's owner, together with the asking sign-in renewed and every other
        one ended (one opened with the old password by someone else among them)."""
        with self._journal.writing() as db:
            db.execute(update(AccountRow).where(AccountRow.id == account_id).values(password_hash=password_hash))
            self._end_sign_ins(db, account_id, self._renew(db, renewal), now)

    def live_membership(self, account_id: int) -> Membership | None:
        with self._journal.reading() as db:
            return self._live_membership(db, account_id)

    @staticmethod
    def _live_membership(db: Session, account_id: int) -> Membership | None:
        row = db.scalar(
            select(MembershipRow)
            .where(MembershipRow.account_id == account_id, MembershipRow.ended_at.is_(None))
            .order_by(MembershipRow.id.desc())
            .limit(1)
        )
        return None if row is None else _membership(row)

    def last_ended_membership(self, account_id: int) -> Membership | None:
        """The account's latest membership that was ended (an admin's removal is the one way one ends)."""
        with self._journal.reading() as db:
            row = db.scalar(
                select(MembershipRow)
                .where(MembershipRow.account_id == account_id, MembershipRow.ended_at.is_not(None))
                .order_by(MembershipRow.ended_at.desc(), MembershipRow.id.desc())
                .limit(1)
            )
            return None if row is None else _membership(row)

    def membership(self, membership_id: int) -> Membership | None:
        with self._journal.reading() as db:
            row = db.get(MembershipRow, membership_id)
            return None if row is None else _membership(row)

    def members(self, practice_id: int, role: Role) -> list[tuple[Membership, Account]]:
        """Live members of one role, by name."""
        with self._journal.reading() as db:
            rows = db.execute(
                select(MembershipRow, AccountRow)
                .join(AccountRow, AccountRow.id == MembershipRow.account_id)
                .where(
                    MembershipRow.practice_id == practice_id,
                    MembershipRow.role == role,
                    MembershipRow.ended_at.is_(None),
                )
                .order_by(AccountRow.name, AccountRow.id)
            )
            return [(_membership(membership), _account(account)) for membership, account in rows]

    def remove_member(self, membership_id: int, now: datetime) -> None:
        """End the membership, its care links, and every sign-in session and device of its account, at once."""
        with self._journal.writing() as db:
            membership = db.get(MembershipRow, membership_id)
            if membership is None:
                return
            membership.ended_at = now
            db.execute(
                update(CareLinkRow)
                .where(
                    (CareLinkRow.practitioner_membership_id == membership_id)
                    | (CareLinkRow.client_membership_id == membership_id),
                    CareLinkRow.ended_at.is_(None),
                )
                .values(ended_at=now)
            )
            self._end_access(db, membership.account_id, now)

    @classmethod
    def _end_access(cls, db: Session, account_id: int, now: datetime) -> None:
        cls._end_sign_ins(db, account_id, None, now)
        cls._revoke_devices(db, account_id, now)

    @staticmethod
    def _revoke_devices(db: Session, account_id: int, now: datetime) -> int:
        """Every linked computer's token of the account stops working now; how many did until now."""
        revoked = db.execute(
            update(DeviceTokenRow)
            .where(DeviceTokenRow.account_id == account_id, DeviceTokenRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return int(getattr(revoked, "rowcount", 0))

    def delete_account(self, account_id: int) -> None:
        """The account, its person and every record of theirs; what others logged about them goes with it."""
        with self._journal.writing() as db:
            account = db.get(AccountRow, account_id)
            if account is None:
                return
            person_id = account.person_id
            db.execute(delete(AccountRow).where(AccountRow.id == account_id))  # cascades: memberships, links, ...
            if person_id is not None:
                db.execute(delete(AuditRow).where(AuditRow.subject_person_id == person_id))
                db.execute(delete(PersonRow).where(PersonRow.id == person_id))  # cascades: every data table

    # Sign-in sessions

    def add_sign_in(
        self, token_hash: str, account_id: int, now: datetime, expires_at: datetime, address: str | None = None
    ) -> None:
        with self._journal.writing() as db:
            db.add(
                AuthSessionRow(
                    token_hash=token_hash,
                    account_id=account_id,
                    created_at=now,
                    last_seen_at=now,
                    expires_at=expires_at,
                    address=None if address is None else address[:64],
                )
            )

    def sign_in(self, token_hash: str) -> tuple[SignInSession, Account, Membership | None] | None:
        """The session, its account and the account's live membership, in one query (every request asks)."""
        live = and_(MembershipRow.account_id == AccountRow.id, MembershipRow.ended_at.is_(None))
        with self._journal.reading() as db:
            found = db.execute(
                select(AuthSessionRow, AccountRow, MembershipRow)
                .join(AccountRow, AccountRow.id == AuthSessionRow.account_id)
                .outerjoin(MembershipRow, live)
                .where(AuthSessionRow.token_hash == token_hash)
                .order_by(MembershipRow.id.desc())
                .limit(1)
            ).first()
            if found is None:
                return None
            row, account, membership = found
            return _sign_in(row), _account(account), None if membership is None else _membership(membership)

    def open_sign_ins(self, account_id: int, now: datetime) -> list[SignInSession]:
        """The account's sign-in sessions not ended and not past their absolute time-out, newest use first (the
        idle time-out is the service's rule)."""
        with self._journal.reading() as db:
            rows = db.scalars(
                select(AuthSessionRow)
                .where(
                    AuthSessionRow.account_id == account_id,
                    AuthSessionRow.ended_at.is_(None),
                    AuthSessionRow.expires_at > now,
                )
                .order_by(AuthSessionRow.last_seen_at.desc(), AuthSessionRow.id.desc())
            )
            return [_sign_in(row) for row in rows]

    def touch_sign_in(self, session_id: int, now: datetime) -> None:
        with self._journal.writing() as db:
            db.execute(update(AuthSessionRow).where(AuthSessionRow.id == session_id).values(last_seen_at=now))

    def end_sign_in(self, token_hash: str, now: datetime) -> None:
        with self._journal.writing() as db:
            db.execute(
                update(AuthSessionRow)
                .where(AuthSessionRow.token_hash == token_hash, AuthSessionRow.ended_at.is_(None))
                .values(ended_at=now)
            )

    @staticmethod
    def _renew(db: Session, renewal: Renewal | None) -> str | None:
        """`renewal` done in `db`'s transaction: the hash of the token the sign-in goes on under; None for no
        renewal, or an old token ended meanwhile but by a renewal (then no new one is stored). The new sign-in keeps
        the old one's absolute time-out and address. Ended by an update that asks it be open still, so that two
        requests renewing one sign-in at once (two tabs) leave one token alive, not two: the later waits for the
        earlier's row, finds it renewed, and goes on under the earlier's new token, which the browser gets from the
        earlier's answer (ending it too, as every other sign-in, signed both tabs out). The old row records that token
        (`renewed_as`) as it ends: which one is never guessed from times, which two renewals in one tick share."""
        if renewal is None:
            return None
        ended = db.execute(
            update(AuthSessionRow)
            .where(
                AuthSessionRow.token_hash == renewal.token_hash,
                AuthSessionRow.account_id == renewal.account_id,
                AuthSessionRow.ended_at.is_(None),
            )
            .values(ended_at=renewal.now, renewed_as=renewal.renewed_hash)
        )
        old = db.scalar(select(AuthSessionRow).where(AuthSessionRow.token_hash == renewal.token_hash))
        if old is None or old.account_id != renewal.account_id:
            return None
        if getattr(ended, "rowcount", 0) != 1:
            return _renewed_meanwhile(db, old)
        db.add(
            AuthSessionRow(
                token_hash=renewal.renewed_hash,
                account_id=renewal.account_id,
                created_at=renewal.now,
                last_seen_at=renewal.now,
                expires_at=old.expires_at,
                address=old.address,
            )
        )
        return renewal.renewed_hash

    @staticmethod
    def _end_sign_ins(db: Session, account_id: int, kept_token_hash: str | None, now: datetime) -> None:
        db.execute(
            update(AuthSessionRow)
            .where(
                AuthSessionRow.account_id == account_id,
                AuthSessionRow.ended_at.is_(None),
                AuthSessionRow.token_hash != (kept_token_hash or ""),
            )
            .values(ended_at=now)
        )
        # A sign-in half done ends too: its password was right, and may be the one just replaced or stolen; else
        # whoever holds the step finishes it with a code, after the owner changed the password or signed out.
        db.execute(delete(PendingSignInRow).where(PendingSignInRow.account_id == account_id))

    def end_other_access(self, account_id: int, renewal: Renewal | None, now: datetime) -> int:
        """Every sign-in session of the account but the asking one, renewed, and every linked computer's token, end
        now, together; how many computers were linked."""
        with self._journal.writing() as db:
            self._end_sign_ins(db, account_id, self._renew(db, renewal), now)
            return self._revoke_devices(db, account_id, now)

    def end_access(self, account_id: int, now: datetime) -> None:
        """Every sign-in session and device of the account ends now."""
        with self._journal.writing() as db:
            self._end_access(db, account_id, now)

    # Second factors (TOTP) and the half-signed-in state

    def second_factor(self, account_id: int) -> SecondFactor | None:
        with self._journal.reading() as db:
            row = db.get(SecondFactorRow, account_id)
            return None if row is None else SecondFactor(row.secret, row.confirmed_at, row.last_step)

    def has_second_factor(self, account_id: int) -> bool:
        """Whether the account has a confirmed second factor."""
        with self._journal.reading() as db:
            found = db.scalar(
                select(SecondFactorRow.account_id).where(
                    SecondFactorRow.account_id == account_id, SecondFactorRow.confirmed_at.is_not(None)
                )
            )
            return found is not None

    def begin_second_factor(self, account_id: int, secret: str, now: datetime) -> None:
        """A new secret being set up, replacing one not yet confirmed (never a confirmed one)."""
        with self._journal.writing() as db:
            row = db.get(SecondFactorRow, account_id)
            if row is not None and row.confirmed_at is not None:
                return
            if row is None:
                db.add(SecondFactorRow(account_id=account_id, secret=secret, created_at=now))
            else:
                row.secret, row.created_at, row.last_step = secret, now, None

    def confirm_second_factor(
        self,
        account_id: int,
        secret: str,
        step: int,
        recovery_hashes: Sequence[str],
        renewal: Renewal | None,
        now: datetime,
    ) -> bool:
        """The secret set up is confirmed by a code of `step`, with new recovery codes in place of any old ones, the
        asking sign-in renewed and every other one of the account ended (opened with the password alone); False,
        nothing done, if it was replaced or confirmed meanwhile."""
        with self._journal.writing() as db:
            done = db.execute(
                update(SecondFactorRow)
                .where(
                    SecondFactorRow.account_id == account_id,
                    SecondFactorRow.secret == secret,
                    SecondFactorRow.confirmed_at.is_(None),
                )
                .values(confirmed_at=now, last_step=step)
            )
            if getattr(done, "rowcount", 0) != 1:
                return False
            db.execute(delete(RecoveryCodeRow).where(RecoveryCodeRow.account_id == account_id))
            db.add_all(RecoveryCodeRow(account_id=account_id, code_hash=one) for one in recovery_hashes)
            # a new app set up: the notice of a reset has been read and acted on
            db.execute(delete(SecondFactorResetRow).where(SecondFactorResetRow.account_id == account_id))
            self._end_sign_ins(db, account_id, self._renew(db, renewal), now)
            return True

    def use_code(self, used: CodeUse, now: datetime) -> None:
        """Use the code up, alone (a sign-in, turning it off); `CodeUsedMeanwhile` if another request did."""
        with self._journal.writing() as db:
            self._use_code(db, used, now)

    @staticmethod
    def _use_code(db: Session, used: CodeUse | None, now: datetime) -> None:
        """In the transaction of what the code was given for, so that it is used up only with that done: a time step
        when later than the last one used, a recovery code when unused (two requests with one code: one wins)."""
        if used is None:
            return
        if used.recovery_code_id is None:
            done = db.execute(
                update(SecondFactorRow)
                .where(
                    SecondFactorRow.account_id == used.account_id,
                    SecondFactorRow.confirmed_at.is_not(None),
                    or_(SecondFactorRow.last_step.is_(None), SecondFactorRow.last_step < used.step),
                )
                .values(last_step=used.step)
            )
        else:
            done = db.execute(
                update(RecoveryCodeRow)
                .where(RecoveryCodeRow.id == used.recovery_code_id, RecoveryCodeRow.used_at.is_(None))
                .values(used_at=now)
            )
        if getattr(done, "rowcount", 0) != 1:
            raise CodeUsedMeanwhile()

    def unused_recovery_codes(self, account_id: int) -> list[tuple[int, str]]:
        """(id, argon2id hash) of each recovery code not used yet."""
        with self._journal.reading() as db:
            rows = db.execute(
                select(RecoveryCodeRow.id, RecoveryCodeRow.code_hash)
                .where(RecoveryCodeRow.account_id == account_id, RecoveryCodeRow.used_at.is_(None))
                .order_by(RecoveryCodeRow.id)
            )
            return [(code_id, code_hash) for code_id, code_hash in rows]

    def turn_off_second_factor(self, used: CodeUse, renewal: Renewal | None, now: datetime) -> None:
        """The account's second factor and recovery codes go (turned off by its owner, with the code `used`, used
        up here), the asking sign-in renewed; `CodeUsedMeanwhile` and nothing done if another request used it."""
        with self._journal.writing() as db:
            self._use_code(db, used, now)
            self._remove_second_factor(db, used.account_id)
            self._renew(db, renewal)

    @staticmethod
    def _remove_second_factor(db: Session, account_id: int) -> None:
        db.execute(delete(SecondFactorRow).where(SecondFactorRow.account_id == account_id))
        db.execute(delete(RecoveryCodeRow).where(RecoveryCodeRow.account_id == account_id))
        db.execute(delete(PendingSignInRow).where(PendingSignInRow.account_id == account_id))

    def reset_second_factor(
        self, account_id: int, by: str, now: datetime, used: CodeUse | None = None, renewal: Renewal | None = None
    ) -> None:
        """Someone else resets the account's second factor (a lost phone and lost recovery codes), all at once: the
        app and the codes go, every sign-in session and device ends, and the reset is kept to tell its owner. An
        admin's own code (`used`) is used up and their asking sign-in renewed in the same transaction."""
        with self._journal.writing() as db:
            self._use_code(db, used, now)
            self._renew(db, renewal)
            self._remove_second_factor(db, account_id)
            self._end_access(db, account_id, now)
            row = db.get(SecondFactorResetRow, account_id)
            if row is None:
                db.add(SecondFactorResetRow(account_id=account_id, reset_at=now, reset_by=by))
            else:
                row.reset_at, row.reset_by = now, by

    def second_factor_reset(self, account_id: int) -> SecondFactorReset | None:
        """The last reset of the account's second factor by someone else, while no new one is set up."""
        with self._journal.reading() as db:
            row = db.get(SecondFactorResetRow, account_id)
            return None if row is None else SecondFactorReset(row.reset_at, row.reset_by)

    def add_pending_sign_in(
        self, token_hash: str, account_id: int, now: datetime, expires_at: datetime, address: str | None
    ) -> None:
        with self._journal.writing() as db:
            db.execute(delete(PendingSignInRow).where(PendingSignInRow.expires_at <= now))
            db.add(
                PendingSignInRow(
                    token_hash=token_hash,
                    account_id=account_id,
                    created_at=now,
                    expires_at=expires_at,
                    address=None if address is None else address[:64],
                )
            )

    def pending_sign_in(self, token_hash: str) -> PendingSignIn | None:
        with self._journal.reading() as db:
            row = db.scalar(select(PendingSignInRow).where(PendingSignInRow.token_hash == token_hash))
            return None if row is None else PendingSignIn(row.account_id, row.expires_at, row.address)

    def end_pending_sign_in(self, token_hash: str) -> None:
        with self._journal.writing() as db:
            db.execute(delete(PendingSignInRow).where(PendingSignInRow.token_hash == token_hash))

    # Devices (`crest link`)

    def add_device(
        self, token_hash: str, account_id: int, name: str, now: datetime, invite_code_hash: str | None = None
    ) -> None:
        """A linked computer; linked by `crest link` with an invitation (`invite_code_hash`), noted on it in the
        same transaction, so that the same `crest link` whose answer was lost may end it (`link_again`)."""
        with self._journal.writing() as db:
            row = DeviceTokenRow(token_hash=token_hash, account_id=account_id, name=name, created_at=now)
            db.add(row)
            db.flush()
            if invite_code_hash is not None:
                db.execute(
                    update(InviteRow).where(InviteRow.code_hash == invite_code_hash).values(linked_device_id=row.id)
                )

    def linked_by_invite(self, code_hash: str, link_key_hash: str) -> tuple[Invite, DeviceToken] | None:
        """The used invitation with this code that `crest link` accepted with this key, and the computer it linked;
        None for any other (unknown, unused, another key, accepted in the browser, or from before the key)."""
        with self._journal.reading() as db:
            invite = db.scalar(select(InviteRow).where(InviteRow.code_hash == code_hash))
            if (
                invite is None
                or invite.used_at is None
                or invite.link_key_hash != link_key_hash  # SHA-256 of a random key: nothing to learn by timing
                or invite.linked_device_id is None
            ):
                return None
            device = db.get(DeviceTokenRow, invite.linked_device_id)
            return None if device is None else (_invite(invite), _device(device))

    def link_again(
        self,
        code_hash: str,
        first_device_id: int,
        token_hash: str,
        name: str,
        now: datetime,
        second_factor: CodeUse | None = None,
    ) -> bool:
        """End the computer this invitation linked, never used since (its token never came), and link it anew with
        `token_hash`, in one transaction; False (nothing done) once the invitation has run out, or its computer has
        synced, was unlinked or linked again meanwhile."""
        with self._journal.writing() as db:
            invite = db.scalar(select(InviteRow).where(InviteRow.code_hash == code_hash).with_for_update())
            first = db.get(DeviceTokenRow, first_device_id, with_for_update=True)
            if (
                invite is None
                or invite.linked_device_id != first_device_id
                or not invite.expires_at > now
                or first is None
                or first.last_sync_at is not None
                or first.revoked_at is not None
            ):
                return False
            first.revoked_at = now
            again = DeviceTokenRow(token_hash=token_hash, account_id=first.account_id, name=name, created_at=now)
            db.add(again)
            db.flush()
            invite.linked_device_id = again.id
            self._use_code(db, second_factor, now)
            return True

    def device(self, token_hash: str) -> DeviceToken | None:
        with self._journal.reading() as db:
            row = db.scalar(select(DeviceTokenRow).where(DeviceTokenRow.token_hash == token_hash))
            return None if row is None else _device(row)

    def device_synced(self, device_id: int, now: datetime) -> None:
        with self._journal.writing() as db:
            db.execute(update(DeviceTokenRow).where(DeviceTokenRow.id == device_id).values(last_sync_at=now))

    def revoke_device(self, device_id: int, now: datetime) -> None:
        with self._journal.writing() as db:
            db.execute(update(DeviceTokenRow).where(DeviceTokenRow.id == device_id).values(revoked_at=now))

    # Rate limits

    def hold_attempt(
        self,
        keys: Sequence[str],
        now: datetime,
        since: datetime,
        wait_until: Callable[[str, list[datetime]], datetime | None],
    ) -> list[int] | BackingOff:
        """Count an attempt as a failure under each key before it is checked (the ids of those rows, to release if
        it succeeds), unless `wait_until` says, from a key's failures since `since` (oldest first), that the key is
        backing off. One transaction that locks the keys first: of attempts sent in parallel each sees those before
        it, so no more than the free ones are ever checked (the write lock on SQLite, a lock per key on PostgreSQL,
        where there is no row to lock for an address or an unknown email). A key's rows from before `since` count
        no more and go: a key counted at every request (`crest sync`'s) keeps no more rows than its limit."""
        with self._journal.writing() as db:
            if self._journal.dialect == "postgresql":
                for key in sorted(set(keys)):  # always in one order: two attempts never wait on each other
                    db.execute(
                        text("SELECT pg_advisory_xact_lock(:space, hashtext(:key))"),
                        {"space": _RATE_LIMIT_LOCKS, "key": key},
                    )
            db.execute(delete(LoginFailureRow).where(LoginFailureRow.key.in_(list(keys)), LoginFailureRow.at < since))
            for key in keys:
                failures = list(
                    db.scalars(
                        select(LoginFailureRow.at)
                        .where(LoginFailureRow.key == key, LoginFailureRow.at >= since)
                        .order_by(LoginFailureRow.at)
                    )
                )
                until = wait_until(key, failures)
                if until is not None:
                    return BackingOff(key, until)
            rows = [LoginFailureRow(key=key, at=now) for key in keys]
            db.add_all(rows)
            db.flush()
            return [row.id for row in rows]

    def release_attempt(self, failure_ids: Sequence[int]) -> None:
        """An attempt held by `hold_attempt` succeeded (or was not checked): it no longer counts as a failure."""
        with self._journal.writing() as db:
            db.execute(delete(LoginFailureRow).where(LoginFailureRow.id.in_(list(failure_ids))))

    def forget_failures(self, keys: Iterable[str], before: datetime | None = None) -> None:
        """Drop the failures of these keys (a successful sign-in), or of every key before `before`."""
        with self._journal.writing() as db:
            chosen = list(keys)
            if chosen:
                db.execute(delete(LoginFailureRow).where(LoginFailureRow.key.in_(chosen)))
            if before is not None:
                db.execute(delete(LoginFailureRow).where(LoginFailureRow.at < before))

    # Invites

    def add_invite(
        self,
        code_hash: str,
        practice_id: int,
        role: Role,
        email: str | None,
        invited_by: int,
        now: datetime,
        expires_at: datetime,
        replacing: int | None = None,
    ) -> Invite:
        """A new invitation; `replacing`: one of the inviter's not taken up (its link ran out), withdrawn in the same
        transaction, so that the list never shows both nor neither."""
        with self._journal.writing() as db:
            if replacing is not None:
                _withdraw(db.get(InviteRow, replacing), now)
            row = InviteRow(
                code_hash=code_hash,
                practice_id=practice_id,
                role=role,
                email=email,
                invited_by_membership_id=invited_by,
                created_at=now,
                expires_at=expires_at,
            )
            db.add(row)
            db.flush()
            return _invite(row)

    def waiting_invites(self, membership_id: int) -> list[Invite]:
        """The invitations this member made that nobody took up and they did not withdraw, newest first: those that
        can still be accepted and those whose link ran out."""
        with self._journal.reading() as db:
            rows = db.scalars(
                select(InviteRow)
                .where(
                    InviteRow.invited_by_membership_id == membership_id,
                    InviteRow.used_at.is_(None),
                    InviteRow.withdrawn_at.is_(None),
                )
                .order_by(InviteRow.created_at.desc(), InviteRow.id.desc())
            )
            return [_invite(row) for row in rows]

    def invite_by_id(self, invite_id: int) -> Invite | None:
        with self._journal.reading() as db:
            row = db.get(InviteRow, invite_id)
            return None if row is None else _invite(row)

    def withdraw_invite(self, invite_id: int, now: datetime) -> None:
        """It stops working now and leaves its sender's list (the code is unknown to nobody, so no row goes)."""
        with self._journal.writing() as db:
            _withdraw(db.get(InviteRow, invite_id), now)

    def invite(self, code_hash: str) -> Invite | None:
        with self._journal.reading() as db:
            row = db.scalar(select(InviteRow).where(InviteRow.code_hash == code_hash))
            return None if row is None else _invite(row)

    def accept_invite(
        self,
        code_hash: str,
        now: datetime,
        *,
        existing_account_id: int | None,
        email: str,
        name: str,
        password_hash: str | None,
        share_notes: bool,
        second_factor: CodeUse | None = None,
        link_key_hash: str | None = None,
    ) -> Acceptance:
        """Use the invite (once: a second use, even at the same moment, fails), create or link the account, make
        it a member and, for a client, link them to the practitioner who invited them with their consent. The
        existing account's two-step code is used up in the same transaction: an invitation ended meanwhile (used,
        withdrawn, run out, its sender gone) leaves it unused."""
        with self._journal.writing() as db:
            invite = db.scalar(select(InviteRow).where(InviteRow.code_hash == code_hash).with_for_update())
            if invite is None or not link_open(invite.expires_at, invite.used_at, now):
                raise InviteNotValid(
                    "this invite link is not valid (unknown, already used or expired); ask for a new one"
                )
            if invite.email is not None and invite.email != email:
                raise InviteForAnotherEmail(INVITE_FOR_ANOTHER_EMAIL)
            inviter = db.get(MembershipRow, invite.invited_by_membership_id)
            if inviter is None or inviter.ended_at is not None:
                raise InviteNotValid(INVITER_LEFT)
            claimed = db.execute(
                update(InviteRow)
                .where(InviteRow.id == invite.id, InviteRow.used_at.is_(None))
                .values(used_at=now, link_key_hash=link_key_hash)
            )
            if getattr(claimed, "rowcount", 1) != 1:
                raise InviteNotValid(
                    "this invite link is not valid (unknown, already used or expired); ask for a new one"
                )
            client = invite.role == Role.CLIENT
            if existing_account_id is None:
                assert password_hash is not None
                account = self._new_account(db, email, name, password_hash, now, client=client)
            else:
                found = db.get(AccountRow, existing_account_id)
                assert found is not None
                account = found
                if client and account.person_id is None:
                    person = PersonRow(created_at=now)
                    db.add(person)
                    db.flush()
                    account.person_id = person.id
            membership = self._live_membership(db, account.id)
            refuse_another_membership(membership, _invite(invite), email)
            if membership is None:
                row = MembershipRow(
                    practice_id=invite.practice_id, account_id=account.id, role=invite.role, created_at=now
                )
                db.add(row)
                db.flush()
                membership = _membership(row)
            link = None
            if client:
                # A second invitation from a practitioner who already follows this client renews that link's
                # consent: two links to one practitioner made their client appear twice, and stopping sharing on
                # one left them seeing everything through the other.
                link_row = db.scalars(
                    select(CareLinkRow).where(
                        CareLinkRow.practitioner_membership_id == invite.invited_by_membership_id,
                        CareLinkRow.client_membership_id == membership.id,
                        CareLinkRow.ended_at.is_(None),
                    )
                ).first()
                if link_row is None:
                    link_row = CareLinkRow(
                        practice_id=invite.practice_id,
                        practitioner_membership_id=invite.invited_by_membership_id,
                        client_membership_id=membership.id,
                        created_at=now,
                    )
                    db.add(link_row)
                link_row.consent_granted_at, link_row.consent_revoked_at = now, None
                link_row.share_notes = share_notes
                db.flush()
                link = _link(link_row)
            self._use_code(db, second_factor, now)
            return Acceptance(_account(account), membership, link)

    # Password reset links

    def add_password_reset(
        self, code_hash: str, account_id: int, made_by_account_id: int | None, now: datetime, expires_at: datetime
    ) -> Account:
        """A new link for the account, which replaces any earlier one not yet used; the account it is for."""
        with self._journal.writing() as db:
            account = db.get(AccountRow, account_id)
            assert account is not None  # the services make links only for accounts they have just read
            db.execute(
                delete(PasswordResetRow).where(
                    PasswordResetRow.account_id == account_id, PasswordResetRow.used_at.is_(None)
                )
            )
            db.add(
                PasswordResetRow(
                    code_hash=code_hash,
                    account_id=account_id,
                    made_by_account_id=made_by_account_id,
                    created_at=now,
                    expires_at=expires_at,
                )
            )
            return _account(account)

    def password_reset(self, code_hash: str) -> PasswordReset | None:
        with self._journal.reading() as db:
            row = db.scalar(select(PasswordResetRow).where(PasswordResetRow.code_hash == code_hash))
            return None if row is None else _password_reset(row)

    def use_password_reset(
        self, code_hash: str, password_hash: str, now: datetime, second_factor: CodeUse | None = None
    ) -> Account:
        """Use the link (once: a second use, even at the same moment, fails), set the new password and end every
        sign-in session and linked computer's token of the account, in one step (whoever knew the old password may
        have linked one). The account's two-step code is used up in the same step: a link used meanwhile leaves it
        unused."""
        with self._journal.writing() as db:
            row = db.scalar(select(PasswordResetRow).where(PasswordResetRow.code_hash == code_hash).with_for_update())
            account = None if row is None else db.get(AccountRow, row.account_id)
            if row is None or account is None or not link_open(row.expires_at, row.used_at, now):
                raise ResetLinkNotValid(RESET_LINK_NOT_VALID)
            claimed = db.execute(
                update(PasswordResetRow)
                .where(PasswordResetRow.id == row.id, PasswordResetRow.used_at.is_(None))
                .values(used_at=now)
            )
            if getattr(claimed, "rowcount", 1) != 1:
                raise ResetLinkNotValid(RESET_LINK_NOT_VALID)
            account.password_hash = password_hash
            self._end_access(db, account.id, now)
            self._use_code(db, second_factor, now)
            return _account(account)

    # Care links

    def clients_of(self, practitioner_membership_id: int) -> list[LinkedClient]:
        """The practitioner's live, consented links, by client name."""
        with self._journal.reading() as db:
            rows = db.execute(
                select(CareLinkRow, AccountRow, MembershipRow)
                .join(MembershipRow, MembershipRow.id == CareLinkRow.client_membership_id)
                .join(AccountRow, AccountRow.id == MembershipRow.account_id)
                .where(
                    CareLinkRow.practitioner_membership_id == practitioner_membership_id,
                    CareLinkRow.consent_granted_at.is_not(None),
                    CareLinkRow.consent_revoked_at.is_(None),
                    CareLinkRow.ended_at.is_(None),
                    MembershipRow.ended_at.is_(None),
                )
                .order_by(AccountRow.name, AccountRow.id)
            )
            return [LinkedClient(_link(link), _account(account), _membership(member)) for link, account, member in rows]

    def client_link(self, practitioner_membership_id: int, client_account_id: int) -> LinkedClient | None:
        """The link between this practitioner and this client, live or not; None if they were never linked."""
        with self._journal.reading() as db:
            row = db.execute(
                select(CareLinkRow, AccountRow, MembershipRow)
                .join(MembershipRow, MembershipRow.id == CareLinkRow.client_membership_id)
                .join(AccountRow, AccountRow.id == MembershipRow.account_id)
                .where(
                    CareLinkRow.practitioner_membership_id == practitioner_membership_id,
                    AccountRow.id == client_account_id,
                    MembershipRow.ended_at.is_(None),
                )
                .order_by(CareLinkRow.id.desc())
                .limit(1)
            ).first()
            return None if row is None else LinkedClient(_link(row[0]), _account(row[1]), _membership(row[2]))

    def practitioners_of(self, client_membership_id: int) -> list[LinkedPractitioner]:
        with self._journal.reading() as db:
            rows = db.execute(
                select(CareLinkRow, AccountRow)
                .join(MembershipRow, MembershipRow.id == CareLinkRow.practitioner_membership_id)
                .join(AccountRow, AccountRow.id == MembershipRow.account_id)
                .where(CareLinkRow.client_membership_id == client_membership_id)
                .order_by(CareLinkRow.id)
            )
            return [LinkedPractitioner(_link(link), _account(account)) for link, account in rows]

    def care_link(self, link_id: int) -> CareLinkRecord | None:
        with self._journal.reading() as db:
            row = db.get(CareLinkRow, link_id)
            return None if row is None else _link(row)

    def set_consent(self, link_id: int, now: datetime, *, granted: bool, share_notes: bool) -> None:
        with self._journal.writing() as db:
            values = _consent_values(now, granted=granted, share_notes=share_notes)
            db.execute(update(CareLinkRow).where(CareLinkRow.id == link_id).values(**values))

    def stop_sharing_and_revoke_device(self, client_membership_id: int, device_id: int, now: datetime) -> list[int]:
        """`crest unlink`: every live link of the client revoked as `set_consent` revokes one, and the device's
        token ended, in one transaction (a crash half-way leaves both as they were, and the crest keeps its link
        to try again); the ids of the links revoked."""
        with self._journal.writing() as db:
            rows = db.scalars(
                select(CareLinkRow).where(CareLinkRow.client_membership_id == client_membership_id).with_for_update()
            )
            live = [row.id for row in rows if _link(row).live]
            if live:
                values = _consent_values(now, granted=False, share_notes=False)
                db.execute(update(CareLinkRow).where(CareLinkRow.id.in_(live)).values(**values))
            db.execute(update(DeviceTokenRow).where(DeviceTokenRow.id == device_id).values(revoked_at=now))
            return live

    def end_care_link(self, link_id: int, now: datetime) -> None:
        with self._journal.writing() as db:
            db.execute(update(CareLinkRow).where(CareLinkRow.id == link_id).values(ended_at=now))

    # Prescriptions

    def prescribe(self, link_id: int, person_id: int, dose: Prescription, now: datetime) -> Prescription:
        """A new version: the highest so far plus one (a clash of two at once fails on the unique version)."""
        with self._journal.writing() as db:
            latest = db.scalar(select(func.max(PrescriptionRow.version)).where(PrescriptionRow.care_link_id == link_id))
            row = prescription_row(person_id, link_id, replace(dose, version=(latest or 0) + 1, created_at=now), now)
            db.add(row)
            db.flush()
            return prescription_record(row)

    def prescriptions(self, link_id: int) -> list[Prescription]:
        """Every version, newest first."""
        with self._journal.reading() as db:
            rows = db.scalars(
                select(PrescriptionRow)
                .where(PrescriptionRow.care_link_id == link_id)
                .order_by(PrescriptionRow.version.desc())
            )
            return [prescription_record(row) for row in rows]

    # Alerts and notes

    def acknowledgements(self, link_ids: Sequence[int]) -> dict[int, dict[str, datetime]]:
        """The latest acknowledgement of each kind of alert, per care link."""
        found: dict[int, dict[str, datetime]] = defaultdict(dict)
        if not link_ids:
            return found
        with self._journal.reading() as db:
            for link_id, kind, at in db.execute(
                select(
                    AlertAcknowledgementRow.care_link_id,
                    AlertAcknowledgementRow.kind,
                    func.max(AlertAcknowledgementRow.acknowledged_at),
                )
                .where(AlertAcknowledgementRow.care_link_id.in_(link_ids))
                .group_by(AlertAcknowledgementRow.care_link_id, AlertAcknowledgementRow.kind)
            ):
                found[link_id][kind] = at
        return found

    def acknowledge(self, link_id: int, kind: str, now: datetime) -> None:
        with self._journal.writing() as db:
            db.add(AlertAcknowledgementRow(care_link_id=link_id, kind=kind, acknowledged_at=now))

    def add_session_note(
        self, person_id: int, session_id: int, author_account_id: int, author_name: str, text: str, now: datetime
    ) -> int | None:
        """The new note's id; None when the session is not this person's (nothing is written)."""
        with self._journal.writing() as db:
            owner = db.scalar(select(SessionRow.person_id).where(SessionRow.id == session_id))
            if owner != person_id:
                return None
            # no more than the client's crest keeps: past that, it would refuse every note at each sync
            held = db.scalar(select(func.count()).where(SessionNoteRow.person_id == person_id)) or 0
            capacity.SESSION_NOTES.check("the client's journal would hold", held + 1)
            row = SessionNoteRow(
                person_id=person_id,
                session_id=session_id,
                author_account_id=author_account_id,
                author_name=author_name,
                text=text,
                created_at=now,
            )
            db.add(row)
            db.flush()
            return row.id

    def practitioner_notes(self, person_id: int) -> list[PractitionerNote]:
        """The practitioners' notes on this person's sessions, oldest first, each with its id and author."""
        query = (
            select(SessionNoteRow)
            .where(SessionNoteRow.person_id == person_id, SessionNoteRow.pulled.is_(False))
            .order_by(SessionNoteRow.created_at, SessionNoteRow.id)
        )
        with self._journal.reading() as db:
            return [_practitioner_note(row) for row in db.scalars(query)]

    def practitioner_note(self, person_id: int, note_id: int) -> PractitionerNote | None:
        """One note on this person's sessions; None when there is none of that id (or it is another person's)."""
        with self._journal.reading() as db:
            row = db.get(SessionNoteRow, note_id)
            return None if row is None or row.person_id != person_id or row.pulled else _practitioner_note(row)

    def edit_session_note(self, note_id: int, author_account_id: int, author_name: str, text: str) -> None:
        """The note's new words, by the author given: the note is theirs from now on."""
        with self._journal.writing() as db:
            db.execute(
                update(SessionNoteRow)
                .where(SessionNoteRow.id == note_id)
                .values(text=text, author_account_id=author_account_id, author_name=author_name)
            )

    def delete_session_note(self, note_id: int) -> None:
        with self._journal.writing() as db:
            db.execute(delete(SessionNoteRow).where(SessionNoteRow.id == note_id))

    # The audit log

    def audit(self, entry: AuditEntry) -> None:
        with self._journal.writing() as db:
            db.add(
                AuditRow(
                    at=entry.at,
                    actor_account_id=entry.actor_account_id,
                    actor_name=entry.actor_name,
                    action=entry.action,
                    outcome=entry.outcome,
                    subject_person_id=entry.subject_person_id,
                    address=entry.address,
                    detail=entry.detail,
                )
            )

    def audit_subjects_since(self, actor_account_id: int, action: str, since: datetime) -> set[int]:
        with self._journal.reading() as db:
            return set(
                db.scalars(
                    select(AuditRow.subject_person_id).where(
                        AuditRow.actor_account_id == actor_account_id,
                        AuditRow.at >= since,
                        AuditRow.action == action,
                        AuditRow.subject_person_id.is_not(None),
                    )
                )
            )

    def audit_about(self, person_id: int, limit: int = 200) -> list[AuditEntry]:
        """Newest first: who did what with this person's data."""
        with self._journal.reading() as db:
            rows = db.scalars(
                select(AuditRow)
                .where(AuditRow.subject_person_id == person_id)
                .order_by(AuditRow.at.desc(), AuditRow.id.desc())
                .limit(limit)
            )
            return [_audit_entry(row) for row in rows]

    def audit_by(self, account_id: int, limit: int) -> list[AuditEntry]:
        """Newest first: what this account did, from where."""
        with self._journal.reading() as db:
            rows = db.scalars(
                select(AuditRow)
                .where(AuditRow.actor_account_id == account_id)
                .order_by(AuditRow.at.desc(), AuditRow.id.desc())
                .limit(limit)
            )
            return [_audit_entry(row) for row in rows]

    def audit_entries(self, action: str | None = None, limit: int = 200) -> list[AuditEntry]:
        with self._journal.reading() as db:
            query = select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(limit)
            if action is not None:
                query = query.where(AuditRow.action == action)
            return [_audit_entry(row) for row in db.scalars(query)]

    # The dashboard

    def client_windows(self, person_ids: Sequence[int], since: datetime, week: timedelta) -> dict[int, ClientWindow]:
        """Every client's window in a dozen queries, each through an index on (person, time): the cost follows
        the number of clients and the days in the window, not how long they have kept their journals."""
        if not person_ids:
            return {}
        ids = list(person_ids)
        person = PersonRow.id

        def latest(
            column: InstrumentedAttribute[datetime],
            table_person: InstrumentedAttribute[int],
            *also: ColumnElement[bool],
        ) -> ColumnElement[datetime]:
            return select(func.max(column)).where(table_person == person, *also).scalar_subquery()

        def first_id(
            table: type[PsfsAssessmentRow | SafetyScreenRow], moment: InstrumentedAttribute[datetime], newest: bool
        ) -> ColumnElement[int]:
            order = (moment.desc(), table.id.desc()) if newest else (moment, table.id)
            return select(table.id).where(table.person_id == person).order_by(*order).limit(1).scalar_subquery()

        with self._journal.reading() as db:
            heads = db.execute(
                select(
                    person,
                    # As `last_real_session_at`: a demo says nothing of when the person last rested.
                    latest(SessionRow.started_at, SessionRow.person_id, SessionRow.demo.is_(false())),
                    select(func.min(CheckInRow.at)).where(CheckInRow.person_id == person).scalar_subquery(),
                    latest(CheckInRow.at, CheckInRow.person_id),
                    first_id(PsfsAssessmentRow, PsfsAssessmentRow.at, newest=False),
                    first_id(PsfsAssessmentRow, PsfsAssessmentRow.at, newest=True),
                    first_id(SafetyScreenRow, SafetyScreenRow.answered_at, newest=True),
                ).where(person.in_(ids))
            ).all()
            windows: dict[int, ClientWindow] = {}
            spans = [and_(CheckInRow.person_id.in_(ids), CheckInRow.at >= since)]
            psfs_ids: dict[int, int] = {}
            screen_ids: dict[int, int] = {}
            for person_id, last_session, first_at, last_at, first_psfs, latest_psfs, screen in heads:
                windows[person_id] = ClientWindow([], [], last_session, [], [], None, None)
                if first_at is not None and first_at < since:
                    spans.append(
                        and_(
                            CheckInRow.person_id == person_id,
                            CheckInRow.at >= first_at,
                            CheckInRow.at < first_at + week,
                        )
                    )
                if last_at is not None and last_at < since:
                    spans.append(
                        and_(
                            CheckInRow.person_id == person_id, CheckInRow.at > last_at - week, CheckInRow.at <= last_at
                        )
                    )
                for psfs_id in {first_psfs, latest_psfs} - {None}:
                    psfs_ids[psfs_id] = person_id
                if screen is not None:
                    screen_ids[screen] = person_id
            for person_id, check_in in read_check_ins(db, [or_(*spans)]):
                windows[person_id].check_ins.append(check_in)
            for person_id, started_at, planned, rested, variant, status, demo in db.execute(
                select(
                    SessionRow.person_id,
                    SessionRow.started_at,
                    SessionRow.planned_minutes,
                    SessionRow.actual_seconds,
                    SessionRow.variant,
                    SessionRow.status,
                    SessionRow.demo,
                )
                .where(SessionRow.person_id.in_(ids), SessionRow.started_at >= since)
                .order_by(SessionRow.started_at, SessionRow.id)
            ):
                windows[person_id].sessions.append(
                    PracticeSession(started_at, planned, variant, check_status(status), rested, demo=demo)
                )
            if psfs_ids:
                for assessment in db.scalars(
                    select(PsfsAssessmentRow)
                    .where(PsfsAssessmentRow.id.in_(list(psfs_ids)))
                    .order_by(PsfsAssessmentRow.at)
                ):
                    windows[assessment.person_id].psfs.append(_psfs_record(assessment))
            for screen_row in db.scalars(
                select(SafetyScreenRow)
                .where(
                    SafetyScreenRow.person_id.in_(ids),
                    or_(SafetyScreenRow.answered_at >= since, SafetyScreenRow.id.in_(list(screen_ids))),
                )
                .order_by(SafetyScreenRow.answered_at, SafetyScreenRow.id)
            ):
                windows[screen_row.person_id].safety_screens.append(_screen_record(screen_row))
            for clearance_row in db.scalars(
                select(SafetyClearanceRow)
                .where(SafetyClearanceRow.person_id.in_(ids))
                .order_by(SafetyClearanceRow.recorded_at, SafetyClearanceRow.id)
            ):
                windows[clearance_row.person_id].clearances.append(_clearance_record(clearance_row))
            for warning_row in db.scalars(
                select(SafetyWarningRow)
                .where(SafetyWarningRow.person_id.in_(ids), SafetyWarningRow.held_until > since)
                .order_by(SafetyWarningRow.held_until, SafetyWarningRow.id)
            ):
                windows[warning_row.person_id].kept_warnings.append(_warning_record(warning_row))
            for prescribed in db.scalars(
                select(PrescriptionRow)
                .outerjoin(CareLinkRow, CareLinkRow.id == PrescriptionRow.care_link_id)
                .where(PrescriptionRow.person_id.in_(ids), live_prescription())
                .order_by(PrescriptionRow.created_at.desc(), PrescriptionRow.id.desc())
            ):
                window = windows[prescribed.person_id]
                if window.prescription is None:
                    window.prescription = prescription_record(prescribed)
                    window.prescription_link_id = prescribed.care_link_id
            zone_settings: dict[int, dict[str, str]] = {}
            for person_id, key, value in db.execute(
                select(SettingRow.person_id, SettingRow.key, SettingRow.value).where(
                    SettingRow.person_id.in_(ids), SettingRow.key.in_(ZONE_SETTINGS)
                )
            ):
                zone_settings.setdefault(person_id, {})[key] = value
            for person_id, settings in zone_settings.items():
                windows[person_id].zone_name = client_zone_name(settings)
            return windows

    # Housekeeping

    def people_with_running_sessions(self) -> list[int]:
        with self._journal.reading() as db:
            return list(
                db.scalars(select(SessionRow.person_id).where(SessionRow.status == SessionStatus.RUNNING).distinct())
            )


def _practitioner_note(row: SessionNoteRow) -> PractitionerNote:
    return PractitionerNote(row.id, row.session_id, row.author_account_id, row.author_name, row.text, row.created_at)
