"""Server-rendered pages, one module per page; each handler calls the services and renders one template."""

from fastapi import APIRouter

from crest.web.pages import check, checkin, help, journal, progress, psfs, report, safety, session, settings, today


def pages_router() -> APIRouter:
    router = APIRouter()
    for module in (today, safety, session, checkin, journal, progress, psfs, report, check, settings, help):
        router.include_router(module.router)
    return router
