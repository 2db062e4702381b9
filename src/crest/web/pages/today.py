"""Today: start a session, the last one, this week, a good time of day; the safety questions on first use."""

from fastapi import Request
from fastapi.responses import Response

from crest.durations import rested_text
from crest.knowledge.why_links import PROTOCOL_TEXTS, VARIANTS
from crest.protocol.model import SIDE_LYING_VARIANT
from crest.session.timeline import check_variant
from crest.web.help_links import help_link, help_links
from crest.web.insight_views import line_view
from crest.web.pages.common import Context, page_router
from crest.web.presenters import friendly_time, variant_title
from crest.web.safety_presenter import after_check_in_notice, safety_notice
from crest.web.templating import render

router = page_router()


@router.get("/", name="today")
def today(request: Request, context: Context) -> Response:
    services = context.services
    now = context.now()
    summary = services.reports.today()
    safety = services.safety.standing()
    preferences = services.preferences.current()
    protocol = context.protocol
    last = summary.last_session
    progress_line = services.reports.headline()
    prescribed = services.reports.prescription_in_force()  # its dose is the start form's default
    return render(
        request,
        "today.html",
        active="today",
        settings=preferences,
        timing=protocol.timing,
        variants=protocol.variants,
        safety_due=safety.due and not safety.concern_stands,
        notice=safety_notice(safety, context.local_zone, now)
        if safety.concern_stands or safety.side_lying_only
        else None,
        answer_again=safety.due,
        after_check_in=after_check_in_notice(services.check_ins.latest_advice()),
        # While the answers advise resting on the side, only the side-lying rest is offered.
        may_start={name: not safety.side_lying_only or safety.may_practise(name) for name in protocol.variants},
        chosen_variant=SIDE_LYING_VARIANT
        if safety.side_lying_only
        else (preferences.default_variant if prescribed is None else check_variant(protocol, prescribed.variant)),
        start_minutes=preferences.default_minutes if prescribed is None else prescribed.minutes,
        prescribed=prescribed,
        last_session=None
        if last is None
        else {
            "rested": rested_text(last.actual_seconds),
            "when": friendly_time(last.started_at, context.local_zone, now),
            "variant": variant_title(protocol, last.variant),
            "status_label": last.status.label,
        },
        sessions_this_week=summary.sessions_this_week,
        streak_days=summary.streak_days if preferences.show_streaks else None,
        suggested_time={"text": protocol.suggested_time.text, "source": protocol.cite(protocol.suggested_time.sources)},
        suggested_time_help=help_link(request, PROTOCOL_TEXTS.get(protocol.suggested_time.id)),
        variant_help=help_links(request, VARIANTS, protocol.variants),
        progress_line=None if progress_line is None else line_view(progress_line),
        psfs_due=services.daily_activities.due() and not safety.due,
        prescription=services.reports.prescription(),
    )
