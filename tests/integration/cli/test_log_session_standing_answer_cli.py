"""`crest log-session` under an urgent-care "yes" of the safety questions (the walk-through's L7 journal): the past
rest is logged, and the advice with its source is said first, as `crest session` says it when it refuses."""

import subprocess
from collections.abc import Callable

from crest.journal.store import Journal
from crest.safety.screen import QUESTIONS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def test_log_session_repeats_an_urgent_answer_with_its_source_and_keeps_the_session(run_crest: RunCrest) -> None:
    answers = "\n".join("y" if question.id == "bladder_bowel_saddle" else "n" for question in QUESTIONS) + "\ny\n"
    assert run_crest("safety", input_text=answers).returncode == 1
    logged = run_crest("log-session", "--minutes", "10")
    assert logged.returncode == 0, logged.stderr
    said = " ".join(logged.stdout.split())
    assert said.index("Please seek urgent medical care now") < said.index("Logged session")
    assert "Source: British Association of Spine Surgeons cauda equina guidance" in said
    with Journal.open() as journal:
        assert [session.logged for session in journal.list_sessions()] == [True]
