"""After a check-in in the terminal: one 'why?' line for each noted sensation that has a help entry, as the web
offers after saving; none under urgent care, which stands alone."""

from rich.console import Console

from crest.cli.check_in_advice import show_sensation_help
from crest.journal.vocabulary import Sensation
from crest.knowledge.loader import load_help
from crest.safety.worse_check_in import WarningLevel, WarningSign, WorseAdvice


def _shown(sensations: set[Sensation], advice: WorseAdvice | None = None) -> str:
    console = Console(record=True, width=200)
    show_sensation_help(console, sensations, advice)
    return console.export_text()


def _title(entry_id: str) -> str:
    entry = load_help().entry(entry_id)
    assert entry is not None
    return entry.title


def _advice(level: WarningLevel) -> WorseAdvice:
    sign = WarningSign(level, "a sign", "what to do", ("a source",), "bladder_bowel_saddle")
    return WorseAdvice(worse=False, reasons=(), steps=(), sources=(), warnings=(sign,))


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
