"""Who needs attention: a client's alerts, with the explicit thresholds of crp-facts.md section 8 (MedBridge
Pathways' published alert thresholds). Pure: records, trends, `now` in; alerts out, most serious first.

- critical: a pain rating of 7/10 or more in the last 7 days; a safety answer that is a red flag (a "yes" that
  stands, asking for a clinician or urgent care, dated when it was said: fresh answers all "no" within its waiting
  time neither lift nor raise it again, a new "yes" does); a check-in in the last 7 days with warning signs
  (by its places or the words of its note: the safety gate's own reading), said to be worse or not, and an
  urgent-care sign for as long as its advice stands (14 days, `sign_held_until`). The two stay apart, so a
  practitioner reads where a sign came from.
- high: a place whose latest week is 2 points or more above its first week (the progress verdict "worse");
  14 days without a session.
- low: 2 days without a session in a daily plan (a prescription of 7 days a week).

An alert keeps the moment it was raised (`since`, the newest record's own time, as the practitioner reads it);
acknowledging it takes it off the top of the list until something newer raises it again (a critical one
acknowledged is still named in the client's row, as acknowledged, while it stands: `acknowledged_alerts`). A record
raises it when the practice learns of it (`raised`): the later of its own time and when the journal stored it
(`stored_at`), so a check-in a linked crest syncs after the practitioner acknowledged the alert is news, not
something already acknowledged.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import IntEnum, StrEnum

from crest.counting import counted
from crest.insights.pain import PainTrend, Place
from crest.insights.timeframe import start_of_day
from crest.insights.verdicts import Verdict
from crest.journal.records import CheckIn
from crest.journal.vocabulary import Comparison
from crest.safety.screen import AdviceLevel
from crest.safety.standing import CheckInSign, sign_held_until

RECENT_DAYS = 7
SEVERE_PAIN_SCORE = 7
NO_SESSION_HIGH_DAYS = 14
NO_SESSION_LOW_DAYS = 2


class AlertLevel(IntEnum):
    LOW = 1
    HIGH = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        return self.name.lower()


class AlertKind(StrEnum):
    SEVERE_PAIN = "severe_pain"
    RED_FLAG = "red_flag"
    WARNING_SIGNS = "warning_signs"
    PAIN_RISING = "pain_rising"
    NO_SESSION_14_DAYS = "no_session_14_days"
    NO_SESSION_2_DAYS = "no_session_2_days"


LEVEL_OF_KIND: Mapping[AlertKind, AlertLevel] = {
    AlertKind.SEVERE_PAIN: AlertLevel.CRITICAL,
    AlertKind.RED_FLAG: AlertLevel.CRITICAL,
    AlertKind.WARNING_SIGNS: AlertLevel.CRITICAL,
    AlertKind.PAIN_RISING: AlertLevel.HIGH,
    AlertKind.NO_SESSION_14_DAYS: AlertLevel.HIGH,
    AlertKind.NO_SESSION_2_DAYS: AlertLevel.LOW,
}


@dataclass(frozen=True)
class AlertPart:
    """One thing an alert says, and the warning signs it names, each an item of its own ("2 warning signs in a
    check-in of 6 Dec 2026" and each sign with what it asks): one sign's own words may hold semicolons ("new loss of
    feeling; new numbness or weakness"), so a page lists the signs rather than running them on after each other."""

    words: str
    signs: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.words}: {'; '.join(self.signs)}" if self.signs else self.words


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    since: datetime  # the newest record's own time, shown
    text: str  # the whole alert in one line: its parts, joined by "; "
    raised: datetime | None = None  # when the practice learned of it (none: `since`): an older acknowledgement
    # does not hide it
    urgent: bool = False  # it asks for urgent care: such a client comes first among the critical ones
    parts: tuple[AlertPart, ...] = ()  # what it says, its signs apart (none: `text` alone)
    # Raised by a day, not a moment (pain rising: the day of the latest ratings, in the client's zone): that day,
    # said as the day ("since yesterday"), and `since` is its start, kept so a newer rating day raises it again, never
    # to be said as a midnight nothing happened at. None: `since` is a record's own time.
    day: date | None = None

    @property
    def learned_at(self) -> datetime:
        return self.since if self.raised is None else self.raised

    @property
    def said(self) -> tuple[AlertPart, ...]:
        return self.parts or (AlertPart(self.text),)

    @property
    def level(self) -> AlertLevel:
        return LEVEL_OF_KIND[self.kind]


@dataclass(frozen=True)
class ClientSignals:
    """What the alerts are computed from; the caller reads only the windows they need."""

    recent_check_ins: Sequence[CheckIn]  # at least the last RECENT_DAYS days, and those `check_in_signs` came from
    trends: Sequence[PainTrend]  # the progress verdicts per place
    last_session_at: datetime | None  # the latest session in real time (`last_real_session_at`): a demo is no rest
    programme_start: datetime  # counting days without a session starts here when there was none since
    daily_plan: bool  # the current prescription asks for a session every day
    safety_level: AdviceLevel | None  # the level of the safety answers alone (not of the check-ins' signs)
    safety_answered_at: datetime | None  # when the newest "yes" behind that level was said (`concern_said`)
    zone: tzinfo  # the client's: where their days begin
    # The warning signs of `recent_check_ins` (an urgent one's for its whole waiting time), as the safety gate reads
    # them, and the urgent ones kept when their check-in was deleted or corrected (`kept`), which the gate holds by.
    check_in_signs: Sequence[CheckInSign] = ()
    safety_stored_at: datetime | None = None  # when the journal stored those answers (`stored_at`)


def client_alerts(signals: ClientSignals, now: datetime) -> list[Alert]:
    """Every alert that stands now, the most serious first: within a level, those asking for urgent care, then the
    newest."""
    # Warning signs before pain: of two alerts raised by one check-in, the row shows the sign. Urgent care before a
    # newer alert of the same level: the dashboard's row shows the first alert alone, the rest as "+N more".
    alerts = [*_sign_alerts(signals, now), *_pain_alerts(signals, now), *_practice_alerts(signals, now)]
    return sorted(alerts, key=lambda alert: (-alert.level, not alert.urgent, -alert.since.timestamp()))


def open_alerts(alerts: Sequence[Alert], acknowledged: Mapping[AlertKind, datetime]) -> list[Alert]:
    """The alerts not acknowledged since they were raised."""
    return [
        alert for alert in alerts if acknowledged.get(alert.kind, alert.learned_at - timedelta(1)) < alert.learned_at
    ]


def acknowledged_alerts(alerts: Sequence[Alert], acknowledged: Mapping[AlertKind, datetime]) -> list[Alert]:
    """The critical alerts acknowledged since they were raised, which still stand: acknowledging one says the
    practitioner acted on it, not that its advice (urgent care for 14 days) no longer holds."""
    still_open = open_alerts(alerts, acknowledged)
    return [alert for alert in alerts if alert.level is AlertLevel.CRITICAL and alert not in still_open]


def highest_level(alerts: Sequence[Alert]) -> AlertLevel | None:
    return max((alert.level for alert in alerts), default=None)


def _pain_alerts(signals: ClientSignals, now: datetime) -> list[Alert]:
    recent = sorted(
        (c for c in signals.recent_check_ins if now - timedelta(days=RECENT_DAYS) <= c.at <= now),
        key=lambda c: c.at,
    )
    alerts = []
    severe = [c for c in recent if any(rating.score >= SEVERE_PAIN_SCORE for rating in c.pain)]
    if severe:
        # The newest severe check-in's highest rating (the first of equals, as the person listed them).
        check_in = severe[-1]
        rating = max(check_in.pain, key=lambda one: one.score)
        place = Place(rating.region, rating.side).label
        raised = max(learned_of(c.at, c.stored_at) for c in severe)
        alerts.append(Alert(AlertKind.SEVERE_PAIN, check_in.at, f"pain {rating.score}/10 at the {place}", raised))
    rising = [trend for trend in signals.trends if trend.verdict is Verdict.WORSE and trend.latest is not None]
    if rising:
        places = ", ".join(trend.place.label for trend in rising)
        latest_day = max(trend.latest.last_day for trend in rising if trend.latest is not None)
        since = start_of_day(latest_day, signals.zone)
        rising_words = f"pain up 2 points or more since the first week: {places}"
        alerts.append(Alert(AlertKind.PAIN_RISING, since, rising_words, day=latest_day))
    return alerts


def _sign_alerts(signals: ClientSignals, now: datetime) -> list[Alert]:
    alerts = []
    recent_days = timedelta(days=RECENT_DAYS)
    check_ins = {c.id: c for c in signals.recent_check_ins if c.at <= now}
    recent = {c.id for c in check_ins.values() if now - recent_days <= c.at}
    signs = sorted(
        (
            sign
            for sign in signals.check_in_signs
            if sign.check_in_id in recent
            or (sign.kept and now - recent_days <= sign.at <= now)
            # urgent care stands its whole waiting time: the list must not fall silent on it after a week
            or (sign.urgent and sign.at <= now < sign_held_until(sign))
        ),
        key=lambda s: s.at,
    )
    if signs:
        # The alert leads with the newest check-in that names an urgent-care sign (else the newest check-in), its
        # urgent signs first: "see a clinician" must never push "seek urgent care" out of the row.
        leading = max(signs, key=lambda sign: (sign.urgent, sign.at)).check_in_id
        named_here = sorted((sign for sign in signs if sign.check_in_id == leading), key=lambda sign: not sign.urgent)
        check_in = check_ins.get(leading)
        worse = " (said to be worse)" if check_in and check_in.compared_with_before is Comparison.WORSE else ""
        # A corrected check-in may name the sign kept from before it was corrected: said once.
        named = dict.fromkeys(_for_the_practitioner(sign) for sign in named_here)
        parts = _one_check_ins_signs(named_here, worse) if len(named) > 1 else [_part(next(iter(named)) + worse)]
        # One alert names one check-in's signs, and another check-in's urgent-care ones (the newest first): those are
        # never counted among "other signs". The rest are counted, with what they ask; the client's page lists each.
        elsewhere = {_for_the_practitioner(sign): sign for sign in reversed(signs) if sign.check_in_id != leading}
        unnamed = {words: sign for words, sign in elsewhere.items() if words not in named}
        parts += [_part(words) for words, sign in unnamed.items() if sign.urgent]
        rest = [sign for sign in unnamed.values() if not sign.urgent]
        if rest:
            asks = max(sign.question.level for sign in rest).advice
            parts.append(AlertPart(f"and {counted(len(rest), 'other sign')} ({asks})"))
        # Raised again by any newer sign, whichever check-in leads.
        raised = max(learned_of(sign.at, _stored_at(check_ins.get(sign.check_in_id))) for sign in signs)
        urgent = any(sign.urgent for sign in signs)
        text = "; ".join(str(part) for part in parts)
        alerts.append(Alert(AlertKind.WARNING_SIGNS, signs[-1].at, text, raised, urgent, tuple(parts)))
    level, answered_at = signals.safety_level, signals.safety_answered_at
    if level is not None and answered_at is not None and level >= AdviceLevel.SEE_CLINICIAN:
        raised = learned_of(answered_at, signals.safety_stored_at)
        text = f"a safety answer that is a red flag ({level.advice})"
        alerts.append(Alert(AlertKind.RED_FLAG, answered_at, text, raised, level >= AdviceLevel.URGENT))
    return alerts


def learned_of(at: datetime, stored_at: datetime | None) -> datetime:
    """When the practice learned of a record of time `at` that its journal stored at `stored_at` (none: before
    journals noted it)."""
    return at if stored_at is None else max(at, stored_at)


def _stored_at(check_in: CheckIn | None) -> datetime | None:
    return None if check_in is None else check_in.stored_at


def _one_check_ins_signs(signs: Sequence[CheckInSign], worse: str) -> list[AlertPart]:
    """Several signs of one check-in, in their order: the check-in and its day said once, then each sign with what
    it asks ("2 warning signs in a check-in of 5 May 2026: pain below the knee in both legs (seek urgent care); back
    pain with a fever (see a clinician)"). Signs kept when the data was deleted have no check-in to say: each is
    said whole."""
    if any(sign.data_deleted for sign in signs):
        *said, last = dict.fromkeys(_for_the_practitioner(sign) for sign in signs)
        return [_part(words) for words in [*said, last + worse]]
    # `where_from` says "warning sign in a check-in of 5 May 2026: the sign"
    check_in = signs[0].where_from().partition(": ")[0].removeprefix("warning sign ")
    named = dict.fromkeys(f"{sign.where_from().partition(': ')[2]} ({sign.question.level.advice})" for sign in signs)
    return [AlertPart(f"{counted(len(named), 'warning sign')} {check_in}{worse}", tuple(named))]


def _part(said: str) -> AlertPart:
    """A sign said whole ("warning sign (see a clinician) in a check-in of 5 May 2026: the sign") as where it came
    from and the sign, one item."""
    words, _, sign = said.partition(": ")
    return AlertPart(words, (sign,))


def _for_the_practitioner(sign: CheckInSign) -> str:
    """Where the sign came from, with what it asks: every warning-sign alert reads "critical", urgent care or not."""
    return sign.where_from(with_advice=True)


def _practice_alerts(signals: ClientSignals, now: datetime) -> list[Alert]:
    counted_from = max(signals.last_session_at or signals.programme_start, signals.programme_start)
    idle = now - counted_from
    if signals.last_session_at is None or signals.last_session_at < signals.programme_start:
        text = f"no session in the {idle.days} days since the programme began"
    else:
        text = f"no session for {idle.days} days"
    if idle >= timedelta(days=NO_SESSION_HIGH_DAYS):
        return [Alert(AlertKind.NO_SESSION_14_DAYS, counted_from + timedelta(days=NO_SESSION_HIGH_DAYS), text)]
    if signals.daily_plan and idle >= timedelta(days=NO_SESSION_LOW_DAYS):
        since = counted_from + timedelta(days=NO_SESSION_LOW_DAYS)
        return [Alert(AlertKind.NO_SESSION_2_DAYS, since, f"{text} in a daily plan")]
    return []
