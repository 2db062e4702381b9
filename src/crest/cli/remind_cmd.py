"""`crest remind`: a calendar file that reminds you to rest, weekly on your days at your local time."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crest.cli.file_names import Overwrite, file_name
from crest.errors import one_line


def remind(
    at: Annotated[
        list[str] | None,
        typer.Option(
            "--time",
            metavar="HH:MM",
            help="Local time; give it twice for two reminders a day (default: Settings, else 18:00).",
        ),
    ] = None,
    days: Annotated[
        str | None, typer.Option("--days", metavar="mon,tue,...", help="Days of the week (default: every day).")
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option("--minutes", min=5, max=30, metavar="MINUTES", help="Length of the rest (default: your usual)."),
    ] = None,
    zone: Annotated[
        str | None, typer.Option("--zone", metavar="AREA/CITY", help="Time zone (default: this computer's).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar="crest.ics", parser=file_name, help="Write to this file (default: screen)."
        ),
    ] = None,
    overwrite: Overwrite = False,
) -> None:
    """Make an iCalendar (.ics) file with a weekly reminder and an alarm, to import into your calendar app."""
    from crest.cli.consoles import console
    from crest.cli.journal_access import open_services
    from crest.cli.safety_cmd import most_serious_advice_last, show_standing_concern
    from crest.interop.ical import parse_weekdays
    from crest.private_files import write_private_file

    chosen_days = parse_weekdays(days) if days is not None else None
    with open_services() as services, most_serious_advice_last(services.safety):
        made = services.reminders.calendar_file(
            times=tuple(at) if at else None, days=chosen_days, minutes=minutes, zone_name=zone
        )
        # A reminder to rest, while a warning sign says not to until seen: the sign first, on stderr, so that the
        # calendar on stdout stays a calendar.
        show_standing_concern(console(stderr=True, highlight=False), services)
    said = console(stderr=True, highlight=False)  # wrapped by words on a narrow terminal, as crest's errors are
    if output is None:
        typer.echo(made.text, nl=False)
    else:
        write_private_file(output, made.text, suggested_name="crest.ics", overwrite=overwrite)
        written = one_line(str(output))
        said.print(f"Wrote the reminder to {written}; open it with your calendar app to add it.", markup=False)
    said.print(made.said_with_it, markup=False)


def register(app: typer.Typer) -> None:
    app.command("remind")(remind)
