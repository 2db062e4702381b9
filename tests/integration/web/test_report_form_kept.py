"""A day the Report page cannot take (a year typo, 1999) shows the Report page again, the refusal beside the box it
names as the form does ("From", not "Since"), and every other choice kept; before, Update and both downloads led to
an error page without the form whose only link went to Today."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

EARLY = "the day 1999-01-01 is before 2000, when crest's records begin; choose a later day"


def _input(page: str, name: str) -> str:
    found = re.search(rf'<input id="{name}"[^>]*>', page)
    assert found is not None
    return found.group(0)


@pytest.mark.parametrize("path", ["/report", "/report.pdf", "/report.html"])
def test_a_day_before_2000_comes_back_to_the_form_with_every_choice_kept(client: TestClient, path: str) -> None:
    page = client.get(path, params={"since": "1999-01-01", "until": "", "paper": "letter", "notes": "true"})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    text = unescape(page.text)
    assert f"From: {EARLY}." in text
    assert "Since" not in text
    since, until = _input(page.text, "since"), _input(page.text, "until")
    assert 'value="1999-01-01"' in since and 'aria-invalid="true"' in since and "autofocus" in since
    assert 'aria-invalid="true"' not in until  # the box it names, not both
    assert '<option value="letter" selected>' in page.text
    assert re.search(r'<input type="checkbox" name="notes" value="true" checked>', page.text)
    assert 'class="report-preview"' in page.text  # the usual report under the form


def test_a_day_that_is_no_date_names_the_to_box(client: TestClient) -> None:
    page = client.get("/report", params={"until": "soon"})
    assert page.status_code == 422
    assert "To: “soon” is not a date; write it as YYYY-MM-DD" in unescape(page.text)
    assert 'aria-invalid="true"' in _input(page.text, "until")
    assert 'aria-invalid="true"' not in _input(page.text, "since")


def test_a_period_refused_as_a_whole_still_marks_both_boxes(client: TestClient) -> None:
    page = client.get("/report", params={"since": "2026-05-06", "until": "2026-05-01"})
    assert page.status_code == 422 and "check “From” and “To”" in unescape(page.text)
    assert all('aria-invalid="true"' in _input(page.text, name) for name in ("since", "until"))


def _fhir_form(page: str) -> str:
    found = re.search(r'<form method="get" action="([^"]+)"[^>]*aria-labelledby="fhir-heading">', page)
    assert found is not None
    return found.group(1)


def test_a_fhir_name_crest_refuses_comes_back_to_the_report_page_beside_its_box(client: TestClient) -> None:
    """Walk s52 L5: the form sent to /api/export, whose refusal of a pasted bidi override was raw JSON in the
    browser. The API keeps its JSON; the page's form answers with the page, the name and version kept."""
    client.post("/api/checkins", json={"pain": [{"region": "hip", "side": "left", "score": 4}]})
    action = _fhir_form(client.get("/report").text)
    page = client.get(action, params={"fhir_version": "R4B", "name": "Ada\u202e Lovelace"})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    said = re.search(r'<p id="fhir-error" class="notice danger" role="alert">([^<]+)</p>', page.text)
    assert said is not None
    hidden = (
        "Your name contains a hidden control character (\\u202e) that crest does not keep; delete it from your name."
    )
    assert unescape(said.group(1)) == hidden
    name = _input(page.text, "fhir_name")
    assert 'value="Ada\u202e Lovelace"' in name and 'aria-invalid="true"' in name and "autofocus" in name
    assert 'aria-describedby="fhir-error fhir-name-hint"' in name
    assert '<option value="R4B" selected>' in page.text and 'class="report-preview"' in page.text
    api = client.get("/api/export", params={"format": "fhir", "name": "Ada\u202e"})
    assert api.json()["detail"] == hidden.removesuffix(".").lower()  # the same words, the API's answer still JSON
    download = client.get(action, params={"fhir_version": "R5", "name": "  Ada   Lovelace "})
    assert download.status_code == 200 and download.headers["content-type"].startswith("application/fhir+json")
    assert 'filename="crest-fhir-R5-' in download.headers["content-disposition"]
    assert json.loads(download.text)["entry"][0]["resource"]["name"] == [{"text": "Ada Lovelace"}]
    too_long = client.get(action, params={"name": "A" * 201})  # past the box's maxlength: the export's own words
    assert too_long.status_code == 422
    assert "Your name must be plain text of at most 200 characters." in unescape(too_long.text)
