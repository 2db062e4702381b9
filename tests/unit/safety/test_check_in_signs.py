"""A warning sign named in a check-in stands like a "yes" to the safety question for the same sign: for the
advice's own waiting time, until fresh answers after it, or a clinician's later all-clear (never for urgent care)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from crest.journal.records import CheckIn, PainRating, SafetyClearance, SafetyScreen
from crest.journal.vocabulary import CheckInTiming, Region, Side
from crest.safety.screen import ANSWER_AGAIN_AFTER, KNOWN_QUESTIONS, QUESTIONS, AdviceLevel, assess
from crest.safety.standing import CheckInReason, CheckInSign, repeated_signs, safety_standing
from crest.safety.worse_check_in import HELP_WARNING_QUESTIONS, WarningLevel, warning_signs

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
URGENT_WAIT = ANSWER_AGAIN_AFTER[AdviceLevel.URGENT]
CLINICIAN_WAIT = ANSWER_AGAIN_AFTER[AdviceLevel.SEE_CLINICIAN]


def screen(at: datetime, *yes: str, screen_id: int = 1) -> SafetyScreen:
    answers = {question.id: question.id in yes for question in QUESTIONS}
    return SafetyScreen(answered_at=at, answers=answers, advice_level=assess(answers).level.stored_name, id=screen_id)


def sign(at: datetime, question_id: str, title: str = "Numbness or tingling between your legs") -> CheckInSign:
    return CheckInSign(7, at, at.date(), title, ("BASS 2018",), KNOWN_QUESTIONS[question_id], title)


def clearance(recorded_at: datetime, *question_ids: str) -> SafetyClearance:
    return SafetyClearance(recorded_at, "Dr Ames, physiotherapist", recorded_at.date(), question_ids)


def test_numbness_between_the_legs_is_an_urgent_sign_of_the_bladder_and_saddle_question() -> None:
    check_in = CheckIn(
        at=T0, timing=CheckInTiming.STANDALONE, pain=(PainRating(Region.BUTTOCK, 3, Side.LEFT, quality="numb"),)
    )
    [found] = warning_signs(check_in)
    assert found.level is WarningLevel.URGENT_CARE and found.question_id == "bladder_bowel_saddle"


def test_every_help_warning_sign_stands_for_a_question_of_the_same_level() -> None:
    from crest.knowledge.loader import load_help

    warnings = {entry.id: entry.level for entry in load_help().entries if entry.level is not None}
    assert set(HELP_WARNING_QUESTIONS) == set(warnings)
    for entry_id, level in warnings.items():
        question = KNOWN_QUESTIONS[HELP_WARNING_QUESTIONS[entry_id]]
        expected = AdviceLevel.URGENT if level == WarningLevel.URGENT_CARE else AdviceLevel.SEE_CLINICIAN
        assert question.level is expected, entry_id


def test_an_urgent_check_in_blocks_after_an_all_clear_answer_and_quick_noes_do_not_lift_it() -> None:
    signs = [sign(T0 + timedelta(hours=1), "bladder_bowel_saddle")]
    screens = [screen(T0), screen(T0 + timedelta(hours=2), screen_id=2)]
    standing = safety_standing(screens, [], T0 + timedelta(hours=3), signs)
    assert standing.concern_stands and standing.level is AdviceLevel.URGENT
    assert not standing.due and standing.answer_again_from == T0 + timedelta(hours=1) + URGENT_WAIT
    explained = standing.explanation()
    assert "seek urgent medical care" in explained
    assert "Your check-in of 4 May 2026 named: Numbness or tingling between your legs" in explained
    assert "BASS 2018" in explained
    assert standing.clearable_check_ins == () and not standing.may_be_cleared


def test_answers_given_after_the_waiting_time_lift_a_check_in_sign() -> None:
    at = T0 + timedelta(hours=1)
    signs = [sign(at, "bladder_bowel_saddle")]
    waited = safety_standing([screen(T0)], [], at + URGENT_WAIT, signs)
    assert waited.concern_stands and waited.due  # the questions are asked again, and the sign holds until then
    fresh = safety_standing([screen(T0), screen(at + URGENT_WAIT, screen_id=2)], [], at + URGENT_WAIT, signs)
    assert fresh.level is AdviceLevel.CLEAR and not fresh.check_in_reasons


def test_a_check_in_sign_stands_before_any_answers_were_given() -> None:
    standing = safety_standing([], [], T0 + timedelta(minutes=5), [sign(T0, "both_legs", "Both legs")])
    assert standing.latest is None and standing.level is AdviceLevel.URGENT and standing.concern_stands


def test_a_clinicians_later_all_clear_lifts_a_see_a_clinician_sign_but_an_older_one_does_not() -> None:
    at = T0 + timedelta(days=1)
    signs = [sign(at, "new_loss_of_feeling_or_strength", "Numbness or tingling")]
    standing = safety_standing([screen(T0)], [], at + timedelta(hours=1), signs)
    assert standing.level is AdviceLevel.SEE_CLINICIAN and standing.answer_again_from == at + CLINICIAN_WAIT
    assert [reason.sign.question.id for reason in standing.clearable_check_ins] == ["new_loss_of_feeling_or_strength"]
    older = [clearance(T0, "new_loss_of_feeling_or_strength")]
    assert safety_standing([screen(T0)], older, at + timedelta(hours=1), signs).concern_stands
    later = [clearance(at + timedelta(minutes=30), "new_loss_of_feeling_or_strength")]
    cleared = safety_standing([screen(T0)], later, at + timedelta(hours=1), signs)
    assert cleared.level is AdviceLevel.CLEAR and not cleared.concern_stands
    assert [reason.cleared_by for reason in cleared.cleared_check_in_reasons] == later


def test_without_check_in_signs_the_standing_is_the_answers_alone() -> None:
    alone = safety_standing([screen(T0, "cancer_history")], [], T0 + timedelta(days=1))
    assert alone == safety_standing([screen(T0, "cancer_history")], [], T0 + timedelta(days=1), [])
    assert alone.check_in_reasons == () and alone.level is AdviceLevel.SEE_CLINICIAN


def test_a_clinician_or_practitioner_reads_every_sign_in_the_third_person() -> None:
    from crest.knowledge.loader import load_help
    from crest.safety.worse_check_in import help_warning

    saddle = CheckIn(at=T0, pain=(PainRating(Region.GROIN, 2, Side.BOTH, quality="numb"),))
    [found] = warning_signs(saddle)
    assert found.title == "Numbness in your groin on both sides (the saddle area)"  # said to the person
    assert found.named == "Numbness in the groin on both sides (saddle area)"
    legs = CheckIn(at=T0, pain=(PainRating(Region.FOOT, 2, Side.BOTH, quality="numb"),))
    help_signs = [
        help_warning(entry.id, entry.level, entry.title, entry.text, tuple(entry.sources))
        for entry in load_help().entries
        if entry.level is not None
    ]
    for one in (*warning_signs(saddle), *warning_signs(legs), *help_signs):
        assert not {"you", "your"} & set(one.named.lower().split()), one.named


def test_a_sign_named_day_after_day_is_said_once_with_how_many_check_ins_and_when() -> None:
    tingling = "new_loss_of_feeling_or_strength"
    daily = [
        replace(sign(T0 + timedelta(days=day), tingling, "Numbness or tingling"), check_in_id=day) for day in range(14)
    ]
    standing = safety_standing([], [], T0 + timedelta(days=13, hours=1), daily)
    explained = standing.explanation()
    assert explained.count("named:") == 1
    assert "14 check-ins from 4 May 2026 to 17 May 2026 named: Numbness or tingling (source: BASS 2018)" in explained
    [repeated] = repeated_signs(standing.standing_check_in_reasons)
    assert repeated.where_from() == "warning sign in 14 check-ins from 4 May 2026 to 17 May 2026: numbness or tingling"
    [once] = repeated_signs(standing.standing_check_in_reasons[:1])
    assert once.describe() == "Your check-in of 4 May 2026 named: Numbness or tingling"


def test_a_kept_sign_and_the_same_sign_read_later_that_day_are_one_sign_with_one_source_text() -> None:
    """A kept sign knows only its question's source; the same sign read from a check-in has its help entry's: one
    sign, with the newest source read from a check-in (the report listed it twice, its source worded two ways)."""
    question = KNOWN_QUESTIONS["sudden_severe_pain"]  # the stand-in question of the emergency beyond back pain
    title = "Chest pain, a stroke's signs, or struggling to breathe"
    kept = CheckInSign(7, T0, T0.date(), title, (question.source,), question, title, kept=True)
    read = replace(kept, check_in_id=8, at=T0 + timedelta(hours=2), sources=("NHS, When to call 999",), kept=False)
    [one] = repeated_signs(CheckInReason(sign) for sign in (kept, read))
    assert [reason.sign.sources for reason in one.reasons] == [("NHS, When to call 999",)] * 2
    assert one.where_from() == f"warning sign in 2 check-ins of 4 May 2026: {title[:1].lower()}{title[1:]}"
    # a sign of other words stays apart
    other = replace(read, title="Numbness or tingling between your legs", named="Numbness between the legs")
    assert len(repeated_signs(CheckInReason(sign) for sign in (kept, read, other))) == 2


def test_each_help_warning_sign_is_cited_as_its_safety_question_cites_it() -> None:
    """One wording of a sign's source everywhere: a check-in's sign read from a note (the help entry's sources) and
    the same sign from a rated place, a kept sign or a "yes" (the question's) say the same text. The emergency beyond
    back pain has its own sources: its question only stands in for its waiting time."""
    from crest.knowledge.loader import load_help

    content = load_help()
    for entry in content.entries:
        if entry.level is None or entry.id == "warning_emergency":
            continue
        cited = "; ".join(content.source_titles(entry.sources))
        question = KNOWN_QUESTIONS[HELP_WARNING_QUESTIONS[entry.id]]
        assert cited == question.source or cited.startswith(f"{question.source}; "), entry.id
