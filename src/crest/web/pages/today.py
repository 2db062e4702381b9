"""Today: start a session, the last one, this week, a good time of day; the safety questions on first use."""

from typing import Any, Literal

from fastapi import Request
from fastapi.responses import Response

from crest.accounts.records import Prescription
from crest.durations import rested_text
from crest.insights.practice import PRACTICE_RULE
from crest.knowledge.why_links import PROTOCOL_TEXTS, SENSATIONS, VARIANTS, WORSE_CHECK_IN
from crest.protocol.model import SIDE_LYING_VARIANT, Protocol, VariantName
from crest.safety.worse_check_in import SUPPORTED_VARIANT, worse_today_reminder
from crest.services.preferences import Preferences
from crest.session.timeline import check_variant
from crest.web.help_links import help_link, help_links
from crest.web.insight_views import line_view
from crest.web.pages.common import Context, page_router
from crest.web.presenters import friendly_time, session_marks
from crest.web.safety_presenter import after_check_in_notice, safety_notice
from crest.web.templating import render

router = page_router()
DEFAULT_REMINDER_TIME = Preferences.model_fields["reminder_time"].default


def _good_time(
    request: Request, protocol: Protocol, prescribed: Prescription | None, preferences: Preferences
) -> dict[str, Any]:
    """One suggestion of when to rest, never two that disagree: the time a prescription names, else the person's
    own reminder once they moved it, else the protocol's advice (which the default reminder, 18:00, agrees with)."""
    if prescribed is not None and prescribed.reminder_time:
        by = prescribed.prescribed_by or "your practitioner"
        return {
            "text": f"At {prescribed.reminder_time}, the time your prescription names.",
            "source": f"From your prescription ({by}).",
        }
    if preferences.reminder_time != DEFAULT_REMINDER_TIME:
        return {
            "text": f"At {preferences.reminder_time}, the time of your reminder.",
            "source": "From your reminder in Settings.",
        }
    return {
        "text": protocol.suggested_time.text,
        "source": f"Source: {protocol.cite(protocol.suggested_time.sources)}",
        "help": help_link(request, PROTOCOL_TEXTS.get(protocol.suggested_time.id)),
    }


def usual_dose(
    prescribed: Prescription | None, preferences: Preferences, protocol: Protocol
) -> tuple[int, VariantName]:
    """The minutes and variant a rest starts with unless the person chooses others: the prescription in force (as
    `crest session` takes it), else their settings."""
    if prescribed is None:
        return preferences.default_minutes, preferences.default_variant
    return prescribed.minutes, check_variant(protocol, prescribed.variant)


@router.get("/", name="today")
def today(request: Request, context: Context, saved: Literal["check-in"] | None = None) -> Response:
    """`saved`: a check-in just saved that Today answers (worse, or naming a warning sign), so the page says so."""
    services = context.services
    now = context.now()
    summary = services.reports.today()
    safety = services.safety.standing()
    preferences = services.preferences.current()
    protocol = context.protocol
    last = summary.last_session
    progress_line = services.reports.headline()
    prescribed = services.reports.prescription_in_force()  # its dose is the start form's default
    worse_today = services.check_ins.worse_today()
    open_rest = services.practice.open_session()  # paused, left or broken off: Session offers to resume it
    start_minutes, usual = usual_dose(prescribed, preferences, protocol)
    return render(
        request,
        "today.html",
        active="today",
        saved=saved,
        settings=preferences,
        timing=protocol.timing,
        variants=protocol.variants,
        safety_due=safety.due and not safety.concern_stands,
        notice=safety_notice(safety, context.local_zone, now)
        if safety.concern_stands or safety.side_lying_only
        else None,
        answer_again=safety.due,
        after_check_in=after_check_in_notice(
            services.check_ins.latest_advice(), safety.concern_stands, _help_offers(request, context)
        ),
        # While the answers advise resting on the side, only the side-lying rest is offered.
        may_start={name: not safety.side_lying_only or safety.may_practise(name) for name in protocol.variants},
        chosen_variant=SIDE_LYING_VARIANT
        if safety.side_lying_only
        else (SUPPORTED_VARIANT if worse_today else usual),  # as today's worse check-in suggested
        worse_today=worse_today_reminder(SUPPORTED_VARIANT, worse_today)
        if worse_today and not safety.side_lying_only
        else None,
        open_rest=None
        if open_rest is None
        else {
            "when": friendly_time(open_rest.started_at, context.local_zone, now),
            "rested": rested_text(open_rest.actual_seconds),
            "minutes": open_rest.planned_minutes,
            "variant": protocol.variant_title(open_rest.variant),
        },
        start_minutes=start_minutes,
        prescribed=prescribed,
        last_session=None
        if last is None
        else {
            "rested": rested_text(last.actual_seconds),
            "when": friendly_time(last.started_at, context.local_zone, now),
            "variant": protocol.variant_title(last.variant),
            # Beside "This week", which leaves it out: said here, so that the two do not seem to disagree.
            "status_label": last.status.label + session_marks(last),
        },
        sessions_this_week=summary.sessions_this_week,
        practice_rule=PRACTICE_RULE,
        streak_days=summary.streak_days if preferences.show_streaks else None,
        suggested_time=_good_time(request, protocol, prescribed, preferences),
        variant_help=help_links(request, VARIANTS, protocol.variants),
        progress_line=None if progress_line is None else line_view(progress_line),
        psfs_due=services.daily_activities.due() and not safety.due and worse_today is None,
        prescription=services.reports.prescription(),
    )


def _help_offers(request: Request, context: Context) -> list[dict[str, str]]:
    """The help the check-in page offers after saving (what was noticed), which a worse check-in's answer on Today
    would otherwise lose: why a session can make things worse first, then each noted sensation's entry."""
    latest = context.services.check_ins.latest()
    noted = sorted(latest.sensations) if latest is not None else []
    links = [help_link(request, WORSE_CHECK_IN), *help_links(request, SENSATIONS, noted).values()]
    return [link for link in links if link is not None]
