"""A refusal in one line lists an urgent sign and then a see-a-clinician one: at 40x20 "seek urgent care" scrolled
away and "see a clinician" was the advice left in view (walk_safety M4). It ends with "seek urgent care" again."""

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_terminal_session import run_in_terminal

from crest.journal.store import Journal
from crest.protocol.loader import load_protocol

RunCrest = Callable[..., subprocess.CompletedProcess[str]]
PHOTOS = Path(__file__).resolve().parents[2] / "fixtures" / "photos"
# Urgent: numbness in both legs; see a clinician: a new loss of feeling.
BOTH_LEGS_NUMB = ("log", "--note", "both my legs went numb", "--yes")
URGENT_LAST = (
    "Please seek urgent medical care now: call your emergency number or go to an emergency department "
    "(the first warning above)."
)
CLINICIAN = "Please see a clinician"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _ends_with_urgent_care(screen: str) -> None:
    """The lesser advice is said, and the most serious one is the last thing on the screen."""
    said = _flat(screen)
    assert CLINICIAN in said
    assert said.endswith(URGENT_LAST), said[-400:]


PHOTO = str(next(PHOTOS.glob("*.jpg")))
REFUSED = {  # the command, and what its one line begins with
    "session --yes": (["session", "--yes", "--minutes", "5"], "no session was started"),
    "check": (["check", PHOTO], "no position check was started"),
}


@pytest.mark.usefixtures("safety_answered")
@pytest.mark.parametrize("columns", [40, 100])
@pytest.mark.parametrize("refused", REFUSED)
def test_a_refusal_in_one_line_ends_with_urgent_care(
    run_crest: RunCrest, crest_env: dict[str, str], refused: str, columns: int
) -> None:
    assert run_crest(*BOTH_LEGS_NUMB).returncode == 0
    args, begins = REFUSED[refused]
    screen = run_in_terminal(args, crest_env, [], columns=columns, as_left=True)
    assert f"crest: {begins}: Please seek urgent medical care now" in _flat(screen)
    _ends_with_urgent_care(screen)


def _log_once_resting(crest_env: dict[str, str]) -> None:
    """Logs the signs from another window once the rest has checkpointed."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with Journal.open() as journal:
            sessions = journal.list_sessions()
        if sessions and sessions[0].actual_seconds > 0:
            subprocess.run([sys.executable, "-m", "crest", *BOTH_LEGS_NUMB], env=crest_env, capture_output=True)
            return
        time.sleep(0.2)


@pytest.mark.usefixtures("safety_answered")
@pytest.mark.parametrize("columns", [40, 100])
def test_a_rest_stopped_by_signs_logged_meanwhile_ends_with_urgent_care(
    crest_env: dict[str, str], columns: int
) -> None:
    logger = threading.Thread(target=_log_once_resting, args=(crest_env,))
    logger.start()
    args = ["session", "--minutes", "30", "--speed", "20", "--yes", "--no-checkin"]
    try:
        screen = run_in_terminal(args, crest_env, [], columns=columns, as_left=True)
    finally:
        logger.join()
    said = _flat(screen)
    assert "crest: the rest was stopped and saved as ended early: Please seek urgent medical care now" in said
    assert load_protocol().ending_for("standard")[0].text.split()[0] in said  # the way up came first
    _ends_with_urgent_care(screen)
