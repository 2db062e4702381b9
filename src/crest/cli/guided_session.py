"""The guided session in the terminal: safety, setup checklist, the timed rest, the ending and the check-in.

This is an entry point: it wires the pure runner to the clock, the keyboard, the screen, the speaker and the
journal. The session row is written when the rest starts and checkpointed as it runs, so a crash loses nothing.
"""

import math
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from functools import partial
from types import FrameType

from rich.console import Console
from rich.markup import escape

from crest.cli.asker import Asker, StoppedAtPrompt
from crest.cli.check_in_advice import show_check_in_advice, show_sensation_help, urgent_signs_confirmed
from crest.cli.checkin_prompt import CheckInStopped, ask_check_in, pain_option
from crest.cli.journal_access import open_services
from crest.cli.keys import KeyReader
from crest.cli.live_panel import LivePanel
from crest.cli.safety_cmd import ensure_safety_screen, most_serious_advice_last, show_standing
from crest.cli.session_view import left_in_words, render_session
from crest.cli.why_hint import why_hint
from crest.durations import rested_text
from crest.errors import CrestError
from crest.insights.practice import DEMO_ENDED
from crest.journal.records import CheckIn, PracticeSession
from crest.journal.vocabulary import SessionStatus
from crest.knowledge.why_links import setup_step_entry
from crest.protocol import Protocol, load_protocol
from crest.protocol.model import SIDE_LYING_VARIANT, SourcedText, VariantName
from crest.safety.worse_check_in import STOP_SOURCE, SUPPORTED_VARIANT, worse_today_reminder
from crest.services.bundle import Services
from crest.services.practice import PracticeSessions, is_demo
from crest.services.preferences import Preferences
from crest.services.safety import (
    STOPPED_BY_A_SIGN,
    STOPPED_FOR_THE_SIDE,
    BackNotAdvised,
    SafetyConcernStands,
    SafetyStanding,
)
from crest.services.sign_confirmation import signs_to_confirm
from crest.session.runner import CheckpointDue, CueDue, ScaledClock, SessionEnded, SessionRunner
from crest.session.timeline import (
    TIME_UP,
    Cue,
    Timeline,
    build_timeline,
    check_minutes,
    check_variant,
    usual_range_note,
)
from crest.sound import CHIME_VOLUMES, Speaker, play_chime

REFRESH_S = 0.1
MAX_SPEED = 3600.0  # an hour a second: faster than any demo needs
HEARTBEAT_S = 30.0
# Said when the terminal takes up a rest whose breath the browser's camera read: the terminal has no camera watch.
BREATH_NOT_TAKEN_UP = (
    "Your breathing is not read from here on: the terminal has no camera. What the camera read before the break is "
    "kept with the rest. To have it read again, resume this rest on the Session page instead."
)
# The setup step that lays the person down: a Ctrl-C from there on is answered with the way up.
LIE_DOWN_STEP = "lie_down"


class InvalidSpeed(CrestError):
    """A clock speed that is not a positive number."""


class _Stopped(Exception):
    """The process was asked to stop (SIGTERM, SIGHUP): save the session as interrupted."""


@dataclass(frozen=True)
class SessionOptions:
    minutes: int | None
    variant: str | None  # None: standard, or the side-lying rest when the safety answers advise it
    voice: bool | None  # None: on for a variant with timed movements (eyes closed, the cues come every few seconds)
    assume_yes: bool
    check_in: bool
    speed: float
    plain: bool = False  # the rest told in lines, never a panel drawn in place (a screen reader, a log)


class _MonotonicClock:
    def monotonic(self) -> float:
        return time.monotonic()


def run_guided_session(options: SessionOptions, console: Console) -> None:
    crp = load_protocol()
    asked_minutes = None if options.minutes is None else check_minutes(crp, options.minutes, "--minutes")
    asked_variant = None if options.variant is None else check_variant(crp, options.variant)
    if not (math.isfinite(options.speed) and 0 < options.speed <= MAX_SPEED):
        raise InvalidSpeed(f"--speed must be a number above 0 and at most {MAX_SPEED:g}, not {options.speed:g}")
    asker = Asker(console, assume_yes=options.assume_yes)
    console.print(f"[dim]{crp.disclaimer}[/dim]")  # once, before the safety questions and the advice
    # A refusal or a rest stopped by a sign ends with the most serious advice, the last words on a short terminal
    with open_services() as services, most_serious_advice_last(services.safety):
        services.practice.refuse_while_running()  # before any question: one rest at a time
        standing = ensure_safety_screen(services.safety, asker, services.clock, services.zone)
        if standing is None:
            raise SessionNotStarted()
        sessions = services.practice
        # Read before the rest is written: from then on the journal may be gone (a server stopped, a disk full),
        # and the end of the rest and the way up must come all the same.
        preferences = services.preferences.current()
        broken_off = _rest_to_take_up(sessions, asker, options.speed, services.zone)
        if broken_off is not None:
            assert broken_off.id is not None  # a stored session has its id
            timeline = build_timeline(crp, broken_off.variant, broken_off.planned_minutes)
            speaker = _speaker(_voice_wanted(options.voice, crp, timeline), console)
            session_id, done_s = broken_off.id, broken_off.actual_seconds
            sessions.checkpoint(session_id, done_s, options.speed)  # running again, in this crest: as a page resumes
            console.print("Settle back into position: the rest goes on from where it stopped.\n")
            if broken_off.breath is not None:  # begun on the Session page with the camera reading the breath
                console.print(f"[dim]{BREATH_NOT_TAKEN_UP}[/dim]\n")
        else:
            timeline, speaker, session_id = _new_rest(
                crp, options, asked_minutes, asked_variant, standing, services, asker
            )
            done_s = 0
        ending = crp.ending_for(timeline.variant)
        try:
            ended = _rest(timeline, sessions, session_id, speaker, console, options, done_s)
        except SafetyConcernStands as stopped:
            _stopped_by_a_sign(stopped, ending, speaker, console)
            raise  # crest ends with the advice, as its last words on the screen
        if ended.status == "ended_early":
            # Saved at once, as shown: a Ctrl-C at any question after keeps it as ended early, never "running".
            finish = partial(_finish, sessions, session_id, ended.elapsed_s, SessionStatus.ENDED_EARLY, options.speed)
            unsaved = finish()
            # Still lying down: how to come up first, then the record and the check-in, as after a full rest.
            console.print(f"\n[bold]Ended after {rested_text(ended.elapsed_s)}.[/bold]")
            _coming_up(ending, speaker, console)
            _save_again(finish, unsaved, asker)
            # The record may go, the check-in stays: a rest stopped for a symptom is when it matters most. It is
            # then a check-in on its own, as `crest log` saves.
            check_in_session_id = session_id if _keep_or_delete(sessions, session_id, asker) else None
        else:
            finish = partial(_finish, sessions, session_id, ended.elapsed_s, SessionStatus.COMPLETED, options.speed)
            unsaved = finish()
            time_up = f"\n[bold]{TIME_UP}[/bold]"
            if not _sound_the_end(preferences, console):
                time_up += f" [cyan]It ended at {services.clock().astimezone(services.zone):%H:%M}.[/cyan]"
            console.print(time_up)
            _coming_up(ending, speaker, console)
            _save_again(finish, unsaved, asker)
            check_in_session_id = session_id
        # As the web page says: else "This week" seems to have lost the rest (not after "Deleted.": none is kept)
        if is_demo(options.speed) and check_in_session_id is not None:
            console.print(DEMO_ENDED.format(speed=f"{options.speed:g}"))
        if options.check_in and not options.assume_yes:
            check_in = _confirmed_check_in(asker, services, check_in_session_id)
            if check_in is not None:
                saved = services.check_ins.add(check_in)
                # What to do comes first: a warning sign's "seek urgent care" must not follow a routine "Saved".
                advice = services.check_ins.advice_for(saved)
                show_check_in_advice(console, advice)
                console.print("Saved. See it any time with `crest history`.")
                show_sensation_help(console, saved.sensations, advice)


def _finish(
    sessions: PracticeSessions, session_id: int, elapsed_s: int, status: SessionStatus, speed: float
) -> "SessionNotSaved | None":
    """Save the end of the rest; a journal that refuses it (a full disk, a server stopped, the record deleted
    meanwhile) is said once the person is up: the way up comes first."""
    try:
        sessions.finish(session_id, elapsed_s, status, speed)
    except CrestError as error:
        return SessionNotSaved(error.message)
    return None


def _save_again(
    finish: Callable[[], "SessionNotSaved | None"], unsaved: "SessionNotSaved | None", asker: Asker
) -> None:
    """The end of a rest the journal refused: at a keyboard, crest offers to save it again once the journal is back
    (its server restarted, space freed), or the rest is kept only as far as its last checkpoint. Raises what still
    stands; --yes and no input do not ask."""
    while unsaved is not None and not asker.assume_yes and not asker.input_closed:
        if not asker.confirm(f"Not saved yet ({unsaved.reason}). Try saving it again?", default=True):
            break
        unsaved = finish()
        if unsaved is None:
            asker.console.print("Saved.")
    if unsaved is not None:
        raise unsaved


def _sound_the_end(preferences: Preferences, console: Console) -> bool:
    """The end of a full rest, for someone who may have dozed off: the soft chime, unless Settings turned it off,
    where an audio player is found. Without one, the terminal's own bell, once: how it sounds or shows is the
    person's terminal's (their system's alert sound, a marked tab or window), and rung once it never becomes an
    alarm. Whether the chime sounded; when not, the time is up line says when the rest ended, for whoever wakes
    later."""
    if not preferences.chime:
        return False
    if play_chime(CHIME_VOLUMES[preferences.chime_volume]):
        return True
    console.bell()  # a terminal only: into a pipe or a file, Rich writes no control codes
    return False


def _new_rest(
    crp: Protocol,
    options: SessionOptions,
    asked_minutes: int | None,
    asked_variant: VariantName | None,
    standing: SafetyStanding,
    services: Services,
    asker: Asker,
) -> tuple[Timeline, Speaker | None, int]:
    """A new rest: its length and variant (asked for, prescribed, or as today's check-in or the safety answers
    advise), the setup checklist, then the session written as the rest starts."""
    console = asker.console
    prescribed = services.reports.prescription_in_force()
    minutes = asked_minutes or (crp.timing.default_minutes if prescribed is None else prescribed.minutes)
    usual = "standard" if prescribed is None else check_variant(crp, prescribed.variant)
    worse_today = services.check_ins.worse_today()
    if worse_today and not standing.side_lying_only:
        usual = SUPPORTED_VARIANT  # as today's worse check-in suggested; asking for another still gets it
    variant = _allowed_variant(standing, asked_variant or usual, asked_variant is None, console, services)
    if worse_today is not None:
        reminder = worse_today_reminder(variant, worse_today, standing.side_lying_only)
        console.print(f"[yellow]{reminder}[/yellow] [dim](Source: {STOP_SOURCE})[/dim]")
    if prescribed is not None and (options.minutes is None or options.variant is None):
        by = prescribed.prescribed_by or "your practitioner"
        console.print(f"Your prescription from {by}: {prescribed.summary()}.")
    timeline = build_timeline(crp, variant, minutes)
    speaker = _speaker(_voice_wanted(options.voice, crp, timeline), console)
    note = usual_range_note(crp, timeline.minutes)
    if note:
        console.print(note)
    _walk_through_setup(crp, timeline, asker)
    session_id = services.practice.start(timeline.minutes, timeline.variant, clock_speed=options.speed).id
    assert session_id is not None  # a stored session has its id
    return timeline, speaker, session_id


def _rest_to_take_up(sessions: PracticeSessions, asker: Asker, speed: float, zone: tzinfo) -> PracticeSession | None:
    """A rest broken off a moment ago (the terminal closed, crest or the computer stopped mid-rest), when the person
    takes it up again, as the browser's Session page offers; asked only of someone at a terminal, never of a script
    (--yes, input from a pipe), and a demo's rest only in a demo (its clock runs at another speed)."""
    if asker.assume_yes or sys.stdin is None or not sys.stdin.isatty():
        return None
    broken_off = sessions.open_session()
    if broken_off is None or broken_off.demo != is_demo(speed):
        return None
    started = broken_off.started_at.astimezone(zone)
    done = f"{rested_text(broken_off.actual_seconds)} of {broken_off.planned_minutes} min"
    question = f"Your rest of {started:%H:%M} was broken off after {done}. Take it up where it stopped?"
    return broken_off if asker.confirm(question, default=True) else None


def _confirmed_check_in(asker: Asker, services: Services, session_id: int | None) -> CheckIn | None:
    """The check-in after the rest, asked again from the start when the person says an urgent-care sign it names
    is not what they meant (a slip, tingling for aching): as `crest log` and the Check-in page ask."""
    while True:
        try:
            check_in = ask_check_in(asker, session_id, services.clock)
        except CheckInStopped as stopped:
            _advise_unsaved_check_in(asker.console, services, stopped.so_far)
            raise
        if check_in is None or urgent_signs_confirmed(asker.console, signs_to_confirm(services.check_ins, check_in)):
            return check_in
        asker.console.print("Nothing was saved. Tell it again as you meant it:")


def _advise_unsaved_check_in(console: Console, services: Services, so_far: CheckIn | None) -> None:
    """A check-in left at Ctrl-C is not saved, as the safety questions left unfinished are not: an answer not yet
    confirmed may be a slip, and an urgent-care sign, once saved, holds for days whatever is deleted. But a warning
    sign already typed gets its advice and source before crest stops, as those questions' "yes" does, with the way
    to keep what was typed."""
    advice = None if so_far is None else services.check_ins.advice_for(so_far)
    if so_far is None or advice is None:
        return
    show_check_in_advice(console, advice)
    pain = " ".join(f"--pain {pain_option(rating)}" for rating in so_far.pain)
    keep = f" If what you typed is right, keep it with `crest log {pain}`." if pain else ""
    console.print(f"Nothing of this check-in was saved (stopped at Ctrl-C).{keep}")


class SessionNotSaved(CrestError):
    """The journal refused the end of a rest that ran its course (a full disk, the record deleted meanwhile)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the session could not be saved: {reason}")
        self.reason = reason


class SessionNotStarted(CrestError):
    """The safety screen advised against practising today."""

    exit_code = 1

    def __init__(self) -> None:
        super().__init__("the session was not started; please follow the advice above")


# Said where a default gives way to the side-lying rest (a session, `crest protocol`), naming what did.
SIDE_LYING_BY_DEFAULT = "Your safety answers advise resting on your side, so {what} is the side-lying rest."


def _allowed_variant(
    standing: SafetyStanding, wanted: VariantName, by_default: bool, console: Console, services: Services
) -> VariantName:
    """The variant to rest in: the side-lying rest while the answers advise it (pregnancy), else the one wanted
    (asked for, or the default when `by_default`: a default gives way to the side-lying rest, a request does not)."""
    if not standing.side_lying_only:
        return wanted
    if by_default:
        console.print(f"[yellow]{SIDE_LYING_BY_DEFAULT.format(what='this session')}[/yellow]")
        return SIDE_LYING_VARIANT
    if wanted != SIDE_LYING_VARIANT:
        show_standing(console, standing, services.clock(), services.zone)
        raise SessionNotStarted()
    return wanted


def _voice_wanted(asked: bool | None, crp: Protocol, timeline: Timeline) -> bool:
    return asked if asked is not None else crp.variants[timeline.variant].movement_rounds > 0


def _speaker(wanted: bool, console: Console) -> Speaker | None:
    if not wanted:
        return None
    speaker = Speaker.find()
    if not speaker.available:
        console.print("[dim]No speech engine found (install espeak-ng); the session runs silently.[/dim]")
        return None
    return speaker


def _walk_through_setup(crp: Protocol, timeline: Timeline, asker: Asker) -> None:
    console = asker.console
    steps = crp.setup_for(timeline.variant)
    rewritten = crp.variants[timeline.variant].replaces_setup
    console.print(f"\n[bold]Setting up[/bold] · {crp.variants[timeline.variant].title}, {timeline.minutes} minutes")
    lying_from = next((number for number, step in enumerate(steps, start=1) if step.id == LIE_DOWN_STEP), 1)
    for number, step in enumerate(steps, start=1):
        console.print(f"\n[bold]{number}/{len(steps)} {step.title}[/bold]")
        console.print(step.text)
        console.print(f"[dim]Source: {crp.cite(step.sources)}[/dim]")
        hint = why_hint(setup_step_entry(step.id, timeline.variant, step.id in rewritten))
        if hint:
            console.print(f"[dim]{escape(hint)}[/dim]")
        if not asker.assume_yes and not asker.input_closed:
            try:
                asker.pause()
            except StoppedAtPrompt:
                # From the step that lays the person down they may be on the floor: the way up first, as a rest
                # ended early gives it.
                if number >= lying_from:
                    console.print()
                    _coming_up(crp.ending_for(timeline.variant), None, console)
                raise
    console.print()


def _rest(
    timeline: Timeline,
    sessions: PracticeSessions,
    session_id: int,
    speaker: Speaker | None,
    console: Console,
    options: SessionOptions,
    done_s: int = 0,
) -> SessionEnded:
    """The timed rest, from `done_s` rested already (a rest broken off and taken up again)."""
    speed = options.speed
    runner = SessionRunner(timeline, ScaledClock(_MonotonicClock(), speed))
    previous_handlers = _raise_on_stop_signals()
    last_write = time.monotonic()
    told_unsaved = False

    def checkpoint(elapsed_s: float) -> None:
        # A journal that cannot take the time rested so far (a full disk, the record deleted from another window)
        # never cuts the rest short: the person is lying down. Said once; the end says whether it was saved after all.
        nonlocal told_unsaved
        try:
            sessions.checkpoint(session_id, elapsed_s, speed)
        except SafetyConcernStands:
            raise  # a warning sign came in while resting: the rest stops, and the advice is said
        except CrestError as error:
            if not told_unsaved:
                told = f"crest cannot save this session now ({error.message}); your rest goes on."
                console.print(f"[yellow]{escape(told)}[/yellow]")
            told_unsaved = True

    # A terminal that cannot move its cursor (TERM=dumb: Emacs' shell, some IDE consoles) showed no live panel at all,
    # a blank screen until the end: there the rest is told in lines, as into a pipe, and the keys are named once. So
    # it is with --plain, for a screen reader, to which a panel drawn in place is block glyphs rewritten every second.
    drawn = console.is_terminal and not console.is_dumb_terminal and not options.plain
    live = LivePanel(console, render_session(runner, speaker is not None)) if drawn else None
    lines = None if drawn else _Lines(console, timeline.total_s)
    try:
        with KeyReader() as keys:
            if live is not None:
                live.start()
            elif keys.interactive:
                console.print("[dim]Space pauses and resumes, q ends.[/dim]")
            events = runner.start(done_s)
            while True:
                for event in events:
                    if isinstance(event, CheckpointDue):
                        checkpoint(event.elapsed_s)
                        last_write = time.monotonic()
                    elif isinstance(event, SessionEnded):
                        if live is not None:  # the last frame shows the end (00:00), not the previous refresh
                            live.show(render_session(runner, speaker is not None))
                        return event
                    elif isinstance(event, CueDue):
                        _announce(event, speaker, lines)
                if live is not None:
                    live.show(render_session(runner, speaker is not None))
                else:
                    assert lines is not None  # one or the other, by `drawn`
                    lines.time_left(runner.elapsed_s)
                key = keys.read(REFRESH_S)
                if key == " ":
                    runner.toggle_pause()
                    if lines is not None:
                        lines.pause_or_resume(runner)
                elif key in ("q", "Q"):
                    return runner.end_early()
                if runner.state == "paused" and time.monotonic() - last_write >= HEARTBEAT_S:
                    # A long pause is still a live session: keep its sign of life fresh.
                    checkpoint(runner.elapsed_s)
                    last_write = time.monotonic()
                events = runner.poll()
    except KeyboardInterrupt:
        return runner.end_early()
    except _Stopped:
        ended = runner.end_early()
        sessions.finish(session_id, ended.elapsed_s, SessionStatus.INTERRUPTED, speed)
        raise SessionInterrupted(ended.elapsed_s) from None
    finally:
        if live is not None:
            live.stop()
        _restore_signals(previous_handlers)


class SessionInterrupted(CrestError):
    """crest was asked to stop mid-session; the record is kept as interrupted."""

    exit_code = 3

    def __init__(self, elapsed_s: int) -> None:
        super().__init__(f"stopped after {rested_text(elapsed_s)}; the session is saved as interrupted")


def _announce(event: CueDue, speaker: Speaker | None, lines: "_Lines | None") -> None:
    if speaker is not None:
        speaker.say(event.cue.text)
    if lines is not None:
        lines.cue(event.cue)


class _Lines:
    """The rest told line by line (--plain, TERM=dumb, a pipe): only what changes, each minute, each cue, a pause
    and a resume, so that a screen reader says each once and is quiet between them."""

    def __init__(self, console: Console, total_s: int) -> None:
        self._console = console
        self._total_s = total_s
        self._minutes_told = -1  # whole minutes rested that were told as the time left

    def time_left(self, elapsed_s: float) -> None:
        """'4 min left.', once a minute: only the newest when several passed at once (a fast demo clock)."""
        minutes = int(elapsed_s // 60)
        left_s = self._total_s - minutes * 60
        if minutes > self._minutes_told and left_s > 0:  # the end says "Time is up."
            self._console.print(f"{rested_text(left_s)} left.")
        self._minutes_told = max(self._minutes_told, minutes)

    def cue(self, cue: Cue) -> None:
        self.time_left(cue.at_s)  # a minute that begins with a cue is told before it
        self._console.print(cue.text)

    def pause_or_resume(self, runner: SessionRunner) -> None:
        if runner.state == "paused":
            self._console.print(f"Paused, {left_in_words(runner.remaining_s)}: space resumes.")
        else:
            self._console.print("Resumed.")


def _stopped_by_a_sign(
    stopped: SafetyConcernStands, ending: tuple[SourcedText, ...], speaker: Speaker | None, console: Console
) -> None:
    """A warning sign saved elsewhere (a check-in on the phone) stopped the rest: someone lying with eyes closed and
    the voice on hears why and the advice (without its sources), then how to come up, as the browser says it; the
    screen shows the way up and the advice after it, sources and all. Answers that now advise resting on the side
    (pregnancy) stop a rest on the back the same way, said as what they are."""
    why = STOPPED_FOR_THE_SIDE if isinstance(stopped, BackNotAdvised) else STOPPED_BY_A_SIGN
    console.print(f"\n[bold]{why}.[/bold]")
    for part in ending:
        console.print(part.text)
    if speaker is not None:  # one utterance, as at the end: a newer one would cut it short
        speaker.say(" ".join([f"{why}.", stopped.spoken, *(part.text for part in ending)]))


def _coming_up(ending: tuple[SourcedText, ...], speaker: Speaker | None, console: Console) -> None:
    """How to come out of the position, shown and (with the voice on) spoken."""
    for part in ending:
        console.print(part.text)
    if speaker is not None:  # one utterance: a newer cue would cut the previous one short
        speaker.say(" ".join(part.text for part in ending))


def _keep_or_delete(sessions: PracticeSessions, session_id: int, asker: Asker) -> bool:
    """Keep (True) or delete the record of a session ended early (already saved), as the person chooses."""
    if asker.confirm("\nKeep the record of this session?", default=True):
        asker.console.print("Kept as ended early.")
        return True
    sessions.delete(session_id)
    asker.console.print("Deleted.")
    return False


_STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def _raise_on_stop_signals() -> dict[int, object]:
    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise _Stopped()

    previous: dict[int, object] = {}
    for stop_signal in _STOP_SIGNALS:
        previous[stop_signal] = signal.signal(stop_signal, stop)
    return previous


def _restore_signals(previous: dict[int, object]) -> None:
    for stop_signal, handler in previous.items():
        signal.signal(stop_signal, handler)  # type: ignore[arg-type]
