"""`crest check` as a person runs it: a real process, real files, exit codes and one-line messages."""

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from crest.cli.app import main
from crest.cli.check_cmd import TYPICAL_HEIGHT_IN_TERMINAL
from crest.posture.media import UNREADABLE_VIDEO
from crest.posture.result import CRITERION_NAMES
from crest.posture.service import CheckOptions, CheckService
from crest.posture.vocabulary import criterion_label
from support.answered import answer_no_to_all, answer_no_to_all_in_this_process
from support.media import (
    FACE_DOWN_PHOTO,
    IN_POSITION_PHOTO,
    PHOTOS,
    cut_short,
    picture_of,
    write_h264,
    write_video_from_photos,
)

SRC = Path(__file__).resolve().parents[3] / "src"


@pytest.fixture(autouse=True)
def _safety_answered(tmp_path: Path) -> None:
    """The check coaches lying in the position: like a session, it comes after the safety questions."""
    answer_no_to_all_in_this_process(tmp_path)


def crest(*args: str, home: Path, columns: int | None = 120) -> subprocess.CompletedProcess[str]:
    """`crest` with its output captured, as if on a terminal `columns` wide; with None, as into a pipe."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "CREST_HOME": str(home), "COLUMNS": str(columns)}
    if columns is None:
        del env["COLUMNS"]
    return subprocess.run(
        [sys.executable, "-m", "crest", *args],
        stdin=subprocess.DEVNULL,  # else Rich takes a terminal's width from the test runner's own input
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )


def _no_traceback(process: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in process.stderr
    assert "Traceback" not in process.stdout


def test_a_batch_checks_every_good_file_and_reports_each_bad_one(tmp_path: Path, blank_photo: Path) -> None:
    not_an_image = tmp_path / "notes.jpg"
    not_an_image.write_text("I lay down for 15 minutes and felt better.\n" * 10)
    truncated = tmp_path / "cut.jpg"
    truncated.write_bytes(IN_POSITION_PHOTO.read_bytes()[:20_000])
    empty_video = tmp_path / "unfinished.mp4"  # a name without "empty": the message must say it
    empty_video.write_bytes(b"")
    inputs = [IN_POSITION_PHOTO, not_an_image, truncated, blank_photo, empty_video, FACE_DOWN_PHOTO]
    process = crest("check", "--json", *map(str, inputs), home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 2
    records = [json.loads(line) for line in process.stdout.splitlines()]
    assert [record["file"] for record in records] == list(map(str, inputs))
    good, not_image, cut, nobody, empty, face_down = records
    assert good["pose_recognized"] is True and "error" not in good
    assert {"file", "pose_recognized", "view", "criteria", "summary", "landmarks", "notes"} <= set(good)
    assert "not a photo" in not_image["error"]
    assert "cut off" in cut["error"]
    assert "nobody found" in nobody["error"]
    assert empty["error"] == "the file is empty (0 bytes); use a photo or a video"  # its name is in "file"
    assert face_down["pose_recognized"] is False
    for record in (not_image, cut, nobody, empty):
        assert set(record) == {"file", "error"}
        assert "\n" not in record["error"] and Path(record["file"]).name not in record["error"]


def test_json_errors_of_paths_that_are_no_file_leave_the_path_to_the_file_field(tmp_path: Path) -> None:
    missing, folder = tmp_path / "gone.jpg", tmp_path / "photos"
    folder.mkdir()
    process = crest("check", "--json", str(missing), str(folder), home=tmp_path)
    _no_traceback(process)
    assert [json.loads(line) for line in process.stdout.splitlines()] == [
        {"file": str(missing), "error": "no such file"},
        {"file": str(folder), "error": f"this is a folder; name the photos or videos in it ({folder}/*)"},
    ]


def test_human_output_names_each_criterion(tmp_path: Path) -> None:
    process = crest("check", str(IN_POSITION_PHOTO), "--height-cm", "175", home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 0
    assert "in the rest position" in process.stdout
    # Each criterion by its label, defined once in crest.posture.vocabulary.
    for label in ("Lying on the back", "Knees bent up", "Heel distance", "Arms below shoulders"):
        assert label in process.stdout
    assert "camera from the side" in process.stdout
    assert "can't tell from here" in process.stdout  # knee width, from the side


def test_face_down_the_other_criteria_say_why_they_cannot_tell(tmp_path: Path) -> None:
    # The reason is the position, not the camera: nothing here sends the person to move the camera.
    process = crest("check", str(FACE_DOWN_PHOTO), home=tmp_path)
    _no_traceback(process)
    assert "lie down on your back" in process.stdout or "roll over onto your back" in process.stdout
    words = " ".join(process.stdout.split())
    assert "not judged yet: checked once you are lying on your back" in words
    assert "can't tell from here: checked once" not in words
    assert "not medical advice" in process.stdout
    assert process.stderr.strip() == ""  # the pose model's own chatter is kept off the terminal


def test_a_photo_of_two_people_says_so_once(tmp_path: Path) -> None:
    process = crest("check", str(PHOTOS / "lying_bent_leg_groin_0.jpg"), home=tmp_path)
    _no_traceback(process)
    assert " ".join(process.stdout.split()).count("Two people are in the picture") == 1


def test_annotate_writes_a_readable_picture(tmp_path: Path) -> None:
    out = tmp_path / "annotated"
    process = crest("check", str(IN_POSITION_PHOTO), "--annotate", str(out), "--json", home=tmp_path)
    assert process.returncode == 0
    picture = cv2.imread(str(out / "one_knee_to_chest_0.check.jpg"))
    assert picture is not None and picture.shape[0] >= 720
    assert len(process.stdout.splitlines()) == 1  # notes stay off the JSON stream


def test_the_folder_annotate_creates_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """It lists the names of pictures of the person; a umask of 000 made it 0777, 022 made it 0755."""
    out = tmp_path / "annotated"
    previous = os.umask(0)
    try:
        process = crest("check", str(IN_POSITION_PHOTO), "--annotate", str(out), "--json", home=tmp_path)
    finally:
        os.umask(previous)
    assert process.returncode == 0, process.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o700


def test_annotate_into_a_folder_that_is_not_there_is_refused_as_report_o_is(tmp_path: Path) -> None:
    """A typo in the path made the whole tree of folders; -o of report, export and remind refuse it instead."""
    out = tmp_path / "not-there" / "x" / "annotated"
    process = crest("check", str(IN_POSITION_PHOTO), "--annotate", str(out), home=tmp_path)
    assert (process.returncode, process.stdout) == (2, "")
    assert process.stderr == f"crest: cannot write {out} (No such file or directory)\n"
    assert not (tmp_path / "not-there").exists()


def test_every_file_a_check_leaves_in_the_home_folder_is_its_owners_alone(tmp_path: Path) -> None:
    # The libraries write too: MediaPipe's import has matplotlib cache its fonts under ~/.cache.
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    env = {**os.environ, "PYTHONPATH": str(SRC), "HOME": str(home), "CREST_HOME": str(home / "crest")}
    env.pop("MPLCONFIGDIR", None)
    env.pop("XDG_CACHE_HOME", None)
    env.pop("XDG_CONFIG_HOME", None)
    answer_no_to_all(home / "crest", env)
    process = subprocess.run(
        [sys.executable, "-m", "crest", "check", str(IN_POSITION_PHOTO)], capture_output=True, text=True, env=env
    )
    _no_traceback(process)
    written = list(home.rglob("*"))
    assert any("matplotlib" in str(path) for path in written)
    assert {str(path.relative_to(home)): oct(stat.S_IMODE(path.stat().st_mode) & 0o077) for path in written} == {
        str(path.relative_to(home)): "0o0" for path in written
    }


def test_a_position_recognised_but_not_surely_says_so_in_words_beside_the_camera(tmp_path: Path) -> None:
    process = crest("check", str(PHOTOS / "crunch_hands_overhead_0.jpg"), home=tmp_path)
    _no_traceback(process)
    # the words as read, whatever the lines' wrapping (it moves with the length of the photo's path)
    first_line = " ".join(process.stdout.split()).split(".jpg: ")[1].split(")")[0] + ")"
    # the arms raised: the summary says "nearly" and so does the line above it
    assert first_line.startswith("in the rest position, nearly, but not sure (camera")
    assert "Constructive rest position, nearly: bring your arms down" in process.stdout
    assert first_line.count("(") == 1


def test_the_height_in_the_settings_is_used_unless_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crest.cli.journal_access import open_services

    typical = crest("check", str(IN_POSITION_PHOTO), home=tmp_path).stdout
    monkeypatch.setenv("CREST_HOME", str(tmp_path))
    with open_services() as services:
        services.preferences.save(services.preferences.current().model_copy(update={"height_cm": 120}))
    saved = crest("check", str(IN_POSITION_PHOTO), home=tmp_path).stdout
    given = crest("check", str(IN_POSITION_PHOTO), "--height-cm", "120", home=tmp_path).stdout
    assert saved == given != typical
    # Without a height the distances are a typical adult's, and said so; with one they are the person's own.
    assert TYPICAL_HEIGHT_IN_TERMINAL in " ".join(typical.split())
    assert "heels about " in typical
    assert "--height-cm" not in given and "heels about " not in given


def test_on_a_narrow_terminal_each_criterion_is_stacked_and_no_word_is_cut(tmp_path: Path) -> None:
    narrow = crest("check", str(IN_POSITION_PHOTO), home=tmp_path, columns=60)
    as_json = json.loads(crest("check", "--json", str(IN_POSITION_PHOTO), home=tmp_path).stdout)
    assert all(len(line) <= 60 for line in narrow.stdout.splitlines())
    words = " ".join(line.strip() for line in narrow.stdout.splitlines())
    for criterion in as_json["criteria"]:
        for text in (criterion["measured_line"], criterion["target"] if criterion["status"] != "not_visible" else None):
            if text:
                assert text in words


@pytest.mark.parametrize("columns", [40, 80])
def test_a_photo_and_a_video_wrap_by_words_with_the_verdict_first_and_each_line_under_its_own(
    tmp_path: Path, columns: int
) -> None:
    """In tmux at 40x20 the photo's path was cut mid-word ("crunch_hands_overh" / "ead_0.jpg") and pushed the
    verdict off the first line, and a wrapped target or timeline line went on at the margin, under no one."""
    video = tmp_path / "rest.mp4"
    write_video_from_photos(video, [(IN_POSITION_PHOTO, 3.0), (PHOTOS / "crunch_hands_overhead_0.jpg", 3.0)])
    labels = tuple(f"{criterion_label(name)}:" for name in CRITERION_NAMES)
    for path in (PHOTOS / "crunch_hands_overhead_0.jpg", video):
        narrow = crest("check", str(path), home=tmp_path, columns=columns)
        _no_traceback(narrow)
        stacked = crest("check", str(path), home=tmp_path, columns=99)  # the widest the criteria are stacked
        lines = narrow.stdout.splitlines()
        assert all(len(line) <= columns for line in lines)
        assert narrow.stdout.split() == stacked.stdout.split()  # the same words: none cut in two
        assert re.match(rf"{re.escape(path.name)}: (nearly )?in the rest", lines[0])
        criteria = lines[next(i for i, line in enumerate(lines) if line.startswith(labels)) :]
        under = criteria[: next(i for i, line in enumerate(criteria) if not line or line.startswith("reviewed"))]
        if path == video:
            timeline = lines.index("timeline:") + 1
            under += lines[timeline : lines.index("", timeline)]
        assert all(line.startswith(("  ", *labels)) for line in under)


def test_two_files_of_one_name_are_told_apart_by_their_paths(tmp_path: Path) -> None:
    copies = []
    for folder in ("monday", "tuesday"):
        (tmp_path / folder).mkdir()
        copies.append(tmp_path / folder / "rest.jpg")
        copies[-1].write_bytes(IN_POSITION_PHOTO.read_bytes())
    process = crest("check", *map(str, copies), home=tmp_path, columns=None)
    _no_traceback(process)
    headings = [line.split(": ")[0] for line in process.stdout.splitlines() if line.startswith(str(tmp_path))]
    assert headings == [str(copy) for copy in copies]


def test_piped_output_keeps_each_criterion_on_one_line(tmp_path: Path) -> None:
    # `crest check photo.jpg > notes.txt` once wrapped at 80 columns, cutting the table's rows in two
    piped = crest("check", str(IN_POSITION_PHOTO), home=tmp_path, columns=None)
    as_json = json.loads(crest("check", "--json", str(IN_POSITION_PHOTO), home=tmp_path).stdout)
    lines = piped.stdout.splitlines()
    assert as_json["summary"] in lines
    for criterion in as_json["criteria"]:
        row = next(line for line in lines if line.strip().startswith(criterion_label(criterion["name"])))
        for text in (criterion["measured_line"], criterion["advice_line"]):
            assert (text or "") in row


def test_a_file_name_never_steers_the_terminal(tmp_path: Path) -> None:
    """A downloaded file named with an escape sequence (clear the screen, a colour) was echoed raw in the heading,
    the annotated picture's name and the error line; `[red]` was taken as markup."""
    named = tmp_path / "\x1b[2J[red]photo.jpg"
    named.write_bytes(IN_POSITION_PHOTO.read_bytes())
    not_there = tmp_path / "\x1b]0;title\x07gone.jpg"
    process = crest("check", str(named), str(not_there), "--annotate", str(tmp_path / "out"), home=tmp_path)
    _no_traceback(process)
    said = process.stdout + process.stderr
    assert "\x1b" not in said and "\x07" not in said
    assert "\\x1b[2J[red]photo.jpg" in process.stdout  # the name, written as escapes
    assert "annotated picture: " in process.stderr and "\\x1b[2J[red]photo.check.jpg" in process.stderr
    assert "\\x1b]0;title\\x07gone.jpg: no such file" in process.stderr


def test_a_video_is_reviewed_with_progress_kept_off_stdout(tmp_path: Path) -> None:
    video = tmp_path / "rest.mp4"
    write_video_from_photos(video, [(IN_POSITION_PHOTO, 4.0)])
    process = crest("check", "--json", str(video), home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 0
    (record,) = [json.loads(line) for line in process.stdout.splitlines()]
    assert record["file"] == str(video)
    assert record["video"]["duration_s"] == pytest.approx(4.0)
    # In the position, nearly or not: the photo says "nearly: bring your arms down", and so do its stretches
    assert record["video"]["share_in_position"] + record["video"]["share_nearly"] > 0.9
    assert set(record) == {
        "file",
        "pose_recognized",
        "confidence",
        "not_sure",
        "view",
        "criteria",
        "summary",
        "landmarks",
        "notes",
        "video",
    }


def test_on_a_phone_s_narrow_terminal_a_video_s_progress_keeps_its_time_left_whole(tmp_path: Path) -> None:
    """At 40 columns the bar squeezed the time left to "0:0…"."""
    import io

    from rich.console import Console

    from crest.cli.check_cmd import _check_one

    video = tmp_path / "a-whole-rest.mp4"
    write_h264(video, 4.0, keyframe_every=8, picture=picture_of(IN_POSITION_PHOTO))
    shown = io.StringIO()
    with CheckService(CheckOptions()) as service:
        _check_one(service, video, False, Console(file=shown, force_terminal=True, width=40))
    lines = [re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line) for line in re.split(r"[\r\n]", shown.getvalue())]
    progress = [line for line in lines if line.startswith("reviewing a-whole-rest.mp4")]
    assert progress, "the progress is drawn"
    assert not any("…" in line for line in progress)  # nothing cut
    assert re.search(r"100% +0:00:00$", progress[-1].rstrip())  # the last drawing, the time left whole


def test_a_still_video_checked_once_says_1_frame(tmp_path: Path) -> None:
    video = tmp_path / "still.mp4"
    write_h264(video, 4.0, keyframe_every=64, picture=picture_of(IN_POSITION_PHOTO))  # one keyframe: one look
    process = crest("check", str(video), home=tmp_path)
    _no_traceback(process)
    assert "reviewed 4 s of video (1 frame);" in process.stdout


def test_a_video_on_its_side_that_cannot_be_judged_is_not_called_out_of_the_position(tmp_path: Path) -> None:
    """A phone video whose tag saying it is on its side was lost: every moment "can't tell", and crest said "out of
    the rest position most of the time" and "in the constructive rest position 0% of the time"."""
    video = tmp_path / "on-its-side.mp4"
    write_h264(video, 4.0, keyframe_every=64, picture=np.ascontiguousarray(np.rot90(picture_of(IN_POSITION_PHOTO))))
    process = crest("check", str(video), home=tmp_path)
    _no_traceback(process)
    assert process.stdout.startswith("on-its-side.mp4: can't tell most of the time")
    assert "out of the rest position" not in process.stdout
    assert "the position could not be judged 100% of the time" in process.stdout
    assert "In position: Can't tell 00:00-00:04" in process.stdout


def test_a_video_of_one_frame_is_too_short_to_review_and_says_so_instead_of_a_share(tmp_path: Path) -> None:
    video = tmp_path / "one-frame.mp4"
    write_h264(video, 0.04, keyframe_every=8, fps=25, picture=picture_of(IN_POSITION_PHOTO))
    process = crest("check", str(video), home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 2
    assert "% of the time" not in process.stdout
    assert process.stderr.strip() == (
        "crest: one-frame.mp4: the video lasts 0.04 s, too short to review (a review needs at least 1 s); "
        "check a photo instead, or record a longer video"
    )


def test_a_video_shows_its_timeline_per_criterion(tmp_path: Path) -> None:
    video = tmp_path / "rest-then-face-down.mp4"
    write_video_from_photos(video, [(IN_POSITION_PHOTO, 4.0), (FACE_DOWN_PHOTO, 4.0)])
    process = crest("check", str(video), home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 0
    # Half the time in position is not "in the rest position": the name, which way most of the video went in its
    # stretches' words (a verdict word, as a photo's line has) and the camera, then the share. 4 s of 8 (51%: the
    # frames fall so); "nearly", as the photo check's words after it say ("nearly: roll over").
    said = " ".join(process.stdout.split())  # a long name wraps its line
    heading = r": (nearly in|out of) the rest position most of the time \(camera from the side\) "
    assert re.match(rf"{re.escape(video.name)}{heading}Nearly in the constructive rest position 5", said)
    assert "Constructive rest position, nearly: " in " ".join(process.stdout.split())
    assert "; nearly in the constructive rest position 5" in process.stdout  # as the summary says it
    assert "timeline:" in process.stdout
    assert "In position: nearly 00:00-" in process.stdout and "In position: yes" not in process.stdout  # as above
    assert "Lying on the back: OK 00:00-" in process.stdout
    # A moment's time is written once: "00:04 left the position: ...", never "... at 00:04" after it.
    moments = [line.strip() for line in process.stdout.splitlines() if "left the position" in line]
    assert moments and all(line.count(":") == 2 for line in moments)


def test_a_video_cut_short_is_reviewed_as_far_as_it_goes_and_says_so(tmp_path: Path) -> None:
    whole = tmp_path / "rest.mp4"
    write_h264(whole, 10.0, keyframe_every=8, picture=picture_of(IN_POSITION_PHOTO), index_first=True)
    cut = cut_short(whole)
    process = crest("check", str(cut), home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 0
    assert "note: The video stops at 00:0" in process.stdout
    assert "though the file says it lasts 00:10 (a copy cut short?)" in process.stdout


@pytest.mark.parametrize(("keyframe_every", "share"), [(180, 0.5), (30, 0.3)], ids=["in its first frame", "later"])
def test_a_video_cut_short_says_only_crests_words_and_no_ffmpeg_chatter(
    tmp_path: Path, keyframe_every: int, share: float
) -> None:
    """The first bytes of a still video, its index first: frames the index names lie past the end or are cut
    inside, which FFmpeg's decoder and demuxer report line by line ("[h264 @ 0x...] Invalid NAL unit size",
    "[mov,mp4,...] stream 0, offset 0x5c6a: partial file"). crest says what it means, in its own words only."""
    whole = tmp_path / "still.mp4"
    picture = picture_of(IN_POSITION_PHOTO)
    write_h264(whole, 6.0, keyframe_every=keyframe_every, fps=30, picture=picture, index_first=True)
    process = crest("check", str(cut_short(whole, share)), home=tmp_path)
    _no_traceback(process)
    said = [line for line in process.stderr.splitlines() if line.strip()]
    assert not [line for line in said if line.startswith(("[h264", "[mov"))]
    assert all(line.startswith("crest: cut-still.mp4: ") for line in said), said
    assert len(said) == (1 if process.returncode == 2 else 0), process.stderr


@pytest.mark.parametrize(
    ("width", "height", "suffix"), [(1, 10000, ".png"), (10000, 1, ".png"), (1, 10000, ".webp"), (10000, 1, ".webp")]
)
def test_pictures_too_thin_to_show_a_person_are_one_line(tmp_path: Path, width: int, height: int, suffix: str) -> None:
    strip = tmp_path / f"strip{suffix}"
    cv2.imwrite(str(strip), np.full((height, width, 3), 128, np.uint8))
    process = crest("check", str(strip), home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 2
    assert process.stderr.strip() == (
        f"crest: strip{suffix}: the picture is {width}x{height} pixels, too narrow to show a person; use another photo"
    )


def test_a_photo_refused_in_the_terminal_is_refused_in_its_words_not_the_web_pages(tmp_path: Path) -> None:
    """The refusals shared with the web page once asked to "please send" a photo, which the terminal never does."""
    tiny = tmp_path / "tiny.png"
    cv2.imwrite(str(tiny), np.full((1, 1, 3), 128, np.uint8))
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(IN_POSITION_PHOTO.read_bytes()[:20_000])
    huge = tmp_path / "huge.png"
    header = bytearray(cv2.imencode(".png", np.full((48, 64, 3), 128, np.uint8))[1].tobytes())
    header[16:24] = (50_000).to_bytes(4, "big") + (50_000).to_bytes(4, "big")
    huge.write_bytes(bytes(header))
    process = crest("check", str(tiny), str(cut), str(huge), home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 2
    assert process.stderr.splitlines() == [
        "crest: tiny.png: the picture is 1x1 pixels, too narrow to show a person; use another photo",
        "crest: cut.jpg: the picture is incomplete (the file was cut off); use a whole copy of it",
        "crest: huge.png: the picture is too large (50000x50000 pixels); use a smaller one",
    ]


def test_a_picture_too_small_to_judge_is_one_line(tmp_path: Path) -> None:
    tiny = tmp_path / "tiny.jpg"
    cv2.imwrite(str(tiny), cv2.resize(cv2.imread(str(IN_POSITION_PHOTO)), (50, 50)))
    process = crest("check", str(tiny), home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 2
    assert process.stdout == ""
    assert process.stderr.strip() == (
        "crest: tiny.jpg: the picture is too small to judge (50x50 px); use a photo at least 100 px across"
    )


def test_an_unreadable_video_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mov"
    broken.write_bytes(b"\x00\x00\x00\x18ftypqt  " + b"\x00" * 500)
    process = crest("check", str(broken), home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 2
    assert process.stderr.strip() == f"crest: broken.mov: {UNREADABLE_VIDEO}"


def test_a_download_cut_off_before_the_index_says_to_save_it_again(tmp_path: Path) -> None:
    # An MP4 writes its index last: cut short, its frames are there but cannot be found. The line said only
    # "unknown or damaged format", where the README promises that a copy cut short is read as far as it goes.
    whole = tmp_path / "whole.mp4"
    write_h264(whole, 4.0, keyframe_every=8, picture=picture_of(IN_POSITION_PHOTO))
    cut = tmp_path / "unfinished.mp4"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    process = crest("check", str(cut), home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 2
    assert process.stderr == f"crest: unfinished.mp4: {UNREADABLE_VIDEO}\n"  # no blank line left by a bar
    assert "unfinished download" in UNREADABLE_VIDEO and "save it again" in UNREADABLE_VIDEO


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check"], "crest: give a photo or video to check"),
        (["check", "--camera", "7"], "crest: no camera found at index 7"),
        (["check", "--camera", "7", "--json", "--voice"], "crest: no camera found at index 7"),
        (["check", "--camera", "a.jpg"], "crest: --camera checks the live camera"),
        (["check", "--camera", "99999999999999999999"], "crest: --camera 99999999999999999999: give a camera number"),
        (["check", "--camera", "\u00b2"], "crest: --camera \u00b2: give a camera number from 0 to 9999"),
        (["check", "x.jpg", "--height-cm", "20"], "crest: a height of 20 cm is unlikely"),
        # Just outside what Settings take (crest.posture.heights), which the terminal once took
        (
            ["check", "x.jpg", "--height-cm", "90"],
            "crest: a height of 90 cm is unlikely; give your height in cm, from 100 to 230",
        ),
        (
            ["check", "x.jpg", "--height-cm", "240"],
            "crest: a height of 240 cm is unlikely; give your height in cm, from 100 to 230",
        ),
        # Not a height at all: said as any unreadable number is, naming the option (once "a height of nan cm")
        (["check", "x.jpg", "--height-cm", "nan"], "crest: --height-cm: enter a number, not “nan” (see --help)"),
        (["check", "x.jpg", "--height-cm", "1e400"], "crest: --height-cm: enter a number, not “1e400” (see --help)"),
        (["check", "x.jpg", "--height-cm", "-inf"], "crest: --height-cm: enter a number, not “-inf” (see --help)"),
        (["check", "missing.jpg"], "crest: missing.jpg: no such file"),
        (["check", "x.jpg", "--annotate", __file__], f"crest: --annotate {__file__} is a file: give a folder"),
    ],
)
def test_usage_problems_are_one_calm_line(tmp_path: Path, args: list[str], message: str) -> None:
    process = crest(*args, home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 2
    assert process.stderr.strip().startswith(message)
    assert len(process.stderr.strip().splitlines()) == 1


def test_voice_with_a_photo_says_it_speaks_only_for_the_camera(tmp_path: Path) -> None:
    """--voice was dropped without a word for photos and videos (--breath on a photo says why it reads nothing)."""
    process = crest("check", str(IN_POSITION_PHOTO), "--voice", home=tmp_path)
    _no_traceback(process)
    assert process.returncode == 0
    assert process.stderr.strip() == (
        "--voice speaks the live camera's corrections; photos and videos are checked without it"
    )
    assert "Lying on the back" in process.stdout


def test_ctrl_c_says_what_was_left_unchecked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # In-process: a Ctrl-C sent to a real process would have to land while a check runs.
    def interrupted(self: CheckService, path: Path, progress: object = None) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(CheckService, "check_path", interrupted)
    monkeypatch.setenv("CREST_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "argv", ["crest", "check", str(IN_POSITION_PHOTO), str(FACE_DOWN_PHOTO)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 130
    said = capsys.readouterr()
    assert said.err == f"crest: stopped at Ctrl-C: {IN_POSITION_PHOTO.name} and 1 more file were not checked\n"
    assert said.out == ""


def test_the_help_names_the_paths_once(tmp_path: Path) -> None:
    """The usage line said [PATH...]...: Click adds the dots of a list to the name, which had its own."""
    process = crest("check", "--help", home=tmp_path, columns=80)
    assert process.stdout.splitlines()[0].endswith(" check [OPTIONS] [PATH]...")  # run as python -m crest
