"""A check-in whose note names several warning signs answers each of them at the terminal's doors, most urgent
first: `crest log` named only one ("I have lost 6 kg in a month without
trying, and I have a fever and chills at night" named the weight loss, not the fever: a new user's walk-through,
L5). "Is that right?" lists every urgent one. The check-in after `crest session`: test_terminal_session."""

import subprocess
from collections.abc import Callable

import pytest

from crest.knowledge.sign_words import SIGN_WORDS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]
WEIGHT_LOSS_AND_FEVER = "I have lost 6 kg in a month without trying, and I have a fever and chills at night"
BLADDER_CHEST_AND_FEVER = "I wet myself and I have crushing chest pain, and a fever"
# each sign named by its own words, not by its help entry's title (which lists every sign of the entry)
CANCER, INFECTION = SIGN_WORDS["unexplained_weight_loss"], SIGN_WORDS["fever_or_chills"]
BLADDER, EMERGENCY = SIGN_WORDS["bladder_or_bowel_trouble"], SIGN_WORDS["chest_pain"]


def _flat(text: str) -> str:
    """The output as one line: Rich wraps long lines at the terminal's width."""
    return " ".join(text.split())


@pytest.mark.usefixtures("safety_answered")
def test_crest_log_names_every_sign_of_the_note(run_crest: RunCrest) -> None:
    logged = run_crest("log", "--pain", "lower_back=5", "--note", WEIGHT_LOSS_AND_FEVER)
    assert logged.returncode == 0, logged.stderr
    said = _flat(logged.stdout)
    assert said.index(CANCER) < said.index(INFECTION) < said.index("Saved check-in 1")


@pytest.mark.usefixtures("safety_answered")
def test_crest_log_asks_of_every_urgent_sign_and_names_the_lesser_one_too(run_crest: RunCrest) -> None:
    refused = run_crest("log", "--pain", "lower_back=3", "--note", BLADDER_CHEST_AND_FEVER)
    assert refused.returncode == 2
    assert f"names signs to seek urgent care ({BLADDER}; {EMERGENCY})" in _flat(refused.stderr)
    logged = run_crest("log", "--pain", "lower_back=3", "--note", BLADDER_CHEST_AND_FEVER, "--yes")
    said = _flat(logged.stdout)
    assert said.index(BLADDER) < said.index(EMERGENCY) < said.index(INFECTION) < said.index("Saved check-in 1")
