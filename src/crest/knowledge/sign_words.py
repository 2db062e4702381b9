"""Each red-flag rule's own sign, in the person's words: what a check-in that fired it is named by.

A help entry gathers several signs under one title ("Back pain with a history of cancer, weight loss, night pain or
no improvement"): a note that named night pain alone, named by that title, read as if the person had said all of
it. The sign is named by the rule that fired instead, in crest's own words for crp-facts.md section 5 (clinical
references [CL]) and, beyond back pain, for crest's general emergency guidance; its advice and sources stay its help
entry's. tests/unit/knowledge/test_sign_words.py fails for a rule without words here, or words for no rule.
"""

from collections.abc import Iterable, Mapping

from crest.knowledge.red_flags import RULES

SIGN_WORDS: Mapping[str, str] = {
    # cauda equina signs (urgent care)
    "bladder_or_bowel_trouble": "New trouble passing urine or controlling the bladder or bowels",
    "bladder_or_bowel_control_in_other_languages": "New trouble passing urine or controlling the bladder or bowels",
    "saddle_numbness": "Numbness or a changed feeling in the saddle area, between the legs",
    "saddle_numbness_in_other_languages": "Numbness or a changed feeling in the saddle area, between the legs",
    "lost_bowel_or_bladder_sensation": "Less feeling of a full bladder or bowel, or of passing urine or stool",
    "sexual_function_change": "A new change in sexual function",
    "pain_in_both_legs": "Pain in both legs",
    "changed_feeling_in_both_legs": "Numbness or tingling in both legs",
    "changed_feeling_in_both_legs_that_passes_on_moving": (
        "Numbness or tingling in both legs that the position brings on"
    ),
    "weakness_in_both_legs": "Weakness in both legs that is severe or getting worse",
    "cauda_equina_named": "Cauda equina syndrome, or the fear of it",
    # the aorta (urgent care), a pulsing belly (see a clinician)
    "sudden_severe_pain_with_faintness": "Sudden severe belly or back pain with dizziness or faintness",
    "pain_with_known_aneurysm": "Belly or back pain with a known aortic aneurysm",
    "pulsing_in_belly": "A pulsing feeling in the belly",
    "known_aneurysm": "A known aortic aneurysm",
    # emergencies beyond back pain (crest's general guidance)
    "stroke_signs": "A drooping face, slurred speech, or sudden weakness or numbness on one side",
    "chest_pain": "Chest pain or pressure",
    "chest_pain_in_other_languages": "Chest pain or pressure",
    "cannot_breathe": "Being unable to breathe",
    "breathless_at_rest": "Breathlessness at rest",
    "sudden_severe_headache": "A sudden or worst-ever headache",
    # possible cancer
    "history_of_cancer": "A history of cancer",
    "unexplained_weight_loss": "Weight lost without trying",
    "night_pain": "Pain at night that changing position does not ease",
    "new_back_pain_under_20_or_over_50": "New back pain under 20 or over 50",
    "no_improvement_after_a_month": "Back pain with no improvement after a month",
    # possible infection
    "fever_or_chills": "A fever or chills",
    "weakened_immune_system": "A weakened immune system",
    "injecting_drugs": "Injecting drugs",
    "recent_bacterial_infection": "A recent bacterial infection",
    # possible fracture
    "major_trauma": "A serious fall or accident",
    "fragile_bones_or_long_term_steroids": "Fragile bones or long-term steroid use",
    # any new loss of feeling or strength
    "new_loss_of_feeling": "New loss of feeling",
    "changed_feeling_in_a_leg_or_foot": "New numbness or tingling in a leg or foot",
    "new_loss_of_strength": "New loss of strength",
    "new_numbness_or_weakness_said_plainly": "New numbness or weakness",
}

RULE_ENTRIES: Mapping[str, str] = {rule.name: rule.entry_id for rule in RULES}


def said_of(entry_id: str, rule_names: Iterable[str]) -> str | None:
    """The signs of `entry_id` among the rules that fired, in their words, each once ("Pain at night that changing
    position does not ease; weight lost without trying"); None when no rule of it is known (a check-in stored before
    the rules were kept, or by a newer crest): it is then named by its help entry."""
    said = dict.fromkeys(
        SIGN_WORDS[name] for name in rule_names if RULE_ENTRIES.get(name) == entry_id and name in SIGN_WORDS
    )
    if not said:
        return None
    first, *rest = said
    return "; ".join([first, *(words[:1].lower() + words[1:] for words in rest)])


def entry_of(said: str, rule_names: Iterable[str] = ()) -> str | None:
    """The help entry of a sign named by `said_of`, or None: a sign kept apart from its check-in keeps its words,
    and cites its entry's sources. By the rules it came from where they are known (a later crest may reword a sign),
    else by its words."""
    known = (RULE_ENTRIES[name] for name in rule_names if name in RULE_ENTRIES)
    if (by_rule := next(known, None)) is not None:
        return by_rule
    first = said.split("; ")[0]
    return next((RULE_ENTRIES[name] for name, words in SIGN_WORDS.items() if words == first), None)
