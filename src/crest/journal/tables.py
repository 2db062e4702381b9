"""The journal's tables (SQLAlchemy 2 ORM). Migrations in `migrations/versions` create exactly these."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware times as UTC; SQLite keeps no zone, so every value read back is marked UTC again."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def result_processor(self, dialect: Dialect, coltype: Any) -> Callable[[Any], Any] | None:
        """SQLite keeps any text in a time's column: a value edited by hand into no time ('yesterday') is handed on
        as the text it is, so that the record it belongs to refuses it, naming it, instead of the whole read failing
        (see `Journal.unreadable_rows`)."""
        process = super().result_processor(dialect, coltype)
        if process is None:
            return None
        read = process

        def tolerant(value: Any) -> Any:
            try:
                return read(value)
            except (ValueError, TypeError):
                return value

        return tolerant

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        if moment.tzinfo is UTC:  # PostgreSQL sessions run in UTC (journal.engine): nothing to convert
            return moment
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


class Base(DeclarativeBase):
    pass


LOCAL_PERSON_ID = 1  # the one person of a local journal (created by migration r0006)


def person_column(table: str) -> Mapped[int]:
    """Whose journal a row belongs to: every data table has one, and every query filters on it."""
    return mapped_column(
        ForeignKey("people.id", ondelete="CASCADE", name=f"fk_{table}_person_id"),
        server_default=text(str(LOCAL_PERSON_ID)),
        nullable=False,
    )


def uid_column() -> Mapped[str]:
    """A stable id for `crest sync`: the same record on a laptop and on the practice's server."""
    return mapped_column(String(32), server_default=text("''"), nullable=False)


def pushed_by_column() -> Mapped[int | None]:
    """On a practice's server, the linked computer (`device_tokens.id`) whose `crest sync` last pushed the record;
    NULL for one entered on the practice's pages, kept before computers were noted, or in a local journal. A
    computer is told only its own (GET /api/sync/held): it may delete at the practice what its journal no longer
    has, never what it never had. A plain number, no foreign key: adding one would rebuild these tables on SQLite,
    and a device's row outlives the records it pushed (revoked, never deleted but with its account)."""
    return mapped_column(Integer, nullable=True)


class SyncedRecord:
    """The columns every record `crest sync` carries has (a session, a check-in, a set of safety answers, a PSFS
    round): its id, whose it is, its stable uid and the computer that pushed it."""

    __tablename__: str
    id: Mapped[int] = mapped_column(Integer, primary_key=True)

    @declared_attr
    def person_id(cls) -> Mapped[int]:
        return person_column(cls.__tablename__)

    uid: Mapped[str] = uid_column()
    pushed_by_device: Mapped[int | None] = pushed_by_column()


def synced_indexes(table: str, named: str, column: str) -> tuple[Index, Index]:
    """A synced table's indexes: its person's records by `column`, and each uid once per person."""
    return (
        Index(f"ix_{table}_person_{named}", "person_id", column),
        Index(f"ix_{table}_person_uid", "person_id", "uid", unique=True),
    )


class PersonRow(Base):
    """A person whose journal this is: one in a local journal, one per client account in practice mode."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SessionRow(SyncedRecord, Base):
    __tablename__ = "practice_sessions"
    __table_args__ = synced_indexes("practice_sessions", "started", "started_at")

    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    actual_seconds: Mapped[int] = mapped_column(Integer, default=0)
    variant: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), index=True)
    position_check_summary: Mapped[str | None] = mapped_column(Text)
    writer: Mapped[str | None] = mapped_column(String(300))  # the process writing checkpoints: pid.start@host
    last_checkpoint_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    logged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # done without the app
    breath: Mapped[str | None] = mapped_column(Text)  # the breath reading as JSON: numbers only, never pictures
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # a clock faster than real time


class CheckInRow(SyncedRecord, Base):
    __tablename__ = "check_ins"
    __table_args__ = synced_indexes("check_ins", "at", "at")

    at: Mapped[datetime] = mapped_column(UtcDateTime)
    timing: Mapped[str] = mapped_column(String(20))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True)
    compared_with_before: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    # the signs read in the note (`CheckIn.note_signs`), separated by spaces; none: NULL
    note_signs: Mapped[str | None] = mapped_column(Text)
    # which sign of each fired (`CheckIn.note_sign_rules`), separated by spaces; none: NULL (and before r0026)
    note_sign_rules: Mapped[str | None] = mapped_column(Text)
    stored_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # `CheckIn.stored_at`; NULL: before r0025
    pain: Mapped[list[PainRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PainRow.position", lazy="selectin"
    )
    sensations: Mapped[list[SensationRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="SensationRow.sensation", lazy="selectin"
    )


class SyncedCopyRow(Base):
    """On a practice's server, a record a linked computer pushed under its own uid that another computer of the same
    person had pushed already, equal in every field (the same rest logged on both): held once, as the row it names,
    and this computer's uid kept beside it, so that GET /api/sync/held still tells it its own and its deletion stays
    its own (`Journal.merge_synced`). A session's copy or a check-in's: exactly one of the two ids."""

    __tablename__ = "synced_copies"
    __table_args__ = (Index("ix_synced_copies_person_uid", "person_id", "uid", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = person_column("synced_copies")
    uid: Mapped[str] = mapped_column(String(32), nullable=False)
    pushed_by_device: Mapped[int] = mapped_column(Integer, nullable=False)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True)
    check_in_id: Mapped[int | None] = mapped_column(ForeignKey("check_ins.id", ondelete="CASCADE"), index=True)


class SyncedHolderRow(Base):
    """On a practice's server, another linked computer of the same person that pushed a record under the very uid its
    row holds (a journal copied to it, or restored there from an export that kept the uids): the row stays the first
    computer's and this one is noted beside it, so that GET /api/sync/held tells each computer its own and a deletion
    stays each computer's own (`Journal.merge_synced`). Of any kind crest syncs; found by the row's uid."""

    __tablename__ = "synced_holders"
    __table_args__ = (
        Index("ix_synced_holders_person_kind_uid_device", "person_id", "kind", "uid", "pushed_by_device", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = person_column("synced_holders")
    kind: Mapped[str] = mapped_column(String(20), nullable=False)  # sessions, check_ins, safety_screens or psfs
    uid: Mapped[str] = mapped_column(String(32), nullable=False)
    pushed_by_device: Mapped[int] = mapped_column(Integer, nullable=False)


class PainRow(Base):
    __tablename__ = "pain_ratings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_in_id: Mapped[int] = mapped_column(ForeignKey("check_ins.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(String(40))
    side: Mapped[str] = mapped_column(String(20))  # never empty: see `records.place_side`
    score: Mapped[int] = mapped_column(Integer)
    quality: Mapped[str | None] = mapped_column(String(20))


class SensationRow(Base):
    __tablename__ = "check_in_sensations"

    check_in_id: Mapped[int] = mapped_column(ForeignKey("check_ins.id", ondelete="CASCADE"), primary_key=True)
    sensation: Mapped[str] = mapped_column(String(40), primary_key=True)


class SafetyScreenRow(SyncedRecord, Base):
    __tablename__ = "safety_screens"
    __table_args__ = synced_indexes("safety_screens", "answered", "answered_at")

    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    advice_level: Mapped[str] = mapped_column(String(40))
    stored_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # `CheckIn.stored_at`; NULL: before r0025
    answers: Mapped[list[SafetyAnswerRow]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SafetyAnswerRow.question_id",
        lazy="selectin",
    )


class SafetyAnswerRow(Base):
    __tablename__ = "safety_answers"

    screen_id: Mapped[int] = mapped_column(ForeignKey("safety_screens.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    answer: Mapped[bool] = mapped_column(Boolean)


class SafetyClearanceRow(Base):
    __tablename__ = "safety_clearances"
    __table_args__ = (Index("ix_safety_clearances_person_recorded", "person_id", "recorded_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = person_column("safety_clearances")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    clinician: Mapped[str] = mapped_column(String(200))
    cleared_on: Mapped[date] = mapped_column(Date)
    question_ids: Mapped[str] = mapped_column(Text)  # the answers it covers, separated by spaces


class SafetyWarningRow(Base):
    """An urgent-care warning sign kept so that deleting or correcting what raised it does not lift it
    (`records.SafetyWarning`); no foreign key to the check-in, which may be gone."""

    __tablename__ = "safety_warnings"
    __table_args__ = (Index("ix_safety_warnings_person_held_until", "person_id", "held_until"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = person_column("safety_warnings")
    question_id: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    held_until: Mapped[datetime] = mapped_column(UtcDateTime)
    raised_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    check_in_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    named: Mapped[str | None] = mapped_column(Text, nullable=True)
    # the red-flag rules its sign came from (`SafetyWarning.sign_rules`), separated by spaces; none: NULL (before r0028)
    sign_rules: Mapped[str | None] = mapped_column(Text, nullable=True)


class SettingRow(Base):
    __tablename__ = "settings"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PsfsAssessmentRow(SyncedRecord, Base):
    """One round of the Patient-Specific Functional Scale."""

    __tablename__ = "psfs_assessments"
    __table_args__ = synced_indexes("psfs_assessments", "at", "at")

    at: Mapped[datetime] = mapped_column(UtcDateTime)
    activities: Mapped[list[PsfsActivityRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PsfsActivityRow.position", lazy="selectin"
    )


class PsfsActivityRow(Base):
    __tablename__ = "psfs_activities"

    assessment_id: Mapped[int] = mapped_column(ForeignKey("psfs_assessments.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    score: Mapped[int] = mapped_column(Integer)


# Practice mode: practices, accounts and what links them. A local journal has these tables too, empty.


class PracticeRow(Base):
    __tablename__ = "practices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AccountRow(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # lower-cased
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))  # a client's
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class MembershipRow(Base):
    __tablename__ = "memberships"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CareLinkRow(Base):
    """A practitioner following a client, with the client's consent."""

    __tablename__ = "care_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    practitioner_membership_id: Mapped[int] = mapped_column(
        ForeignKey("memberships.id", ondelete="CASCADE"), index=True
    )
    client_membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    consent_granted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    consent_revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    share_notes: Mapped[bool] = mapped_column(Boolean)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the programme ended


class InviteRow(Base):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the code; the code is never kept
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(320))
    invited_by_membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # withdrawn by its sender (its link ended then too): one that ran out instead stays on their list
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # `crest link`: the SHA-256 of the random key it sent and kept, and the computer it linked (`device_tokens.id`),
    # so that the same `crest link` whose answer was lost may link that computer again (the first token ends).
    link_key_hash: Mapped[str | None] = mapped_column(String(64))
    linked_device_id: Mapped[int | None] = mapped_column(Integer)


class PasswordResetRow(Base):
    """A one-time link to set a new password, made for someone who forgot theirs: the link holds the code, this
    its SHA-256 (as for invitations)."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    made_by_account_id: Mapped[int | None] = mapped_column(Integer)  # None: the server's operator, from the terminal
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AuthSessionRow(Base):
    """A signed-in browser: the cookie holds the token, the database only its SHA-256."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)  # the absolute time-out
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    address: Mapped[str | None] = mapped_column(String(64))  # where it began, for the account's list of sign-ins
    renewed_as: Mapped[str | None] = mapped_column(String(64))  # the token_hash a renewal ended it for


class SecondFactorRow(Base):
    """An account's authenticator app (TOTP, RFC 6238): its secret, in base32 as the app took it (the server must
    read it to check codes, so it cannot be hashed; the database's own protection keeps it), confirmed once the
    person typed a first code, and the last time step used, so that no code is accepted twice."""

    __tablename__ = "second_factors"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # None: shown, not yet confirmed
    last_step: Mapped[int | None] = mapped_column(BigInteger)


class SecondFactorResetRow(Base):
    """A second factor reset by someone else (the admin, the server's operator): its owner is told when and by
    whom at their next sign-in; the row goes when they set up a new one."""

    __tablename__ = "second_factor_resets"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    reset_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reset_by: Mapped[str] = mapped_column(String(200))  # a name copied in, as the audit log keeps it


class RecoveryCodeRow(Base):
    """One single-use recovery code of an account with a second factor: only its argon2id hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(200))
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PendingSignInRow(Base):
    """Half signed in: the password was right, the code is still to come. The cookie holds the token, this its
    SHA-256; it opens no page but the code page, for a few minutes, once."""

    __tablename__ = "pending_sign_ins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    address: Mapped[str | None] = mapped_column(String(64))


class DeviceTokenRow(Base):
    """A local crest linked to a client's account (`crest link`): the token file holds it, this its SHA-256."""

    __tablename__ = "device_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_sync_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LoginFailureRow(Base):
    """One failed sign-in, under the account's email and under the client's address, or one request of
    `crest sync`, under its account (rate limits)."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class PrescriptionRow(Base):
    """One version of a prescribed dose; the newest version of a live programme is the current one.

    On a local crest linked to a practice, the pulled prescription is kept with no care link.
    """

    __tablename__ = "prescriptions"
    __table_args__ = (
        Index("ix_prescriptions_person_created", "person_id", "created_at"),
        UniqueConstraint("care_link_id", "version", name="uq_prescriptions_link_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    care_link_id: Mapped[int | None] = mapped_column(ForeignKey("care_links.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    variant: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int] = mapped_column(Integer)
    sessions_per_day: Mapped[int] = mapped_column(Integer)
    days_per_week: Mapped[int] = mapped_column(Integer)
    days: Mapped[str | None] = mapped_column(String(27))  # the days chosen, like mon,wed,fri; NULL: none chosen
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    reminder_time: Mapped[str | None] = mapped_column(String(5))
    note: Mapped[str | None] = mapped_column(Text)
    prescribed_by: Mapped[str] = mapped_column(String(200))  # the practitioner's name, as the client sees it
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AlertAcknowledgementRow(Base):
    __tablename__ = "alert_acknowledgements"
    __table_args__ = (Index("ix_alert_acknowledgements_link_kind", "care_link_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    care_link_id: Mapped[int] = mapped_column(ForeignKey("care_links.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    acknowledged_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SessionNoteRow(Base):
    """A practitioner's short note on a client's session, which the client reads."""

    __tablename__ = "session_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True)
    author_name: Mapped[str] = mapped_column(String(200))
    # The practitioner's account that wrote it, who may edit or delete it: a plain number, no foreign key (as
    # `pushed_by_device`). NULL for a note kept before it was noted, and for a linked crest's copies.
    author_account_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # A linked crest's copy of a note the practice's server holds: each `crest sync` replaces these (a note edited
    # or deleted there follows); the server's own notes are never pulled ones.
    pulled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class AuditRow(Base):
    """Who did what, when, from where: sign-ins, failures, refusals and every practitioner read of a client.

    No foreign keys: the log outlives what it mentions (names are copied in).
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_subject_at", "subject_person_id", "at"),
        Index("ix_audit_log_actor_at", "actor_account_id", "at"),  # an account's own activity
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor_account_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    outcome: Mapped[str] = mapped_column(String(20))
    subject_person_id: Mapped[int | None] = mapped_column(Integer)
    address: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(String(300))
