"""What the voice says of a warning sign's advice: the advice, what to do and the signs, as the screen gives them,
without the sources in brackets that the screen cites (long lists of names and years, heard with eyes closed)."""

from datetime import UTC, datetime

from crest.journal.records import SafetyScreen
from crest.safety.screen import ADVICE, QUESTIONS, AdviceLevel, assess
from crest.safety.standing import safety_standing
from crest.services.safety import SafetyConcernStands, said_aloud

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def _explanation(*yes: str) -> str:
    answers = {question.id: question.id in yes for question in QUESTIONS}
    screen = SafetyScreen(answered_at=T0, answers=answers, advice_level=assess(answers).level.stored_name, id=1)
    return safety_standing([screen], [], T0).explanation()


def test_the_advice_is_said_without_its_sources_and_keeps_what_to_do() -> None:
    shown = _explanation("both_legs", "recent_surgery")
    assert "(source: British Association of Spine Surgeons cauda equina guidance (2018);" in shown
    assert "(source: Clinical references [CL] in crest's fact sheet" in shown

    said = said_aloud(shown)

    # Each advice whole ("seek urgent care", "see a clinician", with its own brackets), each question whole.
    assert said == (
        f"{ADVICE[AdviceLevel.URGENT]} You answered yes to: {QUESTIONS[1].text} "
        f"{ADVICE[AdviceLevel.SEE_CLINICIAN]} You answered yes to: {QUESTIONS[12].text}"
    )
    assert "(your doctor or physiotherapist, or your surgeon after an operation)" in said


def test_a_refusal_speaks_its_message_so_and_ends_as_a_sentence() -> None:
    refusal = SafetyConcernStands(f"no session was started: {_explanation('pulsing_belly')}")
    assert refusal.message.endswith("(source: NHS guidance on abdominal aortic aneurysm)")
    assert refusal.spoken == (
        f"no session was started: {ADVICE[AdviceLevel.SEE_CLINICIAN]} You answered yes to: "
        "Can you feel a pulsing sensation in your belly?"
    )
    assert said_aloud("named: Numbness in your groin (the saddle area) (source: NHS (2016); NICE)") == (
        "named: Numbness in your groin (the saddle area)."
    )


def test_other_brackets_and_an_unclosed_one_are_said_as_written() -> None:
    assert said_aloud("Rest on your side (with a pillow), then ask.") == "Rest on your side (with a pillow), then ask."
    assert said_aloud("Stop (sources: NHS; NICE) now (source: NHS (2016") == "Stop now (source: NHS (2016."
    assert said_aloud("") == ""
