"""The whole way for a video: a breathing person made from a fixture photo, written as MP4, decoded by the
video reader, landmarks from the real pose model, breath and movements from the tracker."""

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from breath_scenes import BodyShift, Renderer, Script, Timing, drifting_breathing, prepare_scene

from crest.breath.motion import to_gray
from crest.breath.tracker import BreathTracker
from crest.posture.estimator import PoseEstimator
from crest.posture.media import VideoSource

PHOTO = Path(__file__).resolve().parents[2] / "fixtures" / "photos" / "one_knee_to_chest_0.jpg"
FPS = 10.0
SHIFT_AT_S = 63.0


def write_breathing_video(path: Path) -> Script:
    """75 s at 12 breaths a minute, the body shifting at 63 s; returns the script (the truth)."""
    scene = prepare_scene(PHOTO)
    rng = np.random.default_rng(7)
    script = Script(
        75.0,
        drifting_breathing(rng, 75.0, 12.0, 12.0, 1.5),
        timing=Timing(fps=FPS, jitter_s=0.0, dropped=0.0, stalls=0),
        shifts=(BodyShift(SHIFT_AT_S, 1.0, 8.0, 3.0, 0.5),),
    )
    height, width = scene.gray.shape
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), FPS, (width, height))
    assert writer.isOpened()
    for frame in Renderer(scene, script, np.random.default_rng(8)).frames():
        writer.write(cv2.cvtColor(frame.gray, cv2.COLOR_GRAY2BGR))
    writer.release()
    return script


def test_a_video_of_a_breathing_person_gives_the_rate_and_the_movement(tmp_path: Path) -> None:
    video = tmp_path / "breathing.mp4"
    script = write_breathing_video(video)
    assert script.breathing is not None
    tracker = BreathTracker()
    pose = None
    with PoseEstimator() as estimator:
        for index, frame in enumerate(VideoSource(video).frames(sample_fps=8.0)):
            if index % 4 == 0:  # the pose model twice a second is enough: it only frames the trunk
                pose = estimator.track(frame.image_rgb)
            tracker.add_frame(frame.time_s, to_gray(frame.image_rgb), pose)
    result = tracker.result()

    first, second = result.windows[:2]
    for window in (first, second):
        assert window.rate_bpm == pytest.approx(script.breathing.rate_bpm(window.start_s, window.end_s), abs=1.0)
    assert result.rate_bpm == pytest.approx(12.0, abs=1.0)
    assert [round(m.at_s) for m in result.movements if SHIFT_AT_S - 1 <= m.at_s <= SHIFT_AT_S + 4] != []
    assert all(m.at_s >= SHIFT_AT_S - 1 for m in result.movements)  # no movement while lying still

    data = json.loads(json.dumps(result.to_json_dict()))
    assert set(data) == {"rate_bpm", "windows", "movements"}
    assert data["windows"][0]["start_s"] == 0.0
