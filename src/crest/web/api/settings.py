"""Preferences: defaults for the next session, voice, chime, height, theme, streaks."""

from typing import Annotated

from fastapi import APIRouter, Depends

from crest.web.context import WebContext, web_context
from crest.web.preferences import Preferences

router = APIRouter(prefix="/settings", tags=["settings"])
Context = Annotated[WebContext, Depends(web_context)]


@router.get("", response_model=Preferences)
def get_settings(context: Context) -> Preferences:
    return Preferences.from_stored(context.journal.get_settings())


@router.put("", response_model=Preferences)
def save_settings(body: Preferences, context: Context) -> Preferences:
    context.journal.save_settings(body.to_stored())
    return Preferences.from_stored(context.journal.get_settings())
