"""Practice sessions: written when the rest starts, checkpointed while it runs, finished at the end."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from crest.journal.recovery import current_owner
from crest.web.context import WebContext, web_context
from crest.web.schemas import (
    ErrorOut,
    RecordId,
    SessionCheckpoint,
    SessionFinish,
    SessionOut,
    SessionStart,
    SessionUpdate,
)
from crest.web.timeframe import start_of_day

router = APIRouter(prefix="/sessions", tags=["sessions"], responses={404: {"model": ErrorOut}})
Context = Annotated[WebContext, Depends(web_context)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SessionOut)
async def start_session(body: SessionStart, context: Context) -> SessionOut:
    journal = context.journal
    session_id = journal.start_session(context.now(), body.planned_minutes, body.variant, current_owner())
    if body.position_check_summary:
        journal.set_position_check_summary(session_id, body.position_check_summary)
    return SessionOut.of(journal.get_session(session_id))


@router.get("", response_model=list[SessionOut])
async def list_sessions(context: Context, since: date | None = None) -> list[SessionOut]:
    """Newest first; `since` is a day in the local time zone."""
    start = None if since is None else start_of_day(since, context.local_zone)
    return [SessionOut.of(session) for session in reversed(context.journal.list_sessions(since=start))]


@router.get("/{session_id}", response_model=SessionOut)
async def get_session(session_id: RecordId, context: Context) -> SessionOut:
    return SessionOut.of(context.journal.get_session(session_id))


@router.post("/{session_id}/checkpoint", response_model=SessionOut)
async def checkpoint_session(session_id: RecordId, body: SessionCheckpoint, context: Context) -> SessionOut:
    context.journal.checkpoint_session(session_id, body.elapsed_s)
    return SessionOut.of(context.journal.get_session(session_id))


@router.post("/{session_id}/finish", response_model=SessionOut)
async def finish_session(session_id: RecordId, body: SessionFinish, context: Context) -> SessionOut:
    context.journal.finish_session(session_id, body.elapsed_s, body.status)
    return SessionOut.of(context.journal.get_session(session_id))


@router.put("/{session_id}", response_model=SessionOut, responses={409: {"model": ErrorOut}})
async def update_session(session_id: RecordId, body: SessionUpdate, context: Context) -> SessionOut:
    """Correct a finished session: variant, seconds rested, status. A running session answers 409."""
    context.journal.update_session(session_id, body.to_record())
    return SessionOut.of(context.journal.get_session(session_id))


@router.delete("/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_session(session_id: RecordId, context: Context) -> Response:
    """Delete a session and its check-ins."""
    context.journal.delete_session(session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
