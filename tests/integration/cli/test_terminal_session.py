"""The guided session in a real terminal (a pseudo-terminal): what a person sees, key by key."""

import fcntl
import json
import os
import re
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from crest.cli.guided_session import BREATH_NOT_TAKEN_UP
from crest.cli.session_view import big_clock
from crest.durations import rested_text
from crest.journal.store import Journal
from crest.journal.vocabulary import Region
from crest.knowledge.sign_words import SIGN_WORDS
from crest.safety.screen import QUESTIONS
from crest.services.preferences import PreferencesStore

CTRL_C = "\x03"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


def run_in_terminal(
    args: Sequence[str],
    env: dict[str, str],
    script: Sequence[tuple[str, str]],
    timeout_s: float = 90,
    columns: int = 100,
    term: str = "xterm-256color",
    as_left: bool = False,
    size_in_env: bool = True,
) -> str:
    """Run crest on a pseudo-terminal `columns` wide and 40 rows high (said in COLUMNS and LINES too, unless not
    `size_in_env`, as a shell that does not export them); each time the output shows a step's text, type its keys.
    All it wrote, or with `as_left` what the screen shows once it is done."""
    main_fd, child_fd = os.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    terminal_env = {**env, "TERM": term, "COLUMNS": str(columns), "LINES": "40"}
    if not size_in_env:
        del terminal_env["COLUMNS"], terminal_env["LINES"]
    terminal_env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "crest", *args],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=terminal_env,
        start_new_session=True,
    )
    os.close(child_fd)
    output = ""
    steps = list(script)
    searched_from = 0
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(main_fd, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk.decode(errors="replace")
            plain = ANSI.sub("", output)
            while steps and steps[0][0] in plain[searched_from:]:
                searched_from = plain.index(steps[0][0], searched_from) + len(steps[0][0])
                keys = steps.pop(0)[1]
                if keys == CTRL_C:  # what the terminal does with it: this test's child has no controlling terminal
                    time.sleep(0.5)  # as a person would, once the question is there (a loaded machine is slow)
                    process.send_signal(signal.SIGINT)
                else:
                    os.write(main_fd, keys.encode())
            if process.poll() is not None and not ready:
                break
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        os.close(main_fd)
    assert not steps, f"never saw {steps[0][0]!r}:\n{ANSI.sub('', output)[-3000:]}"
    return _left_on_screen(output) if as_left else ANSI.sub("", output)


def _left_on_screen(output: str) -> str:
    """The lines a terminal shows at the end: a status line that was erased (Rich's transient spinner moves the
    cursor up and clears its lines) is gone, as it is from a person's screen."""
    lines, row, column = [""], 0, 0
    for piece in re.split(r"(\x1b\[[0-9;?]*[A-Za-z]|\r\n|\n|\r)", output):
        if piece in ("\n", "\r\n"):
            row, column = row + 1, 0
            lines += [""] * (row + 1 - len(lines))
        elif piece == "\r":
            column = 0
        elif up := re.fullmatch(r"\x1b\[([0-9]*)A", piece):
            row = max(0, row - int(up.group(1) or 1))
        elif piece == "\x1b[2K":
            lines[row] = ""
        elif not piece.startswith("\x1b"):
            lines[row] = lines[row][:column].ljust(column) + piece + lines[row][column + len(piece) :]
            column += len(piece)
    return "\n".join(lines).rstrip("\n")


def _clock_rows_before(plain: str, marker: str) -> list[str]:
    """The five rows of the last countdown drawn before `marker`."""
    lines = plain[: plain.index(marker)].splitlines()
    rows = [line.strip(" │") for line in lines if "█" in line or "▪" in line]
    return [row.strip() for row in rows[-5:]]


@pytest.mark.usefixtures("safety_answered")
def test_the_last_frame_shows_the_end_above_time_is_up(crest_env: dict[str, str]) -> None:
    plain = run_in_terminal(["session", "--minutes", "5", "--speed", "300", "--yes"], crest_env, [])
    assert "Time is up" in plain
    assert _clock_rows_before(plain, "Time is up") == [row.strip() for row in big_clock(0).splitlines()]


@pytest.mark.usefixtures("safety_answered")
def test_a_terminal_that_cannot_move_its_cursor_shows_the_cues_and_the_keys_as_lines(crest_env: dict[str, str]) -> None:
    """With TERM=dumb (Emacs' shell, some IDE consoles) the rest showed nothing at all until its end: no time, no
    cue, no word of space and q."""
    script = [
        *[(f"{number}/7 ", "\n") for number in range(1, 8)],
        ("Space pauses and resumes, q ends.", ""),
        ("let the floor hold you.", " "),
        ("space resumes.", " "),
        ("Resumed.", "q"),
        ("Keep the record of this session?", "\n"),  # crest ends here: the test waits no longer than it does
    ]
    plain = run_in_terminal(
        ["session", "--minutes", "5", "--speed", "5", "--no-checkin"], crest_env, script, term="dumb"
    )
    assert "5 min left.\nYou're in position." in plain and "Ended after" in plain
    assert "█" not in plain  # no panel drawn over itself


@pytest.mark.usefixtures("safety_answered")
def test_plain_tells_a_screen_reader_the_rest_in_lines_each_said_once(crest_env: dict[str, str]) -> None:
    """--plain on a terminal that could draw the panel: the time left once a minute, each cue, a pause and a resume,
    as lines, and nothing drawn in place (a screen reader followed block glyphs rewritten every second)."""
    script = [
        *[(f"{number}/7 ", "\n") for number in range(1, 8)],
        ("4 min left.", " "),
        ("left: space resumes.", " "),
        ("Resumed.", ""),
    ]
    plain = run_in_terminal(
        ["session", "--minutes", "5", "--speed", "30", "--no-checkin", "--plain"], crest_env, script, columns=40
    )
    rest = plain[plain.index("Space pauses and resumes, q ends.") : plain.index("Time is up.")].splitlines()
    told = [line.strip() for line in rest[1:] if line.strip()]
    assert told[:2] == ["5 min left.", "You're in position. Nothing to do now:"]
    assert [line for line in told if line.endswith(" min left.")] == [f"{n} min left." for n in (5, 4, 3, 2, 1)]
    paused = [line for line in told if line.startswith("Paused, ")]
    assert len(paused) == 1 and re.fullmatch(r"Paused, \d+ (min|s)( \d+ s)? left: space resumes\.", paused[0])
    assert told.count("Resumed.") == 1 and "About a minute left." in " ".join(told)
    assert "█" not in plain and "╭" not in plain


# The answers to a rest ended early, kept, then to a check-in: the lower back (centre) at 4, "the same" as before.
def _ended_early_and_kept() -> list[tuple[str, str]]:
    screen = "".join("n\n" for _ in QUESTIONS)
    return [
        ("1. ", screen),
        *[(f"{number}/7 ", "\n") for number in range(1, 8)],
        ("q end", "q"),
        ("Keep the record of this session?", "\n"),
    ]


RATED_THE_SAME = [
    ("Where do you feel pain or tension now?", "1\n"),
    ("which side?", "c\n"),
    ("0-10?", "4\n"),
    ("What is it like?", "\n"),
    ("orse?", "s\n"),
    ("Did you notice any of these?", "\n"),
]


def test_ending_early_with_q_gives_the_way_up_and_the_check_in(crest_env: dict[str, str]) -> None:
    script = [*_ended_early_and_kept(), *RATED_THE_SAME, ("A note for yourself?", "came up early\n")]
    plain = run_in_terminal(["session", "--minutes", "5", "--speed", "20"], crest_env, script)
    ended = plain.index("Ended after")
    assert "roll gently onto one side" in plain[ended:]
    assert plain.index("Use your arms to push yourself up") < plain.index("Keep the record of this session?")
    assert "Saved." in plain
    with Journal.open() as journal:
        [session] = journal.list_sessions()
        [check_in] = journal.list_checkins()
    assert session.status == "ended_early"
    assert check_in.session_id == session.id and check_in.note == "came up early"


def test_a_record_deleted_after_ending_early_still_asks_the_check_in_and_keeps_it_on_its_own(
    crest_env: dict[str, str],
) -> None:
    """Answering "n" to keeping the record ended crest there: a person who stopped for a symptom could not say so,
    nor hear a warning sign's advice."""
    screen = "".join("n\n" for _ in QUESTIONS)
    script = [
        ("1. ", screen),
        *[(f"{number}/7 ", "\n") for number in range(1, 8)],
        ("q end", "q"),
        ("Keep the record of this session?", "n\n"),
        ("Where do you feel pain or tension now?", "\n"),
        ("Did you notice any of these?", "\n"),
        ("A note for yourself?", "numb between my legs and I can't tell when I need to pee\n"),
        ("Is that right?", "y\n"),
    ]
    plain = run_in_terminal(["session", "--minutes", "5", "--speed", "20"], crest_env, script)
    assert "Deleted." in plain
    assert "keeps it as a demo" not in plain  # a demo deleted is kept nowhere
    assert "urgent" in plain.lower() and "Saved." in plain
    with Journal.open() as journal:
        assert journal.list_sessions() == []
        [check_in] = journal.list_checkins()
    assert check_in.session_id is None and check_in.timing == "standalone"
    assert "Compared with before the session" not in plain  # no session left to compare with


def test_an_urgent_sign_typed_by_mistake_after_a_rest_is_asked_again_not_saved(crest_env: dict[str, str]) -> None:
    """Tingling picked for aching names an urgent sign that holds two weeks once saved: the check-in after the rest
    asks "Is that right?" first, as crest log and the Check-in page do, and "no" asks the check-in again."""
    script = [
        *_ended_early_and_kept(),
        *RATED_THE_SAME,
        ("A note for yourself?", "numb between my legs\n"),
        ("Is that right?", "n\n"),
        ("Tell it again as you meant it", ""),
        *RATED_THE_SAME,
        ("A note for yourself?", "stiff but fine\n"),
    ]
    plain = run_in_terminal(["session", "--minutes", "5", "--speed", "20"], crest_env, script)
    assert "This check-in notes a warning sign:" in plain and "Saved." in plain
    # The "no" is not the last word on the sign: what to do if it is there after all comes before the question again.
    assert plain.index("If it is there after all, please seek urgent medical care now") < plain.index("Tell it again")
    with Journal.open() as journal:
        [check_in] = journal.list_checkins()
    assert check_in.note == "stiff but fine"
    assert "seek urgent" not in plain[plain.index("stiff but fine") :].lower()


def test_enter_alone_neither_keeps_nor_drops_an_urgent_sign_after_a_rest(crest_env: dict[str, str]) -> None:
    """Before, "Is that right? [y/N]" took Enter, the key the check-in had just said skips its questions, for "no":
    the sign was dropped without a trace and the next session started (a new user's walk-through). Enter now asks
    for y or n."""
    script = [
        *_ended_early_and_kept(),
        *RATED_THE_SAME,
        ("A note for yourself?", "I wet myself a bit and couldn't really feel it when I wiped\n"),
        ("Is that right? [y/n]", "\n"),
        ("Please type y or n", "\n"),
        ("Please type y or n", "y\n"),
    ]
    plain = run_in_terminal(["session", "--minutes", "5", "--speed", "20"], crest_env, script)
    assert "Nothing was saved" not in plain and "Saved." in plain
    with Journal.open() as journal:
        [check_in] = journal.list_checkins()
    assert check_in.note is not None and "wiped" in check_in.note
    refused = run_in_terminal(["session", "--minutes", "5", "--speed", "60", "--no-checkin"], crest_env, [])
    assert "urgent" in refused.lower() and "You're in position" not in refused


def test_a_note_naming_several_signs_after_a_rest_asks_of_every_urgent_one_then_names_all(
    crest_env: dict[str, str],
) -> None:
    """Each sign the note names, most urgent first, as `crest ask` pins them: one was named (the walk-through, L5)."""
    note = "I wet myself and I have crushing chest pain, and a fever"
    bladder, emergency, infection = (  # each by its own words, not its help entry's title
        SIGN_WORDS[rule] for rule in ("bladder_or_bowel_trouble", "chest_pain", "fever_or_chills")
    )
    script = [
        *_ended_early_and_kept(),
        *RATED_THE_SAME,
        ("A note for yourself?", f"{note}\n"),
        ("Is that right?", "y\n"),
    ]
    said = " ".join(run_in_terminal(["session", "--minutes", "5", "--speed", "20"], crest_env, script).split())
    asked = said.index(f"This check-in notes warning signs: - {bladder} - {emergency} It means seeking urgent")
    answered = said[said.index("Is that right?") :]
    assert asked < said.index("Is that right?")
    assert answered.index(bladder) < answered.index(emergency) < answered.index(infection) < answered.index("Saved.")
    with Journal.open() as journal:
        [check_in] = journal.list_checkins()
    assert check_in.note == note


@pytest.mark.parametrize(("stopped_at", "lying"), [(1, False), (3, True)])
def test_ctrl_c_during_the_setup_gives_the_way_up_once_the_person_lies_down(
    crest_env: dict[str, str], stopped_at: int, lying: bool
) -> None:
    """At step 3 of 7 ("Knees up") the person is on the floor: a Ctrl-C said only 'stopped at Ctrl-C'."""
    screen = "".join("n\n" for _ in QUESTIONS)
    script = [
        ("1. ", screen),
        *[(f"{number}/7 ", "\n") for number in range(1, stopped_at)],
        (f"{stopped_at}/7 ", ""),
        ("Press Enter when ready", CTRL_C),
    ]
    plain = run_in_terminal(["session", "--minutes", "5", "--speed", "20"], crest_env, script)
    assert "stopped at Ctrl-C" in plain
    assert ("roll gently onto one side" in " ".join(plain.split())) is lying
    with Journal.open() as journal:
        assert journal.list_sessions() == []  # the rest never started


def test_ctrl_c_at_keep_the_record_keeps_it_as_ended_early_with_the_time_shown(crest_env: dict[str, str]) -> None:
    """It stayed 'running', with the last checkpoint's time, until the next crest marked it interrupted."""
    screen = "".join("n\n" for _ in QUESTIONS)
    script = [
        ("1. ", screen),
        *[(f"{number}/7 ", "\n") for number in range(1, 8)],
        ("q end", "q"),
        ("Keep the record of this session?", CTRL_C),
    ]
    plain = run_in_terminal(["session", "--minutes", "5", "--speed", "20"], crest_env, script)
    shown = re.search(r"Ended after ([^.]+)\.", plain)
    assert shown is not None and "stopped at Ctrl-C" in plain
    with Journal.open() as journal:
        [session] = journal.list_sessions()
    assert session.status == "ended_early"
    assert rested_text(session.actual_seconds) == shown.group(1)


@pytest.mark.usefixtures("safety_answered")  # the position check, like a session, comes after the questions
def test_an_error_wraps_at_word_boundaries_in_a_narrow_terminal(crest_env: dict[str, str], tmp_path: Path) -> None:
    """The terminal broke a one-line error anywhere ("No such file" / " or directory", "“9" / "9”"); only a word
    longer than the terminal, a path here, may be broken."""
    deep = tmp_path / "a-folder-with-a-name-longer-than-the-terminal" / "journal.zip"
    not_a_photo = tmp_path / "notes.jpg"
    not_a_photo.write_text("not a photo")
    for args, words_kept in (
        (["import", "bad.zip"], "crest: cannot read bad.zip (No such file or directory)"),
        (["session", "--minutes", "99"], "crest: --minutes: enter 30 or less, not “99”"),
        (["import", str(deep)], "crest: cannot read (No such file or directory)"),
        (["check", str(not_a_photo)], "crest: notes.jpg: this is not a photo or video crest can read"),
    ):
        # as left on the screen: crest import's spinner, erased once it is done, is not part of the error
        shown = run_in_terminal(args, crest_env, [], columns=40, as_left=True).strip()
        assert shown.startswith("crest: ") and max(len(line) for line in shown.splitlines()) <= 40
        words = shown.split()
        assert all(word in words for word in words_kept.split()), shown
        if str(deep) in args:
            assert str(deep) in "".join(words)  # whole, but for where it is cut to fit


@pytest.mark.parametrize("size_in_env", [True, False])
def test_a_dumb_terminal_narrower_than_80_gets_lines_that_fit_it(crest_env: dict[str, str], size_in_env: bool) -> None:
    """TERM=dumb (the README's plain lines for a screen reader) in a terminal 40 wide: Rich took it to be 80 wide,
    and the terminal broke every longer line in the middle of a word ("what was alrea" / "dy saved is kept")."""
    shown = run_in_terminal(["protocol"], crest_env, [], columns=40, term="dumb", size_in_env=size_in_env)
    lines = shown.splitlines()
    assert len(lines) > 10 and max(len(line) for line in lines) <= 40
    error = run_in_terminal(
        ["session", "--minutes", "99"], crest_env, [], columns=40, term="dumb", size_in_env=size_in_env
    )
    assert error.startswith("crest: ") and max(len(line) for line in error.splitlines()) <= 40


def _rest_then_rate(region: Region) -> list[tuple[str, str]]:
    """Through a demo rest to the check-in, then `region` (both sides) rated 3."""
    return [
        *[(f"{number}/7 ", "\n") for number in range(1, 8)],
        ("Where do you feel pain or tension now?", f"{list(Region).index(region) + 1}\n"),
        ("which side?", "b\n"),
        ("How strong is it", "3\n"),
    ]


@pytest.mark.usefixtures("safety_answered")
@pytest.mark.parametrize(
    ("region", "then", "said"),
    [
        # Ctrl-C at the next question: the place fully described (the walk-through's feet, both, tingling)
        (
            Region.FOOT,
            [("What is it like?", "t\n"), ("Compared with before the session", CTRL_C)],
            "foot:both=3:tingling",
        ),
        # Ctrl-C while the place is being described: its score and side are the sign already
        (Region.CALF_AND_SHIN, [("What is it like?", CTRL_C)], "calf_and_shin:both=3"),
    ],
)
def test_ctrl_c_in_the_check_in_after_a_warning_sign_is_typed_gives_its_advice_first(
    crest_env: dict[str, str], region: Region, then: list[tuple[str, str]], said: str
) -> None:
    """As the safety questions do at Ctrl-C after a "yes": nothing is saved (it may be a slip, and an urgent sign
    holds for days once saved), but the advice for what was typed comes before crest stops, with how to keep it."""
    plain = run_in_terminal(
        ["session", "--minutes", "5", "--speed", "3600"], crest_env, [*_rest_then_rate(region), *then]
    )
    flat = " ".join(plain.split())
    assert "Please seek urgent medical care now" in flat and "Source: British Association of Spine Surgeons" in flat
    keep = f"If what you typed is right, keep it with `crest log --pain {said}`."
    assert f"Nothing of this check-in was saved (stopped at Ctrl-C). {keep}" in flat
    assert flat.index("Please seek urgent medical care now") < flat.index("crest: stopped at Ctrl-C")
    with Journal.open() as journal:
        assert journal.list_checkins() == []


@pytest.mark.usefixtures("safety_answered")
def test_ctrl_c_in_a_calm_check_in_only_stops(crest_env: dict[str, str]) -> None:
    script = [*_rest_then_rate(Region.HIP), ("What is it like?", "a\n"), ("Compared with before the session", CTRL_C)]
    flat = " ".join(run_in_terminal(["session", "--minutes", "5", "--speed", "3600"], crest_env, script).split())
    assert "crest: stopped at Ctrl-C" in flat and "Nothing of this check-in was saved" not in flat
    assert "medical care" not in flat and "clinician" not in flat


def _close_the_terminal_mid_rest(crest_env: dict[str, str], minutes: int) -> int:
    """`crest session` at 20 times real time on a terminal it owns, as a shell gives one, closed (the window, an SSH
    drop) once the rest has checkpointed 60 s: the seconds it had checkpointed."""
    main_fd, child_fd = os.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def own_the_terminal() -> None:  # hung up, with SIGHUP and SIGCONT, when the window closes
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    args = ["session", "--minutes", str(minutes), "--speed", "20", "--yes", "--no-checkin"]
    process = subprocess.Popen(
        [sys.executable, "-m", "crest", *args],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env={**crest_env, "TERM": "xterm-256color"},
        preexec_fn=own_the_terminal,
    )
    os.close(child_fd)
    try:
        checkpointed_s = 0
        deadline = time.monotonic() + 60
        while checkpointed_s < 60 and time.monotonic() < deadline:
            if select.select([main_fd], [], [], 0.2)[0]:
                os.read(main_fd, 65536)  # read what it draws, or it waits on a full terminal
            if (Path(crest_env["CREST_HOME"]) / "crest.db").exists():
                with Journal.open() as journal:
                    found = journal.list_sessions()
                checkpointed_s = found[0].actual_seconds if found else 0
        assert checkpointed_s >= 60, "the rest never checkpointed"
    finally:
        os.close(main_fd)  # the window closes
    try:
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    return checkpointed_s


@pytest.mark.usefixtures("safety_answered")
def test_a_terminal_closed_mid_rest_saves_it_as_interrupted_with_the_time_rested(crest_env: dict[str, str]) -> None:
    """Closing the terminal window (an SSH drop, `tmux kill-session`) hangs it up: the kernel sends SIGHUP and
    SIGCONT, and the terminal is gone. crest died on the terminal it could no longer set back (termios.error, then
    EIO drawing the panel) before saving: the rest stayed `running` at its last checkpoint until the next command."""
    checkpointed_s = _close_the_terminal_mid_rest(crest_env, 30)
    with Journal.open() as journal:  # read as crest left it: no command of crest's has tidied it since
        [session] = journal.list_sessions()
    assert session.status == "interrupted"
    assert session.actual_seconds >= checkpointed_s


@pytest.mark.usefixtures("safety_answered")
def test_a_rest_broken_off_is_taken_up_again_in_the_terminal(crest_env: dict[str, str]) -> None:
    """The browser's Session page offers a rest broken off for half an hour; `crest session` started a new one from
    its setup, the first left interrupted. It now asks, and goes on from the time rested, with no setup again."""
    _close_the_terminal_mid_rest(crest_env, 5)
    script = [("Take it up where it stopped?", "\n"), ("Time is up", "")]
    plain = run_in_terminal(["session", "--speed", "20", "--no-checkin"], crest_env, script)
    asked = plain.split("Take it up where it stopped?")[0].splitlines()[-1]
    assert "was broken off after" in asked and "of 5 min." in asked
    assert "Setting up" not in plain.split("Take it up where it stopped?")[1]
    with Journal.open() as journal:
        [session] = journal.list_sessions()
    assert session.status == "completed" and session.actual_seconds == 300


@pytest.mark.usefixtures("safety_answered")
def test_a_rest_whose_breath_the_camera_read_says_the_terminal_does_not_read_it(crest_env: dict[str, str]) -> None:
    """A rest begun on the Session page with the breath read, broken off, then taken up in the terminal: the breath
    was silently no longer read. The terminal now says so, and that what was read before is kept."""
    _close_the_terminal_mid_rest(crest_env, 5)
    reading = {"rate_bpm": 12.0, "windows": [{"start_s": 0.0, "end_s": 30.0, "rate_bpm": 12.0}], "movements": []}
    with sqlite3.connect(Path(crest_env["CREST_HOME"]) / "crest.db") as db:  # as a page's checkpoint left it
        db.execute("UPDATE practice_sessions SET breath = ?", (json.dumps(reading),))
    script = [("Take it up where it stopped?", "\n"), ("Time is up", "")]
    plain = " ".join(run_in_terminal(["session", "--speed", "20", "--no-checkin"], crest_env, script).split())
    assert BREATH_NOT_TAKEN_UP in plain
    with Journal.open() as journal:
        [session] = journal.list_sessions()
    assert session.status == "completed" and session.breath is not None and session.breath.rate_bpm == 12.0


@pytest.mark.parametrize("found", ["no audio player", "an audio player", "the chime off in Settings"])
@pytest.mark.usefixtures("safety_answered")
def test_the_end_of_a_rest_sounds_once_where_it_can_and_says_when_it_ended(
    crest_env: dict[str, str], tmp_path: Path, found: str
) -> None:
    """Without an audio player the end was silent ("~ ding ~" on the screen): someone who dozed off slept on. It is
    now the terminal's own bell, once, unless Settings turned the chime off, and a line says when the rest ended."""
    programs = tmp_path / "bin"  # the only programs crest finds: none, or an audio player that notes each play
    programs.mkdir()
    played = tmp_path / "played"
    if found == "an audio player":
        player = programs / "aplay"
        player.write_text(f"#!/bin/sh\necho chime >> {played}\n")
        player.chmod(0o700)
    if found == "the chime off in Settings":
        with Journal.open() as journal:
            settings = PreferencesStore(journal)
            settings.save(settings.current().model_copy(update={"chime": False}))
    output = run_in_terminal(
        ["session", "--minutes", "5", "--speed", "300", "--yes"], {**crest_env, "PATH": str(programs)}, []
    )
    [time_up] = [line for line in output.splitlines() if line.startswith("Time is up.")]  # not the panel's cue
    assert output.count("\x07") == (found == "no audio player")
    assert (played.read_text() if played.exists() else "") == ("chime\n" if found == "an audio player" else "")
    assert bool(re.fullmatch(r"Time is up\. It ended at \d\d:\d\d\.", time_up.rstrip())) == (found != "an audio player")
