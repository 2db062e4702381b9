"""The breath with a live camera (`crest check --camera --breath`): each frame feeds the tracker with the body
the check found in it and the time it was taken; a quiet state per frame, the result when the camera stops."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import cv2
import numpy as np
import pytest

from crest.breath.words import state_label
from crest.cli.check_cmd import _report_live_breath
from crest.posture.camera import JsonLines, run_live
from crest.posture.service import CheckService
from support.breath_frames import SideFinder, breathing_rise, frame, room

FRAME_STEP_S = 0.125


class DrawnCamera:
    def __init__(self, seconds: float, rate_bpm: float) -> None:
        self._times = np.arange(0.0, seconds, FRAME_STEP_S)
        self._rate_bpm = rate_bpm

    def frames(self) -> Iterator[np.ndarray]:
        background, rng = room(), np.random.default_rng(0)
        for time_s in self._times:
            gray = frame(background, breathing_rise(float(time_s), self._rate_bpm, 2.0), rng=rng)
            yield cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)

    def close(self) -> None:
        pass


class Steps:
    """The camera's clock: one frame every 0.125 s."""

    def __init__(self) -> None:
        self._next_s = 1000.0

    def __call__(self) -> float:
        self._next_s += FRAME_STEP_S
        return self._next_s


def test_the_camera_reads_the_breath_and_says_so_quietly() -> None:
    service = CheckService(finder=SideFinder())
    live = service.live(breath=True)
    stream = io.StringIO()
    run_live(DrawnCamera(62.0, 10.0), live, JsonLines(stream), Steps())
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    states = [line["breath_state"] for line in lines]
    assert states[-1] == "reading"
    assert all(state in ("starting", "moving", "reading") for state in states)
    assert not any("rate_bpm" in line for line in lines)  # a quiet indicator: no live number
    result = live.breath_result()
    assert result is not None
    assert [window.rate_bpm == pytest.approx(10.0, abs=0.5) for window in result.windows] == [True, True]
    assert state_label("reading") == "Reading your breathing."


def test_the_camera_s_times_count_from_its_first_frame() -> None:
    # walk_breath M2: on a monotonic clock (the machine's uptime) the windows began at 49838.6 s and a movement was
    # said 'at 13:51:40'. The JSON lines, the windows and the movements now count from the first frame.
    live = CheckService(finder=SideFinder()).live(breath=True)
    stream = io.StringIO()
    run_live(DrawnCamera(31.0, 12.0), live, JsonLines(stream), Steps())
    assert json.loads(stream.getvalue().splitlines()[0])["time_s"] == 0.0
    result = live.breath_result()
    assert result is not None and result.windows[0].start_s == 0.0


def test_without_the_breath_nothing_is_read() -> None:
    live = CheckService(finder=SideFinder()).live()
    update = live.frame(next(iter(DrawnCamera(1.0, 10.0).frames())), 0.0)
    assert update.breath_state is None and "breath_state" not in update.to_json_dict()
    assert live.breath_result() is None


def test_when_the_camera_stops_the_json_ends_with_the_breath(capsys: pytest.CaptureFixture[str]) -> None:
    live = CheckService(finder=SideFinder()).live(breath=True)
    run_live(DrawnCamera(31.0, 12.0), live, JsonLines(io.StringIO()), Steps())
    result = live.breath_result()
    assert result is not None
    _report_live_breath(result, json_output=True)
    assert json.loads(capsys.readouterr().out) == {"breath": result.to_json_dict()}
    _report_live_breath(result, json_output=False)
    words = capsys.readouterr().out
    assert result.summary() in words and "not a measurement of your health" in words
