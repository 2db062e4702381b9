"""A symptom only feared for the future pins nothing: readers_16's near miss "im worried ill get numb legs if i do this
too long, is that a thing" pinned urgent care (cauda equina) on its first run, as did its kin below. The fear is not
read when the message says nothing has happened; a fear come true, a symptom told beside the fear, or a present
symptom the person fears for still pins its warning."""

from support.help_signs import Sign, sign_tests

URGENT = "urgent_care"
CAUDA_EQUINA = "warning_cauda_equina"

PINNED: dict[Sign, tuple[str, ...]] = {
    ("changed_feeling_in_both_legs", CAUDA_EQUINA, URGENT): (
        "scared I'll get numb legs, my legs are numb right now",
        "worried ill end up numb, both my legs feel numb",
        "im worried ill get numb legs again, both went numb yesterday",
        "worried this will make my numb legs worse",
        "I'm terrified it might be cauda equina, both my legs are numb",
    ),
    ("saddle_numbness", CAUDA_EQUINA, URGENT): (
        "worried it will make my back worse, cant feel my bum",
        "nervous this is going to make it worse, my bum has gone numb since this morning",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "changed_feeling_in_both_legs": (
        "im worried ill get numb legs if i do this too long, is that a thing",
        "I'm scared this will make my legs go numb",
        "i worry ill end up with numb legs",
        "afraid I might get pins and needles in both legs if I stay down 30 minutes",
        "nervous this is going to give me tingly legs",
    ),
    "saddle_numbness": ("frightened this could cause numbness down below, is that possible?",),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
