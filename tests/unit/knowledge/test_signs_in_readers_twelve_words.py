"""Messages a twelfth readers' part (bench/help_questions/readers_12) found read wrongly, and some that earlier parts
left (readers_8 to readers_11), told in words of their own: each warning sign pins, in crest ask, the entry its rule
gives (at the level crp-facts.md section 5 gives it), and a calm message does not fire the rule it was once mistaken
for."""

import pytest

from crest.services.help import help_search
from support.help_signs import Sign, sign_tests

# (rule, entry pinned, its level): messages that must fire the rule and pin that entry
PINNED: dict[Sign, tuple[str, ...]] = {
    ("weakness_in_both_legs", "warning_cauda_equina", "urgent_care"): (
        # a denied sign's place stays with the complaint after "just" or "only" when that names no place of its own:
        # the weakness is in the legs (the denial took them, and weakness in both legs was read nowhere)
        "I don't have any numbness in my legs, just weakness",
        "there's no tingling in my legs, only weakness in both of them",
        "no pins and needles in my legs, just they keep giving way",
    ),
    ("saddle_numbness", "warning_cauda_equina", "urgent_care"): (
        # the condition said to be someone's now, or suspected, still warns whoever has it
        "my wife might have cauda equina, the GP said to keep an eye on her",
        # a supposition with something that has happened is read whole
        "what should I do if I ever go numb between my legs again? it happened this morning",
        # the numbness, not the feeling, coming back on walking
        "my groin went numb on the drive and the numbness came back when I walked",
    ),
    ("cauda_equina_named", "warning_cauda_equina", "urgent_care"): ("I think I've got cauda equina, what do I do",),
    # a denied sign's place goes with it only when the denial is whole: "until" keeps it
    ("changed_feeling_in_both_legs", "warning_cauda_equina", "urgent_care"): (
        "no pain at all, but since Monday I've had numbness in both legs",
        "I had no numbness in my legs until this week, now both are numb",
        # the symptom set aside by "not" goes, the other is read (walk_safety L2)
        "it's tingling, not pain, in both my legs",
    ),
    # a fever with the cold beside it, or a fall whose pain went on, still warns
    ("fever_or_chills", "warning_infection", "see_clinician"): (
        "the house is cold but I've also had a fever and the shivers since yesterday",
        # an old injury said, and a fever now: the fever is read
        "when I was 19 I hurt my back and now at 55 I have new back pain with fever",
        "years ago I hurt my back and lately I get fevers at night",
    ),
    ("major_trauma", "warning_fracture", "see_clinician"): (
        "I fell off a wall when I was 30 and my back has never been right since",
    ),
    ("new_loss_of_feeling", "warning_new_numbness_or_weakness", "see_clinician"): (
        "my arm is still dead after painting the shed yesterday",
        # tired from work, but a feeling lost is said
        "my legs are dead from gardening and now I can't feel them",
        "my hands are dead from plastering and I've lost the feeling in my fingers",
    ),
    # weakness said beside the ease is still weakness
    ("new_loss_of_strength", "warning_new_numbness_or_weakness", "see_clinician"): (
        "my right arm has gone weak and floppy, is that just me relaxing?",
    ),
}
# rule: calm messages that must not fire it
NOT_FIRED: dict[str, tuple[str, ...]] = {
    # someone else's cauda equina, over, is history (readers_12)
    "saddle_numbness": (
        "my brother-in-law had an operation for cauda equina a few years back; all I get is a stiff neck",
        "a friend of mine had cauda equina syndrome ages ago and she's fine now, is this safe for me",
        # a supposition asked first ("what should I do if I ever..."), or called hypothetical (readers_12, readers_11)
        "what would you advise if I ever noticed numbness around my bottom?",
        # the feeling back once the person moved (readers_12)
        "my bottom went numb on the church pew but the feeling came back once I stood up",
    ),
    "cauda_equina_named": ("my brother-in-law had an operation for cauda equina a few years back",),
    "bladder_or_bowel_trouble": ("what happens if you lose bladder control mid-session, in theory?",),
    "changed_feeling_in_both_legs": (
        "just wondering what would happen if both my legs went numb, hypothetically",
        # a denied sign's place goes with the denial (readers_11)
        "I don't get any pins and needles in my legs, just a sore back",
    ),
    "new_loss_of_feeling": (
        "my leg goes dead on the sofa and it comes back as soon as I move",
        # arms or legs "dead" from physical work or exercise are tired (readers_11)
        "legs are dead after a day of shovelling snow, ok to lie down on the floor?",
        "my arms are completely dead from plastering the hallway",
    ),
    # limbs floppy with the ease of the position (readers_12)
    "new_loss_of_strength": ("my arms go all floppy as I relax into it, is that normal",),
    # a denied sign's place goes with the denial; a sign set aside by "not" (walk_safety L2)
    "pain_in_both_legs": (
        "there's no tingling down my legs, only aching in my lower back",
        "it's tingling, not pain, in both my legs",
    ),
    # a fall at an age long past, fine since (readers_8); an illness a season back, said to be over (readers_8,
    # readers_9); chills from a cold room (readers_9)
    "major_trauma": ("came off my bike when I was 12 and have been fine ever since",),
    "fever_or_chills": (
        "had a temperature over Christmas but it went away",
        "the bedroom was cold and I started shivering on the mat",
    ),
    "recent_bacterial_infection": ("I had a water infection over the summer, fully recovered now",),
}


test_a_warning_sign_pins_its_entry_and_level, test_a_calm_message_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)


@pytest.mark.parametrize(
    "question",
    [
        "is it ok if my wife kneads the front of my hips with her thumbs?",
        "my mate says he can dig a thumb in near my hip bone to loosen it, good idea?",
    ],
)
def test_thumbs_and_kneading_ask_about_massage(question: str) -> None:
    # thumbs dug into the front of the hips are pressing on the psoas (readers_12 answered the hard lump first)
    assert [answer.id for answer in help_search().answers(question)][:1] == ["massage"]
