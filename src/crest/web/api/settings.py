"""Preferences: defaults for the next session, voice, chime, height, theme, streaks."""

from typing import Annotated

from fastapi import APIRouter, Depends

from crest.services.preferences import Preferences
from crest.web.context import WebContext, web_context
from crest.web.schemas import PreferencesIn

router = APIRouter(prefix="/settings", tags=["settings"])
Context = Annotated[WebContext, Depends(web_context)]


@router.get("", response_model=Preferences)
def get_settings(context: Context) -> Preferences:
    return context.services.preferences.current()


@router.put("", response_model=Preferences)
def save_settings(body: PreferencesIn, context: Context) -> Preferences:
    return context.services.preferences.save(body)
