"""The practice's answers as a linked crest reads them (`crest link`, `crest sync`, `crest unlink`): each request's
answer has its shape here, checked before anything in it is read, so the server is trusted with nothing it could
get wrong. Only JSON's own types: "10" is no number, 0 no false, a day is written as one.

The server's own models (crest.web.practice_schemas, its door) describe the newest server's answers in full; these
hold only what crest reads, and take what a practice older than a field leaves out (a prescription's days), as
crest did before. A newer practice's fields crest does not know are left unread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter

from crest.accounts.records import MAX_NAME_CHARACTERS, InvalidPrescription, Prescription
from crest.errors import hidden_control
from crest.journal import capacity
from crest.services.sync import HELD_CURSOR

# The `code` of the practice's refusal that asks for the authenticator app's code (an account with two-step sign-in):
# `crest link` acts on it, whatever the words say
SECOND_FACTOR_NEEDED = "second_factor_needed"


class _Answer(BaseModel):
    model_config = ConfigDict(strict=True)


def _written(read: Callable[[str], Any]) -> BeforeValidator:
    """A day or a time as the practice writes it (2026-05-04): only as text, never a number."""

    def from_text(value: Any) -> Any:
        return read(value) if isinstance(value, str) else value  # anything else: the strict type refuses it

    return BeforeValidator(from_text)


Day = Annotated[date, _written(date.fromisoformat)]
Moment = Annotated[datetime, _written(datetime.fromisoformat)]


def _plain(name: str) -> str:
    """A name as the practice keeps them all (check_name): one line, without a control character or a
    bidirectional override, which the terminal crest prints it to would act on."""
    if any(hidden_control(character) for character in name):
        raise ValueError("a name with a control character")
    return name


Name = Annotated[str, Field(max_length=MAX_NAME_CHARACTERS), AfterValidator(_plain)]


class Offer(_Answer):
    """An invitation (GET /api/auth/invites/CODE), shown before the person agrees to share."""

    practice: Name
    role: str  # crest links a client only: any other role is refused by name
    invited_by: Name


class Accepted(_Answer):
    """The invitation accepted with a device name (POST /api/auth/accept-invite)."""

    device_token: str | None = None  # none: refused by name, as the link cannot work without it
    practice: Name | None = None


class Sharing(_Answer):
    """One practitioner the person shares with, or did (GET /api/account/sharing lists them)."""

    link_id: int  # goes into the address that stops sharing with them: a number, nothing else
    shared: bool
    # left out, as crest read them before: notes are not sent, and nobody following is said as sharing stopped
    share_notes: bool = False
    ended: bool = False


class Pushed(_Answer):
    """A batch of records taken in (POST /api/sync/push): how many of each kind, named as the server names them."""

    received: dict[Annotated[str, Field(pattern=r"^[a-z_]{1,40}$")], Annotated[int, Field(ge=0)]]
    # The practice reads a check-in's every warning sign (note_signs); one older than them says nothing, and refuses
    # a batch with them.
    every_sign: bool = False
    # ... and which sign of each fired (note_sign_rules), refused by one older than them in the same way
    sign_rules: bool = False


# A record's uid as crest makes them (journal.store.new_uid) and the practice takes them: nothing else is told deleted.
Uid = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]


class Held(_Answer):
    """A page of the records this computer pushed that the practice still holds (GET /api/sync/held): those the
    journal no longer has are told deleted. Of each kind no more than a journal holds: the practice checks every push
    against the same caps."""

    sessions: Annotated[list[Uid], Field(max_length=capacity.SESSIONS.most)]
    check_ins: Annotated[list[Uid], Field(max_length=capacity.CHECK_INS.most)]
    safety_screens: Annotated[list[Uid], Field(max_length=capacity.SAFETY_SCREENS.most)]
    psfs: Annotated[list[Uid], Field(max_length=capacity.PSFS_ROUNDS.most)]
    # the next page's cursor; none from a practice older than pages, which answers whole
    next: Annotated[str, Field(pattern=HELD_CURSOR)] | None = None


class Prescribed(_Answer):
    """The current prescription (GET /api/sync/prescription); its values are checked by `Prescription` itself."""

    variant: str
    minutes: int
    sessions_per_day: int
    days_per_week: int
    start_on: Day
    end_on: Day | None = None
    reminder_time: str | None = None
    note: str | None = None
    version: int
    prescribed_by: Name
    created_at: Moment | None = None
    # a practice older than chosen days sends none; any other is checked as anyone's days, naming a wrong one
    days: Any = None

    def record(self) -> Prescription:
        return Prescription(
            variant=self.variant,
            minutes=self.minutes,
            sessions_per_day=self.sessions_per_day,
            days_per_week=self.days_per_week,
            start_on=self.start_on,
            end_on=self.end_on,
            reminder_time=self.reminder_time,
            note=self.note,
            version=self.version,
            prescribed_by=self.prescribed_by,
            created_at=self.created_at,
            # none: the reminder spreads the days a week, as it always did
            days=None if not self.days else _listed_days(self.days),
        )


def _listed_days(days: Any) -> tuple[Any, ...]:
    """The days as the practice sent them, for the prescription to check as any other's: each a day's own name."""
    if not isinstance(days, list):
        raise InvalidPrescription(f"the practice sent days {type(days).__name__!r}, not a list of days")
    return tuple(days)


OFFER = TypeAdapter(Offer)
ACCEPTED = TypeAdapter(Accepted)
SHARING = TypeAdapter(list[Sharing])
PUSHED = TypeAdapter(Pushed)
PRESCRIBED = TypeAdapter(Prescribed | None)  # null: no prescription
HELD = TypeAdapter(Held)
