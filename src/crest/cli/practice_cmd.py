"""Practice mode in the terminal: `crest practice init` sets up a practice on a server, `crest practice
reset-password` makes a password link for anyone who forgot theirs, `crest practice reset-two-factor` resets the
two-step sign-in of anyone who lost their phone and recovery codes; `crest link`, `crest sync` and `crest unlink`
connect a person's own crest to their practitioner's practice."""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable
from typing import Annotated

import typer

from crest.counting import counted
from crest.errors import CrestError
from crest.input_problems import quoted


class NoPassword(CrestError):
    """`--password-stdin` with nothing on standard input."""


class ConsentDeclined(CrestError):
    """The person did not agree to share; nothing was shared."""


class MissingOption(CrestError):
    """An action of `crest practice` without an option it needs."""


def register(app: typer.Typer) -> None:
    app.command("practice")(practice)
    app.command("link")(link)
    app.command("sync")(sync)
    app.command("unlink")(unlink)


def _password_from_stdin() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise NoPassword('no password came on standard input; pipe it in, like: echo "$PASSWORD" | crest ...')
    return password


def practice(
    action: Annotated[
        str,
        typer.Argument(
            metavar="init|reset-password|reset-two-factor",
            help="What to do: init (set up a practice), reset-password (a link to set a new password) or "
            "reset-two-factor (a lost phone: set up a new authenticator app at the next sign-in).",
        ),
    ],
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="init: the practice's name, as people see it.")
    ] = None,
    admin_email: Annotated[
        str | None,
        typer.Option("--admin-email", metavar="EMAIL", help="init: the admin's email; they sign in with it."),
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="init: read the admin's password from standard input.")
    ] = False,
    admin_name: Annotated[
        str | None,
        typer.Option(
            "--admin-name",
            metavar="NAME",
            help="init: the admin's name, as people see it (asked for when not given; needed with --password-stdin).",
        ),
    ] = None,
    email: Annotated[
        str | None,
        typer.Option(
            "--email", metavar="EMAIL", help="reset-password, reset-two-factor: the account's email (the admin's too)."
        ),
    ] = None,
) -> None:
    """Set up a practice and its admin in the database of CREST_DATABASE_URL (PostgreSQL for a real practice).
    There are no default accounts: the admin is the first, and invites practitioners from the practice page.
    reset-password makes a one-time link for someone who forgot their password (24 hours; crest sends no email).
    reset-two-factor signs the account out everywhere and drops its authenticator app and recovery codes: at the
    next sign-in, with the password, they set up a new one."""
    from crest.accounts.records import check_name
    from crest.cli.journal_access import open_practice_accounts

    if action == "reset-password":
        _reset_password(email)
        return
    if action == "reset-two-factor":
        _reset_two_factor(email)
        return
    if action != "init":
        raise CrestError(
            f"unknown action {quoted(action)}; the actions are: crest practice init, reset-password, reset-two-factor"
        )
    if name is None or admin_email is None:
        raise MissingOption("crest practice init needs --name NAME and --admin-email EMAIL")
    if admin_name is None and password_stdin:  # standard input holds the password: no name can be asked there
        raise MissingOption("crest practice init --password-stdin needs --admin-name NAME too (as people see it)")
    # the name first, refused before the password is typed; people see it on invitations ("by Ada Lind")
    person = check_name(
        typer.prompt("The admin's name, as people see it") if admin_name is None else admin_name, "the admin's name"
    )
    password = _password_from_stdin() if password_stdin else typer.prompt("Admin password", hide_input=True)
    with open_practice_accounts() as accounts:
        account = accounts.create_practice(name, admin_email, password, person)
    typer.echo(
        f"The practice “{name}” is set up; {account.name} ({account.email}) signs in as its admin "
        "(crest serve --practice)."
    )


def _reset_password(email: str | None) -> None:
    from crest.cli.journal_access import open_practice_accounts
    from crest.services.accounts import reset_path

    if not email:
        raise MissingOption("crest practice reset-password needs --email EMAIL (whose password to set)")
    with open_practice_accounts() as accounts:
        issued = accounts.reset_link_by_operator(email)
    path = reset_path(issued.code)
    until = f"{issued.expires_at.astimezone():%Y-%m-%d %H:%M %Z}"
    typer.echo(f"A one-time link for {issued.name} ({issued.email}) to set a new password, until {until}:")
    typer.echo(f"  {path}")
    typer.echo(f"Put the practice's address before it (like https://practice.example{path}).")
    typer.echo("Give it to them yourself: whoever has it can set the password. Using it signs them out elsewhere.")


def _reset_two_factor(email: str | None) -> None:
    from crest.cli.journal_access import open_practice_accounts

    if not email:
        raise MissingOption("crest practice reset-two-factor needs --email EMAIL (whose two-step sign-in to reset)")
    with open_practice_accounts() as accounts:
        account = accounts.reset_second_factor_by_operator(email)
    typer.echo(f"Two-step sign-in of {account.name} ({account.email}) is reset; every sign-in of theirs has ended.")
    typer.echo("At their next sign-in, with their password, they are told it was reset; a practitioner or an admin")
    typer.echo("then sets up a new authenticator app before anything else. Do this only for someone you know.")


# Passwords `crest link` tries before it gives up: a slip or two, and then the person reads the rules at leisure.
PASSWORD_TRIES = 3

# Linked from a computer of their own, the person's days are counted where it is.
TIME_ZONE_SHARED = "your computer's time zone (like Europe/Berlin), so that your days are counted where you live"


def link(
    url: Annotated[
        str,
        typer.Argument(
            metavar="URL",
            help="The practice's address, like https://practice.example (the whole invitation link works too).",
        ),
    ],
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="CODE",
            help="The invitation code (the last part of the invitation link); not needed after the link.",
        ),
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", metavar="EMAIL", help="Your email for the practice's account.")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="Your name, as your practitioner sees it.")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    share_notes: Annotated[bool, typer.Option("--share-notes", help="Also share your own check-in notes.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Agree to share what is listed, without asking.")] = False,
    second_factor: Annotated[
        str | None,
        typer.Option(
            "--code",
            metavar="CODE",
            help="An existing account with two-step sign-in: the code its authenticator app shows now.",
        ),
    ] = None,
) -> None:
    """Accept your practitioner's invitation: an account at the practice, and this computer linked to it (its
    token is kept in a file only you can read). Your journal stays here; crest sync sends a copy. Linked to that
    practice already, another practitioner's invitation there is taken by the same account, asked only to agree."""
    from crest.accounts.permissions import SHARED_RECORDS
    from crest.accounts.records import check_email, check_name
    from crest.cli.journal_access import open_services
    from crest.services.accounts import CODE_ASKED
    from crest.services.practice_link import SecondFactorAsked, practice_address

    practice_address(url)  # "javascript:alert(1)" is no address: said before asking for a code it cannot hold
    # an email or name the practice would refuse is said before it is asked anything and before the consent is shown
    if email is not None:
        check_email(email)
    if name is not None:
        check_name(name)
    code = _invitation_code(url, code)
    with open_services() as services:
        link_service = services.link
        assert link_service is not None
        offer = link_service.invite(url, code)
        if offer.role != "client":
            raise CrestError("this invitation is for a practitioner; accept it in the browser instead")
        say = _by_words()
        say(f"{offer.invited_by} at {offer.practice} invites you to share:")
        for item in (*SHARED_RECORDS, TIME_ZONE_SHARED):
            say(f"  - {item}")
        say(f"  - your own notes: {'yes' if share_notes else 'no (add --share-notes to share them)'}")
        say("You can stop sharing at any time (crest unlink, or My practitioner in the browser).")
        if password_stdin and not yes:  # standard input holds the password: it cannot also answer the question
            raise ConsentDeclined(
                "nothing was shared: with --password-stdin, add --yes to agree to the sharing listed above"
            )
        if password_stdin and not (email and name):  # standard input holds the password: it cannot answer more
            raise MissingOption("with --password-stdin, give --email EMAIL and --name NAME too; nothing was shared")
        if not yes and not typer.confirm("Do you agree to share this?", default=False):
            raise ConsentDeclined("nothing was shared; run crest link again when you are ready")
        if link_service.linked_to(url):  # linked there already: the account takes it, nothing asked again
            practice_name = link_service.join(url, code, share_notes)
            say(f"{offer.invited_by} at {practice_name} now sees what you share too.")
            say("This computer's link is unchanged: crest sync goes on as before.")
            return
        chosen_email = email or typer.prompt("Your email")
        chosen_name = name or typer.prompt("Your name")
        password = _password_from_stdin() if password_stdin else typer.prompt("Choose a password", hide_input=True)
        device = socket.gethostname() or "this computer"
        try:
            practice_name = _asking_again_for_a_refused_password(
                lambda chosen: link_service.link(
                    url, code, chosen_email, chosen, chosen_name, share_notes, device, second_factor
                ),
                password,
                ask_again=not password_stdin,
            )
        except SecondFactorAsked:
            # the practice asks for the app's code as a browser would ("type the code"): here that is --code
            raise CrestError(
                f"{CODE_ASKED}: run crest link again with --code and the 6 digits the app shows now (or a "
                "recovery code); the invitation still works"
            ) from None
    typer.echo(f"Linked to {practice_name}. Run crest sync to send your journal and fetch your prescription.")


def _by_words() -> Callable[[str], None]:
    """Say a line wrapped by words at the terminal's width, as crest's other lines are (one line each into a file or
    a pipe)."""
    from crest.cli.consoles import console

    said = console(highlight=False)
    return lambda line: said.print(line, markup=False, emoji=False)


def _asking_again_for_a_refused_password(link: Callable[[str], str], password: str, ask_again: bool) -> str:
    """`link(password)`; a password the practice refuses (a new account's, or not the existing account's own) is
    asked again, saying why, up to PASSWORD_TRIES in all, so that the consent, email and name are not asked again
    (with `ask_again` false, the refusal ends it)."""
    from crest.services.practice_link import NotTheAccountsPassword, PasswordRefused

    tries = 1
    while True:
        try:
            return link(password)
        except PasswordRefused as refused:
            if not ask_again or tries == PASSWORD_TRIES:
                raise
            said = str(refused)
            typer.echo(said[:1].upper() + said[1:] + ".", err=True)
            asked = (
                "That account's password" if isinstance(refused, NotTheAccountsPassword) else "Choose another password"
            )
            password = typer.prompt(asked, hide_input=True)
            tries += 1


def _invitation_code(url: str, code: str | None) -> str:
    """The code given, or the last part of the whole invitation link given as the address (…/invite/CODE)."""
    if code:
        return code.rstrip("/").rsplit("/", 1)[-1]  # the whole invitation link works as the code too
    if "/invite/" in url:
        return url.rstrip("/").rsplit("/invite/", 1)[1]
    raise MissingOption("crest link needs the invitation code after the address, or the whole invitation link")


def sync(
    delete_all_sent: Annotated[
        bool,
        typer.Option(
            "--delete-all-sent",
            help="You deleted every record this computer sent: delete them at the practice too (crest holds that "
            "back otherwise, as a journal lost or started afresh looks the same).",
        ),
    ] = False,
) -> None:
    """Send new and corrected sessions, check-ins, activities and safety answers to your practice, and fetch
    your current prescription and your practitioners' notes on your sessions. Safe to stop and run again: nothing
    is lost or sent twice."""
    from crest.cli.consoles import error_console
    from crest.cli.journal_access import open_services
    from crest.services.practice_link import deletions_held_back, nobody_follows

    with open_services() as services:
        link_service = services.link
        assert link_service is not None
        result = link_service.sync(
            _batch_sent,
            delete_all_sent=delete_all_sent,
            on_read=_check_ins_read,
            on_reading_journal=_reading_journal,
            on_wait=_waiting,
        )
        status = link_service.status()
        # read only to say a prescription: each sync need not read the journal's warning signs again
        standing = None if result.prescription is None else services.safety.standing()
    if not result.followed:
        raise CrestError(nobody_follows("" if status is None else status.practice, result.programme_ended))
    say = _by_words()
    sent = ", ".join(result.sent_counts()) or "nothing new"
    say(f"Synced: {sent}" + (f"; {result.deleted} deleted" if result.deleted else "") + ".")
    if result.prescription is not None:
        prescribed = f"{result.prescription.in_full()} ({result.prescription.prescribed_by})"
        # as Today and the session do: no invitation to rest before the advice
        if standing is not None and standing.concern_stands:
            say(f"Your prescription is on hold: {standing.explanation()}")
            say(f"Held until then: {prescribed}")
        else:
            say(f"Your prescription: {prescribed}")
    if result.notes:
        say(f"Notes from your practice on your sessions: {result.notes}. crest history and the Journal show them.")
    if result.held_back:
        error_console().print(deletions_held_back(result.held_back), markup=False)  # wrapped on a terminal only


def _reading_journal(records: int) -> None:
    """What crest sync does first, said for a large journal: reading it takes seconds at 12,000 records, in silence
    before, and a minute at the caps; a small one is read at once, and says nothing."""
    from crest.services.sync import READ_PER_STEP

    if records > READ_PER_STEP:
        typer.echo(f"reading the journal ({records:,} records)", err=True)


def _check_ins_read(done: int, total: int) -> None:
    """How far the reading of a large journal's check-ins has come (the warning signs in their notes), before the
    first batch goes: seconds, in silence before, at 6,000 of them. A journal read at once says nothing."""
    from crest.services.sync import READ_PER_STEP

    if total > READ_PER_STEP:
        typer.echo(f"read {done:,} of {total:,} check-ins", err=True)


def _waiting(seconds: int) -> None:
    """The practice asked a large sync to wait (it takes so many of crest sync's requests at a time): said before
    crest waits, in silence otherwise for minutes."""
    wait = counted(-(-seconds // 60), "minute") if seconds >= 60 else counted(seconds, "second")
    typer.echo(
        f"the practice takes only so many requests at a time: waiting {wait} as it asks, then crest sync carries on "
        "(stopping it now loses nothing: the next crest sync carries on from here)",
        err=True,
    )


def _batch_sent(done: int, total: int) -> None:
    """How far a sync of several batches has come; one batch is the whole sync, which its summary line says."""
    if total > 1:
        typer.echo(f"sent batch {done} of {total}", err=True)


def unlink() -> None:
    """Stop sharing with your practice and forget the link (the device token ends; your journal stays as it is).
    If the practice cannot be reached, nothing changes here: run it again later."""
    from crest.cli.journal_access import open_services

    with open_services() as services:
        link_service = services.link
        assert link_service is not None
        prescribed = services.reports.prescription()
        stopped = link_service.unlink()
    if stopped:
        typer.echo("Unlinked: sharing with the practice has stopped, and this crest no longer syncs with it.")
    else:
        typer.echo(
            "Unlinked: this crest no longer syncs with the practice. The practice had already ended this computer's "
            "link, so sharing could not be changed from here; check My practitioner in the browser."
        )
    if prescribed is not None:
        typer.echo(
            f"The prescription{f' from {prescribed.prescribed_by}' if prescribed.prescribed_by else ''} no longer "
            "applies here (no sync can change or end it now): your own goal and reminder apply again."
        )
