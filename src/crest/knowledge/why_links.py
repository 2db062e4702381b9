"""The "why?" links: which help entry explains each cue, variant, safety question and noted sensation.

Data only, kept apart from crp.toml and the safety questions so that each can change without the other.
tests/unit/knowledge/test_why_links.py fails for any cue or question without an entry here, and for any entry
named here that help.toml does not have.
"""

from collections.abc import Mapping

# Every text id of crp.toml: setup steps, settle, rest, movement and closing cues, the ending, the suggested time.
PROTOCOL_TEXTS: Mapping[str, str] = {
    "surface": "surface",
    "lie_down": "getting_down",
    "knees_and_feet": "feet_width",
    "heel_distance": "heel_distance",
    "head": "head_and_towel",
    "lower_back": "lower_back_and_pelvis",
    "arms": "arms",
    "arrive": "how_it_works",
    "breath": "breathing",
    "contact": "attention",
    "letting_go": "how_it_works",
    "leave_spine": "lower_back_and_pelvis",
    "yawning": "yawning",
    "feelings": "emotions",
    "knees_balance": "knees",
    "shifting": "spine_shifting",
    "closing": "attention",
    "roll_to_side": "getting_up",
    "come_up": "getting_up",
    "after_work": "time_of_day",
    # the somatic variant's slow movements
    "arch": "somatic_variant",
    "press": "somatic_variant",
    "release": "somatic_variant",
}

VARIANTS: Mapping[str, str] = {
    "standard": "what_is_crp",
    "supported": "supported_variant",
    "somatic": "somatic_variant",
    "side_lying": "pregnancy",  # the side-lying rest is what the pregnancy advice offers
}

SAFETY_QUESTIONS: Mapping[str, str] = {
    "bladder_bowel_saddle": "warning_cauda_equina",
    "both_legs": "warning_cauda_equina",
    "sudden_severe_pain": "warning_aortic",
    "pulsing_belly": "warning_pulsing_belly",
    "new_loss_of_feeling_or_strength": "warning_new_numbness_or_weakness",
    "new_pain_under_20_or_over_50": "warning_cancer",
    "cancer_history": "warning_cancer",
    "weight_loss": "warning_cancer",
    "night_pain": "warning_cancer",
    "no_improvement_after_a_month": "warning_cancer",
    "infection_signs": "warning_infection",
    "fracture_signs": "warning_fracture",
    "recent_surgery": "surgery",
    "pregnant_16_weeks": "pregnancy",
}

# Sensations a check-in notes (journal vocabulary) -> the entry offered after saving.
SENSATIONS: Mapping[str, str] = {
    "yawning": "yawning",
    "breath_changed": "breathing",
    "spine_shifting": "spine_shifting",
    "emotions": "emotions",
    "sleepy": "falling_asleep",
    "restless": "restless",
}
SENSATIONS_WITHOUT_ENTRY = frozenset({"warmth", "none"})  # nothing to explain: a new sensation must choose

WORSE_CHECK_IN = "pain_during_session"  # offered with the answer to a check-in that says things got worse


def setup_step_entry(step_id: str, variant: str, replaced_by_variant: bool) -> str | None:
    """A step that a variant rewrites is explained by that variant's entry (calves on a chair are not feet apart)."""
    return VARIANTS.get(variant) if replaced_by_variant else PROTOCOL_TEXTS.get(step_id)
