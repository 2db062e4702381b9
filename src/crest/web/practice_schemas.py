"""The JSON shapes of practice mode's API (sign-in, invites, the practitioner's views, sharing, sync)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from crest.accounts.passwords import MAX_PASSWORD_CHARACTERS
from crest.accounts.records import (
    MAX_EMAIL_CHARACTERS,
    MAX_NAME_CHARACTERS,
    MAX_NOTE_CHARACTERS,
    MAX_SESSION_NOTE_CHARACTERS,
    REMINDER_TIME_PATTERN,
    AuditEntry,
    Prescription,
    not_a_reminder_time,
)
from crest.clock import named_zone
from crest.errors import CrestError
from crest.input_problems import quoted
from crest.insights.alerts import Alert
from crest.insights.progress import summary_fields
from crest.insights.reader import Reader
from crest.interop.ical import Weekday
from crest.journal.records import check_text
from crest.protocol.model import VariantName
from crest.services.accounts import OpenSignIn
from crest.services.audit import Audited
from crest.services.practice_mode import CHECK_INS_SHOWN, SESSIONS_SHOWN, ClientDetail, ClientSummary, SharingView
from crest.web.schemas import FieldProblem

# Read up to a bound, and checked by `check_email`, which says what an address may hold as every other door does
_EMAIL_READ_CHARACTERS = 4 * MAX_EMAIL_CHARACTERS
Email = Field(max_length=_EMAIL_READ_CHARACTERS, description="an email address")
Password = Field(max_length=MAX_PASSWORD_CHARACTERS, description="at least 8 characters")


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


SECOND_FACTOR_CODE: str | None = Field(
    None,
    max_length=64,
    description="for an account with two-step sign-in: the 6 digits its authenticator app shows now, or one of its "
    "recovery codes",
)


class LoginIn(_Input):
    email: str = Email
    password: str = Password
    second_factor_code: str | None = SECOND_FACTOR_CODE


class SignInRefusedOut(BaseModel):
    """A 401 where a password or a code is asked (signing in, accepting an invitation, a password link). A program
    acts on its `code`, never on the words of `detail`, which may change."""

    detail: str
    code: Literal["second_factor_needed"] | None = Field(
        None,
        description="second_factor_needed: the password is right, and the account signs in with two-step sign-in: "
        "send the code its authenticator app shows now (or a recovery code) as second_factor_code with the rest. "
        "Absent for a wrong password or code",
    )


class InviteRefusedOut(SignInRefusedOut):
    """Accepting an invitation, refused with a 401: as signing in, and a password that is not the existing account's
    own names its field among `errors`, as a new account's refused password does in the 422."""

    errors: list[FieldProblem] = Field(
        default_factory=list,
        description="the refused field: password, for an email that has an account at the practice and a password "
        "that is not that account's own. A program asks for the password again on the field, never on the words",
    )


class AccountOut(BaseModel):
    name: str
    email: str
    role: Literal["admin", "practitioner", "client"] | None = Field(description="None: in no practice")
    practice: str | None


class InviteIn(_Input):
    role: Literal["practitioner", "client"]
    email: str | None = Field(None, max_length=_EMAIL_READ_CHARACTERS, description="only this address may accept")


class InviteOut(BaseModel):
    code: str
    url: str
    expires_at: datetime


class OpenInviteOut(BaseModel):
    """An invitation not yet accepted: its code is never kept, so it cannot be shown again, only withdrawn."""

    id: int
    role: str = Field(description="practitioner or client")
    email: str | None = Field(description="only this address may accept; none: anyone with the link")
    created_at: datetime
    expires_at: datetime


class AcceptInviteIn(_Input):
    code: str = Field(max_length=200)
    email: str = Email
    password: str = Password
    name: str = Field("", max_length=MAX_NAME_CHARACTERS)
    consent: bool = Field(False, description="a client agrees to what their practitioner will see")
    share_notes: bool = Field(False, description="a client also shares their check-in notes")
    device_name: str | None = Field(
        None, max_length=100, description="for `crest link`: answer with a device token for this computer"
    )
    second_factor_code: str | None = SECOND_FACTOR_CODE
    link_key: str | None = Field(
        None,
        min_length=32,
        max_length=100,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="with `device_name`: a random key the program keeps until the answer comes. Sent again with the "
        "same invitation after an answer that never came, while the invitation has not run out, it links that "
        "computer again (201, a new device token; the first one ends, if it was never used); any other key, or none, "
        "finds the invitation used (410)",
    )


class JoinInviteIn(_Input):
    """An invitation taken by the account signed in: nothing it gave asked again."""

    consent: bool = Field(False, description="a client agrees to what their practitioner will see")
    share_notes: bool = Field(False, description="a client also shares their check-in notes")


class AcceptedOut(AccountOut):
    device_token: str | None = None


class ResetLinkOut(BaseModel):
    """A one-time link to set a new password: shown once, to hand on to the person it is for."""

    code: str
    url: str
    email: str = Field(description="the account whose password it sets")
    expires_at: datetime


class ResetViewOut(BaseModel):
    email: str
    expires_at: datetime
    asks_code: bool = Field(False, description="the account has two-step sign-in: send its code with the password")


class ResetPasswordIn(_Input):
    code: str = Field(max_length=200)
    new_password: str = Password
    second_factor_code: str | None = SECOND_FACTOR_CODE


class PrescriptionIn(_Input):
    variant: VariantName = "standard"
    minutes: int = Field(15, ge=5, le=30)
    sessions_per_day: int = Field(1, ge=1, le=3)
    days_per_week: int | None = Field(None, ge=1, le=7, description="default: as many as the days, else 7")
    days: list[Weekday] | None = Field(
        None, max_length=7, description="the weekdays, like [mon, wed, fri]; default: none, the reminder spreads them"
    )
    start_on: date | None = Field(None, description="default: today where the client lives")
    end_on: date | None = None
    reminder_time: str | None = Field(None, pattern=REMINDER_TIME_PATTERN, description="like 18:00")
    note: str | None = Field(None, max_length=MAX_NOTE_CHARACTERS)  # a prescription's, as Prescription keeps it

    @field_validator("reminder_time", mode="before")
    @classmethod
    def _reminder_time(cls, value: object) -> object:
        # the record's words before the pattern's, which say only that crest cannot use it (sent without the
        # browser's time picker, or through the API)
        if isinstance(value, str) and not re.fullmatch(REMINDER_TIME_PATTERN, value):
            try:  # a broken character (a lone surrogate) is said as for every field, never repeated
                check_text(value, "this value")
            except CrestError as broken:
                raise ValueError(broken.message) from None
            raise ValueError(not_a_reminder_time(value))
        return value

    def to_record(self, today: date) -> Prescription:
        return Prescription(
            variant=self.variant,
            minutes=self.minutes,
            sessions_per_day=self.sessions_per_day,
            days_per_week=self.days_per_week or (len(set(self.days)) if self.days else 7),
            days=None if self.days is None else tuple(self.days),
            start_on=self.start_on or today,
            end_on=self.end_on,
            reminder_time=self.reminder_time,
            note=self.note,
        )


class PrescriptionOut(BaseModel):
    version: int
    variant: str
    minutes: int
    sessions_per_day: int
    days_per_week: int
    days: list[Weekday] | None = Field(description="the weekdays chosen; null: none, the reminder spreads them")
    start_on: date
    end_on: date | None
    reminder_time: str | None
    note: str | None
    prescribed_by: str
    created_at: datetime | None
    summary: str

    @classmethod
    def of(cls, prescription: Prescription) -> PrescriptionOut:
        return cls(
            version=prescription.version,
            variant=prescription.variant,
            minutes=prescription.minutes,
            sessions_per_day=prescription.sessions_per_day,
            days_per_week=prescription.days_per_week,
            days=None if prescription.days is None else list(prescription.days),
            start_on=prescription.start_on,
            end_on=prescription.end_on,
            reminder_time=prescription.reminder_time,
            note=prescription.note,
            prescribed_by=prescription.prescribed_by,
            created_at=prescription.created_at,
            summary=prescription.summary(),
        )


class AlertPartOut(BaseModel):
    words: str
    signs: list[str] = Field(description="the warning signs it names, one item each (a sign's words may hold '; ')")


class AlertOut(BaseModel):
    kind: str
    level: Literal["low", "high", "critical"]
    since: datetime = Field(
        description="when it stands since: the newest record's own time; for an alert raised by a day (see `day`), "
        "that day's start in the client's zone, a midnight nothing happened at"
    )
    day: date | None = Field(
        description="the day it was raised by, in the client's zone, for an alert raised by a day rather than a "
        "moment (pain_rising: the day of the latest ratings); null: `since` is a record's own time"
    )
    text: str = Field(description="the whole alert in one line; `parts` says it with each warning sign apart")
    parts: list[AlertPartOut]
    acknowledged_at: datetime | None = Field(
        default=None, description="on a client's own page: when you acknowledged it, if it stands acknowledged"
    )

    @classmethod
    def of(cls, alert: Alert, acknowledged_at: datetime | None = None) -> AlertOut:
        return cls(
            kind=alert.kind.value,
            level=alert.level.label,  # type: ignore[arg-type]
            since=alert.since,
            day=alert.day,
            text=alert.text,
            parts=[AlertPartOut(words=part.words, signs=list(part.signs)) for part in alert.said],
            acknowledged_at=acknowledged_at,
        )


class ClientSummaryOut(BaseModel):
    id: int
    name: str
    alert_level: Literal["low", "high", "critical"] | None
    alerts: list[AlertOut]
    sessions_7_days: int
    sessions_28_days: int
    target_sessions_per_week: int | None
    target_days: int | None = Field(
        description="when the target began within the last 7 days: the days since it began, today included; "
        "only these are held against it"
    )
    sessions_since_target: int | None = Field(description="the sessions in target_days, when it is set")
    days_with_data_30: int
    pain: list[dict[str, Any]] = Field(description="per place: region, side, verdict, baseline, latest")
    psfs_change: float | None
    psfs_verdict: str
    last_session_at: datetime | None
    prescription: PrescriptionOut | None

    @classmethod
    def of(cls, row: ClientSummary) -> ClientSummaryOut:
        return cls(
            id=row.client_id,
            name=row.name,
            alert_level=None if row.level is None else row.level.label,  # type: ignore[arg-type]
            alerts=[AlertOut.of(alert) for alert in row.alerts],
            sessions_7_days=row.adherence.sessions_7_days,
            sessions_28_days=row.adherence.sessions_28_days,
            target_sessions_per_week=None if row.adherence.target is None else row.adherence.target.sessions,
            target_days=row.adherence.target_days,
            sessions_since_target=None if row.adherence.target_days is None else row.adherence.sessions_since_target,
            days_with_data_30=row.adherence.days_with_data_30,
            pain=[
                {
                    "region": trend.place.region.value,
                    "side": None if trend.place.side is None else trend.place.side.value,
                    "verdict": trend.verdict.value,
                    "baseline": None if trend.baseline.median is None else float(trend.baseline.median),
                    "latest": None
                    if trend.latest is None or trend.latest.median is None
                    else float(trend.latest.median),
                }
                for trend in row.trends
            ],
            psfs_change=None if row.psfs.mean_change is None else round(float(row.psfs.mean_change), 2),
            psfs_verdict=row.psfs.verdict.value,
            last_session_at=row.last_session_at,
            prescription=None if row.prescription is None else PrescriptionOut.of(row.prescription),
        )


class ClientDetailOut(BaseModel):
    id: int
    name: str
    email: str
    sharing_since: datetime
    notes_shared: bool
    progress: dict[str, Any] = Field(description="the same summary the client sees (GET /api/progress)")
    alerts: list[AlertOut]
    open_alerts: list[str]
    sessions: list[dict[str, Any]] = Field(
        description=f"the newest {SESSIONS_SHOWN}, newest first; each with the practitioners' notes on it ("
        "`practitioner_notes` as 'Author: text', `notes` with each note's id)"
    )
    sessions_held: int = Field(description="how many sessions the journal holds; the FHIR export has them all")
    check_ins: list[dict[str, Any]] = Field(description=f"the newest {CHECK_INS_SHOWN}, newest first")
    check_ins_held: int = Field(description="how many check-ins the journal holds")
    prescriptions: list[PrescriptionOut] = Field(description="every version of yours, newest first")
    in_force: PrescriptionOut | None = Field(
        description="the prescription the client follows now, whoever wrote it (`prescribed_by`): another "
        "practitioner's newer one replaces yours, and comes without the note they wrote to the client"
    )
    in_force_is_yours: bool = Field(description="whether `in_force` is one of your versions")

    @classmethod
    def of(cls, detail: ClientDetail) -> ClientDetailOut:
        from crest.journal.transfer import check_in_fields, session_fields

        return cls(
            id=detail.client_id,
            name=detail.name,
            email=detail.email,
            sharing_since=detail.since,
            notes_shared=detail.share_notes,
            progress=summary_fields(detail.summary, Reader.CLINICIAN),
            alerts=[AlertOut.of(alert, detail.acknowledged_at.get(alert.kind)) for alert in detail.alerts],
            open_alerts=sorted(kind.value for kind in detail.open_kinds),
            sessions=[
                session_fields(session)
                | {
                    "practitioner_notes": [
                        f"{note.author_name}: {note.text}" for note in detail.notes.get(session.id or 0, [])
                    ],
                    # each note by its id, for an edit or a delete by its author
                    "notes": [
                        {"id": note.id, "author": note.author_name, "text": note.text, "written_at": note.created_at}
                        for note in detail.notes.get(session.id or 0, [])
                    ],
                }
                for session in detail.sessions
            ],
            sessions_held=detail.sessions_held,
            check_ins=[check_in_fields(check_in) for check_in in detail.check_ins],
            check_ins_held=detail.check_ins_held,
            prescriptions=[PrescriptionOut.of(one) for one in detail.prescriptions],
            in_force=None if detail.in_force is None else PrescriptionOut.of(detail.in_force),
            in_force_is_yours=detail.in_force is not None and detail.in_force in detail.prescriptions,
        )


class SessionNoteIn(_Input):
    text: str = Field(min_length=1, max_length=MAX_SESSION_NOTE_CHARACTERS)


class SharingIn(_Input):
    shared: bool
    share_notes: bool = False


class SharingOut(BaseModel):
    link_id: int
    practitioner: str
    shared: bool
    share_notes: bool
    ended: bool

    @classmethod
    def of(cls, view: SharingView) -> SharingOut:
        return cls(
            link_id=view.link_id,
            practitioner=view.practitioner,
            shared=view.shared,
            share_notes=view.share_notes,
            ended=view.ended,
        )


class AuditOut(BaseModel):
    at: datetime
    who: str | None
    what: str

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditOut:
        return cls(at=entry.at, who=entry.actor_name, what=Audited(entry.action).label)


class ActivityOut(BaseModel):
    """One thing the signed-in account did, and where the request came from."""

    at: datetime
    what: str
    outcome: str  # "ok", or why it was refused
    address: str | None = Field(description="the address the request came from, as the server saw it")

    @classmethod
    def of(cls, entry: AuditEntry) -> ActivityOut:
        return cls(
            at=entry.at, what=Audited(entry.action).done_as(entry.outcome), outcome=entry.outcome, address=entry.address
        )


class DeleteAccountIn(_Input):
    password: str = Password


class SignInOut(BaseModel):
    """One place the account is signed in now."""

    began_at: datetime
    last_used_at: datetime = Field(description="to the minute")
    address: str | None = Field(description="the address it began from, as the server saw it")
    this_browser: bool = Field(description="the sign-in this request was made with")

    @classmethod
    def of(cls, sign_in: OpenSignIn) -> SignInOut:
        return cls(
            began_at=sign_in.began_at,
            last_used_at=sign_in.last_used_at,
            address=sign_in.address,
            this_browser=sign_in.this_browser,
        )


class EndSignInsIn(_Input):
    password: str = Password


class ResetSecondFactorIn(_Input):
    """The admin's own password and a code of their own authenticator app: who resets a colleague's second factor
    must show they are who they say."""

    password: str = Password
    second_factor_code: str = Field(
        max_length=64, description="the 6 digits your own authenticator app shows now, or one of your recovery codes"
    )


class EndedSignInsOut(BaseModel):
    ended: int = Field(description="how many sign-ins ended (signing out everywhere else: how many others)")


class EndedElsewhereOut(EndedSignInsOut):
    computers_unlinked: int = Field(
        description="how many computers linked with `crest link` stopped working; each says so at its next "
        "`crest sync` and is linked again with `crest link`"
    )


class ChangePasswordIn(_Input):
    current_password: str = Password
    new_password: str = Password


class PractitionerOut(BaseModel):
    membership_id: int
    name: str
    email: str
    two_step: bool = Field(
        description="two-step sign-in set up: only then does the admin make a password link or reset it"
    )


Uid = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
RecordKindName = Literal["sessions", "check_ins", "safety_screens", "psfs"]


class SyncPushIn(_Input):
    journal: str = Field(max_length=64 * 1024 * 1024, description="a crest-journal JSON export of the records sent")
    uids: dict[RecordKindName, dict[int, Uid]] = Field(
        description="the uid of each record sent, by its id in the sender's journal"
    )
    deleted: dict[RecordKindName, list[Uid]] = Field(
        default_factory=dict, description="uids of records deleted on the sender's computer"
    )
    zone: str | None = Field(
        default=None,
        max_length=64,
        description="the sender's time zone (an IANA name like Europe/Berlin): where the person's days begin",
    )

    @field_validator("zone")
    @classmethod
    def _known_zone(cls, name: str | None) -> str | None:
        if name is not None and named_zone(name) is None:
            raise ValueError(f"{quoted(name)} is no time zone crest knows; send a name like Europe/Berlin")
        return name


class SyncOut(BaseModel):
    received: dict[str, int] = Field(description="records stored or replaced, per kind")
    deleted: int
    every_sign: bool = Field(
        default=True,
        description="this server reads a check-in's note_signs (every warning sign read in its note): a crest sends "
        "them, beside note_sign (the most urgent), only to a server that says so, as an older one refuses them",
    )
    sign_rules: bool = Field(
        default=True,
        description="this server reads a check-in's note_sign_rules (which red-flag rule of each warning sign fired, "
        "e.g. night_pain): a crest sends them only to a server that says so, as an older one refuses them",
    )


class SyncJoinIn(JoinInviteIn):
    """`crest link URL CODE` from a crest linked to this practice already: the invitation, with the consent."""

    code: str = Field(max_length=200)


class JoinedOut(BaseModel):
    """The invitation taken by the linked computer's account: the practice's name, as crest says it."""

    practice: str


class HeldOut(BaseModel):
    """The uids of the records the asking computer pushed that the practice still holds, per kind, in order, a page
    at a time (kind by kind, each kind's by uid): at most a page's `limit` in all."""

    sessions: list[Uid]
    check_ins: list[Uid]
    safety_screens: list[Uid]
    psfs: list[Uid]
    next: str | None = Field(
        None, description="the cursor of the next page (GET /api/sync/held?after=...); null: this page is the last"
    )


class InviteViewOut(BaseModel):
    practice: str
    role: Literal["practitioner", "client"]
    invited_by: str
    email: str | None
    expires_at: datetime
    shared: list[str] = Field(description="what the practitioner will see, for the consent")
