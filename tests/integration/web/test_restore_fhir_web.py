"""crest's own FHIR export, given to Restore or `crest import`, is named for what it is (a file for other software)
with the export crest restores from, in each door's words; it said "line 1, field format: expected 'crest-journal'
first, found field 'resourceType'" (a new user's walk-through, L6)."""

from __future__ import annotations

from html import unescape
from pathlib import Path

from fastapi.testclient import TestClient

from support.refusals import refused_line

FHIR = "is a FHIR file, for other software (a clinic's health records), which crest does not restore"


def test_the_browsers_restore_of_a_fhir_export_says_what_it_is_and_what_to_choose(cleared: TestClient) -> None:
    cleared.post("/api/checkins", json={"note": "a quiet evening"})
    fhir = cleared.get("/api/export", params={"format": "fhir"})
    assert fhir.status_code == 200 and b'"resourceType"' in fhir.content
    refused = cleared.post("/settings/restore", files={"file": ("crest-fhir.json", fhir.content, "application/json")})
    assert refused.status_code == 422
    said = unescape(refused.text)
    assert f"crest-fhir.json {FHIR}; choose a file made with Export JSON or Export CSV (or “crest export”)" in said
    assert "resourceType" not in said and "crest-journal" not in said


def test_the_terminal_says_it_in_its_own_words_wherever_the_resource_type_comes(tmp_path: Path) -> None:
    bundle = tmp_path / "f.json"
    bundle.write_text('{"id": "x", "type": "collection", "resourceType": "Bundle", "entry": []}')  # not first
    line = refused_line(tmp_path / "home", "import", str(bundle))
    assert line == f"crest: {bundle} {FHIR}; give the JSON file or CSV zip `crest export` wrote"
    other = tmp_path / "other.json"
    other.write_text('{"id": "x", "note": "the \\"resourceType\\": field"}')  # another program's JSON still
    assert refused_line(tmp_path / "home", "import", str(other)).endswith(
        "field format: expected “crest-journal” first, found field “id”"
    )
