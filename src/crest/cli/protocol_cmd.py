"""`crest protocol`: the setup checklist of a variant, readable or as JSON."""

import json
from typing import Annotated

import typer

# `crest protocol` and `crest session` take a variant alike.
VARIANT_HELP = (
    "standard, supported (calves on a chair), somatic or side_lying (default: standard, or side_lying while your "
    "safety answers advise resting on your side)."
)


def register(app: typer.Typer) -> None:
    app.command("protocol")(protocol)


def protocol(
    variant: Annotated[
        str | None,
        typer.Option(
            metavar="VARIANT",
            help=VARIANT_HELP,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a checklist.")] = False,
) -> None:
    """Show how to set up the constructive rest position, step by step."""
    from rich.padding import Padding

    from crest.cli.consoles import console as make_console
    from crest.protocol import load_protocol
    from crest.protocol.model import SIDE_LYING_VARIANT
    from crest.session.timeline import check_variant

    crp = load_protocol()
    on_the_side = variant is None and _side_lying_advised()
    default = SIDE_LYING_VARIANT if on_the_side else "standard"
    chosen = check_variant(crp, default if variant is None else variant)
    details = crp.variants[chosen]
    steps = crp.setup_for(chosen)
    if as_json:
        document = {
            "name": crp.name,
            "variant": chosen,
            "title": details.title,
            "summary": details.summary,
            "minutes": {
                "default": crp.timing.default_minutes,
                "usual": [crp.timing.usual_min_minutes, crp.timing.usual_max_minutes],
                "allowed": [crp.timing.min_minutes, crp.timing.max_minutes],
            },
            "setup": [{"id": s.id, "title": s.title, "text": s.text, "source": crp.cite(s.sources)} for s in steps],
            "ending": [{"id": e.id, "text": e.text, "source": crp.cite(e.sources)} for e in crp.ending_for(chosen)],
            "disclaimer": crp.disclaimer,
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return
    console = make_console()
    if on_the_side:
        # The guided session's module (its live panel, sounds, prompts) only for its sentence, when it is said.
        from crest.cli.guided_session import SIDE_LYING_BY_DEFAULT

        console.print(f"[yellow]{SIDE_LYING_BY_DEFAULT.format(what='this')}[/yellow]")
    console.print(f"[bold]{crp.name}[/bold] · {details.title}: {details.summary}")
    console.print(
        f"Rest {crp.timing.usual_min_minutes}-{crp.timing.usual_max_minutes} minutes "
        f"(crest's default is {crp.timing.default_minutes}). {crp.suggested_time.text}\n"
    )
    # Indented to the text's own width (expand=False): a padding as wide as the console would end every line in
    # spaces, to the edge of a terminal or as far as a line may run in a file.
    for number, step in enumerate(steps, start=1):
        console.print(f"[bold]{number}. {step.title}[/bold]")
        text = f"{step.text}\n[dim]Source: {crp.cite(step.sources)}[/dim]"
        console.print(Padding(text, (0, 0, 0, 3), expand=False))
    console.print("\n[bold]Coming out of it[/bold]")
    for part in crp.ending_for(chosen):
        console.print(Padding(f"{part.text} [dim]({crp.cite(part.sources)})[/dim]", (0, 0, 0, 3), expand=False))
    console.print(f"\n[dim]{crp.disclaimer}[/dim]")


def _side_lying_advised() -> bool:
    """Whether the safety answers advise the side-lying rest (pregnancy): the steps shown by default are then its."""
    from crest.cli.journal_access import open_services

    with open_services() as services:
        return services.safety.standing().side_lying_only
