"""Text that is not valid Unicode, from the command line or an import file: one line, exit 2 (issue 9.4).

A terminal in another encoding passes bytes that are not UTF-8 (Python reads them as lone surrogates); a JSON
file can hold a lone surrogate as an escape. Neither can be stored, so neither may reach the journal.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crest.journal.store import Journal
from crest.journal.transfer import InvalidImportFile, read_export_file

SRC = Path(__file__).resolve().parents[3] / "src"
BROKEN = "x\ud800"

EXPORT: dict[str, Any] = {
    "format": "crest-journal",
    "version": 1,
    "sessions": [
        {
            "id": 1,
            "started_at": "2026-05-01T07:00:00+00:00",
            "planned_minutes": 15,
            "actual_seconds": 900,
            "variant": "standard",
            "status": "completed",
            "position_check_summary": "in position",
        }
    ],
    "check_ins": [
        {
            "id": 1,
            "at": "2026-05-01T07:16:00+00:00",
            "timing": "after",
            "session_id": 1,
            "pain": [{"region": "knee", "side": "left", "score": 2}],
            "sensations": ["warmth"],
            "compared_with_before": "better",
            "note": "easier",
        }
    ],
    "safety_screens": [],
    "settings": [{"key": "theme", "value": "dark"}],
}


def _crest(home: Path, *args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "CREST_HOME": str(home), "PYTHONPATH": str(SRC)}
    environment.pop("CREST_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "crest", *args], capture_output=True, env=environment, timeout=60, check=False
    )


def _assert_one_line(result: subprocess.CompletedProcess[bytes], *words: str) -> None:
    stderr = result.stderr.decode("utf-8", "backslashreplace")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    for word in words:
        assert word in stderr


def _put(document: dict[str, Any], where: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    target: Any = changed
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    return changed


@pytest.mark.parametrize(
    ("where", "field"),
    [
        (("sessions", 0, "position_check_summary"), "position_check_summary"),
        (("sessions", 0, "variant"), "variant"),
        (("check_ins", 0, "note"), "note"),
        (("check_ins", 0, "pain", 0, "region"), "region"),
        (("check_ins", 0, "sensations"), "sensations"),
        (("settings", 0, "key"), "key"),
        (("settings", 0, "value"), "value"),
    ],
)
def test_an_import_field_with_a_lone_surrogate_is_named(
    tmp_path: Path, where: tuple[str | int, ...], field: str
) -> None:
    value = [BROKEN] if field == "sensations" else BROKEN
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(_put(EXPORT, where, value)), encoding="utf-8")
    with pytest.raises(InvalidImportFile, match=rf"field [a-z_.\[\]0-9]*{field}: .*not valid text"):
        read_export_file(path)


def test_a_safety_answer_with_a_lone_surrogate_for_a_question_is_refused(tmp_path: Path) -> None:
    screen = {"id": 1, "answered_at": "2026-05-01T06:00:00+00:00", "advice_level": "clear", "answers": {BROKEN: False}}
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(_put(EXPORT, ("safety_screens",), [screen])), encoding="utf-8")
    with pytest.raises(InvalidImportFile, match=r"field safety_screens\[0\]\.answers: .*not valid text"):
        read_export_file(path)


def test_the_command_line_refuses_broken_text_in_one_line_and_stores_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _assert_one_line(_crest(home, "log", "--note", b"caf\xe9 au lait"), "note", "not valid text")
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(_put(EXPORT, ("check_ins", 0, "note"), BROKEN)), encoding="utf-8")
    _assert_one_line(_crest(home, "import", str(path)), "field check_ins[0].note")
    for option in ("--pain", "--sensation", "--at"):
        _assert_one_line(_crest(home, "log", option, b"\xff\xfe"))
    _assert_one_line(_crest(home, "psfs", "--rate", b"walking \xe9=3"), "activity", "not valid text")
    for option in ("--zone", "--time"):
        _assert_one_line(_crest(home, "remind", option, b"caf\xe9"), "reminder", "not valid text")
    with Journal.open(f"sqlite:///{home / 'crest.db'}") as journal:
        assert journal.is_empty()
