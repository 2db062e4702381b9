"""Server-rendered pages, one module per page; each handler calls the services and renders one template."""

from fastapi import APIRouter

from crest.web.pages import (
    check,
    checkin,
    help,
    journal,
    progress,
    psfs,
    report,
    safety,
    session,
    session_breath,
    session_log,
    settings,
    today,
    your_data,
)


def pages_router() -> APIRouter:
    router = APIRouter()
    pages = (
        today,
        safety,
        session,
        session_breath,
        session_log,
        checkin,
        journal,
        progress,
        psfs,
        report,
        check,
        settings,
        help,
    )
    for module in (*pages, your_data):
        router.include_router(module.router)
    return router
