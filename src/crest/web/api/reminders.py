"""A calendar reminder as an iCalendar file to download (the same as `crest remind`)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from crest.errors import FieldError
from crest.interop.ical import CLOCK_TIME_PATTERN, WEEKDAYS_PATTERN, InvalidReminder, parse_weekdays
from crest.web.context import WebContext, web_context
from crest.web.schemas import TIME_ZONES, ErrorOut, exact_time_problem

router = APIRouter(tags=["reminders"])
Context = Annotated[WebContext, Depends(web_context)]


@router.get(
    "/reminder.ics",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {}}, "description": "a weekly reminder with an alarm"},
        409: {
            "model": ErrorOut,
            "description": "no reminder to rest while the safety answers or a check-in advise "
            "seeing a clinician or urgent care",
        },
    },
)
def reminder(
    context: Context,
    # the patterns are checked below, to refuse in words ("write it like 18:00") and not the framework's
    time: Annotated[
        list[str] | None,
        Query(
            description="local time, like 18:00; twice for two reminders a day",
            json_schema_extra={"items": {"type": "string", "pattern": CLOCK_TIME_PATTERN}, "maxItems": 2},
        ),
    ] = None,
    days: Annotated[
        str | None, Query(description="like mon,wed,fri", json_schema_extra={"pattern": WEEKDAYS_PATTERN})
    ] = None,
    minutes: Annotated[int | None, Query(ge=5, le=30)] = None,
    zone: Annotated[
        str | None,
        Query(min_length=1, max_length=60, description="like Europe/Berlin", json_schema_extra={"enum": TIME_ZONES}),
    ] = None,
) -> Response:
    """Anything not given comes from Settings. Some calendar apps drop the alarm when they import a file. 409 while
    a warning sign stands: a daily reminder to rest would say the opposite of its advice."""
    for each in time or ():
        if (problem := exact_time_problem(each)) is not None:
            raise FieldError("time", problem)
    try:
        chosen_days = None if days is None else parse_weekdays(days)  # the rule `crest remind --days` reads by
    except InvalidReminder as refused:
        raise FieldError("days", refused.message) from None
    return calendar_download(
        context.services.reminders.calendar(
            times=tuple(time) if time else None, days=chosen_days, minutes=minutes, zone_name=zone
        )
    )


def calendar_download(text: str) -> Response:
    """The reminder as a file to save, here and from Settings' "Save and download"."""
    return Response(
        text,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="crest-reminder.ics"'},
    )
