"""`crest report`: a report for your clinician, as a PDF or an HTML file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from crest.cli.file_names import Overwrite, file_name
from crest.errors import one_line


def report(
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="First day (default: your first record).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="DATE", help="Last day (default: today).")] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="report.pdf|report.html",
            parser=file_name,
            help="Where to write it; .pdf or .html (default: crest-report-DATE.pdf here).",
        ),
    ] = None,
    notes: Annotated[bool, typer.Option("--notes", help="Include your own notes (left out unless you ask).")] = False,
    paper: Annotated[str, typer.Option("--paper", metavar="a4|letter", help="Paper size of the PDF.")] = "a4",
    overwrite: Overwrite = False,
) -> None:
    """A report for your clinician: practice, pain per place with verdicts, before/after, PSFS, safety answers."""
    from crest.cli.journal_access import open_services
    from crest.journal.records import parse_day
    from crest.report.render import check_paper

    first = None if since is None else parse_day(since, "--since")
    last = None if until is None else parse_day(until, "--until")
    chosen_paper = check_paper(paper)
    from crest.insights.report import InvalidPeriod

    with open_services() as services:
        try:
            built = services.clinician_reports.build(since=first, until=last, include_notes=notes)
        except InvalidPeriod as error:
            raise error.named("--since and --until") from None
        path = output or _free_default_name(f"crest-report-{built.generated_at:%Y-%m-%d}")
        services.clinician_reports.write(path, built, chosen_paper, overwrite=overwrite)
    period = built.data.period
    typer.echo(f"Wrote the report for {period.first_day} to {period.last_day} to {one_line(str(path))}.")


def _free_default_name(stem: str) -> Path:
    """crest-report-DATE.pdf, or -2, -3 ... when an earlier report of the day has the name: a second report the
    same day (after a check-in, say) is written beside the first, never over it."""
    path = Path(f"{stem}.pdf")
    number = 1
    while os.path.lexists(path):
        number += 1
        path = Path(f"{stem}-{number}.pdf")
    return path


def register(app: typer.Typer) -> None:
    app.command("report")(report)
