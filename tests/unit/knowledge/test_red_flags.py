"""Every red-flag rule fires on its lay phrasings (typos included); near misses fire none."""

import pytest

from crest.knowledge.loader import english_words, load_help
from crest.knowledge.red_flags import RULES, fired_rules
from crest.knowledge.search import HelpSearch

PHRASINGS: dict[str, tuple[str, ...]] = {
    "bladder_or_bowel_trouble": (
        # everyday words: trouble with, controlling, playing up, not right, accidents, not making it to the loo
        "I've got issues with my bladder since Sunday",
        "having bother with my waterworks",
        "peeing problems since the disc went",
        "my bowels have been all over the place since I hurt my back",
        "there's something not right with my bladder",
        "finding it hard to control my bladder lately",
        "she keeps having accidents since her back went",
        "I'm not always making it to the loo in time",
        "my bladder doesn't empty fully any more",
        "I suddenly can't wee and my lower back is agony",
        "Since the pain started I'm having difficulty passing urine",
        "lost controll of my bladdar this morning",  # typos
        "I've become incontinent",
        "I pooed myself without noticing",
        "new bladder problems since my back went",
        "I can't control my peeing any more",
        "I keep having toilet accidents",
        "leaking wee since the fall",
        "I keep weeing myself since my back went",
        # difficulty passing urine, in many words: not able, straining, less of it, none for hours
        "I haven't been able to pee since yesterday",
        "I've not been able to wee properly for two days",
        "I haven't been able to empty my bladder properly",
        "I have to strain to urinate",
        "I'm straining when I wee",
        "it takes ages to start peeing",
        "I can't get my wee started",
        "struggling to pass water",
        "I can hardly pee",
        "I am weeing much less than usual",
        "my pee is only a trickle",
        "my flow is really weak when I pee",
        "I feel like I need to wee but nothing comes out",
        "my bladder feels full but hardly anything comes out",
        "I haven't had a wee all day",
        "I haven't peed for 10 hours",
        "haven't passed any urine since this morning",
        # leaking without noticing; only a trickle at the loo; urine that will not come
        "I've been dribbling a bit without noticing since my back went",
        "I leak when I cough and I don't even know it's happened",
        "on the toilet only a few drops come out",
        "at the loo barely anything comes",
        "my wee just won't come out",
        "my bladder won't empty even though it's full",
        # a walk-through's phrasings, missed before: "controll" after the organ, "bowls" for bowels
        "I lost bladder controll",
        "bladder controll lost",
        "bowel controll gone",
        "I lost control of my bowls",
        "bowels not under controll since the back pain started",
        # at the loo, or needing to badly, and nothing would come
        "sat on the toilet for ages and just couldn't go",
        "I'm desperate for a wee but I can't go",
        # the cauda-equina cards' words: unable to stop it, a difficulty that grows, a new need for pads, leaking
        "I can't stop myself from weeing",
        "I can't stop the flow of urine once it starts",
        "I can't stop a bowel movement when it comes",
        "it's getting harder to start peeing",
        "I've had to start wearing pads because I keep leaking",
        "I've been leaking since Tuesday",
    ),
    "saddle_numbness": (
        "my husband cant feel his bum and his back hurts but he wont go to a&e",  # someone else's, a walk-through's,
        "my wife cant feel her bottom",
        "Numbness in my groin and bum",
        "I'm not able to feel my saddle area",  # a walk-through's phrasings, missed before
        "I am unable to feel my groin",
        "I can't sense my saddle area",
        "can't feel anything down there since this morning",  # a walk-through's phrasing, missed before
        "I can barely feel anything in my groin",
        "my privates feel numb",
        "she says her bits have gone numb since she hurt her back",  # someone else's symptom now still warns
        "saddle anaesthesia",
        "my bits have gone numb since my back went",
        "I can't feel my bottom when I sit on the toilet",
        "is this cauda equina?",
        # changed feeling, not only numbness: tingling, pins and needles, no or strange feeling
        "tingling in my saddle area",
        "tingling between my legs",
        "pins and needles in my groin",
        "my privates have gone all pins and needles",
        "my genitals feel tingly",
        "my inner thighs are tingling",
        "there's no feeling in my bottom when I sit",
        "altered sensation in my saddle area",
        "strange sensation between my legs",
        "my bum tingles and the tingling won't go",
        "my groin feels weird since yesterday",
        "I don't have numbness in my groin, I have tingling there",
        # a sensation word instead of "numb": half asleep, gone to sleep, like sitting on a cushion
        "my bottom has gone to sleep and won't wake up",
        "the insides of my thighs feel half asleep since my back flared",
        "sitting on the toilet feels like sitting on a pillow",
        "my bum went numb on the bus and it was fine when I stood up, but now it's numb again",
        # a part that feels like someone else's (readers_6's untouched half, after its figures were taken)
        "my groin feels as if it belongs to somebody else",
        "down below doesn't feel like my own any more since the weekend",
        # the cards' and everyday lay words: back passage (UK: the anus), front passage, rear end, willy, arse
        "numbness in or around my back passage or buttocks",
        "pins and needles around my back passage",
        "my front passage feels numb",
        "my rear end has gone numb",
        "my willy has gone numb",
        "my arse is numb since yesterday",
        "numbness in my undercarriage",
        "I can't feel the toilet seat when I sit on it",
        "my lady parts are numb",
    ),
    "lost_bowel_or_bladder_sensation": (
        "I can't tell when I need to poo any more",
        "no sensation when I wipe",
        "reduced feeling in my rectum",
        "I've lost the feeling when I wipe",
        "it's numb when I use toilet paper",
        "I don't know when I need a number two any more",
        "I can't tell when I need the loo",
        # the urge to go that is no longer felt
        "I've lost the urge to wee since my back went",
        "I don't get the urge to go any more",
        # no warning that one needs to go, said with "when I need"; urine or stool that is not felt passing
        "I don't get any warning when I need a wee now",
        "there's no warning before I need to go for a number two",
        "I can barely feel the pee coming out since my back went",
        "can't feel myself weeing any more",
        "I can't really feel it when I poo",
        "peeing feels different since I hurt my back",
        "going to the loo feels strange since the weekend",
        # wiping that feels changed; not knowing when the bladder is full or empty (the cards' words)
        "it feels different when I wipe myself",
        "altered feeling when I use toilet paper",
        "I don't know when my bladder is full or empty",
        "I can't feel if my bladder is full",
        "I can't tell if I've emptied my bladder",
        "I never feel my bladder filling up any more",
        "my bladder never feels full any more",
        # passing it not noticed; the bladder itself numb
        "I don't notice when I'm weeing any more",
        "I can't tell if I'm peeing",
        "my bladder feels numb",
    ),
    "sexual_function_change": (
        "erectile problems started with the back pain",
        "numb during sex since my back went",
        "I can no longer orgasm",
        "sex feels totally different since my back went, kind of numb",
        "things down there don't work like they used to",
    ),
    # the condition named, one's own or feared (someone else's past is history, as their cancer is)
    "cauda_equina_named": (
        "cauda equina",
        "I think I might have cauda equina syndrome",
        "I had cauda equina surgery in March",
    ),
    "pain_in_both_legs": (
        "pain down both of my legs",
        "sciatica in both legs",
        "shooting pains into my legs",
        "both legs hurt",
        "the sciatica has moved to the other leg now",
        "my right leg hurt first and now the left one hurts as well",
        "it's not pain in one leg anymore, it's both legs now",
    ),
    # Both legs numb in the position that come back on moving or standing: see a clinician, not urgent care (the
    # lead's brief, s50; crp-facts.md section 5: any new loss of feeling; stop if the position brings on symptoms).
    "changed_feeling_in_both_legs_that_passes_on_moving": (
        "my legs went a bit numb while lying there but it went when I moved",
        "my legs go numb after 10 minutes in the position and come back when I stand",
    ),
    "changed_feeling_in_both_legs": (
        # Both feet: a check-in that rates both feet is pain below the knee in both legs, urgent; help agrees.
        "tingling in both feet",
        "pins and needles in both feet",
        "both feet are numb",
        "both feet tingle when they get cold",
        "tingling in my left foot and right foot",
        "pins and needles in both my feet and legs",  # the feet named with the legs,
        "pins and needles down both legs",
        "my left leg and right leg are numb",
        "the right and left thigh feel numb",
        "tingling in both legs",
        "pins and needles in my legs and bum",
        "both my legs feel numb",
        "my thighs have gone all tingly since this morning",
        "numbness in my left leg and now the right one too",
        "I can barely feel either of my legs",
        "my legs tingle and then it goes numb",  # the tingle does not pass: it turns to numbness
        "my legs tingle on and off, it comes and goes",
        "so relaxed, but I've had pins and needles in both legs since yesterday",
    ),
    "weakness_in_both_legs": (
        "both of my legs are weak",
        "my legs keep giving way",
        "my legs both feel odd and keep giving way on the stairs",
        "weakness in my legs getting worse",
        "both my legs feel draggy when I walk",  # legs that drag, said as an adjective
        # worsening weakness a few words away; legs that give out, go from under one, will not hold one up
        "both legs are wobbly and seem to be getting weaker every day",
        "my legs are losing their strength",
        "my legs gave out on the stairs",
        "my legs went from under me twice today",
        "my legs won't hold me up",
        "legs feel weak and wobbly and it's getting worse",
        "my legs are like jelly and I keep falling",
    ),
    "sudden_severe_pain_with_faintness": (
        "felt really dizzy and my heart was racing, nearly passed out, still clammy and my back is killing me",
        "I collapsed with this back pain earlier",  # fainting with back pain, no word of severity,
        "came round on the floor after terrible back pain",
        "came round on the kitchen floor, my back hurts",
        "I keeled over with back pain",
        "I collapsed in the street with back pain",
        "my back's killing me, I feel dizzy and clammy and my heart is racing",
        "sudden severe pain in my tummy and I feel faint",
        "excruciating back pain, sweating and my heart is pounding",
        "terrible abdominal pain, I passed out",
        "my belly pain came on like a knife and I'm sweating buckets",
        "the worst back pain of my life and I went white as a sheet",
        "sudden agony in my back, I nearly hit the floor",
        "sudden tummy pain and my heart is hammering",
        "my gran had an aneurysm and now I have sudden severe back pain and feel dizzy",  # a symptom now warns
        # pain, a racing heart and feeling faint together: the picture, whatever words the pain has
        "my back hurts and my heart is racing and I feel faint",
        "lower back aching, heart hammering away and I'm a bit light-headed",
        # severity in everyday words, said of the pain or the back or belly, with one sign of shock
        "the pain in my lower back is just awful and I'm clammy",
        "my back is agony and I'm dizzy",
        "it hurts so much I feel faint",
        "my back hurts really badly and I keep nearly passing out",
        "my back pain is 9 out of 10 and I'm dizzy",
        "belly pain 8/10 and I'm sweating",
        "stomach pain is intolerable and I'm sweating",
        "my back is so sore, I'm shaky and feel faint",
        "really really bad belly pain and I feel like I'm going to pass out",
        "I can't bear the pain in my back and I'm all clammy",
        "I've never had pain like this in my back, dizzy",
        "crippling pain in my stomach and I'm breathless",
        "my lower back is in a really bad way and I feel faint",
        "back pain, proper bad, feel faint",
        "my back hurts so bad I can barely stand and I'm dizzy",
        "I've got a really painful back and my heart races and I'm lightheaded",
        # faint or passing out with a cold sweat, and back or belly pain, whatever words the pain has
        "back ache, feel faint and clammy",
        "tummy ache and I feel faint and sweaty",
        "my back hurts and I feel dizzy and sweaty",
        # more everyday severity, and blacking out said as everything going black
        "my back is in bits and I'm lightheaded",
        "back pain off the charts and I feel dizzy",
        "the pain's through the roof and I'm sweating",
        "I can hardly stand with the pain in my back and I feel faint",
        "my back is murder and I'm dizzy",
        "really nasty back pain and I feel faint",
        "my back really hurts and I'm dizzy",
        "everything went black for a second, my back is sore",
    ),
    "pain_with_known_aneurysm": (
        "pain after my AAA repair",
        "I have an aortic aneurism and my back aches",
    ),
    "pulsing_in_belly": (
        "I can feel a pulsing in my stomach",
        "throbbing in my belly button when I lie down",
        "there's a heartbeat right in the middle of my belly",
        "my tummy thumps when I lie flat",
        "something in my gut beats in time with my heart",
    ),
    "known_aneurysm": (
        "I was told I have an aneurysm",
        "my brother and I both have an aortic aneurysm",
        "I have a small triple A that they're monitoring",  # the lay name of an AAA
    ),
    "history_of_cancer": (
        "I had prostate cancer last year",
        "I'm having chemo, can I still rest like this?",
        "they found a tumour in my spine",
        "my dad had cancer and now I've been diagnosed too",
        "my mum had lymphoma and I have it as well",
    ),
    "unexplained_weight_loss": (
        "lost about 8kg without trying and back ache",  # the weight in numbers,
        "dropped 10lbs this month without trying",
        "I've been losing weight and don't know why",
        "unexplained weight loss and back ache",
        "dropped 6 kilos without trying",
        "not trying to lose weight but I've dropped 4 kilos",
        "I haven't been dieting and the weight is dropping off me",
        "I haven't started exercising or anything but I keep losing weight",
    ),
    "night_pain": (
        "the pain is worse at night whatever I do",
        "night pain in my lower back",
        "back ache wakes me up every night",
        "my back aches in the middle of the night whatever I do",
        "the pain wakes me in the small hours",
        # the back itself said to be worse at night, with no word for pain
        "my lower back is worse at night",
        "my spine is at its worst during the night",
    ),
    "new_back_pain_under_20_or_over_50": (
        "I'm 67 and this back pain started last week",
        "my son is 15 years old with back pain",
        "I am over 50 and just got back pain",
        # a child or teenager, with the age said of them
        "my grandson is 12 and his back has been aching",
        "she's 14 and gets a sore back every day",
        "my teenage daughter has back pain most days",
    ),
    "no_improvement_after_a_month": (
        "ive been doing this daily for 6 weeks and nothing has changed",
        "my back has been the same for 6 weeks",
        "ive been doing crp for two months and the pain is the same",
        "six weeks of doing this and no improvement",
        "it's been months and it still hurts",
        "my back is getting worse after a month",
        "sore back for six weeks and nothing is helping",
        "seven weeks and it hasn't got any better",
        # pain in lay words that has not changed
        "three months on and the ache hasn't budged",
        "it's been months and the pain never lets up",
        # no change since the start, in lay words
        "two months of practice and my back is just as bad as when I started",
        "six weeks in and the pain is the same as day one",
    ),
    "fever_or_chills": (
        "back pain and a fever",
        "I'm feverish and my back aches",
        "chills and sore back",
        "burning up and my back is sore",
        "shivering and hot and cold all evening",
        "I'm running a temperature",
    ),
    "weakened_immune_system": (
        "I'm immunocompromised",
        "I take immunosuppressant drugs",
        "I had a kidney transplant",
        "I'm on methotrexate for my arthritis",
        "I take a biologic for my psoriasis",
        "my white blood cells are very low at the moment",
        "my doctor says my neutrophils have dropped",
    ),
    "injecting_drugs": (
        "I use IV drugs",
        "I used to inject drugs",
    ),
    "recent_bacterial_infection": (
        "I just finished antibiotics for a UTI",
        "I had a bad infection last month",
        "I had a kidney infection years ago and now I've got another one",
    ),
    "major_trauma": (
        "I was in a car accident yesterday",
        "fell down the stairs and now my back hurts",
        "I had a bad fall skiing",
        "could I have a fracture?",
        "someone rear-ended my car on Monday",
        "I came off my bike on the way to work",
        "I fell behind the sofa and hurt my back",
        # long ago, but going on since: still warns
        "I fell on the ice last year and my back has hurt ever since",
        "I was in a car crash years ago and my back has never been right",
        # a fall told without where to, with pain since
        "my back has hurt since I fell",
        "when I fell my hip started hurting",
        "I fell yesterday and my tailbone aches",
        "my back is sore after falling over",
        "I keep falling over and my lower back aches",
    ),
    "fragile_bones_or_long_term_steroids": (
        "I have osteoporosis",
        "I was told I have osteopenia",
        "I've been on prednisolone for years",
        "steroids for a long time and I tripped",
        "I've been on pred for years",
    ),
    "new_loss_of_feeling": (
        "my left foot is numb",
        "I can't feel my toes",
        "my arm went dead and stayed dead",
        "my arm went numb from lying on it and it's still numb hours later",
        # not ease, not gone on moving
        "so relaxed, but my left leg went numb and it is still numb",
        "my leg went numb when I moved",
        "I can hardly feel my left foot since yesterday",
    ),
    # A leg or foot that tingles or is numb: a check-in that rates it so advises seeing a clinician, and so does help.
    # The first five were near misses here before; a check-in that rated them already gave that advice.
    "changed_feeling_in_a_leg_or_foot": (
        "tingling in my feet",
        "my foot went to sleep and tingled",
        "the bottom of my feet tingle",
        "my left leg tingles a little",
        "tingling in my left foot",
        "why do my feet tingle a bit when I lie for long?",
        "pins and needles in my right calf",
        "my knee feels numb",
        "tingling in my hands and feet",
        "my feet and hands tingle",
        "my toes keep tingling since last week",
    ),
    "stroke_signs": (
        "one side of his face has dropped",
        "my mouth is lopsided since this morning",
        "her speech is all jumbled",
        "my words are coming out wrong",
        "I'm slurring",
        "suddenly I can't speak properly",
        "all of a sudden my right arm went limp",
        "sudden numbness in my face",
    ),
    "chest_pain": (
        "pain in the centre of my chest",
        "my chest hurts when I lie down",
        "a squeezing feeling across my chest",
        "my chest feels tight and my jaw aches",
        "am I having a heart attack",
    ),
    "cannot_breathe": (
        "I can't breathe properly at all",
        "struggling to get enough air",
        "gasping for breath on the floor",
        "his lips have gone blue",
    ),
    "breathless_at_rest": ("I'm breathless just lying here", "suddenly short of breath on the mat"),
    "sudden_severe_headache": ("a sudden splitting headache", "the worst headache I have ever had"),
    "new_numbness_or_weakness_said_plainly": (
        "new numbness",
        "some recent weakness, should I stop",
        "is numbness or weakness a problem",
        "the weakness is new",
    ),
    "new_loss_of_strength": (
        "my right leg is suddenly weak",
        "I can't lift my foot properly",
        "weakness in my hand",
        "my left hand can't grip properly",
        "I keep dropping things with my right hand",
        # foot drop described
        "my left foot slaps on the pavement when I walk",
        "I can't lift the front of my foot since Monday",
        "my toes keep catching on the carpet and my foot scuffs",
    ),
    # the commonest urgent signs in Spanish, French and German
    "bladder_or_bowel_control_in_other_languages": (
        "Tengo problemas para controlar la vejiga",
        "se me escapa la orina",
        "no puedo orinar desde ayer",
        "J'ai perdu le contrôle de ma vessie",
        "j'ai des fuites d'urine depuis hier",
        "Ich kann meine Blase nicht kontrollieren",
        "ich kann den Urin nicht halten",
    ),
    "saddle_numbness_in_other_languages": (
        "entumecimiento entre las piernas",
        "tengo el perineo dormido",
        "j'ai des fourmillements entre les jambes",
        "je suis engourdi au niveau du périnée",
        "Taubheit zwischen den Beinen",
        "Reithosenanästhesie",
    ),
    "chest_pain_in_other_languages": (
        "dolor en el pecho",
        "me duele el pecho",
        "j'ai mal à la poitrine",
        "douleur thoracique",
        "Brustschmerzen",
        "ich habe Schmerzen in der Brust",
    ),
}

# Things people say about a session that sound close to a warning sign but are not one.
NEAR_MISSES = (
    # lying down on purpose, someone or something else collapsing, an idiom: no fainting
    "I collapsed onto the sofa, my back aching",
    "I collapsed back onto the bed, back sore",
    "i collapsed into bed exhausted, my back aches",
    "I collapsed in bed with a sore back",
    "I just collapsed after a long day, back sore",
    "my mum collapsed and I hurt my back lifting her",
    "the deal collapsed and my back aches",
    "I nearly fainted when I stood up too fast after the rest, my back aches a bit",
    "I haven't fainted or passed out, just a sore back",
    "no fainting, just back pain",
    "the wait is killing me, I'm a bit pale, is crp ok",
    "this heat is killing me, I'm sweating and my back aches",
    # the same for weeks, said of something other than the pain
    "my sessions have been the same length for 6 weeks",
    "I've practised for 2 months and my posture has stayed the same",
    "I can feel when my bladder is full",
    "the cushion under my bum belongs to someone else, can I still use it?",  # someone else's thing, not a feeling
    "after a week of rest my back finally feels like my own again",
    # a crash or fall years back with nothing recent said of it; a grandparent's bones
    "I came off my bike as a teenager, no problems since",
    "had a bad fall skiing about ten years ago",
    "my nana has osteoporosis, should I worry about my bones?",
    "my stepdad broke his hip last year",
    # a small fall, knock or bump said to have done no harm, in either order around it
    "I tripped over the dog's lead last night but I wasn't hurt",
    "No harm done, I just fell out of bed this morning",
    "slipped on the wet bathroom floor earlier, I was completely fine",
    "had a little tumble in the garden on Sunday, nothing broken and no bruises",
    "I was unhurt when I fell over the cat",
    "bumped into the door frame and fell on my bum, none the worse for it",
    "tripped on the rug, only my pride got hurt",
    "didn't hurt myself, I just tripped over the step into the kitchen",
    "fell off the settee on Friday and have been fine since, can I still do the rest?",
    "fell off the sofa onto the hard floor, couldn't stop laughing, no harm done",
    "I fell out of the hammock, it was so funny, I was unharmed, may I rest later?",
    "we were giggling and I fell off the beanbag, my tummy aches from laughing but I wasn't hurt",
    "my legs feel heavy and relaxed after",
    "do I need to go to the toilet before I start?",
    "I always pee before a session",
    "my belly moves up and down as I breathe",
    "I feel a gentle warmth in my lower back",
    "my legs tremble a little at the start",
    "I get a bit light-headed if I stand up too quickly",
    "my heart slows down while I rest",
    "can I do it at night?",
    "is the evening better than the morning?",
    "I want to lose a bit of weight too",
    "will CRP help me lose weight?",
    "my core is weak, should I strengthen it?",
    "my psoas feels weak",
    "my knees fall open and I feel wobbly",
    "I fall asleep every time",
    "I had a falling out with my sister and feel tense",
    # knees that fall or fall over are the legs in the position, not a fall; falling in love is not one either
    "my knees keep falling over to the side and my hip aches",
    "my knees fell open and my groin ached",
    "I fell in love with this practice and my back pain is better",
    "I fell asleep and woke with a sore back",
    # "fell pregnant", "fell ill", "fell apart", "fell behind with": no fall at all
    "since I fell pregnant my back aches",
    "I fell ill last winter and my back was sore",
    "when I fell apart after the move my neck ached",
    "after I fell behind with work my shoulders hurt",
    "I feel emotionally numb after a long day",
    "I cracked my knuckles before lying down",
    "I feel the floor under my sacrum",
    "my hips feel heavy and warm",
    "the numbers in crest look better this week",
    "I can feel my breath in my belly",
    "how long should I stay in the position at my age? I'm 35",
    "I am 16 weeks pregnant",
    "is it ok after a long day at work?",
    "my feet feel strong and planted",
    "I feel my heartbeat in my chest",
    "my shoulders feel weak after the gym",
    # idioms
    "I went weak at the knees when the pain stopped",
    "my legs went weak with relief",
    "I fell about laughing when the cat lay on me",
    "my arms feel dead heavy, in a good way",
    # someone else's history
    "my sister had cancer, can she try crp",
    "my dad's on steroids, I help him with the shopping",
    "my best friend had a bad fall last year and recommended this",
    "my partner is immunocompromised, can I rest in the same room",
    # work or a cause named after an illness; an osteopath
    "my shifts on the cancer unit leave my back tired",
    "I work in oncology",
    "I did a fun run for cancer research",
    "my osteopath suggested it",
    # weight lost for a known reason
    "I lost a lot of weight as a teenager, is CRP safe",
    "I've been on a diet and lost 5 kilos",
    # practising for months without pain
    "I've done this for months and it isn't helping me relax",
    # passing urine as usual, or less often; "a wee bit"; straining or pushing something else
    "I peed before the session",
    "I always have a wee before I lie down",
    "I had a pee and then did 15 minutes",
    "I went for a wee halfway through, is that ok",
    "I haven't had a wee for 2 hours because of the session",
    "I need to pee less often since I started",
    "I get up to pee less at night now",
    "I feel a wee bit less tense after",
    "I drank less water today and my back is stiff",
    "I strained my back lifting boxes",
    "I have to push my knees apart",
    "I can't wait to do this again",
    "I haven't been able to rest since yesterday",
    # tingling in the hands (no check-in rates them), a tingle of warmth in the back; a seat felt
    "pins and needles in my hands after the rest",
    "I felt a tingle of warmth in my back",
    "my bum feels heavy on the floor",
    "my bottom was sore from sitting all day",
    # idioms (readers_2 and the seventh tuning batch)
    "my legs go numb with boredom",
    "I'm bored stiff after ten minutes",
    "I fell off the wagon and stopped doing it",
    "I've fallen out of the habit",
    "cabin fever is driving me mad",
    "it felt like a weight had lifted off my shoulders",
    # symptoms denied
    "no numbness or tingling in my legs",
    "I don't have any bladder problems",
    "no back pain at all, I'm 66",
    "no fever or anything like that",
    "I'm not losing weight despite the gym",
    # over long ago, feared, or someone else's
    "years ago both my legs hurt with sciatica but I fully recovered",
    "I had a fever last month with the flu, all better now",
    "I don't want to end up incontinent when I'm old",
    "is it safe for someone who has had cancer?",
    "what if my arm goes dead from lying on it",
    # a limb under one's head is a limb lain on; bladder and bowel denied together; someone else's aneurysm; weight
    # lost through exercise taken up
    "my hand went dead, it was under my head the whole session",
    "I have no bowel or bladder problems, just a stiff back",
    "my dad had an aneurysm years ago, I'm 35, can I do this",
    "I've lost weight since I started going to the gym, good for my back?",
    "my foot went numb from sitting cross legged",
    # numbness from a long sit that passed on standing; an infection long over; an idiom for tired; a heart that
    # thumps in the chest; an adult child; under a month of practice; white cells normal; falling asleep oneself
    "my backside went numb on the long drive, back to normal as soon as I got out",
    "my leg went numb at the cinema but it wore off once I walked about",
    "I had a UTI years ago, all sorted with antibiotics",
    "as a child I had pneumonia, is crp fine for me",
    "I'm dead on my feet after work, is evening ok",
    "my heart was thumping after the run, so I lay down with a hand on my tummy",
    "my son is 30 and his back aches, can he try it",
    "two weeks in and still as sore as when I started",
    "my white cells came back normal",
    "I fell asleep with my bottom on a cushion",
    "I like sitting on a cushion before I lie down",
    "I let my feet drop flat and my knees fall open",
    # relaxation said as not feeling the legs (both legs numb in the position that went when the person moved: see
    # a clinician since s50, changed_feeling_in_both_legs_that_passes_on_moving)
    "a tingle in my foot halfway through, it stopped as soon as I wiggled my toes",
    "I was so relaxed I could hardly feel my legs afterwards",
    # tingling that passes by itself, in the hands, from crossed legs, pleasant, an idiom, restless legs
    "my legs tingle a bit at the start and it goes",
    "my legs feel a bit tingly then it passes after a minute",
    "pins and needles in both hands",
    "a tingle in my hands but my legs are fine",
    "the mat feels prickly under my feet",
    "I had a fizzy drink and then rested with my feet flat",
    "my legs feel heavy and my hands tingle",
    "crossing my legs gives me pins and needles",
    "my legs go warm and tingly in a nice way",
    "legs tingling with excitement before the class",
    "I have restless legs, they tingle in the evening",
    # "can't go" to a place, "no need to go" as advice, a fever long over, a child's fall
    "I can't go to the loo in the middle of a session, can I?",
    "I can't go more than an hour without needing the toilet",
    "my legs are stiff, I dragged myself out of bed",  # dragging oneself is effort, not legs that drag
    "there's no need to go to the toilet first, is there?",
    "I had a bad fever two years ago with covid, my back is just stiff",
    "my grandson fell off his scooter but he's fine",
    "our toddler fell over at nursery, anyway how long should I rest",
    # dizziness or a racing heart on standing up, with at most a mild ache: getting up slowly, not an emergency
    "I feel dizzy and my heart is racing when I get up",
    "I go light-headed and my pulse races when I stand up after lying down",
    "my back aches a bit and I feel dizzy when I stand up",
    "my back aches a bit and my heart is racing after the run",  # a racing heart without faintness
    # a hypothetical with what the person would do, and numbness that goes once the person moves
    "if I ever lost control of my bladder I'd ring 999, but I'm fine, just stiff",
    "if you ever feel a pulse in your belly you should see a GP, right? I just want to relax",
    "sitting on the hard bench my backside gets numb, I move a bit and it goes",
    "both my thighs go numb on the hard chair, I stand up and it's gone",
    # getting up off the floor; questions about the toilet; "wee" meaning small
    "what if I can't get up again",
    "is it a problem to wee before I start?",
    "I have a wee problem with my neck",
    "do I need to empty my bladder first?",
    "I keep having accidents with the timer app",
    "a bit of an accident spilling my coffee on the mat",
    # ways of breathing, a face relaxing, a chest sore from coughing, breathless from effort
    "I can't breathe deeply into my belly yet",
    "I find it hard to breathe slowly",
    "I can't breathe through my nose with my head on the books",
    "my jaw drops open and my face goes slack",
    "my chest is sore from coughing",
    "I get out of breath climbing the stairs",
    "no chest pain, only a stiff back",
    "my arms go heavy and tingly when on my chest",
    "I lie down and suddenly my arms feel heavy and relaxed",
    # feet that relax in the position; something other than pain worse over time; weakness of the core
    "my feet flop out to the sides",
    "my foot drops off the chair in the supported version",
    "my posture is getting worse every year",
    "the ache is worse every evening after work",
    "weakness in my core, should I do planks",
    # severity denied, said of something else, or of the past; faintness on standing with a mild ache; a sweater
    "my back pain is not that bad, I'm a bit dizzy when I stand up",
    "it's not so bad, back aches a bit, dizzy when I get up",
    "the traffic was awful, my back aches and I'm sweating in the heat",
    "I feel so bad for skipping the rest, my back is stiff",
    "is it bad that I feel dizzy when I get up after the rest?",
    "my back doesn't hurt so much now",
    "my back pain isn't too bad today",
    "thank you so much, my back feels better",
    "I put on a sweater and my back aches, I feel a bit dizzy when I stand",
    # numbness that goes when the person moves, said as it happens; legs like jelly after the rest; a plan to empty
    # the bladder; tears, knee pads, a leaking tap
    "my leg goes numb during the rest but it goes away as soon as I move",
    "my foot goes numb and it stops when I wiggle my toes",
    "my legs feel like jelly after the rest",
    "I'm not sure whether to empty my bladder before the rest",
    "I can't stop thinking about whether I need a wee",
    "I leaked a few tears during the session",
    "my knee pads help when I kneel",
    "the tap is leaking and the noise distracts me",
    "my legs keep falling open",
    "my legs keep falling to the side, is that ok",
    "my car seat is uncomfortable, I can't feel the seat belt",
    "I feel a bit dizzy when I get up, my back really aches from work",
    "I'm in bits about my divorce, will this help me relax",
    "this murder mystery podcast relaxes me while I rest",
    "I have to wear knee pads for work, my back aches",
)


def rules_named(name: str) -> list[str]:
    return [rule.name for rule in RULES if rule.name == name]


def test_every_rule_has_phrasings() -> None:
    assert set(PHRASINGS) == {rule.name for rule in RULES}


@pytest.mark.parametrize(
    ("rule_name", "phrasing"), [(name, phrasing) for name, phrasings in PHRASINGS.items() for phrasing in phrasings]
)
def test_each_rule_fires_on_its_phrasings(rule_name: str, phrasing: str) -> None:
    assert rule_name in [rule.name for rule in fired_rules(phrasing, RULES)]


@pytest.mark.parametrize("near_miss", NEAR_MISSES)
def test_near_misses_fire_no_rule(near_miss: str) -> None:
    assert fired_rules(near_miss, RULES) == []


def test_someone_elses_symptom_now_still_warns() -> None:
    # History belongs to its owner; a warning sign happening now needs care whoever has it.
    assert [rule.name for rule in fired_rules("my husband has lost control of his bladder", RULES)] == [
        "bladder_or_bowel_trouble"
    ]
    assert fired_rules("my son is 15 years old with back pain", RULES)


@pytest.mark.parametrize(
    "question",
    [
        "I remember how I used to wet the bed as a child",
        "as a kid I wet the bed until I was eight",
        "bedwetting when I was little was so embarrassing",
    ],
)
def test_wetting_the_bed_as_a_child_is_a_memory_not_a_warning_sign(question: str) -> None:
    assert fired_rules(question, RULES) == []


@pytest.mark.parametrize(
    "question",
    [
        "I used to wet the bed as a child and since last week I have wet myself twice",
        "as a kid I wet the bed and now I've wet the bed again",
        "I wet the bed last night",
    ],
)
def test_wetting_the_bed_now_still_warns_beside_a_childhood_memory(question: str) -> None:
    assert [rule.name for rule in fired_rules(question, RULES)] == ["bladder_or_bowel_trouble"]


@pytest.mark.parametrize(
    "question",
    [
        "my dog can't feel his legs any more, poor thing",
        "our cat's back legs are weak and wobbly",
        "my old dog has lost control of her bladder",
    ],
)
def test_an_animals_own_symptom_is_nobodys_warning_sign(question: str) -> None:
    assert fired_rules(question, RULES) == []


@pytest.mark.parametrize(
    "question",
    [
        "I walked my dog and now I can't feel my legs",
        "my dog knocked me over and now my legs are numb",
        "since walking the dog I have lost control of my bladder",
        "my dog can't feel his legs and I can't feel my groin",
    ],
)
def test_the_writers_own_symptom_beside_an_animal_still_warns(question: str) -> None:
    assert fired_rules(question, RULES)


def test_the_most_serious_warning_wins() -> None:
    search = HelpSearch(load_help(), dictionary=english_words())
    both = search.warning_sign("I have a fever and I have lost control of my bladder")
    assert both is not None and both.id == "warning_cauda_equina" and both.level == "urgent_care"
    assert [sign.id for sign in search.warning_signs("I have a fever and I have lost control of my bladder")] == [
        "warning_cauda_equina",
        "warning_infection",
    ]
    one_leg = search.warning_sign("my left leg went numb")
    assert one_leg is not None and one_leg.level == "see_clinician"


def test_rules_read_any_case_accent_apostrophe_and_punctuation() -> None:
    assert fired_rules("NUMBNESS… around my BÜM!!!", RULES)
    assert fired_rules("I can\u2019t pee", RULES)  # a curly apostrophe
    assert fired_rules("i-cant-pee", RULES)


@pytest.fixture(scope="module")
def search() -> HelpSearch:
    return HelpSearch(load_help(), dictionary=english_words())


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("i cant controll my bladdr", "warning_cauda_equina"),
        ("numbnes in my saddel area", "warning_cauda_equina"),
        ("I cant controle my bowles", "warning_cauda_equina"),
        ("sudden severe pain in my back and I feel dizy and faynt", "warning_aortic"),
    ],
)
def test_a_warning_sign_with_typos_the_rules_lack_still_warns(search: HelpSearch, question: str, entry_id: str) -> None:
    # The rules know a few misspellings; the rest are fixed against the entries' words, warning signs' included.
    warning = search.warning_sign(question)
    assert warning is not None and warning.id == entry_id


@pytest.mark.parametrize("near_miss", NEAR_MISSES)
def test_near_misses_warn_of_nothing_once_their_typos_are_fixed_either(search: HelpSearch, near_miss: str) -> None:
    assert search.warning_sign(near_miss) is None


@pytest.mark.parametrize(
    "question",
    [
        "fell off the sofa, no harm done at first but now my back hurts when I breathe",
        "fell down the stairs yesterday and can't stand",
        "I have osteoporosis and fell off the sofa, no harm done",
        "been on prednisolone for years, had a tumble on Monday, no harm done",
        "tripped over the dog, wasn't hurt, but my lower back has been sore since",
        "slipped on the ice, nothing broken, though my hip is swollen and bruised",
        "fell off a ladder, I think I'm fine",
        "I was fine after I fell over in the park but a week later my back is agony",
        "fell over in the garden, felt okay then but since then I can't bend",
        "no harm done when I fell off the sofa, though my tailbone feels tender",
        "didn't hurt myself when I fell off the bed, but now my legs are numb",
        "car crash last week, I walked away unhurt",
        "I fell off the sofa and hurt my pride and my back",
        "I wasn't hurt when I fell down, it only started aching the next day",
        "fell off the bed, nothing broken as far as I can tell, should I get an x-ray?",
        "had a nasty fall yesterday but I was okay",
        "had a bad fall on Monday, no harm done",
        "fell and landed hard, I was fine",
        "fell off the bed, no harm done but I can't straighten up",
        "fell off the bed, might have done something, otherwise fine",
        "I fell over the dog, felt funny afterwards but no harm done",
        "I fell off the sofa, my ribs ache from laughing and my back aches, no harm done though",
    ],
)
def test_a_fall_said_to_be_harmless_still_warns_with_harm_or_fragile_bones(search: HelpSearch, question: str) -> None:
    # "No harm done" calms a small fall only: pain, swelling, bruising or trouble since, a doubt ("at first", "I
    # think"), a serious fall or accident, or fragile bones still warn.
    assert "warning_fracture" in [entry.id for entry in search.warning_signs(question)]


@pytest.mark.parametrize(
    "question",
    [
        "no pain but I have lost control of my bladder",
        "no bladder problems until yesterday, now I can't pee",
        "no numbness or tingling in my legs but my saddle area feels strange",
        "there's no pain in my legs, but they're both weak",
        "it used to be one leg, fully recovered from that, but both legs hurt now",
        "both my legs have been weak since last year, never fully recovered",
        "my bladder trouble from last year went away but it came back this week",
        "scared of ending up paralysed, my legs are both weak now",
        "never had back pain before this month and I'm 67",
        "I had cancer years ago, all clear now, can I do this",
        "I can't stop losing weight and my back aches",
        "my leg went dead from lying on it yesterday and it's still numb",
        "if I ever felt numb down there again I'd go to A&E, and since Monday my groin is numb",
        "if you ever had a pulse in your belly would you stop? because I have one now",
        "my bum is numb, I shift a little and it's fine, but then it's numb again",
        "my groin has been numb since Monday, when I shift it's fine for a minute",
    ],
)
def test_a_denied_past_or_feared_symptom_hides_no_warning_sign_beside_it(question: str) -> None:
    # "No X", "X years ago, recovered" and "scared of X" take out only X, never what the message says is happening.
    assert fired_rules(question, RULES)
