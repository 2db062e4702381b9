"""Red-flag rules: word patterns for each warning sign of crp-facts.md section 5, checked before any search.

A rule fires when one of its clauses matches: every pattern of the clause is found somewhere in the question (read as
plain lower-case words separated by single spaces, see `crest.knowledge.text.words`), and none of the rule's `unless`
patterns is. Patterns use lay words and common misspellings. They err on the side of caution: a warning answer shown
once too often is better than one hidden behind a friendly answer. Rules name kinds of words, not phrases: difficulty
passing urine is any word for passing it with one for not being able, straining, passing less, or none for hours, or
at the loo (or "bursting") and unable to go; the urge to go no longer felt ("I don't get the need to go any more",
"no warning when I need a poo"), urine or stool not felt passing ("I can't feel the wee coming out") and passing it
that feels different ("peeing feels strange") are lost bowel or bladder sensation; a changed feeling in the saddle
area is numbness, tingling, pins and needles, a part "half asleep" or "gone to sleep", "like sitting on a cushion",
or a strange feeling near any lay word for the groin, genitals, bottom or inner thighs (tingling in a foot or a hand
is not urgent, see crp-facts.md section 5; in a leg or a foot it is "see a clinician", as a check-in that rates the
place tingling says, read from the check-in's own qualities, `LOSS_OF_FEELING`; no check-in rates a hand). Numbness,
tingling or pins and needles in both legs ("down both legs", "in my legs and bum", "both calves", the other leg
"too") is urgent as crest's own entries say ("If it affects both legs ... get urgent care now"); tingling or numbness
in the feet or hands is not this rule's. New back pain under 20 includes a child's or a teenager's ("my son is 15",
"our teenage lad"); no improvement after a month includes pain "exactly as bad as when I started"; night pain
includes the back said to be worse at night ("my back is worst at night"); weakened immunity includes white cells
said to be low; new weakness includes foot drop described (a foot that slaps down, toes that catch, the front of the
foot that will not lift); a pulsing belly includes one that thumps "in time with my heart" or is seen moving with
the heartbeat; an aneurysm includes a "triple A"; fainting with back pain ("I collapsed with this back pain", "came
round on the floor") is the emergency's sign whatever words the pain has, when a person fainted (not "nearly", not a
deal or a tent that collapsed, not collapsing onto a sofa), and pain "killing me" is said of the body, never of a
wait or the heat; weight lost includes weight in numbers ("lost 8kg"); a symptom someone else has is read in their
words too ("he can't feel his bum").
Bladder or bowel trouble includes everyday words: trouble, issues, bother or difficulty with, controlling or holding the
bladder, bowels, waterworks or urine ("new trouble with my bladder", crest's own safety question's words), such a word
"playing up", "not right", "not behaving" or gone funny, accidents that keep happening, an accident in one's pants or
bed (not a crash), not making it to the loo; not a question about it ("is it a problem to pee halfway?") nor "a wee
problem". New numbness or weakness includes it said without a place ("new weakness", the entry's title typed back) and a
foot that drops or flops as one walks; numbness in "my feet" is in both feet (urgent, as "both feet"), a tingle there
stays "see a clinician"; pain growing worse week by week is the same sign as no improvement after a month. Emergencies
beyond back pain are crest's general guidance, not crp-facts.md's red flags: a drooping face, slurred or garbled speech,
sudden weakness or numbness of the face, an arm or one side, chest pain or pressure (a crushing or squeezed chest, a
tightness that came on suddenly), being unable to breathe or difficulty breathing ("hard to breathe", "can barely
breathe", "laboured breathing"), breathlessness at rest and a sudden or worst-ever headache pin their own entry, which
says "call your emergency number now" (warning_emergency); a way of breathing ("can't breathe deeply", "hard to breathe
through my nose"), a chest sore from coughing, a tight chest alone and breathlessness on the stairs do not. "Can't
get up" is getting off the floor, never the sexual-function sign.

The aneurysm's sign reads the severity in everyday words too ("awful", "dreadful", "really bad", "so bad I nearly
passed out", "it hurts so much", "through the roof", "9 out of 10"), said of the pain or of the back or belly, never
denied ("not that bad"); faint or passing out with a cold sweat and back or belly pain warns whatever words the pain
has, and everything going black is fainting. The
cauda-equina rules read the lay words of the patient cards: the "back passage" or "front passage", "rear end",
"willy"; wiping that feels different; not knowing when the bladder is full or empty; unable to stop passing urine
or a bowel movement; a new need for pads, or leaking said of oneself; it "getting harder" to pee; both legs
"getting weaker", giving out, going from under one or unable to hold one up.

Two things are taken out of the question before the rules read it, so that they do not warn about nothing: idioms ("weak
at the knees", "fell over laughing", "dead heavy", "breathless with excitement"), and, for the rules about a person's
history (cancer, an aneurysm, immunity, drugs, infection, a fall, fragile bones), what the message says about someone
else ("my sister had cancer", up to the end of its clause unless the next goes on about them) or about work or a cause
named after an illness ("a cancer ward", "I work in oncology"), unless the person says it is theirs too ("... and now
I've been diagnosed too"). A symptom someone else has now (bladder trouble, numbness, pain) still fires: whoever has it
needs the warning, and so does what happened to them lately when the message asks whether they may do the rest ("my
grandad fell down the stairs this morning, can he lie on the floor for it?"), or tells of their fall with a pain they
have now ("my mum fell yesterday and her back is in agony"), a fall that hurt them, or one beside fragile bones or
steroids they have now ("she has osteoporosis"), not placed long ago. A message that asks whether the rest would help
them ("could this position help him?") reads their own words, apart from the writer's, when those words say a pain they
have or something that happened to them lately ("my brother injects drugs and now has awful back pain"): by the rules of
a person's history only (cancer, immunity, drugs, infection, a fall, fragile bones), so that they add a sign and never
take away the writer's. What it says of a pet's own body ("my dog can't feel his legs") is not read by any rule, nor the
"his" of a rider who came off a horse taken for the horse's.

Three more things are not read, each narrowly, so that a calm message is not told to seek care: a symptom the person
says they do not have ("no numbness or tingling", "I don't have any bladder problems"; only after "no", "don't have",
"never had any", "not having any" or "haven't had any", never "not", "without" or "never had" alone, and not before
"until", "before" or "like this"); for the rules about symptoms, a symptom at least a month back that the message says
is over ("years ago both legs hurt, fully recovered now"), unless it says the thing goes on, came back or is new; and a
symptom only feared ("I don't want to end up incontinent") or only supposed, with what one would then do ("if I ever
felt a pulse in my belly I'd see a doctor"; not when it says "again", "still", "since" or "now", though "for now" says
nothing has happened). Numbness from lying or sitting on a limb, or from having it under one's head, is not new numbness
unless the message says it stays; nor is numbness from a long sit or from the position that went, or goes, the moment
the person stood or moved ("my bum went numb on a coach trip, back to normal the moment I stood up", "I shift a little
and it's fine", "one leg goes numb and it goes away when I move", "my bum goes numb on the bleachers until I stand up");
both legs so, in the position, are still a new loss of feeling the position brings on (see a clinician, not urgent care:
"my legs go numb after 10 minutes in the position and come back when I stand"). A loss denied ("I've never lost control
of my bladder, just stiff", "I didn't lose control") is not read, unless words after it say it happened after all
("never ... before yesterday", "never like this", "it happened today"), nor one only feared or foreseen ("I'm scared of
losing control of my bladder", "I might lose control"), unless the message says it has happened or goes on ("again, it
happened on monday", "I did last week"). Back pain had for a decade or more over 50, with nothing new, different or
worse said of it ("the same mild ache for 20 years"), is not new back pain (never for a child or a teenager). An
infection placed years back with nothing recent said of it ("had a UTI two years ago, sorted with antibiotics", "I had a
fever last year with flu") is not a recent infection, though a time said in a clause of its own places only what that
clause tells ("a fever and a sore back, knee surgery years ago" is a fever now), as it does when another clause tells
the sign again ("had a fever years ago. fever and back pain since friday"; not one that only says more of that past:
"had a UTI years ago, sorted with antibiotics"), and "dead on my feet" is an idiom for tired. A tingle in the legs or
feet is not a warning sign when the message says it passes by itself ("my legs tingle a bit at the start and it goes",
"gone after a minute"; not when it "comes and goes", keeps coming or stays), calls it pleasant ("warm and tingly in a
nice way"), or names restless legs. A small fall, knock or bump that the message says did no harm ("tripped over the
cat, wasn't hurt", "no harm done, I fell out of bed", "nothing broken") is not the fracture warning sign, unless the
message also names pain, swelling, bruising, trouble or a doubt ("at first", "I think", "since"), or a serious fall (a
crash, a height, stairs, a "bad" fall, a landing on the spine or hip); fragile bones still warn by their own rule. Legs
that ache or are sore after exercise ("my legs really ache after the gym") are not pain in both legs unless the message
says more of it (down the legs, shooting, numb, weak, worse, since), and not stopping to pee ("I can't stop to pee
mid-session") is no trouble passing urine."""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from crest.journal.vocabulary import PainQuality
from crest.knowledge.spelling import SCOTS_NEGATIVES
from crest.knowledge.text import words
from crest.safety.worse_check_in import LOSS_OF_FEELING


@dataclass(frozen=True)
class RedFlagRule:
    name: str
    entry_id: str  # the warning-sign entry of help.toml it pins
    clauses: tuple[tuple[re.Pattern[str], ...], ...]
    unless: tuple[re.Pattern[str], ...] = ()
    about_history: bool = False  # read without what the message says about someone else (see the module's note)
    for_them_too: bool = False  # a person's history: read in the words of someone asked for too (`their_words_now`)
    on_their_day: bool = False  # what befell them, read too where those words place it lately ("she fell today")
    # its sign placed years back, history (`_only_long_over`): the whole message's reading, the sign and its time as
    # they must lie in one clause of it, and the sign's own words
    long_over: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None

    def fires(self, plain_text: str, clauses: Sequence[str] | None = None) -> bool:
        """True when the rule matches `plain_text`, a question already reduced by `plain_words`; `clauses`, the
        message's clauses (`_clauses`), where its sign is history only when every clause that tells it places it years
        back: "fever and a sore back, knee surgery years ago" and "had a fever years ago. fever and back pain since
        friday" are a fever now. Without them, the message is one clause."""
        if any(pattern.search(plain_text) for pattern in self.unless):
            return False
        if self.long_over is not None:
            long_over, placed, told = self.long_over
            telling = [each for each in clauses or (plain_text,) if told.search(each)]
            if (
                long_over.search(plain_text)
                and any(placed.search(each) for each in telling)
                and all(placed.search(each) or _MORE_OF_THAT_PAST.search(each) for each in telling)
            ):
                return False
        return any(all(pattern.search(plain_text) for pattern in clause) for clause in self.clauses)

    def fires_for_them(self, theirs: "TheirWords") -> bool:
        """True when the rule matches what someone asked for says, tied to their present: a pain they have now, or,
        for what befalls a person, that very thing placed lately ("she slipped on the ice this morning")."""
        # the cheap tests first: most rules read no one else's words, and a long message makes `fires` dear
        tied = (self.for_them_too and theirs.in_pain) or (self.on_their_day and bool(theirs.lately))
        if not tied or not self.fires(theirs.said):
            return False
        return (self.for_them_too and theirs.in_pain) or any(self.fires(event) for event in theirs.lately)


@dataclass(frozen=True)
class TheirWords:
    """What a message says of someone it asks the rest would help, apart from the writer's words."""

    said: str
    in_pain: bool  # a pain they have now, said of them ("now has awful back pain")
    lately: tuple[str, ...]  # each thing placed lately, with its time ("she slipped on the ice this morning")


def plain_words(question: str) -> str:
    """The question as the rules read it: " ".join(words(question)), Scots negatives in English ("willnae" as
    "wont"), its idioms, the symptoms it denies ("no numbness or tingling in my legs") and those it sets aside
    ("numbness, not pain") taken out."""
    plain = _IDIOM.sub(" ", " ".join(SCOTS_NEGATIVES.get(word, word) for word in words(question)))
    return " ".join(_DENIED_BEAT.sub(" ", _NEGATED.sub(" ", _CONTRASTED_AWAY.sub(r"\1", plain))).split())


def present_symptoms(plain_text: str) -> str:
    """`plain_text` without a symptom it says is long over ("years ago..., fully recovered now"), only feared ("I
    don't want to end up incontinent") or supposed ("if I ever lost feeling there I'd go to A&E"), as the rules about
    symptoms read it."""
    text = " ".join(_PREVENTION.sub(" ", plain_text).split())
    if not _HAPPENING.search(text) and not _FEAR_COME_TRUE.search(text):
        text = " ".join(_FEARED_LOSS.sub(" ", text).split())
    else:  # a foreseen loss that has happened: "i might lose control ... again, it happened on monday"
        text = " ".join(_FORESEEN_LOSE.sub(" ", text).split())
    if not _HAPPENING.search(text):  # "if you ever had a pulse in your belly would you stop? I have one now"
        text = " ".join(_ASKED_IF_EVER.sub(" ", _HYPOTHETICAL.sub(" ", text)).split())
        if _SAID_TO_BE_SUPPOSED.search(text):
            text = " ".join(_IF_CLAUSE.sub(" ", text).split())
    if not _STILL_GOING.search(text):  # "I wet the bed as a child, and since last week ..." is read whole
        text = " ".join(_CHILDHOOD_BEDWETTING.sub(" ", text).split())
    over = list(_RESOLVED.finditer(text))
    if over and not _STILL_GOING.search(text[: over[-1].start()]) and _LONG_AGO.search(text[: over[-1].start()]):
        after = text[over[-1].end() :]
        if not _CAME_BACK.search(after):
            return after.strip()
    return text


def about_the_reader(plain_text: str, clauses: Sequence[str] = ()) -> str:
    """`plain_text` without what it says about someone else, or about work or a cause named after an illness,
    unless the person says they share it ("... me too") or asks for that person after something that happened to
    them lately or with a pain they have now ("my brother injects drugs and has back pain now, what should he do"), or
    tells of their fall with a pain they have now, or of one that hurt them or came beside fragile bones or steroids
    they have now, not long ago (`_THEIR_PAIN_NOW`, `_THEIR_FALL_HURT_THEM`, `_THEIR_FRAGILE_BONES_NOW`). What is
    said of them ends with its clause, where `clauses` (`_clauses`) are `plain_text`'s words: "my dad had cancer
    years ago, uti and back pain since tuesday" keeps the writer's UTI."""
    asked_for_them_now = _RECENTLY.search(plain_text) or _PAIN_NOW.search(plain_text)
    if _SHARED_WITH_ME.search(plain_text) or (_ASKED_FOR_THEM.search(plain_text) and asked_for_them_now):
        return plain_text
    their_fall_now = _THEIR_FALL_HURT_THEM.search(plain_text) or (
        _THEIR_FALL.search(plain_text) and _THEIR_FRAGILE_BONES_NOW.search(plain_text)
    )
    if _THEIR_PAIN_NOW.search(plain_text) or (their_fall_now and not _LONG_AGO.search(plain_text)):
        return plain_text
    apart = [plain_text]
    if clauses and " ".join(clauses) == plain_text:
        apart = list(clauses[:1])
        for clause in clauses[1:]:  # a clause that goes on about them ("he had chemo") is read with theirs
            if _STILL_THEIRS.match(clause):
                apart[-1] += " " + clause
            else:
                apart.append(clause)
    return " ".join(" ".join(_SOMEONE_ELSE.sub(" ", _WORK_OR_CAUSE.sub(" ", each)).split()) for each in apart)


def _as_written(question: str, written: str) -> str:
    """`question`'s words as the writer set them out in `written` (the same words, perhaps with typos): a sentence
    begun with no one named ("My mum had cancer. Have had back pain since Friday") begun "i", as it is the writer's,
    and "someone who" before a name said as a subject mid-sentence ("my dad had cancer, John has back pain now")."""
    read = words(question)
    sentences = [words(sentence) for sentence in _SENTENCE_BREAK.split(written)]
    if sum(len(sentence) for sentence in sentences) != len(read):  # not the same words: read them as they are
        return " ".join(read)
    before: dict[int, str] = {}
    at = 0
    for sentence, said in zip(sentences, _SENTENCE_BREAK.split(written), strict=True):
        if sentence and sentence[0] in _WRITERS_OWN_START:
            before[at] = "i"
        for name in _SOMEONE_NAMED.findall(said):
            if name.casefold() in sentence[1:]:
                before[at + sentence.index(name.casefold(), 1)] = "someone who"
        at += len(sentence)
    return " ".join(f"{before[index]} {word}" if index in before else word for index, word in enumerate(read))


def their_words_now(question: str, written: str | None = None) -> list[TheirWords]:
    """What `question` says about each other person it asks the rest would help ("could this position help him?",
    "would it help my dad?"), each person's words apart, up to the next word about the writer or the next person
    named, when those words say a pain they have now or something that befell them lately (`_ASKED_IF_IT_HELPS_THEM`);
    without work or a cause named after an illness, nor a fear of one ("she is scared of getting cancer"), and none
    beside an animal, whose history it may be. Empty when it asks no such thing."""
    as_written = _as_written(question, question if written is None else written)
    plain = " ".join(_ABOUT_AN_ANIMAL.sub(" ", plain_words(as_written)).split())
    asked = _ASKED_IF_IT_HELPS_THEM.search(plain)
    if asked is None:
        return []
    named = _KIN.search(asked["whom"])  # "help my dad": his words only; "help him": whoever's are said
    theirs = []
    for each in _THEIR_WORDS.finditer(plain):
        said = each.group()
        kin = _KIN.search(said)
        if named is not None and (kin is None or kin.group() != named.group()):
            continue
        in_pain = _THEIR_PAIN.search(_NOT_A_PAIN.sub(" ", said)) is not None
        lately = tuple(event.group() for event in _THEIR_DAY.finditer(said))
        if _AN_ANIMAL.search(said) or not (in_pain or lately):
            continue
        theirs.append(
            TheirWords(" ".join(_PREVENTION.sub(" ", _WORK_OR_CAUSE.sub(" ", said)).split()), in_pain, lately)
        )
    return theirs


def fired_rules(question: str, rules: Iterable[RedFlagRule], written: str | None = None) -> list[RedFlagRule]:
    """The rules that fire on `question`; `written`, where `question` is its words with typos fixed, is how the
    writer set them out (sentences, capitals), for what the message says of someone else (`their_words_now`)."""
    plain = " ".join(_ABOUT_AN_ANIMAL.sub(" ", plain_words(question)).split())
    clauses = _clauses(question, question if written is None else written)
    readers_own = about_the_reader(plain, clauses)
    readers_own_whole = about_the_reader(plain)
    present = present_symptoms(plain)
    theirs = their_words_now(question, written)
    return [
        rule
        for rule in rules
        # the writer's own reading first, whole: the other person's words can add a sign, never take one away
        if rule.fires(readers_own if rule.about_history else present, clauses)
        # someone else's words dropped by clause can find the writer's own sign after them; dropped as before, whole,
        # they still read what they read then: the clause reading only adds
        or (rule.about_history and rule.fires(readers_own_whole, clauses))
        or any(rule.fires_for_them(said) for said in theirs)
    ]


def _clauses(question: str, written: str) -> list[str]:
    """`question`'s clauses as plain words, apart where `written` (the same words as the writer set them out) ends a
    sentence or a clause (`_CLAUSE_BREAK`); a piece that says only when or that it is over ("years ago", "it was in
    2012", "long gone") is part of the clause on either side: "I had a fever, years ago". Not the same words: one."""
    read = words(question)
    counts = [len(words(piece)) for piece in _CLAUSE_BREAK.split(written)]
    if sum(counts) != len(read):
        return [" ".join(read)]
    ends = list(accumulate(counts))
    pieces = [" ".join(read[end - count : end]) for count, end in zip(counts, ends, strict=True) if count]
    when_only = [not _ONLY_WHEN.sub(" ", piece).strip() for piece in pieces]
    clauses = []
    for at in range(len(pieces)):
        if when_only[at]:
            continue
        start, end = at, at + 1
        while start > 0 and when_only[start - 1]:
            start -= 1
        while end < len(pieces) and when_only[end]:
            end += 1
        clauses.append(plain_words(" ".join(pieces[start:end])))
    return clauses or [plain_words(" ".join(read))]


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b")


def _rule(
    name: str,
    entry_id: str,
    *clauses: str | tuple[str, ...],
    unless: tuple[str, ...] = (),
    about_history: bool = False,
    for_them_too: bool = False,
    on_their_day: bool = False,
    long_over: tuple[str, str, str] | None = None,
) -> RedFlagRule:
    compiled = tuple(
        tuple(_words(part) for part in ((clause,) if isinstance(clause, str) else clause)) for clause in clauses
    )
    return RedFlagRule(
        name,
        entry_id,
        compiled,
        tuple(_words(part) for part in unless),
        about_history,
        for_them_too,
        on_their_day,
        None if long_over is None else (_words(long_over[0]), _words(long_over[1]), _words(long_over[2])),
    )


def _near(first: str, second: str, gap: int = 4) -> str:
    """`first` then `second`, or the other way round, with at most `gap` words between them."""
    return rf"(?:{first}) (?:\w+ ){{0,{gap}}}(?:{second})|(?:{second}) (?:\w+ ){{0,{gap}}}(?:{first})"


# The everyday words of the signs that the rules read, which the help entries do not all use: the warning signs'
# typo fixer reads a message through them as well as through the entries' words (`HelpSearch.fired_rules`), so that
# "I fel down the stairs", "my daugher ... hurt her bak" or "incontinance" warn as their spelt words do.
EVERYDAY_SIGN_WORDS = frozenset(
    {
        "fell", "fall", "falls", "fallen", "falling", "tripped", "slipped", "stairs", "ladder", "landed", "crash",
        "crashed", "accident", "injured", "hurt", "back", "daughter", "son", "mother", "father", "husband", "wife",
        "brother", "sister", "grandmother", "grandfather", "grandad", "grandma", "granny", "partner", "toddler",
        "child", "children", "nephew", "niece", "friend", "neighbour", "bladder", "bowel", "bowels", "incontinence",
        "incontinent", "urine", "peeing", "wee", "poo", "saddle", "groin", "genitals", "buttocks", "bottom", "bum",
        "numb", "numbness", "tingling", "tingly", "weakness", "weaker", "control", "leaking", "leaks", "wet",
        "fracture", "fractured", "broken", "osteoporosis", "steroids", "prednisolone", "fever", "chills",
        "temperature", "sweats", "cancer", "tumour", "chemotherapy", "weight", "aneurysm", "pulsing", "throbbing",
        "dizzy", "dizziness", "fainted", "fainting", "collapsed", "breathless", "breathe", "chest", "infection",
        "antibiotics", "injecting", "immune", "paralysed", "slurred", "drooping", "headache", "agony", "severe",
    }
)  # fmt: skip
SOILED = r"wet(?:s|ting)?|wee(?:s|d|ing)?|pee(?:s|d|ing)?|poo(?:s|ed|ing)?|poop(?:s|ed|ing)?|soil(?:s|ed|ing)?|messed"
# An "accident" in one's clothes or bed is urine or stool let go ("had an accident in my pants"), not a crash.
ACCIDENT_IN_CLOTHES = (
    r"accidents? (?:in|on) (?:my|his|her|their|your|the) (?:pants|knickers|trousers|underwear|undies|shorts|jeans"
    r"|nappy|nappies|diapers?|bed|sheets)"
)

# Idioms that borrow a warning sign's words for a feeling: taken out before any rule reads the question.
_FEELINGS = (
    r"relief|laughter|laughing|nerves|excitement|joy|happiness|love|emotion|boredom|bored|tiredness|exhaustion|fear"
    r"|shock|grief"
)
_IDIOM = re.compile(
    r"\b(?:weak (?:\w+ ){0,2}at the knees"
    rf"|(?:weak|numb|wobbly|jelly|tingl\w*|buzz\w*) (?:\w+ ){{0,2}}(?:with|from) (?:{_FEELINGS})"
    # breathless with a glad feeling only: breathless from fear or shock may be the body's own
    r"|breathless (?:\w+ ){0,2}(?:with|from) (?:excitement|anticipation|joy|happiness|laughter|laughing|delight)"
    r"|bored (?:stiff|numb|silly|to death)|mind numbing\w*"
    r"|(?:fell|fall|falls|falling|fallen) (?:right |straight )?(?:off the (?:band)?wagon"
    r"|out of (?:the |my )?(?:habit|routine|practice)|by the wayside|into (?:the |a )?(?:habit|routine))"
    r"|(?:a |the )?weight (?:has |had )?(?:fell|falls|falling|fallen|lifted|lifting|came|come|coming) off"
    r" (?:my |your )?(?:shoulders?|chest|mind|back)"
    r"|(?:cabin|spring|baby|football|world cup|election|gold|saturday night) fever|fever pitch"
    r"|(?:fell|fall|falling|fallen) (?:over |about |off my chair )?(?:laughing|with laughter)"
    # "fell pregnant", "fell ill", "fell apart", "fell behind with": no fall; only the verb goes, the rest is read
    r"|(?:fell|fall|falls|falling|fallen)(?= (?:pregnant|ill|sick|apart|silent|quiet|short|in love"
    r"|behind (?:with|on|at|in))\b)"
    rf"|(?:{SOILED}) (?:myself|my pants|my knickers) (?:laughing|with laughter)"
    r"|(?:dead|asleep|out) on (?:my|your|his|her|our|their) feet"  # tired out
    r"|dead (?:heavy|tired|relaxed|comfy|comfortable|easy|good|nice|calm|happy|lovely|still|chuffed|keen))\b"
)
# A symptom the person says they do not have: "no numbness or tingling", "I don't have any bladder problems", "no
# back pain at all". Only "no" and "don't have"-like words, never "not" ("it's not pain in one leg, it's both") nor
# "without" ("I can't walk without pain"), nor "never had" without "any" ("never had back pain before": a new pain); and
# not when "until", "before", "except" or "like this" follow ("no back pain until last week", "never had any pain like
# this in both legs").
_DENIED_SYMPTOM = (
    r"numbness|numb|tingl\w*|pins (?:and|n) needles|weakness|fevers?|a temperature|temperature|chills|night sweats"
    r"|faint\w*|dizziness|passing out|blacking out|blackouts?|collapsing"
    r"|(?:(?:lower |low )?back |leg |neck |hip |chest )?pain|chest pains|breathlessness|shortness of breath"
    r"|(?:difficulty|trouble|problems?) (?:with )?breathing|breathing (?:difficult\w*|problems?|trouble)"
    r"|incontinence|leaks?|leaking|weight ?loss"
    r"|(?:bladder|bowel|bowels|toilet|peeing|urinary|continence|waterworks)"
    r"(?: (?:or|and|nor) (?:bladder|bowel|bowels|toilet|peeing|urinary|continence|waterworks))*"  # "bladder or bowel"
    r" (?:problems?|issues?|trouble|changes?)"
    r"|problems? with (?:my )?(?:bladder|bowels?|peeing)"
)
# The place of a denied symptom goes with it when another complaint follows, said with "just" or "only", that names
# a place of its own: "no numbness or tingling in my legs, just aching in the lower back" (the legs are not left to
# the ache), but not "no numbness in my legs, just weakness (in both of them)", whose weakness is in the legs, nor
# "no pain in my legs, but they're both weak" nor "no numbness in my groin, I have tingling there". One place word
# after its determiners ("in my lower back", "down either leg"). A denial followed by "until" ("no numbness in my
# legs until last week") is no denial.
_DETERMINER = r"my|the|both|either|each|his|her|their|your|of|lower|upper|left|right"
_PLACE = (
    rf"(?: (?:in|down|around|between|into|along|through|on|at) (?:(?:{_DETERMINER}) ){{0,3}}+"
    rf"(?!(?:{_DETERMINER}|until|till|til|before|except|but|and|just|only)\b)\w+)"
)
_ANOTHER_COMPLAINT = r"just|only|its just|its only|simply|merely|mainly|mostly"
_ITS_OWN_PLACE = (  # a place word, not the denied place said again ("in both of them", "in them")
    rf"(?: (?:in|down|around|between|into|along|through|on|at|across) (?:(?:{_DETERMINER}) ){{0,3}}+"
    rf"(?!(?:{_DETERMINER}|them|it|they|those|these|there|one|ones)\b)\w+)"
)
_NEGATED = re.compile(
    r"\b(?:no|dont have|do not have|dont get|do not get|havent got|have not got|free of|free from"
    # "never had any": a denial, where "never had back pain before" is a new pain; "im not having any", "havent had any"
    r"|(?:ive |i have |i )?never (?:ever )?(?:had|have|get|got) any|not having any|(?:havent|have not|not) had any)"
    r" (?:any |real )?"
    rf"(?:{_DENIED_SYMPTOM})(?: (?:or|nor) (?:any )?(?:{_DENIED_SYMPTOM}))*"
    rf"(?>(?:{_PLACE}(?= (?:{_ANOTHER_COMPLAINT})(?: \w+){{1,3}}?{_ITS_OWN_PLACE}))?)\b"
    rf"(?!{_PLACE}? (?:until|till|til|before|except|apart|other than|up to|like (?:this|that|it))\b)"
)
# A symptom set aside in a contrast with another ("numbness, not pain, between my legs", "tingling rather than
# pain"): the one said with "not" is not there; the other is read.
_CONTRASTED_AWAY = re.compile(
    rf"\b((?:{_DENIED_SYMPTOM}) )(?:and |but )?(?:not|rather than|instead of) (?:any |really |so much )?"
    rf"(?:{_DENIED_SYMPTOM})\b"
)
# A symptom in the past that the message says is over ("years ago both legs hurt, fully recovered now"): what comes
# before the last word saying it is over is not read by the rules about symptoms, when it names a time at least a
# month back, and the message says nothing of it going on, coming back or being new. Rules about history (cancer, a
# fall, infection...) still read it all.
_RESOLVED = re.compile(
    r"\b(?<!never )(?<!not )(?<!hasnt )(?<!havent )(?<!hadnt )(?<!didnt )(?<!isnt )(?<!wasnt )(?<!nearly )(?<!almost )"
    r"(?<!not fully )(?<!never fully )(?<!not quite )(?<!not completely )(?<!not totally )"
    r"(?:(?:fully |completely |totally )?(?:recovered|healed)|all better|(?:fine|ok|okay|better|good|gone) now"
    r"|(?:cleared|clear|settled) up|went away|gone away|resolved|back to normal)\b"
)
_LONG_AGO = re.compile(
    r"\b(?:(?:years?|months?|decades?|ages|a while|a long time|donkeys years) (?:ago|back)"
    r"|last (?:year|month|summer|winter|spring|autumn|fall|christmas)|(?:as|when i was) a (?:child|kid|teen\w*|student)"
    r"|back in (?:the )?\w+|in (?:19|20)\d\d|used to|once had)\b"
)
_CAME_BACK_WORDS = r"came back|come back|comes back|coming back|back again|returned|again"
_CAME_BACK = re.compile(rf"\b(?:{_CAME_BACK_WORDS})\b")
_STILL_GOING = re.compile(
    rf"\b(?:still|{_CAME_BACK_WORDS}|returning|recurr\w*|flare\w*"
    r"|now (?:i|im|ive|my|it|its|the|both|there)|this (?:week|morning|afternoon|evening)|today|yesterday|tonight"
    r"|since|recently|lately|currently|at the moment|new|started|have been|has been|keeps?|always)\b"
)
# Wetting the bed as a child is a memory, not a new loss of bladder control: "how I used to wet the bed as a
# child" is not read, unless the message says something goes on now (`_STILL_GOING`).
_CHILDHOOD = (
    r"(?:as|when i was) (?:a )?(?:child|kid|little \w+|toddler|boy|girl|young|little|small|teen\w*)"
    r"|in my childhood|growing up"
)
_CHILDHOOD_BEDWETTING = re.compile(
    rf"\b(?:(?:{_CHILDHOOD}) (?:\w+ ){{0,6}}(?:{SOILED}|bed ?wett\w*)(?: (?:the|my) bed)?"
    rf"|(?:(?:{SOILED}) (?:the|my) bed|bed ?wett\w*) (?:\w+ ){{0,4}}(?:{_CHILDHOOD}))\b"
)
# Fear of a symptom one does not have: "I don't want to end up incontinent like my nan". The marker and the next
# three words are not read, up to a word about the person or about something real now.
_PREVENTION = re.compile(
    r"\b(?:(?:dont|do not|never) want to (?:end up|become|get|be|go)"
    r"|(?:to|help|helps|helping) (?:me )?(?:avoid|prevent) (?:\w+ )?(?:getting|becoming|ending up|developing)"
    r"|so (?:that )?i (?:dont|wont|never) (?:end up|become|get)"
    r"|(?:scared|afraid|worried|terrified|frightened) (?:of|about) (?:end(?:ing)? up|becoming|getting|developing))"
    r"(?: (?!(?:i|im|ive|id|me|my|but|now|since|because|already|again|actually|really)\b)\w+){0,3}"
)
# A loss only feared: "I'm scared of losing control of my bladder", "worried about losing feeling in my legs". The
# fear and the next three words are not read, as for `_PREVENTION`, unless the message says it has happened or goes
# on (`_HAPPENING`, `_FEAR_COME_TRUE`): "I'm scared of losing control of my bladder, it happened twice this week".
_FEAR = (
    r"scared|afraid|worried|worrying|terrified|frightened|anxious|nervous|paranoid|fear|fearful|panicking|panicky|panic"
)
# A loss foreseen: "I'm scared I'll lose", "will I lose", "would/might/could I lose", "am I going to lose".
_FORESEEN = r"ill|will i|will you|would i|would you|might|could i|going to|gonna"
_FORESEEN_LOSE = re.compile(rf"\b(?:{_FORESEEN}) (?=loses?\b)")
_FEARED_LOSS = re.compile(
    rf"\b(?:{_FEAR}) (?:of|about|over) (?:\w+ )?(?:losing|lose|loss of)"
    r"(?: (?!(?:i|im|ive|id|me|my|he|hes|she|shes|they|theyre|we|his|her|their|our|your|it|its|both|but|now|since"
    r"|because|already|again|actually|really)\b)\w+){0,3}"
)
# Words that say a feared loss is here after all: it happened ("i did last week", "on monday", "2 days ago"), it goes
# on, or the person cannot do or feel something
_FEAR_COME_TRUE = re.compile(
    r"\b(?:happen(?:s|ed|ing)?|recently|lately|sometimes|twice|times|(?:it|that|i|he|she|they) did"
    r"|(?:i|ive|i have|weve|she|he) (?:already )?(?:had|been having)|had (?:a|an|some)|been having|cant|cannot"
    r"|can not|couldnt|could not|anymore|any more|keeps?|last (?:night|week|weekend|time)"
    r"|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:an?|\d+|few|couple of) (?:hours?|days?) ago)\b"
)
# A symptom only supposed, with what one would do then: "if I ever felt a pulse in my belly I'd see a doctor". From
# "if ... ever" to the word saying what would follow, at most twelve words; not read so when the message says
# anything has happened or goes on (`_HAPPENING`).
_HYPOTHETICAL = re.compile(
    r"\bif (?:i |you |we )?ever (?:\w+ ){1,12}?"
    r"(?:id|i would|i will|ill|i know|i knew|youd|you would|you should|youll|you will|would|should)\b"
)
# The same supposition asked the other way round, what one should do or what would happen first: "what should I do
# if I ever felt numb down there?", "what would happen if I lost feeling in my legs, hypothetically?". The "if" and up
# to twelve words after it, when it says "ever" or the message calls itself hypothetical.
_ASKED_IF_EVER = re.compile(
    r"\b(?:what|how|would|should|could|will|do|does)(?: \w+){0,4}? if (?:(?:i|you|we|he|she|they|someone|anyone) )?"
    r"ever(?: \w+){1,12}"
)
_SAID_TO_BE_SUPPOSED = re.compile(r"\b(?:hypothetical\w*|in theory|theoretically|in principle)\b")
_IF_CLAUSE = re.compile(r"\bif(?: \w+){1,12}")
_HAPPENING = re.compile(
    r"\b(?:again|still|since|already|before|today|yesterday|this (?:week|morning|afternoon|evening)|started"
    r"|keeps?|(?<!right )(?<!for )now)\b"  # "for now it's just a stiff back": nothing has happened
)

# Someone else, and what the message says about them: up to the next word about the person writing, at most 10
# words. Relatives, friends and the like, named: not "they" nor a doctor, whose words are often about the person
# ("they found a tumour", "my GP says I").
_RELATIVE = (
    r"(?:sister|brother|sibling|mum|mom|mother|mam|dad|father|parent|son"
    r"|daughter|child|kid|baby|husband|hubby|wife|missus|partner|boyfriend|girlfriend|fiance|fiancee|spouse|friend|neighbour"
    r"|neighbor|colleague|boss|aunt|auntie|uncle|gran|granny|grandma|grandmother|grandad|grandpa|grandfather|cousin"
    r"|nan|nana|nanna|nonna|granddad|grandparent|stepmum|stepmom|stepdad|stepmother|stepfather|in law"
    r"|niece|nephew|client|patient|student|flatmate|roommate|toddler|infant|grandchild|grandchildren|grandkid|grandson"
    r"|granddaughter|stepson|stepdaughter)(?:s|es)?"
)
_OTHER_PERSON = (
    rf"(?:my|our|(?<!was )(?<!as )(?<!being )a|his|her|their) (?:\w+ )?{_RELATIVE}"
    r"|(?<!im )(?<!i am )(?:someone|somebody|anyone|anybody|people|a person|those|others) (?:who|that|with|whos)"
)
_ME = r"i|im|ive|id|ill|me|my|mine|myself"
# Said of the writer's own mishap, whoever it is told beside: "fell off the sofa laughing at my husband trying this,
# no harm done" (the reader's fall did no harm, see `_HARMLESS_FALL`).
_NO_HARM_TO_ME = r"no (?:real |lasting )?(?:harm|damage)|none the worse"
_NOT_ABOUT_ME = rf"(?: (?!(?:{_ME}|{_NO_HARM_TO_ME})\b)\w+)"
_SOMEONE_ELSE = re.compile(rf"\b(?:{_OTHER_PERSON})\b{_NOT_ABOUT_ME}{{0,10}}")
# What is said of them ends with its clause, unless the next clause goes on about them: "my dad had cancer years ago,
# uti and back pain since tuesday" is the writer's UTI, "my dad had cancer, he had chemo" his.
_STILL_THEIRS = re.compile(
    r"(?:(?:and|but|then|so|though|although|while|because|as) )?"
    r"(?:he|she|they|hes|shes|theyre|theyve|his|her|hers|their|him|them|it|its)\b"
)
# What a message says of an animal's own body is nobody's warning sign ("my dog can't feel his legs", "our cat's
# back legs are weak"): only up to the animal's own "his", "her", "its" or "their" and the next word, with no word
# about the writer between, so "I walked my dog and now I can't feel my legs" is read whole.
_ANIMAL = (
    r"dogs?|cats?|pupp(?:y|ies)|kittens?|kitty|horses?|pony|ponies|rabbits?|bunny|bunnies|hamsters?|guinea pigs?"
    r"|pets?"
)
# not an animal someone fell or came off, whose "his" is the rider's ("fell off a horse and his back hurts")
_NOT_RIDDEN = (
    r"(?<!off a )(?<!off the )(?<!off his )(?<!off her )(?<!off my )(?<!from a )(?<!from the )(?<!from his )"
    r"(?<!from her )(?<!from my )"
)
_ABOUT_AN_ANIMAL = re.compile(
    rf"{_NOT_RIDDEN}\b(?:{_ANIMAL})\b"
    rf"(?:(?: (?!(?:{_ME})\b)\w+){{0,8}}? (?:his|her|its|their)(?: back| hind| front)? \w+"
    r"| (?:back |hind |front )?(?:legs?|paws?))\b"
)
# An animal named in someone else's words, whose history they may be ("her dog had cancer")
_AN_ANIMAL = re.compile(rf"{_NOT_RIDDEN}\b(?:{_ANIMAL})\b")
# An illness's name used for a workplace, a job or a cause: "a cancer ward", "I work in oncology".
_WORK_OR_CAUSE = re.compile(
    r"\b(?:(?:cancer|oncology|tumou?r|transplant|infectious diseases?) (?:ward|unit|centre|center|charity|charities"
    r"|research|nurse|nurses|nursing|clinic|hospital|department|team|awareness|screening|fundraiser|fundraising"
    r"|appeal|walk|run|race|shop)"
    r"|(?:work|works|worked|working|volunteer\w*|job|nurse|nursing) (?:\w+ ){0,2}(?:in|on|at|for) (?:an? |the )?"
    r"(?:oncology|cancer|transplant)"
    r"|(?:race|run|walk|marathon|money|raise\w*|raising) for (?:\w+ )?cancer)\b"
)
# A message that asks whether someone else may do the rest ("can he lie on the floor for it?", "is it safe for my
# dad?", "asking for my wife") after something that happened to them lately ("fell this morning") is about that
# person's present, as a symptom they have now is: whoever would practise needs the warning. Their past ("my sister
# had cancer, can she try it?") stays theirs.
_LATELY = (
    r"today|tonight|yesterday|last night|this (?:morning|afternoon|evening|week|weekend)|earlier|just now"
    r"|(?:an?|\d+|few|couple of) (?:hours?|days?) ago"
    r"|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_RECENTLY = re.compile(rf"\b(?:{_LATELY})\b")
_ASKED_FOR_THEM = re.compile(
    r"\b(?:(?:can|could|should|shall|may|would|will|(?:safe|ok|okay|alright|fine|good|bad|wise) for)"
    rf" (?:he|she|him|her|(?:my|our) (?:\w+ )?{_RELATIVE})"
    r"|(?:asking|ask|question|writing) (?:\w+ )?(?:for|on behalf of) (?:my|our|him|her))\b"
)
# Whether the rest would help someone else: "could this position help him?", "would it help my dad?", "do you think
# it would help her?", "is it helpful for my mum?". Not "help" asked of a person ("can you help? my brother ...",
# "i couldnt help him"), nor without a question ("god help him", "i help my mum"), nor a hand up ("help him get up").
# Their words are read for a person's history only where they say a pain they have now ("my brother ... now has
# awful back pain", `_THEIR_PAIN`) or something that happened to them lately ("my mum fell on the ice today",
# `_THEIR_DAY`), each person's apart from the writer's: the writer's own sign is read as ever, and someone else's
# past ("would it help her relax tonight") stays theirs (`their_words_now`).
_ASKED_OF_A_PERSON = ("you", "u", "ya", "ye", "yall", "anyone", "anybody", "someone", "somebody", "i", "we", "they")
_ASKED_IF_IT_HELPS_THEM = re.compile(
    "".join(rf"(?<!\b{who} )" for who in _ASKED_OF_A_PERSON)
    + r"\b(?:can|could|would|will|might|may|does|do|did|should|shall|is|isnt|wont|wouldnt|cant|couldnt)"
    + rf"(?: (?!(?:{'|'.join(_ASKED_OF_A_PERSON)})\b)\w+){{0,4}}? (?:help|helpful (?:for|to))"
    + rf" (?P<whom>he|she|him|her|(?:my|our) (?:\w+ )?{_RELATIVE})\b"
    + r"(?! (?:get|gets|getting|stand|standing|sit|sitting|up|down|off|onto|into|out of|lift\w*|carry\w*)\b)"
)
_KIN = re.compile(rf"\b{_RELATIVE}\b")
# Someone named other than by kin: "the neighbour", "his teacher", "the lodger", "mrs smith", "her gp".
_PERSON = (
    r"(?:man|men|woman|women|lady|ladies|guy|guys|bloke|people|teacher|doctor|gp|nurse|physio|lodger|tenant|vicar"
    r"|priest|landlord|landlady|coach|trainer|carer|surgeon|consultant|dentist|midwife|therapist|manager|teammate"
    r"|classmate|housemate)s?"
)
_ANOTHER_PERSON = (
    rf"(?:the|his|her|their|a|an|this|that) (?:\w+ )?(?:{_RELATIVE}|{_PERSON})|(?:mr|mrs|ms|miss|dr) \w+"
    r"|everyone|everybody"
)
# A name said as someone's subject, mid-sentence, in the writer's own capitals: "my dad had cancer, John has back
# pain now" (not "I", not a message all in capitals, not "my mum, Sarah, she ...").
_SOMEONE_NAMED = re.compile(
    r"(?<![.!?]\s)(?<=[ \t,])(?!(?:I|He|She|They|It|We|You)\b)([A-Z][a-z]+)"
    r" (?:has|had|have|is|was|got|gets|says|said)\b"
)
# A sentence the writer begins with no one named ("My mum had cancer. Have had back pain since Friday"): their own.
_SENTENCE_BREAK = re.compile(r"[.!?;\n]")
# Where a clause ends: a sentence's end or a comma, not a decimal point nor a thousands comma ("38.5", "1,000").
_CLAUSE_BREAK = re.compile(r"[!?;\n]|[.,](?!\d)")
_WRITERS_OWN_START = frozenset(("have", "got", "had", "having", "getting"))
# The words of someone of the writer's own ("my brother", "our son"), up to the next word about the writer or the
# next person named ("his friends", "the neighbour"): longer than what is dropped (`_SOMEONE_ELSE`), so that "my
# partner has been on steroids for years and now has back ache" reaches their pain.
_THEIR_WORDS = re.compile(
    rf"\b(?:my|our) (?:\w+ )?{_RELATIVE}\b"
    rf"(?: (?!(?:{_ME}|{_NO_HARM_TO_ME})\b|(?:{_OTHER_PERSON}|{_ANOTHER_PERSON})\b)\w+){{0,16}}"
)
# Something that befell them lately, said of them in one clause: the person, a fall, a knock or an illness they had
# or caught, then at most five words, none of the question nor a new clause, before the time ("my mum fell on the ice
# today", "she had pneumonia this week"); not any day of theirs ("she went shopping today", "she had cancer years ago
# and she had her hair done today"), nor the question's own time ("would it help my mum sleep tonight"), nor a life
# ("earlier in life"). Only the rules of what befalls a person read it (`RedFlagRule.on_their_day`), in that clause.
_ASKING = (
    r"would|could|can|should|shall|will|might|may|does|do|did|help\w*|try\w*|doing|lying|practi\w*|we|us|our|you"
    r"|your"
)
_NEW_CLAUSE = r"and|but|then|so|also|he|she|they|hes|shes|ago|years?"
_THEIR_DAY = re.compile(
    rf"\b(?:{_RELATIVE}|he|she|they|hes|shes|theyve)(?: has| have| had| just)*"
    r" (?:had|was|were|been|got|caught|fell|fallen|slipped|slipt|tripped|tumbled|crashed|came|broke|hurt|injured"
    r"|collapsed)"
    rf"(?: (?!(?:{_ASKING}|{_NEW_CLAUSE})\b)\w+){{0,5}}? (?:{_LATELY})\b(?! (?:in|on in) (?:\w+ )?(?:life|years))"
)
_SHARED_WITH_ME = re.compile(
    r"\b(?:(?:i|ive|im) (?:\w+ ){0,3}(?:diagnosed|(?:have|had|got) (?:it|that|the same))|(?:me|i) too"
    r"|same (?:here|for me|thing happened to me))\b"
)

# Word families shared by several rules (regular expressions over plain words).
# Pain "killing me" said of the body or the pain itself ("my back's killing me"), never of a wait or the heat.
KILLING_ME = (
    r"(?:back|backs|neck|necks|hips?|hip is|legs?|belly|bellys|stomach|stomachs|tummy|tummys|spine|spines|pain|pains"
    r"|it|its) (?:\w+ )?killing (?:me|him|her)"
)
PAIN = (
    rf"pain\w*|hurt\w*|ache|aches|aching|achy|sore\w*|agony|sciatica|siatica|backache|stabbing|throbbing|shooting"
    rf"|burning(?! up)|{KILLING_ME}"
)
# A pain someone has now: "he has a bad back pain now", "she's now got back ache".
_PAIN_NOW = re.compile(
    rf"\b(?:(?:has|have|got|having|is in|are in) (?:\w+ ){{0,3}}(?:{PAIN})(?: \w+)? now"
    rf"|now (?:has|have|got|having|in) (?:\w+ ){{0,3}}(?:{PAIN}))\b"
)
# A pain someone has, read in their own words only (`their_words_now`): "now has awful back pain", "has had back pain
# since last week", "her back has started hurting", "would it help my dad with his back pain"; not denied ("she
# hasnt got back pain", "has never had back pain", "has not got any pain", "has no aches"), and the pain's own words,
# not others that hold them ("painting", "painkillers"), nor a hurt done to someone ("has hurt his girlfriend"), nor a
# longing ("a burning desire").
_DENIAL = r"no|not|never|zero|any|nothing|none|without|hasnt|havent|doesnt|dont|didnt|isnt|arent|wasnt|werent"
_THEIR_PAIN_WORD = (
    rf"pain|pains|painful|ache|aches|aching|achy|achey|sore|soreness|agony|sciatica|backache|backaches|hurts|hurting"
    # "has hurt his back", not "has hurt him" or "has hurt" before "his girlfriend", who ends their words
    r"|hurt(?= (?:(?:his|her|their|its) )?(?!(?:him|her|his|their|its|them|someone|somebody)\b)\w)"
    rf"|burning(?= (?:in|sensation|feeling)\b)|{KILLING_ME}"
)
_THEIR_PAIN = re.compile(
    r"(?<!nt )(?<!not )(?<!never )\b(?:has|have|got|having|gets|getting|started|starting|is in|are in)"
    rf" (?:(?!(?:{_DENIAL})\b)\w+ ){{0,3}}(?:{_THEIR_PAIN_WORD})\b"
    rf"|\b(?:with|for) (?:his|her|their) (?:\w+ ){{0,2}}(?:{_THEIR_PAIN_WORD})\b"
)
# A pain that is none: being a nuisance ("has been a real pain to live with", "a pain in the neck") or free of one.
_NOT_A_PAIN = re.compile(
    r"\b(?:(?:been|is|was|be|being|are|were) (?:such |quite )?an? (?:\w+ )?pains?"
    r"|pain in the (?:neck|arse|ass|butt|bum|backside)|pain ?free|free (?:of|from) (?:\w+ )?pain)\b"
)
# Having fainted, in lay words: with back pain it is the emergency's sign whatever the pain's words ("I collapsed
# with this back pain", "came round on the floor"); collapsing onto a bed or the floor on purpose is not.
FAINTED = (
    r"(?:i|ive|id|i have|i had|i was|he|she|hes|shes|he has|she has)"
    r" (?:just |suddenly |actually |completely |then |had |have )?"
    r"(?:fainted|passed out|blacked out|keeled over|lost consciousness|went unconscious|was unconscious"
    r"|collapsed(?! (?:on|onto|on to|into|in (?:bed|my bed|a chair|my chair|the chair|an armchair|a heap on)|back"
    r"|down on|exhausted|after a|at the end|with (?:relief|laughter"
    r"|tiredness|exhaustion))))"
    r"|(?:came|come|coming) (?:round|around|to) (?:\w+ ){0,2}(?:on|lying on) the (?:\w+ )?(?:floor|ground)"
    r"|(?:everything|it all|the world|my vision) (?:just |suddenly )?(?:went|turned) (?:all )?(?:black|dark)"
)
CANNOT = (
    r"cant|cannot|can not|couldnt|could not|unable to|(?:not|havent|hasnt|hadnt|wasnt|werent|never) (?:\w+ )?able to"
    r"|struggl\w*|difficult\w*|trouble|(?<!is it a )(?<!is that a )(?<!would it be a )(?<!no )problems?|hard to"
    r"|harder (?:and harder )?to|more (?:and more )?difficult to"  # a difficulty that grows: "getting harder to pee"
)
BLADDER = r"blad+[ae]rs?"
# Words after a loss denied that say it has happened after all: a time ("I had never lost control before
# yesterday"), "like this", "it happened", "twice", "wet himself". Anywhere after the denial, so that a warning sign
# said after a long clause is never taken for a denial; a calm message that names one of these warns (the safe side).
_NOW_IT_HAS = (
    r"before|until|till|til|up to|prior to|now|today|yesterday|tonight|last (?:night|week)|this (?:week|morning)"
    r"|recently|lately|like (?:this|that)|happen\w*|twice|times|again|since|wet|wetting|leak\w*|soil\w*|accidents?"
)
# A beat the person says they have never had or do not feel ("I've never had a strong beat in my tummy", "I don't
# feel any pulse in my belly"), read as `_NEGATED` reads a denied symptom, but after "never had" alone too: unlike a
# pain, a beat never had is no new beat. Not when words after it say it has come (`_NOW_IT_HAS`, "started", "new",
# "appeared", "suddenly", "this time", "it's there every time"), nor when they set it beside one felt ("at first",
# "but", "only").
_DENIED_BEAT = re.compile(
    r"\b(?:never|not|havent|hasnt|hadnt|dont|doesnt|didnt|have not|has not|do not|does not|did not) (?:ever )?"
    r"(?:had|have|felt|feel|noticed|notice|got|get|seen|see|sensed) (?:a |an |any |the |my )?(?:\w+ )?"
    r"(?:puls\w*|throb\w*|heart ?beats?|beats?|beating|pound\w*|thump\w*|thud\w*)\b"
    rf"(?!.*\b(?:{_NOW_IT_HAS}|first|but|though|although|still|only|sometimes|often|always|keeps?|anymore"
    r"|any more|start\w*|began|begun|begin\w*|appear\w*|new|suddenly|sudden|this time|came|comes|come|coming"
    r"|every (?:time|day|night|morning|evening)|its there|it is there|theres)\b)"
)
# Losing something, in every tense: "I lose control of my bladder", "she loses the feeling", "lost", "losing", "loss
# of"; not a present tense denied ("I don't lose control", "never loses feeling").
LOSE = (
    r"(?<!dont )(?<!do not )(?<!doesnt )(?<!does not )(?<!never )(?<!wont )(?<!will not )"
    # nor the wish not to ("how do I not lose") nor people in general ("do people lose"), nor a loss only foreseen
    # ("I'm scared I'll lose", "will I lose"): once the message says it has happened, `present_symptoms` drops the
    # foreseeing word and the loss is read ("i might lose control again, it happened on monday")
    r"(?<!ill )(?<!will i )(?<!will you )(?<!would i )(?<!would you )(?<!might )(?<!could i )"
    r"(?<!going to )(?<!gonna )(?<!not )(?<!people )(?<!didnt )(?<!did not )(?:lose|loses)"
    # nor a loss denied in the past ("I've never lost control of my bladder, just stiff", "I haven't lost any
    # feeling", "I didn't lose control", "I'm not losing control"), unless words after it say it has happened
    # ("never lost control before yesterday", "didn't lose control until last night", "never like this")
    r"|(?<!never )(?<!not )(?<!havent )(?<!hasnt )(?<!hadnt )(?<!have not )(?<!has not )lost"
    rf"|(?:(?<=never )|(?<=not )|(?<=havent )|(?<=hasnt )|(?<=hadnt ))lost(?=.*\b(?:{_NOW_IT_HAS})\b)"
    rf"|(?:(?<=didnt )|(?<=did not ))lose(?=.*\b(?:{_NOW_IT_HAS})\b)"
    rf"|(?<!not )losing|(?<=not )losing(?=.*\b(?:{_NOW_IT_HAS})\b)|loss of"
)
NUMB = (
    rf"numb\w*|numm\w*|no feeling|(?:{LOSE}) (?:the |all |my )?(?:feeling|sensation)"
    r"|(?:reduced|less) (?:feeling|sensation)|anaesthe\w*|anesthe\w*"
)
# Sensation that is changed rather than lost: urgent around the saddle, not in a foot or a hand.
ALTERED_FEELING = (
    r"tingl\w*|pins (?:and|n) needles|prickl\w*|(?:altered|changed|strange|odd|weird|funny|different|reduced|less)"
    r" (?:feeling|sensation)s?|(?:not much|hardly any|little|no) (?:feeling|sensation)|altered|dead"
    # a part gone to sleep: "half asleep", "has gone to sleep" (not "I fall asleep")
    r"|half asleep|(?<!i )(?<!ive )(?<!we )(?<!you )(?<!they )(?<!he )(?<!she )(?<!hes )(?<!shes )"
    r"(?:gone|went|going|goes|fallen|feels?|felt|feeling|is|are) (?:\w+ )?(?:to sleep|asleep)"
)
# A part that feels as if it were someone else's: lost or changed feeling said without a feeling word.
NOT_MY_OWN = (
    r"(?:feels?|felt|feeling) (?:\w+ ){0,2}(?:like|as if|as though) (?:\w+ ){0,2}(?:belongs?|belonged|belonging) to"
    r" (?:some|any)(?:one|body) else"
    r"|(?:dont|doesnt|do not|does not|didnt|did not|no longer) (?:\w+ ){0,2}(?:feel|feels) (?:\w+ ){0,2}(?:like )?"
    r"(?:mine|my own|part of me)"
)
CANT_FEEL = (
    r"(?:cant|cannot|can not|couldnt|could not|(?:can |could )?(?:barely|hardly)|cant really"
    r"|(?:not|no longer|hardly|barely) able to|unable to) (?:feel|sense)"
    r" (?:my |the |his |her |their |your )?(?:left |right |both |whole )?"  # whoever has it needs the warning
)
GIVING_WAY = (
    r"giving way|give way|gave way|gives way|buckl\w*|giving out|give out|gave out|gives out"
    r"|(?:went|go|goes|going|gone) (?:\w+ )?from under(?:neath)? (?:me|him|her)"
    r"|(?:wont|will not|cant|cannot|couldnt|could not|wouldnt|would not) (?:\w+ )?(?:hold|support|carry) (?:me|him|her"
    r"|my weight|my own weight)"
)
WEAK = (
    rf"weak\w*|feeble|{GIVING_WAY}|no strength|(?:{LOSE}) (?:\w+ ){{0,2}}strength"
    r"|(?:cant|cannot|can not) (?:lift|move|stand on)"
    r"|paraly[sz]\w*|floppy|foot drop|drop foot|drags?|dragg(?:ing|y)"  # legs that drag, "gone draggy"
    r"|(?:cant|cannot|can not|couldnt|could not|unable to) (?:properly )?(?:grip|grasp|raise|pick up"
    r"|hold (?:on ?to |onto )?(?:a |my |the )?(?:cup|mug|glass|pen|fork|knife|phone|anything|things|stuff))"
    rf"|dropping (?:things|stuff|everything|my)|keeps? dropping(?! off\b)|no grip|(?:{LOSE}) (?:my |the )?grip"
    r"|grip (?:is |has )?(?:gone|weak\w*)"
)
# A grip lost on a thing held in the hand is a hand's weakness, however far the hand is named ("I can't grip my cup
# properly with my right hand"); only on such a thing, as a mat "can't grip anything" on a smooth floor.
GRIP_LOST = (
    r"(?:cant|cannot|can not|couldnt|could not|unable to|struggl\w* to) (?:properly )?(?:grip|grasp) (?:\w+ ){0,2}"
    r"(?:cups?|mugs?|glass|glasses|pens?|pencils?|forks?|knife|knives|spoons?|phone|kettle|bottles?|toothbrush|keys?"
    r"|handles?)\b"
    # the grip said to have gone weak, with no hand named: "my grip has gone weak lately", "her grip's getting weaker"
    r"|(?:my|her|his|their) grips? (?:has |is |was |keeps )?(?:gone |going |got |getting |become |becoming |feels? "
    r"|felt )?(?:\w+ )?weak\w*"
)
NEW_LOSS = r"numbness|weakness|loss of (?:feeling|sensation|strength|power)|numb feeling"
# Feeling lost, said without a place ("the numbness"), and a word saying it stays: "hasn't gone", "won't go away",
# "is still there", "keeps coming back"; not "has gone and hasn't come back".
FEELING_LOST = r"numbness|numb feeling|loss of (?:feeling|sensation)"
_SAME_COMPLAINT = (
    r"(?!(?:but|though|although|whereas|while|ache|aches|aching|pain|pains|stiffness|soreness|tightness)\b)"
)
STAYS = (
    r"(?:hasnt|has not|havent|have not) (?:\w+ )?(?:gone|passed|worn off|eased|stopped|cleared|shifted|faded|left)"
    r"|(?:wont|will not|doesnt|does not|didnt|did not|never) (?:\w+ )?(?:go|goes|went|pass|passes|passed|wear off"
    r"|wears off|wore off|ease|eases|stop|stops|clear|clears|shift|fade|fades)"
    r"|(?:isnt|is not|not) (?:\w+ )?(?:going|gone|passing|easing|wearing off|fading|getting better)"
    r"|still (?:there|here|present|with me|the same|numb|going|not)|stays?|stayed|staying|keeps? (?:coming|getting)"
    r"|all day|for (?:hours|days|weeks)|(?:hours|days) later"
)
# Foot drop in lay words: a foot that slaps down, flops or drops as one walks, toes that catch or are tripped over,
# the front of the foot that will not lift ("I can't lift the front of my foot", "my foot won't come up").
FOOT_DROP = (
    r"(?<!let )(?<!let my )(?<!let your )(?<!let the )(?:foot|feet) (?:\w+ ){0,3}(?:drops?|dropping|droop\w*|flop\w*)"
    r"(?! (?:off|out|apart|open|flat|to (?:the|one) side|onto|from|over|into|in|down (?:onto|off|from)))"
    r"|foot drop|drop ?foot|(?:trip|trips|tripping|tripped) (?:\w+ ){0,2}over (?:my |his |her )?(?:own )?toes"
    r"|(?:foot|feet|toes?) (?:\w+ ){0,3}(?:slap\w*|smack\w*|scuff\w*|catch\w* on)"
    r"|(?:front of (?:my |the )?(?:\w+ )?foot) (?:\w+ ){0,2}(?:drops?|dropping|droop\w*|slap\w*|flops?)"
    r"|(?:cant|cannot|can not|couldnt|could not|unable to|struggl\w* to|hard to) (?:\w+ )?(?:lift|raise|pull up"
    r"|pull|bring up|point) (?:\w+ ){0,2}(?:front of (?:my |the |it)|toes|foot up|feet up)"
    r"|(?:foot|feet|toes) (?:\w+ ){0,2}(?:wont|doesnt|dont|will not|does not|do not|cant|cannot|wouldnt|isnt|arent)"
    r" (?:\w+ )?(?:lift\w*|come up|go up|raise|rise|pull up|point up)(?! (?:up )?(?:off|from|away))"
    r"|(?:catch\w*|clip\w*|snag\w*|scuff\w*|drag\w*) (?:my|his|her|their|the) (?:\w+ )?(?:toes?|foot|feet)"
    r" (?:\w+ ){0,3}(?:when|while|as) (?:i |he |she |they |you )?(?:walk\w*|step\w*)"
)
SADDLE = (
    r"saddle|groin|genital\w*|privates|private (?:parts?|area)|crotch|perine\w*"
    r"|between (?:my |the |his |her |their |your )?legs"
    r"|inner thighs?|insides? of (?:my |the |your |both )?(?:thighs?|legs? (?:right )?(?:at|up) (?:the )?top)"
    r"|buttocks?|bum|butt|bottom(?! of)|backside|anus|anal|vagina\w*|vulva|labia|penis|testicles?|scrotum"
    r"|down below|down there|sit(?:ting)? bones?|(?:my|your|his|her|their|lady|man|private) bits|nether regions"
    # the lay words of the cauda-equina patient cards and of everyday speech: "back passage" (UK: the anus), "front
    # passage" (the vagina), "rear end", "arse", "willy", "fanny", "undercarriage"
    r"|(?:back|front) passage|rear end|arse|arsehole|bum ?hole|butt ?hole|rectum|rectal|willy|willie|fanny"
    r"|(?:lady|man|girl|girly|intimate) (?:parts?|area)"
    r"|undercarriage"
)
# Cauda equina said to be someone's now, or suspected: "my husband has cauda equina", "is it cauda equina?" (not
# "has had": an operation or an episode that is over is history).
CAUDA_EQUINA_NOW = (
    r"(?:(?:has|have)(?! had\b)|hes got|shes got|got|having|suspected|suspect\w*|possible|possibly|maybe|might|could"
    r"|is (?:it|this|that)|thinks?|worried|scared|afraid) (?:\w+ ){0,2}(?:cauda|equina)"
)
BOTH_LEGS = r"(?:both|two|each) (?:of )?(?:my |the )?(?:legs|thighs|calves|feet)|(?:my|the|his|her) legs|legs|bilateral"
# Both legs for a changed feeling: "legs", "thighs", "both calves", "both feet" (a check-in rating both feet is pain
# below the knee in both legs, urgent; "my feet" alone stays "see a clinician", as a foot rated on one side does).
LEGS_FOR_FEELING = (
    # not the saddle's "between my legs" (`SADDLE`: its own sign, "numb between my legs" is not both legs)
    r"(?<!between )(?<!between my )(?<!between the )(?<!between his )(?<!between her )(?<!between their )"
    r"(?<!between your )legs"
    r"|thighs|(?:both|each|two) (?:of )?(?:my |the |your |his |her |our )?(?:legs|thighs|calves|shins|knees|feet)"
    r"|(?:left|right) (?:foot and (?:my |the )?(?:left|right)(?: (?:one|foot))?|and (?:left|right) feet)"
    # "my left leg and right leg", "the right and left thigh"
    r"|(?:left|right) (?:leg|thigh|calf|shin) and (?:my |the )?(?:left|right)(?: (?:one|leg|thigh|calf|shin))?"
    r"|(?:left|right) and (?:left|right) (?:legs?|thighs?|calf|calves|shins?)"
    # the feet named with the legs: "pins and needles in both my feet and legs"
    r"|(?:feet|foot) and (?:my |the |both |his |her )?legs"
)
# Another limb between a feeling word and "legs" takes the feeling for itself ("my legs ache and my hands tingle").
_NOT_ANOTHER_LIMB = r"(?!(?:feet|foot|toes?|hands?|fingers?|arms?|wrists?)\b)"
# Tingling in lay words: the check-in's "tingling" quality ("prickly" and "fizzy" only beside both legs: a mat is
# prickly under the feet, a drink fizzy).
TINGLING = r"tingl\w*|pins (?:and|n) needles"
# A changed feeling in the legs: numbness, tingling, pins and needles, prickling, a part "half asleep".
LEG_FEELING = (
    rf"{NUMB}|{TINGLING}|prickl\w*|fizz\w*|(?:altered|changed|strange|odd|weird|funny|reduced"
    r"|less) (?:feeling|sensation)s?|(?:not much|hardly any|little|no) (?:feeling|sensation)|half asleep"
    r"|(?:gone|going) (?:\w+ )?to sleep"
)
# Both sides named of the legs or feet: "my toes are numb on both sides".
BOTH_SIDES_OF_THE_LEGS = (
    r"(?:feet|toes|foot|legs?|calf|calves|thighs?|shins?|knees?) (?:\w+ ){0,3}(?:on |down |in )?both sides"
    r"|both sides of (?:my |the |his |her )?(?:legs?|feet|body)"
)
# The other leg affected too: "now the right one as well", "it's spread to the other leg".
OTHER_LEG_TOO = (
    r"(?:other|left|right|second) (?:one|leg|side) (?:\w+ ){0,4}(?:too|as well|also)"
    r"|(?:spread\w*|moved|jumped|gone|going|travel\w*|now) (?:\w+ ){0,2}(?:to|into|down|in) (?:the|my) other "
    r"(?:leg|one|side)"
)
LIMB = (
    r"legs?|foot|feet|toes?|ankles?|knees?|thighs?|calf|calves|shins?|arms?|hands?|fingers?|wrists?|face"
    r"|one side|side of my (?:body|face)"
)
PART_OF_A_LIMB = r"outside|inside|top|side|sides|back|front|bottom|tip|tips|edge|skin|part|parts|bit|bits|sole|ball"
# The places of a leg a check-in rates (thigh, knee, calf and shin, foot), in lay words, for a changed feeling.
LEG_PLACES = r"legs?|foot|feet|soles?|toes?|ankles?|knees?|thighs?|calf|calves|shins?"
# An arm's place takes the feeling for itself ("my legs feel heavy and my hands tingle"), unless joined to a leg's
# place by "and" ("tingling in my hands and feet", "my feet and hands tingle").
_ARM = r"hands?|fingers?|arms?|wrists?"
# The pain qualities a check-in counts as a loss of feeling (`LOSS_OF_FEELING`), each in its lay words: read from the
# check-in's own set, so that the check-in and help warn of the same feelings.
QUALITY_WORDS: Mapping[PainQuality, str] = {PainQuality.NUMB: NUMB, PainQuality.TINGLING: TINGLING}
LOST_FEELING = "|".join(QUALITY_WORDS[quality] for quality in sorted(LOSS_OF_FEELING))
BELLY = r"belly|tummy|stomach|abdomen|abdominal|navel|belly button|tum|gut"
# The back or the belly, where the aneurysm's pain is felt (crp-facts.md section 5), and the flanks between them.
BACK_OR_BELLY = (
    rf"back|backs|backache|spine|{BELLY}|bellys|tummys|stomachs|bellyache|stomach ?ache|tummy ?ache|sides?|flanks?"
    r"|loins?|kidneys?"
)
ANEURYSM = r"aneu?r[iy]s\w*|anurism\w*|aort\w*|aaa|triple a(?! batter\w*)"  # "triple A": lay name of an AAA
SEVERE = (
    r"sudden\w*|severe\w*|terrible|horrible|horrendous|agoni[sz]\w*|excruciating|unbearable|worst|intense|extreme\w*"
    r"|tearing|ripping|crushing|out of nowhere|all of a sudden|came on (?:\w+ ){0,2}(?:fast|quickly|suddenly)"
    r"|like (?:a|being) (?:knife|knifed|dagger|stabbed|hammer|gunshot|shot)|knife ?like|out of the blue|from nowhere"
    r"|doubled (?:\w+ )?(?:over|up)|(?:worst|most) (?:\w+ ){0,4}(?:ever|of my life)|(?:10|ten) out of (?:10|ten)"
    rf"|came on (?:like|in (?:a|seconds))|hit me (?:like|out of)|{KILLING_ME}"
    # words that only ever say a pain is severe, whatever they are said of
    r"|intolerable|crippling|debilitating|searing|blinding"
    r"|(?:cant|cannot|can not|couldnt|could not) (?:bear (?:\w+ ){0,2}(?:pain|it)|take (?:the |this )?pain"
    r"|stand (?:the |this )?pain|stand it (?:any ?more|much longer))"
    r"|never (?:\w+ ){0,3}(?:pain|hurt\w*) like (?:it|this|that)|(?:pain|hurt\w*) like (?:i|ive) (?:have )?never"
    r"|(?:cant|cannot|can not|couldnt|could not|can hardly|can barely|could hardly|could barely) (?:\w+ )?(?:stand"
    r"|walk|move|sit|think|talk|sleep) (?:\w+ ){0,2}(?:with|for|because of|from) (?:the |this |my )?pain"
    r"|(?:screaming|crying|howling|sobbing|in tears)"
    r" (?:\w+ ){0,2}(?:pain|agony)|(?:hurts?|hurting|aches?|aching) like (?:hell|mad|crazy|nothing else|anything)"
)
# Everyday words for a severe pain ("awful back pain", "my back pain is really bad", "dreadful pain in my tummy",
# "back pain so bad I nearly passed out", "it hurts so much"), never after "not" ("not that bad", "doesn't hurt so
# much"). An adjective such as "awful" or "really bad" is said of traffic and weather too, so it is read only of the
# pain or of the back or belly: just before it ("awful lower back pain"), or after it in the same thought ("the pain
# in my tummy is dreadful"; not across "but", "because" or another subject: "my back aches and the traffic was awful").
_NOT_DENIED = (
    r"(?<!not )(?<!isnt )(?<!wasnt )(?<!arent )(?<!aint )(?<!never )(?<!nothing )(?<!hardly )(?<!not even )"
    r"(?<!not really )(?<!no )(?<!doesnt )(?<!dont )(?<!didnt )(?<!longer )"
)
_INTENSIFIER = (
    r"really|very|so|too|extremely|incredibly|seriously|super|proper|properly|awfully|terribly|horribly|insanely"
    r"|unbelievably|ridiculously|truly|exceptionally|particularly|bloody|dead|mega|crazy|stupidly|unbearably"
    r"|excruciatingly|such"
)
_SEVERE_IN_EVERYDAY_WORDS = (
    rf"{_NOT_DENIED}(?:awful|dreadful|appalling|atrocious|horrific|horrid|ghastly|hellish|brutal|savage|vicious"
    rf"|godawful|(?:{_INTENSIFIER}) (?:(?:{_INTENSIFIER}) )?(?:bad|badly|severe|strong|intense|nasty)"
    r"|in bits|murder|off the (?:charts?|scale)|through the roof"
    r"|(?:bad|painful|sore) (?:enough|that) (?:\w+ ){0,2}(?:i|it|to)"
    # a score the 0-10 scale calls severe (7 to 10), "9 out of 10" or "8/10": a score of the pain, not of a film
    r"|(?:[7-9]|10|seven|eight|nine|ten) (?:out of|outta) (?:10|ten)|(?:[7-9]|10) 10)"
)
# Said of the pain itself, so read wherever it stands: "it hurts so much", "too painful to lie on my back", "agony".
_SEVERE_PAIN_SAID = (
    rf"{_NOT_DENIED}(?:agony|(?:hurts?|hurting|aches?|aching) (?:so|too|very|really|a) (?:\w+ )?(?:much|badly|bad|lot)"
    r"|(?:really|so|seriously|properly|badly) (?:hurts?|hurting)"
    rf"|(?:{_INTENSIFIER}) (?:(?:{_INTENSIFIER}) )?(?:painful|sore)"
    r"|(?:so much|too much|such|a lot of|lots of|loads of|in real|massive|huge|immense|tremendous) (?:\w+ )?pain)"
)
_PAIN_OR_ITS_PLACE = rf"{PAIN}|{BACK_OR_BELLY}"
_SAME_THOUGHT = r"(?!(?:but|though|although|because|cos|while|whereas|the|and|i|im|ive|id|feel|feeling)\b)"
_MODIFIER = r"(?!(?:my|i|im|ive|and|but|the|it|its|then|was|is)\b)"
SEVERE_PAIN_IN_EVERYDAY_WORDS = (
    rf"(?:{_SEVERE_IN_EVERYDAY_WORDS}) (?:{_MODIFIER}\w+ ){{0,2}}(?:{_PAIN_OR_ITS_PLACE})"
    rf"|(?:{_PAIN_OR_ITS_PLACE}) (?:{_SAME_THOUGHT}\w+ ){{0,5}}(?:{_SEVERE_IN_EVERYDAY_WORDS})|{_SEVERE_PAIN_SAID}"
)
# Sweating as shock's sign: not night sweats or hot and cold sweats (the infection's, fever_or_chills), nor a sweater.
SWEATING = r"(?<!night )(?<!and cold )sweat(?:y|ing|s|ed|iness)?"
# Feeling faint, and a heart racing: two signs of the aneurysm's shock (below) that together, with pain, warn
# even when the pain is not said to be sudden or severe ("my back hurts, my heart is racing and I feel faint").
FEELING_FAINT = r"dizz\w*|light ?headed\w*|faint\w*|woozy|room (?:was |is )?spinning|seeing stars|saw stars"
RACING_HEART = (
    r"palpitation\w*|fast (?:heart\w*|pulse)|(?:heart|pulse) (?:is )?(?:racing|races|raced|pounding|beating fast)"
    r"|(?:racing|pounding) (?:heart|pulse)"
    r"|(?:heart|pulse) (?:is |was )?(?:\w+ )?(?:thumping|hammering"
    r"|going (?:like|mad|crazy|nuts|ten to the dozen|so fast)|beating (?:like|so fast|really fast|out of))"
)
_SHOCK_BUT_SWEAT = (
    rf"{FEELING_FAINT}|pass(?:ed|ing)? out|black(?:ed|ing)? out|collaps\w*|clammy|pale|{RACING_HEART}"
    r"|breathless\w*|short of breath|shortness of breath|out of breath|(?:cant|cannot|can not|struggling to) breathe"
    r"|(?:went|gone|going|turned|turning|look|looks|looked|looking) (?:all |really |very |a bit |deathly )?"
    r"(?:white|grey|gray|ashen|pasty|green)|white as a sheet|ashen|keel\w* over|hit the (?:floor|deck|ground)"
    r"|(?:nearly|almost) (?:went down|dropped|collapsed|fell over)"
    r"|cold sweat|drenched|sweating (?:buckets|like)"
)
# With a word that always says the pain is severe, any sweat (as this rule has always read it); with the everyday
# words below, shock's sweat only, not the night sweats of an infection ("agony for a week ... night sweats").
SHOCK = rf"{_SHOCK_BUT_SWEAT}|sweat\w*"
SHOCK_SIGN = rf"{_SHOCK_BUT_SWEAT}|{SWEATING}"
# Feeling faint or passing out, with a cold sweat (clammy, sweaty): with back or belly pain, the picture of shock
# that crp-facts.md section 5 names for the aneurysm (dizziness, clammy skin, fainting), whatever words the pain has
# ("bad back pain and I feel faint and sweaty"); neither alone is ("I'm sweating and my back aches" in the heat).
FAINT_OR_PASSING_OUT = rf"{FEELING_FAINT}|pass(?:ed|ing)? out|black(?:ed|ing)? out"
COLD_SWEAT = rf"clammy|{SWEATING}|drenched|perspir\w*"
# Emergencies beyond back pain, as crest's general guidance (help.toml's warning_emergency, which says "call your
# emergency number now"): the NHS FAST signs of a stroke, a heart attack's chest pain, and being unable to
# breathe. Not a red flag of crp-facts.md section 5, whose levels the rules above keep.
FACE_PART = r"face|mouth|smile|lips?|cheeks?"
DROOPING = (
    r"droop\w*|dropped|drops on one side|sag(?:s|ged|ging|gy)?|lopsided|crooked|wonky|slumped|slipped|fallen"
    r"|pulled (?:down|to one side)"
)
SPEECH = r"speech|speaking|talking|words?"
GARBLED = (
    r"slurr\w*|garbl\w*|jumbl\w*|muddl\w*|mixed up|(?:came|coming|come|comes) out (?:all )?(?:wrong|funny|weird"
    r"|strange|muddled|jumbled)|all wrong|gone (?:\w+ )?(?:funny|strange|weird|odd)|went (?:\w+ )?(?:funny|strange"
    r"|weird|odd)|thick|gibberish|nonsense|not making sense"
)
SUDDENLY = (
    r"sudden\w*|all of a sudden|out of (?:nowhere|the blue)|from nowhere|without (?:any )?warning"
    r"|(?:came|come|comes) on (?:\w+ )?(?:fast|quickly|in (?:a|seconds))"
)
GONE_WEAK = rf"{WEAK}|{NUMB}|dead|useless|limp|floppy"  # not "heavy": arms heavy with ease
ONE_SIDE = r"arms?|hands?|face|one side|(?:left|right) side|side of (?:my |his |her |their |the )?(?:body|face)"
CHEST = r"chest|breastbone|sternum"
# Pressure in the chest, said of the chest ("my chest feels heavy", "an elephant sitting on my chest"), not of arms
# resting on it, also after another feeling ("my chest feels really tight and heavy"); tightness only with another
# sign beside it.
PRESSED = r"crush\w*|squeez\w*|heavy|heaviness|pressure|elephant|vice|vise"
TIGHT_OR_SORE = r"tight\w*|sore|achy|aching|painful|tender"
CHEST_PRESSURE = (
    rf"(?:{CHEST}) (?:\w+ ){{0,3}}(?:(?:{TIGHT_OR_SORE}) (?:and|or) )?(?:{PRESSED}"
    r"|(?:tight|tightness|tightening) (?:\w+ ){0,6}(?:arm|jaw|neck|sweat\w*|clammy|sick|breath\w*|dizz\w*|faint\w*))"
    rf"|(?:{PRESSED}|tightness|tight band)"
    r" (?:(?:sitting|standing|pressing|pushing|feeling|sensation|pain|like|a|an|weight) ){0,2}"
    rf"(?:in|on|across|around|of) (?:my |the |his |her )?(?:{CHEST})"
    # "a crushing chest", "my chest feels like it's being squeezed"; not a gym's "heavy chest press" or a chest cold
    rf"|(?:crush\w*|squeez\w*|pressing|heavy) (?:{CHEST})"
    r"(?! (?:infection|cold|cough\w*|press\w*|day|workout|fly|flies)\b)"
    rf"|(?:{CHEST}) (?:\w+ ){{0,4}}(?:being|been|getting) (?:crush\w*|squeez\w*|pressed|sat on)"
)
# A tight chest alone is most often the muscles the position eases, or nerves ("my chest feels tight with nerves
# before my exam"): the NHS's tightness is chest pain's, read above with pain, heaviness or another sign beside it. A
# tightness that comes on suddenly is that chest pain's picture, and pins the entry.
SUDDEN_TIGHT_CHEST = _near(SUDDENLY, rf"tight (?:{CHEST})|(?:{CHEST}) (?:\w+ ){{0,3}}(?:tight|tightness|tightening)", 4)
# What follows "can't breathe" or "hard to breathe" when it is a way of breathing, not a struggle for air ("I can't
# breathe deeply into my belly", "hard to breathe through my nose", "I couldn't breathe for laughing").
NOT_A_WAY_OF_BREATHING = (
    r"(?! (?:in|out|into|through|with|deep\w*|slow\w*|like|the way|fully|all the way|evenly|naturally|quietly"
    r"|properly through|when (?:i |im )?(?:laugh\w*|talk\w*|think\w*)|for (?:laugh\w*|giggl\w*)|a (?:word|sigh)"
    r"|technique|exercises?|patterns?|rhythm|practice|(?:right )?down (?:into|to|in))\b)"
)
BREATHE_OR_GET_AIR = r"breathe?|catch (?:my|his|her|their) breath|get (?:my |enough |any )?(?:breath|air)"
# Unable to breathe, or barely able to, not a way of breathing.
CANT_BREATHE = (
    r"(?:cant|cannot|can not|couldnt|could not|unable to|struggl\w* to|fighting to|fight to"
    r"|(?:can|could|cant|can not) (?:barely|hardly|scarcely)) (?:really |properly )?"
    rf"(?:{BREATHE_OR_GET_AIR}){NOT_A_WAY_OF_BREATHING}"
    r"|gasp\w* for (?:air|breath)|fighting for (?:air|breath)|(?:lips?|face) (?:\w+ ){0,3}blue"
)
# Difficulty breathing, NHS's own words for when to call 999, in everyday words ("hard to breathe", "breathing is
# hard", "laboured breathing"); not a way of breathing, nor denied ("breathing is not hard", "not hard to breathe";
# "no difficulty breathing" is taken out with the other denied symptoms), nor "breathing is hard to learn".
DIFFICULT = r"hard|difficult|laboured|labored|a struggle|an effort|heavy going|tough"
HARD_TO_BREATHE = (
    rf"(?<!not )(?<!never )(?<!isnt )(?<!wasnt )(?:hard|difficult|a struggle|an effort|impossible|tough) to"
    rf" (?:{BREATHE_OR_GET_AIR}){NOT_A_WAY_OF_BREATHING}"
    rf"|(?:difficulty|difficulties|trouble|struggling|struggle) (?:with )?(?:my |his |her |their )?breathing"
    rf"{NOT_A_WAY_OF_BREATHING}|breathing difficult(?:y|ies)|(?:laboured|labored) breathing"
    # said of the breath itself, not of a way of breathing ("belly breathing is hard")
    r"|(?<!deep )(?<!belly )(?<!tummy )(?<!nose )(?<!nasal )(?<!mouth )(?<!slow )(?<!box )(?<!diaphragmatic )"
    r"(?<!abdominal )(?<!rib )(?<!chest )(?<!mindful )breathing"
    r" (?:is|was|feels|felt|has been|got|has got|is getting|getting|became|has become) (?:(?:really|very|so|quite|more"
    rf"|getting|too|rather|a bit|a little|much|suddenly) ){{0,2}}(?:{DIFFICULT})(?! to\b)"
)
# Short of breath at rest: not on the stairs, a walk or getting up and down from the floor.
BREATHLESS = r"short of breath|shortness of breath|breathless\w*|out of breath|cant get my breath"
EXERTION = (
    r"climb\w*|stairs|steps|hill|walk\w*|run|running|jog\w*|exercis\w*|gym|workouts?|class|cycling|swim\w*"
    r"|(?:getting|get|got) (?:up|down)|carrying|lifting|rushing|hurrying"
)
HEADACHE = r"headaches?|head ?ache|(?:pain|pains) in (?:my |the )?head|head (?:is )?(?:pain\w*|hurt\w*|pounding)"
CANCER = (
    r"cancer\w*|tumou?r\w*|malignan\w*|chemo\w*|radiotherapy|radiation therapy|carcinoma|lymphoma|leuka?emia"
    r"|myeloma|metasta\w*|oncolog\w*|sarcoma"
)
AGE_OUTSIDE_20_TO_50 = r"[1-9]|1[0-9]|5[1-9]|[6-9][0-9]|1[01][0-9]"
NOT_AN_AGE = (
    r"weeks?|minutes?|mins?|days?|months?|cm|kg|lbs?|times?|hours?|seconds?|secs?|percent|years? ago|pounds"
    r"|foot|feet|ft|stone|st|inches|out of|of (?:10|ten)"
)
LONG_TIME = (
    r"months?|a month|weeks and weeks|(?:[4-9]|[1-9][0-9]|four|five|six|seven|eight|nine|ten|twelve) weeks"
    r"|years?|ages|a long time"
)
NO_BETTER = (
    r"no better|not (?:any )?better|no improvement|not improv\w*|hasnt improved|havent improved"
    r"|(?:isnt|not|hasnt|havent|never) (?:\w+ )?(?:getting|got|gotten|become|been) (?:any )?better"
    r"|no change"
    r"|still (?:hurts?|painful|sore|the same|bad|there)"
    # pain in lay words that has not changed: "hasn't budged", "won't shift", "never lets up"
    r"|(?:hasnt|havent|hadnt|has not|have not|not|wont|will not|didnt|did not|never) (?:\w+ )?(?:budged|budge"
    r"|shifted|shift|let up|lets up|eased off|eased up)"
)
# Pain that grows worse: with a month or more (`LONG_TIME`) it has not improved; said to grow week on week or day by
# day it is the same sign told as it goes ("getting worse week by week"), not a pain worse at one time of day.
GETTING_WORSE = (
    r"(?:getting|got|gotten|gets|get|growing|grown|become|becoming) (?:\w+ )?worse|worse and worse|worsening"
)
PROGRESSIVE = (
    r"worse (?:and worse|(?:every|each) (?:single )?(?:week|day|fortnight)|(?:week|day) (?:by|on|after) (?:week|day)"
    r"|by the (?:week|day))"
    r"|(?:keeps?|keep on|kept|keeping) (?:on )?(?:getting|growing) (?:\w+ )?worse"
    r"|(?:steadily|progressively|gradually|slowly|constantly) (?:getting |growing |got |gotten )?worse"
    r"|worsening (?:every|each|week|day|steadily|progressively)"
)
PAIN_OR_BACK = r"pain\w*|hurt\w*|ache|aches|aching|sore\w*|sciatica|back|backs|spine|hips?|legs?|neck|symptoms?|it|its"
WIPING = r"wip(?:e|es|ing)|toilet paper"
# At night, in lay words: "in the small hours", "when I'm in bed".
AT_NIGHT = (
    r"at night|in the night|during the night|every night|all night|nights|night ?time|overnight|middle of the night"
    r"|(?:small|early|wee) hours|in bed at night|when (?:im|i am|i lie|i go) (?:\w+ )?(?:in bed|to bed|asleep"
    r"|trying to sleep)"
)
# The toilet in the words of other Englishes too: the "CR" or comfort room (Philippines), the washroom (India, Canada),
# the restroom, the WC, the dunny (Australia).
TOILET = r"loo|toilet|bathroom|lav|lavatory|bog|cr|comfort room|restroom|rest room|washroom|wc|dunny"
# Lay words for opening the bowels or passing urine, as in "I can't tell when I need a number two".
GO_TO_THE_TOILET = (
    # "go" to the toilet, not a feeling that did not "go away"
    r"poo|pooh|poop|go(?! (?:away|off|numb|dead)\b)|open my bowels|have a bowel movement|pee|wee"
    rf"|number (?:one|two)s?|(?:go to |use )?(?:the )?(?:{TOILET}|john)"
    r"|(?:a )?(?:poo|pee|wee|number (?:one|two)|bowel movement|dump)"
)
LOO = rf"{TOILET}|the john"
# "Couldn't go" in the sense of passing nothing, not of going somewhere ("I can't go to the loo mid-session").
CANT_GO = (
    r"(?:cant|cannot|can not|couldnt|could not|unable to|not able to) (?:\w+ )?go(?! (?:to|for|back|out|on|and|during"
    r"|without|through|in|into|down|up|anywhere|near|away|far|there|again|before|after|more|longer|long|all|very|a|an"
    r"|the|\d+)\b)"
)
# Not feeling the urge to open the bowels or pass urine: "I don't get the need to go any more", "lost the urge to
# wee", "no warning when I need a poo" ("no need to go to the loo first" is advice, so "need" only after a verb of
# feeling).
NO_URGE = (
    r"(?:dont|do not|doesnt|does not|didnt|did not|no longer|never|cant|cannot|can not|not) (?:\w+ )?(?:get|gets"
    r"|getting|have|has|feel|feels|feeling|notice|sense) (?:the |any |that |an |my )?(?:urge|need|feeling|sensation"
    r"|signal|sense|warning)"
    rf"|(?:{LOSE}|no|gone) (?:the |my |any |all )?(?:urge|feeling|sensation|signal|warning)"
)
# Passing urine, in lay words ("a wee bit" is Scots for "a little", not urine).
URINATE = (
    r"pee|pees|peeing|wee(?! (?:bit|while|one|ones|drop|dram|lad|lass|hours|problem|issue|question|thing|niggle"
    r"|twinge)\b)|wees|weeing|widdl\w*|urinat\w*|urine"
    r"|pass\w* (?:urine|water)|piss\w*|empty(?:ing)? (?:my |the )?bladder"
)
PASSED_URINE = (
    r"peed|pee|weed|wee|urinated|passed (?:any )?(?:urine|water)|had (?:a )?(?:pee|wee|piss)|been for a (?:pee|wee)"
)
NOT_YET = r"havent|hasnt|hadnt|have not|has not|not|didnt|did not|cant|couldnt"
FOR_A_WHILE = (
    r"since (?:yesterday|last night|this morning|the morning|breakfast|lunch|\w+day)|all day|all night|overnight"
    r"|(?:for|in) (?:over |more than |about )?(?:hours|ages|a day|days|a whole day|many hours|several hours"
    r"|(?:[6-9]|[1-9][0-9]|six|seven|eight|nine|ten|eleven|twelve) (?:hours|hrs))"
)  # hours without passing urine, beyond an ordinary gap
# Having to work at passing urine, or passing less of it.
STRAIN = (
    r"strain\w*|push\w*|forc(?:e|es|ed|ing)|effort|takes? (?:ages|forever|a long time|longer)|hard time|hesitan\w*"
    r"|(?:cant|cannot|can not|struggl\w*) (?:\w+ ){0,2}(?:start|get (?:it )?(?:going|started))"
)
LESS_URINE = (
    r"less(?! (?:often|frequently|urgently|at night|in the night|during the night))|hardly|barely|very little"
    r"|only (?:a )?(?:little|trickle|dribble|drop|few drops)|trickl\w*|reduced|weak (?:\w+ )?(?:flow|stream)"
    r"|(?:flow|stream) (?:\w+ ){0,2}(?:weak|slow|poor|reduced)|(?:slow|poor) (?:flow|stream)|not (?:very )?much"
)
# Bladder or bowel trouble in everyday words: "trouble with my bladder", "pee problems", "my waterworks are playing
# up", "my bowels aren't behaving", "something is wrong with my bladder", "I keep having accidents". A question about
# it ("is it a problem to pee halfway through?") is no trouble.
PASSING = rf"{BLADDER}|bowels?|bowls|waterworks|{URINATE}|pooing|poos?|stools?|toilet habits"
TROUBLE = (
    r"(?<!is it a )(?<!is that a )(?<!would it be a )(?<!is it an )(?<!no )(?<!any )"
    r"(?:problems?|issues?|troubles?|bother|difficult\w*|struggl\w*|hard time|hard to|a nightmare)"
)
GONE_WRONG = (
    r"playing up|acting up|(?:not|isnt|arent|aint) (?:quite )?right|(?:not|isnt|arent) (?:\w+ )?behaving|misbehaving"
    r"|(?:gone|going|been|feels?|felt|is|are|its) (?:\w+ )?(?:funny|weird|strange|odd|wrong|different|haywire)"
    r"|all over the place|not working|not the same|(?:a |an )?(?:\w+ )?(?:problem|issue|nightmare|struggle)"
)
NOT_EMPTYING = (
    r"(?:never|doesnt|does not|dont|wont|not|cant|isnt) (?:\w+ )?empt\w* (?:\w+ )?(?:properly|fully|right"
    r"|all the way|completely)"
)
# Not knowing when the bladder or bowel is full or empty (a cauda-equina card's words): "I can't tell when my
# bladder is full", "I don't know if I've emptied my bladder"; said of the state, not of a plan ("not sure whether
# to empty my bladder first").
NOT_KNOWING = (
    r"(?:cant|cannot|can not|couldnt|could not|dont|do not|doesnt|does not|no longer|not|never|hard to|unable to"
    r"|not able to) (?:\w+ )?(?:feel|tell|sense|notice|know|judge)|no idea|not sure"
)
FULL_OR_EMPTY = (
    rf"(?:{BLADDER}|bowels?|rectum) (?:is |are |was |gets |feels |has |have )?(?:\w+ )?(?:full|empty|emptied|filling"
    r"|filled)|(?:ive|i have|i|it has|its|has|have) (?:\w+ )?(?:emptied|finished emptying) (?:\w+ )?"
    rf"(?:{BLADDER}|bowels?)|(?:ive|i have) (?:\w+ )?finished (?:{URINATE}|pooing)"
)
NOT_FELT_FULL = (
    rf"(?:{BLADDER}|bowels?) (?:\w+ ){{0,2}}(?:never|doesnt|does not|dont|do not|no longer|not|wont) (?:\w+ )?"
    r"(?:feels?|gets?|seems?) (?:\w+ )?full"
    rf"|(?:dont|do not|cant|cannot|never|no longer|not) (?:\w+ )?(?:feel|notice|sense) (?:\w+ ){{0,2}}(?:{BLADDER}"
    r"|bowels?) (?:\w+ )?(?:fill\w*|full|getting full)"
)
# Weakness that grows: legs "getting weaker", "weaker and weaker", "losing strength": with both legs
# named it is the worsening weakness crp-facts.md section 5 sends to urgent care, a few more words away than "weak".
WEAKER = (
    r"weaker|weakening|(?:getting|growing|going|becoming|got) (?:\w+ )?(?:weak\w*|wobbl\w*|jelly|floppy|unsteady)"
    r"|losing (?:\w+ ){0,2}strength|(?:more and more|increasingly) (?:weak|wobbly|jelly|floppy|unsteady)"
)
# Little or no improvement in other words ("zero improvement", "hardly any progress", "no real relief"): said of
# the pain or the back only, as progress is often the posture's or the practice's.
LITTLE_IMPROVEMENT = (
    r"(?:zero|nil|hardly any|barely any|not much|little|no real|no noticeable|no) (?:improvement|progress|relief)"
)
NOT_HELPING = (
    r"nothing (?:\w+ )?(?:helps|is helping|has helped|helped|works|is working|has worked|worked|eases it)"
    r"|(?:not|isnt|doesnt|dont|hasnt|havent) (?:\w+ )?(?:helping|help|helped|working|work|easing|eased)|no relief"
)
STEROIDS = (
    r"steroids?|corticosteroids?|prednis\w*|pred|cortisone|hydrocortisone|dexamethasone|methylpred\w*|medrol"
    r"|deflazacort"
)
FRAGILE_BONES = r"osteop(?:or|er|en|aen)\w*|brittle bones?|bone density|thin bones|weak bones"  # not an osteopath

# A carer or parent telling of someone else's fall or injury with a pain they have now ("my mum fell yesterday and
# her back is in agony", "my son fell off the trampoline and his back really hurts") tells of that person's present,
# as a question asked for them does (`_ASKED_FOR_THEM`): they need the warning they would get themselves. So does a
# fall of theirs that hurt them ("my gran fell and hurt her back"), or one told beside fragile bones or steroids they
# have now ("she has osteoporosis", "he is on steroids"), unless the message places it long ago. Their pain told in
# the past ("her back hurt for a week") is not now.
_THEIR_BODY = (
    r"back|lower back|spine|neck|hips?|pelvis|tailbone|coccyx|bum|bottom|ribs?|shoulders?|legs?|knees?|arms?"
    r"|wrists?|side|chest|head"
)
_UNDENIED_WORD = r"(?!(?:not|no|isnt|arent|doesnt|dont|never|hardly|wasnt)\b)\w+ "  # "her back isn't sore": no pain
_THEIR_PAIN_NOW = re.compile(
    rf"\b(?:(?:her|his|their) (?:{_THEIR_BODY})s? (?:is |are )?(?:{_UNDENIED_WORD}){{0,2}}?(?:hurts|hurting|sore|aches"
    r"|aching|achy|agony|painful|killing (?:her|him|them))"
    rf"|(?:she|he|they|shes|hes|theyre) (?:is |are |s )?(?:{_UNDENIED_WORD}){{0,2}}?"
    rf"(?:in (?:{_UNDENIED_WORD}){{0,3}}?(?:pain|agony)|sore))\b"
)
_THEIR_FALL = re.compile(
    r"\b(?:fell|fallen|falls|slipped|slipt|tripped|tumbled|took a tumble|had a fall|came off"
    r"|knocked (?:over|down|off))\b"
)
_THEIR_FALL_HURT_THEM = re.compile(
    rf"\b(?:fell|fallen|slipped|slipt|tripped|tumbled|came off) (?:\w+ ){{0,6}}?(?:hurt|injured|banged|jarred|hit"
    rf"|cracked|twisted|bruised|landed on) (?:her|his|their) (?:{_THEIR_BODY})\b"
)
_THEIR_FRAGILE_BONES_NOW = re.compile(
    rf"\b(?:(?:she|he|they|(?:my|our) (?:\w+ )?{_RELATIVE}) (?:has|have|has got|have got|suffers from|suffer from"
    r"|takes|take|is on|are on)"
    rf"|(?:shes|hes|theyre) (?:got|on)) (?:\w+ ){{0,2}}?(?:{FRAGILE_BONES}|{STEROIDS})\b"
)

# "Not": a cause of weight loss that the message denies ("I haven't been dieting", "not trying to lose").
_NOT_SO = (
    r"(?<!not )(?<!no )(?<!never )(?<!without )(?<!wasnt )(?<!werent )(?<!havent been )(?<!hasnt been )"
    r"(?<!not been )"
)
# A limb gone dead or numb from lying or sitting on it, and nothing says it stays so: pressure, not a warning sign.
_PRESSURE_ONLY = (
    r"^(?!.*\b(?:still|hours|days|wont|not going|hasnt|havent|stays?|stayed|since|anymore|any more|keeps?|all day)\b)"
    r".*\b(?:(?:from|after|by|when) (?:lying|laying|sleeping|sitting|leaning|kneeling|resting) on"
    r" (?:it|them|my (?:\w+ )?(?:arm|arms|hand|hands|leg|legs|foot|feet|side))"
    r"|(?:slept|lay|laid|sat) on (?:it|them|my (?:arm|hand|leg|foot|feet))"
    r"|(?:(?:had|have|has|kept|keep|put|tucked) (?:it|them|my (?:\w+ )?(?:arm|arms|hand|hands|leg|legs|foot|feet))"
    r"|(?:it|they|my (?:\w+ )?(?:arm|arms|hand|hands|leg|legs|foot|feet)) (?:was|were))"
    r" (?:\w+ )?(?:under|beneath|underneath) (?:my|me|the|your)"
    r"|a?cross legged|cross(?:ed|ing)? (?:my )?legs)"
)

# Numbness from a long sit (a coach trip, a hard pew) or from lying in the position that the message says went, or
# goes, the moment the person stood or moved ("one leg goes numb and it goes away when I move"), and nothing says it
# stays or came back: pressure, not a warning sign, as the answer under any pin says (only numbness that is new or
# stays after moving is one).
_MOVED = (
    r"stood|stand|stand up|got up|get up|got out|get out|moved|move|walked|walk|shifted|shift|changed position"
    r"|change position|wriggled|wriggle|wiggled|wiggle|stretched|stretch"
)
# Back pain had for a decade or more, with nothing new said of it ("I'm 55 and have had the same mild back ache for 20
# years, nothing new"): not the new back pain over 50 of crp-facts.md section 5. Never for a child or a teenager, nor
# when the message says the pain began lately, changed or got worse.
_LONG_STANDING_PAIN = (
    r"^(?!.*\b(?:worse|worsening|(?<!nothing )different|changed|lately|recently|recent|suddenly|(?<!nothing )new"
    r"|started|starting|began|begun|came on|last (?:few )?(?:days?|weeks?|months?)|this (?:week|month)"
    r"|teen\w*|child\w*|kids?|son|daughter|grand\w*|(?:im|i am|aged?|hes|shes|is) (?:only |just |nearly |almost )?"
    r"(?:1?\d|eleven|twelve|\w+teen)(?! (?:years?|yrs|months?|weeks?|days?|hours?|minutes?|mins?|times?|kg|lbs?)\b))\b)"
    r".*\b(?:(?:for|over|past|last) (?:the )?(?:(?:1\d|[2-9]\d|ten|eleven|twelve|fifteen|twenty|thirty|forty|many"
    r"|so many) (?:\w+ )?years|decades?)|(?:most of|all) my (?:adult )?life"
    r"|since (?:my|i was in my) (?:20s|30s|40s|twenties|thirties|forties))\b"
)
# What a feeling "went" when the person moved, that says it came or grew rather than passed ("it went numb when I
# moved", "it went worse when I rolled over")
_CAME_ON_MOVING = r"numb\w*|dead|weak\w*|worse|bad|tingl\w*|heavy|funny|weird|strange|wrong|floppy|limp|cold"
_PASSED_ON_MOVING = (
    # not when worse is said, nor "fine until I got up", which is when it began ("I was fine until I got up, then my
    # face drooped")
    r"^(?!.*\b(?:still|again|didnt|doesnt|dont|hasnt|havent|wont|not|never|stays?|stayed|keeps?"
    r"|now (?:i|im|ive|my|it|its)|since|all day|worse|worsening|worst"
    r"|(?:fine|ok|okay|good|great|alright|all right|normal|well) (?:\w+ ){0,3}(?:until|till|til))\b)"
    r".*\b(?:(?:back to normal|went away|goes away|gone|passed|passes|wore off|worn off|wears off|disappears"
    r"|disappeared|fine|ok|okay|normal again"
    # "it went", "that stops": the numbness goes, said as it happens or as it happened ("my leg went numb when I
    # moved" is numbness coming, not going)
    r"|(?:it|that|which|this|they|the numbness|the feeling|the tingling) (?:went|stopped|eased|faded|cleared|goes"
    r"|stops|eases|fades|clears)"
    # the feeling itself back: "it came back as soon as I walked" (not "the numbness came back")
    r"|(?:it|the feeling|feeling|the sensation|sensation|everything) (?:came|comes|come|coming) back)"
    rf" (?:(?!(?:{_CAME_ON_MOVING})\b)\w+ ){{0,2}}(?:when|once|as soon as|soon as|the moment|the minute|the second"
    rf"|after) (?:i )?(?:{_MOVED})"
    # numb only until one moves: "my bum goes numb on the bleachers until I stand up"
    rf"|until (?:i |you )?(?:{_MOVED})\b"
    # the other order: "I shift a little and it's fine", "I stand up and it's gone"
    rf"|i (?:\w+ )?(?:{_MOVED}) (?:\w+ ){{0,3}}(?:and|then|so) (?:its |it is |it |its all |all |the numbness )?"
    r"(?:back to normal|fine|ok|okay|gone|goes|goes away|went|went away|passes|passed|wears off|wore off))"
)
# Legs that ache or are sore after exercise or physical work ("my legs really ache after the gym", "sore from
# running", "achy after gardening all weekend"): muscles worked, not the pain in both legs of cauda equina, unless the
# message says more of it (down the legs, shooting, sciatica, numb, weak, worse, since: pain that began with a
# workout may be a disc).
_WORKOUT = (
    r"gym|run|runs|running|jog\w*|workouts?|working out|training|exercis\w*|hike|hiking|walk|walks|walking|cycling"
    r"|bike ride|football|squats?|leg day|spin|climb\w*|danc\w*|skiing|sports?|tennis|swim\w*|marathon|match|game"
    r"|garden\w*|digging|weeding|mowing|allotment|diy|decorating|moving house|moving furniture|housework|cleaning"
    r"|hoover\w*|vacuum\w*|mopping|scrubbing|shifts?|a day on my feet|being on my feet"
    r"|painting|plastering|sanding|lifting|carrying|shovel\w*|chopping|ironing|rowing|climbing|boxing|swimming"
)
_SORE_AFTER_EXERCISE = (
    r"^(?!.*\b(?:shooting|down|sciatica|siatica|numb\w*|tingl\w*|pins|weak\w*|since|burning|stabbing|agony|severe"
    r"|worse|worsening|still|keeps?|all the time|every day)\b)"
    rf".*\b(?:ache|aches|aching|achy|sore|stiff) (?:\w+ ){{0,3}}(?:after|from) (?:\w+ ){{0,3}}(?:{_WORKOUT})"
)
# Arms or legs "dead", "like jelly" or "shattered" from physical work or exercise ("my arms are dead from painting the
# ceiling all weekend"): tired muscles, not lost feeling, unless the message names numbness or tingling, or says it
# stays.
_TIRED_FROM_WORK = (
    r"^(?!.*\b(?:numb\w*|tingl\w*|pins|no feeling|feel (?:nothing|anything)|cant feel|cannot feel|can not feel"
    rf"|(?:{LOSE}) (?:all |the )?feeling|no sensation|since|hours|days|stays?|stayed|wont"
    r"|keeps?|weak\w*|worse|(?<!can i )(?<!could i )(?<!should i )(?<!may i )still)\b)"
    r".*\b(?:dead|knackered|shattered|jelly|wrecked|done in) (?:\w+ ){0,3}(?:from|after) (?:\w+ ){0,3}"
    rf"(?:{_WORKOUT})"
)
# "So relaxed I could hardly feel my legs": ease, not a loss, when the message names no numbness and nothing that
# stays.
_RELAXED_NOT_NUMB = (
    r"^(?!.*\b(?:numb\w*|still|hours|days|wont|stays?|stayed|since|keeps?|all day|scared|worried|worrying)\b)"
    r".*\b(?:so|really|very|totally|completely|that|deeply|super) (?:relaxed|chilled|heavy|comfy|comfortable|calm"
    r"|peaceful|loose|melted|sunk|sinking)\b"
)
# Limbs heavy, floppy, limp or loose with the ease the position brings ("my arms felt heavy and floppy, was that the
# relaxation?"): letting go, not weakness, when no other word of weakness, numbness or a foot that drops or catches
# is said, and nothing stays or came on suddenly.
_LIMP_WITH_EASE = (
    r"^(?!.*\b(?:weak\w*|numb\w*|tingl\w*|dead|cant|cannot|couldnt|unable|still|hours|days|wont|stays?|stayed|since"
    r"|keeps?|all day|worse|sudden\w*|drop\w*|drag\w*|slap\w*|trip\w*|catch\w*|grip\w*|buckl\w*|giv\w* (?:way|out)"
    r"|gave (?:way|out)|scared|worried|worrying)\b)"
    r"(?=.*\b(?:floppy|limp|loose|heavy)\b)"
    r".*\b(?:relax\w*|letting go|let go|at ease|melt\w*|sinking|sunk|unwind\w*|calm\w*|so comfy|rested)\b"
)
# A tingle or numbness that the message says passes by itself ("my legs tingle a bit at the start and it goes",
# "gone after a minute"), and nothing says it stays, keeps coming, or comes and goes: the position, not a warning sign.
_PASSED_BY_ITSELF = (
    r"^(?!.*\b(?:still|again|keeps?|stays?|stayed|wont|hasnt|havent|didnt|not|never|since|hours|days|all day"
    r"|comes and goes|come and go|on and off|worse)\b)"
    r".*\b(?:(?:and|then|but|till|until) (?:it|they|that|this|the (?:tingling|tingle|numbness|feeling))"
    r" (?:soon |quickly )?"
    r"(?:goes|go|went|passes|passed|wears off|wore off|fades|faded|settles|settled|disappears|disappeared|eases"
    r"|eased|stops|stopped)(?=$| (?:away|off|after|within|in|quickly|straight|by|on|when|once|and|but|so|soon)\b)"
    r"|(?:gone|passed|went|wore off|worn off|faded|stopped|eased) (?:off )?(?:after|within|in)"
    r" (?:a |about |only |just )?(?:minute|moment|second|bit|while|few|couple"
    r"|(?:\w+ )?(?:seconds|secs|minutes|mins)))\b"
)
# A tingle the message calls pleasant ("warm and tingly in a nice way"), with no numbness and nothing that stays.
_PLEASANT_TINGLE = (
    r"^(?!.*\b(?:numb\w*|still|hours|days|wont|stays?|stayed|since|keeps?|all day|scared|worried|worrying|worse)\b)"
    r".*\b(?:in a (?:nice|good|pleasant|lovely|relaxing) way|pleasant\w*|lovely|nice (?:warm )?(?:tingl\w*|feeling)"
    r"|warm and tingl\w*|tingl\w* and warm)\b"
)
# Shared by the pulsing-belly rule: a beat felt in the belly ("thumping", "in time with my heart"); a heart that
# thumps is the chest's, not the belly's.
BEAT = (
    r"puls\w*|throb\w*|heartbeat|heart beat|beating|pound\w*"
    # a beat as a thing felt, "a strong beat in my tummy" (not a heart that skips one)
    r"|(?:strong|steady|big|hard|heavy|strange|odd|funny) beats?(?! (?:of|in|from) (?:my |the |a )?(?:music|chest"
    r"|heart|song|drum))"
    r"|(?<!heart )(?<!heart is )(?<!heart was )(?:thump\w*|thud\w*)(?! (?:headache|head|music|bass))"
    r"|in time with (?:my |the )?(?:heart\w*|pulse)|with (?:each|every) (?:heart ?beat|beat of my heart)"
)
# A belly seen or felt moving in time with the heart ("I can see it moving with my heartbeat", "it jumps with my
# pulse", "beats like a second heart"), a few words from the belly.
MOVING_WITH_THE_HEART = (
    r"(?:mov\w*|jump\w*|bounc\w*|twitch\w*|flutter\w*|rippl\w*|ris(?:es|ing)|lift\w*|beats?|goes up and down"
    r"|going up and down) (?:\w+ ){0,2}(?:with|to|in time (?:with|to)) (?:my |the |each |every |its own )?"
    r"(?:heart ?beats?|pulse|heart)\b"
    r"|beats? like (?:a |my )?(?:\w+ )?heart"
)
# A person's age said as "my son is 15", "she's 11", "our daughter's 13".
YOUNG_OR_OLD_PERSON = (
    r"(?:(?:he|she|hes|shes|(?:son|daughter|kid|child|boy|girl|lad|lass|grandson|granddaughter|stepson|stepdaughter"
    r"|nephew|niece|brother|sister|mum|mom|mother|dad|father|gran|granny|grandma|grandad|grandpa)s?)(?: is)?)"
)
CHILD_OR_TEEN = r"teen\w*|adolescen\w*|schoolboy|schoolgirl|school ?kids?|(?:at|in) (?:secondary|high|primary) school"
# Pain that is as it was when practice began ("exactly as bad as when I started", "same as day one").
SAME_AS_AT_THE_START = (
    r"as (?:bad|sore|painful|much|awful) as (?:\w+ ){0,3}(?:ever|before|(?:when|the day) (?:i|we) (?:started|began)"
    r"|at the (?:start|beginning)|on day one|day one|the first day)"
    r"|(?:no different|(?:the )?same) (?:as|from|to|than) (?:\w+ ){0,3}(?:before|day one|the (?:start|beginning)"
    r"|the first day|(?:when|the day) (?:i|we) (?:started|began))"
    r"|(?:is|its|feels|seems) no different|(?:hasnt|has not|havent|have not|nothing has|nothing) changed"
    r"|(?:no|not (?:made )?any|not made a|hasnt made (?:a|any)|havent noticed any) difference|back to square one"
    # the pain or the back itself said to be unchanged: "my back has been the same for 6 weeks"
    r"|(?:pain|pains|it|back|backs|hips?|neck|ache|aches|aching|symptoms?|sciatica) (?:is|its|has|have|feels|seems)"
    r" (?:been |stayed |remained |felt )?(?:exactly |just |pretty much |much |about |still )?(?:the same|unchanged)"
)
# Doing the rest itself: "I've been doing this daily for 6 weeks and nothing has changed" is about the pain it is for.
PRACTISING = r"doing (?:this|it|crp|the rest|constructive rest)|practi[sc]\w*|sessions?|lying like this"
# Words of the present beside an illness ("again", "still", "this week", "now I ..."): what goes on, not history.
_SAID_OF_NOW = (
    r"again|another|still|currently|recent\w*|today|yesterday|this (?:week|month)|last (?:week|month)"
    r"|(?:days?|weeks?|a week|a fortnight|a month|a couple of weeks) ago|on antibiotics|taking antibiotics"
    r"|just (?:finished|had|been|got|started|come off|came off)"
    r"|came back|come back|keeps? (?:coming|getting)|tonight|this (?:morning|afternoon|evening)|lately|these days"
    # "now I ..." of the present, not of a wish ("now I just want to relax")
    r"|new(?! year)|now (?:at \d+ )?(?:i|im|ive|my|it|its)(?! (?:just |really |only )?(?:want|wanna|would like|wish"
    r"|hope|am hoping|plan|am looking)\b)"
)
# A time the message places years back: "years ago", "in 2010", "as a kid", "when I was 19", a season said to be over.
_YEARS_BACK = (
    r"(?:years?|decades?|ages|a long time) ago|last year|(?:as|when i was) a (?:child|kid|teen\w*|student|baby)"
    r"|when i was (?:little|young|younger|small|at school)|in (?:19|20)\d\d"
    # an age of one's own, a year back at least: "when I was 19"
    r"|when i was (?:about |around )?(?:[1-9]|[1-9]\d)(?! (?:weeks?|months?|days?|hours?|minutes?|mins?)\b)"
    # a season back that the message says is over: "a fever last winter, long gone", "in the spring, all cleared up
    # now"
    r"|(?:last|in the|over the|over|back in the|during the|at|at the) (?:winter|summer|spring|autumn|fall|christmas"
    r"|easter|new year|holidays)\b.*\b(?:long gone|(?:all |fully |completely )?(?:cleared|clear) up"
    r"|(?:all |fully )?(?:recovered|better)|gone (?:now|away)|went away|over (?:now|with)|sorted|cleared)"
)
# An infection or a fever the message places years back, with nothing recent said of it ("I had a fever last year
# with flu"): history, not a recent infection.
_ILLNESS_LONG_OVER = rf"^(?!.*\b(?:{_SAID_OF_NOW})\b).*\b(?:{_YEARS_BACK})\b"
# A piece of a message that tells no thing of its own, only when the thing said beside it was or that it is over
# ("it was about 10 years ago", "i had one years ago", "had a lot as a kid", "long gone"): read in the clause on either
# side (`_clauses`).
_ONLY_WHEN = re.compile(
    rf"\b(?:{_YEARS_BACK}|\d+|it|its|that|thats|this|was|were|is|i|ive|id|had|have|got|did|one|ones|them|those|these"
    r"|a lot|lots|loads|and|but|so|then|though|too|also|all|about|around|some|many|a|few|couple|several|of|the|back"
    r"|way|once|ago|long|gone|over|now|fully|completely|totally|recovered|better|fine|ok|okay|cleared|clear|up|sorted"
    r"|went|away|healed|resolved|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty)\b"
)

# Chills or shivering from a cold room or floor ("the floor was freezing and I got the chills lying there"): the
# cold, not a fever, when no word of fever, sweats or feeling ill is said.
_CHILLED_BY_THE_COLD = (
    r"^(?!.*\b(?:fevers?|feverish|temperature|temp|sweats?|sweating|sweaty|hot|burning|unwell|ill|sick|poorly|flu"
    r"|infection\w*|rigors|since|days|still|keeps?)\b)"
    r".*\b(?:cold|freezing|chilly|icy|draught\w*|drafty|draft|nippy|parky|unheated|no heating|window open)"
    r" (?:\w+ ){0,8}(?:chills|shiver\w*|the shivers)\b"
)
# A crash or fall placed years back with nothing recent said of it is history, as an illness long over is; unless
# the pain has gone on since ("hurt ever since"), which "no problems since" does not say.
_TRAUMA_LONG_OVER = (
    r"^(?!.*\b(?:(?<!no problems )(?<!no trouble )(?<!no issues )(?<!nothing )(?<!fine )(?<!fine ever )since"
    r"|never (?:been )?(?:the same|right)|not been (?:the same|right))\b)" + _ILLNESS_LONG_OVER
)
# The words of two signs of infection (crp-facts.md section 5): a fever or chills, a bacterial infection.
_FEVER = (
    r"fevers?|feverish|high temperature|a temperature|temp of|chills|the shivers|rigors|night sweats"
    r"|burning up|shivering|shivery|hot and cold|hot then cold|running a (?:temp\w*|fever)|the sweats"
    r"|(?:38|39|40|41)(?: point \d)? ?(?:degrees|c)"
)
_BACTERIAL_INFECTION = (
    r"infections?|infected|bacteria\w*|uti|utis|cystitis|pneumonia|sepsis|septic|abscess\w*|cellulitis"
    r"|tuberculosis|antibiotics?"
)
# What tells of major trauma (crp-facts.md section 5): a crash, a fall from or down something, a fracture.
_MAJOR_TRAUMA: tuple[str | tuple[str, str], ...] = (
    r"(?:car|road|traffic|bike|motorbike|motorcycle|cycling|bicycle|skiing|ski|horse|riding|sports?|rugby"
    r"|football|work) (?:accident|crash|collision|fall|injury)",
    r"accident|collision|whiplash",
    r"(?:fell|fallen|tumbled|thrown) (?:\w+ ){0,2}(?:off|down|from|over|out of|onto|on|behind|against|backwards"
    r"|and (?:hit|hurt|landed|banged|bumped|cracked|twisted|jarred))",
    # tripping over one's own toes is the foot drop's sign (new_loss_of_strength), not a fall
    r"(?:slipped|slipt|slip|tripped|trip)"
    r" (?:on|over(?! (?:my |his |her )?(?:own )?(?:toes|feet|foot)\b)|down|and fell)",
    r"landed (?:hard )?on (?:my )?(?:back|bottom|bum|coccyx|tailbone)",
    # a fall told without where to ("since I fell", "after falling over", "mum fell") warns with pain; a person
    # must be the one falling, as "my knees fell open" is the legs in the position
    (
        rf"(?:i|since|when|after|before|{_RELATIVE}) (?:\w+ )?(?:fell|falling (?:over|down)"
        r"|fall (?:over|down))",
        PAIN,
    ),
    r"(?:had|have had|took|since) (?:a |an )?(?:\w+ )?(?:fall|tumble)",
    r"(?:bad|big|serious|hard|heavy|nasty|major) (?:fall|accident|crash|impact|blow|injury|knock)",
    r"hit by (?:a )?(?:car|bus|van|truck|lorry|bike)|major trauma|physical trauma|spinal injury",
    r"(?:broke|broken|fractur\w*) (?:\w+ ){0,2}(?:back|spine|vertebra\w*|hip|pelvis|tailbone|coccyx|bone)",
    r"fractur\w*",
    r"rear ended|shunted|pile ?up|prang\w*|t ?boned|written off|knocked (?:off|down|over) by"
    r"|knocked off (?:my |the )?(?:bike|horse|motorbike|scooter)|wiped out|wipe ?out"
    r"|came off (?:my |the |a )?(?:\w+ )?(?:bike|horse|motorbike|scooter|board|skateboard|skis?|ladder|roof|wall"
    r"|trampoline)|crash(?:ed)? (?:my|the|our|his|her) (?:\w+ )?(?:car|bike|motorbike|motorcycle|scooter|van)"
    r"|crashed into|(?:had|in) a crash",
)
# Its words for where the message places it: a fall told without where to is the first part of its clause.
_TRAUMA_SAID = "|".join(clause if isinstance(clause, str) else clause[0] for clause in _MAJOR_TRAUMA)
# A word of the present or of someone else between a sign and a time years back ("years ago. I have a fever", "a
# fever, my dad had cancer years ago") starts another statement: that time is not the sign's.
_ANOTHER_STATEMENT = (
    # not "have" of a wish or a habit ("used to have fevers", "id have a fever every christmas")
    r"(?<!to )(?<!would )(?<!id )have|has|am|is|are|im|ive|now|also|he|she|hes|shes|they"
    rf"|(?:my|his|her|our|their) (?:\w+ )?{_RELATIVE}"
    # not a habit of the past: "years ago I used to get fevers"
    r"|(?<!to )(?:get|gets|getting|keep|keeps|feel|feels|feeling)"
)
# The writer telling the sign as theirs now: "I have a fever", "I've got chills", "running a temperature"; not "I have
# had", "I'm 40 and had", "I have a history of".
_MINE_NOW = (
    r"i (?:have|am|feel|keep|get)(?! had)|im|ive(?! had)"
    # not a habit or a wish: "used to have fevers", "always running a temperature as a kid", "dont have a fever"
    r"|(?<!you )(?<!ever )(?<!to )(?<!would )(?<!id )(?<!dont )(?<!always )have(?! had)"
    r"|(?<!was )(?<!were )(?<!always )(?<!kept )(?<!be )running"
)
# Between "I have"/"I'm" and the sign, words that make it not the sign now: a denial, a scar or harm "from" it, a
# fear of it, a recovery, an age ("im 50, sepsis in 2012")
_NOT_NOW = (
    r"had|was|were|history|memor\w*|told|said|remember\w*|think\w*|no|not|never|from|after|of|survivor|scared"
    r"|afraid|prone|recovered|\d+"
)

# A clause that tells a sign only as more of a past told beside it, its cure or that it is over ("had a UTI years ago,
# sorted with antibiotics", "a car accident years ago, the accident was not my fault"): a past word, and no word of
# the present, of a recent time or of pain ("uti and back pain since tuesday", "a crash on friday and my back hurts").
_MORE_OF_THAT_PAST = re.compile(
    r"^(?!.*\b(?:(?<!fine )(?<!better )(?<!ok )(?<!okay )(?<!gone )now|since|have|has|am|is|are|im|ive|got|getting"
    r"|feel\w*|keeps?|again|still|today|tonight|yesterday|this|last|days?|weeks?|hours?"
    rf"|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|{PAIN})\b)"
    r".*\b(?:was|were|sorted|cleared|cured|treated|took|taken|recovered|healed|better|fine|gone|over|resolved"
    r"|went away|left me)\b"
)


def _only_long_over(sign: str, long_over: str, *, told_as_mine_now: bool) -> tuple[str, str, str]:
    """`long_over` (a message that places something years back with nothing of the present said), read only when that
    past is the sign's own: a word of `sign` a few words from the time it is placed at, with no other statement
    between ("I had a fever years ago", "night sweats as a teenager"), and, for a state (`told_as_mine_now`), the
    writer never telling the sign as theirs now ("my dad had cancer years ago. I have a fever" keeps the fever).
    Never more than `long_over` reads, so the rule warns wherever it did. With it, the sign placed so alone, and the
    sign's words not denied: the rule is history only when every clause that tells the sign places it so or only says
    more of that past (`RedFlagRule.fires`), a time being its own clause's."""
    assert long_over.startswith("^")
    window = rf"(?:(?!(?:{_ANOTHER_STATEMENT})\b)\w+ ){{0,6}}"
    placed = rf"(?:{sign}) {window}(?:{_YEARS_BACK})|(?:{_YEARS_BACK}) {window}(?:{sign})"
    mine_now = rf"(?!.*\b(?:{_MINE_NOW}) (?:(?!(?:{_NOT_NOW})\b)\w+ ){{0,3}}(?:{sign})\b)" if told_as_mine_now else ""
    told = rf"(?<!not )(?<!never )(?<!isnt )(?<!arent )(?<!wasnt )(?:{sign})"  # not denied: "im not feverish"
    return rf"^{mine_now}(?=.*\b(?:{placed})\b)" + long_over[1:], placed, told


# A small fall, knock or bump that the message says did no harm ("tripped over the cat, wasn't hurt", "no harm done,
# I fell out of bed", "nothing broken", "none the worse for it") is not the fracture warning sign: crp-facts.md
# section 5 names major trauma, or minor trauma with fragile bones (their own rule still warns). Read only when
# nothing else in the message is a word of harm or doubt (`_HARM_OR_DOUBT`): pain, swelling, bruising, numbness,
# trouble, "since", "now my ...", "at first", "I think", a check-up, nor of a serious fall (`_SERIOUS_FALL`): a
# crash or accident, a height, stairs, a horse or bike, a "bad" or "hard" fall, a landing on the spine, tailbone,
# hip, neck or head. The no-harm words themselves ("wasn't hurt", "no bruises") are skipped as the message is read,
# each whole: "hurt my pride and my back" is harm.
_NO_HARM = (
    r"no (?:real |lasting )?(?:harm|damage)(?: (?:done|at all|whatsoever))?"
    r"|(?:did|done|caused|do) (?:me |myself )?no (?:harm|damage)"
    r"|(?:didnt|did not|hasnt|has not) do (?:me|myself) any (?:harm|damage)"
    r"|(?:none|no) the worse(?: for (?:it|wear|the experience))?"
    r"|(?:not|without) (?:a|one) (?:scratch|mark|bruise)(?: on me)?"
    r"|(?:wasnt|was not|werent|were not|not|never|didnt get|did not get|never got) (?:even |at all )?"
    r"(?:hurt|injured|harmed)(?: at all| in the slightest)?"
    r"|(?:didnt|did not) (?:even )?(?:hurt|injure|harm) (?:myself|me|a thing|anything)(?: at all)?"
    r"|(?:it )?(?:didnt|did not) (?:even )?hurt(?: at all)?"
    r"|(?:i was|i am|im|i felt|i feel|i seem|was|were|am|felt|been|and|but|totally|completely|perfectly|absolutely"
    r"|quite|all|just|shes|hes|theyre|she is|he is|they are|she was|he was|they were)"
    # "grand": fine, in Irish and Scottish English
    r" (?:totally |completely |perfectly |absolutely |quite |all |just )?(?:fine|grand|ok|okay|alright"
    r"|all right|unhurt|unharmed|uninjured|unscathed)(?: (?:ever )?since(?: then)?)?"
    r"|unhurt|unharmed|uninjured|unscathed"
    r"|nothing (?:was |is |got )?(?:broken|hurt|injured|damaged)"
    r"|no (?:injur\w*|bruis\w*|marks?|scratch\w*|broken bones?|ill effects?|after ?effects?|problems?|issues?)"
    r"(?: (?:since|afterwards|at all|whatsoever))?"
    # the pride, ego or dignity the only thing hurt: "only my pride got hurt", "apart from my ego"
    r"|(?:(?:only|just) )?(?:my |his |her )?(?:pride|ego|dignity) (?:\w+ )?(?:hurt|bruised|wounded|dented|injured)"
    r"(?! (?:and|plus|too|as well)\b)"
    r"|(?:hurt|bruised|wounded|dented|injured) (?:my |his |her )?(?:pride|ego|dignity)(?! (?:and|plus|too|as well)\b)"
    r"|(?:apart from|except|except for|other than|but|only|just) (?:my |a bit of |a little )?(?:pride|ego|dignity)"
)
# Sides that ache from laughing ("my ribs hurt from laughing so much"): no harm from the fall, though no word that
# none was done either. Skipped here only: elsewhere a belly pain still counts.
_ACHE_FROM_LAUGHING = (
    r"(?:sides|ribs|stomach|belly|tummy|cheeks|face|jaw) (?:\w+ ){0,2}(?:ache|aches|aching|hurt|hurts|hurting|sore"
    r"|pain\w*) (?:\w+ ){0,2}(?:from|with) (?:laughing|laughter|giggling)"
)
_FALL_NOUN = r"falls?|tumbles?|knocks?|bumps?|blows?|impact|landing|thud|bang|drop|one"
_HARM_OR_DOUBT = (
    rf"{PAIN}|{NUMB}|{WEAK}|killing|swell\w*|swollen|bruis\w*|tender\w*|black and blue|lump\w*|stiff\w*|spasm\w*"
    r"|twinge\w*|tweak\w*|pulled|strain\w*|sprain\w*|twist\w*|jarr\w*|jolt\w*|wrench\w*|locked|seized|click\w*"
    r"|tingl\w*|pins (?:and|n) needles|dizz\w*|faint\w*|bleed\w*|blood|limp\w*|worse|bad back"
    # "my back went", "my knee gave"
    r"|(?:back|spine|hips?|neck|legs?|knees?) (?:has |had |just |then )?(?:went|gone|gave|giving|goes)"
    # a part that feels wrong ("it was so funny" is the fall's fun, not this)
    r"|(?:feels?|felt|feeling|looks?|looked|walk\w*|mov\w*|sitting|standing|something|bit|little|slightly)"
    r" (?:\w+ ){0,2}(?:odd|strange|weird|funny|different|wrong|off|not right)"
    r"|(?:not|isnt|arent|doesnt feel|dont feel) (?:quite )?(?:right|normal|the same)"
    # something the person cannot do ("couldn't stop laughing" is no trouble)
    r"|(?:cant|cannot|can not|couldnt|could not)(?! (?:stop|help|believe|wait|resist|decide)\b)"
    r"|unable|struggl\w*|difficult\w*|trouble|problems?|issues?|hard to|harder"
    # doubt, or something after it: "at first", "I think", "since", "now my back..."
    r"|since|(?<!can i )(?<!could i )(?<!should i )still(?! (?:fine|ok|okay|good|alright|all right))|yet"
    r"|later (?:on|that|in|the)|(?:days?|hours?|weeks?|minutes?|while|bit|time) later|afterwards|after that"
    r"|next (?:day|morning)|(?:day|morning) after|at first|initially|at the time|to begin with|until|till|but then"
    r"|now (?:i|im|ive|my|it|its|the|both|there|theres)|thought|think|seems?|seemed|hope\w*|maybe"
    r"|(?:may|might|could) have|perhaps|possibly|probably|not sure|unsure|dont know|as far as|worried"
    r"|(?:get|got|getting|have|had|be|been) (?:it |this |myself |me )?(?:checked|looked at|seen)|check ?up|x ?rays?"
    r"|scan|doctor|gp|hospital|a ?e|physio\w*|emergency|ambulance"
)
_SERIOUS_FALL = (
    r"accident|crash\w*|collision|collided|whiplash|rear ended|pile ?up|hit by|run over|knocked (?:down|over|off)"
    r"|thrown|car|bus|van|truck|lorry|traffic|road|motorbike|motorcycle|bike|bicycle|cycling|scooter|horse|pony"
    r"|ski|skiing|snowboard\w*|rugby|ladder|roof|scaffold\w*|tree|wall|cliff|balcony|heights?|window|stairs"
    r"|staircase|steps|trampoline|skateboard\w*|broke|broken|fractur\w*|crack\w*"
    r"|serious\w*|nasty|major|awful|horrible|terrible|huge|massive|violent\w*|badly|heavily|awkwardly"
    # "a bad fall", "landed hard" ("onto the hard floor" is the floor)
    rf"|(?:bad|big|hard|heavy) (?:\w+ )?(?:{_FALL_NOUN})|(?:fell|landed|hit|went down|came down) (?:\w+ )?hard"
    r"|(?:\d+|a few|several|two|three|four|five|six|ten) (?:feet|ft|metres?|meters?)"
    r"|spine|spinal|tailbone|coccyx|vertebra\w*|pelvis|hips?|neck|head"
)
# The whole message, read word by word: a no-harm phrase is taken whole; any other word must not begin a word of
# harm, doubt or a serious fall. Atomic and possessive, so that reading it never backtracks.
_HARMLESS_FALL = (
    rf"^(?=.*?\b(?:{_NO_HARM})\b)"
    rf"(?:(?>\b(?:{_NO_HARM}|{_ACHE_FROM_LAUGHING})\b)|(?!\b(?:{_HARM_OR_DOUBT}|{_SERIOUS_FALL})\b).)*+$"
)

# A changed feeling in a leg that the message explains away: pressure, gone on moving, ease, passing by itself, a
# pleasant tingle, restless legs.
# Legs that come back, or come back to life, when the person stands or moves, said with them or after them ("my legs
# go numb in the position and come back when I stand"), and nothing says they stay so: the feeling passes on moving.
_LEGS_BACK_ON_MOVING = (
    r"^(?!.*\b(?:still|again|didnt|doesnt|dont|hasnt|havent|wont|not|never|stays?|stayed|keeps?"
    r"|now (?:i|im|ive|my|it|its)|since|all day)\b)"
    # not the numbness or the tingling coming back ("the numbness down both legs came back when I walked")
    r"(?!.*\b(?:numbness|tingling|pins and needles|weakness|pain) (?:\w+ ){0,6}"
    r"(?:come|comes|came|coming) back\b)"
    r".*\b(?:and|but|then|they|(?<!in )(?<!of )(?<!in my )(?<!of my )(?<!in both )(?<!in both my )(?<!in the )legs)"
    r" (?:\w+ )?(?:come|comes|came|coming) back"
    # nor legs that come back numb, tingling or weak
    r"(?!(?: \w+){0,3}? (?:numb\w*|tingl\w*|weak\w*|dead|heavy|worse|again|pins)\b)"
    r" (?:\w+ ){0,3}?(?:when|once|as soon as"
    rf"|soon as|the moment|the minute|the second|after) (?:i |you |we |he |she |they )?(?:{_MOVED})(?:s|es)?\b"
)
# A sit named (a chair, a flight, the sofa), and not the position: "both my thighs go numb on the hard chair".
_FROM_A_SIT = (
    r"^(?!.*\b(?:position|lying|laying|lie|lay|floor|mat|rest|session|crp|on my back)\b)"
    r".*\b(?:sitting|sat|sit|chairs?|bench(?:es)?|seats?|sofa|couch|settee|pews?|flights?|plane|coach|car|train|bus"
    r"|desk|cinema|bleachers)\b"
)
# The clauses of a changed feeling in both legs (not "my feet"): urgent, or "see a clinician" when it passes on moving.
_CHANGED_FEELING_IN_BOTH_LEGS: tuple[str | tuple[str, ...], ...] = (
    rf"(?:{LEG_FEELING}) (?:{_NOT_ANOTHER_LIMB}\w+ ){{0,5}}(?:{LEGS_FOR_FEELING})",
    rf"(?:{LEGS_FOR_FEELING}) (?:{_NOT_ANOTHER_LIMB}\w+ ){{0,5}}(?:{LEG_FEELING})",
    r"(?:cant|cannot|can not|couldnt|could not|barely|hardly) (?:really )?feel (?:either|both|any|much in) "
    r"(?:of )?(?:\w+ )?legs?|(?:cant|cannot|can not|couldnt|could not|barely|hardly) (?:really )?feel "
    r"(?:\w+ ){0,2}(?:legs|thighs)",
    (r"legs?", OTHER_LEG_TOO, LEG_FEELING),
    (LEG_FEELING, BOTH_SIDES_OF_THE_LEGS),
)
_CALM_CHANGED_FEELING = (
    _PRESSURE_ONLY,
    _PASSED_ON_MOVING,
    _RELAXED_NOT_NUMB,
    _PASSED_BY_ITSELF,
    _PLEASANT_TINGLE,
    r"restless legs?",
)

# The commonest signs in Spanish, French and German, for a question crest's help cannot otherwise read (see
# `crest.knowledge.language`): loss of bladder or bowel control and numbness between the legs (crp-facts.md section
# 5, cauda equina), and chest pain (crest's general guidance, as in English). Words as `text.words` reads them:
# accents dropped ("vejiga", "controle", "gefuhllos"); none is an English word, so no English question reads
# differently. Their negations and idioms are not read: a warning once too often is the safer mistake.
FOREIGN_PASSING = (
    r"vejiga|orina|orinar|orino|pis|pipi|heces|caca|intestinos?|esfinter\w*"  # Spanish
    r"|vessie|(?:d|l)?(?:urine|urines|intestins?)|uriner|selles|sphincters?"  # French: "d'urine" reads "durine"
    r"|blase\w*|harn\w*|urin|urinieren|wasserlassen|pinkeln|stuhl\w*|darm\w*|schliessmuskel\w*"  # German
)
FOREIGN_LOST_CONTROL = (
    r"(?:perd\w*|perdida|sin|falta de) (?:\w+ ){0,2}control|no (?:\w+ ){0,2}(?:puedo|pude|puede|consigo|logro"
    r"|aguanto|controlo|siento)|incontinen\w*|se me (?:escapa|sale)\w*|escapes?|problemas?|dificultad\w*"
    r"|retencion"  # Spanish
    r"|(?:perte|perdu|perds|pas|plus) (?:\w+ ){0,2}(?:de )?controle\w*|(?:ne )?(?:peux|peut|arrive|arrivais) (?:\w+ )?"
    r"(?:pas|plus)|fuites?|incontinen\w*|problemes?|difficult\w*|du mal"  # French
    r"|kontroll\w*|inkontinen\w*|nicht (?:mehr )?(?:halten|kontrollieren|entleeren|pinkeln|urinieren)|probleme?"
    r"|schwierigkeit\w*|verlier\w*|verloren|schwache|storung\w*|verhalt"  # German
)
FOREIGN_NUMB = (
    r"entumec\w*|adormec\w*|dormid[oa]s?|hormigue\w*|insensib\w*|acorchad\w*|no siento|sin sensibilidad"
    r"|perdida de sensibilidad"  # Spanish
    r"|engourd\w*|fourmill\w*|picotement\w*|(?:ne )?sens (?:plus|pas|rien)|perte de sensibilite|anesthesi\w*"  # French
    r"|taub\w*|kribbel\w*|eingeschlafen|gefuhllos\w*|kein gefuhl|spure (?:nichts|kaum)|ameisenlaufen"  # German
)
FOREIGN_SADDLE = (
    r"entre las piernas|perine\w*|zona (?:genital|intima)|genitales|ingle|nalgas|entrepierna|silla de montar"
    r"|vagina|pene|testiculos"  # Spanish
    r"|entre les jambes|parties (?:genitales|intimes)|organes genitaux|sexe|fesses|l?entrejambe|en selle"  # French
    r"|zwischen den beinen|damm|genital\w*|intimbereich|gesass|po|reithose\w*|schritt|hoden|scheide"  # German
)
FOREIGN_CHEST = r"pecho|torax|toracic[oa]|poitrine|thoracique|brust|brustkorb|brustbein"
FOREIGN_CHEST_PAIN = (
    r"dolor\w*|duele|opresion|presion|douleur\w*|mal|oppression|serrement|schmerz\w*|weh|druck|enge\w*|stechen"
)

RULES: tuple[RedFlagRule, ...] = (
    # --- urgent care: possible cauda equina (crp-facts.md section 5, first group)
    _rule(
        "bladder_or_bowel_trouble",
        "warning_cauda_equina",
        # not stopping to go ("I can't stop to pee mid-session"), which is no trouble passing it
        rf"(?:{CANNOT}) (?!stop (?:to|and|for)\b)(?:\w+ ){{0,2}}(?:a )?(?:{URINATE}|poo|pooing|poop\w*|open my bowels)",
        _near(STRAIN, URINATE, 3),
        _near(LESS_URINE, URINATE, 2),
        rf"(?:{NOT_YET}) (?:\w+ ){{0,2}}(?:{PASSED_URINE}) (?:\w+ ){{0,3}}(?:{FOR_A_WHILE})",
        rf"(?:{URINATE}|{BLADDER}) (?:\w+ ){{0,4}}(?:nothing|hardly anything|not much) (?:\w+ )?(?:comes?|came|coming)",
        rf"(?:{LOSE}|no|poor|cant|cannot|can not|couldnt|not in|unable to) (?:all |the |any )?controll?\w*"
        rf" (?:\w+ ){{0,3}}(?:{BLADDER}|bowels?|bowls?|waterworks|pee|peeing|urine|urinat\w*|wee|weeing|poo|pooing"
        r"|toilet)",  # "bowls": a typo
        _near(r"accidents?|leak\w*|mess\w*", rf"{BLADDER}|bowels?|pee|urine|wee|poo|toilet", 3),
        rf"(?:cant|cannot|can not|couldnt) hold (?:my |it |in )*(?:{BLADDER}|bowels?|pee|urine|wee|poo|it in)",
        r"incontin\w*|urinary retention|retaining urine",
        rf"(?:{SOILED}) (?:my ?self|the bed|my (?:pants|trousers|knickers))",
        ACCIDENT_IN_CLOTHES,
        r"(?:leak\w*|dribbl\w*) (?:\w+ ){0,2}(?:urine|pee|wee|poo|stool)|(?:urine|pee|wee) leak\w*",
        rf"(?:{BLADDER}|bowel|bowels|{URINATE}|urinary|pooing|waterworks|toilet habits) (?:\w+ ){{0,2}}"
        r"(?:problems?|issues?|troubles?|changes?|changed|retention|not working|weak\w*|accidents?|incontinen\w*"
        r"|controll?\w*)",
        # everyday words: "new trouble with my bladder", "struggling to control my bowels", "my waterworks are
        # playing up", "something's wrong with my bladder", "it never empties right", "I keep having accidents"
        rf"(?:{TROUBLE}) (?:with |to |in )?(?:(?:control\w*|hold\w*|pass\w*|empty\w*|go|going) )?"
        rf"(?:(?:my|his|her|their|the|your) )?(?:{PASSING})",
        rf"(?:{PASSING}) (?:\w+ ){{0,3}}(?:{GONE_WRONG})",
        rf"(?:wrong|not right|up|odd|funny|strange|different) with (?:my |his |her |their |the )?(?:{PASSING})",
        _near(rf"{BLADDER}|{URINATE}", NOT_EMPTYING, 8),
        r"(?:keep|keeps|kept|been|started|starting|having|had|have) (?:\w+ ){0,4}accidents(?! (?:with|involving|on|at"
        r"|while|when|driving|spilling|in (?:the|my|a) (?:car|kitchen|garden|gym|road)))",
        rf"(?:not|didnt|did not|couldnt|dont|wont|never|barely|hardly) (?:always |quite )?(?:mak\w*|made) it"
        rf" to the (?:{LOO})",
        rf"(?:new|sudden\w*) (?:\w+ ){{0,2}}(?:{BLADDER}|bowel|bowels|urinary)",
        # leaking without noticing; at the loo only a trickle; urine that will not come
        _near(
            r"leak\w*|dribbl\w*|wet (?:my ?self|my pants|my knickers)",
            r"(?:without|dont|didnt|do not|did not|not|never|cant) (?:\w+ )?(?:notic\w*|realis\w*|realiz\w*"
            r"|(?:know|feel|tell) (?:it|its|that|when|if|whether))",
            6,
        ),
        _near(
            LOO,
            r"only (?:a )?(?:trickle|dribble|drip|few drops|little bit)|trickl\w*"
            r"|(?:nothing|hardly anything|not much|very little|barely anything) (?:\w+ )?(?:comes?|came|coming)",
            6,
        ),
        r"(?:only|just) (?:a )?(?:trickle|dribble|drip|few drops) (?:\w+ ){0,2}(?:comes?|came|coming) out",
        # needing to go (not to go somewhere) and next to nothing coming out: "I keep needing to go but hardly
        # anything comes out"
        _near(
            r"(?:need\w*|urge|have|has|had|got|want\w*) to go(?! (?:to|out|back|home|for|and|in|into|on|up|down|away"
            r"|over|through|round|around)\b)",
            r"(?:nothing|hardly anything|not much|very little|barely anything) (?:\w+ )?(?:comes?|came|coming) out",
            8,
        ),
        rf"(?:{URINATE}|{BLADDER}|stream|flow) (?:\w+ ){{0,2}}(?:wont|will not|doesnt|does not|didnt|did not"
        r"|refuses to) (?:\w+ )?(?:come|flow|start|empty)",
        # at the loo, or needing to badly, and nothing would come: "went to the toilet and couldn't go"
        _near(rf"{LOO}|bursting|busting|desperate|dying for (?:a )?(?:wee|pee)|full bladder", CANT_GO, 6),
        # unable to stop it (a cauda-equina card's words): "I can't stop myself from weeing", "can't stop a bowel
        # movement"; not stopping to go ("I can't stop to pee mid-session")
        r"(?:cant|cannot|can not|couldnt|could not|unable to|not able to) (?:\w+ )?(?:stop|hold back|control)"
        rf" (?:(?!to\b)\w+ ){{0,3}}(?:{URINATE}|poo\w*|poop\w*|bowel (?:movement|motion)s?|flow|stream|it coming out)",
        # a new need for pads, and leaking said of oneself: "I've had to start wearing pads", "I keep leaking"
        rf"(?:incontinence|continence|bladder) pads?|pads? (?:\w+ ){{0,4}}(?:leak\w*|{URINATE}|{BLADDER}|accidents?"
        r"|dribbl\w*|wet\w*)|(?:leak\w*|dribbl\w*|wet\w*) (?:\w+ ){0,4}pads?",
        r"(?:i|ive|im|id|she|shes|he|hes) (?:\w+ ){0,2}(?:leak|leaks|leaking|leaked)\b"
        r"(?! (?:\w+ ){0,2}(?:tears|oil|air|gas|milk|info\w*|news|stor(?:y|ies)|secrets?|data|details)\b)",
    ),
    _rule(
        "saddle_numbness",
        "warning_cauda_equina",
        _near(NUMB, SADDLE, 5),
        _near(ALTERED_FEELING, SADDLE, 3),
        _near(NOT_MY_OWN, SADDLE, 6),
        _near(
            r"(?:feels?|felt|feeling) (?:all |really |very |a bit |kind of |kinda )?(?:odd|strange|weird|funny|wrong)",
            SADDLE,
            3,
        ),
        rf"{CANT_FEEL}(?:{SADDLE})",
        rf"{CANT_FEEL}(?:anything|much|a thing) (?:\w+ ){{0,2}}(?:{SADDLE})",  # "can't feel anything down there"
        # "I can't feel the toilet seat", "can't feel the seat under me" (not a seat belt)
        rf"{CANT_FEEL}(?:(?:{LOO}) seat|seat (?:\w+ )?(?:when|while|as|under|beneath))",
        # the condition said to be someone's now, or feared ("my husband has cauda equina", "could it be cauda
        # equina?"); said of oneself it is read whole (cauda_equina_named)
        CAUDA_EQUINA_NOW,
        # "like sitting on a cushion" on the loo or a seat (lying on a soft mat is comfort, not this)
        _near(
            r"(?:feels?|felt|feeling|its|it is|was|as if) (?:\w+ ){0,2}like (?:im |i am |youre |you are )?sitting on"
            r" (?:a |some )?(?:cushion|pillow|sponge|cotton wool|padding)",
            rf"{SADDLE}|{LOO}|seat",
            8,
        ),
        unless=(_PASSED_ON_MOVING,),
    ),
    _rule(
        "lost_bowel_or_bladder_sensation",
        "warning_cauda_equina",
        (r"rect(?:um|al)", r"feel\w*|sensation|numb\w*|full\w*"),
        # said of someone else too: "she can't feel when she needs to go", "he doesn't know when he has to wee"
        r"(?:cant|cannot|can not|couldnt|could not|dont|do not|doesnt|does not|no longer|not|never) (?:\w+ ){0,1}"
        r"(?:feel|tell|sense|notice|know) "
        rf"(?:\w+ ){{0,3}}(?:needs?|needed|has|have|had|wants?|wanted)(?: to)? (?:{GO_TO_THE_TOILET})",
        # not "I don't feel like wiping the mat down": a wish, not a feeling
        rf"(?:cant|cannot|can not|dont|do not|no|not|{LOSE}|reduced|less) (?:\w+ ){{0,2}}"
        rf"(?:feel|feeling|sensation) (?!like )(?:\w+ ){{0,4}}(?:{WIPING})",
        # whatever is not felt: "can't feel the paper when I wipe", "I hardly feel it"; not "don't feel like wiping"
        _near(r"numb\w*|(?:cant|cannot|can not|couldnt|could not|dont|do not|barely|hardly) feel(?! like)", WIPING),
        # wiping that feels changed (a cauda-equina card's words): "altered feeling when I use toilet paper"
        _near(
            rf"{ALTERED_FEELING}|(?:feels?|felt|feeling) (?:\w+ )?(?:different|odd|strange|weird|funny|wrong|changed)",
            WIPING,
            4,
        ),
        rf"(?:{NOT_KNOWING}) (?:\w+ ){{0,2}}(?:when|if|whether|that) (?:\w+ ){{0,3}}(?:{FULL_OR_EMPTY})",
        # passing it not noticed: "I don't notice when I'm weeing", "I can't tell if I'm peeing"
        rf"(?:{NOT_KNOWING}) (?:\w+ ){{0,2}}(?:when|if|whether|that) (?:im|i am|ive|i have|i|its|it is) (?:\w+ )?"
        rf"(?:{URINATE}|peed|weed|pooing|pooed|wet (?:my ?self)|wetting (?:my ?self)|soiled|leaking|leaked)",
        _near(NUMB, rf"{BLADDER}|bowels?", 3),  # "my bladder feels numb"
        NOT_FELT_FULL,
        rf"(?:{NO_URGE}) (?:\w+ ){{0,2}}(?:(?:when|before|that) (?:i |you )?(?:need|have|want)(?: to)? )?(?:to )?"
        rf"(?:{GO_TO_THE_TOILET})",
        # urine or stool not felt passing: "I can barely feel the pee coming out", "can't feel it when I poo"
        rf"{CANT_FEEL}(?:it |myself |any )?(?:when i )?(?:{URINATE}|poo(?:s|ing|ed)?|poop(?:s|ing|ed)?|stools?)",
        # passing it feels changed: "peeing feels different", "going to the loo feels strange"
        rf"(?:{URINATE}|pooing|going to (?:the )?(?:{LOO})) (?:feels?|felt|feeling) (?:\w+ )?"
        r"(?:different|strange|odd|weird|funny|wrong|numb)",
    ),
    _rule(
        "sexual_function_change",
        "warning_cauda_equina",
        # "can't get it up", not "can't get up" (off the floor)
        r"erectile|erections?|errections?|impoten\w*|(?:cant|cannot|can not) (?:get|keep) (?:it (?:up|hard)|hard)",
        rf"(?:{CANNOT}|no|lost|loss of|less) (?:\w+ ){{0,2}}(?:climax\w*|orgasm\w*|ejaculat\w*|arous\w*)",
        r"sexual (?:dysfunction|function|problems?|changes?|difficult\w*|numbness|sensation)",
        _near(NUMB, r"sex|intercourse|love making", 3),
        r"(?:sex|intercourse|love making|orgasms?) (?:\w+ )?(?:feels?|felt|is|was) (?:\w+ ){0,2}(?:different|changed"
        r"|numb\w*|strange|odd|weird)",
        rf"(?:{SADDLE}|things down (?:below|there)) (?:\w+ ){{0,2}}(?:dont|doesnt|isnt|arent|wont|stopped|not) "
        r"(?:\w+ )?(?:work\w*|function\w*)",
    ),
    _rule(
        "pain_in_both_legs",
        "warning_cauda_equina",
        _near(BOTH_LEGS, PAIN, 6),
        _near(r"sciatica", r"both|each (?:leg|side)|bilateral", 3),
        rf"(?:{PAIN}) (?:\w+ ){{0,3}}(?:in|down|into|through|along) (?:both |each |my |the )?legs",
        (r"legs?|sciatica", OTHER_LEG_TOO, rf"{PAIN}|sciatica"),
        unless=(_SORE_AFTER_EXERCISE,),
    ),
    # The condition named: the reader's own, or a suspicion of it; someone else's past ("my aunt had cauda equina
    # surgery last year") is history, as their cancer is.
    _rule("cauda_equina_named", "warning_cauda_equina", r"cauda|equina", about_history=True),
    # Numbness, tingling or pins and needles in both legs, or in the legs and bottom: crest's own entries send both
    # legs to urgent care (warning_new_numbness_or_weakness: "If it affects both legs ... get urgent care now"),
    # unless the message says it goes when the person moves or stands (the next rule's).
    _rule(
        "changed_feeling_in_both_legs",
        "warning_cauda_equina",
        *_CHANGED_FEELING_IN_BOTH_LEGS,
        # numbness (a loss of feeling) in "my feet" is in both feet, as "both feet" is; a tingle there stays a
        # clinician's to see (changed_feeling_in_a_leg_or_foot), as the position's pressure often brings one
        rf"(?:my|the|his|her|your|their|our) feet (?:\w+ ){{0,3}}(?:{NUMB})",
        rf"(?:{NUMB}) (?:\w+ ){{0,3}}(?:my|the|his|her|your|their|our) feet",
        unless=(*_CALM_CHANGED_FEELING, _LEGS_BACK_ON_MOVING),
    ),
    # Both legs numb or tingling in the position (or a long sit) that come back when the person stands or moves: not
    # cauda equina's urgent sign, but a new loss of feeling that the position brings on (crp-facts.md section 5: see a
    # clinician before continuing, and stop if the position brings on symptoms, as the answer beside it says). Both
    # legs at once are not one limb pressed, so unlike one leg or "my feet" it still warns.
    _rule(
        "changed_feeling_in_both_legs_that_passes_on_moving",
        "warning_new_numbness_or_weakness",
        *(
            (*((clause,) if isinstance(clause, str) else clause), passing)
            for clause in _CHANGED_FEELING_IN_BOTH_LEGS
            for passing in (_PASSED_ON_MOVING, _LEGS_BACK_ON_MOVING)
        ),
        # calm as the urgent rule is, but for going on moving ("... and it goes when I stand" passes by itself too),
        # and after a sit, not the position ("both my thighs go numb on the hard chair, I stand up and it's gone")
        unless=(_PRESSURE_ONLY, _RELAXED_NOT_NUMB, _PLEASANT_TINGLE, r"restless legs?", _FROM_A_SIT),
    ),
    _rule(
        "weakness_in_both_legs",
        "warning_cauda_equina",
        _near(BOTH_LEGS, WEAK, 4),
        _near(BOTH_LEGS, GIVING_WAY, 6),  # unmistakable even a few words away, unlike "weak" or "floppy"
        _near(BOTH_LEGS, WEAKER, 8),  # "my legs both feel like jelly and are getting weaker"
        # legs that keep letting one fall ("my legs are like jelly and I keep falling"), not knees falling open
        _near(
            BOTH_LEGS,
            r"(?:keep|keeps|kept) (?:on )?(?:falling|collapsing|stumbling)"
            r"(?! (?:open|apart|out|outwards|inwards|in|to|over to|sideways|off|asleep)\b)",
            6,
        ),
        rf"(?:{WEAK}) (?:\w+ ){{0,3}}(?:in )?(?:both |my |the )?legs",
    ),
    # --- urgent care: possible aortic aneurysm
    _rule(
        "sudden_severe_pain_with_faintness",
        "warning_aortic",
        (SEVERE, PAIN, SHOCK),
        (SEVERE_PAIN_IN_EVERYDAY_WORDS, SHOCK_SIGN),
        (FAINTED, PAIN),
        (PAIN, RACING_HEART, FEELING_FAINT),
        (PAIN, BACK_OR_BELLY, FAINT_OR_PASSING_OUT, COLD_SWEAT),
    ),
    # Emergencies beyond back pain (crest's general guidance, see FACE_PART): their own entry, which says "call your
    # emergency number now" as the aortic one does.
    _rule(
        "stroke_signs",
        "warning_emergency",
        rf"(?:{FACE_PART}) (?:\w+ ){{0,4}}(?:{DROOPING})",
        rf"(?:droop\w*|lopsided|crooked|wonky|sagging|saggy|slumped) (?:\w+ ){{0,3}}(?:{FACE_PART})",
        rf"(?:{SPEECH}) (?:\w+ ){{0,4}}(?:{GARBLED})",
        r"slurr\w*",
        r"(?:cant|cannot|can not|couldnt|could not|unable to) (?:suddenly )?(?:speak|talk) (?:properly|clearly|at all"
        r"|right|straight)|(?:cant|cannot|couldnt|could not) get (?:my |the |his |her )?words out",
        # sudden weakness or numbness of the face, an arm or one side (a leg alone stays "see a clinician")
        _near(
            SUDDENLY, rf"(?:{GONE_WEAK}) (?:\w+ ){{0,5}}(?:{ONE_SIDE})|(?:{ONE_SIDE}) (?:\w+ ){{0,3}}(?:{GONE_WEAK})", 4
        ),
        # the suddenness between the arm and the weakness: "my arm has suddenly gone weak"
        rf"(?:{ONE_SIDE}) (?:\w+ ){{0,2}}(?:{SUDDENLY}) (?:\w+ ){{0,2}}(?:{GONE_WEAK})",
        unless=(_PRESSURE_ONLY, _PASSED_ON_MOVING),
    ),
    _rule(
        "chest_pain",
        "warning_emergency",
        _near(CHEST, PAIN, 6),
        CHEST_PRESSURE,
        SUDDEN_TIGHT_CHEST,
        r"(?:having|have|had|is this|is it|am i|could (?:this|it) be|feels? like|like) (?:\w+ ){0,2}heart attack",
        # a chest sore from coughing, or a pulled chest muscle, is not this
        unless=(r"(?:from|after|with|since) (?:\w+ ){0,2}cough\w*|pulled (?:\w+ ){0,2}muscle|chest muscles?|pecs?",),
    ),
    _rule("cannot_breathe", "warning_emergency", CANT_BREATHE, HARD_TO_BREATHE),
    _rule("breathless_at_rest", "warning_emergency", BREATHLESS, unless=(EXERTION,)),
    _rule(
        "sudden_severe_headache",
        "warning_emergency",
        _near(rf"{SUDDENLY}|worst|thunderclap|explod\w*|like (?:being )?hit|excruciating|severe", HEADACHE, 4),
    ),
    # A known aneurysm is history, read like cancer's: a grandad's aneurysm is no warning for the reader.
    _rule("pain_with_known_aneurysm", "warning_aortic", (ANEURYSM, PAIN), about_history=True),
    # --- see a clinician before continuing
    _rule(
        "pulsing_in_belly",
        "warning_pulsing_belly",
        _near(BEAT, BELLY, 7),
        _near(MOVING_WITH_THE_HEART, BELLY, 10),
    ),
    _rule("known_aneurysm", "warning_pulsing_belly", ANEURYSM, about_history=True),
    _rule("history_of_cancer", "warning_cancer", CANCER, about_history=True, for_them_too=True),
    _rule(
        "unexplained_weight_loss",
        "warning_cancer",
        r"(?:lost|losing|loss of|dropp\w*|dropped|shed\w*) (?:\w+ ){0,4}(?:weight|kilos?|kgs?|pounds|lbs|stone"
        r"|\d+ ?(?:kilos?|kgs?|lbs?|pounds|stone|st))",
        r"weight (?:\w+ ){0,2}(?:dropp\w*|melt\w*) off"
        r"|weight (?:\w+ ){0,2}(?:falling|fallen|fell|flying) off (?:of )?me"
        r"|(?:unexplained|unintended|unintentional|unexpected|sudden|rapid) weight ?loss|weight ?loss (?:\w+ ){0,3}"
        r"(?:unexplained|without trying|for no reason|no reason)",
        unless=(
            rf"{_NOT_SO}(?:want|wanting|trying to|try to|tried to|hope|hoping|need|like|plan\w*|goal|help me|helps? you"
            r"|will|can) (?:\w+ ){0,3}(?:to )?los(?:e|ing)",
            rf"{_NOT_SO}(?:diet\w*|on purpose|deliberately|intentionally|slimming)|eating disorder|anorexi\w*|bulimi\w*"
            # a cause the message gives: new exercise ("since I started walking every day")
            rf"|{_NOT_SO}(?<!havent )(?<!hasnt )(?<!didnt )(?:started|starting|began|begun|took up|taking up|doing more"
            r"|more) (?:\w+ ){0,3}"
            r"(?:walk\w*|run|running|jog\w*|exercis\w*|gym|workouts?|working out|training|cycling|swimming|sports?)"
            r"|as a (?:teen|teenager|child|kid|student)|(?:years|decades) ago",
            r"(?:not|never|cant|cannot|havent|hasnt|isnt|arent|struggl\w*(?: to)?|hard to|difficult to) "
            r"(?:(?!stop)\w+ )?(?:los(?:e|ing)|lost|dropp\w*|shed\w*) (?:\w+ )?(?:weight|any|kilos?|pounds|lbs|stone)",
        ),
    ),
    _rule(
        "night_pain",
        "warning_cancer",
        rf"(?:{PAIN}) (?:\w+ ){{0,6}}(?:{AT_NIGHT})",
        # the back itself said to be worse at night, with no word for pain: "my back is worst at night"
        rf"(?:back|backs|spine|hips?|neck) (?:\w+ ){{0,3}}(?:worse|worst) (?:\w+ ){{0,2}}(?:{AT_NIGHT})",
        rf"(?:night|nighttime|nocturnal) (?:{PAIN})",
        (r"(?:wakes?|waking|woke|wake) me|keeps? me awake|cant sleep (?:\w+ ){0,3}(?:pain|hurts?)", PAIN),
    ),
    _rule(
        "new_back_pain_under_20_or_over_50",
        "warning_cancer",
        (
            rf"(?:im|i am|aged?|age of|turned|turning) (?:only |just |nearly |almost |now )?(?:{AGE_OUTSIDE_20_TO_50})"
            rf"(?! (?:{NOT_AN_AGE}))",
            PAIN,
        ),
        (rf"(?:{AGE_OUTSIDE_20_TO_50}) (?:years old|year old|yrs old|yrs|yo|y o)", PAIN),
        (
            r"over (?:50|fifty|60|sixty|70|seventy)|in my (?:50s|60s|70s|80s|90s|fifties|sixties|seventies|eighties"
            r"|nineties|teens)|teenager|pensioner",
            PAIN,
        ),
        # a child or teenager: "my son is 15", "our teenage lad" (crp-facts.md section 5: new back pain under 20)
        (
            rf"\b{YOUNG_OR_OLD_PERSON} (?:only |just |nearly |almost |now )?(?:{AGE_OUTSIDE_20_TO_50})"
            rf"(?! (?:{NOT_AN_AGE}))",
            PAIN,
        ),
        (CHILD_OR_TEEN, PAIN),
        unless=(_LONG_STANDING_PAIN,),
    ),
    _rule(
        "no_improvement_after_a_month",
        "warning_cancer",
        (NO_BETTER, LONG_TIME),
        (LITTLE_IMPROVEMENT, LONG_TIME, PAIN_OR_BACK),
        # "getting worse" needs a pain or the back beside it: posture or sleep "getting worse every year" is neither
        (GETTING_WORSE, LONG_TIME, PAIN_OR_BACK),
        _near(PAIN_OR_BACK, PROGRESSIVE, 4),
        rf"^(?:\w+ ){{0,3}}(?:{PROGRESSIVE})(?: \w+)?$",  # only that, in crest's help: "worse every day"
        (NOT_HELPING, LONG_TIME, PAIN),
        (SAME_AS_AT_THE_START, LONG_TIME, rf"{PAIN}|back|backs|spine|hips?|neck|{PRACTISING}"),
    ),
    _rule(
        "fever_or_chills",
        "warning_infection",
        _FEVER,
        unless=(_CHILLED_BY_THE_COLD,),
        long_over=_only_long_over(_FEVER, _ILLNESS_LONG_OVER, told_as_mine_now=True),
    ),
    _rule(
        "weakened_immune_system",
        "warning_infection",
        r"immun\w*|transplant\w*|hiv|methotrexate|biologics?|azathioprine|ciclosporin|cyclosporin\w*|tacrolimus"
        r"|mycophenol\w*|humira|adalimumab|infliximab|etanercept|rituximab|anti ?tnf|dmards?|neutropeni\w*"
        r"|low white (?:blood )?(?:cells?|count)|splenectomy|no spleen|spleen (?:removed|out)"
        # white cells said to be low in other words: "my white cells are really low", "neutrophils are down"
        r"|(?:white (?:blood )?(?:cells?|count|cell count)|neutrophils?|wbc)"
        r" (?:(?!normal|fine|ok|okay|but|and)\w+ ){0,3}(?:low|lower|dropp\w*|down|reduced|under)"
        r"|(?:low|reduced|dropping) (?:\w+ )?(?:neutrophils?|wbc)",
        about_history=True,
        for_them_too=True,
    ),
    _rule(
        "injecting_drugs",
        "warning_infection",
        r"inject\w* (?:\w+ )?drugs?|iv drugs?|intravenous drugs?|heroin|shoot(?:ing)? up",
        about_history=True,
        for_them_too=True,
    ),
    _rule(
        "recent_bacterial_infection",
        "warning_infection",
        _BACTERIAL_INFECTION,
        long_over=_only_long_over(_BACTERIAL_INFECTION, _ILLNESS_LONG_OVER, told_as_mine_now=True),
        about_history=True,
        for_them_too=True,
        on_their_day=True,
    ),
    _rule(
        "major_trauma",
        "warning_fracture",
        *_MAJOR_TRAUMA,
        unless=(
            r"(?:fell|fall|falling|fallen) (?:\w+ )?(?:asleep|out with)",
            # a mishap with a thing, not the body: "a bit of an accident spilling my tea"
            r"accident (?:\w+ ){0,2}(?:spill\w*|spilt|with (?:the|my|a|some) (?:tea|coffee|cup|mug|drink|water|glass"
            r"|phone|timer|app|paint|milk))",
            ACCIDENT_IN_CLOTHES,
            _HARMLESS_FALL,
        ),
        long_over=_only_long_over(_TRAUMA_SAID, _TRAUMA_LONG_OVER, told_as_mine_now=False),
        about_history=True,
        for_them_too=True,
        on_their_day=True,
    ),
    _rule(
        "fragile_bones_or_long_term_steroids",
        "warning_fracture",
        FRAGILE_BONES,
        (STEROIDS, r"years?|months?|long term|long time|ages|daily|decades?|for a while"),
        rf"on (?:\w+ ){{0,2}}(?:{STEROIDS})",
        about_history=True,
        for_them_too=True,
    ),
    _rule(
        "new_loss_of_feeling",
        "warning_new_numbness_or_weakness",
        _near(NUMB, LIMB, 4),
        rf"{CANT_FEEL}(?:{LIMB})",
        # a part of it: "I can't feel the outside of my thigh", "the top of my foot"
        rf"{CANT_FEEL}(?:{PART_OF_A_LIMB}) of (?:my |the |his |her |their |your )?(?:left |right |both )?(?:{LIMB})",
        _near(r"dead", LIMB, 2),
        unless=(_PRESSURE_ONLY, _PASSED_ON_MOVING, _RELAXED_NOT_NUMB, _TIRED_FROM_WORK),
    ),
    # A check-in that rates a leg or foot numb or tingling advises seeing a clinician (worse_check_in: "Numbness or
    # tingling", the safety question new_loss_of_feeling_or_strength); a question that says so pins the same advice.
    _rule(
        "changed_feeling_in_a_leg_or_foot",
        "warning_new_numbness_or_weakness",
        rf"(?:{LOST_FEELING}) (?:(?!(?:{_ARM})\b)\w+ ){{0,4}}(?:(?:{_ARM}) and (?:my |the |both )?)?(?:{LEG_PLACES})",
        rf"(?:{LEG_PLACES}) (?:and (?:my |the |both )?(?:{_ARM}) )?(?:(?!(?:{_ARM})\b)\w+ ){{0,4}}(?:{LOST_FEELING})",
        unless=_CALM_CHANGED_FEELING,
    ),
    _rule(
        "new_loss_of_strength",
        "warning_new_numbness_or_weakness",
        _near(WEAK, LIMB, 4),
        FOOT_DROP,
        GRIP_LOST,
        unless=(_LIMP_WITH_EASE,),
    ),
    # New numbness or weakness said without a place: the warning's own title typed back ("New numbness or
    # weakness"), "some new weakness lately", "numbness or weakness that is new", or numbness that stays ("the
    # numbness came back when I walked and hasn't gone"); weakness alone ("weakness in my core") is not this.
    _rule(
        "new_numbness_or_weakness_said_plainly",
        "warning_new_numbness_or_weakness",
        rf"(?:new|sudden\w*|recent\w*|unexplained) (?:\w+ ){{0,2}}(?:{NEW_LOSS})",
        rf"(?:{NEW_LOSS}) (?:\w+ ){{0,4}}(?:is|thats|that is|which is|are|thats all) (?:\w+ )?new\b",
        r"numbness (?:or|and|and or) weakness|weakness (?:or|and|and or) numbness",
        rf"(?:{FEELING_LOST}) (?:{_SAME_COMPLAINT}\w+ ){{0,10}}(?:{STAYS})\b",
    ),
    # --- the commonest signs in Spanish, French and German (see FOREIGN_PASSING)
    _rule(
        "bladder_or_bowel_control_in_other_languages",
        "warning_cauda_equina",
        _near(FOREIGN_PASSING, FOREIGN_LOST_CONTROL, 4),
    ),
    _rule(
        "saddle_numbness_in_other_languages",
        "warning_cauda_equina",
        _near(FOREIGN_NUMB, FOREIGN_SADDLE, 5),
        r"(?:anestesia|anesthesie) en (?:silla de montar|selle)|reithosen\w*",
    ),
    _rule(
        "chest_pain_in_other_languages",
        "warning_emergency",
        _near(FOREIGN_CHEST, FOREIGN_CHEST_PAIN, 4),
        r"brustschmerz\w*|brustenge|infarto|ataque (?:al|de) corazon|crise cardiaque|infarctus|herzinfarkt",
    ),
)
