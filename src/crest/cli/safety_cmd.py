"""`crest safety`, and the screen asked before the first session and every 90 days."""

from typing import TYPE_CHECKING

import typer

from crest.errors import CrestError

if TYPE_CHECKING:
    from crest.cli.asker import Asker
    from crest.services.safety import Safety, SafetyStanding


class SafetyScreenUnanswered(CrestError):
    """The safety questions could not be asked: no one is at the keyboard."""


def register(app: typer.Typer) -> None:
    app.command("safety")(safety)


def safety() -> None:
    """Answer the safety questions (red flags, pregnancy, recent surgery) and see what they mean for you."""
    from rich.console import Console

    from crest.cli.asker import Asker
    from crest.cli.journal_access import open_services

    with open_services() as services:
        standing = run_safety_screen(services.safety, Asker(Console()))
    if standing.concern_stands:
        raise typer.Exit(1)


def run_safety_screen(safety: "Safety", asker: "Asker") -> "SafetyStanding":
    """Ask every question, store the answers with the date, and show the advice."""
    from rich.markup import escape

    from crest.cli.why_hint import why_hint
    from crest.knowledge.why_links import SAFETY_QUESTIONS
    from crest.protocol import load_protocol
    from crest.safety.screen import AdviceLevel

    console = asker.console
    console.print("[bold]A few safety questions[/bold] before you rest. Answer y or n.")
    answers: dict[str, bool] = {}
    for number, question in enumerate(safety.questions(), start=1):
        answers[question.id] = _required_yes_no(asker, f"{number}. {question.text}")
    standing = safety.record(answers)
    style = {AdviceLevel.CLEAR: "green", AdviceLevel.URGENT: "bold red"}.get(
        standing.level or AdviceLevel.SEE_CLINICIAN, "bold yellow"
    )
    console.print(f"\n[{style}]{escape(standing.advice or '')}[/{style}]")
    for reason in standing.reasons:
        console.print(f"[dim]- because of: {escape(reason.text)} (source: {escape(reason.source)})[/dim]")
        hint = why_hint(SAFETY_QUESTIONS.get(reason.id))
        if hint:
            console.print(f"[dim]  {escape(hint)}[/dim]")
    console.print(f"[dim]{load_protocol().disclaimer}[/dim]")
    return standing


def ensure_safety_screen(safety: "Safety", asker: "Asker") -> bool:
    """True when the person may practise: screened recently with no concern, or screened now with none.

    `--yes` stands for "none of these apply" only while no concern stands; it never lifts one.
    """
    standing = safety.standing()
    if standing.concern_stands and asker.assume_yes:
        safety.require_no_concern()  # raises with the advice and the answers behind it
    if not standing.due:
        return True
    if asker.assume_yes:
        asker.console.print(
            "[dim]Safety questions skipped (--yes): you confirm none of the red flags in `crest safety` apply "
            "to you. They will be asked next time without --yes.[/dim]"
        )
        return True
    return not run_safety_screen(safety, asker).concern_stands


def _required_yes_no(asker: "Asker", question: str) -> bool:
    from rich.markup import escape

    while True:
        answer = asker.ask(f"{escape(question)} \\[y/n]")
        if answer is not None and answer.lower() in ("y", "yes", "n", "no"):
            return answer.lower().startswith("y")
        if asker.input_closed:
            raise SafetyScreenUnanswered(
                "the safety questions need your answers: run `crest safety` in a terminal "
                "(or pass --yes to confirm none apply)"
            )
        asker.console.print("Please answer y or n.")
