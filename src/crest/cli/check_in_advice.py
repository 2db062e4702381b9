"""The calm answer in the terminal to a check-in that is clearly worse, or that names a warning sign, and the help
entries for what it noticed (yawning, emotions...), as the web offers them after saving."""

from collections.abc import Iterable

from rich.console import Console
from rich.markup import escape

from crest.cli.asker import Asker, StoppedAtPrompt
from crest.cli.why_hint import why_hint
from crest.journal.vocabulary import Sensation
from crest.knowledge.why_links import SENSATIONS
from crest.safety.screen import ANSWER_AGAIN_AFTER, AdviceLevel
from crest.safety.worse_check_in import WarningLevel, WarningSign, WorseAdvice


def by_advice(signs: Iterable[WarningSign]) -> tuple[list[WarningSign], list[WarningSign]]:
    """The urgent-care signs and the "see a clinician" ones, each in the order given."""
    named = list(signs)
    return (
        [sign for sign in named if sign.level is WarningLevel.URGENT_CARE],
        [sign for sign in named if sign.level is WarningLevel.SEE_CLINICIAN],
    )


def urgent_signs_confirmed(console: Console, signs: Iterable[WarningSign]) -> bool:
    """Whether the person confirms the urgent-care signs a check-in names before it is saved (True when it names
    none): once saved such a sign holds for two weeks and no correction lifts it, so a slip (tingling for aching)
    gets one look first, as a "yes" to a safety question does. The answer must be typed: Enter skips every question
    of the check-in before it, so Enter here must neither keep nor drop a sign; and a "no", or a Ctrl-C at the
    question, repeats what to do, in case the sign is there after all. A "see a clinician" sign among `signs`
    (`signs_to_confirm`) is named after the urgent step, with its own advice."""
    urgent, others = by_advice(signs)
    if not urgent:
        return True
    days = ANSWER_AGAIN_AFTER[AdviceLevel.URGENT].days
    console.print(f"\nThis check-in notes {'a warning sign' if len(urgent) == 1 else 'warning signs'}:")
    for sign in urgent:
        console.print(f"- {escape(sign.title)}")
    console.print(
        f"It means seeking urgent medical care, and once saved it holds for {days} days: correcting or deleting "
        "the check-in does not lift it."
    )
    if others:
        one = len(others) == 1
        console.print(
            f"It also notes {'a warning sign' if one else 'warning signs'} to see a clinician about (correcting or "
            f"deleting the check-in lifts {'this one' if one else 'these'}):"
        )
        for sign in others:
            console.print(f"- {escape(sign.title)}")
    try:
        if Asker(console).yes_or_no("Is that right?"):
            return True
    except StoppedAtPrompt:
        _urgent_care_after_all(console)  # nothing is saved, but the sign may be there: the advice is said all the same
        raise
    _urgent_care_after_all(console)
    return False


def _urgent_care_after_all(console: Console) -> None:
    console.print(
        "[bold red]If it is there after all, please seek urgent medical care now,[/bold red] whether or not it is "
        "saved here."
    )


def show_check_in_advice(console: Console, advice: WorseAdvice | None) -> None:
    if advice is None:
        return
    for sign in advice.warnings:
        style = "bold red" if sign.level is WarningLevel.URGENT_CARE else "bold yellow"
        console.print(f"\n[{style}]{escape(sign.title)}.[/{style}] {escape(sign.text)}")
        console.print(f"[dim]Source: {escape('; '.join(sign.sources))}[/dim]")
    if advice.worse:
        console.print(f"\n[bold]Your check-in {advice.says}.[/bold]")
        for reason in advice.reasons:
            console.print(f"- {escape(reason)}")
        for number, step in enumerate(advice.steps, start=1):
            console.print(f"{number}. {escape(step)}")
        console.print(f"[dim]Source: {escape('; '.join(advice.sources))}[/dim]")


def show_sensation_help(console: Console, sensations: Iterable[Sensation], advice: WorseAdvice | None) -> None:
    """One 'why?' line per noted sensation that has a help entry; none under urgent care, which stands alone."""
    if advice is not None and advice.urgent:
        return
    noted = set(sensations)
    shown: set[str] = set()
    for sensation in (sensation for sensation in Sensation if sensation in noted):  # in the check-in's order
        hint = why_hint(SENSATIONS.get(sensation))
        if hint is not None and hint not in shown:  # one line per entry, however many sensations share it
            shown.add(hint)
            console.print(f"[dim]{escape(sensation.label.capitalize())}: {escape(hint)}[/dim]")
