"""The safety gate in the terminal: what lifts a concern (waiting, a clinician's all-clear) and what never does."""

import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from crest.cli.safety_cmd import SAFETY_DUE
from crest.journal.records import SafetyScreen
from crest.journal.store import Journal
from crest.protocol.loader import load_protocol
from crest.safety.screen import ANSWER_AGAIN_AFTER, QUESTIONS, AdviceLevel

RunCrest = Callable[..., subprocess.CompletedProcess[str]]
PHOTOS = Path(__file__).resolve().parents[2] / "fixtures" / "photos"
SHORT = ("session", "--minutes", "5", "--speed", "300")


def _answers(*yes: str, confirm: str = "y") -> str:
    lines = ["y" if question.id in yes else "n" for question in QUESTIONS]
    return "\n".join(lines) + (f"\n{confirm}\n" if yes else "\n")


def _question(question_id: str) -> str:
    return next(question.text for question in QUESTIONS if question.id == question_id)


def _flat(text: str) -> str:
    """The output as one line: Rich wraps long lines at the terminal's width."""
    return " ".join(text.split())


def _sessions() -> int:
    with Journal.open() as journal:
        return len(journal.list_sessions())


def test_answering_no_again_at_once_does_not_lift_a_concern(run_crest: RunCrest) -> None:
    assert run_crest("safety", input_text=_answers("infection_signs")).returncode == 1

    # Ten "no"s on the way in: the questions are not even asked again, and nothing starts.
    result = run_crest(*SHORT, input_text="n\n" * 10)
    assert result.returncode == 1
    shown = _flat(result.stdout)
    assert "A few safety questions" not in shown
    assert _question("infection_signs") in shown
    assert "NICE NG59" in shown  # the source of the answer behind the advice
    assert "These answers hold until" in shown
    assert "--cleared-by" in shown
    again = run_crest("safety", input_text="n\n" * 20)
    assert "A few safety questions" not in again.stdout
    assert again.returncode == 0  # it only shows the advice that stands: no new answers were given
    assert _sessions() == 0


def test_answers_given_after_the_waiting_time_can_lift_it(run_crest: RunCrest) -> None:
    week_ago = datetime.now(UTC) - ANSWER_AGAIN_AFTER[AdviceLevel.SEE_CLINICIAN] - timedelta(minutes=1)
    answers = {question.id: question.id == "infection_signs" for question in QUESTIONS}
    with Journal.open() as journal:
        journal.record_safety_screen(SafetyScreen(week_ago, answers, "see_clinician"))
    result = run_crest(*SHORT, input_text=_answers() + "\n" * 7)
    assert "A few safety questions" in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert _sessions() == 1


def test_asked_again_while_calm_answers_hold_it_says_when_they_were_given(run_crest: RunCrest) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=91)  # past their 90 days: nothing to recall, only the questions
    with Journal.open() as journal:
        journal.record_safety_screen(SafetyScreen(long_ago, {question.id: False for question in QUESTIONS}, "clear"))
    first = run_crest("safety", input_text=_answers())
    assert first.returncode == 0 and "found nothing in the way" not in first.stdout
    again = _flat(run_crest("safety", input_text=_answers()).stdout)
    assert "found nothing in the way of resting; they hold until" in again
    assert again.index("they hold until") < again.index("A few safety questions")


def test_a_slip_of_the_finger_is_corrected_before_it_is_saved(run_crest: RunCrest) -> None:
    slip = _answers("both_legs", confirm="n") + "n\n"  # not right: the one "yes" is asked again and answered no
    result = run_crest("safety", input_text=slip)
    assert result.returncode == 0, result.stdout
    assert "You answered yes to:" in result.stdout and "Is that right?" in _flat(result.stdout)


def test_not_sure_is_answered_with_the_safe_side_and_never_taken_for_no(run_crest: RunCrest) -> None:
    # "not sure" to the first red flag got only "Please answer y or n."
    result = run_crest("safety", input_text="I\u2019m not really sure\n" + _answers("bladder_bowel_saddle"))
    assert result.returncode != 0, result.stdout
    flat = _flat(result.stdout)
    assert "Not sure? Answer yes: crest then says whom to see" in flat
    assert "Please answer y or n." not in flat
    assert "urgent" in flat.lower()


def test_a_clinicians_all_clear_lets_the_person_practise(run_crest: RunCrest) -> None:
    run_crest("safety", input_text=_answers("no_improvement_after_a_month", "new_pain_under_20_or_over_50"))
    assert run_crest(*SHORT, "--yes").returncode == 1

    today = date.today().isoformat()
    cleared = run_crest("safety", "--cleared-by", "Dr Ames, physiotherapist", "--cleared-on", today)
    assert cleared.returncode == 0, cleared.stderr
    assert f"Cleared by Dr Ames, physiotherapist on {today}" in _flat(cleared.stdout)

    result = run_crest(*SHORT, "--yes")
    assert result.returncode == 0, result.stderr
    assert _sessions() == 1
    exported = run_crest("export", "--format", "json").stdout
    assert '"clinician": "Dr Ames, physiotherapist"' in exported


def test_an_all_clear_dated_before_the_answer_it_clears_is_refused_in_one_line(run_crest: RunCrest) -> None:
    run_crest("safety", input_text=_answers("cancer_history"))
    today = date.today()
    before = (today - timedelta(days=1)).isoformat()
    refused = run_crest("safety", "--cleared-by", "Dr A", "--cleared-on", before)
    assert refused.returncode == 2
    said = refused.stderr.strip()
    assert f"the day of the clearance, {before}, is before the answer it clears ({today})" in _flat(said)
    assert run_crest(*SHORT, "--yes").returncode == 1 and _sessions() == 0


def test_the_most_serious_advice_is_said_again_last_under_a_lesser_one(run_crest: RunCrest) -> None:
    """Urgent care and see a clinician together: the see-a-clinician signs came last, so at 40x20 "seek urgent care"
    had scrolled away and "see a clinician" was the advice left in view."""
    result = run_crest("safety", input_text=_answers("bladder_bowel_saddle", "cancer_history"))
    urgent = "Please seek urgent medical care now: call your emergency number or go to an emergency department"
    said = _flat(result.stdout)
    assert said.endswith(f"{urgent} (the first warning above). {load_protocol().disclaimer}")  # the footer after it


def test_one_advice_alone_is_not_said_twice(run_crest: RunCrest) -> None:
    result = run_crest("safety", input_text=_answers("cancer_history"))
    assert "(the first warning above)" not in result.stdout


def test_urgent_signs_are_never_cleared(run_crest: RunCrest) -> None:
    run_crest("safety", input_text=_answers("bladder_bowel_saddle", "cancer_history"))
    result = run_crest("safety", "--cleared-by", "Dr Ames")
    assert result.returncode == 2
    assert "urgent-care signs cannot be cleared" in _flat(result.stderr)
    assert run_crest(*SHORT, "--yes").returncode == 1
    assert _sessions() == 0


def test_pregnancy_offers_the_side_lying_rest(run_crest: RunCrest) -> None:
    run_crest("safety", input_text=_answers("pregnant_16_weeks"))

    refused = run_crest(*SHORT, "--yes", "--variant", "standard")
    assert refused.returncode == 1
    assert "crest session --variant side_lying" in _flat(refused.stdout)

    result = run_crest(*SHORT, "--yes")
    assert result.returncode == 0, result.stderr
    assert "side-lying rest" in _flat(result.stdout)
    assert "Lie on your side" in result.stdout
    with Journal.open() as journal:
        [session] = journal.list_sessions()
    assert session.variant == "side_lying"


def test_the_piped_safety_command_names_no_option_it_lacks(run_crest: RunCrest) -> None:
    result = run_crest("safety")
    assert result.returncode == 2
    assert "--yes" not in result.stderr
    assert "crest safety" in result.stderr


def test_yes_never_answers_the_safety_questions_for_a_session(run_crest: RunCrest) -> None:
    # `crest session --yes` on a new journal said "Safety questions skipped (--yes): you confirm none of the red
    # flags apply" and rested, the 14 questions never shown; Ctrl-D at the first question suggested it.
    skipped = run_crest("session", "--minutes", "5", "--speed", "300", "--yes", "--no-checkin")
    assert skipped.returncode == 2
    assert skipped.stderr == f"crest: {SAFETY_DUE}\n"
    closed = run_crest("session", "--minutes", "5", "--speed", "300")  # stdin closed at the first question
    assert closed.returncode == 2 and "crest safety" in closed.stderr and "--yes" not in closed.stderr
    with Journal.open() as journal:
        assert journal.list_sessions() == []
    assert run_crest("safety", input_text="\n".join("n" for _ in QUESTIONS) + "\n").returncode == 0
    answered = run_crest("session", "--minutes", "5", "--speed", "300", "--yes", "--no-checkin")
    assert answered.returncode == 0, answered.stderr  # answered, the session's other prompts may be taken


def test_a_worse_check_in_in_the_terminal_is_answered_calmly(run_crest: RunCrest) -> None:
    result = run_crest("log", "--pain", "hip:left=8")
    assert result.returncode == 0, result.stderr
    shown = _flat(result.stdout)
    assert "Your check-in notes strong pain" in shown and "got worse" not in shown  # 8/10, no "worse" said
    assert "Your pain is strong today. If you rest, try the supported variant" in shown  # before any session
    assert "Source:" in shown
    calm = run_crest("log", "--pain", "hip:left=2")
    assert "worse" not in calm.stdout
    # With a note the help system's red-flag rules read as urgent, the urgent advice stands alone.
    urgent = _flat(run_crest("log", "--yes", "--pain", "hip:left=8", "--note", "both my legs feel weak").stdout)
    assert "urgent medical care" in urgent and "Source:" in urgent
    assert "Your check-in notes strong pain" not in urgent and "Stop practising for today" not in urgent


def test_a_check_in_naming_an_urgent_sign_stops_the_next_session(run_crest: RunCrest) -> None:
    assert run_crest("safety", input_text=_answers()).returncode == 0
    logged = run_crest("log", "--yes", "--note", "since this morning I cannot control my bladder")
    assert logged.returncode == 0
    said = _flat(logged.stdout)  # what to do first, never after a routine "Saved"
    assert said.index("urgent medical care now") < said.index("Saved check-in 1")

    refused = run_crest(*SHORT, "--yes")
    assert refused.returncode == 1
    said = _flat(refused.stdout + refused.stderr)
    assert "seek urgent medical care" in said
    assert "Your check-in of" in said and "bladder" in said  # which check-in, and the sign
    assert "Source:" in said or "source:" in said
    asked = run_crest(*SHORT, input_text="n\n" * 20)  # quick "no"s are not even asked for
    assert asked.returncode == 1 and "A few safety questions" not in asked.stdout
    assert _sessions() == 0
    shown = _flat(run_crest("safety").stdout)
    assert "Deleting or correcting that check-in does not lift this urgent-care warning." in shown
    assert "that lifts this" not in shown


@pytest.mark.parametrize(
    "note",
    ["I haven't been able to pee since yesterday", "I have to strain to urinate", "tingling in my saddle area"],
)
def test_a_note_in_other_words_for_an_urgent_sign_stops_the_next_session(run_crest: RunCrest, note: str) -> None:
    assert run_crest("safety", input_text=_answers()).returncode == 0
    logged = run_crest("log", "--yes", "--pain", "lower_back=6", "--note", note)
    assert logged.returncode == 0 and "urgent medical care" in _flat(logged.stdout)  # said at once

    refused = run_crest(*SHORT, "--yes")
    assert refused.returncode == 1
    said = _flat(refused.stdout + refused.stderr)
    assert "seek urgent medical care" in said and "Your check-in of" in said
    assert _sessions() == 0


def test_a_logged_check_in_points_to_help_for_what_it_noticed_unless_urgent_care_stands(run_crest: RunCrest) -> None:
    noticed = run_crest("log", "--sensation", "emotions")
    assert noticed.returncode == 0 and "Emotions came up: why? crest ask" in _flat(noticed.stdout)
    urgent = run_crest("log", "--yes", "--sensation", "emotions", "--note", "tingling between my legs")
    assert "urgent medical care" in _flat(urgent.stdout) and "crest ask" not in urgent.stdout


def test_the_position_check_does_not_coach_lying_on_the_back_when_side_lying_is_advised(
    run_crest: RunCrest,
) -> None:
    photo = str(PHOTOS / "90_90_hamstring_0.jpg")
    run_crest("safety", input_text=_answers("pregnant_16_weeks"))
    result = run_crest("check", photo)
    assert result.returncode == 1
    said = _flat(result.stdout + result.stderr)
    assert "the position check is for lying on your back" in said
    assert "rest on your side" in said and "NHS pregnancy guidance" in said
    assert "roll over" not in said and "lie down on your back" not in said


@pytest.mark.parametrize(
    ("logged", "advice"),
    [
        ("my legs are numb and I can't control my bladder", "seek urgent medical care"),
        ("new weakness in my leg", "please see a clinician"),
    ],
)
def test_the_position_check_is_not_started_while_a_warning_sign_stands(
    run_crest: RunCrest, logged: str, advice: str
) -> None:
    """`crest check` (the live camera too) coached lying in the position while a check-in's warning sign said
    "don't go back to resting until you have been seen", where `crest session` refused."""
    assert run_crest("safety", input_text=_answers()).returncode == 0
    assert run_crest("log", "--yes", "--note", logged).returncode == 0
    for check in (("check", str(PHOTOS / "90_90_hamstring_0.jpg")), ("check", "--camera", "99")):
        result = run_crest(*check)
        assert result.returncode == 1, result.stderr
        said = _flat(result.stderr)
        assert said.startswith("crest: no position check was started:") and advice in said.lower()
        assert result.stdout == ""


def test_exit_codes_say_whether_new_answers_stop_sessions(run_crest: RunCrest) -> None:
    shown_help = _flat(run_crest("safety", "--help").stdout)
    assert (
        "Exit codes: 0 when nothing stands in the way" in shown_help
        and "1 when the answers you just gave" in shown_help
    )
    assert run_crest("safety", input_text=_answers("weight_loss")).returncode == 1  # fresh answers: a concern
    shown = run_crest("safety")  # nothing asked: the standing advice is only shown
    assert shown.returncode == 0, shown.stderr
    assert "Please see a clinician" in _flat(shown.stdout) and _question("weight_loss") in _flat(shown.stdout)


def test_a_sign_noted_in_check_in_after_check_in_is_said_once_with_how_many(run_crest: RunCrest) -> None:
    today = datetime.now().astimezone().date()
    for days_ago in (3, 2, 1):
        at = f"{today - timedelta(days=days_ago)}T08:00"
        assert run_crest("log", "--pain", "calf_and_shin:right=4:tingling", "--at", at).returncode == 0

    refused = _flat(run_crest(*SHORT, "--yes").stderr)
    assert refused.count("named:") == 1 and "3 check-ins from" in refused
    shown = _flat(run_crest("safety").stdout)
    assert shown.count("named:") == 1 and "3 check-ins from" in shown
    assert "If these check-ins were a mistake, correct or delete them in the Journal" in shown


def test_a_check_in_sign_cleared_before_any_answers_is_listed_as_on_the_safety_page(run_crest: RunCrest) -> None:
    run_crest("log", "--pain", "calf_and_shin:left=5:tingling")
    today = date.today()
    named = f"Your check-in of {today:%-d %B %Y} named: Numbness or tingling"
    cleared = _flat(run_crest("safety", "--cleared-by", "Dr Ames, physiotherapist").stdout)
    assert "Please answer the safety questions before you practise." in cleared  # never answered: not "again"
    assert "again" not in cleared
    assert f"Cleared by Dr Ames, physiotherapist on {today.isoformat()}: {named}" in cleared
    answered = _flat(run_crest("safety", input_text=_answers()).stdout)
    assert "Nothing here stands in the way of resting" in answered
    assert f"Cleared by Dr Ames, physiotherapist on {today.isoformat()}: {named}" in answered


def test_each_standing_sign_is_shown_under_its_own_advice(run_crest: RunCrest) -> None:
    # A "see a clinician" sign was listed under the urgent advice, as if it were a reason for urgent care.
    assert run_crest("safety", input_text=_answers()).returncode == 0
    assert run_crest("log", "--yes", "--pain", "calf_and_shin:both=7").returncode == 0
    assert run_crest("log", "--pain", "calf_and_shin:left=4:tingling").returncode == 0
    shown = _flat(run_crest("safety").stdout)
    said = [
        "Please seek urgent medical care now",
        "Pain below the knee in both legs",
        "Deleting or correcting that check-in does not lift this urgent-care warning.",
        "Please see a clinician",
        "Numbness or tingling",
        "If that check-in was a mistake, correct or delete it in the Journal (`crest serve`): that lifts this sign.",
    ]
    assert [shown.index(words) for words in said] == sorted(shown.index(words) for words in said), shown
    assert shown.count("Please see a clinician") == 1
