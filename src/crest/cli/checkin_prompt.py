"""The optional check-in after a session: pain by region and side, compared with before, sensations, a note.

Every question can be skipped with Enter; a typo is explained and asked again, never a crash.
"""

from datetime import UTC, datetime

from crest.cli.asker import Asker
from crest.errors import CrestError
from crest.journal.records import REGIONS, SENSATIONS, CheckIn, PainRating, parse_score

_SIDE_KEYS = {"l": "left", "r": "right", "b": "both", "c": "centre"}
_COMPARISON_KEYS = {"b": "better", "s": "same", "w": "worse"}


def _numbered(names: list[str], labels: dict[str, str]) -> str:
    return "  ".join(f"{number}) {labels[name]}" for number, name in enumerate(names, start=1))


def _pick_numbers(asker: Asker, question: str, names: list[str]) -> list[str]:
    while True:
        answer = asker.ask(question)
        if answer is None:
            return []
        try:
            picked = [names[int(part) - 1] for part in answer.replace(",", " ").split()]
        except (ValueError, IndexError):
            asker.console.print(f"Please type numbers from 1 to {len(names)}, separated by spaces.")
            continue
        return list(dict.fromkeys(picked))


def _pick_key(asker: Asker, question: str, keys: dict[str, str]) -> str | None:
    while True:
        answer = asker.ask(question)
        if answer is None:
            return None
        chosen = keys.get(answer[0].lower())
        if chosen is not None:
            return chosen
        asker.console.print(f"Please type one of {', '.join(keys)}, or press Enter to skip.")


def _rate(asker: Asker, where: str) -> int | None:
    while True:
        answer = asker.ask(f"   How strong is it in your {where} now, 0-10?")
        if answer is None:
            return None
        try:
            return parse_score(answer)
        except CrestError as error:
            asker.console.print(f"   {error}")


def ask_check_in(asker: Asker, session_id: int) -> CheckIn | None:
    """Ask the questions; None when everything was skipped."""
    console = asker.console
    console.print("\n[bold]How do you feel?[/bold] [dim]Press Enter to skip any question.[/dim]")
    regions = list(REGIONS)
    console.print(_numbered(regions, dict(REGIONS)))
    pain: list[PainRating] = []
    for region in _pick_numbers(asker, "Where do you feel pain or tension now? (numbers)", regions):
        side_question = f"   {REGIONS[region].capitalize()}: which side? \\[l]eft \\[r]ight \\[b]oth \\[c]entre"
        side = _pick_key(asker, side_question, _SIDE_KEYS)
        score = _rate(asker, REGIONS[region])
        if score is not None:
            pain.append(PainRating(region=region, side=side, score=score))
    comparison = _pick_key(
        asker, "Compared with before the session: \\[b]etter, \\[s]ame or \\[w]orse?", _COMPARISON_KEYS
    )
    sensations_list = list(SENSATIONS)
    console.print(_numbered(sensations_list, dict(SENSATIONS)))
    sensations = _pick_numbers(asker, "Did you notice any of these? (numbers)", sensations_list)
    if "none" in sensations and len(sensations) > 1:
        sensations.remove("none")
    note = asker.ask("A note for yourself?")
    check_in = CheckIn(
        at=datetime.now(UTC),
        timing="after",
        session_id=session_id,
        pain=tuple(pain),
        sensations=frozenset(sensations),
        compared_with_before=comparison,
        note=note,
    )
    return None if check_in.is_empty else check_in

