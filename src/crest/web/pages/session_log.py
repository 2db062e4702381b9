"""Logging a session done without the app (on holiday, at a class): when, how long, which variant."""

from datetime import datetime, time, timedelta

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from crest.errors import CrestError
from crest.journal.records import InvalidDate, check_planned_minutes, check_variant, parse_day, shown_in_zone
from crest.protocol.model import UnknownVariant
from crest.web.form_words import choose_a_variant, refusal
from crest.web.pages.common import Context, SubmittedForm, page_router
from crest.web.pages.today import usual_dose
from crest.web.safety_presenter import standing_notice
from crest.web.templating import render

router = page_router()


def _page(
    request: Request, context: Context, form: dict[str, str], status_code: int = 200, error: str = ""
) -> Response:
    now = context.now().astimezone(context.local_zone)
    services = context.services
    # the rest prescribed, else the person's usual one, as Today's start form offers it
    minutes, variant = usual_dose(
        services.reports.prescription_in_force(), services.preferences.current(), context.protocol
    )
    start = now - timedelta(minutes=minutes)  # offered as a rest that has just ended
    return render(
        request,
        "session_log.html",
        status_code,
        active="journal_page",
        title="Log a session",
        form={"day": start.date().isoformat(), "time": start.strftime("%H:%M"), "minutes": str(minutes)}
        | {"variant": variant}
        | form,
        today=now.date().isoformat(),
        variants=context.protocol.variants,
        timing=context.protocol.timing,
        error=error,
        notice=standing_notice(context),
    )


@router.get("/session/log", name="session_log_page")
def session_log_page(request: Request, context: Context) -> Response:
    return _page(request, context, {})


@router.post("/session/log")
def save_logged_session(request: Request, context: Context, form: SubmittedForm) -> Response:
    try:
        day, clock = form.get("day", "").strip(), form.get("time", "").strip()
        if not day or not clock:
            raise InvalidDate("please give the day and the time the session started")
        # a day that is no date (30 February) said as every door says one, not as if none were given
        started_on = parse_day(day, "Day")
        try:
            started = datetime.combine(started_on, time.fromisoformat(clock))
        except ValueError:
            raise InvalidDate("please give the time the session started, like 07:30") from None
        try:
            minutes = int(form.get("minutes", ""))
        except ValueError:
            raise InvalidDate("please give the minutes you rested as a whole number") from None
        check_planned_minutes(minutes)
        try:
            variant = check_variant(form.get("variant", "standard"))
        except UnknownVariant:
            raise UnknownVariant(f"Variant: {choose_a_variant(context.protocol)}") from None
        started_at = shown_in_zone(started, context.local_zone, f"the time {clock} on {started_on.isoformat()}")
        context.services.practice.log(started_at, minutes, variant)
    except CrestError as error:
        return _page(request, context, form, error.http_status, refusal(error))
    return RedirectResponse(f"{request.url_for('journal_page').path}?logged=1", status_code=303)
