"""The calm answer in the terminal to a check-in that is clearly worse, or that names a warning sign."""

from rich.console import Console
from rich.markup import escape

from crest.safety.worse_check_in import WarningLevel, WorseAdvice


def show_check_in_advice(console: Console, advice: WorseAdvice | None) -> None:
    if advice is None:
        return
    for sign in advice.warnings:
        style = "bold red" if sign.level is WarningLevel.URGENT_CARE else "bold yellow"
        console.print(f"\n[{style}]{escape(sign.title)}.[/{style}] {escape(sign.text)}")
        console.print(f"[dim]Source: {escape('; '.join(sign.sources))}[/dim]")
    if advice.worse:
        console.print("\n[bold]Your check-in says things got worse.[/bold]")
        for reason in advice.reasons:
            console.print(f"- {escape(reason)}")
        for number, step in enumerate(advice.steps, start=1):
            console.print(f"{number}. {escape(step)}")
        console.print(f"[dim]Source: {escape('; '.join(advice.sources))}[/dim]")
