"""`crest safety`, the screen asked before the first session and every 90 days, and a clinician's all-clear."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Annotated

import typer

from crest.errors import CrestError

if TYPE_CHECKING:
    from rich.console import Console

    from crest.cli.asker import Asker
    from crest.clock import Clock
    from crest.safety.screen import AdviceLevel, Assessment, Question
    from crest.safety.standing import RepeatedSign
    from crest.services.bundle import Services
    from crest.services.safety import Safety, SafetyStanding


class SafetyScreenUnanswered(CrestError):
    """The safety questions could not be asked: no one is at the keyboard."""


def register(app: typer.Typer) -> None:
    app.command("safety")(safety)


def safety(
    cleared_by: Annotated[
        str | None,
        typer.Option(
            "--cleared-by",
            metavar="NAME",
            help="A clinician has checked the answers that advise seeing one and cleared you to practise: who "
            '(e.g. "Dr Ames, physiotherapist"). Urgent-care signs cannot be cleared.',
        ),
    ] = None,
    cleared_on: Annotated[
        str | None,
        typer.Option("--cleared-on", metavar="DATE", help="With --cleared-by: the day they checked (default today)."),
    ] = None,
) -> None:
    """Answer the safety questions (red flags, pregnancy, recent surgery) and see what they mean for you.

    Exit codes: 0 when nothing stands in the way of resting, or when crest only shows advice that already stands
    (or records a clinician's all-clear); 1 when the answers you just gave advise against practising (see a
    clinician, or urgent care); 2 when something could not be done (no one at the keyboard, a wrong date).
    """
    from crest.cli.asker import Asker
    from crest.cli.consoles import console as make_console
    from crest.cli.journal_access import open_services
    from crest.journal.records import parse_day
    from crest.protocol import load_protocol

    console = make_console(highlight=False)
    answered = False
    with open_services() as services:
        if cleared_by is not None:
            today = services.clock().astimezone(services.zone).date()
            day = parse_day(cleared_on, "--cleared-on") if cleared_on is not None else today
            standing = services.safety.record_clearance(cleared_by, day)
            console.print(f"[green]Recorded: a clinician cleared you to practise on {day}.[/green]")
            show_standing(console, standing, services.clock(), services.zone)
        elif cleared_on is not None:
            raise SafetyScreenUnanswered("--cleared-on goes with --cleared-by NAME: who cleared you to practise")
        else:
            standing = services.safety.standing()
            if standing.concern_stands and not standing.due:
                show_standing(console, standing, services.clock(), services.zone)
            else:
                answered = True
                _recall_calm_answers(console, standing, services.zone)
                standing = run_safety_screen(
                    services.safety,
                    Asker(console),
                    services.clock,
                    services.zone,
                    unanswered_hint="run `crest safety` in a terminal to answer them",
                )
        console.print(f"[dim]{load_protocol().disclaimer}[/dim]")
    if answered and standing.concern_stands:  # scripts learn that these answers stop sessions; showing is not
        raise typer.Exit(1)


def _recall_calm_answers(console: "Console", standing: "SafetyStanding", zone: tzinfo) -> None:
    """Asked again while calm answers still hold: say when they were given and until when they hold."""
    until = standing.calm_until
    if until is None or standing.latest is None:
        return
    answered = standing.latest.answered_at.astimezone(zone)
    console.print(
        f"Your answers given {answered:%-d %b %Y %H:%M} found nothing in the way of resting; they hold until"
        f" {until.astimezone(zone):%-d %b %Y}. Answer again now if anything has changed."
    )


def _escaped(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _day(moment: datetime, zone: tzinfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def show_standing(console: "Console", standing: "SafetyStanding", now: datetime, zone: tzinfo) -> None:
    """The advice, every answer behind it with its source, any all-clear, and the ways forward."""
    from crest.cli.why_hint import why_hint
    from crest.knowledge.why_links import SAFETY_QUESTIONS
    from crest.safety.screen import ADVICE, AdviceLevel

    console.print(f"\n[{_style(standing.level)}]{_escaped(standing.message)}[/{_style(standing.level)}]")
    groups = standing.by_advice
    for group in groups:  # each advice with its own answers and signs, the most serious first
        if group.level is not standing.level:  # the first is the advice above
            console.print(f"\n[{_style(group.level)}]{_escaped(ADVICE[group.level])}[/{_style(group.level)}]")
        for reason in group.answers:
            console.print(
                f"- You answered yes on {_day(reason.answered_at, zone)} to: {_escaped(reason.question.text)}\n"
                f"  [dim]Source: {_escaped(reason.question.source)}[/dim]"
            )
            hint = why_hint(SAFETY_QUESTIONS.get(reason.question.id))  # none for a warning sign: its advice stands
            if hint:
                console.print(f"  [dim]{_escaped(hint)}[/dim]")
        for sign in group.signs:
            console.print(
                f"- {_escaped(sign.describe())}\n  [dim]Source: {_escaped('; '.join(sign.first.sources))}[/dim]\n"
                f"  {_way_on(sign, alone=len(groups) == 1 and not group.answers)}"
            )
        if standing.held_apart and group.level >= AdviceLevel.SEE_CLINICIAN and group.time_up > now:
            console.print(group.time_up_words(_day(group.time_up, zone)))  # each time with its own signs
    for cleared in standing.cleared:  # the answers and the check-ins' signs, as the Safety page lists them
        who, day = _escaped(cleared.clearance.clinician), cleared.clearance.cleared_on
        console.print(f"- Cleared by {who} on {day}: {_escaped(cleared.text)}")
    if standing.concern_stands and standing.answer_again_from is not None and standing.answer_again_from > now:
        console.print(standing.hold_words(_day(standing.answer_again_from, zone)))
    if standing.may_be_cleared:
        console.print(
            "If a clinician has checked this and cleared you to practise, record it: "
            '`crest safety --cleared-by "NAME" --cleared-on YYYY-MM-DD`'
        )
    if standing.side_lying_only:
        console.print("You can rest on your side: `crest session --variant side_lying`.")
    again = said_again_last(standing)
    if again is not None:
        console.print(f"[{_style(standing.level)}]{_escaped(again)}[/{_style(standing.level)}]")


def said_again_last(standing: "SafetyStanding") -> str | None:
    """The most serious advice again, when a lesser advice's signs follow it: on a short terminal they scroll the most
    serious one away, and "see a clinician" would be the advice left in view. As `crest ask` and `crest progress` do;
    one advice alone is not said twice."""
    if len(standing.by_advice) < 2 or standing.advice is None:
        return None
    return f"{_first_sentence(standing.advice)} (the first warning above)."


def _first_sentence(advice: str) -> str:
    return advice.split(". ", 1)[0].rstrip(".")


@contextmanager
def most_serious_advice_last(safety: "Safety") -> Iterator[None]:
    """A refusal said in one line (`--yes`, a rest stopped by a sign logged meanwhile) gives the advices the most
    serious first, each with its signs: it ends with the most serious one again, as `show_standing` does. A
    reminder's refusal ends with what to do with the reminder imported before: urgent care is said again after it."""
    from crest.safety.screen import AdviceLevel
    from crest.services.safety import PositionCheckNotAdvised, ReminderNotAdvised, SafetyConcernStands

    try:
        yield
    except (SafetyConcernStands, PositionCheckNotAdvised, ReminderNotAdvised) as refused:
        standing = safety.standing()
        again = said_again_last(standing)
        if again is None and isinstance(refused, ReminderNotAdvised) and standing.level is AdviceLevel.URGENT:
            again = _first_sentence(standing.advice or "") + "."
        if again is None:
            raise
        told = refused.message if refused.message.endswith((".", "!", "?")) else f"{refused.message}."
        raise type(refused)(f"{told} {again}") from None


def _style(level: "AdviceLevel | None") -> str:
    from crest.safety.screen import AdviceLevel

    return {AdviceLevel.CLEAR: "green", AdviceLevel.URGENT: "bold red", AdviceLevel.SIDE_LYING: "yellow"}.get(
        level or AdviceLevel.SEE_CLINICIAN, "bold yellow"
    )


def _way_on(sign: "RepeatedSign", alone: bool) -> str:
    """What lifts a check-in's sign; `alone`: the only reason for the advice shown."""
    one = len(sign.reasons) == 1
    if sign.first.data_deleted:  # only the sign and its end are known: no check-in to point to
        return "Deleting your data did not lift this urgent-care warning; it holds until its time is up."
    if sign.first.urgent:  # held its full time once raised, like an urgent "yes"
        check_ins = "that check-in" if one else "these check-ins"
        return f"Deleting or correcting {check_ins} does not lift this urgent-care warning."
    mistake = (
        "that check-in was a mistake, correct or delete it"
        if one
        else "these check-ins were a mistake, correct or delete them"
    )
    return f"If {mistake} in the Journal (`crest serve`): that lifts {'this' if alone else 'this sign'}."


def show_standing_concern(
    console: "Console", services: "Services", said_for_check_in: int | None = None
) -> "SafetyStanding":
    """Repeat a warning sign that stands, as `crest safety` shows it, at a door that goes on with its own job (a
    check-in, a logged session, a reminder); nothing when none stands. `said_for_check_in`: the check-in just saved,
    whose own advice is on screen already; a concern that only it raised is not said twice."""
    standing = services.safety.standing()
    signs = standing.standing_check_in_reasons
    only_that_check_in = (
        said_for_check_in is not None
        and not standing.standing_reasons
        and bool(signs)
        and all(reason.sign.check_in_id == said_for_check_in for reason in signs)
    )
    if standing.concern_stands and not only_that_check_in:
        show_standing(console, standing, services.clock(), services.zone)
    return standing


def run_safety_screen(
    safety: "Safety",
    asker: "Asker",
    clock: "Clock",
    zone: tzinfo,
    unanswered_hint: str,
) -> "SafetyStanding":
    """Ask every question, confirm any "yes", store the answers with the date, and show the advice."""
    from crest.cli.asker import StoppedAtPrompt
    from crest.safety.screen import assess_so_far

    console = asker.console
    console.print("[bold]A few safety questions[/bold] before you rest. Answer y or n.")
    questions = safety.questions()
    answers: dict[str, bool] = {}
    try:
        for number, question in enumerate(questions, start=1):
            answers[question.id] = _required_yes_no(asker, f"{number}. {question.text}", unanswered_hint)
        while any(answers.values()) and not _confirmed(asker, [q for q in questions if answers[q.id]]):
            for number, question in enumerate(questions, start=1):
                if answers[question.id]:
                    answers[question.id] = _required_yes_no(asker, f"{number}. {question.text}", unanswered_hint)
    except (SafetyScreenUnanswered, StoppedAtPrompt) as stopped:
        so_far = assess_so_far(answers)
        if so_far is None:
            raise
        # Left before the end: nothing is saved, but a "yes" already given to a warning sign is never met with
        # "pass --yes to confirm none apply"; it gets its advice and source before crest stops.
        _advise_unsaved(console, so_far)
        if isinstance(stopped, StoppedAtPrompt):
            raise  # Ctrl-C keeps its own line and exit code
        raise SafetyScreenUnanswered(
            "the safety questions were not finished, so nothing was saved; please follow the advice above for "
            "what you answered yes to, and run `crest safety` to answer them all"
        ) from None
    standing = safety.record(answers)
    show_standing(console, standing, clock(), zone)
    return standing


def _advise_unsaved(console: "Console", so_far: "Assessment") -> None:
    """The advice the "yes" answers given so far lead to, each with its source, as a full screen would show it."""
    from crest.safety.screen import AdviceLevel

    style = "bold red" if so_far.level is AdviceLevel.URGENT else "bold yellow"
    console.print(f"\n[{style}]{_escaped(so_far.advice)}[/{style}]")
    for question in so_far.reasons:
        console.print(
            f"- You answered yes to: {_escaped(question.text)}\n  [dim]Source: {_escaped(question.source)}[/dim]"
        )


def _confirmed(asker: "Asker", said_yes: "list[Question]") -> bool:
    """A "yes" holds for days once saved: one look before saving, so that a slip of the finger costs nothing."""
    asker.console.print("\nYou answered yes to:")
    for question in said_yes:
        asker.console.print(f"- {_escaped(question.text)}")
    return asker.confirm("Is that right? (n asks those questions again)", default=True)


SAFETY_DUE = (
    "the safety questions are due, and --yes cannot answer them for you: run `crest safety` in a terminal, then "
    "start the session again"
)


def ensure_safety_screen(safety: "Safety", asker: "Asker", clock: "Clock", zone: tzinfo) -> "SafetyStanding | None":
    """The standing when the person may practise (in some variant), after asking the questions if they are due.

    None, with the reasons shown, when a concern stands. `--yes` answers the session's other prompts, never these:
    with the questions due it is refused; it never lifts a concern, and neither does answering again before the
    advice's waiting time.
    """
    standing = safety.standing()
    if standing.concern_stands and asker.assume_yes:
        safety.require_may_practise("standard")  # one line for scripts: the advice and the answers behind it
    if standing.concern_stands and not standing.due:
        show_standing(asker.console, standing, clock(), zone)
        return None
    if not standing.due:
        return standing
    if asker.assume_yes:
        # A screen the person has never read cannot be answered "none apply" for them: every red flag it asks
        # about would go unseen, again each time the answers lapse.
        raise SafetyScreenUnanswered(SAFETY_DUE)
    standing = run_safety_screen(safety, asker, clock, zone, unanswered_hint="run `crest safety` in a terminal")
    return None if standing.concern_stands else standing


# A warning sign one is unsure of is checked, not guessed: "not sure" is answered with the safe side, never taken
# for a "no".
_NOT_SURE = re.compile(
    r"\b(?:not (?:\w+ )?sure|unsure|(?:do ?n.?t|do not) know|dunno|no idea|maybe|perhaps|idk|not certain"
    r"|uncertain)\b|^\?+$"
)


def _required_yes_no(asker: "Asker", question: str, unanswered_hint: str) -> bool:
    while True:
        answer = asker.ask(f"{_escaped(question)} \\[y/n]")
        if answer is not None and answer.lower() in ("y", "yes", "n", "no"):
            return answer.lower().startswith("y")
        if asker.input_closed:
            raise SafetyScreenUnanswered(f"the safety questions need your answers: {unanswered_hint}")
        if answer is not None and _NOT_SURE.search(answer.strip().lower().replace("\u2019", "'")):
            from crest.safety.screen import NOT_SURE

            asker.console.print(f"{NOT_SURE} Type y for yes, n for no.")
            continue
        asker.console.print("Please answer y or n.")
