"""While the safety answers advise resting on the side (pregnancy from about 16 weeks), what crest says to do away
from its session says the same: the calendar reminder and `crest protocol` give the side-lying rest's steps."""

import subprocess
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest

from crest.safety.screen import QUESTIONS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]

PREGNANT = "".join("y\n" if question.id == "pregnant_16_weeks" else "n\n" for question in QUESTIONS) + "y\n"


def _description(calendar: str) -> str:
    (event,) = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    return str(event["description"])


def test_the_reminder_gives_the_side_lying_steps_while_they_are_advised(run_crest: RunCrest) -> None:
    assert run_crest("safety", input_text=PREGNANT).returncode == 0
    reminded = run_crest("remind")
    assert reminded.returncode == 0, reminded.stderr
    steps = _description(reminded.stdout)
    assert "- Lie on your side: " in steps and "pillow between your knees" in steps
    assert "onto your back" not in steps and "Lie on your back" not in steps
    assert steps.index("advise resting on your side") < steps.index("How to lie:")


@pytest.mark.usefixtures("safety_answered")
def test_the_reminder_gives_the_steps_on_the_back_otherwise(run_crest: RunCrest) -> None:
    steps = _description(run_crest("remind").stdout)
    assert "- Lie on your back: " in steps and "advise resting on your side" not in steps


def test_protocol_shows_the_side_lying_rest_by_default_while_it_is_advised(run_crest: RunCrest) -> None:
    assert run_crest("safety", input_text=PREGNANT).returncode == 0
    shown = run_crest("protocol")
    assert shown.returncode == 0, shown.stderr
    said = " ".join(shown.stdout.split())
    assert said.startswith("Your safety answers advise resting on your side, so this is the side-lying rest.")
    assert "Lie on your side" in said and "Lie on your back" not in said
    assert '"variant": "side_lying"' in run_crest("protocol", "--json").stdout
    asked = " ".join(run_crest("protocol", "--variant", "standard").stdout.split())  # asked for: shown as asked
    assert "Lie on your back" in asked and "advise resting on your side" not in asked


def test_protocol_shows_the_standard_rest_by_default_otherwise(run_crest: RunCrest) -> None:
    said = " ".join(run_crest("protocol").stdout.split())
    assert said.startswith("Constructive rest position · Standard") and "Lie on your back" in said


@pytest.mark.usefixtures("safety_answered")
def test_remind_wraps_its_lines_by_words_in_a_narrow_terminal(
    run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path
) -> None:
    """At 40 columns "Wrote the reminder to ...; ope" / "n it with your calendar app": the lines went out unwrapped and
    the terminal broke them mid-word, where crest's errors wrap by words."""
    crest_env["COLUMNS"] = "40"
    written = run_crest("remind", "-o", str(tmp_path / "crest.ics"))
    assert written.returncode == 0, written.stderr
    lines = written.stderr.splitlines()
    assert lines and all(len(line) <= 40 for line in lines), lines
    assert "open it with your calendar app to add it." in " ".join(written.stderr.split())


@pytest.mark.usefixtures("safety_answered")
def test_remind_says_how_the_reminder_is_changed_and_stopped(run_crest: RunCrest) -> None:
    """The reminder lives in the calendar: nothing said that a new download replaces it, or how to stop it."""
    said = " ".join(run_crest("remind").stderr.split())
    assert "A new download replaces crest's reminder in your calendar (in most apps)" in said
    assert "to stop it, delete it in your calendar." in said
