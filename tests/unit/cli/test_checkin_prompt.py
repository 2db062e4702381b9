from collections.abc import Iterator
from io import StringIO

import pytest
from rich.console import Console

from crest.cli.asker import Asker
from crest.cli.checkin_prompt import ask_check_in
from crest.journal.vocabulary import Region, Sensation
from support.clock import FakeClock

CLOCK = FakeClock()


def scripted(*lines: str, width: int = 80) -> Asker:
    answers: Iterator[str] = iter(lines)

    def read_line() -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    return Asker(Console(file=StringIO(), width=width), read_line=read_line)


def test_typos_are_asked_again_and_answers_become_a_check_in() -> None:
    asker = scripted("1 99", "1", "x", "r", "11", "4", "q", "t", "w", "8", "")
    check_in = ask_check_in(asker, session_id=7, clock=CLOCK)
    assert check_in is not None
    [rating] = check_in.pain
    assert (rating.region, rating.side, rating.score, rating.quality) == ("lower_back", "right", 4, "tingling")
    assert check_in.compared_with_before == "worse"
    assert check_in.sensations == {"none"}
    assert check_in.note is None
    assert check_in.session_id == 7 and check_in.timing == "after"
    output = asker.console.file.getvalue()  # type: ignore[attr-defined]
    assert f"numbers from 1 to {len(Region)}" in output
    assert "pain score: enter 10 or less" in output
    flat = " ".join(output.split())  # the console wraps at 80 columns
    assert "[l]eft, [r]ight or [c]entre, the whole lower back (or just press Enter)" in flat  # keys, not markup
    assert "[b]etter, [s]ame or [w]orse?" in output
    assert "What is it like? [a]ching [s]harp [b]urning [t]ingling [n]umb" in output


@pytest.mark.parametrize("typed", ["0", "-1", "1 -2"])
def test_a_number_below_one_is_asked_again_never_a_place_or_sensation_from_the_end_of_the_list(typed: str) -> None:
    """'0' (no pain) was read as the last place, the foot, and '-2' as 'sleepy': Python counts from the end."""
    asker = scripted(typed, "", "", typed, "", "")
    assert ask_check_in(asker, session_id=7, clock=CLOCK) is None  # nothing picked, nothing saved
    output = asker.console.file.getvalue()  # type: ignore[attr-defined]
    assert output.count(f"numbers from 1 to {len(Region)}") == 1
    assert output.count(f"numbers from 1 to {len(Sensation)}") == 1
    assert "Foot: which side?" not in output


def test_only_a_whole_offered_letter_or_word_is_taken_and_a_wrong_one_is_explained_in_words() -> None:
    # lower back: "a s" is two qualities where a rating holds one; "bad" is not "better"; words in any case
    asker = scripted("1", "left side", "Left", "4", "a s", "ache", " Sharp ", "bad", "about the same", "", "")
    check_in = ask_check_in(asker, session_id=7, clock=CLOCK)
    assert check_in is not None
    [rating] = check_in.pain
    assert (rating.side, rating.quality) == ("left", "sharp")
    assert check_in.compared_with_before == "same"
    output = " ".join(asker.console.file.getvalue().split())  # type: ignore[attr-defined]
    assert (
        "side: enter one of l for left, r for right or c for centre, or press Enter for centre, the whole "
        "lower back, not “left side”" in output
    )
    quality_again = "enter one of a for aching, s for sharp, b for burning, t for tingling or n for numb"
    assert output.count(quality_again) == 2
    assert "b for better, s for about the same or w for worse, or press Enter to skip, not “bad”" in output


def test_each_side_question_names_the_one_key_for_the_whole_place() -> None:
    asker = scripted("1 6", "b", "c", "3", "", "c", "b", "2", "", "", "", "")
    check_in = ask_check_in(asker, session_id=7, clock=CLOCK)
    assert check_in is not None
    assert [(rating.region, rating.side) for rating in check_in.pain] == [("lower_back", "centre"), ("hip", "both")]
    output = " ".join(asker.console.file.getvalue().split())  # type: ignore[attr-defined]
    assert "Hip: which side? [l]eft, [r]ight or [b]oth sides (or press Enter to skip the hip)" in output
    assert "l for left, r for right or b for both sides, or press Enter to skip the hip, not" in output


def test_the_score_question_names_the_chosen_side_as_the_journal_does() -> None:
    hip = list(Region).index(Region.HIP) + 1
    asker = scripted(f"1 {hip} {hip + 1}", "r", "3", "", "l", "4", "", "b", "2", "", "", "", "")
    ask_check_in(asker, session_id=7, clock=CLOCK)
    output = " ".join(asker.console.file.getvalue().split())  # type: ignore[attr-defined]
    assert "How strong is it in your lower back (right) now, 0-10?" in output
    assert "How strong is it in your hip (left) now, 0-10?" in output
    assert "How strong is it in your knee (both sides) now, 0-10?" in output


def test_enter_is_the_whole_of_a_midline_place_but_skips_a_pair_whose_side_is_never_guessed() -> None:
    # Enter on a foot once saved "foot (both sides)": pain in both legs, a warning sign nobody had given.
    foot = list(Region).index(Region.FOOT) + 1
    asker = scripted(f"1 {foot}", "", "4", "", "", "", "", "")
    check_in = ask_check_in(asker, session_id=7, clock=CLOCK)
    assert check_in is not None
    assert [(rating.region, rating.side, rating.score) for rating in check_in.pain] == [("lower_back", "centre", 4)]
    output = " ".join(asker.console.file.getvalue().split())  # type: ignore[attr-defined]
    assert "Foot: which side? [l]eft, [r]ight or [b]oth sides (or press Enter to skip the foot)" in output
    assert "How strong is it in your foot" not in output


def test_a_place_left_without_a_score_is_said_to_be_left_out() -> None:
    # After refused scores, Enter dropped the lower back without a word, while the calf was saved.
    calf = list(Region).index(Region.CALF_AND_SHIN) + 1
    asker = scripted(f"1 {calf}", "", "lots", "11", "", "l", "3", "", "", "", "")
    check_in = ask_check_in(asker, session_id=7, clock=CLOCK)
    assert check_in is not None
    assert [(rating.region, rating.score) for rating in check_in.pain] == [("calf_and_shin", 3)]
    output = " ".join(asker.console.file.getvalue().split())  # type: ignore[attr-defined]
    assert "No score: the lower back (centre) is left out." in output


def test_the_new_places_and_what_the_pain_is_like_can_be_told() -> None:
    calf, foot = list(Region).index(Region.CALF_AND_SHIN) + 1, list(Region).index(Region.FOOT) + 1
    check_in = ask_check_in(scripted(f"{calf} {foot}", "l", "5", "n", "r", "0", "", "", ""), session_id=7, clock=CLOCK)
    assert check_in is not None
    assert [(rating.region, rating.side, rating.score, rating.quality) for rating in check_in.pain] == [
        ("calf_and_shin", "left", 5, "numb"),
        ("foot", "right", 0, None),  # no pain: nothing to describe, so not asked
    ]


def test_skipping_everything_gives_no_check_in() -> None:
    assert ask_check_in(scripted("", "", "", ""), session_id=1, clock=CLOCK) is None


def test_closed_input_skips_the_rest() -> None:
    assert ask_check_in(scripted("2"), session_id=1, clock=CLOCK) is None


def test_assume_yes_asks_nothing() -> None:
    asker = Asker(Console(file=StringIO()), assume_yes=True, read_line=lambda: "should not be read")
    assert ask_check_in(asker, session_id=1, clock=CLOCK) is None


def test_a_typed_answer_with_brackets_is_repeated_as_text() -> None:
    asker = scripted("1", "", "[/]", "[red]7", "3", "", "", "")
    check_in = ask_check_in(asker, session_id=7, clock=CLOCK)
    assert check_in is not None and check_in.pain[0].score == 3
    output = asker.console.file.getvalue()  # type: ignore[attr-defined]
    assert "“[/]”" in output and "“[red]7”" in output


def test_none_with_other_sensations_is_refused_and_asked_again() -> None:
    none, other = list(Sensation).index(Sensation.NONE) + 1, 1
    asker = scripted("", "", f"{none} {other}", f"{other}", "")
    check_in = ask_check_in(asker, session_id=7, clock=CLOCK)
    assert check_in is not None and check_in.sensations == {next(iter(Sensation))}
    output = " ".join(asker.console.file.getvalue().split())  # type: ignore[attr-defined]
    assert f"sensations: {none} (none) goes alone; enter it by itself, or only the others" in output


@pytest.mark.parametrize("width", [40, 60, 120])
def test_each_numbered_place_and_sensation_stays_whole_on_its_line(width: int) -> None:
    """At 60 columns the places once broke inside one: "5)" at a line's end, "front of thigh" on the next."""
    asker = scripted(width=width)
    ask_check_in(asker, session_id=7, clock=CLOCK)
    lines = asker.console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    for names in (list(Region), list(Sensation)):
        items = [f"{number}) {name.label}" for number, name in enumerate(names, start=1)]
        assert all(any(item in line for line in lines) for item in items), lines
        assert all(len(line) <= width for line in lines)


def test_a_note_with_a_hidden_control_character_is_explained_and_asked_again() -> None:
    """Before, the check-in after a session ended in the note's refusal, and the answers before it were lost."""
    asker = scripted("", "", "", "Calves\x9b2J on \u202ethe seat.", "Calves on the seat.\tTen minutes.")
    check_in = ask_check_in(asker, session_id=7, clock=CLOCK)
    assert check_in is not None and check_in.note == "Calves on the seat.\tTen minutes."
    output = " ".join(asker.console.file.getvalue().split())  # type: ignore[attr-defined]
    assert (
        "the note contains a hidden control character (\\x9b) that crest does not keep; delete it from the note"
        in output
    )
    assert "\x9b" not in output and "\u202e" not in output
    assert output.count("A note for yourself?") == 2


def test_at_40_columns_an_indented_question_or_error_keeps_its_indent_on_every_line() -> None:
    """The terminal's own wrapping indented only the first line: "   How strong is it in your buttock" then
    "(left) now, 0-10?" at the left edge, under the list of places."""
    screen = StringIO()
    answers = iter(["2", "l", "12", "4", "", "", "", ""])

    def typed_and_echoed() -> str:  # as a terminal shows what is typed, and the Enter after it
        answer = next(answers)
        screen.write(f"{answer}\n")
        return answer

    asker = Asker(Console(file=screen, width=40), read_line=typed_and_echoed)
    ask_check_in(asker, session_id=7, clock=CLOCK)
    lines = screen.getvalue().splitlines()
    strong = next(number for number, line in enumerate(lines) if "How strong is it in your buttock" in line)
    told = next(number for number, line in enumerate(lines) if "pain score: enter 10 or less" in line)
    for number in (strong, strong + 1, told, told + 1):
        assert lines[number].startswith("   ") and not lines[number].startswith("    ")
        assert len(lines[number].rstrip()) <= 40
    assert "now, 0-10?" in lines[strong + 1] and "“12”" in lines[told + 1]


# The terminal check-in refuses a wrong answer in one style, the product's one-line errors ("pain score: enter 10 or
# less, not “11”"), where it said "pain score “eleven” is not a whole number from 0 to 10" beside "Please type numbers
# from 1 to 13, separated by spaces." (walk s56 L6).
def test_every_wrong_answer_is_named_then_what_to_enter_then_what_was_typed() -> None:
    none = list(Sensation).index(Sensation.NONE) + 1
    answers = ("99", "1", "left side", "c", "eleven", "11", "4", "ache", "a", "bad", "w", f"{none} 1", "0", "", "")
    asker = scripted(*answers, width=200)
    assert ask_check_in(asker, session_id=7, clock=CLOCK) is not None
    said = asker.console.file.getvalue()  # type: ignore[attr-defined]
    refusals = [
        f"places: enter numbers from 1 to {len(Region)}, separated by spaces, not “99”",
        "side: enter one of l for left, r for right or c for centre, or press Enter for centre, the whole lower "
        "back, not “left side”",
        "pain score: enter a whole number from 0 to 10, not “eleven”",
        "pain score: enter 10 or less, not “11”",
        "what it is like: enter one of a for aching, s for sharp, b for burning, t for tingling or n for numb, or "
        "press Enter to skip, not “ache”",
        "compared with before: enter one of b for better, s for about the same or w for worse, or press Enter to "
        "skip, not “bad”",
        f"sensations: {none} (none) goes alone; enter it by itself, or only the others",
        f"sensations: enter numbers from 1 to {len(Sensation)}, separated by spaces, not “0”",
    ]
    assert [said.count(f" {refusal}\n") for refusal in refusals] == [1] * len(refusals)  # each ends its line
