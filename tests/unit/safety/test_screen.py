import pytest

from crest.safety.screen import (
    KNOWN_QUESTIONS,
    QUESTIONS,
    AdviceLevel,
    IncompleteScreen,
    assess,
    level_of,
    may_clear,
    unknown_question_ids,
)


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
    [
        "pulsing_belly",
        "new_loss_of_feeling_or_strength",
        "new_pain_under_20_or_over_50",
        "cancer_history",
        "weight_loss",
        "night_pain",
        "no_improvement_after_a_month",
        "infection_signs",
        "fracture_signs",
        "recent_surgery",
    ],
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


def test_the_signs_of_possible_cancer_are_asked_one_by_one() -> None:
    # crp-facts.md section 5 lists five; a person with one of them can answer it truthfully and have it cleared.
    texts = {question.id: question.text.lower() for question in QUESTIONS}
    assert "cancer_signs" not in texts
    for question_id, words in (
        ("new_pain_under_20_or_over_50", ("under 20", "over 50")),
        ("cancer_history", ("cancer",)),
        ("weight_loss", ("weight",)),
        ("night_pain", ("night",)),
        ("no_improvement_after_a_month", ("month",)),
    ):
        assert all(word in texts[question_id] for word in words)
        others = [text for other, text in texts.items() if other != question_id]
        assert not any(all(word in text for word in words) for text in others)


def test_the_retired_bundled_question_keeps_its_level() -> None:
    old_answers = {question.id: False for question in QUESTIONS if question.id not in ("cancer_history",)}
    old_answers["cancer_signs"] = True
    assert level_of(old_answers, "clear") is AdviceLevel.SEE_CLINICIAN
    assert unknown_question_ids(old_answers) == []
    assert KNOWN_QUESTIONS["cancer_signs"].level is AdviceLevel.SEE_CLINICIAN
    with pytest.raises(IncompleteScreen, match="cancer_signs"):
        assess({**answers(), "cancer_signs": False})  # new answers use the new questions


def test_unknown_question_ids_are_named() -> None:
    assert unknown_question_ids({"pregnant": True, "both_legs": False}) == ["pregnant"]


def test_only_see_a_clinician_signs_can_be_cleared() -> None:
    cleared = {question.id for question in QUESTIONS if may_clear(question)}
    assert "cancer_history" in cleared and "recent_surgery" in cleared
    assert not cleared & {"bladder_bowel_saddle", "both_legs", "sudden_severe_pain", "pregnant_16_weeks"}


def test_cleared_answers_are_left_out_of_the_level() -> None:
    said = answers("cancer_history", "pregnant_16_weeks")
    assert level_of(said, "see_clinician") is AdviceLevel.SEE_CLINICIAN
    assert level_of(said, "see_clinician", frozenset({"cancer_history"})) is AdviceLevel.SIDE_LYING
    # a stored level above every answer (a newer crest's question) still counts
    assert level_of(answers(), "urgent") is AdviceLevel.URGENT
    assert level_of(answers(), "made_up") is None
