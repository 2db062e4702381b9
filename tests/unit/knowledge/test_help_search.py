"""The search: questions in lay words find their entry; any text at all gives answers or nothing, never an error."""

import random
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crest.knowledge.loader import english_words, load_help
from crest.knowledge.search import MAX_ANSWERS, HelpSearch, asking_clauses, question_openings
from crest.knowledge.spelling import SpellingFixer
from crest.knowledge.text import (
    MAX_QUESTION_CHARACTERS,
    PIECE_OVERLAP_CHARACTERS,
    clean_question,
    pieces_beyond_the_kept_question,
)
from crest.services.help import help_search

WORDS_ALONE = HelpSearch(load_help(), dictionary=english_words())
WITH_MEANING = help_search()  # the installed sentence model


@pytest.fixture(scope="module", params=["words alone", "with meaning"])
def search(request: pytest.FixtureRequest) -> HelpSearch:
    """Every behaviour below holds for both rankings: BM25 alone, and BM25 joined by sentence meaning."""
    return WORDS_ALONE if request.param == "words alone" else WITH_MEANING


def test_the_installed_model_is_used() -> None:
    assert WITH_MEANING.compares_meaning and not WORDS_ALONE.compares_meaning


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("Can I do it in bed?", "in_bed"),
        ("why am I yawning so much", "yawning"),
        ("should I use a pilow", "head_and_towel"),  # typo fixed against the entries' words
        ("can i do it in bde", "in_bed"),  # two letters swapped, in a word too short for the typo fixer
        ("I'm pregnent, is lying on my back ok", "pregnancy"),
        ("how do I get up afterwards", "getting_up"),
        ("how do I get down to the floor", "getting_down"),
        ("can I put my calves on a chair", "supported_variant"),
        ("CRP with a hip replacement?", "surgery"),
        # a muscle's name spelt by ear: in hyphenated pieces, without its silent first letter, with z for s
        ("what does the so-az do", "psoas"),
        ("how do I stop my soaz getting tight from sitting", "why_psoas_tightens"),
        # pain named by the body region that hurts (crp-facts.md section 6) is still pain in the position
        ("my hip hurts", "pain_during_session"),
        ("my knee gets sore when I lie like this", "pain_during_session"),
        ("painful buttock after ten minutes, should I stop", "pain_during_session"),
        # sore or worse after the rest: the same answer says what the check-in after a session does with it
        ("my back hurts more after", "pain_during_session"),
        ("I feel sore the day after resting", "pain_during_session"),
        # fainting is not falling asleep: "passed out" once found "What if I fall asleep?" ("drifting off is common")
        ("I passed out", "fainting"),
        ("I fainted during the rest", "fainting"),
        # vowels left out in a hurry, and a muscle that must be strong (readers_19)
        ("hw lng shld i rst", "how_long"),
        ("does the psoas need to be strong", "strengthening_or_release"),
    ],
)
def test_a_lay_question_finds_its_entry_first(search: HelpSearch, question: str, entry_id: str) -> None:
    assert [entry.id for entry in search.answers(question)][:1] == [entry_id]


def test_the_asking_clause_is_the_one_a_question_word_opens() -> None:
    message = "my teacher mentioned it, so what even is it? i know what a rest is. How long, and why does it help"
    assert asking_clauses(message) == [["what", "is", "it"], ["how", "long"], ["why", "does", "it", "help"]]
    assert question_openings(message) == {("what", "is"), ("how", "long"), ("why", "does")}


# How the question opens ("when in the day", "how long", "why does") counts beside the words around it, which said
# when it hurts, who they see or what it should do (s56: "how lng do i stay lying there 4 it to actualy work" found
# how it works first).
@pytest.mark.parametrize(
    ("search_name", "question", "entry_id"),
    [
        ("words alone", "my back is worst at night, when in the day should i do it", "time_of_day"),
        ("with meaning", "my back is worst at night, when in the day should i do it", "time_of_day"),
        ("with meaning", "how long should i lie there for it to do anything", "how_long"),
        ("with meaning", "my physio says my psoas is tight, why does it get like that", "why_psoas_tightens"),
    ],
)
def test_what_is_asked_outweighs_the_words_around_it(search_name: str, question: str, entry_id: str) -> None:
    search = WORDS_ALONE if search_name == "words alone" else WITH_MEANING
    assert [entry.id for entry in search.answers(question)][:1] == [entry_id]


# A recent operation told as readers tell it (s56, readers_20: "had my ... out", keyhole, stitches, post-op, an organ
# named and not the word surgery) is the surgery question, not how often, how long or pregnancy.
RECENT_OPERATIONS = [
    "i had my appendix removed last month, is it ok to lie like this",
    "two weeks after a hysterectomy, can i try constructive rest",
    "had keyhole surgery on my knee recently, should i wait before doing this",
    "my stitches came out on friday after my hernia op, ok to start?",
    "still healing from my c-section six weeks ago, can i do the knees up thing",
    "im post-op from a back operation, when can i begin",
    "got my new hip ten days ago, am i allowed to do this",
    "recovering from an operation on my tummy, is this safe",
    "they took an ovary out a month ago by laparoscopy, fine to lie on the floor?",
    "just home from hospital after an op, can i rest like this",
    "i'm 2 weeks out from spinal surgery, is crp ok for me",
    "had my tonsils out last week, can i still practise",
    "had a stent put in a fortnight ago, is lying like this alright",
    "the wound from my bowel surgery is still healing, should i hold off",
    "can i do this with fresh stitches in my belly",
]


@pytest.mark.parametrize("question", RECENT_OPERATIONS)
def test_a_recent_operation_told_in_lay_words_finds_the_surgery_entry(question: str) -> None:
    assert [entry.id for entry in WITH_MEANING.answers(question)][:1] == ["surgery"]


def test_hyphenated_pieces_that_make_a_lay_word_are_read_as_that_word() -> None:
    assert WORDS_ALONE.respelt("im post-op after a c-section") == "im postop after a csection"
    assert {"surgery", "scar"} <= set(WORDS_ALONE.query_terms("post-op, c-section"))


def test_a_word_of_the_dictionary_is_not_fixed_into_an_entry_word() -> None:
    assert SpellingFixer({"tight"}).fix("night") == "tight"
    assert SpellingFixer({"tight"}, frozenset({"night"})).fix("night") == "night"
    assert SpellingFixer({"pillow"}, frozenset({"night"})).fix("pilow") == "pillow"


@pytest.mark.parametrize(
    ("word", "its_opposite"),
    [
        ("wasnt", "want"),
        ("werent", "went"),
        ("havent", "have"),
        ("couldnt", "count"),
        ("wouldnt", "would"),
        ("unhurt", "hurt"),
        ("unharmed", "harmed"),
        ("uninjured", "injured"),
    ],
)
def test_a_negative_word_is_not_fixed_into_its_opposite(word: str, its_opposite: str) -> None:
    # "I wasn't hurt" read as "I want hurt" would warn of a fall the person says did no harm.
    assert SpellingFixer({its_opposite}).fix(word) == word


def test_two_neighbouring_letters_swapped_are_read_as_the_entry_word() -> None:
    assert SpellingFixer({"bed"}).fix("bde") == "bed"
    assert SpellingFixer({"hip", "knee"}).fix("hpi") == "hip"
    assert SpellingFixer({"bed"}, frozenset({"deb"})).fix("deb") == "deb"  # a word of the dictionary stays
    assert SpellingFixer({"tea", "eat"}).fix("eta") == "eta"  # two entry words it could be: neither is guessed
    assert SpellingFixer({"on"}).fix("no") == "no"  # too short to tell


def test_a_word_spelt_by_ear_is_read_as_the_entry_word_it_sounds_like() -> None:
    assert SpellingFixer({"psoas"}).fix("soaz") == "psoas"  # silent p, z for s
    assert SpellingFixer({"psoas"}).fix("soas") == "psoas"  # shorter than any typo the fixer reaches
    assert SpellingFixer({"knees"}).fix("nees") == "knees"
    assert SpellingFixer({"psoas"}, frozenset({"soas"})).fix("soas") == "soas"  # a real word is no spelling by ear
    assert SpellingFixer({"psoas"}).fix("sos") == "sos"  # too short to tell


def test_a_word_written_without_its_vowels_is_read_as_the_entry_word() -> None:
    # a phone typed in a hurry leaves the vowels out (readers_19): "lng" is "long", "nck" is "neck"
    assert SpellingFixer({"long", "lying"}).without_vowels("lng") == "long"  # "y" is no vowel: not "lying"
    assert SpellingFixer({"neck"}).without_vowels("nck") == "neck"
    assert SpellingFixer({"bad", "bed"}).without_vowels("bd") is None  # too short, and it could be either
    assert SpellingFixer({"firm", "from"}).without_vowels("frm") is None  # two entry words it could be
    assert SpellingFixer({"long"}, frozenset({"lng"})).without_vowels("lng") is None  # a word of the dictionary
    assert SpellingFixer({"long"}).without_vowels("long") is None  # a word with vowels is no such shorthand
    assert WORDS_ALONE.respelt("hw lng shld i rst") == "hw long should i rest"


def test_hyphenated_pieces_that_make_an_entry_word_are_read_as_that_word() -> None:
    # both rankings read the respelt question, the sentence model included: it reads "so-az" as two unrelated pieces
    assert WORDS_ALONE.respelt("What is the so-az?") == "What is the psoas?"
    assert WORDS_ALONE.respelt("the sos-as again") == "the psoas again"  # pieces joined, then a typo fixed
    assert WORDS_ALONE.respelt("feet hip-width apart") == "feet hip-width apart"  # pieces that make no entry word
    assert "psoas" in WORDS_ALONE.query_terms("the pso-as")


def test_up_and_down_are_not_stop_words(search: HelpSearch) -> None:
    assert "up" in search.query_terms("get up") and "down" in search.query_terms("get down")
    assert "not" in search.query_terms("is it not normal")


def test_warning_signs_are_pinned_and_never_among_the_answers(search: HelpSearch) -> None:
    result = search.find("numbness in my groin, is CRP ok?")
    assert [warning.id for warning in result.warnings] == ["warning_cauda_equina"]
    assert all(entry.level is None for entry in result.answers)
    for warning in (entry for entry in load_help().entries if entry.level):
        assert warning not in search.answers(warning.title + " " + warning.text)


@pytest.mark.parametrize("question", ["how do I cook pasta", "", "😀🙃", "床で出来ますか"])
def test_a_question_about_nothing_we_know_finds_nothing(search: HelpSearch, question: str) -> None:
    assert search.find(question).found_nothing


# ("what is the capital of France" shared a word only once "capital" was "fixed" into an entry's word; no real word is)
@pytest.mark.parametrize("question", ["which train goes to the airport", "my car needs new tyres"])
def test_meaning_drops_entries_that_share_only_a_word(question: str) -> None:
    assert WORDS_ALONE.answers(question)  # a word in common
    assert WITH_MEANING.find(question).found_nothing


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("tears streaming down my face halfway through", "emotions"),
        ("is there any science behind it", "does_it_work"),
        ("where do my palms go", "arms"),
        ("I went out cold for a minute", "fainting"),
        # a muscle someone called angry or cranky is a question about where it is, not about massage or anger
        ("my sports massage guy said my psoas is really angry, where even is that", "psoas"),
        ("my yoga teacher says my psoas is cranky, whereabouts is it", "psoas"),
        ("apparently my psoas is angry?? where is it in the body", "psoas"),
        # whether it helps the back is how to tell, not the back's position or the spine's shifting (readers_17)
        ("how will i know if this is doing my back any good", "tracking_progress"),
        ("how would i know if its doing anything for my back at all", "tracking_progress"),
        ("how will i be able to tell it is doing my back some good", "tracking_progress"),
        # once a day or also at night asks how often, not when (readers_17)
        ("once in the day enough, or should i be doing it at night as well", "how_often"),
        # dropping the other exercises for the rest asks whether it is enough on its own (readers_18)
        ("my physio gave me exercises too, can i just do this one and forget the others", "is_it_enough"),
        # getting up without tweaking the back is getting up, not whether rest is all the back needs (readers_18)
        ("best way to get back up without tweaking anything", "getting_up"),
        # where the arms go with sore shoulders is where the arms go, not pain in the position (readers_19)
        ("both shoulders are sore so where do my arms go during the rest", "arms"),
    ],
)
def test_meaning_finds_an_entry_worded_differently(question: str, entry_id: str) -> None:
    assert [entry.id for entry in WITH_MEANING.answers(question)][:1] == [entry_id]


HOSTILE = [
    "",
    "   \t\n ",
    '"',
    '"unbalanced quote',
    "NEAR(yawning bed, 2)",
    "yawning NEAR bed",
    "*",
    "bed*",
    "title: bed",
    "entries MATCH 'x'; DROP TABLE entries; --",
    "AND OR NOT",
    "(((",
    "^yawning",
    "-bed +floor",
    "😀🙃🤷‍♀️",
    "yawning 😀",
    "a\x00b",
    "\x00",
    "lone \ud800 surrogate \udfff",
    "\udcff\udcfe",
    "ٱلسَّلَامُ عَلَيْكُمْ",
    "床で出来ますか",
    "bed " * 5000,
    "x" * 10_000,
    "why do I yawn " * 1000,
]


@pytest.mark.parametrize("question", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gives_answers_or_nothing(search: HelpSearch, question: str) -> None:
    result = search.find(question)
    assert len(result.answers) <= MAX_ANSWERS
    assert all(entry.level is None for entry in result.answers)


def test_fts_syntax_is_read_as_words(search: HelpSearch) -> None:
    assert [entry.id for entry in search.answers('NEAR("yawning" *)')][:1] == ["yawning"]


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=300))  # surrogates and NUL included
def test_any_text_at_all_never_raises(question: str) -> None:
    for search in (WORDS_ALONE, WITH_MEANING):  # built once: Hypothesis runs many examples per test
        result = search.find(question)
        assert len(result.answers) <= MAX_ANSWERS


def test_the_kept_question_is_clean_and_bounded() -> None:
    assert clean_question("a\x00b\ud800c\n\td") == "a bc d"
    assert len(clean_question("x" * 50_000)) == MAX_QUESTION_CHARACTERS


def test_many_threads_can_search_at_once(search: HelpSearch) -> None:
    found: list[str] = []
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            for _ in range(50):
                found.append(search.answers("can I do it in bed")[0].id)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert found == ["in_bed"] * 400


@given(st.integers(0, 40_000))
def test_the_pieces_beyond_the_kept_question_cover_the_rest_with_overlaps(length: int) -> None:
    letters = random.Random(length)  # no repeats, so each piece is found where it was taken from
    text = "".join(letters.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(length))
    pieces = pieces_beyond_the_kept_question(text)
    covered = [(0, len(clean_question(text)))]
    for piece in pieces:
        assert 0 < len(piece) <= MAX_QUESTION_CHARACTERS
        start = text.index(piece, covered[-1][0] + 1)
        assert start <= covered[-1][1] - PIECE_OVERLAP_CHARACTERS  # overlaps the piece before
        covered.append((start, start + len(piece)))
    assert covered[-1][1] == length


def test_no_search_is_built_without_the_english_words() -> None:
    # built without them, the typo fixer turned "stairs" into "starts", and "out of breath on the stairs" was read
    # as breathlessness at rest (call your emergency number)
    with pytest.raises(TypeError):
        HelpSearch(load_help())  # type: ignore[call-arg]


@pytest.mark.parametrize("question", ["I get out of breath on the stairs", "breathless going up the stairs"])
def test_a_real_word_is_never_fixed_into_a_warning(search: HelpSearch, question: str) -> None:
    assert search.fired_rules(question) == []
