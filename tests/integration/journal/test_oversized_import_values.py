"""Numbers of thousands of digits and brackets nested 100,000 deep: one line, exit 2, nothing imported (9.6)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crest.journal.transfer import InvalidImportFile, read_export_file

SRC = Path(__file__).resolve().parents[3] / "src"
HEADER = (
    "record,id,at,planned_minutes,actual_seconds,variant,status,position_check_summary,timing,session_id,"
    "check_in_id,compared_with_before,sensations,note,region,side,score,advice_level,answers,key,value\n"
)
HUGE = "9" * 5000


def _json_with_session_id(session_id: str) -> str:
    return (
        '{"format": "crest-journal", "version": 1, "sessions": [\n'
        f'{{"id": {session_id}, "started_at": "2026-05-01T07:00:00+00:00", "planned_minutes": 15,'
        ' "actual_seconds": 0, "variant": "standard", "status": "completed", "position_check_summary": null}\n]}'
    )


FILES = {
    "huge.json": (_json_with_session_id(HUGE), "line 2", "digits"),
    "large.json": (_json_with_session_id("9" * 4000), "line 2, field id", "digits"),
    "huge.csv": (
        HEADER + f"session,{HUGE},2026-05-01T07:00:00+00:00,15,0,standard,completed,,,,,,,,,,,,,,\n",
        "line 2, field id",
        "digits",
    ),
    # refused at their first bracket, unread (a format and version that crest reads come first)
    "deep.json": (
        '{"format": "crest-journal", "version": 1, "sessions": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "line 1",
        "expected an object in sessions, found a list",
    ),
    "deep_version.json": (
        '{"format": "crest-journal", "version": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "line 1",
        "nested too deeply",
    ),
    "deep_in_a_field.json": (
        _json_with_session_id("[" * 100_000 + "]" * 100_000),
        "line 2, field id",
        "expected a single value, found a list",
    ),
}


@pytest.mark.parametrize("name", FILES)
def test_an_oversized_value_is_named_in_one_line(tmp_path: Path, name: str) -> None:
    text, where, why = FILES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidImportFile) as raised:
        read_export_file(path)
    message = str(raised.value)
    assert where in message and why in message
    assert len(message) < 300 and "\n" not in message


def test_crest_import_of_a_5000_digit_number_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text(_json_with_session_id(HUGE), encoding="utf-8")
    environment = {**os.environ, "CREST_HOME": str(tmp_path / "home"), "PYTHONPATH": str(SRC)}
    environment.pop("CREST_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "crest", "import", str(path)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
