"""crest import repeats a wrong value of the file between curly quotes, as every other one-line refusal repeats
what was typed (572569f7); it said advice level 'fine', is 'maybe', 'yes' is not true or false (walk s52 L1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from support.refusals import refused_line

SESSION = {"id": 1, "started_at": "2026-11-23T08:00:00+00:00", "planned_minutes": 15, "actual_seconds": 900}
SESSION |= {"variant": "standard", "status": "completed", "position_check_summary": None, "logged": True}
SCREEN = {"id": 1, "answered_at": "2026-12-01T10:00:00+00:00", "advice_level": "clear"}
SCREEN |= {"answers": {"night_pain": False}}


def _file(sessions: list[Any] | None = None, screens: list[Any] | None = None, **top: Any) -> dict[str, Any]:
    file = {"format": "crest-journal", "version": 1, "sessions": sessions or [], "safety_screens": screens or []}
    return {**file, **top}


@pytest.mark.parametrize(
    ("contents", "said"),
    [
        (_file(format="other"), "field format: expected “crest-journal”, found “other”"),
        (_file([{**SESSION, "demo": "yes"}]), "field sessions[0].demo: “yes” is not true or false"),
        (_file(screens=[{**SCREEN, "answers": {"night_pain": "maybe"}}]), "is “maybe”, not yes or no"),
        (_file(screens=[{**SCREEN, "advice_level": "fine"}]), "unknown safety advice level “fine”; expected"),
    ],
    ids=["format", "demo", "answer", "advice level"],
)
def test_a_wrong_value_in_the_file_is_repeated_between_curly_quotes(
    tmp_path: Path, contents: dict[str, Any], said: str
) -> None:
    path = tmp_path / "journal.json"
    path.write_text(json.dumps(contents))
    line = refused_line(tmp_path / "home", "import", str(path))
    assert said in line, line
    assert "'" not in line.split(str(path))[1]
