"""The optional check-in after a session: pain by region and side, compared with before, sensations, a note.

Every question can be skipped with Enter; a typo is explained and asked again, never a crash.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from rich.cells import cell_len
from rich.text import Text

from crest.cli.asker import Asker, StoppedAtPrompt, hanging
from crest.clock import Clock
from crest.errors import CrestError, FieldError, one_line
from crest.input_problems import quoted
from crest.journal.records import (
    CheckIn,
    PainRating,
    check_note,
    check_sensations,
    parse_score,
    place_side,
    place_words,
)
from crest.journal.vocabulary import CheckInTiming, Comparison, Labelled, PainQuality, Region, Sensation, Side

_COMPARISON_KEYS = {"b": Comparison.BETTER, "s": Comparison.SAME, "w": Comparison.WORSE}
_QUALITY_KEYS = {quality.value[0]: quality for quality in PainQuality}  # aching, sharp, burning, tingling, numb
_QUALITY_QUESTION = "   What is it like? " + " ".join(f"\\[{key}]{name[1:]}" for key, name in _QUALITY_KEYS.items())
Name = TypeVar("Name", Region, Sensation, Side, Comparison, PainQuality)


def _numbered(names: Sequence[Labelled], width: int) -> str:
    """The names numbered, as many to a line as fit in `width` columns: a line breaks between two of them, never
    inside one, where the terminal's own wrapping left "5)" at a line's end and "front of thigh" on the next."""
    lines: list[str] = []
    for number, name in enumerate(names, start=1):
        item = f"{number}) {name.label}"
        if lines and cell_len(lines[-1]) + 2 + cell_len(item) <= width:
            lines[-1] += f"  {item}"
        else:
            lines.append(item)
    return "\n".join(lines)


def _refuse(asker: Asker, question: str, words: str) -> None:
    """A wrong answer's one line in the product's words ("pain score: enter 10 or less, not “11”"), indented as its
    question, as text: what was typed is repeated, never read as markup."""
    indent = question[: len(question) - len(question.lstrip(" "))]
    asker.console.print(hanging(asker.console, Text(f"{indent}{words}")))


def _pick_numbers(asker: Asker, question: str, names: list[Name], what: str) -> list[Name]:
    """`what`: the answer as its error names it ("places")."""
    while True:
        answer = asker.ask(question)
        if answer is None:
            return []
        try:
            numbers = [int(part) for part in answer.replace(",", " ").split()]
        except ValueError:
            numbers = [0]
        if not all(1 <= number <= len(names) for number in numbers):  # 0 or -1 would pick from the end of the list
            _refuse(
                asker,
                question,
                f"{what}: enter numbers from 1 to {len(names)}, separated by spaces, not {quoted(answer)}",
            )
            continue
        return list(dict.fromkeys(names[number - 1] for number in numbers))


def _in_words(keys: dict[str, Name]) -> str:
    """Every accepted answer in words, as the re-prompt names them: "a for aching, s for sharp or n for numb"."""
    each = [f"{key} for {name.label}" for key, name in keys.items()]
    return f"{', '.join(each[:-1])} or {each[-1]}"


def _pick_key(asker: Asker, question: str, keys: dict[str, Name], what: str, enter: str = "to skip") -> Name | None:
    """One of `keys`, typed as its letter or its whole word; anything else ("a s", "bad") is asked again, as the
    record holds one answer and a first letter alone would turn "bad" into "better". `what`: the answer as its
    error names it ("side")."""
    by_answer = {spelling: name for key, name in keys.items() for spelling in (key, name.value, name.label)}
    while True:
        answer = asker.ask(question)
        if answer is None:
            return None
        chosen = by_answer.get(answer.lower())
        if chosen is not None:
            return chosen
        _refuse(
            asker, question, f"{what}: enter one of {_in_words(keys)}, or press Enter {enter}, not {quoted(answer)}"
        )


def _rate(asker: Asker, where: str) -> int | None:
    while True:
        answer = asker.ask(f"   How strong is it in your {where} now, 0-10?")
        if answer is None:
            return None
        try:
            return parse_score(answer)
        except CrestError as error:
            asker.console.print(hanging(asker.console, Text(f"   {error}")))  # what was typed: text, never markup


def _note(asker: Asker) -> str | None:
    """The note, asked again while the journal would refuse it (a control character pasted in): the answers
    before it stay."""
    while True:
        note = asker.ask("A note for yourself?")
        try:
            return check_note(note)
        except CrestError as error:
            asker.console.print(hanging(asker.console, Text(one_line(f"   {error}"))))  # text, never markup or raw


def _pick_sensations(asker: Asker) -> frozenset[Sensation]:
    """The sensations noticed, asked again while they break the check-in's rule ('none' stands alone), in the
    terminal's words: numbers to type, not boxes to untick."""
    names = list(Sensation)
    asker.console.print(_numbered(names, asker.console.width))
    while True:
        try:
            return check_sensations(_pick_numbers(asker, "Did you notice any of these? (numbers)", names, "sensations"))
        except FieldError:
            none = names.index(Sensation.NONE) + 1
            asker.console.print(
                f"sensations: {none} ({Sensation.NONE.label}) goes alone; enter it by itself, or only the others"
            )


class CheckInStopped(StoppedAtPrompt):
    """Ctrl-C in the check-in: nothing of it is saved (as the safety questions save nothing left unfinished), but
    `so_far`, what was typed before it, is there for the advice a warning sign in it calls for."""

    def __init__(self, so_far: CheckIn | None) -> None:
        super().__init__()
        self.so_far = so_far


def ask_check_in(asker: Asker, session_id: int | None, clock: Clock) -> CheckIn | None:
    """Ask the questions (of a session, or on their own with `session_id` None); None when everything was
    skipped. A Ctrl-C raises `CheckInStopped` with the answers typed so far, a place rated but not yet described
    among them: a warning sign is named by a place, a side and a score."""
    typed = _Typed(session_id)
    try:
        _ask(asker, typed)
    except StoppedAtPrompt:
        raise CheckInStopped(typed.check_in(clock())) from None
    return typed.check_in(clock())


def pain_option(rating: PainRating) -> str:
    """The rating as `crest log --pain` reads it back: 'foot:both=3:tingling'."""
    quality = "" if rating.quality is None else f":{rating.quality.value}"
    return f"{rating.region.value}:{rating.side.value}={rating.score}{quality}"


@dataclass
class _Typed:
    """The check-in's answers as they are typed."""

    session_id: int | None
    pain: list[PainRating] = field(default_factory=list)
    rating: PainRating | None = None  # the place being described: its score given, what it is like not yet
    comparison: Comparison | None = None
    sensations: frozenset[Sensation] = frozenset()
    note: str | None = None

    def check_in(self, at: datetime) -> CheckIn | None:
        check_in = CheckIn(
            at=at,
            timing=CheckInTiming.STANDALONE if self.session_id is None else CheckInTiming.AFTER,
            session_id=self.session_id,
            pain=(*self.pain, *([self.rating] if self.rating is not None else [])),
            sensations=self.sensations,
            compared_with_before=self.comparison,
            note=self.note,
        )
        return None if check_in.is_empty else check_in


def _ask(asker: Asker, typed: _Typed) -> None:
    console = asker.console
    console.print("\n[bold]How do you feel?[/bold] [dim]Press Enter to skip any question.[/dim]")
    regions = list(Region)
    console.print(_numbered(regions, console.width))
    for region in _pick_numbers(asker, "Where do you feel pain or tension now? (numbers)", regions, "places"):
        # The whole place is both sides of a pair, the centre of a midline place: one key for it. Enter is the
        # centre of a midline place, but skips a pair, whose side is never guessed (both legs is a warning sign).
        whole = region.usual_side
        sides = {"l": Side.LEFT, "r": Side.RIGHT, whole.value[0]: whole}
        whole_words = whole.label if whole is Side.BOTH else f"{whole.label}, the whole {region.label}"
        enter = f"to skip the {region.label}" if region.has_sides else f"for {whole_words}"
        or_enter = f"press Enter {enter}" if region.has_sides else "just press Enter"
        offered = f"\\[l]eft, \\[r]ight or \\[{whole.value[0]}]{whole_words[1:]} (or {or_enter})"
        side = _pick_key(asker, f"   {region.label.capitalize()}: which side? {offered}", sides, "side", enter)
        if side is None and region.has_sides:
            continue
        where = place_words(region, place_side(region, side))  # 'hip (left)', as the journal says
        score = _rate(asker, where)
        if score is None:  # a place picked and then dropped without a word read as if it had been saved
            console.print(hanging(console, f"   No score: the {where} is left out."))
        else:
            typed.rating = PainRating(region=region, side=side, score=score)
            quality = _pick_key(asker, _QUALITY_QUESTION, _QUALITY_KEYS, "what it is like") if score > 0 else None
            typed.pain.append(PainRating(region=region, side=side, score=score, quality=quality))
            typed.rating = None
    # Only a check-in after a kept session is compared with before it.
    if typed.session_id is not None:
        typed.comparison = _pick_key(
            asker,
            "Compared with before the session: \\[b]etter, \\[s]ame or \\[w]orse?",
            _COMPARISON_KEYS,
            "compared with before",
        )
    typed.sensations = _pick_sensations(asker)
    typed.note = _note(asker)
