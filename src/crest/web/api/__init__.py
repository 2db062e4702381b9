"""The JSON API under /api: one module per resource."""

from fastapi import APIRouter

from crest.web.api import check, checkins, export, help, progress, psfs, reminders, safety, sessions, settings


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api")
    for module in (sessions, checkins, safety, settings, export, progress, psfs, reminders, check, help):
        router.include_router(module.router)
    return router
