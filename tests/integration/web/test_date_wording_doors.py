"""A day that is no date is said in one wording at every door that takes one: the terminal's options, the API's
days, the Progress and Report boxes, the all-clear's day and a prescription's start. The words come from one
function (input_problems.not_a_date); they were "cannot read --since '...'; write it like 2026-05-01", "write the
day as YYYY-MM-DD, from 2000 on, like 2026-05-01" and "enter a date like 2026-05-01, not “...”"."""

from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from support.refusals import refused_line

HOW = "is not a date; write it as YYYY-MM-DD, for example 2026-05-01"


@pytest.mark.parametrize("typed", ["2026-13-01", "soon"])
def test_a_day_that_is_no_date_reads_the_same_at_therefused_line(tmp_path: Path, typed: str) -> None:
    words = f"“{typed}” {HOW}"
    home = tmp_path / "home"
    for args, option in (
        (["report"], "--since"),
        (["report"], "--until"),
        (["progress"], "--since"),
        (["safety", "--cleared-by", "Dr Ames"], "--cleared-on"),
    ):
        assert refused_line(home, *args, option, typed) == f"crest: {option}: {words}", args
    # a day or a time: the same words, and the time it also takes
    history = refused_line(home, "history", "--since", typed)
    assert history == f"crest: --since: {words}, or a time, like 2026-05-01T07:30"


@pytest.mark.parametrize("typed", ["2026-13-01", "soon"])
def test_a_day_that_is_no_date_reads_the_same_in_the_api_and_on_the_pages(client: TestClient, typed: str) -> None:
    words = f"“{typed}” {HOW}"
    for path in ("/api/checkins", "/api/sessions", "/api/progress"):
        api = client.get(path, params={"since": typed})
        assert api.status_code == 422 and api.json()["errors"] == [
            {"field": "since", "label": "Since", "message": words}
        ], path
    clearance = client.post("/api/safety/clearances", json={"clinician": "Dr Ames", "cleared_on": typed})
    assert clearance.status_code == 422 and clearance.json()["errors"][0]["message"] == words
    progress = client.get("/progress", params={"since": typed})
    assert progress.status_code == 422 and f"Compare from: {words}." in unescape(progress.text)
    for name in ("since", "until"):
        report = client.get("/report", params={name: typed})
        assert report.status_code == 422 and words in unescape(report.text), name
    form = client.post("/safety/clearance", data={"clinician": "Dr Ames", "cleared_on": typed})
    assert form.status_code == 422 and f"The day they checked: {words}" in unescape(form.text)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("1999-12-31", "the day 1999-12-31 is before 2000, when crest's records begin; choose a later day"),
        ("9999-12-31", "the day 9999-12-31 is after 9000; choose an earlier day"),
    ],
)
def test_a_date_outside_crests_years_is_said_as_one_not_as_no_date(client: TestClient, typed: str, words: str) -> None:
    """The API's days said "write the day as YYYY-MM-DD, from 2000 on" for these too; now they read as the terminal
    says them (check_window_day), still refused."""
    api = client.get("/api/checkins", params={"since": typed})
    assert api.status_code == 422 and api.json()["errors"][0]["message"] == words
    page = client.get("/progress", params={"since": typed})
    assert page.status_code == 422 and f"Compare from: {words}." in unescape(page.text)
