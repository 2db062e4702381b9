"""A daily activity's name, a session's position check summary and the FHIR export's name with a hidden control
character (DEL, a C1 control, a bidirectional override) are refused at the web's doors as a note's is: the API
(422, nothing kept) and the activities form (422, the form again). Before, only C0 (ESC) was refused."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

HIDDEN = [pytest.param("\x7f", id="del"), pytest.param("\x9b", id="a-c1-control"), pytest.param("\u202e", id="bidi")]


@pytest.mark.parametrize("character", HIDDEN)
def test_the_api_refuses_an_activity_with_one(cleared: TestClient, character: str) -> None:
    response = cleared.post("/api/psfs", json={"activities": [{"name": f"bad{character}name", "score": 3}]})
    assert response.status_code == 422, response.text
    assert "control characters" in response.json()["detail"]
    assert cleared.get("/api/psfs").json() == []


@pytest.mark.parametrize("character", HIDDEN)
def test_the_activities_form_refuses_an_activity_with_one(cleared: TestClient, character: str) -> None:
    response = cleared.post("/psfs", data={"name_1": f"bad{character}name", "score_1": "3"})
    assert response.status_code == 422
    assert "The activity contains control characters" in response.text
    assert cleared.get("/api/psfs").json() == []


@pytest.mark.parametrize("character", HIDDEN)
def test_the_api_refuses_a_position_summary_with_one(cleared: TestClient, character: str) -> None:
    response = cleared.post("/api/sessions", json={"planned_minutes": 15, "position_check_summary": f"ok{character}"})
    assert response.status_code == 422, response.text
    assert cleared.get("/api/sessions").json() == []


@pytest.mark.parametrize("character", HIDDEN)
def test_the_fhir_export_refuses_a_name_with_one(cleared: TestClient, character: str) -> None:
    response = cleared.get("/api/export", params={"format": "fhir", "name": f"Ada{character} Lovelace"})
    assert response.status_code == 422, response.text
