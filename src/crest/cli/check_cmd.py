"""`crest check`: is this person in the constructive rest position, and what should they change?

Photos and videos go through the one `CheckService` (one loaded pose model for all paths of a call);
`--camera` checks live. Every input gets its own verdict or its own one-line error; the exit code is 2 when
any input could not be checked. With `--json`, stdout carries only JSON lines; progress and notes go to
stderr.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from crest.cli.command_help import examples
from crest.cli.file_names import file_name, name_problem
from crest.cli.native_logs import native_logs_silenced
from crest.cli.numbers import finite_number
from crest.counting import counted
from crest.errors import CrestError, one_line
from crest.posture.heights import SHORTEST_HEIGHT_CM, TALLEST_HEIGHT_CM

if TYPE_CHECKING:
    from rich.console import Console

    from crest.breath.result import BreathResult
    from crest.posture.result import CheckResult
    from crest.posture.service import Checked, CheckOptions, CheckService

FAILED_EXIT_CODE = 2
# Columns a video's progress needs for a bar beside its name, percentage and time left.
WIDE_ENOUGH_FOR_A_BAR = 60


class ViewOption(StrEnum):
    auto = "auto"
    side = "side"
    feet_end = "feet_end"
    head_end = "head_end"
    above = "above"


class NoInput(CrestError):
    """Neither a file nor the camera to check."""


class CheckStopped(CrestError):
    """Ctrl-C while files were being checked: what was left unchecked is named, as the results shown so far
    stand; the bar of a video under way has vanished with it."""

    exit_code = 130  # the shell's own code for Ctrl-C

    def __init__(self, unchecked: list[Path]) -> None:
        first = one_line(unchecked[0].name)
        more = "" if len(unchecked) == 1 else f" and {counted(len(unchecked) - 1, 'more file')}"
        super().__init__(f"stopped at Ctrl-C: {first}{more} {'was' if not more else 'were'} not checked")


def check(
    paths: list[str] | None = typer.Argument(  # noqa: B008
        None,
        metavar="PATH",
        help="Photos (JPEG, PNG, WebP) or videos (MP4, MOV, WebM, AVI) of you lying down.",
        show_default=False,
    ),
    json_output: bool = typer.Option(
        False, "--json", help="One JSON object per input per line (per frame with --camera)."
    ),
    annotate_dir: Path | None = typer.Option(  # noqa: B008
        None,
        "--annotate",
        metavar="DIR",
        parser=file_name,
        help="Write each picture with skeleton, measurements and verdicts.",
    ),
    height_cm: float | None = typer.Option(
        None,
        "--height-cm",
        metavar="CM",
        parser=finite_number,
        help=f"Your height in cm, {SHORTEST_HEIGHT_CM}-{TALLEST_HEIGHT_CM} (default: the one in your settings): "
        "makes distances in cm exact.",
    ),
    view: ViewOption = typer.Option(  # noqa: B008
        ViewOption.auto, "--view", help="Where the camera was; auto works it out."
    ),
    camera: bool = typer.Option(
        False, "--camera", help="Check live from a camera: --camera [INDEX] (default 0); q stops."
    ),
    voice: bool = typer.Option(False, "--voice", help="With --camera: speak corrections (needs espeak-ng)."),
    breath: bool = typer.Option(
        False, "--breath", help="Videos and --camera: also read your breathing rate and when you moved."
    ),
) -> None:
    """Check your position from photos, videos or the live camera, criterion by criterion."""
    from crest.cli.consoles import error_console
    from crest.cli.journal_access import open_services
    from crest.cli.safety_cmd import most_serious_advice_last
    from crest.posture.service import CheckOptions
    from crest.private_files import make_private_subfolder

    # What was typed is checked first: a name crest cannot open is refused as such, whatever the safety answers.
    if not camera and not paths:
        raise NoInput("give a photo or video to check (crest check PHOTO), or use --camera")
    # refused as file_name refuses a name; not by a parser, as the camera's index is one of these
    problem = next(filter(None, map(name_problem, paths or ())), None)
    if problem is not None:
        raise typer.BadParameter(problem, param_hint="'PATH'")
    # the check coaches lying on the back: not while side-lying is advised, nor while a concern stands (its refusal
    # ends with the most serious advice)
    with open_services() as services, most_serious_advice_last(services.safety):
        services.safety.require_may_lie_on_back()
        saved_height_cm = services.preferences.current().height_cm  # as the web check uses it
    options = CheckOptions(height_cm=saved_height_cm if height_cm is None else height_cm, view=view.value)
    errors = error_console()
    with native_logs_silenced():
        if camera:
            _check_camera(_camera_index(paths), options, json_output, voice, breath, errors)
            return
        if annotate_dir is not None and annotate_dir.exists() and not annotate_dir.is_dir():
            # Said before any check runs, not once per picture after each.
            raise CrestError(f"--annotate {one_line(str(annotate_dir))} is a file: give a folder for the pictures")
        if annotate_dir is not None:  # made before any check runs; a missing folder above it refused, as by -o
            make_private_subfolder(annotate_dir)
        if voice:  # said, as --breath on a photo is, rather than dropped without a word
            errors.print("--voice speaks the live camera's corrections; photos and videos are checked without it")
        failures = _check_files(
            [Path(path) for path in paths or ()], options, json_output, annotate_dir, breath, errors
        )
    if failures:
        raise typer.Exit(FAILED_EXIT_CODE)


MAX_CAMERA_INDEX = 9999  # far above any computer's cameras; OpenCV takes no number above a C long


def _camera_index(paths: list[str] | None) -> int:
    # `--camera 1` reads as the flag plus one argument; Typer has no option with an optional value.
    if not paths:
        return 0
    if len(paths) == 1 and paths[0].isdigit():
        # Digits only in ASCII ("²" is a digit to Python, not a number), and an index a camera can have
        if paths[0].isascii() and int(paths[0]) <= MAX_CAMERA_INDEX:
            return int(paths[0])
        raise NoInput(f"--camera {paths[0]}: give a camera number from 0 to {MAX_CAMERA_INDEX}, like --camera 1")
    raise NoInput("--camera checks the live camera; give only a camera number (crest check --camera 1)")


def _check_files(
    paths: list[Path],
    options: CheckOptions,
    json_output: bool,
    annotate_dir: Path | None,
    breath: bool,
    errors: Console,
) -> int:
    from collections import Counter

    from rich.markup import escape

    from crest.cli.consoles import console
    from crest.posture.service import CheckService, NoPersonFound

    out = console(highlight=False)
    failures = 0
    written: set[Path] = set()
    # Each result is headed by its file's name, not its path, so that the verdict after it begins the first line
    # on a phone's narrow terminal (a path wider than it was cut mid-word); by the path where two share the name.
    names = Counter(path.name for path in paths)
    with CheckService(options) as service:
        for index, path in enumerate(paths):
            try:
                checked = _check_one(service, path, breath, errors)
                if annotate_dir is not None:
                    picture = _write_annotated(checked, path, annotate_dir, written)
                    if not json_output:
                        errors.print(f"annotated picture: {escape(one_line(str(picture)))}")
            except CrestError as error:
                failures += 1
                # A video with nobody in it still has its breath's reason for no reading (too dark, not in view).
                breath_read = error.breath if isinstance(error, NoPersonFound) else None
                if json_output:
                    failed = {"file": str(path), "error": _without_name(error.message, path)}
                    _print_json(failed | ({} if breath_read is None else {"breath": breath_read.to_json_dict()}))
                else:
                    errors.print(f"[red]crest: {escape(one_line(str(error)))}[/red]")
                    if breath_read is not None:  # its reason only: with nobody seen, stillness means nothing
                        out.print(f"[bold]breathing[/bold]: {escape(breath_read.summary())}")
                continue
            except KeyboardInterrupt:
                raise CheckStopped(paths[index:]) from None
            if json_output:
                _print_json(checked.to_json_dict() | {"file": str(path)})
            else:
                _render(out, checked, one_line(path.name if names[path.name] == 1 else str(path)))
    if not json_output and failures < len(paths):
        from crest.protocol import load_protocol

        out.print(f"[dim]{load_protocol().disclaimer}[/dim]")
    return failures


def _without_name(message: str, path: Path) -> str:
    """A file's error without the name it starts with ("tiny.png: ..."), which --json gives in `file` already."""
    for name in (str(path), path.name, one_line(path.name)):
        if message.startswith(f"{name}: "):
            return message.removeprefix(f"{name}: ")
    return message


def _check_one(service: CheckService, path: Path, breath: bool, errors: Console) -> Checked:
    from rich.markup import escape
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from crest.posture.media import MediaKind, kind_of_file

    if kind_of_file(path) is not MediaKind.VIDEO:
        if breath:
            name = escape(one_line(path.name))
            errors.print(f"{name}: a photo shows no breathing; --breath reads videos and the camera")
        return service.check_path(path)
    if not errors.is_terminal:
        # Piped or logged, a bar only leaves a blank line before what follows (Rich ends its live display so).
        return service.review_video(path, one_line(path.name), breath=breath)
    # The bar goes to stderr so that --json output on stdout stays clean. On a phone's narrow terminal the bar
    # squeezed the time left to "0:0…": there the percentage shows the progress alone.
    bar = (BarColumn(),) if errors.width >= WIDE_ENOUGH_FOR_A_BAR else ()
    with Progress(
        TextColumn("reviewing {task.description}"),
        *bar,
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
    ) as progress:
        task = progress.add_task(escape(one_line(path.name)), total=None)

        def advance(done_s: float, total_s: float | None) -> None:
            progress.update(task, completed=done_s, total=total_s)

        return service.review_video(path, one_line(path.name), advance, breath=breath)


def _write_annotated(checked: Checked, path: Path, directory: Path, written: set[Path]) -> Path:
    from crest.posture.media import write_image
    from crest.posture.overlay import annotate
    from crest.posture.service import PhotoCheck
    from crest.posture.video import event_lines

    if isinstance(checked, PhotoCheck):
        picture = annotate(checked.image_rgb, checked.result, notes=tuple(map(_in_terminal_words, checked.notes)))
    else:
        if checked.snapshot_rgb is None:
            raise CrestError(f"{path.name}: no frame with a person to draw")
        review = checked.review
        headline = f"{checked.result.summary} (picture: the last moment a person was seen)"
        notes = event_lines(review.events)[:6]
        picture = annotate(checked.snapshot_rgb, checked.snapshot_result, headline=headline, notes=notes)
    target = directory / f"{path.stem}.check.jpg"
    counter = 2
    while target in written:  # two inputs with the same name from different folders
        target = directory / f"{path.stem}-{counter}.check.jpg"
        counter += 1
    written.add(target)
    write_image(target, picture)
    return target


# The terminal takes the height from --height-cm as well as from Settings (the web app's).
TYPICAL_HEIGHT_IN_TERMINAL = (
    "Distances in cm are for a typical adult height; give yours with --height-cm, or set it in Settings "
    "(crest serve), for your own."
)


def _in_terminal_words(note: str) -> str:
    from crest.posture.result import TYPICAL_HEIGHT_NOTE

    return TYPICAL_HEIGHT_IN_TERMINAL if note == TYPICAL_HEIGHT_NOTE else note


def _print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


STATUS_STYLES = {"ok": "green", "adjust": "yellow", "not_visible": "dim"}
# Under this many columns the five columns of the criteria table would cut words in two.
TABLE_MIN_COLUMNS = 100


def _render(out: Console, checked: Checked, name: str) -> None:
    from rich.markup import escape

    from crest.cli.breath_view import render_breath
    from crest.counting import counted
    from crest.posture.service import VideoCheck
    from crest.posture.video import event_lines, share_words, timeline_lines
    from crest.posture.vocabulary import VIEW_LABELS, Status

    result = checked.result
    camera = f"(camera {VIEW_LABELS.get(result.view, result.view)})"
    if isinstance(checked, VideoCheck):
        # No one verdict for a whole video ("in the rest position" for one that was half the time): the summary
        # under the name says how much of it was, as the web page says it; the name's line says which way most of
        # it went, in the words of the timeline's stretches, as a photo's line has its verdict.
        review = checked.review
        if not review.frames_with_person:
            verdict = "[dim]nobody in view[/dim]"
        elif review.mostly_cant_tell:
            verdict = "[dim]can't tell most of the time[/dim]"
        elif not result.pose_recognized:
            verdict = "[yellow]out of the rest position most of the time[/yellow]"
        else:
            nearly = "nearly " if review.share_nearly > review.share_in_position else ""
            verdict = f"[green]{nearly}in the rest position most of the time[/green]"
        out.print(f"[bold]{escape(name)}[/bold]: {verdict} {camera}")
    else:
        verdict = {
            Status.OK: "[green]in the rest position[/green]",
            Status.ADJUST: "[yellow]not yet[/yellow]",
            Status.NOT_VISIBLE: "[dim]can't tell from here[/dim]",
        }[result.position_status]
        if result.nearly:  # as the summary under it: "Constructive rest position, nearly: ..." names the change
            verdict = "[green]in the rest position, nearly[/green]"
        if result.not_sure:  # not where the summary under it says what the picture could not show
            verdict += f"{',' if result.nearly else ''} [dim]but not sure[/dim]"
        out.print(f"[bold]{escape(name)}[/bold]: {verdict} {camera}")
    out.print(escape(result.summary))
    for note in map(_in_terminal_words, checked.notes):
        out.print(f"[yellow]note:[/yellow] {escape(note)}")
    _print_criteria(out, result)
    if isinstance(checked, VideoCheck):
        review = checked.review
        # the timeline's words, counted
        share = share_words(review.share_in_position, review.share_nearly, review.share_cant_tell)
        out.print(
            f"reviewed {review.duration_s:.0f} s of video ({counted(review.frames_checked, 'frame')}); "
            f"{share[0].lower()}{share[1:]}"
        )
        for line in event_lines(review.events):
            _print_indented(out, f"- {escape(line)}")
        out.print("timeline:")
        for line in timeline_lines(review):
            _print_indented(out, escape(line))
        if checked.breath is not None:
            render_breath(out, checked.breath)
    out.print()


def _print_indented(out: Console, markup: str) -> None:
    """A line under the one above it, indented by two, its wrapped lines too: they read as its own, not as the
    next criterion's."""
    from rich.padding import Padding
    from rich.text import Text

    out.print(Padding(Text.from_markup(markup), (0, 0, 0, 2), expand=False))


def _print_criteria(out: Console, result: CheckResult) -> None:
    """A table of the criteria; on a terminal too narrow for its five columns, each criterion's lines stacked, so
    that no word is cut in two."""
    from rich.markup import escape
    from rich.table import Table

    from crest.posture.result import SURE, advice_under
    from crest.posture.vocabulary import criterion_label, status_label

    rows = []
    for criterion in result.criteria:
        style = STATUS_STYLES.get(criterion.status, "")
        word = status_label(criterion.status).lower()
        if criterion.status != "not_visible" and criterion.confidence < SURE:
            word += " (not sure)"
        target = criterion.target or "" if criterion.status != "not_visible" else ""
        rows.append((criterion_label(criterion.name), f"[{style}]{escape(word)}[/{style}]", criterion, target))
    if out.width < TABLE_MIN_COLUMNS:
        for label, status, criterion, target in rows:
            out.print(f"[bold]{escape(label)}[/bold]: {status}")
            advice = advice_under(result.summary, criterion.advice_line)
            lines = (("measured", criterion.measured_line), ("target", target), ("", advice))
            for heading, text in lines:
                if text:
                    _print_indented(out, f"{heading + ': ' if heading else ''}{escape(text)}")
        return
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    for column in ("criterion", "status"):  # short words, kept whole so each row reads at a glance
        table.add_column(column, no_wrap=True)
    for column in ("measured", "target", "what to do"):
        table.add_column(column, overflow="fold")
    for label, status, criterion, target in rows:
        measured = escape(criterion.measured_line or "")
        advice = advice_under(result.summary, criterion.advice_line)
        table.add_row(label, status, measured, escape(target), escape(advice))
    out.print(table)


def _check_camera(
    index: int, options: CheckOptions, json_output: bool, voice: bool, breath: bool, errors: Console
) -> None:
    import time

    from crest.posture.camera import (
        CorrectionVoice,
        EspeakSpeaker,
        JsonLines,
        LiveOutput,
        OpenCvCamera,
        OpenCvWindow,
        run_live,
    )
    from crest.posture.service import CheckService

    source = OpenCvCamera(index)  # first: "no camera" is the message that matters most
    try:
        output: LiveOutput = JsonLines() if json_output else OpenCvWindow()
    except CrestError:
        source.close()
        raise
    correction_voice = None
    if voice:
        speaker = EspeakSpeaker.find()
        if speaker is None:
            errors.print("crest: espeak-ng is not installed, so corrections are shown but not spoken")
        else:
            correction_voice = CorrectionVoice(speaker)
    with CheckService(options) as service:
        # The frames' times come from the monotonic clock as each is taken: the breath's time line too.
        live = service.live(breath=breath)
        try:
            run_live(source, live, output, time.monotonic, correction_voice)
        except KeyboardInterrupt:
            errors.print("stopped")
        breath_result = live.breath_result()
    if breath_result is not None:
        _report_live_breath(breath_result, json_output)


def _report_live_breath(result: BreathResult, json_output: bool) -> None:
    """After the camera stops: one last JSON line, or the breath in words."""
    if json_output:
        _print_json({"breath": result.to_json_dict()})
        return
    from crest.cli.breath_view import render_breath
    from crest.cli.consoles import console

    render_breath(console(highlight=False), result)


EXAMPLES = examples(
    "crest check photo.jpg           a photo of you lying in the position",
    "crest check rest.mp4 --breath   a video of a rest, and your breathing",
    "crest check --camera            live, from this computer's camera",
)


def register(app: typer.Typer) -> None:
    app.command("check", epilog=EXAMPLES)(check)
