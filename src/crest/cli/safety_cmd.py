"""`crest safety`, and the screen asked before the first session and every 90 days."""

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import typer

from crest.errors import CrestError

if TYPE_CHECKING:
    from crest.cli.asker import Asker
    from crest.journal.store import Journal
    from crest.safety.screen import Assessment


class SafetyScreenUnanswered(CrestError):
    """The safety questions could not be asked: no one is at the keyboard."""


def register(app: typer.Typer) -> None:
    app.command("safety")(safety)


def safety() -> None:
    """Answer the safety questions (red flags, pregnancy, recent surgery) and see what they mean for you."""
    from rich.console import Console

    from crest.cli.asker import Asker
    from crest.cli.journal_access import open_journal

    console = Console()
    with open_journal() as journal:
        assessment = run_safety_screen(journal, Asker(console))
    if not assessment.may_practise:
        raise typer.Exit(1)


def run_safety_screen(journal: "Journal", asker: "Asker") -> "Assessment":
    """Ask every question, store the answers with the date, and show the advice."""
    from crest.journal.records import SafetyScreen
    from crest.protocol import load_protocol
    from crest.safety.screen import QUESTIONS, AdviceLevel, assess

    console = asker.console
    console.print("[bold]A few safety questions[/bold] before you rest. Answer y or n.")
    answers: dict[str, bool] = {}
    for number, question in enumerate(QUESTIONS, start=1):
        answers[question.id] = _required_yes_no(asker, f"{number}. {question.text}")
    assessment = assess(answers)
    journal.record_safety_screen(
        SafetyScreen(answered_at=datetime.now(UTC), answers=answers, advice_level=assessment.level.name.lower())
    )
    style = {AdviceLevel.CLEAR: "green", AdviceLevel.URGENT: "bold red"}.get(assessment.level, "bold yellow")
    console.print(f"\n[{style}]{assessment.advice}[/{style}]")
    for reason in assessment.reasons:
        console.print(f"[dim]- because of: {reason.text} (source: {reason.source})[/dim]")
    console.print(f"[dim]{load_protocol().disclaimer}[/dim]")
    return assessment


def ensure_safety_screen(journal: "Journal", asker: "Asker") -> bool:
    """True when the person may practise: screened recently with no concern, or screened now with none."""
    from crest.safety.screen import AdviceLevel, screen_due

    latest = journal.latest_safety_screen()
    last_level = AdviceLevel[latest.advice_level.upper()] if latest else None
    if not screen_due(latest.answered_at if latest else None, last_level, datetime.now(UTC)):
        return True
    if asker.assume_yes:
        asker.console.print(
            "[dim]Safety questions skipped (--yes): you confirm none of the red flags in `crest safety` apply "
            "to you. They will be asked next time without --yes.[/dim]"
        )
        return True
    return run_safety_screen(journal, asker).may_practise


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
