"""A warning sign's advice at every door (walk-through "is it helping?" H1): while "seek urgent care" or "see a
clinician" stands, every page of the local app that shows the person's data leads with it, before its first form or
section, as Today does. The pages are walked from the app's own routes, so a new page that leaves it out fails."""

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from support.routes import app_routes

# Each page, by its route, with the address that opens it ({session} is a logged session of the person's).
PAGES = {
    "/": "/",
    "/check": "/check",
    "/checkin": "/checkin",
    "/help": "/help?q=my back hurts more after",
    "/help/{entry_id}": "/help/does_it_work",
    "/journal": "/journal",
    "/progress": "/progress",
    "/psfs": "/psfs",
    "/report": "/report",
    "/safety": "/safety",
    "/safety/clearance": "/safety/clearance",
    "/safety/look": "/safety/look",  # nothing kept to look at: the safety page
    "/safety/again": "/safety/again",  # nothing kept to ask again: the safety page
    "/safety/saved": "/safety/saved",
    "/session": "/session",  # sends the person to the safety page, which says why
    "/session/edit": "/session/edit?session_id={session}",
    "/session/log": "/session/log",
    "/settings": "/settings",
    "/settings/delete-everything": "/settings/delete-everything",  # opened again: Settings
    "/settings/restore": "/settings/restore",
}
NOT_PAGES = {
    "/openapi.json": "the API's document",
    "/report.css": "a style sheet",
    "/report.html": "the report's file for the clinician, whose 'In short' leads with the advice (test_report_*)",
    "/report.pdf": "the same report as a PDF",
    # A name it refuses comes back to the Report page, which leads with the advice (test_a_refused_fhir_name_...).
    "/report/fhir": "the FHIR file for other health software, whose Flags carry the advice that stands",
    "/session/breath": "a part of the session page, fetched by its script",
    "/static": "the pages' scripts and styles",
}
ADVICE = {
    "urgent": ("both my legs feel weak and numb since this morning", "Please seek urgent medical care now"),
    "see a clinician": ("I fell off a ladder yesterday and hurt my back", "Please see a clinician"),
}


def test_every_page_of_the_local_app_is_walked(app: FastAPI) -> None:
    pages = {path for method, path in app_routes(app) if method == "GET" and not path.startswith("/api")}
    assert pages - set(NOT_PAGES) == set(PAGES), "a page to add to PAGES (or, if it is no page, to NOT_PAGES)"


@pytest.mark.parametrize("advice", ADVICE)
@pytest.mark.parametrize("route", PAGES)
def test_a_page_leads_with_the_advice_that_stands(cleared: TestClient, advice: str, route: str) -> None:
    note, opening = ADVICE[advice]
    session = cleared.post("/api/sessions/logged", json={"started_at": "2026-05-06T08:00:00Z", "minutes": 10})
    assert cleared.post("/api/checkins", json={"note": note}).status_code == 201
    page = cleared.get(PAGES[route].format(session=session.json()["id"]))
    assert page.status_code == 200, page.text
    main = page.text.split('<main id="main"', 1)[1]
    lead = re.split(r"<h2|<form", re.sub(r"<script.*?</script>", "", main, flags=re.S), maxsplit=1)[0]
    assert opening in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", lead)), f"{route} does not lead with the advice"


@pytest.mark.parametrize("advice", ADVICE)
def test_a_refused_fhir_name_comes_back_to_a_page_that_leads_with_the_advice(cleared: TestClient, advice: str) -> None:
    note, opening = ADVICE[advice]
    assert cleared.post("/api/checkins", json={"note": note}).status_code == 201
    page = cleared.get("/report/fhir", params={"name": "Ada \u202e Lovelace"})
    assert page.status_code == 422 and "text/html" in page.headers["content-type"]
    main = page.text.split('<main id="main"', 1)[1]
    lead = re.split(r"<h2|<form", re.sub(r"<script.*?</script>", "", main, flags=re.S), maxsplit=1)[0]
    assert opening in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", lead)), "the Report page does not lead with the advice"
