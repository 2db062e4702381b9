import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from support.answered import answer_no_to_all_in_this_process

SRC = Path(__file__).resolve().parents[3] / "src"

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def crest_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A private, empty crest home for this test, for in-process code and subprocesses alike."""
    home = tmp_path / "home"
    monkeypatch.setenv("CREST_HOME", str(home))
    monkeypatch.delenv("CREST_DATABASE_URL", raising=False)
    env = dict(os.environ)
    env["CREST_HOME"] = str(home)
    env["PYTHONPATH"] = str(SRC)
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    return env


@pytest.fixture
def run_crest(crest_env: dict[str, str]) -> RunCrest:
    def run(*args: str, input_text: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "crest", *args],
            input=input_text,
            stdin=None if input_text is not None else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=crest_env,
            timeout=timeout,
        )

    return run


@pytest.fixture
def safety_answered(crest_env: dict[str, str]) -> None:
    """The safety questions answered "no" to each, as a person does once in `crest safety`: `--yes` never answers
    them for a session (recorded in this process, on the journal `crest safety` would open: CREST_HOME is this
    test's)."""
    answer_no_to_all_in_this_process(Path(crest_env["CREST_HOME"]))
