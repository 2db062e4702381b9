"""The calm answer to a check-in that is clearly worse or names a warning sign: the rule alone, in milliseconds."""

from datetime import UTC, datetime

from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Comparison, Region, Side
from crest.safety.worse_check_in import (
    WarningLevel,
    WarningSign,
    after_check_in_advice,
    warning_signs,
    worse_today_reminder,
)

AT = datetime(2026, 5, 6, 18, 0, tzinfo=UTC)


def after(*pain: PainRating, compared: Comparison | None = None, note: str | None = None) -> CheckIn:
    return CheckIn(at=AT, timing="after", session_id=1, pain=pain, compared_with_before=compared, note=note)


def before(*pain: PainRating) -> CheckIn:
    return CheckIn(at=AT, timing="before", session_id=1, pain=pain)


def test_a_rise_of_two_against_the_before_check_in_is_clearly_worse() -> None:
    advice = after_check_in_advice(after(PainRating("lower_back", 6)), before(PainRating("lower_back", 4)))
    assert advice is not None and advice.worse
    assert advice.reasons == ("Pain in your lower back (centre) rose from 4 to 6 out of 10 (2 points or more).",)
    assert advice.steps[0] == "Stop practising for today and let your body settle."
    assert "supported variant" in advice.steps[1]
    assert "see a clinician" in advice.steps[2]
    assert any("Ostelo" in source for source in advice.sources)
    assert after_check_in_advice(after(PainRating("lower_back", 5)), before(PainRating("lower_back", 4))) is None


def test_the_same_place_is_compared_unsided_or_centre_alike_and_other_places_not_at_all() -> None:
    was = before(PainRating("lower_back", 2, "centre"), PainRating("hip", 1, "left"))
    assert after_check_in_advice(after(PainRating("lower_back", 4)), was) is not None
    assert after_check_in_advice(after(PainRating("hip", 4, "right")), was) is None


def test_seven_out_of_ten_or_worse_in_words_is_clearly_worse_without_a_before() -> None:
    assert after_check_in_advice(after(PainRating("knee", 7, "left"))) is not None
    assert after_check_in_advice(after(PainRating("knee", 6, "left"))) is None
    said = after_check_in_advice(after(compared=Comparison.WORSE))
    assert said is not None and said.reasons == ("You said you feel worse than before the session.",)


def test_strong_pain_alone_is_not_called_worse_but_still_advises_stopping() -> None:
    strong = after_check_in_advice(after(PainRating("hip", 7, "left")))
    assert strong is not None and strong.worse and not strong.got_worse
    assert strong.says == "notes strong pain"
    assert strong.reasons == ("Pain in your hip (left) is 7 out of 10 (7 or more).",)
    assert strong.steps[0] == "Stop practising for today and let your body settle."
    reminder = worse_today_reminder("standard", strong)
    assert reminder.startswith("Earlier today a check-in noted strong pain: we suggest stopping for today")
    assert "got worse" not in reminder
    better = after_check_in_advice(after(PainRating("hip", 8, "left"), compared=Comparison.BETTER))
    assert better is not None and better.says == "notes strong pain"


def test_only_the_persons_worse_or_a_rise_is_called_worse() -> None:
    said = after_check_in_advice(after(PainRating("hip", 7, "left"), compared=Comparison.WORSE))
    rose = after_check_in_advice(after(PainRating("hip", 7, "left")), before(PainRating("hip", 5, "left")))
    for advice in (said, rose):
        assert advice is not None and advice.got_worse and advice.says == "says things got worse"
        assert worse_today_reminder("standard", advice).startswith("Earlier today a check-in said things got worse:")


def test_a_check_in_before_a_session_is_not_told_to_stop() -> None:
    assert after_check_in_advice(before(PainRating("lower_back", 9))) is None


def test_after_the_supported_variant_it_is_not_suggested_again() -> None:
    advice = after_check_in_advice(after(PainRating("hip", 8, "left")), variant="supported")
    assert advice is not None and not any("supported" in step for step in advice.steps)


def test_while_only_the_rest_on_the_side_is_advised_the_supported_variant_is_never_suggested() -> None:
    # Pregnant, checking in "worse": every door said "try the supported variant", which lies on the back.
    advice = after_check_in_advice(after(compared=Comparison.WORSE), variant="side_lying", side_lying_only=True)
    assert advice is not None and not any("supported" in step for step in advice.steps)
    assert advice.steps[1] == (
        "Next time, keep to the rest on your side and make it shorter, and ask your midwife or doctor about it."
    )
    assert any("pregnancy" in source for source in advice.sources)
    reminder = worse_today_reminder("side_lying", advice, side_lying_only=True)
    assert "supported" not in reminder and "midwife" in reminder


def test_a_rest_on_the_side_chosen_freely_is_not_told_about_a_midwife() -> None:
    # The side-lying variant suits anyone for whom lying on the back does not: no pregnancy is assumed.
    advice = after_check_in_advice(after(compared=Comparison.WORSE), variant="side_lying")
    assert advice is not None
    assert advice.steps[1] == "Next time, keep to the rest on your side and make it shorter."
    assert not any("pregnancy" in source for source in advice.sources)
    reminder = worse_today_reminder("side_lying", advice)
    assert "midwife" not in reminder and "supported" not in reminder


def test_the_notes_warning_sign_comes_with_its_source_urgent_first() -> None:
    words = WarningSign(
        WarningLevel.URGENT_CARE, "Both legs", "Seek urgent care now.", ("BASS 2018",), "both_legs", "Both legs"
    )
    advice = after_check_in_advice(after(PainRating("lower_back", 9), note="my legs are weak"), words_warnings=[words])
    assert advice is not None and advice.urgent and not advice.worse  # the urgent advice stands alone
    assert advice.warnings[0] == words


def test_pain_below_the_knee_in_both_legs_is_urgent() -> None:
    for pain in (
        (PainRating("calf_and_shin", 3, "both"),),
        (PainRating("calf_and_shin", 3, "left"), PainRating("foot", 2, "right")),
    ):
        advice = after_check_in_advice(CheckIn(at=AT, pain=pain))
        assert advice is not None and advice.urgent and not advice.worse
        assert "British Association of Spine Surgeons" in advice.warnings[0].sources[0]
    assert after_check_in_advice(CheckIn(at=AT, pain=(PainRating("calf_and_shin", 3, "left"),))) is None


def test_a_score_of_0_in_both_legs_is_no_pain_and_no_sign() -> None:
    # Both calves tapped and left at 0 sent a person with no pain to urgent care, and held practice for 14 days.
    for pain in (
        (PainRating("calf_and_shin", 0, "both"),),
        (PainRating("foot", 0, "left"), PainRating("foot", 0, "right")),
        (PainRating("calf_and_shin", 3, "left"), PainRating("calf_and_shin", 0, "right")),
    ):
        assert after_check_in_advice(CheckIn(at=AT, pain=pain)) is None
    numb = (PainRating(Region.CALF_AND_SHIN, 0, Side.BOTH, "numb"),)  # a loss of feeling, whatever the score
    advice = after_check_in_advice(CheckIn(at=AT, pain=numb))
    assert advice is not None and advice.urgent


def test_numbness_or_tingling_reads_the_pain_quality() -> None:
    saddle = after_check_in_advice(CheckIn(at=AT, pain=(PainRating(Region.BUTTOCK, 2, Side.LEFT, "numb"),)))
    assert saddle is not None and saddle.urgent
    foot = after_check_in_advice(CheckIn(at=AT, pain=(PainRating(Region.FOOT, 2, Side.LEFT, "tingling"),)))
    assert foot is not None and not foot.urgent
    assert foot.warnings[0].level is WarningLevel.SEE_CLINICIAN and foot.warnings[0].sources
    ache = CheckIn(at=AT, pain=(PainRating(Region.FOOT, 2, Side.LEFT, "aching"),))
    assert after_check_in_advice(ache) is None


def test_a_saddle_sign_is_named_where_it_was_felt_and_stays_urgent() -> None:
    one_buttock = after_check_in_advice(CheckIn(at=AT, pain=(PainRating(Region.BUTTOCK, 3, Side.LEFT, "tingling"),)))
    assert one_buttock is not None and one_buttock.urgent
    [sign] = one_buttock.warnings
    assert sign.title == "Tingling in your left buttock (the saddle area)"  # not "between your legs"
    assert sign.named == "Tingling in the left buttock (saddle area)"
    several = (
        PainRating(Region.BUTTOCK, 3, Side.LEFT, "tingling"),
        PainRating(Region.BUTTOCK, 2, Side.RIGHT, "tingling"),
        PainRating(Region.GROIN, 1, Side.BOTH, "numb"),
        PainRating(Region.PELVIS, 1, quality="numb"),
    )
    [sign] = warning_signs(CheckIn(at=AT, pain=several))
    assert sign.title == (
        "Tingling in your left buttock and right buttock and numbness in your groin on both sides and pelvis "
        "(the saddle area)"
    )


def test_numbness_or_tingling_in_both_legs_is_urgent_as_help_says() -> None:
    for pain in (
        (PainRating(Region.FRONT_OF_THIGH, 2, Side.BOTH, "numb"),),
        (
            PainRating(Region.FRONT_OF_THIGH, 2, Side.LEFT, "tingling"),
            PainRating(Region.KNEE, 1, Side.RIGHT, "numb"),
        ),
    ):
        advice = after_check_in_advice(CheckIn(at=AT, pain=pain))
        assert advice is not None and advice.urgent
        assert advice.warnings[0].title == "Numbness or tingling in both legs"
    one_leg = after_check_in_advice(CheckIn(at=AT, pain=(PainRating(Region.KNEE, 2, Side.LEFT, "numb"),)))
    assert one_leg is not None and not one_leg.urgent
    both_feet = CheckIn(
        at=AT,
        pain=(
            PainRating(Region.FOOT, 2, Side.LEFT, "tingling"),
            PainRating(Region.FOOT, 2, Side.RIGHT, "tingling"),
        ),
    )
    feet = after_check_in_advice(both_feet)
    # pain below the knee in both legs stays urgent whatever its quality; tingling alone in the feet is not "legs"
    assert feet is not None and feet.warnings[0].title == "Pain below the knee in both legs"


def test_an_urgent_sign_is_not_followed_by_plans_for_the_next_session() -> None:
    """The urgent advice ("get urgent medical care now") is the last word, not "next time, try the supported..."."""
    numb_saddle = after(PainRating("lower_back", 3, quality="tingling"), compared=Comparison.WORSE)
    words = WarningSign(
        WarningLevel.URGENT_CARE, "Saddle", "Seek urgent care now.", ("BASS 2018",), "bladder_bowel_saddle", "Saddle"
    )
    advice = after_check_in_advice(numb_saddle, words_warnings=[words])
    assert advice is not None and advice.urgent
    assert (advice.worse, advice.got_worse, advice.reasons, advice.steps, advice.sources) == (False, False, (), (), ())


def test_while_urgent_care_stands_from_before_a_worse_check_in_plans_no_next_session() -> None:
    worse = after(PainRating("lower_back", 9), compared=Comparison.WORSE)
    assert after_check_in_advice(worse, urgent_care_stands=True) is None  # the standing warning is said instead
    calm_sign = after(PainRating("calf_and_shin", 3, Side.BOTH), compared=Comparison.WORSE)
    advice = after_check_in_advice(calm_sign, urgent_care_stands=True)
    assert advice is not None and advice.urgent and advice.steps == ()


def test_a_see_a_clinician_sign_keeps_the_worse_advice() -> None:
    advice = after_check_in_advice(after(PainRating("hip", 3, Side.LEFT, "numb"), compared=Comparison.WORSE))
    assert advice is not None and not advice.urgent and advice.worse
    assert advice.steps[0].startswith("Stop practising for today")


def test_strong_pain_on_its_own_before_any_session_is_met_with_a_gentler_rest_not_stop_for_today() -> None:
    alone = CheckIn(at=AT, pain=(PainRating("lower_back", 7),))
    advice = after_check_in_advice(alone)
    assert advice is not None and advice.worse and not advice.after_session
    assert advice.steps == (
        "Your pain is strong today. If you rest, try the supported variant (calves resting on a chair seat): it asks "
        "less of your back and hips. Stop if it hurts more.",
        "If strong pain keeps on, see a clinician (your doctor or physiotherapist).",
    )
    said = " ".join(advice.steps) + worse_today_reminder("standard", advice)
    assert "Stop practising for today" not in said and "Next time" not in said and "sessions keep" not in said
    assert worse_today_reminder("standard", advice).startswith("Earlier today a check-in noted strong pain. If you")
    pregnant = after_check_in_advice(alone, side_lying_only=True)
    assert pregnant is not None and "rest on your side" in pregnant.steps[0] and "midwife" in pregnant.steps[0]
    after_a_rest = after_check_in_advice(after(PainRating("lower_back", 7)))
    assert after_a_rest is not None and after_a_rest.steps[0] == "Stop practising for today and let your body settle."
    assert "we suggest stopping for today" in worse_today_reminder("standard", after_a_rest)
