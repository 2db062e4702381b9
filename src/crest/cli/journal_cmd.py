"""`crest log`, `crest history`, `crest export`, `crest import`: the journal from the terminal.

SQLAlchemy and the journal modules are imported inside the commands so that `crest --help` stays quick.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crest.cli.file_names import Overwrite, file_name
from crest.counting import counted
from crest.durations import rested_text
from crest.errors import CrestError, one_line, shown, terminal_json
from crest.insights.practice import DEMO_WORDS
from crest.journal.vocabulary import Comparison, PainQuality, Region, Sensation

if TYPE_CHECKING:
    from rich.console import Console

    from crest.accounts.records import SessionNote
    from crest.journal.records import CheckIn, PracticeSession
    from crest.safety.worse_check_in import WarningSign


class NothingToLog(CrestError):
    """`crest log` without anything to record."""


class OptionOfAnotherFormat(CrestError):
    """`crest export` given an option of the FHIR export (--fhir-version, --name) for another format."""


def _when(moment: datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def moment_at(text: str, zone: tzinfo, what: str) -> datetime:
    """`--at`, read in `zone` unless it gives its own offset. Its day is judged as written, the day a refusal
    names: the journal's own check lets through a time that is 2000 anywhere, as it keeps times in UTC."""
    from crest.journal.records import check_window_day, parse_datetime

    moment = parse_datetime(text, zone, "--at")
    check_window_day(moment.date(), f"--at: {what}")
    return moment


def log(
    pain: Annotated[
        list[str] | None,
        typer.Option(
            "--pain",
            metavar="REGION[:SIDE]=N[:QUALITY]",
            help=f"Pain from 0 to 10, e.g. lower_back=4, hip:left=3 or calf_and_shin:left=5:tingling. Regions: "
            f"{', '.join(Region)}; sides: left, right or both, which "
            f"{', '.join(region for region in Region if region.has_sides)} need (a place on the midline needs "
            f"none); what it is like: "
            f"{', '.join(PainQuality)}. Repeat for more places.",
        ),
    ] = None,
    sensation: Annotated[
        list[str] | None,
        typer.Option(
            "--sensation",
            metavar="SENSATION",
            help=f"{', '.join(Sensation)}. Repeatable.",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A free note.")] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="ISO-TIME", help="When, e.g. 2026-05-01T07:30 (local time); default now."),
    ] = None,
    before_session: Annotated[
        bool,
        typer.Option(
            "--before-session",
            help="Just before a session: the session you start within the hour takes this check-in up, so Progress "
            "and the report compare each place before and after it.",
        ),
    ] = False,
    after_session: Annotated[
        bool,
        typer.Option(
            "--after-session",
            help="Just after a session (one logged with crest log-session too): the session that ended in the hour "
            "before this check-in takes it as its 'after'.",
        ),
    ] = False,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            help="Save a check-in that names an urgent-care warning sign without asking 'Is that right?' first "
            "(needed when not run in a terminal).",
        ),
    ] = False,
) -> None:
    """Record a check-in without a session: pain, sensations, a note."""
    from crest.cli.journal_access import open_services
    from crest.clock import system_now, system_zone
    from crest.journal.plausibility import ImpossibleRecord
    from crest.journal.records import CheckIn, parse_pain, parse_sensation
    from crest.journal.vocabulary import CheckInTiming
    from crest.services.practice import BEFORE_CHECK_IN_WAITS

    if before_session and after_session:
        raise NothingToLog("a check-in is before a session or after one; give --before-session or --after-session")
    moment = moment_at(at, system_zone(), "the check-in time") if at is not None else system_now()
    check_in = CheckIn(
        at=moment,
        timing=CheckInTiming.BEFORE if before_session else CheckInTiming.STANDALONE,
        pain=tuple(parse_pain(entry) for entry in pain or ()),
        sensations=frozenset(parse_sensation(name) for name in sensation or ()),
        note=note,
    )
    if check_in.is_empty:
        raise NothingToLog("nothing to log; give --pain REGION[:SIDE]=N[:QUALITY], --sensation or --note")
    from crest.cli.check_in_advice import show_check_in_advice, show_sensation_help
    from crest.cli.consoles import console as make_console
    from crest.cli.safety_cmd import show_standing_concern
    from crest.safety.screen import AdviceLevel
    from crest.services.sign_confirmation import signs_to_confirm

    with open_services() as services:
        if after_session:
            check_in = services.practice.followed_by(check_in)
        if not yes:
            _confirm_urgent_signs(make_console(highlight=False), signs_to_confirm(services.check_ins, check_in))
        try:
            saved = services.check_ins.add(check_in)
        except ImpossibleRecord as error:
            raise error.named(_LOG_OPTIONS.get(error.field, error.field)) from None
        # What to do comes first: a warning sign's "seek urgent care" must not follow a routine "Saved", nor does
        # a sign that stands from before go unsaid because this check-in is calm.
        console, advice = make_console(highlight=False), services.check_ins.advice_for(saved)
        standing = show_standing_concern(console, services, said_for_check_in=saved.id)
        show_check_in_advice(console, advice)
        summary = _check_in_summary(saved)
        ended = summary.endswith((".", "!", "?"))  # a note's own full stop ends the line: not "a lot.."
        typer.echo(f"Saved check-in {saved.id} ({_when(saved.at)}): {summary}{'' if ended else '.'}")
        if before_session:
            hours = BEFORE_CHECK_IN_WAITS // timedelta(hours=1)
            typer.echo(f"A session you start within {counted(hours, 'hour')} takes it up as its 'before'.")
        if saved.session_id is not None:
            typer.echo(f"It is the check-in after session {saved.session_id}.")
        if standing.level is not AdviceLevel.URGENT:  # urgent care stands alone, as on the web's Today
            show_sensation_help(console, saved.sensations, advice)


class UrgentSignNotConfirmed(CrestError):
    """`crest log` of an urgent-care sign, not confirmed: nothing is saved."""


def _in_a_terminal() -> bool:
    return sys.stdin.isatty()


def _confirm_urgent_signs(console: Console, signs: tuple[WarningSign, ...]) -> None:
    """An urgent-care sign holds for two weeks once saved and no correction lifts it: one look before saving, as
    the safety questions ask after a "yes", so that a slip (tingling for aching) costs nothing. Refused, nothing
    saved, when it is not confirmed, or cannot be asked (no terminal): `--yes` confirms it beforehand. `signs`: as
    `signs_to_confirm` gives them, the urgent ones first and any "see a clinician" one after them."""
    from crest.cli.check_in_advice import by_advice, urgent_signs_confirmed

    if not signs:
        return
    urgent, others = by_advice(signs)
    named = "; ".join(sign.title for sign in urgent)
    also = (
        f" and {'a sign' if len(others) == 1 else 'signs'} to see a clinician about "
        f"({'; '.join(sign.title for sign in others)})"
        if others
        else ""
    )
    if not _in_a_terminal():
        raise UrgentSignNotConfirmed(
            f"this check-in names {'a sign' if len(urgent) == 1 else 'signs'} to seek urgent care ({named}){also}, "
            "so it is saved only when confirmed; nothing was saved: run it again with --yes if that is right"
        )
    if not urgent_signs_confirmed(console, signs):
        raise UrgentSignNotConfirmed("nothing was saved; run crest log again with what you meant")


_COMPARED_WITH_BEFORE = {
    Comparison.BETTER: "better than before",
    Comparison.SAME: "about the same as before",
    Comparison.WORSE: "worse than before",
}


def log_session(
    minutes: Annotated[int, typer.Option("--minutes", metavar="MINUTES", help="How long you rested, 5-30 minutes.")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="ISO-TIME",
            help="When it started, e.g. 2026-05-01T07:30 (local time); default: it just ended.",
        ),
    ] = None,
    variant: Annotated[
        str | None,
        typer.Option(
            metavar="VARIANT",
            help="standard, supported, somatic or side_lying; default: your prescription's that day, else standard.",
        ),
    ] = None,
) -> None:
    """Log a session done without crest (on holiday, at a class): back-dated, marked as logged, not timed."""
    from datetime import timedelta

    from crest.cli.consoles import console as make_console
    from crest.cli.journal_access import open_services
    from crest.cli.safety_cmd import show_standing_concern
    from crest.clock import system_now, system_zone
    from crest.journal.plausibility import ImpossibleRecord
    from crest.journal.records import check_planned_minutes, check_variant
    from crest.protocol.loader import load_protocol

    check_planned_minutes(minutes, "--minutes")
    if variant is not None:
        check_variant(variant)
    # In local time either way: a refusal names the session it overlaps in the zone of this start.
    zone = system_zone()
    started = (
        moment_at(at, zone, "the session start")
        if at is not None
        else system_now().astimezone(zone) - timedelta(minutes=minutes)
    )
    with open_services() as services:
        if variant is None:  # the rest prescribed that day, else the standard one
            prescribed = services.reports.prescription()
            applies = prescribed is not None and prescribed.applies_on(started.date())
            variant = prescribed.variant if prescribed is not None and applies else "standard"
        try:
            saved = services.practice.log(started, minutes, variant)
        except ImpossibleRecord as error:
            raise error.named("--at") from None
        # Kept as done (it happened), but a warning sign that stands is said first, as `crest session` says it.
        show_standing_concern(make_console(highlight=False), services)
    typer.echo(
        f"Logged session {saved.id} ({_when(saved.started_at)}): {rested_text(saved.actual_seconds)}, "
        f"{load_protocol().variant_title(saved.variant)}; marked as logged, not timed."
    )


_LOG_OPTIONS = {"at": "--at", "pain": "--pain"}  # a refused field, by the option that gave it


def _check_in_summary(check_in: CheckIn) -> str:
    parts = [rating.label for rating in check_in.pain]
    parts += [name.label for name in sorted(check_in.sensations)]
    if check_in.compared_with_before is not None:
        parts.append(_COMPARED_WITH_BEFORE[check_in.compared_with_before])
    if check_in.note is not None:
        parts.append(f"note: {shown(check_in.note)}")  # what a person wrote goes to the terminal: never raw
    return ", ".join(parts)


def _history_json(
    sessions: list[PracticeSession],
    check_ins: list[CheckIn],
    notes: dict[int, list[SessionNote]],
    only_check_ins: bool,
) -> str:
    from crest.journal.transfer import check_in_fields, session_fields

    if only_check_ins:
        return json.dumps([check_in_fields(check_in) for check_in in check_ins], indent=2, ensure_ascii=False)
    entries = []
    for session in sessions:
        fields = session_fields(session)
        fields["check_ins"] = [check_in_fields(c) for c in check_ins if c.session_id == session.id]
        fields["practitioner_notes"] = [
            {"author": note.author_name, "text": note.text, "written_at": note.created_at.isoformat()}
            for note in notes.get(session.id or 0, [])
        ]
        entries.append(fields)
    return json.dumps(entries, indent=2, ensure_ascii=False)


# Under this many columns the sessions table would cut its dates, variants and statuses short ("2026-…"): each
# record is then stacked, its fields on lines of their own, as `crest check` does with its criteria.
HISTORY_TABLE_MIN_COLUMNS = 100
# A record's fields as the history shows them: the columns of its table, in order.
SessionFields = tuple[str, str, str, str, str, str, str]  # #, started, variant, planned, practised, status, check
SessionNotes = dict[str, list[str]]  # by the session's #: "Note from Pat Physio, 3 Dec: ...", oldest first
CheckInFields = tuple[str, str, str, str]  # #, when, with, how it felt


def _print_history_tables(
    sessions: list[PracticeSession],
    check_ins: list[CheckIn],
    notes: dict[int, list[SessionNote]],
    since: str | None,
    check_ins_only: bool = False,
) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text  # what a person wrote is shown as text: never read as markup or :emoji: codes

    from crest.cli.consoles import console as make_console
    from crest.cli.consoles import is_unwrapped
    from crest.clock import system_now, system_zone
    from crest.protocol.loader import load_protocol

    console = make_console()
    if check_ins_only and not check_ins:  # sessions may be there: "nothing in the journal" would be untrue
        console.print(f"No check-ins in the journal from {escape(since.strip())} on." if since else "No check-ins yet.")
        return
    if check_ins_only:  # the check-ins table alone, as --json lists them alone
        sessions = []
    if not sessions and not check_ins:
        if since is not None:  # the journal may hold plenty from before
            console.print(f"Nothing in the journal from {escape(since.strip())} on.")
            return
        console.print(
            "Nothing in the journal yet. Start a rest with `crest session`, or note how you feel with `crest log`."
        )
        return
    protocol = load_protocol()
    session_rows: list[SessionFields] = [
        (
            str(session.id),
            _when(session.started_at),
            protocol.variant_title(session.variant),
            f"{session.planned_minutes} min",
            rested_text(session.actual_seconds),
            session.status.replace("_", " ")
            + (" (logged)" if session.logged else "")
            + (" (demo)" if session.demo else ""),
            session.position_check_summary or "",
        )
        for session in sessions
    ]
    zone, now = system_zone(), system_now()
    note_lines: SessionNotes = {
        # checked where they came in; escaped here still, as the terminal would act on a control character
        str(session_id): [shown(f"{note.heading(zone, now.astimezone(zone).date())}: {note.text}") for note in written]
        for session_id, written in notes.items()
    }
    check_in_rows: list[CheckInFields] = [
        (
            str(check_in.id),
            _when(check_in.at),
            # a "before" check-in no session took up says so, not "on its own": it was made for one
            check_in.timing.label
            if check_in.session_id is None
            else f"{check_in.timing} session {check_in.session_id}",
            _check_in_summary(check_in),
        )
        for check_in in check_ins
    ]
    # Said with the sessions, so that a "10 min, completed" that Progress does not count is not taken for a bug.
    demo_note = f"(demo): {DEMO_WORDS}" if any(session.demo for session in sessions) else None
    # Into a file or a pipe a table pads every row to its longest note: plain lines there, as on a narrow screen.
    if console.width < HISTORY_TABLE_MIN_COLUMNS or is_unwrapped(console):
        _print_history_stacked(console, session_rows, check_in_rows, note_lines, demo_note)
        return
    if session_rows:
        table = Table(title="Sessions", title_justify="left", caption=demo_note, caption_justify="left")
        for column in ("#", "Started", "Variant", "Planned", "Practised", "Status"):  # short: kept whole
            table.add_column(column, no_wrap=True)
        table.add_column("Position check", overflow="fold")
        for *fields, summary in session_rows:
            table.add_row(*fields, Text(summary))
        console.print(table)
        _print_notes(console, [(number, note_lines[number]) for number, *_ in session_rows if number in note_lines])
    if check_in_rows:
        table = Table(title="Check-ins", title_justify="left")
        for column in ("#", "When", "With"):
            table.add_column(column, no_wrap=True)
        table.add_column("How it felt", overflow="fold")
        for *fields, felt in check_in_rows:
            table.add_row(*fields, Text(felt))
        console.print(table)


def _print_notes(console: Console, notes: list[tuple[str, list[str]]]) -> None:
    """The practitioners' notes under the sessions table, each under its session's number: a table's column
    would pad every row to the longest note."""
    from rich.padding import Padding
    from rich.text import Text

    if notes:
        console.print(Text("Notes from your practice", style="italic"))
    for number, lines in notes:
        console.print(Text.assemble((f"#{number}", "bold")))
        for line in lines:
            console.print(Padding(Text(line), (0, 0, 0, 2), expand=False))


def _print_history_stacked(
    console: Console,
    sessions: list[SessionFields],
    check_ins: list[CheckInFields],
    notes: SessionNotes,
    demo_note: str | None,
) -> None:
    """One record to a few short lines: its number and time, then the rest of its fields as the table names them."""
    from rich.padding import Padding
    from rich.text import Text

    def print_indented(line: str) -> None:
        # A wrapped line keeps the indent of its record. A note's own lines go one by one: printed as one, Rich pads
        # the shorter ones with spaces up to the longest, and a pipe or a file gets those spaces.
        for part in line.split("\n"):
            console.print(Padding(Text(part), (0, 0, 0, 2), expand=False))

    if sessions:
        console.print(Text("Sessions", style="italic"))
        for number, started, variant, planned, practised, status, summary in sessions:
            console.print(Text.assemble((f"#{number}", "bold"), f"  {started}"))
            print_indented(f"{variant} · planned {planned}, practised {practised}")
            print_indented(status)
            if summary:
                print_indented(f"Position check: {summary}")
            for line in notes.get(number, []):
                print_indented(line)
        if demo_note is not None:
            console.print(Text(demo_note))
    if check_ins:
        console.print(Text("Check-ins", style="italic"))
        for number, when, with_session, felt in check_ins:
            console.print(Text.assemble((f"#{number}", "bold"), f"  {when}, {with_session}"))
            if felt:
                print_indented(felt)


def history(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only from this day (2026-05-01) or time on."),
    ] = None,
    check_ins_only: Annotated[
        bool,
        typer.Option("--check-ins", help="List every check-in (standalone ones too) instead of sessions."),
    ] = False,
) -> None:
    """Show past sessions and check-ins.

    With --json: a list of sessions (id, started_at, planned_minutes, actual_seconds, variant, status,
    position_check_summary, logged: done without the app and logged afterwards), each with the check-ins taken
    before and after it under check_ins, and a linked practice's notes on it (author, text, written_at) under
    practitioner_notes.
    """
    from crest.cli.consoles import console as make_console
    from crest.cli.journal_access import open_services
    from crest.cli.safety_cmd import show_standing_concern
    from crest.clock import system_zone
    from crest.journal.records import parse_since

    start = parse_since(since, system_zone(), "--since") if since is not None else None
    with open_services() as services:
        sessions = services.practice.list_sessions(since=start)
        check_ins = services.check_ins.list_check_ins(since=start)
        notes = services.reports.session_notes()  # a linked crest's: pulled by crest sync
        # A warning sign that stands is said first, as `crest log` says it (on stderr beside the JSON).
        show_standing_concern(make_console(stderr=as_json, highlight=False), services)
    if as_json:
        typer.echo(terminal_json(_history_json(sessions, check_ins, notes, check_ins_only)))
    else:
        _print_history_tables(sessions, check_ins, notes, since, check_ins_only)


def export(
    format_name: Annotated[str, typer.Option("--format", metavar="csv|json|fhir", help="File format.")] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar="PATH", parser=file_name, help="Write to this file (default: the screen)."
        ),
    ] = None,
    fhir_version: Annotated[
        str | None,
        typer.Option("--fhir-version", metavar="R5|R4B", help="With --format fhir: the FHIR release (default: R5)."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="NAME", help="With --format fhir: your name on the Patient (default: none)."),
    ] = None,
    overwrite: Overwrite = False,
) -> None:
    """Export the whole journal: JSON (one lossless file), CSV (a zip of tables, one per record type, for a
    spreadsheet), both of which `crest import` reads back, or an HL7 FHIR Bundle for other software."""
    from rich.text import Text

    from crest.cli.consoles import error_console
    from crest.cli.journal_access import open_services
    from crest.interop.fhir import check_fhir_version
    from crest.journal.transfer import NotText
    from crest.services.transfer import Transfer

    Transfer.check_format(format_name)
    version = check_fhir_version(fhir_version or "R5")
    for option, given in (("--fhir-version", fhir_version), ("--name", name)):
        if given is not None and format_name != "fhir":  # it was dropped without a word: the person meant FHIR
            raise OptionOfAnotherFormat(
                f"{option} goes with --format fhir; the {format_name.upper()} export has no such option"
            )
    if format_name == "csv" and output is None:
        raise NotText("the CSV export is a zip of tables, one per record type; name it with -o, like -o journal.zip")
    if format_name == "csv" and output is not None and output.suffix.lower() != ".zip":
        # a zip named journal.csv opens in a spreadsheet as garbage: named for what it is
        raise NotText(
            f"the CSV export is a zip of tables, one per record type; name it .zip, like -o "
            f"{one_line(output.with_suffix('.zip').name)}"
        )
    with open_services() as services:
        # A journal of years takes seconds to write: say what is happening meanwhile (a terminal only).
        with error_console().status(Text("Writing the export...")):
            if output is None:
                text = services.transfer.export_text(format_name, version, name)
            else:
                services.transfer.export_to_file(output, format_name, version, name, overwrite=overwrite)
        if output is None:  # JSON to the screen: the same strings, with what a terminal acts on as escapes
            typer.echo(terminal_json(text), nl=False)
            return
    typer.echo(f"Exported the journal to {one_line(str(output))}.", err=True)


def import_journal(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            parser=file_name,
            help="A file made by `crest export` (.json or .zip), or the folder the zip unzips to.",
        ),
    ],
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help="Add to a journal that already holds records: only what it does not hold yet, exact duplicates "
            "skipped; your settings stay.",
        ),
    ] = False,
) -> None:
    """Import an export; every row is checked first, nothing is imported on error. Into an empty journal as it is,
    or with --merge into one that holds records already."""
    from rich.text import Text

    from crest.cli.consoles import error_console
    from crest.cli.journal_access import open_services
    from crest.journal.merging import JournalNotEmpty

    with open_services() as services:
        where = services.where
        # A journal of years takes seconds to check and write: say what is happening meanwhile (a terminal only).
        working = error_console().status(Text(f"Checking every row of {one_line(path.name)}, then importing it..."))
        try:
            with working:
                imported = services.transfer.import_file(path, merge=merge)
        except JournalNotEmpty as refused:
            raise CrestError(
                f"the journal at {where} is not empty ({refused.found}); merge the file to add only what it does not "
                "hold yet (crest import --merge)"
            ) from refused
    if nothing_new := imported.nothing_new(one_line(str(path))):
        typer.echo(nothing_new)
        return
    # A merge that skipped nothing says nothing of skipping, as Settings' restore has it: "skipped 0 records" read
    # as if something had been left out.
    skipped = f"; skipped {counted(imported.skipped, 'record')} already there" if imported.skipped else ""
    breath = imported.breath_not_restored()
    left_out = f" {breath}" if breath else ""
    typer.echo(f"Imported {', '.join(imported.counts())} into {one_line(where)}{skipped}.{left_out}")


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("log-session")(log_session)
    app.command("history")(history)
    app.command("export")(export)
    app.command("import")(import_journal)
