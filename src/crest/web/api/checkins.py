"""Check-ins: pain per region and side, sensations, a note; on their own or before/after a session."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from crest.insights.timeframe import start_of_day
from crest.journal.records import MAX_RECORD_ID, CheckIn, require_aware
from crest.services.sign_confirmation import signs_to_confirm
from crest.web.conditional import ETAG, REFUSED_SAVES, IfMatchHeader, Loaded, with_etag
from crest.web.context import WebContext, web_context
from crest.web.schemas import (
    CheckInAdviceOut,
    CheckInIn,
    CheckInOut,
    CheckInSavedOut,
    Day,
    ErrorOut,
    RecordId,
    RecordUid,
    WarningSignOut,
)

# Without a prefix: the signs a check-in would name live beside /checkins, where a path under it would read as an id.
router = APIRouter(tags=["check-ins"], responses={404: {"model": ErrorOut}})
Context = Annotated[WebContext, Depends(web_context)]


@router.post("/checkins", status_code=status.HTTP_201_CREATED, response_model=CheckInSavedOut)
def add_checkin(body: CheckInIn, context: Context) -> CheckInSavedOut:
    """Save a check-in; `advice` answers one that is clearly worse than before, or that names a warning sign."""
    check_ins = context.services.check_ins
    at = check_ins.now() if body.at is None else require_aware(body.at, "the check-in time")
    return _saved(context, check_ins.add(body.to_record(at), body.session_uid))


@router.post("/checkin-signs", response_model=list[WarningSignOut])
def urgent_signs(
    body: CheckInIn,
    context: Context,
    every: Annotated[bool, Query(description="with an urgent-care sign, every sign the check-in names")] = False,
) -> list[WarningSignOut]:
    """The urgent-care signs this check-in would name, nothing saved (empty when none); with `every`, where there is
    one, every warning sign it would name, urgent-care ones first, each with its level (the "see a clinician" ones
    too, each to be named with its own advice). Such a sign holds for two weeks and no correction lifts it, so the
    Check-in page asks "Is that right?" before it sends a check-in that names one; a client may do the same.
    `POST /api/checkins` itself saves without asking, as it always has."""
    check_ins = context.services.check_ins
    at = check_ins.now() if body.at is None else require_aware(body.at, "the check-in time")
    check_in = body.to_record(at)
    signs = signs_to_confirm(check_ins, check_in) if every else check_ins.urgent_signs(check_in)
    return [WarningSignOut.of(sign) for sign in signs]


@router.get("/checkins", response_model=list[CheckInOut])
def list_checkins(
    context: Context, since: Day | None = None, session_id: Annotated[int | None, Query(ge=1, le=MAX_RECORD_ID)] = None
) -> list[CheckInOut]:
    """Newest first; `since` is a day in the local time zone."""
    start = None if since is None else start_of_day(since, context.local_zone)
    found = context.services.check_ins.list_check_ins(since=start, session_id=session_id)
    return [CheckInOut.of(check_in) for check_in in reversed(found)]


@router.get("/checkins/{checkin_id}", response_model=CheckInOut, responses=ETAG)
def get_checkin(checkin_id: RecordId, context: Context, response: Response) -> CheckInOut:
    """The check-in, and its fingerprint as the `ETag` that a PUT or DELETE may send back as `If-Match`."""
    check_in = context.services.check_ins.get(checkin_id)
    with_etag(response, check_in)
    return CheckInOut.of(check_in)


@router.put("/checkins/{checkin_id}", response_model=CheckInSavedOut, responses=ETAG | REFUSED_SAVES)
def update_checkin(
    checkin_id: RecordId,
    body: CheckInIn,
    context: Context,
    response: Response,
    uid: RecordUid = None,
    loaded: Loaded = None,
    if_match: IfMatchHeader = None,
) -> CheckInSavedOut:
    """Replace a check-in; its time stays unless a new `at` is given. 409 for one a linked crest synced to a
    practice's server: it is corrected on that computer, and the next sync brings the correction; 409 too when
    `loaded` is given and the check-in was changed since (in another tab), and 412 when `If-Match` is given and
    does not name its ETag. The answer's `ETag` is the corrected check-in's."""
    check_ins = context.services.check_ins
    at = check_ins.get(checkin_id).at if body.at is None else require_aware(body.at, "the check-in time")
    corrected = check_ins.replace(checkin_id, body.to_record(at), uid, loaded, if_match)
    with_etag(response, corrected)
    return _saved(context, corrected)


def _saved(context: WebContext, check_in: CheckIn) -> CheckInSavedOut:
    advice = CheckInAdviceOut.of(context.services.check_ins.advice_for(check_in))
    return CheckInSavedOut(**CheckInOut.of(check_in).model_dump(), advice=advice)


@router.delete("/checkins/{checkin_id}", status_code=status.HTTP_204_NO_CONTENT, responses=REFUSED_SAVES)
def delete_checkin(
    checkin_id: RecordId, context: Context, uid: RecordUid = None, if_match: IfMatchHeader = None
) -> Response:
    """Delete a check-in; 409 for one a linked crest synced to a practice's server, and 412 for an `If-Match` it
    no longer matches, as for a correction."""
    context.services.check_ins.delete(checkin_id, uid, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
