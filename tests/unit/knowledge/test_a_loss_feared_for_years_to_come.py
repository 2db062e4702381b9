"""A loss feared for years to come, asked of the rest itself ("could doing this every day for years make my legs go
numb eventually or is that a myth", "will lying like this for years eventually weaken my legs", "im worried ill get numb
legs if i do this too long, is that a thing": the bench's near misses of readers_16, 17 and 18) is not read as the
sign, when the message tells no other loss nor pain. A loss there, told anywhere in the message ("they went numb last
night", "my bum is numb", "both legs are like jelly"), a pain or a loss told of them by a pronoun ("could the shooting
pain down them be serious"), a loss told inside the fear ("will my numb legs eventually ..."), a sign made worse ("make
my numb legs worse") or another harm beside a sign ("cause nerve damage numb groin") still pins its sign at its level
(crp-facts.md section 5)."""

from support.help_signs import Sign, sign_tests

URGENT = "urgent_care"
CAUDA_EQUINA = "warning_cauda_equina"

PINNED: dict[Sign, tuple[str, ...]] = {
    ("changed_feeling_in_both_legs", CAUDA_EQUINA, URGENT): (
        "i'm worried because my legs went numb",
        "will my numb legs get better if i do this",
        "will lying like this eventually make my numb legs better",
        "could doing this make my numb legs worse eventually",
        "could this be why my legs eventually go numb after 20 minutes",
        "my legs eventually go numb when i lie like this, will it do damage",
        "what would cause my legs to eventually go numb when lying",
        "both legs went numb one day last week, could this cause that",
        "one day my legs just went numb, will lying like this help",
        "im worried ill get numb legs if i do this, they are numb now",
        "worried ill get numb legs if i do this too long, both legs numb since friday",
        "im worried ill get numb legs if i do this too long, my legs are numb",
        "eventually both my legs go numb and tingly, could this cause that",
        "could lying like this have made my legs go numb",
        "could doing this be making my legs go numb",
        "will my legs stop going numb eventually if i do this every day",
        "numb legs for a week, will this help eventually",
        "worried this will make my numb legs worse",
        "my legs went numb, will doing this make them numb again one day",
        "both legs numb, could doing this make it permanent eventually",
        "im worried ill get numb legs if i do this too long, they went numb last night",
        "could doing this make my legs go numb eventually? my legs feel numb",
        "will my numb legs eventually make me lose control of my bladder",
        "could my legs being numb eventually make me weak",
        "will doing this every day eventually weaken my legs, both legs tingling",
        "could lying like this make my legs go numb eventually\nboth legs numb",
        "could doing this eventually make my legs go numb, they keep going to sleep",
        "will lying like this eventually make my legs go numb, both of them went to sleep",
        "could this make my legs go numb eventually or is that why both legs have pins and needles",
        "will lying like this eventually make my legs go numb is what i wonder as they are numb right now",
        "could doing this make my legs go numb eventually or is that why they ache so badly down to my feet",
        "could lying like this make my legs go numb eventually or is that why they feel funny",
        "could doing this make my legs go numb eventually or is that why they went to sleep",
        "could this make my feet go numb eventually or is it the foot drop",
    ),
    ("saddle_numbness", CAUDA_EQUINA, URGENT): (
        "worried ill get numb legs if i do this too long, my bum is numb",
        "could doing this make my legs go numb eventually, my groin is numb",
        "will lying like this eventually weaken my legs, i cant feel my bum",
        "eventually my bum went numb and stayed numb, could this cause that",
        "will this eventually make the numbness in my saddle area go away",
        "could doing this every day make my numb bum better eventually",
        "scared it will get serious numb groin",
        "worried ill get sciatica numb genitals",
        "could doing this eventually cause nerve damage numb groin",
        "will lying like this eventually make my bum go numb, it went numb last week",
        "could the numbness in my groin one day make me lose control of my bladder",
        "could doing this make my legs go numb eventually, tingling in my bum and groin",
        "worried ill get numb legs if i do this, numb saddle area",
        "will lying like this for years eventually weaken my legs (numb bum)",
        "will this make my legs go numb eventually do i have cauda equina my bum is numb",
    ),
    ("bladder_or_bowel_trouble", CAUDA_EQUINA, URGENT): (
        "scared, I can't control my bladder since this morning",
        "i lost control of my bladder one day this week, could this cause that",
        "could this cause bladder problems eventually, i keep leaking",
        "will doing this eventually make me lose control of my bladder, i wet myself yesterday",
        "scared i might do something to my back one day, i cant pee properly",
        "im scared i might wet myself one day, i leaked twice this week",
        "will doing this eventually fix my bladder, i cant hold it in",
        "could this make me lose control of my bladder eventually, ive had two accidents",
        "will my leaking bladder eventually make my legs go numb",
        "could doing this make my legs weak one day, peeing myself at night",
        "worried ill get numb legs if i do this, wet myself at work",
        "im scared i might do something to my back one day that makes me lose control of my bladder, "
        "i wet myself on monday",
        "could doing this eventually make me lose control of my bladder or is it the incontinence i have",
        "could doing this make me lose control of my bladder eventually? does that explain the leaks",
        "could doing this eventually make me lose control of my bladder, i cant tell when i need to go",
        "could this make me lose control of my bladder eventually or is that why it is playing up",
        "will doing this eventually make me lose control of my bladder or is that why i have trouble with it",
    ),
    ("weakness_in_both_legs", CAUDA_EQUINA, URGENT): (
        "will lying like this for years help, my legs are getting weaker",
        "my legs have gone weak, will lying like this eventually weaken them more",
        "both my legs are weak, could doing this weaken them further eventually",
        "will lying like this for years eventually weaken my legs? they already feel weak",
        "my legs are weak and wobbly, will this weaken them eventually",
        "worried this will make my legs weaker",
        "will lying like this make my legs give way eventually? they gave way this morning",
        "will this weaken my legs eventually, my legs buckled on the stairs",
        "will my weak legs one day make me lose control of my bladder",
        "could lying like this make my legs go numb eventually, my legs keep giving way",
        "will doing this eventually weaken my legs? both legs are like jelly",
        "could this make my legs weak one day, i can hardly stand on them",
        "will lying like this eventually weaken my legs or is that why they are like jelly",
    ),
    ("pain_in_both_legs", CAUDA_EQUINA, URGENT): (
        "could this make my legs go numb eventually could the shooting pain down them be serious",
        "will lying like this eventually weaken my legs or is the pain shooting down them sciatica",
        "will this eventually weaken my legs is that why they hurt all the way down",
    ),
    ("new_loss_of_strength", "warning_new_numbness_or_weakness", "see_clinician"): (
        "will it weaken my feet one day, my foot slaps down when i walk",
    ),
}

# A loss only feared for years to come, with no loss told besides: the bench's near misses and their kind.
NOT_FIRED: dict[str, tuple[str, ...]] = {
    "changed_feeling_in_both_legs": (
        "im worried ill get numb legs if i do this too long, is that a thing",
        "could doing this every day for years make my legs go numb eventually or is that a myth",
        "could lying like this make my legs go numb eventually",
    ),
    "bladder_or_bowel_trouble": (
        "im scared i might do something to my back one day that makes me lose control of my bladder, "
        "could this cause that",
    ),
    "weakness_in_both_legs": (
        "will lying like this for years eventually weaken my legs",
        "will doing this every day eventually weaken my legs",
        "could doing this for years make my legs weak one day",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
