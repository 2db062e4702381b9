"""`crest safety` says each warning sign's hold with its own sign, as the Today page does (practice walk s56 MED 5):
the urgent sign's end, not the "see a clinician" sign's, read under the "see a clinician" sign, and "answer the
questions again" to someone who had never answered them."""

import re
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta

RunCrest = Callable[..., subprocess.CompletedProcess[str]]

# numbness between the legs: the saddle area's sign (urgent care) and new numbness (see a clinician)
BOTH_SIGNS = "since yesterday I have numbness between my legs"


def _flat(text: str) -> str:
    """The output as one line: Rich wraps long lines at the terminal's width."""
    return " ".join(text.split())


def _time(match: re.Match[str] | None) -> datetime:
    assert match is not None
    return datetime.strptime(match.group(1), "%Y-%m-%d %H:%M").astimezone()


def test_each_sign_says_its_own_time_and_the_questions_are_not_answered_again_before_any(
    run_crest: RunCrest,
) -> None:
    before = datetime.now().astimezone().replace(second=0, microsecond=0)
    assert run_crest("log", "--yes", "--pain", "lower_back=6", "--note", BOTH_SIGNS).returncode == 0
    shown = _flat(run_crest("safety").stdout)
    urgent, clinician = shown.split("Please see a clinician", 1)
    urgent_ends = _time(re.search(r"Its time is up on (\d{4}-\d\d-\d\d \d\d:\d\d)\.", urgent))
    clinician_ends = _time(re.search(r"Its time is up on (\d{4}-\d\d-\d\d \d\d:\d\d)\.", clinician))
    assert urgent_ends - clinician_ends == timedelta(days=7)  # fourteen days and seven, each from the check-in
    assert before + timedelta(days=7) <= clinician_ends <= before + timedelta(days=7, minutes=2)
    closing = re.search(r"You can answer the safety questions from (\S+ \S+), when the last of these times", shown)
    assert _time(closing) == urgent_ends and "answer the questions again" not in shown
