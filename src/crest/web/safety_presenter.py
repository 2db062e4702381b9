"""The safety standing in the words a page shows: the advice, each answer behind it with its source, the ways on."""

from datetime import datetime, tzinfo
from typing import Any

from crest.counting import counted
from crest.safety.screen import ADVICE, AdviceLevel
from crest.safety.standing import AdviceReasons, RepeatedSign, SafetyStanding
from crest.safety.worse_check_in import WorseAdvice
from crest.web.context import WebContext
from crest.web.presenters import friendly_date, friendly_time

# Advice that opens with its own call (urgent care, a clinician, thanks) has those opening words in bold for a
# headline: a headline above it would say the same twice. Each is the opening of its screen.ADVICE.
OPENINGS = {
    AdviceLevel.URGENT: "Please seek urgent medical care now",
    AdviceLevel.SEE_CLINICIAN: "Please see a clinician",
    AdviceLevel.CLEAR: "Thank you.",
}
SIDE_LYING_HEADLINE = "Rest on your side for now"  # its advice opens with the why
CLEARED_HEADLINE = "A clinician has cleared you to practise"


def standing_notice(context: WebContext) -> dict[str, Any] | None:
    """The advice of a warning sign that stands, with its sources, as Today shows it; None when none stands. Every
    page of the person's data leads with it (`_standing_first.html`): the person most likely to look at Progress or
    Help after a frightening day must meet the advice there too, not only the numbers."""
    standing = context.services.safety.standing()
    return safety_notice(standing, context.local_zone, context.now()) if standing.concern_stands else None


def safety_notice(standing: SafetyStanding, zone: tzinfo, now: datetime) -> dict[str, Any] | None:
    """What the Today and Safety pages show about the answers; None before any answer, unless a clinician has
    already cleared a check-in's warning sign."""
    if standing.level is None and not standing.cleared:
        return None
    holds_until = standing.answer_again_from if standing.concern_stands else None
    headline, opening, message = _opening(standing)
    return {
        "level": None if standing.level is None else standing.level.stored_name,
        "blocks": standing.concern_stands,
        "side_lying_only": standing.side_lying_only,
        "headline": headline,
        "opening": opening,
        "message": message,
        "answered": standing.latest is not None,  # none kept through deleting everything: no answers to see
        # each advice with its own answers and signs, the most serious first: the notice's own level first
        "groups": [_group(group, zone, now, standing.held_apart) for group in standing.by_advice],
        "cleared": [
            {
                "text": cleared.text,
                "clinician": cleared.clearance.clinician,
                "cleared_on": f"{cleared.clearance.cleared_on:%-d %B %Y}",
            }
            for cleared in standing.cleared
        ],
        "holds": (
            standing.hold_words(friendly_time(holds_until, zone, now))
            if holds_until is not None and holds_until > now
            else None
        ),
        "clearable": standing.may_be_cleared,
    }


def _group(group: AdviceReasons, zone: tzinfo, now: datetime, held_apart: bool) -> dict[str, Any]:
    headline, opening, message = _advice_words(group.level, ADVICE[group.level])
    time_up = group.time_up
    return {
        "level": group.level.stored_name,
        # beside another advice's: when this one's own time is up, said under its own signs
        "time_up": (
            group.time_up_words(friendly_time(time_up, zone, now))
            if held_apart and group.level >= AdviceLevel.SEE_CLINICIAN and time_up > now
            else None
        ),
        "urgent": group.level is AdviceLevel.URGENT,  # deleting or correcting a check-in does not lift its signs
        "headline": headline,
        "opening": opening,
        "message": message,
        "reasons": [
            {
                "text": reason.question.text,
                "source": reason.question.source,
                "when": friendly_time(reason.answered_at, zone, now),
            }
            for reason in group.answers
        ],
        "check_ins": [_sign(sign, zone, now) for sign in group.signs if not sign.first.data_deleted],
        # one check-in may name several signs: "warning signs in a check-in", "correct or delete it"
        "check_in_count": len(
            {
                (reason.sign.check_in_id, reason.sign.at)
                for sign in group.signs
                if not sign.first.data_deleted
                for reason in sign.reasons
            }
        ),
        # kept through deleting everything: only the sign and its end are known, not whether a check-in or an
        # answer raised it
        "kept": [_sign(sign, zone, now) for sign in group.signs if sign.first.data_deleted],
    }


def _sign(sign: RepeatedSign, zone: tzinfo, now: datetime) -> dict[str, Any]:
    return {  # the list says where the sign came from; the time beside each names its day, once
        "text": sign.first.title,
        "source": "; ".join(sign.first.sources),
        "when": _when_named(sign, zone, now),
    }


def _opening(standing: SafetyStanding) -> tuple[str | None, str | None, str]:
    """The headline above the advice, the advice's own opening words to set in bold, and the rest of it."""
    if standing.level in (None, AdviceLevel.CLEAR) and standing.cleared:
        return CLEARED_HEADLINE, None, standing.message
    return _advice_words(standing.level or AdviceLevel.CLEAR, standing.message)


def _advice_words(level: AdviceLevel, message: str) -> tuple[str | None, str | None, str]:
    if level is AdviceLevel.SIDE_LYING:
        return SIDE_LYING_HEADLINE, None, message
    opening = OPENINGS[level]
    return None, opening, message.removeprefix(opening)


def _when_named(sign: RepeatedSign, zone: tzinfo, now: datetime) -> str:
    """'today 08:00', or '14 check-ins, Wed 18 Nov 08:00 to today 08:00' for a sign named again and again."""
    first = friendly_time(sign.first.at, zone, now)
    if len(sign.reasons) == 1:
        return first
    return f"{counted(len(sign.reasons), 'check-in')}, {first} to {friendly_time(sign.last.at, zone, now)}"


def after_check_in_notice(
    advice: WorseAdvice | None, concern_stands: bool = False, help_offers: list[dict[str, str]] | None = None
) -> dict[str, Any] | None:
    """Today's answer to the latest check-in, until the next one, with the help offered after saving it
    (`help_offers`); none while a safety concern stands: the concern's own box names the check-in's signs, says
    what to do (no session at all) and how long it holds: one urgent box, one duration."""
    if advice is None or concern_stands:
        return None
    if advice.urgent:
        headline = "Your last check-in names a sign that needs urgent care"
    elif advice.worse:
        headline = f"Your last check-in {advice.says}"
    else:
        headline = "Your last check-in names a sign to have checked"
    return {
        "headline": headline,
        "urgent": advice.urgent,
        "reasons": list(advice.reasons),
        "steps": list(advice.steps),
        "help": list(help_offers or []),
        "source": "; ".join(advice.sources),
        "warnings": [
            {
                "title": sign.title,
                "text": sign.text,
                "source": "; ".join(sign.sources),
                "urgent": sign.level == "urgent_care",
            }
            for sign in advice.warnings
        ],
    }


def calm_answers(standing: SafetyStanding, zone: tzinfo, now: datetime) -> dict[str, str] | None:
    """When the questions are offered again while calm answers still hold: when they were given and until when they
    hold, so that nobody (a practitioner looking over a client's screen included) takes the blank form for none."""
    until = standing.calm_until
    if until is None or standing.latest is None:
        return None
    return {
        "answered": friendly_time(standing.latest.answered_at, zone, now),
        "until": friendly_date(until.astimezone(zone).date()),
    }
