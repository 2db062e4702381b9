from collections.abc import Iterator
from io import StringIO

from rich.console import Console

from crest.cli.asker import Asker
from crest.cli.checkin_prompt import ask_check_in
from crest.journal.vocabulary import Region
from support.clock import FakeClock

CLOCK = FakeClock()


def scripted(*lines: str) -> Asker:
    answers: Iterator[str] = iter(lines)

    def read_line() -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    return Asker(Console(file=StringIO()), read_line=read_line)


def test_typos_are_asked_again_and_answers_become_a_check_in() -> None:
    asker = scripted("1 99", "1", "x", "r", "11", "4", "w", "8", "")
    check_in = ask_check_in(asker, session_id=7, clock=CLOCK)
    assert check_in is not None
    [rating] = check_in.pain
    assert (rating.region, rating.side, rating.score) == ("lower_back", "right", 4)
    assert check_in.compared_with_before == "worse"
    assert check_in.sensations == {"none"}
    assert check_in.note is None
    assert check_in.session_id == 7 and check_in.timing == "after"
    output = asker.console.file.getvalue()  # type: ignore[attr-defined]
    assert f"numbers from 1 to {len(Region)}" in output
    assert "outside 0-10" in output
    assert "[l]eft [r]ight [b]oth [c]entre" in output  # the keys to press are shown, not eaten as markup
    assert "[b]etter, [s]ame or [w]orse?" in output


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
    assert "'[/]'" in output and "'[red]7'" in output
