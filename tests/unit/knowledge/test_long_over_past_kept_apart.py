"""A past placed years back cancels a sign only when it is that sign's own past ("I had a fever years ago", "night
sweats as a teenager", "an infection in 2015, all cleared"): someone else's illness or the writer's old operation told
beside a sign the writer has now ("my dad had cancer years ago. I have a fever and back pain", review2 of s55) keeps
the sign at its level, crp-facts.md section 5 (fever, infection, major trauma: see a clinician)."""

from support.help_signs import Sign, sign_tests

PINNED: dict[Sign, tuple[str, ...]] = {
    ("fever_or_chills", "warning_infection", "see_clinician"): (
        # the three of review2 of s55
        "my dad had cancer years ago. I have a fever and back pain",
        "my knee surgery was years ago. i have a fever and back pain",
        "i have a fever and back pain, my dad had cancer years ago",
        # someone else's past, or the writer's own of another kind, before or after the fever told now
        "my mum had breast cancer in 2010 and I have a fever with my back pain",
        "I broke my wrist as a kid. I have a fever and my back aches",
        "I've got chills and a sore back, I had a slipped disc years ago",
        "i'm running a temperature and my lower back hurts, had sciatica years ago",
        "running a temperature, back pain, had a hip replacement in 2019",
        "when I was 19 I did my back in, I have a high temperature",
        "years ago I had back surgery. I'm shivering and my back is killing me",
        "I feel feverish and my back aches, I had a disc bulge years ago",
        "a fever and back pain, my mum had cancer years ago",
        "I'm burning up and my back hurts, I had a c section years ago",
        "my dad had an abscess years ago. i have a fever and back pain",
        "i had a bad fall years ago and i have a fever",
        "i had covid in 2020. ive got a fever and my back hurts",
        # someone else's past told after the fever
        "i am achy and feverish, my dad had cancer years ago",
        "fever and chills, my dad had cancer years ago",
    ),
    ("recent_bacterial_infection", "warning_infection", "see_clinician"): (
        "i had a hernia repair in 2018, i have a kidney infection and my back hurts",
        "I have cellulitis on my leg and my back hurts, I broke my arm as a child",
        "I have a uti. I had my appendix out as a kid",
        "i had a car accident years ago, i have an infection in my leg",
    ),
    ("major_trauma", "warning_fracture", "see_clinician"): (
        "i fell down the stairs and my back is killing me, my knee op was in 2015",
        "i slipped on the ice and hurt my back, i had my appendix out as a kid",
        "i was in a car crash and my back hurts, my hip was replaced in 2018",
    ),
}

# The sign itself placed years back, with nothing of the present said of it: history, calm as before.
NOT_FIRED: dict[str, tuple[str, ...]] = {
    "fever_or_chills": (
        "I had a fever years ago",
        "I had a fever years ago with flu, my back is just stiff",
        "night sweats as a teenager, nothing since",
        "when I was a kid I had rheumatic fever, is lying on the floor ok",
        "years ago I used to get fevers, I have back pain",
        "years ago I had a fever and back pain",
        "I had malaria years ago with fevers, all fine",
        "I was running a temperature as a kid all the time",
        "I have had a fever in 2015",
        "my dad had a fever years ago",
        "a fever that I had as a kid",
        # a habit, a denial or a memory of it, not "I have" it now (the read-only review's cases)
        "I keep thinking about the fever I had as a kid",
        "I used to have night sweats as a teenager",
        "I would always have chills as a kid",
        "as a child I would have a fever every winter",
        "as a kid I kept running fevers",
        "as a kid I was always running a temperature",
        "as a kid i used to have fevers all the time",
        "i dont have a fever, i had one years ago",
        "i have vivid recollection of fevers as a kid",
        "i'd have a fever every christmas as a kid",
        "i'm not feverish, i had a fever as a kid",
    ),
    "recent_bacterial_infection": (
        "an infection in 2015, all cleared",
        "I had sepsis years ago, fully recovered, my back is a bit stiff",
        "I have a history of infection in 2015 but fine now",
        "I'm 40 and had pneumonia in 2015, can I do this",
        "I had a kidney infection years ago and it cleared with antibiotics",
        # a scar, harm or recovery from it, an age, a habit: not "I have" it now (the read-only review's cases)
        "I have lung damage from pneumonia in 2010",
        "I have scarring from cellulitis years ago",
        "I have scars from an abscess in 2010",
        "I'm 62, pneumonia in 2019, my back is stiff",
        "i am prone to infections, had a lot as a kid",
        "i have a scar from sepsis surgery years ago",
        "i have recovered from an infection years ago",
        "i used to have utis as a teenager",
        "im 50, sepsis in 2012",
    ),
    "major_trauma": (
        "I had a car crash in 2005, no problems since",
        "years ago I was in a car accident, my back is fine now",
        "I fell off a horse as a teenager, can I do crp",
        "I have a dog and fell off a horse years ago",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
