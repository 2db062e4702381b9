""" "Is that right?" in the terminal names a "see a clinician" sign found beside an urgent one, after the urgent step
and with its own advice: `crest log` without a terminal says it in its refusal, and the question asked in one (as
`crest log` and the check-in after `crest session` ask it) lists it under the urgent step (journal walk-through: the
fever of "I wet myself and I have crushing chest pain, and a fever" went unnamed until saved)."""

import io
import subprocess
from collections.abc import Callable

import pytest
from rich.console import Console

from crest.cli.asker import Asker
from crest.cli.check_in_advice import urgent_signs_confirmed
from crest.clock import system_now
from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Region
from crest.safety.worse_check_in import WarningLevel, WarningSign
from crest.services.checkins import check_in_warning_signs

RunCrest = Callable[..., subprocess.CompletedProcess[str]]
NOTE = "I wet myself and I have crushing chest pain, and a fever"


def _signs() -> tuple[WarningSign, ...]:
    """The note's signs, as every door finds them: two urgent-care ones, then a "see a clinician" one."""
    check_in = CheckIn(
        at=system_now(), pain=(PainRating(Region.LOWER_BACK, 3, Region.LOWER_BACK.usual_side),), note=NOTE
    )
    signs = check_in_warning_signs(check_in)
    assert [sign.level for sign in signs] == [
        WarningLevel.URGENT_CARE,
        WarningLevel.URGENT_CARE,
        WarningLevel.SEE_CLINICIAN,
    ]
    return signs


def _flat(text: str) -> str:
    return " ".join(text.split())  # Rich wraps long lines at the terminal's width


@pytest.mark.usefixtures("safety_answered")
def test_without_a_terminal_the_refusal_names_the_lesser_sign_after_the_urgent_ones(run_crest: RunCrest) -> None:
    bladder, chest, fever = (sign.title for sign in _signs())
    refused = run_crest("log", "--pain", "lower_back=3", "--note", NOTE)
    assert refused.returncode == 2
    assert (
        f"names signs to seek urgent care ({bladder}; {chest}) and a sign to see a clinician about ({fever}), so it "
        "is saved only when confirmed" in _flat(refused.stderr)
    )


def test_the_question_lists_the_lesser_sign_under_the_urgent_step(monkeypatch: pytest.MonkeyPatch) -> None:
    bladder, chest, fever = (sign.title for sign in _signs())
    monkeypatch.setattr(Asker, "yes_or_no", lambda self, question: True)
    output = io.StringIO()
    assert urgent_signs_confirmed(Console(file=output, width=200), _signs())
    said = output.getvalue()
    assert f"This check-in notes warning signs:\n- {bladder}\n- {chest}\nIt means seeking urgent medical care" in said
    assert said.index("It means seeking urgent medical care") < said.index(
        f"It also notes a warning sign to see a clinician about (correcting or deleting the check-in lifts this "
        f"one):\n- {fever}"
    )
