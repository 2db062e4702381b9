"""`crest check VIDEO --breath` as a person runs it: a breathing person made from a fixture photo, and the same
photo lying still (the control: no reading, and why), through a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from breath_scenes import Renderer, Script, Timing, drifting_breathing, prepare_scene

from crest.breath.result import RELAXATION_NOTE
from support.answered import answer_no_to_all_in_this_process

SRC = Path(__file__).resolve().parents[3] / "src"
PHOTO = Path(__file__).resolve().parents[2] / "fixtures" / "photos" / "one_knee_to_chest_0.jpg"
FPS = 10.0
SECONDS = 42.0
RATE_BPM = 12.0
# Each crest run is stopped after this long, and a test runs crest three times at most. On a busy two-core machine a
# run took up to 60 s and making the videos (counted in the first test, as its set-up) up to 100 s: two thirds of the
# suite's 300 s a test (202 s), so a busier one would fail a test that is only slow. The limit is now the runs' own,
# the videos made outside it.
CREST_RUN_LIMIT_S = 600
pytestmark = pytest.mark.timeout(3 * CREST_RUN_LIMIT_S, func_only=True)


def _write(path: Path, breathing: bool) -> Path:
    """42 s of the photo at 10 frames a second, breathing at 12 a minute or not at all, written as MP4."""
    scene = prepare_scene(PHOTO)
    rng = np.random.default_rng(5)
    script = Script(
        SECONDS,
        drifting_breathing(rng, SECONDS, RATE_BPM, RATE_BPM, 1.5) if breathing else None,
        timing=Timing(fps=FPS, jitter_s=0.0, dropped=0.0, stalls=0),
    )
    height, width = scene.gray.shape
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), FPS, (width, height))
    assert writer.isOpened()
    for frame in Renderer(scene, script, np.random.default_rng(6)).frames():
        writer.write(cv2.cvtColor(frame.gray, cv2.COLOR_GRAY2BGR))
    writer.release()
    return path


@pytest.fixture(scope="module")
def videos(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("breath-videos")
    return _write(folder / "breathing.mp4", True), _write(folder / "still.mp4", False)


@pytest.fixture(autouse=True)
def _safety_answered(tmp_path: Path) -> None:
    """The check coaches lying in the position: like a session, it comes after the safety questions."""
    answer_no_to_all_in_this_process(tmp_path)


def crest(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "CREST_HOME": str(home), "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "crest", *args], capture_output=True, text=True, env=env, timeout=CREST_RUN_LIMIT_S
    )


def test_the_json_carries_the_breath_object(videos: tuple[Path, Path], tmp_path: Path) -> None:
    breathing, still = videos
    process = crest("check", str(breathing), str(still), "--breath", "--json", home=tmp_path)
    assert process.returncode == 0, process.stderr
    assert "Traceback" not in process.stderr
    read, control = (json.loads(line) for line in process.stdout.splitlines())

    assert set(read["breath"]) == {"rate_bpm", "windows", "movements"}
    assert read["breath"]["rate_bpm"] == pytest.approx(RATE_BPM, abs=1.0)
    [window] = read["breath"]["windows"]  # 30 s, and 12 s left over: too short for a window of its own
    assert (window["start_s"], window["end_s"]) == (0.0, 30.0)
    assert window["rate_bpm"] == pytest.approx(RATE_BPM, abs=1.0) and "reason" not in window
    assert read["breath"]["movements"] == []
    assert read["pose_recognized"] is True  # the position check is still there, as without --breath

    # Nobody breathing: no reading in any window, each with the reason why.
    assert control["breath"]["rate_bpm"] is None
    assert [(w["rate_bpm"], w["reason"]) for w in control["breath"]["windows"]] == [(None, "weak_motion")]


def test_the_terminal_says_it_in_words_and_without_breath_nothing_changes(
    videos: tuple[Path, Path], tmp_path: Path
) -> None:
    _, still = videos
    words = crest("check", str(still), "--breath", home=tmp_path)
    assert words.returncode == 0, words.stderr
    assert "No breathing reading this time: no breathing movement could be seen." in words.stdout
    assert "You lay still throughout." in words.stdout
    assert RELAXATION_NOTE in words.stdout

    plain = crest("check", str(still), "--json", home=tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert "breath" not in json.loads(plain.stdout)
    photo = crest("check", str(PHOTO), "--breath", "--json", home=tmp_path)
    assert photo.returncode == 0 and "breath" not in json.loads(photo.stdout)
    assert "a photo shows no breathing" in photo.stderr


def test_a_video_too_dark_to_see_anyone_still_says_why_there_is_no_breath(tmp_path: Path) -> None:
    """Nobody found (a room too dark) is the file's error, and the breath asked for still says why it has no reading:
    a `breath` object beside the error with --json, its line in words without (no stillness claimed)."""
    dark = tmp_path / "dark.mp4"
    writer = cv2.VideoWriter(str(dark), cv2.VideoWriter_fourcc(*"mp4v"), 4.0, (160, 120))
    for _ in range(4 * 32):  # 32 s: one 30 s window
        writer.write(np.full((120, 160, 3), 8, np.uint8))
    writer.release()

    process = crest("check", str(dark), "--breath", "--json", home=tmp_path)
    assert process.returncode == 2 and "Traceback" not in process.stderr
    [answer] = (json.loads(line) for line in process.stdout.splitlines())
    assert answer["error"].startswith("nobody found in the video")
    assert answer["breath"]["rate_bpm"] is None
    assert [(w["rate_bpm"], w["reason"]) for w in answer["breath"]["windows"]] == [(None, "too_dark")]

    words = crest("check", str(dark), "--breath", home=tmp_path)
    assert words.returncode == 2
    assert "nobody found in the video" in words.stderr
    assert "No breathing reading this time: it was too dark to see your breathing." in words.stdout
    assert "lay still" not in words.stdout
    plain = crest("check", str(dark), "--json", home=tmp_path)
    assert "breath" not in json.loads(plain.stdout)


def test_a_raw_mjpeg_stream_is_reviewed_as_a_video(tmp_path: Path) -> None:
    """`crest check clip.mjpeg --breath` read a raw MJPEG recording as a photo: "a photo shows no breathing"."""
    picture = cv2.imencode(".jpg", cv2.imread(str(PHOTO)))[1].tobytes()
    clip = tmp_path / "clip.mjpeg"
    clip.write_bytes(picture * 50)  # 2 s at the 25 pictures a second FFmpeg gives a stream without times
    process = crest("check", str(clip), "--breath", "--json", home=tmp_path)
    assert process.returncode == 0, process.stderr
    assert "photo" not in process.stderr
    answer = json.loads(process.stdout)
    assert answer["video"]["duration_s"] == pytest.approx(2.0)  # the stream's length is its frames'
    assert "breath" in answer
