"""Practice sessions: written when the rest starts, checkpointed while it runs, finished at the end."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from pydantic import Field

from crest.insights.timeframe import start_of_day
from crest.journal.records import require_aware
from crest.web.conditional import ETAG, REFUSED_SAVES, IfMatchHeader, Loaded, with_etag
from crest.web.context import WebContext, web_context
from crest.web.schemas import (
    Day,
    ErrorOut,
    RecordId,
    RecordUid,
    SessionCheckpoint,
    SessionFinish,
    SessionLogIn,
    SessionOut,
    SessionStart,
    SessionUpdate,
)

router = APIRouter(prefix="/sessions", tags=["sessions"], responses={404: {"model": ErrorOut}})
Context = Annotated[WebContext, Depends(web_context)]
# Session paths take digits only (`{session_id:int}`), so that /sessions/logged is never read as session "logged":
# another method on it then answers 405 with its `Allow`, not a 422 about an id.


class StartedSessionOut(SessionOut):
    uid: str = Field(description="the session's uid: its checkpoints and finish send it back (`?uid=`)")


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=StartedSessionOut, responses={409: {"model": ErrorOut}}
)
def start_session(body: SessionStart, context: Context) -> StartedSessionOut:
    """Start a session; 409 with the advice while an answer to the safety questions advises against practising."""
    practice = context.services.practice
    session = practice.start(
        body.planned_minutes,
        body.variant,
        position_check_summary=body.position_check_summary,
        before_check_in_id=body.before_checkin_id,
        before_check_in_uid=body.before_checkin_uid,
        clock_speed=body.clock_speed,
    )
    assert session.id is not None
    return StartedSessionOut(**dict(SessionOut.of(session)), uid=practice.uids([session.id])[session.id])


class LoggedSessionOut(SessionOut):
    advice: str | None = Field(
        description="while a warning sign stands, what it asks (seek urgent care, see a clinician) and why, with "
        "its sources, as the terminal and the Log a session page say it; the rest is logged all the same"
    )


@router.post(
    "/logged",
    status_code=status.HTTP_201_CREATED,
    response_model=LoggedSessionOut,
    responses={409: {"model": ErrorOut}},
)
def log_session(body: SessionLogIn, context: Context) -> LoggedSessionOut:
    """Log a session done without the app (on holiday, at a class): back-dated, marked as logged, not timed; 409
    naming the session it overlaps when its time overlaps one already in the journal. `advice`: the warning sign
    that stands, if one does."""
    started_at = require_aware(body.started_at, "the session start")
    logged = SessionOut.of(context.services.practice.log(started_at, body.minutes, body.variant))
    standing = context.services.safety.standing()
    return LoggedSessionOut(**dict(logged), advice=standing.explanation() if standing.concern_stands else None)


@router.get("", response_model=list[SessionOut])
def list_sessions(context: Context, since: Day | None = None) -> list[SessionOut]:
    """Newest first; `since` is a day in the local time zone."""
    start = None if since is None else start_of_day(since, context.local_zone)
    return [SessionOut.of(session) for session in reversed(context.services.practice.list_sessions(since=start))]


@router.get("/{session_id:int}", response_model=SessionOut, responses=ETAG)
def get_session(session_id: RecordId, context: Context, response: Response) -> SessionOut:
    """The session, and its fingerprint as the `ETag` that a PUT or DELETE may send back as `If-Match`."""
    session = context.services.practice.get(session_id)
    with_etag(response, session)
    return SessionOut.of(session)


@router.post("/{session_id:int}/checkpoint", response_model=SessionOut, responses={409: {"model": ErrorOut}})
def checkpoint_session(
    session_id: RecordId, body: SessionCheckpoint, context: Context, uid: RecordUid = None
) -> SessionOut:
    """Save the time rested so far, and the breath read so far when the camera reads it (a tab closed or a
    browser killed mid-rest keeps it); `uid` as the start gave it: 409 if the session was deleted since and its id
    names another now."""
    breath = None if body.breath is None else body.breath.to_result()
    return SessionOut.of(
        context.services.practice.checkpoint(session_id, body.elapsed_s, body.clock_speed, uid, breath)
    )


@router.post("/{session_id:int}/finish", response_model=SessionOut, responses={409: {"model": ErrorOut}})
def finish_session(session_id: RecordId, body: SessionFinish, context: Context, uid: RecordUid = None) -> SessionOut:
    """End a session; `breath` is the camera's breath reading of the rest, when the person asked for one; `uid` as
    for a checkpoint."""
    breath = None if body.breath is None else body.breath.to_result()
    return SessionOut.of(
        context.services.practice.finish(session_id, body.elapsed_s, body.status, body.clock_speed, breath, uid)
    )


@router.put("/{session_id:int}", response_model=SessionOut, responses=ETAG | REFUSED_SAVES)
def update_session(
    session_id: RecordId,
    body: SessionUpdate,
    context: Context,
    response: Response,
    uid: RecordUid = None,
    loaded: Loaded = None,
    if_match: IfMatchHeader = None,
) -> SessionOut:
    """Correct a finished session: variant, seconds rested, status. A running session, more seconds than the
    session planned (or, for a rest crest timed, than its timer measured), a time that overlaps another session,
    or, on a practice's server, a session a linked crest synced there (corrected on that computer,
    the next sync brings it) answers 409; so does one changed since `loaded` (in another tab), and 412 one whose
    ETag `If-Match` does not name. The answer's `ETag` is the corrected session's."""
    corrected = context.services.practice.correct(session_id, body.to_record(), uid, loaded, if_match)
    with_etag(response, corrected)
    return SessionOut.of(corrected)


@router.delete("/{session_id:int}", status_code=status.HTTP_204_NO_CONTENT, responses=REFUSED_SAVES)
def delete_session(
    session_id: RecordId, context: Context, uid: RecordUid = None, if_match: IfMatchHeader = None
) -> Response:
    """Delete a session; its check-ins stay, on their own. 409 for one a linked crest synced to a practice's
    server, and 412 for an `If-Match` it no longer matches, as for a correction."""
    context.services.practice.delete(session_id, uid, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
