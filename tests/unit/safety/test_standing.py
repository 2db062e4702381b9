"""Where the answers leave a person: what lifts a concern (waiting, a clinician's all-clear) and what never does."""

from datetime import UTC, date, datetime, timedelta

from crest.journal.records import SafetyClearance, SafetyScreen
from crest.safety.screen import ANSWER_AGAIN_AFTER, QUESTIONS, AdviceLevel, assess
from crest.safety.standing import safety_standing

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def screen(at: datetime, *yes: str, screen_id: int = 1) -> SafetyScreen:
    answers = {question.id: question.id in yes for question in QUESTIONS}
    return SafetyScreen(answered_at=at, answers=answers, advice_level=assess(answers).level.stored_name, id=screen_id)


def clearance(cleared_on: date, *question_ids: str, clinician: str = "Dr Ames, physiotherapist") -> SafetyClearance:
    recorded_at = datetime.combine(cleared_on, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    return SafetyClearance(
        recorded_at=recorded_at, clinician=clinician, cleared_on=cleared_on, question_ids=question_ids
    )


def test_never_answered_means_ask_first() -> None:
    standing = safety_standing([], [], T0)
    assert standing.level is None and standing.due and not standing.concern_stands


def test_all_clear_may_practise_any_variant_and_is_asked_again_after_90_days() -> None:
    standing = safety_standing([screen(T0)], [], T0 + timedelta(days=89))
    assert standing.may_practise("standard") and standing.may_practise("side_lying")
    assert not standing.due
    assert safety_standing([screen(T0)], [], T0 + timedelta(days=90)).due


def test_ten_quick_noes_do_not_lift_a_see_a_clinician_answer() -> None:
    screens = [screen(T0, "cancer_history")]
    screens += [screen(T0 + timedelta(minutes=minute), screen_id=minute + 1) for minute in range(1, 11)]
    standing = safety_standing(screens, [], T0 + timedelta(minutes=11))
    assert standing.concern_stands and standing.level is AdviceLevel.SEE_CLINICIAN
    assert [reason.question.id for reason in standing.reasons] == ["cancer_history"]
    assert standing.reasons[0].answered_at == T0
    assert standing.answer_again_from == T0 + ANSWER_AGAIN_AFTER[AdviceLevel.SEE_CLINICIAN]
    assert not standing.due  # the doors do not ask again yet
    assert "Have you ever had cancer?" in standing.explanation()
    assert "NICE NG59" in standing.explanation()


def test_answers_given_after_the_waiting_time_lift_it() -> None:
    wait = ANSWER_AGAIN_AFTER[AdviceLevel.SEE_CLINICIAN]
    first = screen(T0, "infection_signs")
    assert safety_standing([first], [], T0 + wait).due  # asked again once the week has passed
    standing = safety_standing([first, screen(T0 + wait, screen_id=2)], [], T0 + wait)
    assert standing.level is AdviceLevel.CLEAR and standing.may_practise("standard")


def test_urgent_care_holds_longer_and_no_all_clear_lifts_it() -> None:
    urgent_wait = ANSWER_AGAIN_AFTER[AdviceLevel.URGENT]
    assert urgent_wait > ANSWER_AGAIN_AFTER[AdviceLevel.SEE_CLINICIAN]
    screens = [screen(T0, "both_legs", "cancer_history"), screen(T0 + timedelta(days=8), screen_id=2)]
    cleared = [clearance(date(2026, 5, 5), "both_legs", "cancer_history")]
    standing = safety_standing(screens, cleared, T0 + timedelta(days=8))
    assert standing.level is AdviceLevel.URGENT
    assert standing.clearable == ()
    assert [r.question.id for r in standing.standing_reasons] == ["both_legs"]
    assert safety_standing(screens, cleared, T0 + urgent_wait).level is AdviceLevel.CLEAR


def test_a_clinicians_all_clear_lifts_the_answers_it_covers() -> None:
    said = screen(T0, "no_improvement_after_a_month", "new_pain_under_20_or_over_50")
    before = safety_standing([said], [], T0 + timedelta(hours=1))
    assert [r.question.id for r in before.clearable] == ["new_pain_under_20_or_over_50", "no_improvement_after_a_month"]
    cleared = [clearance(date(2026, 5, 4), "new_pain_under_20_or_over_50", "no_improvement_after_a_month")]
    after = safety_standing([said], cleared, T0 + timedelta(hours=1))
    assert after.level is AdviceLevel.CLEAR and after.may_practise("standard") and not after.due
    assert {r.cleared_by.clinician for r in after.cleared_reasons if r.cleared_by} == {"Dr Ames, physiotherapist"}


def test_a_new_warning_sign_is_not_covered_by_an_older_all_clear() -> None:
    screens = [
        screen(T0, "cancer_history"),
        screen(T0 + timedelta(days=2), "cancer_history", "weight_loss", screen_id=2),
    ]
    standing = safety_standing(screens, [clearance(date(2026, 5, 4), "cancer_history")], T0 + timedelta(days=2))
    assert standing.concern_stands
    assert [r.question.id for r in standing.standing_reasons] == ["weight_loss"]
    assert [r.question.id for r in standing.cleared_reasons] == ["cancer_history"]


def test_an_all_clear_runs_out_after_90_days() -> None:
    said = screen(T0, "recent_surgery")
    cleared = [clearance(date(2026, 5, 4), "recent_surgery")]
    assert not safety_standing([said], cleared, T0 + timedelta(days=89)).concern_stands
    late = safety_standing([said], cleared, T0 + timedelta(days=90))
    assert late.concern_stands and late.due  # long past the week: asked again


def test_pregnancy_allows_the_side_lying_rest_only_and_is_corrected_at_once() -> None:
    pregnant = screen(T0, "pregnant_16_weeks")
    standing = safety_standing([pregnant], [], T0 + timedelta(minutes=1))
    assert standing.side_lying_only and not standing.concern_stands and not standing.due
    assert standing.may_practise("side_lying") and not standing.may_practise("standard")
    corrected = safety_standing(
        [pregnant, screen(T0 + timedelta(minutes=2), screen_id=2)], [], T0 + timedelta(minutes=2)
    )
    assert corrected.may_practise("standard")


def test_a_retired_question_still_stands_with_its_words() -> None:
    answers = {question.id: False for question in QUESTIONS if question.id != "cancer_history"}
    old = SafetyScreen(answered_at=T0, answers={**answers, "cancer_signs": True}, advice_level="see_clinician", id=1)
    standing = safety_standing([old], [], T0 + timedelta(hours=1))
    assert standing.concern_stands
    assert "lost weight without trying" in standing.reasons[0].question.text
