"""A fear and a sign in one message: readers_16's near miss "im worried ill get numb legs if i do this too long, is
that a thing" pinned urgent care (cauda equina), a calm fear read as a sign. A symptom only feared for the future is
now not read, but only within its own clause: a first rule (s52) read eight words past a comma and lost the signs told
in the next clause or feared to stay, so it was taken back. The signs below pin their level whatever fear comes with
them; the calm fears pin nothing. A fear the words say is only feared ("I'm afraid of ending up ...", "I don't want to
end up ...") pins nothing as before."""

from crest.knowledge.text import clauses
from support.help_signs import Sign, sign_tests

URGENT = "urgent_care"
CLINICIAN = "see_clinician"
CAUDA_EQUINA = "warning_cauda_equina"

PINNED: dict[Sign, tuple[str, ...]] = {
    ("changed_feeling_in_both_legs", CAUDA_EQUINA, URGENT): (
        "scared I'll get numb legs, my legs are numb right now",
        "worried ill end up numb, both my legs feel numb",
        "im worried ill get numb legs again, both went numb yesterday",
        "worried this will make my numb legs worse",
        "I'm terrified it might be cauda equina, both my legs are numb",
        "worried it will give me numb legs, been numb for a week",
        # the sign said in the next clause in words that do not name it again
        "worried I might get numb legs, both of which are numb right now",
        "worried ill get numb legs, had it for a week",
        "scared ill get numb legs my legs are numb",  # no comma: "my" ends the fear's reach
        "Worried I'll get numb legs. Both legs numb since Tuesday.",
    ),
    ("saddle_numbness", CAUDA_EQUINA, URGENT): (
        "worried it will make my back worse, cant feel my bum",
        "nervous this is going to make it worse, my bum has gone numb since this morning",
        # a fear told before a sign in the next clause: the fear's reach ends with its clause
        "worried this will cause damage, saddle area numb",
        "afraid I'll end up with nerve damage, saddle numbness",
        "scared it will get serious, numb bum for two days",
        "worried this will make it worse; saddle area numb",
        "scared it'll go wrong but my saddle is numb",
        "worried this will cause damage, sadle area numb",  # its typo fixed, the clauses are still read apart
        # the feared sign said to be there already, to stay or to spread
        "worried ill go numb in the saddle, it's numb",
        "worried i will get numbness in my groin area, i have it",
        "worried it will cause numbness, which I have in my groin",
        "worried ill get numbness in the groin, as I have",
        "scared it will give me numbness in my saddle, got it for 3 days",
        "worried ill get numb in the saddle area, getting it right now",
        "worried i'll get numb down there too, like last night",
        "worried this will make the numbness between my legs permanent",
        "worried it will make the numbness in my groin spread",
        "worried i could end up with numb genitals numb genitals",
    ),
    ("bladder_or_bowel_trouble", CAUDA_EQUINA, URGENT): (
        "worried it may cause incontinence, leaking urine",
        "im worried it will cause bladder issues, peeing myself",
        "worried it could cause incontinence leaking urine",
        "afraid this will make me incontinent, leaking a bit",
        "scared it will make my incontinence permanent",
    ),
    ("weakness_in_both_legs", CAUDA_EQUINA, URGENT): (
        "scared this will make the weakness in both legs spread",
        "worried this will cause more weakness in both legs",
    ),
    ("fever_or_chills", "warning_infection", CLINICIAN): ("worried it will start a fever, temperature of 39",),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "changed_feeling_in_both_legs": (
        "I'm afraid of ending up with numb legs one day",
        # a symptom only feared for the future (readers_16's near miss, and fears like it)
        "im worried ill get numb legs if i do this too long, is that a thing",
        "scared this will make my legs go numb",
        "worried i'm going to get numb legs",
        "nervous it will give me pins and needles in both legs, do people get that",
    ),
    "weakness_in_both_legs": ("worried I might end up with weakness in both legs",),
    "saddle_numbness": (
        "worried ill get saddle numbness",
        "scared I'll get numb bum from the hard floor",
        "worried that it will cause numbness in my genitals",
        "scared this will make my bum go numb on the hard floor, should i use a mat",
    ),
    "bladder_or_bowel_trouble": (
        "I don't want to end up incontinent",
        "worried this will cause incontinence later in life",
        "afraid it might cause incontinence when im older, is that a risk",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)


def test_a_message_is_cut_into_clauses_where_its_punctuation_or_a_new_clause_word_is() -> None:
    assert clauses("Worried this will cause damage, saddle area numb; since Tuesday. But not now!") == [
        ["worried", "this", "will", "cause", "damage"],
        ["saddle", "area", "numb"],
        ["since", "tuesday"],
        ["but", "not", "now"],
    ]
    assert clauses("worried ill get numb legs and now my bum is numb") == [
        ["worried", "ill", "get", "numb", "legs"],
        ["and", "now", "my", "bum", "is", "numb"],
    ]
