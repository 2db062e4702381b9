"""After a check-in in the terminal: a headline that says what the check-in says (strong pain is not "worse"), and
one 'why?' line for each noted sensation that has a help entry, as the web offers after saving; none under urgent
care, which stands alone."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from rich.console import Console

from crest.cli.asker import Asker, StoppedAtPrompt
from crest.cli.check_in_advice import show_check_in_advice, show_sensation_help, urgent_signs_confirmed
from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Comparison, Sensation
from crest.knowledge.loader import load_help
from crest.safety.worse_check_in import WarningLevel, WarningSign, WorseAdvice, after_check_in_advice


def _shown(sensations: set[Sensation], advice: WorseAdvice | None = None) -> str:
    console = Console(record=True, width=200)
    show_sensation_help(console, sensations, advice)
    return console.export_text()


def _title(entry_id: str) -> str:
    entry = load_help().entry(entry_id)
    assert entry is not None
    return entry.title


def _advice(level: WarningLevel) -> WorseAdvice:
    sign = WarningSign(level, "a sign", "what to do", ("a source",), "bladder_bowel_saddle", "a sign")
    return WorseAdvice(worse=False, got_worse=False, reasons=(), steps=(), sources=(), warnings=(sign,))


def test_yawning_and_emotions_point_to_their_entries_in_order() -> None:
    shown = _shown({Sensation.EMOTIONS, Sensation.YAWNING})
    assert f'Yawning: why? crest ask "{_title("yawning")}"' in shown
    assert f'Emotions came up: why? crest ask "{_title("emotions")}"' in shown
    assert shown.index("Yawning") < shown.index("Emotions")


def test_a_sensation_without_an_entry_says_nothing() -> None:
    assert _shown({Sensation.WARMTH}) == ""
    assert _shown(set()) == ""


def test_urgent_care_stands_alone_but_a_see_a_clinician_sign_keeps_the_hints() -> None:
    assert _shown({Sensation.YAWNING}, _advice(WarningLevel.URGENT_CARE)) == ""
    assert "crest ask" in _shown({Sensation.YAWNING}, _advice(WarningLevel.SEE_CLINICIAN))


def _answer(compared: Comparison | None) -> str:
    at = datetime(2026, 5, 6, 18, 0, tzinfo=UTC)
    check_in = CheckIn(at=at, timing="after", session_id=1, pain=(PainRating("hip", 7, "left"),))
    console = Console(record=True, width=200)
    show_check_in_advice(console, after_check_in_advice(replace(check_in, compared_with_before=compared)))
    return console.export_text()


def test_strong_pain_without_a_worse_is_called_strong_pain_with_the_same_advice() -> None:
    shown = _answer(None)
    assert "Your check-in notes strong pain." in shown and "got worse" not in shown
    assert "- Pain in your hip (left) is 7 out of 10 (7 or more)." in shown
    assert "1. Stop practising for today and let your body settle." in shown
    assert "Source: Ostelo" in shown
    assert "Your check-in says things got worse." in _answer(Comparison.WORSE)


def test_a_worse_check_in_that_names_an_urgent_sign_ends_on_the_urgent_advice() -> None:
    check_in = CheckIn(
        at=datetime(2026, 5, 6, 18, 0, tzinfo=UTC),
        pain=(PainRating("groin", 3, "both", "numb"), PainRating("lower_back", 8)),
        compared_with_before=Comparison.WORSE,
    )
    console = Console(record=True, width=200)
    show_check_in_advice(console, after_check_in_advice(check_in))
    shown = console.export_text()
    assert "Please seek urgent medical care now" in shown
    assert "Next time" not in shown and "got worse" not in shown and "Stop practising for today" not in shown
    assert shown.rstrip().splitlines()[-1].startswith("Source: British Association of Spine Surgeons")


def test_ctrl_c_at_is_that_right_still_says_to_seek_urgent_care(monkeypatch: pytest.MonkeyPatch) -> None:
    """`crest log --note "I can't feel when I need to wee"`, then Ctrl-C at "Is that right?": crest said only
    "stopped at Ctrl-C; what was already saved is kept". Nothing is saved, and the advice is said, as after a "no"."""

    def ctrl_c(asker: Asker, question: str) -> bool:
        raise StoppedAtPrompt()

    monkeypatch.setattr(Asker, "yes_or_no", ctrl_c)
    console = Console(record=True, width=200)
    with pytest.raises(StoppedAtPrompt):
        urgent_signs_confirmed(console, _advice(WarningLevel.URGENT_CARE).warnings)
    assert "If it is there after all, please seek urgent medical care now" in console.export_text()
