"""A crest home whose safety questions were answered, as a person does once in `crest safety` or on the Safety page: a
session and the position check both come after them."""

import os
import subprocess
import sys
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from crest.safety.screen import QUESTIONS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from fastapi.testclient import TestClient

SRC = Path(__file__).resolve().parents[2] / "src"


def answer_no_to_all(home: Path, env: Mapping[str, str] | None = None) -> None:
    """`crest safety` in `home`, "no" to each question (`env`: the rest of the environment, if not this one)."""
    answered = subprocess.run(
        [sys.executable, "-m", "crest", "safety"],
        input="".join("n\n" for _ in QUESTIONS),
        capture_output=True,
        text=True,
        env={**(os.environ if env is None else env), "PYTHONPATH": str(SRC), "CREST_HOME": str(home)},
        timeout=120,
    )
    assert answered.returncode == 0, answered.stderr


def answer_no_to_all_in_this_process(home: Path) -> None:
    """What `crest safety` in `home` records for "no" to each question, recorded in this process by the services it
    records them with, on the journal it would open (CREST_HOME `home`, the rest of this environment as it is): a
    crest started for it took a second or more of every test using it. What `crest safety` itself asks and says is
    test_safety_cli's."""
    from crest.cli.journal_access import open_services

    with _as_crest_runs_in(home), open_services() as services:
        services.safety.record({question.id: False for question in services.safety.questions()})


@contextmanager
def _as_crest_runs_in(home: Path) -> "Iterator[None]":
    """CREST_HOME `home` and crest's own umask (its `main()` narrows it: what it makes is its owner's only), both
    as they were afterwards."""
    before = os.environ.get("CREST_HOME")
    os.environ["CREST_HOME"] = str(home)
    umask = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(umask)
        if before is None:
            del os.environ["CREST_HOME"]
        else:
            os.environ["CREST_HOME"] = before


def answer_no_to_all_in_the_browser(client: "TestClient") -> None:
    """The Safety page's questions answered "no" to each, through the API a browser uses."""
    questions = client.get("/api/safety/questions").json()
    answered = client.post("/api/safety/answers", json={"answers": {question["id"]: False for question in questions}})
    assert answered.status_code == 200, answered.text
