"""Server-rendered pages, one module per page; each handler calls the services and renders one template."""

from fastapi import APIRouter

from crest.web.pages import (
    check,
    checkin,
    journal,
    progress,
    psfs,
    report,
    safety,
    session,
    session_log,
    settings,
    today,
)


def pages_router() -> APIRouter:
    router = APIRouter()
    for module in (today, safety, session, session_log, checkin, journal, progress, psfs, report, check, settings):
        router.include_router(module.router)
    return router
