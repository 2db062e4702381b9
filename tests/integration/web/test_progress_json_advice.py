"""The progress JSON leads with a warning sign's advice while it stands, at both its doors (`/api/progress` and
`crest progress --json`): a client that reads only the verdicts said "better" beside an urgent-care warning that
every page leads with (walk-through "is it helping?" H2)."""

import pytest
from fastapi.testclient import TestClient

ADVICE = {
    "both my legs feel weak and numb since this morning": "Please seek urgent medical care now",
    "I fell off a ladder yesterday and hurt my back": "Please see a clinician",
}


@pytest.mark.parametrize("note", ADVICE)
def test_the_api_leads_with_the_advice_that_stands(cleared: TestClient, note: str) -> None:
    assert cleared.get("/api/progress").json()["advice"] is None
    assert cleared.post("/api/checkins", json={"note": note}).status_code == 201
    progress = cleared.get("/api/progress").json()
    assert next(iter(progress)) == "advice" and progress["advice"].startswith(ADVICE[note])
    assert "(source: " in progress["advice"]
