import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

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
    them for a session. Recorded in this process by the services `crest safety` records them with, on the journal
    it would open (CREST_HOME is this test's): a crest started for it took a second or more of every test using
    it. What `crest safety` itself asks and says is test_safety_cli's."""
    from crest.cli.journal_access import open_services

    umask = os.umask(0o077)  # as crest's main() narrows it: the home and journal made here are their owner's only
    try:
        with open_services() as services:
            services.safety.record({question.id: False for question in services.safety.questions()})
    finally:
        os.umask(umask)
