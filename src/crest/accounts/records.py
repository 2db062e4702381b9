"""Practice mode's records: plain frozen dataclasses read from the practice tables, checked where they are made."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from crest.accounts.model import Role
from crest.accounts.permissions import CareLink, MemberTarget
from crest.counting import counted
from crest.errors import CrestError, hidden_control, hidden_control_refused, too_long_refused
from crest.input_problems import quoted
from crest.insights.practice import TargetSource, WeeklyTarget
from crest.interop.ical import Weekday, day_names
from crest.journal.plausibility import EARLIEST
from crest.journal.records import blank, note_lines
from crest.moments import day_in_year
from crest.protocol.model import VARIANT_NAMES

MIN_MINUTES, MAX_MINUTES = 5, 30
MAX_SESSIONS_PER_DAY = 3
MAX_NOTE_CHARACTERS = 1000
MAX_SESSION_NOTE_CHARACTERS = 1000  # a practitioner's note on a session, and the copy a linked crest keeps of it
MAX_NAME_CHARACTERS = 200
# An address mail can be sent to (RFC 5321: 64 characters before the @, 254 in all); a longer one is a slip
MAX_EMAIL_LOCAL_CHARACTERS = 64
MAX_EMAIL_CHARACTERS = 254
# A prescription's reminder, as a browser's time picker sends it (ASCII digits: re's \d also takes other scripts')
REMINDER_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
_CLOCK_TIME = re.compile(REMINDER_TIME_PATTERN)
_DAY_VALUES = tuple(day.value for day in Weekday)


class InvalidPrescription(CrestError):
    """A prescribed dose outside what crest offers, or with its end before its start; `fields`: the form's fields
    it is about (the page marks them beside its message)."""

    def __init__(self, message: str, fields: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.fields = fields


class EmailTaken(CrestError):
    """An account with this email exists already."""

    http_status = 409


class InviteNotValid(CrestError):
    """An invite code that is unknown, used or expired (one message for all three: codes are not to be probed)."""

    http_status = 410


class ResetLinkNotValid(CrestError):
    """A password reset link that is unknown, used or expired (one message for all three, as for invites)."""

    http_status = 410


RESET_LINK_NOT_VALID = (
    "this link to set a new password does not work (unknown, already used or more than a day old); "
    "ask for a new one: a practitioner's is made by the practice's administrator, anyone else's by the server's "
    "operator"
)


def link_open(expires_at: datetime, used_at: datetime | None, now: datetime) -> bool:
    """Whether a one-time link (an invitation, a password reset) still works: never used, and not expired."""
    return used_at is None and now < expires_at


class InviteForAnotherEmail(CrestError):
    """An invite sent to one email, taken up with another: the invite stays good for the right one."""


INVITE_FOR_ANOTHER_EMAIL = "this invite was sent to another email address; enter the address it was sent to"
# whoever accepted would share with nobody
INVITER_LEFT = (
    "this invite link is no longer valid: whoever sent it has left the practice; ask the practice for a new one"
)


class AlreadyInAPractice(CrestError):
    """An account that belongs to a practice already (one live membership per account)."""

    http_status = 409


class InvalidName(CrestError):
    """A name that is empty, too long or not plain text."""


def check_name(name: str, what: str = "the name") -> str:
    if not isinstance(name, str) or blank(name):
        raise InvalidName(f"{what} is empty; write the name people will see")
    cleaned = " ".join(name.split())
    hidden = next((character for character in cleaned if hidden_control(character)), None)
    if hidden is not None:
        raise InvalidName(hidden_control_refused(what, hidden))
    if len(cleaned) > MAX_NAME_CHARACTERS:
        raise InvalidName(too_long_refused(what, len(cleaned), MAX_NAME_CHARACTERS))
    return cleaned


class InvalidEmail(CrestError):
    """Not an address mail can be sent to: an invitation for it could never be accepted, an account never reached."""


def check_email(email: str) -> str:
    """The address as kept (lower case, without the spaces around it); one rule for every door: the pages, the API,
    `crest link` and `crest practice`."""
    typed = email.strip() if isinstance(email, str) else ""
    cleaned = typed.lower()
    # before the address is quoted back: a control character must not reach the page or the terminal
    hidden = next((character for character in cleaned if hidden_control(character)), None)
    if hidden is not None:
        raise InvalidEmail(hidden_control_refused("the email", hidden))
    local, at, domain = cleaned.partition("@")
    if not local or not at or "." not in domain or any(c.isspace() for c in cleaned):
        raise InvalidEmail(f"{quoted(typed)} is not an email address like name@example.org")
    if len(local) > MAX_EMAIL_LOCAL_CHARACTERS:
        raise InvalidEmail(
            too_long_refused("the part of the email before the @", len(local), MAX_EMAIL_LOCAL_CHARACTERS)
        )
    if len(cleaned) > MAX_EMAIL_CHARACTERS:
        raise InvalidEmail(too_long_refused("the email", len(cleaned), MAX_EMAIL_CHARACTERS))
    return cleaned


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    name: str
    person_id: int | None  # a client's own journal
    created_at: datetime
    removed_at: datetime | None


@dataclass(frozen=True)
class Membership:
    id: int
    practice_id: int
    account_id: int
    role: Role
    created_at: datetime
    ended_at: datetime | None

    def as_target(self) -> MemberTarget:
        return MemberTarget(self.practice_id, self.id, self.role, ended=self.ended_at is not None)


@dataclass(frozen=True)
class CareLinkRecord:
    id: int
    practice_id: int
    practitioner_membership_id: int
    client_membership_id: int
    created_at: datetime
    consent_granted_at: datetime | None
    consent_revoked_at: datetime | None
    share_notes: bool
    ended_at: datetime | None

    def as_target(self) -> CareLink:
        return CareLink(
            practice_id=self.practice_id,
            practitioner_membership_id=self.practitioner_membership_id,
            client_membership_id=self.client_membership_id,
            consented=self.consent_granted_at is not None,
            revoked=self.consent_revoked_at is not None,
            ended=self.ended_at is not None,
        )

    @property
    def live(self) -> bool:
        return self.as_target().live


@dataclass(frozen=True)
class Invite:
    id: int
    practice_id: int
    role: Role
    email: str | None
    invited_by_membership_id: int
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    withdrawn_at: datetime | None


@dataclass(frozen=True)
class PasswordReset:
    id: int
    account_id: int
    made_by_account_id: int | None  # None: the server's operator (crest practice reset-password)
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


def not_a_reminder_time(given: str) -> str:
    """The words for a reminder's time that is none, the same on the form, in the API and on a prescription a crest
    is sent: "“25:99” is not a time like 18:00"."""
    return f"{quoted(given)} is not a time like 18:00"


@dataclass(frozen=True)
class Prescription:
    """A dose of constructive rest a practitioner prescribes; every change is a new version."""

    variant: str
    minutes: int
    sessions_per_day: int
    days_per_week: int
    start_on: date
    end_on: date | None = None
    reminder_time: str | None = None  # local time, like 18:00
    note: str | None = None
    version: int = 0
    prescribed_by: str = ""
    created_at: datetime | None = None
    # the days the practitioner chose, in week order; None: the client's reminder spreads days_per_week itself
    days: tuple[Weekday, ...] | None = None

    def __post_init__(self) -> None:
        if self.variant not in VARIANT_NAMES:
            choices = ", ".join(VARIANT_NAMES)
            raise InvalidPrescription(f"unknown variant {quoted(self.variant)}; choose one of {choices}", ("variant",))
        _whole(self.minutes, MIN_MINUTES, MAX_MINUTES, "minutes", "minutes")
        _whole(self.sessions_per_day, 1, MAX_SESSIONS_PER_DAY, "sessions a day", "sessions_per_day")
        _whole(self.days_per_week, 1, 7, "days a week", "days_per_week")
        if self.days is not None:
            unknown = [str(day) for day in self.days if str(day) not in _DAY_VALUES]
            if unknown:
                raise InvalidPrescription(f"unknown day {quoted(unknown[0])}; choose from {', '.join(_DAY_VALUES)}")
            chosen = tuple(day for day in Weekday if day in self.days)
            if not chosen:
                raise InvalidPrescription("choose at least one day, or leave the days out")
            if len(chosen) != self.days_per_week:
                are = "is" if len(chosen) == 1 else "are"
                raise InvalidPrescription(
                    f"days a week says {self.days_per_week}, but {counted(len(chosen), 'day')} {are} chosen "
                    f"({day_names(chosen)}); make them agree",
                    ("days_per_week",),
                )
            object.__setattr__(self, "days", chosen)
        if self.end_on is not None and self.end_on < self.start_on:
            raise InvalidPrescription(f"the end {self.end_on} is before the start {self.start_on}", ("end_on",))
        if self.reminder_time is not None and not _CLOCK_TIME.fullmatch(self.reminder_time):
            raise InvalidPrescription(f"reminder time {not_a_reminder_time(self.reminder_time)}", ("reminder_time",))
        note = None if self.note is None or blank(self.note) else note_lines(self.note).strip()  # a browser's CR LF: \n
        # crest sync prints it: of the control characters only line breaks and tabs, as any other (like a name's)
        # could steer the terminal
        hidden = None if note is None else next((c for c in note if hidden_control(c) and c not in "\n\t"), None)
        if hidden is not None:
            raise InvalidPrescription(hidden_control_refused("the note", hidden), ("note",))
        if note is not None and len(note) > MAX_NOTE_CHARACTERS:
            raise InvalidPrescription(too_long_refused("the note", len(note), MAX_NOTE_CHARACTERS), ("note",))
        object.__setattr__(self, "note", note)

    @property
    def sessions_per_week(self) -> int:
        return self.sessions_per_day * self.days_per_week

    @property
    def daily(self) -> bool:
        return self.days_per_week == 7

    def applies_on(self, day: date) -> bool:
        return self.start_on <= day and (self.end_on is None or day <= self.end_on)

    def changed_on(self, zone: tzinfo) -> date | None:
        """The local day this version replaced an earlier one, when that is after its start; None: it is in force
        from its start (the first version, or a change made before the start)."""
        if self.version <= 1 or self.created_at is None:
            return None
        made = self.created_at.astimezone(zone).date()
        return made if made > self.start_on else None

    def weekly_target(self, zone: tzinfo) -> WeeklyTarget:
        """The weekly sessions, held against the days from its start, or from the day it changed an earlier version
        (a changed dose that keeps its start says nothing of the weeks under the dose it replaced)."""
        changed = self.changed_on(zone)
        return WeeklyTarget(
            self.sessions_per_week, TargetSource.PRESCRIPTION, changed or self.start_on, changed is not None
        )

    def summary(self) -> str:
        """'15 min of the standard variant, twice a day, 5 days a week', or with the days chosen '..., 3 days a week
        (Mon, Wed, Fri)'."""
        days = "every day" if self.daily else f"{counted(self.days_per_week, 'day')} a week"
        if self.days is not None and not self.daily:
            days += f" ({day_names(self.days)})"
        return f"{self.minutes} min of the {self.variant} variant, {times_a_day(self.sessions_per_day)}, {days}"

    def in_full(self) -> str:
        """The dose with its days, reminder and note, as the web and `crest sync` say it: '10 min of the supported
        variant, once a day, every day, from 2026-05-04 to 2027-01-31, reminder at 07:30. “Calves on the seat.”'."""
        until = "" if self.end_on is None else f" to {self.end_on}"
        reminder = "" if self.reminder_time is None else f", reminder at {self.reminder_time}"
        note = "" if self.note is None else f" “{self.note}”"
        return f"{self.summary()}, from {self.start_on}{until}{reminder}.{note}"


def times_a_day(sessions: int) -> str:
    """'once a day', 'twice a day', '3 times a day'."""
    times = {1: "once", 2: "twice"}.get(sessions, f"{sessions} times")
    return f"{times} a day"


# A prescription is given for the coming weeks: a year ahead is as far as a practice plans a dose.
FURTHEST_PRESCRIBED = timedelta(days=366)


def check_prescribed_days(dose: Prescription, today: date) -> Prescription:
    """The days of a dose prescribed today: from 2000 on, as check-ins, and at most a year from today."""
    latest = today + FURTHEST_PRESCRIBED
    for what, day in (("start", dose.start_on), ("end", dose.end_on)):
        if day is not None and day < EARLIEST.date():
            raise InvalidPrescription(f"the {what} {day} is before 2000; give a day from 2000 on", (f"{what}_on",))
        if day is not None and day > latest:
            far = f"the {what} {day} is more than a year from today; give a day by {latest}"
            raise InvalidPrescription(far, (f"{what}_on",))
    return dose


def _whole(value: int, lowest: int, highest: int, what: str, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
        raise InvalidPrescription(
            f"{what} must be a whole number from {lowest} to {highest}, not {quoted(str(value))}", (field,)
        )


@dataclass(frozen=True)
class SessionNote:
    session_id: int
    author_name: str
    text: str
    created_at: datetime

    def heading(self, zone: tzinfo, today: date) -> str:
        """'Note from Pat Physio, 3 Dec': who wrote it and the day, in the reader's zone."""
        return f"Note from {self.author_name}, {day_in_year(self.created_at.astimezone(zone).date(), today)}"


@dataclass(frozen=True)
class PractitionerNote:
    """A practitioner's note as the practice's server holds it: by its id, with the account that wrote it (None: a
    note kept before crest noted it), which may edit or delete it."""

    id: int
    session_id: int
    author_account_id: int | None
    author_name: str
    text: str
    created_at: datetime

    def changeable_by(self, account_id: int) -> bool:
        """Its author may edit or delete it; a note kept before crest noted its author, any practitioner who follows
        the client (nothing else tells who wrote it)."""
        return self.author_account_id in (None, account_id)


@dataclass(frozen=True)
class SyncedSessionNote:
    """A practitioner's note as it travels from the practice to a linked crest: its session named by the uid both
    ends know it by (the ids differ)."""

    session_uid: str
    author_name: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor_account_id: int | None
    actor_name: str | None
    action: str
    outcome: str
    subject_person_id: int | None = None
    address: str | None = None
    detail: str | None = None
