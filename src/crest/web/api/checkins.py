"""Check-ins: pain per region and side, sensations, a note; on their own or before/after a session."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from crest.journal.records import MAX_RECORD_ID, require_aware
from crest.web.context import WebContext, web_context
from crest.web.schemas import CheckInIn, CheckInOut, ErrorOut, RecordId
from crest.web.timeframe import start_of_day

router = APIRouter(prefix="/checkins", tags=["check-ins"], responses={404: {"model": ErrorOut}})
Context = Annotated[WebContext, Depends(web_context)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CheckInOut)
async def add_checkin(body: CheckInIn, context: Context) -> CheckInOut:
    at = context.now() if body.at is None else require_aware(body.at, "the check-in time")
    check_in_id = context.journal.add_checkin(body.to_record(at))
    return CheckInOut.of(context.journal.get_checkin(check_in_id))


@router.get("", response_model=list[CheckInOut])
async def list_checkins(
    context: Context, since: date | None = None, session_id: Annotated[int | None, Query(ge=1, le=MAX_RECORD_ID)] = None
) -> list[CheckInOut]:
    """Newest first; `since` is a day in the local time zone."""
    start = None if since is None else start_of_day(since, context.local_zone)
    found = context.journal.list_checkins(since=start, session_id=session_id)
    return [CheckInOut.of(check_in) for check_in in reversed(found)]


@router.get("/{checkin_id}", response_model=CheckInOut)
async def get_checkin(checkin_id: RecordId, context: Context) -> CheckInOut:
    return CheckInOut.of(context.journal.get_checkin(checkin_id))


@router.put("/{checkin_id}", response_model=CheckInOut)
async def update_checkin(checkin_id: RecordId, body: CheckInIn, context: Context) -> CheckInOut:
    """Replace a check-in; its time stays unless a new `at` is given."""
    journal = context.journal
    at = journal.get_checkin(checkin_id).at if body.at is None else require_aware(body.at, "the check-in time")
    journal.update_checkin(body.to_record(at, checkin_id))
    return CheckInOut.of(journal.get_checkin(checkin_id))


@router.delete("/{checkin_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_checkin(checkin_id: RecordId, context: Context) -> Response:
    context.journal.delete_checkin(checkin_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
