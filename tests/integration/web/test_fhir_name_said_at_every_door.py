"""A name for the FHIR file's Patient with a pasted control character is refused in one wording at every door that
takes one, saying which character (by its escape: unseen, it could not be found to be deleted otherwise). The words
come from the export's own check (interop.fhir); before, only the Report page said which, and `crest export --name`
and /api/export said "the name must be plain text of at most 200 characters" or "crest cannot use ... here"."""

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from support.refusals import refused_line

HIDDEN = [pytest.param("\u202e", "\\u202e", id="bidi"), pytest.param("\x9b", "\\x9b", id="a-c1-control")]


def _words(escaped: str) -> str:
    hidden = f"a hidden control character ({escaped})"
    return f"your name contains {hidden} that crest does not keep; delete it from your name"


@pytest.mark.parametrize(("character", "escaped"), HIDDEN)
def test_the_terminal_says_which_character_in_one_line(tmp_path: Path, character: str, escaped: str) -> None:
    line = refused_line(tmp_path / "home", "export", "--format", "fhir", "--name", f"Ada{character} Lovelace")
    assert line == f"crest: {_words(escaped)}"


@pytest.mark.parametrize(("character", "escaped"), HIDDEN)
def test_the_api_says_which_character(cleared: TestClient, character: str, escaped: str) -> None:
    refused = cleared.get("/api/export", params={"format": "fhir", "name": f"Ada{character} Lovelace"})
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/json")
    assert _words(escaped) in refused.json()["detail"]


@pytest.mark.parametrize(("character", "escaped"), HIDDEN)
def test_the_report_page_says_which_character_beside_the_box(cleared: TestClient, character: str, escaped: str) -> None:
    page = cleared.get("/report/fhir", params={"fhir_version": "R5", "name": f"Ada{character} Lovelace"})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    said = re.search(r'<p id="fhir-error" class="notice danger" role="alert">([^<]+)</p>', page.text)
    assert said is not None and unescape(said.group(1)) == _words(escaped).capitalize() + "."
