"""The walk-through's everyday words for an urgent sign (5 Dec 2026, s39) at the terminal's doors: `crest ask` pins
urgent care first, and a check-in whose note says them holds the next session, as the recognised phrasings do."""

import json
import subprocess
from collections.abc import Callable

import pytest

RunCrest = Callable[..., subprocess.CompletedProcess[str]]
SHORT_SESSION = ("session", "--yes", "--minutes", "5", "--speed", "1000", "--no-checkin")
AORTIC_NOTE = "awful back pain and I'm dizzy and clammy"
SADDLE_NOTE = "numb around my back passage since this morning"


def _flat(text: str) -> str:
    """The output as one line: Rich wraps long lines at the terminal's width."""
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        (AORTIC_NOTE, "warning_aortic"),
        ("my legs both feel like jelly and are getting weaker", "warning_cauda_equina"),
        ("I can't tell when my bladder is full", "warning_cauda_equina"),
    ],
)
def test_ask_pins_urgent_care_first_and_alone(run_crest: RunCrest, question: str, entry_id: str) -> None:
    reply = json.loads(run_crest("ask", "--json", question).stdout)
    assert [(sign["id"], sign["level"]) for sign in reply["warnings"]][:1] == [(entry_id, "urgent_care")]
    assert reply["answers"] == []


def test_ask_pins_nothing_over_numbness_that_goes_on_moving(run_crest: RunCrest) -> None:
    reply = json.loads(
        run_crest("ask", "--json", "one leg goes numb after 10 minutes and it goes away when I move").stdout
    )
    assert reply["warnings"] == [] and reply["answers"][0]["id"] == "pain_during_session"


@pytest.mark.usefixtures("safety_answered")
@pytest.mark.parametrize(
    ("note", "advice"),
    [(AORTIC_NOTE, "Call your emergency number now."), (SADDLE_NOTE, "get urgent medical care now")],
)
def test_a_check_in_note_in_everyday_words_holds_the_next_session(run_crest: RunCrest, note: str, advice: str) -> None:
    logged = run_crest("log", "--pain", "lower_back=8", "--note", note, "--yes")
    assert logged.returncode == 0, logged.stderr
    said = _flat(logged.stdout)  # the urgent advice first and alone, not the strong-pain advice the walk got
    assert said.index(advice) < said.index("Saved check-in 1") and "try the supported variant" not in said
    refused = run_crest(*SHORT_SESSION)
    assert refused.returncode == 1
    assert "seek urgent medical care" in _flat(refused.stdout + refused.stderr)
