"""The warning signs made of a place and words, and how a check-in's rated places are said before its note.

A check-in says where it hurts by its ratings, and what else is happening only in its note: "they keep giving way"
under both legs rated is weakness in both legs (cauda equina), though the words alone name no place. So the help
system's red-flag rules also read the note after its rated places said in words, each place for the signs of
crp-facts.md section 5 it is part of, and only by the rules that need a place: a rating says pain, and pain in a
place is read from the ratings themselves (`worse_check_in`), so a place said before a note never adds a sign that
the rating alone does not name ("Pain in both legs" under thighs rated on both sides with "they ache" is no sign).
Signs whose words need no place (fever, bladder or bowel trouble, a fall) are read in the note alone. And a note
that says whose or which part it speaks of ("my core is weak", "my sleep is getting worse") speaks of that, not of
the place rated: it is read with the place only when each such part is one of the place's own (`speaks_of`).

Pure: the places rated go in, the sentences to read with the note come out; the rules live in knowledge/red_flags.py.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from crest.journal.records import PainRating
from crest.journal.vocabulary import Region
from crest.knowledge.text import words
from crest.safety.worse_check_in import LEGS, SADDLE, SEVERE_SCORE, on_both_sides

BACK = frozenset({Region.LOWER_BACK, Region.UPPER_BACK, Region.SACROILIAC_JOINT})
FOOT = frozenset({Region.FOOT})
LEG_AND_FOOT = LEGS | FOOT


@dataclass(frozen=True)
class PlaceOfASign:
    """A place that is part of a warning sign (the help entry `entry_id`), said as `said` before a note."""

    entry_id: str
    said: str  # no rule in `rules` fires on these words alone: the note must say the rest
    rules: frozenset[str]  # the red-flag rules the place completes, each of them `entry_id`'s
    regions: frozenset[Region]
    strong: bool = False  # only a rating of SEVERE_SCORE or more is this place (severe pain is part of the sign)
    both_sides: bool = False  # the place is rated on both sides of the body (or as both)
    # the words of the place and of the sign's own parts, as "my ..." may name them ("my calves", "my pulse");
    # None: any (severe pain is the aortic sign's place, and "my heart racing" or "my head spinning" its words)
    own: re.Pattern[str] | None = None

    def rated_in(self, pain: Iterable[PainRating]) -> bool:
        """Whether the ratings rate this place: a score above 0 or a feeling (numbness has no pain score)."""
        rated = [
            rating
            for rating in pain
            if rating.region in self.regions
            and (rating.score >= SEVERE_SCORE if self.strong else rating.score > 0 or rating.quality is not None)
        ]
        return on_both_sides(rated) if self.both_sides else bool(rated)

    def speaks_of(self, note: str) -> bool:
        """Whether a note may speak of this place: every part it names as someone's ("my ...") is the place's own."""
        if self.own is None:
            return True
        named = _SOMEONES.findall(" ".join(words(note)))
        return all(self.own.fullmatch(part) for part in named)


# "my left calf", "her pulse": the part a note names as someone's (a side or the like said first is skipped)
_SOMEONES = re.compile(
    r"\b(?:my|his|her|their|our|your) (?:(?:left|right|lower|upper|whole|poor|old|two|other) )?(\w+)"
)
_LEG_WORDS = r"legs?|thighs?|knees?|calf|calves|shins?|ankles?|feet|foot|toes?|soles?"


def _place(
    entry_id: str,
    said: str,
    rules: str,
    regions: Iterable[Region],
    own: str | None,
    strong: bool = False,
    both_sides: bool = False,
) -> PlaceOfASign:
    """A place of `entry_id`'s sign; `rules` the rules' names, by spaces; `own` the words of the place's own parts."""
    own_words = None if own is None else re.compile(rf"(?:{own})")
    return PlaceOfASign(entry_id, said, frozenset(rules.split()), frozenset(regions), strong, both_sides, own_words)


def _of_both_legs(said: str, rules: str, regions: Iterable[Region]) -> PlaceOfASign:
    return _place("warning_cauda_equina", said, rules, regions, _LEG_WORDS, both_sides=True)


PLACES_OF_SIGNS: tuple[PlaceOfASign, ...] = (
    # sudden severe belly or lower-back pain with dizziness, clamminess or fainting, or with a known aneurysm
    _place(
        "warning_aortic",
        "Severe pain in my lower back and belly.",
        "sudden_severe_pain_with_faintness pain_with_known_aneurysm",
        (Region.LOWER_BACK, Region.ABDOMEN),
        None,
        strong=True,
    ),
    # a pulsing feeling in the belly ("a throb like a heartbeat"; "my heart beating" speaks of the heart)
    _place(
        "warning_pulsing_belly",
        "My belly.",
        "pulsing_in_belly",
        (Region.ABDOMEN,),
        r"belly|tummy|stomach|abdomen|tum|gut|navel|pulse|heartbeat",
    ),
    # severe or worsening weakness in both legs, or a changed feeling in both ("they keep giving way", "gone numb")
    _of_both_legs("Both my legs.", "weakness_in_both_legs changed_feeling_in_both_legs", LEGS),
    # the feet as the rules read them: weakness in both feet is of both legs, numbness in "my feet" too, but a
    # tingle in "my feet" is not (as a check-in rating both feet tingling says "see a clinician")
    _of_both_legs("Both my feet.", "weakness_in_both_legs", FOOT),
    _of_both_legs("My feet.", "changed_feeling_in_both_legs", FOOT),
    # numbness in the saddle area ("it has gone numb", "I can't feel anything there")
    _place(
        "warning_cauda_equina",
        "My bottom and groin.",
        "saddle_numbness",
        SADDLE,
        r"bottom|bum|butt|buttocks?|backside|groin|pelvis|privates|crotch|bits|seat",
    ),
    # back pain at night, or no better after a month (not back pain at an age under 20 or over 50: that sign is
    # of new back pain, which a rating does not say)
    _place(
        "warning_cancer",
        "Pain in my back.",
        "night_pain no_improvement_after_a_month",
        BACK,
        r"back|backs|spine|pain|pains|sciatica",
    ),
    # any new loss of feeling or strength in a leg ("it feels weak", "it has gone dead")
    _place(
        "warning_new_numbness_or_weakness",
        "My leg.",
        "new_loss_of_feeling new_loss_of_strength changed_feeling_in_a_leg_or_foot",
        LEG_AND_FOOT,
        _LEG_WORDS,
    ),
)
