"""While urgent care is advised, a check-in's answer plans no next session ("stop for today, next time try the
supported variant"): the urgent advice stands alone, whether this check-in names the sign or it stands from before."""

import subprocess
from collections.abc import Callable

from crest.safety.screen import QUESTIONS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]

# "yes" to the first question (bladder, bowel or saddle changes: urgent care), confirmed once
URGENT_ANSWERS = "".join("y\n" if question.id == "bladder_bowel_saddle" else "n\n" for question in QUESTIONS) + "y\n"
PLANS = ("Stop practising for today", "Next time", "If sessions keep making things worse", "notes strong pain")


def test_strong_pain_logged_while_urgent_care_stands_is_not_answered_with_plans(run_crest: RunCrest) -> None:
    assert run_crest("safety", input_text=URGENT_ANSWERS).returncode == 1
    logged = run_crest("log", "--pain", "lower_back=9")
    assert logged.returncode == 0, logged.stderr
    said = " ".join(logged.stdout.split())
    assert "Please seek urgent medical care now" in said and "Saved check-in 1" in said
    assert not [plan for plan in PLANS if plan in said]


def test_a_check_in_naming_an_urgent_sign_with_strong_pain_ends_on_the_urgent_advice(run_crest: RunCrest) -> None:
    logged = run_crest("log", "--yes", "--pain", "groin:both=3:numb", "--pain", "lower_back=8")
    said = " ".join(logged.stdout.split())
    assert "Please seek urgent medical care now" in said
    assert not [plan for plan in PLANS if plan in said]
