"""Journal records and their validation: plain dataclasses, no SQL, no clock.

A record that exists is valid: each constructor checks its fields and raises a `CrestError` subclass whose
one-line message names the bad value, so the CLI, the web app and the importer share the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from crest.breath.result import BreathResult
from crest.errors import CrestError, FieldError, hidden_control, hidden_control_refused, too_long_refused
from crest.input_problems import echoed, not_a_date, outside_range, quoted
from crest.journal.breath_record import InvalidBreath
from crest.journal.vocabulary import (
    CHECK_IN_TIMINGS,
    COMPARISONS,
    FINISHED_STATUSES,
    PAIN_QUALITIES,
    REGIONS,
    SENSATIONS,
    SESSION_STATUSES,
    SIDES,
    CheckInTiming,
    Comparison,
    PainQuality,
    Region,
    Sensation,
    SessionStatus,
    Side,
)
from crest.protocol.model import VARIANT_NAMES, UnknownVariant
from crest.safety.screen import KNOWN_QUESTIONS, AdviceLevel, UnknownAdviceLevel

if TYPE_CHECKING:  # the notes' record lives with the practice's records, which build on these
    from crest.accounts.records import SyncedSessionNote

NO_SENSATION = Sensation.NONE
VARIANTS: tuple[str, ...] = VARIANT_NAMES
MIN_PLANNED_MINUTES = 5
MAX_PLANNED_MINUTES = 30
MIN_PAIN_SCORE = 0
MAX_PAIN_SCORE = 10
MAX_NOTE_CHARACTERS = 4000
MAX_POSITION_SUMMARY_CHARACTERS = 500  # the camera check's one-line summary, at every door and on import
MAX_ELAPSED_S = 24 * 60 * 60
MAX_RECORD_ID = 2**31 - 1  # the largest id every supported database stores (PostgreSQL INTEGER)
MAX_PSFS_ACTIVITIES = 5  # the PSFS asks for up to five activities (Stratford et al. 1995)
MAX_ACTIVITY_CHARACTERS = 120
MIN_PSFS_SCORE = 0  # unable to do the activity
MAX_PSFS_SCORE = 10  # able to do it as before the problem


class InvalidRating(CrestError):
    """A pain score outside 0-10, or a pain entry that cannot be read."""


class SideNotChosen(InvalidRating):
    """A rating of a place that comes in pairs (a hip, a foot) that does not say which side. Left, right and both
    sides are different answers, and pain below the knee in both legs is a warning sign that sends the person to
    urgent care and stops practice (crp-facts.md section 5): crest never picks the side for them."""


class UnknownRegion(CrestError):
    """A body region crest does not track."""


class UnknownSide(CrestError):
    """A side other than left, right, both or centre."""


class UnknownQuality(CrestError):
    """A pain quality other than aching, sharp, burning, tingling or numb."""


class UnknownSensation(CrestError):
    """A sensation outside the check-in list."""


class UnknownStatus(CrestError):
    """A session status crest does not know."""


class UnknownTiming(CrestError):
    """A check-in timing other than before, after or standalone."""


class UnknownComparison(CrestError):
    """A 'compared with before' answer other than better, same or worse."""


class InvalidDate(CrestError):
    """A date or time that cannot be read, or one without a time zone where one is needed."""


class InvalidPlannedMinutes(CrestError):
    """A planned session length outside 5-30 minutes."""


class InvalidDuration(CrestError):
    """A negative elapsed time, or more time rested than the session planned."""


class RestedLongerThanPlanned(InvalidDuration):
    """A corrected rest longer than the stored session planned: a conflict with the record, not a malformed edit."""

    http_status = 409


class SessionStillRunning(CrestError):
    """An edit to a session that has not ended: its time and status are still being written."""

    http_status = 409


class InvalidNote(CrestError):
    """A note that is too long, or holds a control character other than a line break or a tab."""


class InvalidPositionSummary(CrestError):
    """A position check summary longer than one line of text."""


class InvalidSafetyAnswers(CrestError):
    """Safety answers without questions, or with an empty question id or advice level."""


class BrokenText(CrestError):
    """Text with a character that is not Unicode: bytes that were not UTF-8 (a terminal in another encoding) or a
    lone surrogate escape in JSON. No database or file can hold it."""


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str, what: str) -> str:
    """`text` unchanged, or `BrokenText`; the message never repeats the text, which cannot be printed as it is."""
    if _LONE_SURROGATE.search(text):
        raise BrokenText(f"{what} has a character that is not valid text (not UTF-8); please type it again")
    return text


# Characters that show nothing: zero-width and direction controls (format, Cf) and every kind of space (Zs, Zl,
# Zp). A name or note made only of them looks empty to whoever reads it, so it counts as empty.
_SHOWS_NOTHING = frozenset(("Cf", "Zs", "Zl", "Zp"))


def blank(text: str) -> bool:
    """Whether `text` shows nothing: spaces, line breaks, zero-width or direction-control characters, or none."""
    return all(character.isspace() or unicodedata.category(character) in _SHOWS_NOTHING for character in text)


class InvalidClearance(CrestError):
    """A clinician's all-clear without a name, without the answers it covers, or dated after it was recorded."""


class InvalidPsfs(CrestError):
    """A PSFS entry without activities, with too many, with an unnamed or repeated one, or a score outside 0-10."""


def normalise_name(text: str) -> str:
    """'Lower back', 'lower-back' and 'LOWER_BACK' all mean `lower_back`."""
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def _choices(names: Iterable[str]) -> str:
    return ", ".join(names)


# The places as crest names them on its pages and in its history ("lower back", not the id lower_back), each of
# which parse_region reads back: normalise_name makes "lower back" lower_back.
_PLACES_IN_WORDS = ", ".join(list(REGIONS.values())[:-1]) + f" or {list(REGIONS.values())[-1]}"


def parse_region(text: str) -> Region:
    region = normalise_name(text)
    if region not in REGIONS:
        raise UnknownRegion(f"{quoted(text)} is not a place crest knows; choose {_PLACES_IN_WORDS}")
    return Region(region)


def parse_side(text: str) -> Side:
    side = normalise_name(text)
    if side == "center":
        side = "centre"
    if side not in SIDES:
        raise UnknownSide(f"unknown side {quoted(text)}; choose one of {_choices(SIDES)}")
    return Side(side)


def parse_quality(text: str) -> PainQuality:
    quality = normalise_name(text)
    if quality not in PAIN_QUALITIES:
        raise UnknownQuality(f"unknown pain quality {quoted(text)}; choose one of {_choices(PAIN_QUALITIES)}")
    return PainQuality(quality)


def parse_sensation(text: str) -> Sensation:
    sensation = normalise_name(text)
    if sensation not in SENSATIONS:
        raise UnknownSensation(f"unknown sensation {quoted(text)}; choose one of {_choices(SENSATIONS)}")
    return Sensation(sensation)


def check_sensations(names: Iterable[str]) -> frozenset[Sensation]:
    """The sensations of one check-in: 'none' stands alone, whichever door they come from."""
    sensations = frozenset(parse_sensation(name) for name in names)
    if NO_SENSATION in sensations and len(sensations) > 1:
        raise FieldError("sensations", "“none” cannot be ticked with other sensations; untick one of them")
    return sensations


def parse_score(text: str) -> int:
    try:
        score = int(text.strip())
    except ValueError:
        raise InvalidRating(f"pain score: enter a whole number from 0 to 10, not {quoted(text)}") from None
    return check_score(score)


def check_score(score: int) -> int:
    if isinstance(score, bool) or not isinstance(score, int):
        raise InvalidRating(f"pain score {score!r} is not a whole number from 0 to 10")
    if not MIN_PAIN_SCORE <= score <= MAX_PAIN_SCORE:
        raise InvalidRating(f"pain score: {outside_range(MIN_PAIN_SCORE, MAX_PAIN_SCORE, score)}")
    return score


def parse_datetime(text: str, local_zone: tzinfo | None = None, what: str = "the time") -> datetime:
    """An ISO 8601 time; without an offset it is read in `local_zone` (the caller's zone, injected)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidDate(f"cannot read {what} {quoted(text)}; write it like 2026-05-01T07:30 or 2026-05-01") from None
    if moment.tzinfo is None:
        if local_zone is None:
            raise InvalidDate(f"the time {quoted(text)} has no time zone; add one, like 2026-05-01T07:30+00:00")
        moment = shown_in_zone(moment, local_zone, f"{what} {quoted(text.strip())}")
    return require_aware(moment, "the time")


def shown_in_zone(clock_time: datetime, zone: tzinfo, what: str) -> datetime:
    """A time without an offset, as the clocks in `zone` showed it (every door that reads one: --at, the web's log
    form); `what` names it in the refusal of a time no clock showed."""
    moment = clock_time.replace(tzinfo=zone)
    if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != clock_time:
        # The hour the clocks skip when they go forward: no clock showed it, and read as it stands it would be
        # kept an hour later without a word.
        raise InvalidDate(
            f"{what} never happened here: the clocks went forward that night; write the time the clock showed"
        )
    return moment


# The days a window of history may start or end on: from 2000, when crest's records begin (no record is older,
# `plausibility.EARLIEST`), so every door refuses an older day alike; the far end is narrow enough that the weeks
# after it (a chart's span) are still dates.
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(9000, 12, 31)


def check_window_day(day: date, what: str = "the day") -> date:
    if day < EARLIEST_DAY:
        raise InvalidDate(f"{what} {day.isoformat()} is before 2000, when crest's records begin; choose a later day")
    if day > LATEST_DAY:
        raise InvalidDate(f"{what} {day.isoformat()} is after {LATEST_DAY.year}; choose an earlier day")
    return day


def parse_day(text: str, what: str | None = None) -> date:
    """A calendar day written like 2026-05-01; `what` names the field in a refusal where its door does not (an
    import names its field itself)."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidDate(not_a_date(text, what)) from None
    return check_window_day(day, what or "the day")


def parse_since(text: str, local_zone: tzinfo, what: str | None = None) -> datetime:
    """A day (midnight in `local_zone`) or a full ISO time: the start of a history window; `what` names it in a
    refusal (the option, `--since`), else it is "the day" or "the time"."""
    stripped = text.strip()
    try:
        day = date.fromisoformat(stripped)
    except ValueError:
        try:
            datetime.fromisoformat(stripped)
        except ValueError:  # neither a day nor a time: said as every door says a day it cannot read
            raise InvalidDate(not_a_date(text, what, or_time=True)) from None
        moment = parse_datetime(stripped, local_zone, what or "the time")
        check_window_day(moment.date(), what or "the time")
        return moment
    return require_aware(
        datetime.combine(check_window_day(day, what or "the day"), time(0), tzinfo=local_zone), "the day"
    )


def require_aware(moment: datetime, what: str) -> datetime:
    if not isinstance(moment, datetime):
        raise InvalidDate(f"{what} {moment!r} is not a date and time")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidDate(f"{what} {moment.isoformat()} has no time zone")
    try:
        moment.astimezone(UTC)  # times are stored in UTC: year 1 at +14:00 has no UTC equivalent
    except OverflowError:
        raise InvalidDate(f"{what} {moment.isoformat()} is outside the dates crest can store") from None
    return moment


def as_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def place_side(region: Region, side: Side | None) -> Side:
    """One place, one name. `both` on the midline means its whole place, `centre`, and so does no side: so
    `crest log --pain lower_back=4` and the body map's lower back are the same place, and Progress draws them as
    one. A place that comes in pairs needs its side said (`SideNotChosen`): `centre` is none of its sides (the middle
    of one foot is not both feet)."""
    if region.has_sides and side in (None, Side.CENTRE):
        raise SideNotChosen(f"choose a side for the {region.label}: left, right or both sides")
    if side is None or side is Side.BOTH:
        return region.usual_side
    return side


def place_words(region: Region, side: Side) -> str:
    """'lower back (centre)', 'hip (left)', 'hip (both sides)': a place as every door names it, its side said: the
    lower back has a left and a right too."""
    return f"{region.label} ({side.label})"


@dataclass(frozen=True, init=False)
class PainRating:
    """A score for one place: a region and its side, always stored by `place_side`'s rule, and, when the person
    says, what the pain is like."""

    region: Region
    score: int
    side: Side
    quality: PainQuality | None

    def __init__(self, region: str, score: int, side: str | None = None, quality: str | None = None) -> None:
        place = parse_region(region)
        object.__setattr__(self, "region", place)
        object.__setattr__(self, "score", check_score(score))
        object.__setattr__(self, "side", place_side(place, None if side is None else parse_side(side)))
        object.__setattr__(self, "quality", None if quality is None else parse_quality(quality))

    @property
    def label(self) -> str:
        what = "" if self.quality is None else f", {self.quality.label}"
        return f"{place_words(self.region, self.side)} {self.score}/10{what}"


def parse_pain(text: str) -> PainRating:
    """`REGION[:SIDE]=N[:QUALITY]`, for example `lower_back=4`, `hip:left=3` or `calf_and_shin:left=5:tingling`."""
    where, equals, rating_text = text.partition("=")
    score_text, colon, quality_text = rating_text.partition(":")
    if not equals or not where.strip() or not score_text.strip() or (colon and not quality_text.strip()):
        raise InvalidRating(
            f"cannot read the pain entry {quoted(text)}; write it as REGION[:SIDE]=N[:QUALITY], like hip:left=3:aching"
        )
    region_text, colon, side_text = where.partition(":")
    region = parse_region(region_text)
    side = parse_side(side_text) if colon else None
    quality = parse_quality(quality_text) if quality_text else None
    try:
        return PainRating(region=region, side=side, score=parse_score(score_text), quality=quality)
    except SideNotChosen:
        # The terminal's words for the sides: the very entry, written each way it is accepted.
        forms = [f"{region.value}:{side}={rating_text.strip()}" for side in (Side.LEFT, Side.RIGHT, Side.BOTH)]
        raise SideNotChosen(
            f"the pain entry {quoted(text)} needs a side: write {forms[0]}, {forms[1]} or {forms[2]}"
        ) from None


# Of the control characters, a note keeps what lays out its lines (it may be several): line breaks and tabs.
NOTE_LAYOUT = frozenset("\n\r\t")
# Zero-width characters that join nothing a reader sees (a zero-width space, a word joiner, a byte-order mark), refused
# as the hidden controls are: unseen, they part words a search then misses. The joiner and the non-joiner stay: a
# joined emoji (👩\u200d⚕️) and Persian or Indic words need them.
NOTE_UNSEEN = frozenset("\u200b\u2060\ufeff")


def note_lines(note: str) -> str:
    """`note` with each line break a line feed: \\r\\n (Windows, a browser's form) and a lone \\r (an old Mac's,
    which a terminal prints by going back over the line before it)."""
    return note.replace("\r\n", "\n").replace("\r", "\n")


def check_note(note: str | None, limit: int = MAX_NOTE_CHARACTERS) -> str | None:
    """`note` stripped, None for an empty one; `limit` is the most characters this kind of note keeps (a check-in's
    by default; a practitioner's note on a session passes its own), and the refusal names that same number."""
    if note is None:
        return None
    stripped = check_note_characters(note_lines(check_text(note, "the note")).strip())
    if len(stripped) > limit:
        raise InvalidNote(too_long_refused("the note", len(stripped), limit))
    return None if blank(stripped) else stripped


def check_note_characters(note: str) -> str:
    """`note` unchanged, or `InvalidNote` naming its first hidden control character: refused as in a name
    (hidden_control), as crest history, a practice's pages and its client's terminal show the note, and a terminal
    acts on them (\\x9b starts an escape sequence, U+202E reverses the line after it), and the zero-width characters
    of NOTE_UNSEEN. Only its line breaks and tabs stay; a note that shows nothing (direction marks alone) is an empty
    one, of which nothing is kept."""
    hidden = next((c for c in note if (hidden_control(c) and c not in NOTE_LAYOUT) or c in NOTE_UNSEEN), None)
    if hidden is not None and not blank(note):
        raise InvalidNote(hidden_control_refused("the note", hidden))
    return note


class InvalidSignRule(CrestError):
    """A red-flag rule's name that is no name: not a few lower-case words joined by "_"."""


_RULE_NAME = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
MAX_RULE_NAME_CHARACTERS = 80
MAX_SIGN_RULES = 64  # more than crest's rules: a newer crest may know a few this one does not


def check_rule_names(names: Iterable[str]) -> tuple[str, ...]:
    """The red-flag rules' names, each once: any name, as a newer crest may know rules this one does not (its signs
    are then named by their help entries), but only a name."""
    checked = tuple(dict.fromkeys(names))
    for name in checked:
        if not isinstance(name, str) or len(name) > MAX_RULE_NAME_CHARACTERS or not _RULE_NAME.fullmatch(name):
            raise InvalidSignRule(f"{str(name)[:80]!r} is not the name of a warning sign's rule")
    if len(checked) > MAX_SIGN_RULES:
        raise InvalidSignRule(f"a check-in names at most {MAX_SIGN_RULES} warning signs' rules, not {len(checked)}")
    return checked


@dataclass(frozen=True)
class PracticeSession:
    """One constructive rest session; the row exists from the moment the rest starts."""

    started_at: datetime
    planned_minutes: int
    variant: str
    status: SessionStatus = SessionStatus.RUNNING
    actual_seconds: int = 0
    position_check_summary: str | None = None
    last_checkpoint_at: datetime | None = None
    writer: str | None = None
    id: int | None = None
    logged: bool = False  # done without the app (on holiday, at a class) and logged afterwards, not timed
    breath: BreathResult | None = None  # read by the camera during the rest, when the person asked for it
    demo: bool = False  # its clock ran faster than real time (a demo, `--speed`): kept, never counted as practice

    def __post_init__(self) -> None:
        require_aware(self.started_at, "the session start")
        if self.breath is not None and not isinstance(self.breath, BreathResult):
            raise InvalidBreath(f"the breath reading {self.breath!r} is not one crest made")
        if not isinstance(self.logged, bool):
            raise InvalidDuration(f"'logged' is {self.logged!r}, not true or false")
        if not isinstance(self.demo, bool):
            raise InvalidDuration(f"'demo' is {self.demo!r}, not true or false")
        if self.last_checkpoint_at is not None:
            require_aware(self.last_checkpoint_at, "the last checkpoint")
        check_planned_minutes(self.planned_minutes)
        check_variant(self.variant)
        object.__setattr__(self, "status", check_status(self.status))
        check_elapsed(self.actual_seconds)
        if self.position_check_summary is not None:
            check_text(self.position_check_summary, "the position check summary")

    @property
    def finished(self) -> bool:
        return self.status.finished


def session_end(session: PracticeSession) -> datetime:
    """When a session's rest ends: its start plus the time rested; a running one holds its whole planned time."""
    running = session.status is SessionStatus.RUNNING
    seconds = max(session.actual_seconds, session.planned_minutes * 60 if running else 0)
    return session.started_at + timedelta(seconds=seconds)


def sessions_overlap(first: PracticeSession, second: PracticeSession) -> bool:
    """Whether two sessions' times overlap; two starting at the same moment always do, even one ended at 0 s."""
    if first.started_at == second.started_at:
        return True
    return first.started_at < session_end(second) and second.started_at < session_end(first)


def check_position_summary(summary: str | None) -> str | None:
    """The camera check's summary as stored: at most one short line (counted as given), stripped, None when empty."""
    text = summary or ""
    if len(text) > MAX_POSITION_SUMMARY_CHARACTERS:
        raise InvalidPositionSummary(
            f"the position check summary has {len(text)} characters; at most {MAX_POSITION_SUMMARY_CHARACTERS}"
        )
    # one line, shown in crest history and on the journal: a line break or a control a terminal acts on is refused
    if any(hidden_control(character) for character in text.strip()):
        raise InvalidPositionSummary("the position check summary contains control characters; it is one plain line")
    return text.strip() or None


def check_planned_minutes(minutes: int, what: str = "minutes") -> int:
    """`what`: the minutes as the door names them (`--minutes` in the terminal)."""
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise InvalidPlannedMinutes(f"planned minutes {minutes!r} is not a whole number")
    if not MIN_PLANNED_MINUTES <= minutes <= MAX_PLANNED_MINUTES:
        raise InvalidPlannedMinutes(f"{what}: {outside_range(MIN_PLANNED_MINUTES, MAX_PLANNED_MINUTES, minutes)}")
    return minutes


def check_variant(variant: str) -> str:
    if variant not in VARIANTS:
        raise UnknownVariant(f"unknown variant {quoted(variant)}; choose one of {_choices(VARIANTS)}")
    return variant


def check_status(status: str) -> SessionStatus:
    if status not in SESSION_STATUSES:
        raise UnknownStatus(f"unknown session status {quoted(status)}; expected one of {_choices(SESSION_STATUSES)}")
    return SessionStatus(status)


def check_finished_status(status: str) -> SessionStatus:
    if status not in FINISHED_STATUSES:
        raise UnknownStatus(f"a session ends as one of {_choices(FINISHED_STATUSES)}, not {quoted(status)}")
    return SessionStatus(status)


def check_elapsed(elapsed_s: float) -> int:
    """Whole seconds of session time; fractions are dropped so nothing is claimed that did not happen."""
    if isinstance(elapsed_s, bool) or not isinstance(elapsed_s, int | float) or elapsed_s != elapsed_s:
        raise InvalidDuration(f"elapsed time {elapsed_s!r} is not a number of seconds")
    if elapsed_s < 0:
        raise InvalidDuration(f"elapsed time {elapsed_s} s is negative")
    if elapsed_s > MAX_ELAPSED_S:
        raise InvalidDuration(f"elapsed time {elapsed_s:g} s is more than a day; no session lasts that long")
    return int(elapsed_s)


def check_rested_seconds(actual_seconds: int, planned_minutes: int) -> int:
    """The timer stops at the planned length, so a corrected rest lies between 0 and the planned minutes."""
    seconds = check_elapsed(actual_seconds)
    if seconds > planned_minutes * 60:
        raise RestedLongerThanPlanned(
            f"{seconds} seconds rested is more than the {planned_minutes} minutes ({planned_minutes * 60} s) planned"
        )
    return seconds


def require_finished(session: PracticeSession) -> PracticeSession:
    """A session still open (its timer running, or stopped on a page left mid-rest) cannot be edited yet."""
    if not session.finished:
        raise SessionStillRunning(f"session {session.id} is still open; it can be edited once it has ended")
    return session


@dataclass(frozen=True)
class SessionEdit:
    """A correction to a finished session: how it went, never when it started or how long it was planned."""

    variant: str
    actual_seconds: int
    status: SessionStatus

    def __post_init__(self) -> None:
        check_variant(self.variant)
        object.__setattr__(self, "actual_seconds", check_elapsed(self.actual_seconds))
        object.__setattr__(self, "status", check_finished_status(self.status))

    def applied_to(self, session: PracticeSession) -> PracticeSession:
        require_finished(session)
        check_rested_seconds(self.actual_seconds, session.planned_minutes)
        return replace(session, variant=self.variant, actual_seconds=self.actual_seconds, status=self.status)


def check_timing(timing: str) -> CheckInTiming:
    if timing not in CHECK_IN_TIMINGS:
        raise UnknownTiming(f"unknown check-in timing {quoted(timing)}; choose one of {_choices(CHECK_IN_TIMINGS)}")
    return CheckInTiming(timing)


def check_comparison(answer: str) -> Comparison:
    if answer not in COMPARISONS:
        raise UnknownComparison(
            f"unknown answer {quoted(answer)} for “compared with before”; choose one of {_choices(COMPARISONS)}"
        )
    return Comparison(answer)


@dataclass(frozen=True)
class CheckIn:
    """How the body feels: before or after a session, or on its own (`crest log`). Every part is optional."""

    at: datetime
    timing: CheckInTiming = CheckInTiming.STANDALONE
    session_id: int | None = None
    pain: tuple[PainRating, ...] = ()
    sensations: frozenset[Sensation] = field(default_factory=frozenset)
    compared_with_before: Comparison | None = None
    note: str | None = None
    id: int | None = None
    # The warning signs crest's red-flag rules read in the note (their help entries' ids, e.g.
    # "warning_cauda_equina"), most urgent first, each once: sent with the check-in so a practice server that keeps
    # no notes still holds practice and alerts on each of them.
    note_signs: tuple[str, ...] = ()
    # Which sign of each of them fired: the names of crest's red-flag rules (e.g. "night_pain"), each once, sent
    # beside them so that a practice names the sign the person wrote of, not every sign of its help entry. None
    # where they were read before they were kept (r0026), or by an older crest: those are named by their entries.
    note_sign_rules: tuple[str, ...] = ()
    # When this journal last stored it (written, corrected or received from a linked crest): a practice's alerts
    # count from it, since a check-in synced hours after it was written is news when it arrives. Not part of what
    # the check-in says: never exported, sent or compared.
    stored_at: datetime | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        require_aware(self.at, "the check-in time")
        object.__setattr__(self, "timing", check_timing(self.timing))
        if self.timing is CheckInTiming.STANDALONE and self.session_id is not None:
            raise UnknownTiming("a standalone check-in belongs to no session; use timing before or after")
        object.__setattr__(self, "pain", tuple(self.pain))
        for rating in self.pain:
            if not isinstance(rating, PainRating):
                raise InvalidRating(f"pain entry {rating!r} is not a rating")
        places = [(rating.region, rating.side) for rating in self.pain]
        twice = next((place for number, place in enumerate(places) if place in places[:number]), None)
        if twice is not None:  # named, as a check-in may rate many places ("lower back (centre)")
            raise InvalidRating(f"{place_words(*twice)} is rated twice; rate each place once")
        object.__setattr__(self, "sensations", check_sensations(self.sensations))
        if self.compared_with_before is not None:
            object.__setattr__(self, "compared_with_before", check_comparison(self.compared_with_before))
        object.__setattr__(self, "note", check_note(self.note))
        object.__setattr__(self, "note_signs", tuple(dict.fromkeys(self.note_signs)))
        object.__setattr__(self, "note_sign_rules", check_rule_names(self.note_sign_rules))

    @property
    def is_empty(self) -> bool:
        return (
            not self.pain
            and not self.sensations
            and self.compared_with_before is None
            and self.note is None
            and not self.note_signs
            and not self.note_sign_rules
        )


def check_answers(answers: Mapping[str, bool]) -> dict[str, bool]:
    """Safety answers by question id, sorted so that equal answers compare and export equally."""
    if not isinstance(answers, Mapping) or not answers:
        raise InvalidSafetyAnswers("the safety answers are empty")
    for question_id, answer in answers.items():
        if not isinstance(question_id, str) or not question_id.strip():
            raise InvalidSafetyAnswers(f"safety question id {echoed(question_id)} is empty")
        check_text(question_id, "a safety question id")
        if not isinstance(answer, bool):
            raise InvalidSafetyAnswers(f"the answer to {quoted(question_id)} is {echoed(answer)}, not yes or no")
    return dict(sorted(answers.items()))


def check_advice_level(advice_level: str) -> str:
    """One of the safety screen's advice levels, by its stored name (`see_clinician`)."""
    if not isinstance(advice_level, str) or not advice_level.strip():
        raise InvalidSafetyAnswers("the safety advice level is empty")
    try:
        return AdviceLevel.named(advice_level).stored_name
    except UnknownAdviceLevel as error:
        raise InvalidSafetyAnswers(str(error)) from None


@dataclass(frozen=True)
class SafetyScreen:
    """Answers to the safety questions and the advice they led to (the level is the safety module's)."""

    answered_at: datetime
    answers: Mapping[str, bool]
    advice_level: str
    id: int | None = None
    stored_at: datetime | None = field(default=None, compare=False)  # as `CheckIn.stored_at`

    def __post_init__(self) -> None:
        require_aware(self.answered_at, "the safety answer time")
        object.__setattr__(self, "answers", check_answers(self.answers))
        check_advice_level(self.advice_level)

    def is_due(self, now: datetime, valid_for: timedelta) -> bool:
        """True when the answers are older than `valid_for` and should be asked again."""
        return now - self.answered_at >= valid_for


MAX_CLINICIAN_CHARACTERS = 200


def check_clinician(clinician: str) -> str:
    """Who cleared the person to practise, as they write it ("Dr Ames, physiotherapist")."""
    if not isinstance(clinician, str) or blank(clinician):
        raise InvalidClearance("please name the clinician who cleared you (for example: Dr Ames, physiotherapist)")
    stripped = " ".join(clinician.split())
    if any(hidden_control(character) for character in stripped):  # DEL, C1, bidi: as a name's (check_name)
        raise InvalidClearance("the clinician's name contains control characters; please write it as plain text")
    if len(stripped) > MAX_CLINICIAN_CHARACTERS:
        raise InvalidClearance(
            f"the clinician's name has {len(stripped)} characters; keep it under {MAX_CLINICIAN_CHARACTERS}"
        )
    return stripped


def check_day(value: date, what: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidDate(f"{what} {value!r} is not a day")
    return value


@dataclass(frozen=True)
class SafetyWarning:
    """An urgent-care warning sign kept apart from what raised it, so that it holds until its waiting time ends
    whatever happens to that: a check-in deleted or corrected, or everything deleted. Or a sign of either level told
    in a check-in entered after the time it gives, kept to hold from its entry: a "see a clinician" one goes with
    its check-in, deleted or corrected to no longer name it (it was a mistake).

    Kept from a check-in: when (`raised_at`), the check-in's id and the sign's words (`title` to the person, `named`
    to a clinician). Kept through deleting everything: only the sign (`question_id`, and a check-in's `title` and
    `named`), its level and `held_until`.
    """

    question_id: str  # the sign, as the safety question for the same sign
    level: str  # the AdviceLevel's stored name
    held_until: datetime  # when fresh answers may lift it
    raised_at: datetime | None = None
    check_in_id: int | None = None
    title: str | None = None
    named: str | None = None
    id: int | None = None
    # the red-flag rules its sign came from (a check-in's note): its help entry, whatever a later crest calls it
    sign_rules: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        require_aware(self.held_until, "the end of the warning's hold")
        object.__setattr__(self, "sign_rules", check_rule_names(self.sign_rules))
        if self.raised_at is not None:
            require_aware(self.raised_at, "the time the warning was raised")
        if self.question_id not in KNOWN_QUESTIONS:
            raise CrestError(f"the kept warning sign names {quoted(self.question_id)}, which is no safety question")
        AdviceLevel.named(self.level)

    def stripped(self) -> SafetyWarning:
        """What deleting everything keeps: the sign (with its words, as the person was told it), its level and its
        end, no other health data."""
        return SafetyWarning(
            self.question_id,
            self.level,
            self.held_until,
            title=self.title,
            named=self.named,
            sign_rules=self.sign_rules,
        )


@dataclass(frozen=True)
class SafetyClearance:
    """A clinician checked the answers that advised seeing one, and cleared the person to practise.

    `question_ids` are the answers it covers: a new warning sign is never cleared by an older all-clear.
    """

    recorded_at: datetime
    clinician: str
    cleared_on: date  # the day the clinician checked
    question_ids: tuple[str, ...]
    id: int | None = None

    def __post_init__(self) -> None:
        require_aware(self.recorded_at, "the time the clearance was recorded")
        object.__setattr__(self, "clinician", check_clinician(self.clinician))
        check_day(self.cleared_on, "the day of the clearance")
        # A day of grace: the day is the person's, the recording time is stored in UTC.
        if self.cleared_on > as_utc(self.recorded_at).date() + timedelta(days=1):
            raise InvalidClearance(f"the clearance is dated {self.cleared_on}, after it was recorded; check the day")
        ids = tuple(sorted(set(self.question_ids)))
        if not ids or not all(isinstance(question_id, str) and question_id.strip() for question_id in ids):
            raise InvalidClearance("a clearance names the answers it covers")
        object.__setattr__(self, "question_ids", ids)


def check_activity_name(name: str) -> str:
    """An activity the person names ("sitting through a film"), kept as written but trimmed."""
    if not isinstance(name, str) or blank(name):
        raise InvalidPsfs("an activity needs a name, like 'tying my shoes'")
    stripped = " ".join(check_text(name, "the activity").split())
    if any(hidden_control(character) for character in stripped):  # DEL, C1, bidi: as a name's (check_name)
        raise InvalidPsfs("the activity contains control characters; please write it as plain text")
    if len(stripped) > MAX_ACTIVITY_CHARACTERS:
        raise InvalidPsfs(
            f"the activity '{stripped[:30]}...' is long; keep it under {MAX_ACTIVITY_CHARACTERS} characters"
        )
    return stripped


def read_psfs_score(written: str) -> int | None:
    """A score as a person types it (" 7 "), or None when it is not a whole number of at most three digits 0-9: "²"
    is a digit to str.isdigit but not to int(), and int() refuses thousands of digits. check_psfs_score says what
    is out of range."""
    digits = written.strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 3:
        return None
    return int(digits)


def check_psfs_score(score: int) -> int:
    if isinstance(score, bool) or not isinstance(score, int):
        raise InvalidPsfs(f"activity score {score!r} is not a whole number from 0 to 10")
    if not MIN_PSFS_SCORE <= score <= MAX_PSFS_SCORE:
        raise InvalidPsfs(f"activity score: {outside_range(MIN_PSFS_SCORE, MAX_PSFS_SCORE, score)}")
    return score


def activity_key(name: str) -> str:
    """Two ratings are of the same activity when their names match, ignoring case and spacing."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class PsfsActivity:
    """One activity the person finds hard, and how well they can do it now (0 unable - 10 as before)."""

    name: str
    score: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_activity_name(self.name))
        check_psfs_score(self.score)


@dataclass(frozen=True)
class PsfsAssessment:
    """One round of the Patient-Specific Functional Scale: up to five activities, each rated 0-10."""

    at: datetime
    activities: tuple[PsfsActivity, ...]
    id: int | None = None

    def __post_init__(self) -> None:
        require_aware(self.at, "the PSFS time")
        object.__setattr__(self, "activities", tuple(self.activities))
        if not self.activities:
            raise InvalidPsfs("name at least one activity that your back or hip makes hard, and rate it 0-10")
        if len(self.activities) > MAX_PSFS_ACTIVITIES:
            raise InvalidPsfs(f"{len(self.activities)} activities; the scale asks for up to {MAX_PSFS_ACTIVITIES}")
        for activity in self.activities:
            if not isinstance(activity, PsfsActivity):
                raise InvalidPsfs(f"activity {activity!r} is not a rated activity")
        keys = [activity_key(activity.name) for activity in self.activities]
        if len(set(keys)) != len(keys):
            raise InvalidPsfs("the same activity is named twice; rate each activity once")

    @property
    def mean_score(self) -> float:
        return sum(activity.score for activity in self.activities) / len(self.activities)


@dataclass(frozen=True)
class JournalContents:
    """Everything a journal holds, in id order: what export writes and import reads."""

    sessions: tuple[PracticeSession, ...] = ()
    check_ins: tuple[CheckIn, ...] = ()
    safety_screens: tuple[SafetyScreen, ...] = ()
    settings: Mapping[str, str] = field(default_factory=dict)
    psfs: tuple[PsfsAssessment, ...] = ()
    safety_clearances: tuple[SafetyClearance, ...] = ()
    # A linked crest's copies of its practitioners' notes, each naming its session by uid; the sessions' uids by
    # their ids (what ties the notes to them).
    session_notes: tuple[SyncedSessionNote, ...] = ()
    session_uids: Mapping[int, str] = field(default_factory=dict)
    # The other synced records' uids by their ids: `crest sync` names them by these at the practice too.
    check_in_uids: Mapping[int, str] = field(default_factory=dict)
    screen_uids: Mapping[int, str] = field(default_factory=dict)
    psfs_uids: Mapping[int, str] = field(default_factory=dict)
    # The warnings kept apart from what raised them: a restore must not lift one that stands.
    safety_warnings: tuple[SafetyWarning, ...] = ()
    # The file's ids of sessions whose breath reading it holds only summed up (a CSV export's rate and movement
    # count): restored without it, which the import must say.
    breath_summed_up: frozenset[int] = frozenset()

    @property
    def uids(self) -> Mapping[str, Mapping[int, str]]:
        """Each synced kind's uids by record id, under the name its section (and `crest sync`) gives the kind."""
        return {
            "sessions": self.session_uids,
            "check_ins": self.check_in_uids,
            "safety_screens": self.screen_uids,
            "psfs": self.psfs_uids,
        }
