"""crest export's FHIR options (--fhir-version, --name) given with another format are refused in one line: the
JSON export was written without a word of them, so a person who meant FHIR sent their clinic a crest file
(walk s52 L2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.refusals import refused_line


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--fhir-version", "R4B", "-o", "out.json"], "crest: --fhir-version goes with --format fhir; the JSON export"),
        (["--format", "csv", "--name", "Dan", "-o", "out.zip"], "crest: --name goes with --format fhir; the CSV"),
    ],
    ids=["json with a FHIR release", "csv with a name"],
)
def test_a_fhir_option_with_another_format_is_refused_and_nothing_written(
    tmp_path: Path, args: list[str], said: str
) -> None:
    output = tmp_path / args[-1]
    line = refused_line(tmp_path / "home", "export", *args[:-1], str(output))
    assert line.startswith(said), line
    assert not output.exists()
