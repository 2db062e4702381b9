from datetime import UTC, datetime, timedelta

import pytest

from crest.safety.screen import QUESTIONS, AdviceLevel, IncompleteScreen, assess, screen_due


def answers(*yes: str) -> dict[str, bool]:
    return {question.id: question.id in yes for question in QUESTIONS}


def test_all_no_is_clear_and_may_practise() -> None:
    assessment = assess(answers())
    assert assessment.level is AdviceLevel.CLEAR
    assert assessment.may_practise
    assert assessment.reasons == ()


@pytest.mark.parametrize("question_id", ["bladder_bowel_saddle", "both_legs", "sudden_severe_pain"])
def test_emergency_signs_send_to_urgent_care(question_id: str) -> None:
    assessment = assess(answers(question_id))
    assert assessment.level is AdviceLevel.URGENT
    assert "urgent medical care" in assessment.advice
    assert not assessment.may_practise


@pytest.mark.parametrize(
    "question_id",
    ["pulsing_belly", "new_loss_of_feeling_or_strength", "cancer_signs", "infection_signs", "fracture_signs",
     "recent_surgery"],
)
def test_other_red_flags_send_to_a_clinician(question_id: str) -> None:
    assessment = assess(answers(question_id))
    assert assessment.level is AdviceLevel.SEE_CLINICIAN
    assert "see a clinician" in assessment.advice


def test_pregnancy_suggests_side_lying() -> None:
    assessment = assess(answers("pregnant_16_weeks"))
    assert assessment.level is AdviceLevel.SIDE_LYING
    assert "side" in assessment.advice and "midwife" in assessment.advice
    assert not assessment.may_practise


def test_the_most_serious_answer_decides_and_all_reasons_are_kept() -> None:
    assessment = assess(answers("pregnant_16_weeks", "both_legs", "recent_surgery"))
    assert assessment.level is AdviceLevel.URGENT
    assert [reason.id for reason in assessment.reasons] == ["both_legs", "recent_surgery", "pregnant_16_weeks"]


def test_every_question_names_its_source() -> None:
    assert all(question.source for question in QUESTIONS)


def test_missing_and_unknown_answers_are_refused() -> None:
    partial = answers()
    del partial["both_legs"]
    with pytest.raises(IncompleteScreen, match="both_legs"):
        assess(partial)
    with pytest.raises(IncompleteScreen, match="unknown"):
        assess({**answers(), "made_up": True})


NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)


def test_screen_is_due_before_the_first_session() -> None:
    assert screen_due(None, None, NOW)


def test_screen_is_asked_again_after_90_days() -> None:
    assert not screen_due(NOW - timedelta(days=89), AdviceLevel.CLEAR, NOW)
    assert screen_due(NOW - timedelta(days=90), AdviceLevel.CLEAR, NOW)


def test_screen_is_asked_again_while_a_concern_stands() -> None:
    assert screen_due(NOW - timedelta(days=1), AdviceLevel.SEE_CLINICIAN, NOW)
