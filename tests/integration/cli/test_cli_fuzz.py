"""Hypothesis throws generated command lines and import files at the journal commands: never a traceback, an
error is one line with exit code 2, and a refused command leaves the journal as it was.

The commands run in this process (a subprocess each would cost seconds), with stdout and stderr encoding as a real
terminal's do: UTF-8, stdout strict (text it cannot print is a crash there too), stderr with escapes.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crest.cli.app import main
from crest.cli.commands import COMMAND_SUMMARIES

# Any text a terminal or a file can bring, broken characters (lone surrogates, as Python reads bytes that are not
# UTF-8) included.
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)
NUMBERISH = st.one_of(st.integers().map(str), st.just("9" * 5000), st.floats().map(str))
NAMES = st.sampled_from(["lower_back", "hip:left", "knee", "Lower back", "warmth", "none", "[red]", "[/]"])
VALUE = st.one_of(TEXT, NUMBERISH, NAMES, st.builds(lambda a, b: f"{a}={b}", NAMES, NUMBERISH))
EXAMPLE_EXPORT: dict[str, Any] = {
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
            "position_check_summary": None,
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
            "compared_with_before": None,
            "note": None,
        }
    ],
    "safety_screens": [],
    "settings": [],
}
JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)


@st.composite
def import_files(draw: st.DrawFn) -> bytes:
    """A crest export with one value replaced, or text of any kind."""
    kind = draw(st.sampled_from(["changed export", "any text", "any bytes", "deep"]))
    if kind == "changed export":
        document = json.loads(json.dumps(EXAMPLE_EXPORT))
        section = draw(st.sampled_from(["sessions", "check_ins"]))
        field = draw(st.sampled_from(sorted(document[section][0])))
        document[section][0][field] = draw(JSON_VALUE)
        return json.dumps(document).encode("utf-8", "surrogatepass")
    if kind == "deep":
        depth = draw(st.integers(1000, 100_000))
        return ("[" * depth + "]" * depth).encode()
    if kind == "any text":
        return draw(TEXT).encode("utf-8", "surrogatepass")
    return draw(st.binary(max_size=200))


@st.composite
def command_lines(draw: st.DrawFn, folder: Path) -> list[str]:
    command = draw(st.sampled_from(["log", "history", "export", "import", "other"]))
    if command == "log":
        options = draw(st.lists(st.sampled_from(["--pain", "--sensation", "--note", "--at"]), max_size=4))
        return ["log", *(part for option in options for part in (option, draw(VALUE)))]
    if command == "history":
        chosen = draw(st.lists(st.sampled_from(["--json", "--check-ins", "--since"]), max_size=3, unique=True))
        return [
            "history",
            *(part for option in chosen for part in ([option, draw(VALUE)] if option == "--since" else [option])),
        ]
    if command == "export":
        name = draw(TEXT.filter(lambda text: "/" not in text and text not in ("", ".", "..")))  # in `folder`
        return ["export", "--format", draw(st.sampled_from(["json", "csv"]) | VALUE), "-o", str(folder / name)]
    if command == "import":
        path = folder / draw(st.sampled_from(["in.json", "in.csv", "in"]))
        path.write_bytes(draw(import_files()))
        return ["import", draw(st.just(str(path)) | VALUE)]
    # anything else, never a command that would run a session, a server or the camera for real
    first = draw(VALUE.filter(lambda text: text.strip() not in COMMAND_SUMMARIES))
    return [first, *draw(st.lists(VALUE, max_size=3))]


def _journal(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row with data (the schema a first start creates is not data)."""
    if not database.exists():
        return {}
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {table: sorted(connection.execute(f'SELECT * FROM "{table}"'), key=repr) for table in tables}
    return {table: found for table, found in rows.items() if found and table != "alembic_version"}


def _run(arguments: list[str]) -> tuple[int, str]:
    """`crest ARGUMENTS` in this process: the exit code and what went to stderr. Any other exception escapes."""
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    code = 0
    with (
        mock.patch.object(sys, "argv", ["crest", *arguments]),
        mock.patch.object(sys, "stdin", io.StringIO("")),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
        stdout.flush()
        stderr.flush()
    return code, stderr.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("fuzz-home")
    with mock.patch.dict(os.environ, {"CREST_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}):
        os.environ.pop("CREST_DATABASE_URL", None)
        yield home


def test_generated_command_lines_never_crash_and_refusals_write_nothing(home: Path) -> None:
    folder = home / "files"
    folder.mkdir(exist_ok=True)
    # A journal that exists already: its first start writes the schema and the row of the person it belongs to.
    assert _run(["history"])[0] == 0

    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(arguments=command_lines(folder))
    def one(arguments: list[str]) -> None:
        before = _journal(home / "crest.db")
        code, errors = _run(arguments)
        assert code in (0, 1, 2), (arguments, code, errors)
        if code != 0:
            assert len(errors.strip().splitlines()) == 1, (arguments, errors)
            assert _journal(home / "crest.db") == before, arguments

    one()


@pytest.mark.parametrize(
    "arguments",
    [
        ["import", "\0"],
        ["export", "-o", "backup\0.json"],
        ["report", "-o", "\0"],
        ["remind", "-o", "crest\0.ics"],
        ["check", "photo\0.jpg"],
        ["check", "photo.jpg", "--annotate", "\0"],
    ],
)
def test_a_file_name_with_a_nul_character_is_refused_in_one_line(home: Path, arguments: list[str]) -> None:
    """A NUL in a name made Python raise ValueError where crest answers OSError in words: `crest import \\0`
    ended in a traceback (found by the generated command lines above)."""
    code, errors = _run(arguments)
    assert code == 2
    [line] = errors.strip().splitlines()
    assert "a file name cannot hold a NUL character" in line
