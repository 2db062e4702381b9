"""Warning signs in everyday words, and emergencies beyond back pain (a terminal and a practice walk-through, 5 Dec
2026): each pins its entry at its level, as `crest ask` and a check-in note read them; the calm neighbours pin none."""

import pytest

from crest.knowledge.loader import english_words, load_help
from crest.knowledge.search import HelpSearch


@pytest.fixture(scope="module")
def search() -> HelpSearch:
    return HelpSearch(load_help(), dictionary=english_words())


@pytest.mark.parametrize(
    ("question", "entry_id", "level"),
    [
        # bladder or bowel trouble said in common ways, and crest's own safety question's wording
        ("problems with my bladder since Tuesday", "warning_cauda_equina", "urgent_care"),
        ("pee problems", "warning_cauda_equina", "urgent_care"),
        ("my bladder is acting up", "warning_cauda_equina", "urgent_care"),
        ("trouble with my bowels", "warning_cauda_equina", "urgent_care"),
        ("I keep having accidents", "warning_cauda_equina", "urgent_care"),
        ("Since yesterday I have new trouble controlling my bladder", "warning_cauda_equina", "urgent_care"),
        ("struggling to control my bladder or bowels", "warning_cauda_equina", "urgent_care"),
        ("new trouble with my bladder", "warning_cauda_equina", "urgent_care"),
        # emergencies beyond back pain: crest's general guidance, with the entry that says call now
        ("my arm went weak and my speech is slurred", "warning_emergency", "urgent_care"),
        ("sudden weakness in my face", "warning_emergency", "urgent_care"),
        ("my face is drooping", "warning_emergency", "urgent_care"),
        ("chest pain and my left arm hurts", "warning_emergency", "urgent_care"),
        ("crushing chest pain", "warning_emergency", "urgent_care"),
        ("I can't breathe", "warning_emergency", "urgent_care"),
        ("chest pain during the rest", "warning_emergency", "urgent_care"),
        ("my speech went funny", "warning_emergency", "urgent_care"),
        # new numbness or weakness said plainly, the entry's own title, foot drop, both feet, pain worse week on week
        ("New numbness or weakness", "warning_new_numbness_or_weakness", "see_clinician"),
        ("new weakness", "warning_new_numbness_or_weakness", "see_clinician"),
        ("my foot drops when I walk", "warning_new_numbness_or_weakness", "see_clinician"),
        ("my feet are numb", "warning_cauda_equina", "urgent_care"),  # both feet, as "both feet are numb" is
        ("my back pain is getting worse every week", "warning_cancer", "see_clinician"),
    ],
)
def test_the_sign_pins_its_entry_at_its_level(search: HelpSearch, question: str, entry_id: str, level: str) -> None:
    sign = search.warning_sign(question)
    assert sign is not None and (sign.id, sign.level) == (entry_id, level)


@pytest.mark.parametrize(
    "question",
    [
        "what if I can't get up",
        "what if I cannot get up afterwards",
        "is it a problem to pee halfway through?",
        "I can't breathe deeply into my belly yet, how do I learn that",
        "my jaw drops open and my face goes all slack when I relax",
        "tingling feet",  # a tingle in "my feet" stays a clinician's to see, never urgent
    ],
)
def test_the_calm_neighbours_pin_no_urgent_care(search: HelpSearch, question: str) -> None:
    sign = search.warning_sign(question)
    assert sign is None or sign.level == "see_clinician"


def test_the_emergency_entry_labels_the_general_guidance_and_names_its_public_sources() -> None:
    content = load_help()
    entry = content.entry("warning_emergency")
    assert entry is not None and entry.level == "urgent_care"
    assert entry.text.startswith("Call your emergency number now.")
    assert "crest's general guidance" in entry.text
    assert {"CREST", "NHS-999", "NHS-FAST"} <= set(entry.sources)
    for words in ("chest pain", "face that droops", "speech that slurs", "unable to breathe"):
        assert words in entry.text
    # the back-pain emergency keeps its own words and its clinical source alone (crp-facts.md section 5)
    aortic = content.entry("warning_aortic")
    assert aortic is not None and aortic.sources == ("CL-AAA",) and "stroke" not in aortic.text


def test_a_lump_in_the_belly_is_a_doctors_to_check_not_one_to_rest_off() -> None:
    entry = load_help().entry("psoas_feels_hard")
    assert entry is not None and not entry.text.startswith("No.")
    assert "a lump you can feel in your belly is a doctor's to check" in entry.text and "CREST" in entry.sources


@pytest.mark.parametrize("question", ["is it normal to feel shaking", "my whole body trembles"])
def test_shaking_finds_its_own_answer(search: HelpSearch, question: str) -> None:
    assert [entry.id for entry in search.answers(question)][:1] == ["shaking"]
