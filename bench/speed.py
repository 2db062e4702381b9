"""Speed of the position check, measured in one run on the same frames, as ratios to raw MediaPipe.

Prints:
- raw MediaPipe cost per frame: one `Pose.process` call in photo mode, and per frame in tracking mode;
- crest's steady-state cost per frame in video/camera mode (track + smooth + rules + hysteresis), as a ratio
  to raw tracking on the same frames (goal <= 1.15); the stream holds each photo for 20 frames, so every 20th
  frame is a cut, where crest finds the body afresh and raw tracking goes on from the old body's place;
- the photo check (decode + landmarks + rules) as a ratio to one raw photo-mode call (goal <= 3.5);
- both ratios in wall-clock time and in CPU time, which a neighbour's load leaves steadier;
- video review speed against real time (goal >= 20x), and with --breath (the breath's dense pass added), on
  two videos of at least 2 minutes built from the photos: 1280x720 MPEG-4 (OpenCV's writer), and a phone-like
  1920x1080 H.264 at 30 fps, 16 Mbit/s, a keyframe a second, and a messenger-like 1280x720 H.264 at 2 Mbit/s
  with a keyframe every 250 frames (x264's default: too far apart to look on keyframes alone), both built with
  the `ffmpeg` program when it is installed (a bench-only tool, crest never needs it); for each, the time to
  decode every frame and to decode the keyframes alone.

Frames come from ../shared/eval-public/images when present (bench only), else tests/fixtures/photos.

    python bench/speed.py [--photos DIR] [--video-minutes 2] [--video-size 1280x720] [--rounds 3] [--no-phone]
                          [--videos-only | --ratios-only]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from native_logs import quiet_native_stderr  # bench/ is the script's folder, first on sys.path

from crest.posture.media import VIDEO_MAX_SIDE_PX, VideoSource, fit_within, read_photo
from crest.posture.service import CheckService

EVAL_PUBLIC = Path(__file__).resolve().parents[2] / "shared" / "eval-public" / "images"
SHARED_EVAL_PUBLIC = Path("/work/shared/eval-public/images")
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "photos"
FRAMES_PER_PHOTO = 20  # a stream holds each photo this long (with jitter), like a person lying still


def _photo_dir(requested: Path | None) -> Path:
    if requested is not None:
        return requested
    for candidate in (EVAL_PUBLIC, SHARED_EVAL_PUBLIC):
        if candidate.is_dir():
            return candidate
    return FIXTURES


def _raw_model(static: bool) -> Any:
    from mediapipe.python.solutions import pose as mp_pose

    return mp_pose.Pose(
        static_image_mode=static,
        model_complexity=1,
        smooth_landmarks=False,
        enable_segmentation=False,
        min_detection_confidence=0.5,
        min_tracking_confidence=0.5,
    )


def _jittered(image: np.ndarray, count: int, rng: np.random.Generator) -> list[np.ndarray]:
    """`count` frames of one photo with camera-like jitter: a pixel or two of shake and sensor noise."""
    frames = []
    for _ in range(count):
        dx, dy = (int(v) for v in rng.integers(-2, 3, size=2))
        shaken = np.roll(image, (dy, dx), axis=(0, 1))
        noise = rng.integers(-4, 5, size=image.shape, dtype=np.int16)
        frames.append(np.clip(shaken.astype(np.int16) + noise, 0, 255).astype(np.uint8))
    return frames


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _timed_with_cpu(function: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call; CPU time counts every thread of this process (MediaPipe's too) and
    not a neighbour's, so on a busy machine its ratios hold steadier than wall-clock ones."""
    start_s, start_cpu_s = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - start_s, time.process_time() - start_cpu_s


def _build_video(path: Path, photos: list[np.ndarray], minutes: float, size: tuple[int, int], fps: float) -> float:
    """A video of `minutes` cycling through the photos (20 s each) with sensor noise; returns its seconds."""
    width, height = size
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (width, height))
    if not writer.isOpened():
        raise SystemExit("cannot write the bench video (no mp4v encoder)")
    rng = np.random.default_rng(1)
    noises = [rng.integers(-6, 7, size=(height, width, 3), dtype=np.int16) for _ in range(7)]
    total_frames = round(minutes * 60 * fps)
    frames_per_photo = round(20 * fps)
    canvas_for: dict[int, np.ndarray] = {}
    for index in range(total_frames):
        photo_index = (index // frames_per_photo) % len(photos)
        if photo_index not in canvas_for:
            canvas_for.clear()
            bgr = cv2.cvtColor(photos[photo_index], cv2.COLOR_RGB2BGR)
            canvas_for[photo_index] = cv2.resize(bgr, (width, height)).astype(np.int16)
        frame = np.clip(canvas_for[photo_index] + noises[index % len(noises)], 0, 255).astype(np.uint8)
        writer.write(frame)
    writer.release()
    return total_frames / fps


def _build_h264_video(
    path: Path, photos: list[np.ndarray], minutes: float, size: tuple[int, int], bitrate: str, keyframe_every: int
) -> float | None:
    """An H.264 video at 30 fps whose picture changes every 20 s; None without ffmpeg."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    (width, height), fps = size, 30
    encoder = subprocess.Popen(
        [
            ffmpeg,
            "-y",
            "-loglevel",
            "error",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "bgr24",
            "-s",
            f"{width}x{height}",
            "-r",
            str(fps),
            "-i",
            "-",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-profile:v",
            "high",
            "-pix_fmt",
            "yuv420p",
            "-g",
            str(keyframe_every),
            "-b:v",
            bitrate,
            "-movflags",
            "+faststart",
            str(path),
        ],
        stdin=subprocess.PIPE,
    )
    assert encoder.stdin is not None
    rng = np.random.default_rng(2)
    # A phone denoises its sensor: a grain of +-2 levels keeps frames distinct without being all noise.
    noises = [rng.integers(-2, 3, size=(height, width, 3), dtype=np.int16) for _ in range(5)]
    total_frames = round(minutes * 60 * fps)
    frames_per_photo = 20 * fps
    canvas = np.zeros((height, width, 3), np.int16)
    for index in range(total_frames):
        if index % frames_per_photo == 0:
            photo = photos[(index // frames_per_photo) % len(photos)]
            canvas = cv2.resize(cv2.cvtColor(photo, cv2.COLOR_RGB2BGR), (width, height)).astype(np.int16)
        encoder.stdin.write(np.clip(canvas + noises[index % len(noises)], 0, 255).astype(np.uint8).tobytes())
    encoder.stdin.close()
    encoder.wait()
    return total_frames / fps


def _review_video(video: Path, duration_s: float, photo: np.ndarray, label: str) -> None:
    all_s = _timed(lambda: sum(1 for _ in VideoSource(video).frames()))
    keys_s = _timed(lambda: sum(1 for _ in VideoSource(video).frames(1.0, keyframes_only=True)))
    with quiet_native_stderr(), CheckService() as service:
        service.check_image(photo)
        start = time.perf_counter()
        review = service.review_video(video).review
        review_s = time.perf_counter() - start
        start = time.perf_counter()
        breath = service.review_video(video, breath=True).breath
        breath_s = time.perf_counter() - start
    assert breath is not None
    print(f"{label}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  decoding every frame:           {duration_s / all_s:6.1f} x real time")
    print(f"  decoding the keyframes alone:   {duration_s / keys_s:6.1f} x real time")
    print(
        f"  video review:                   {duration_s / review_s:6.1f} x real time  (goal >= 20; "
        f"{review.frames_checked} moments checked, in position {review.share_in_position:.0%})"
    )
    print(f"  -> a 15-minute recording like this one takes about {15 * 60 * review_s / duration_s:.0f} s")
    # The breath needs every part of the video decoded (8 frames a second read): decoding sets its pace.
    print(
        f"  video review with --breath:     {duration_s / breath_s:6.1f} x real time  "
        f"({len(breath.windows)} breath windows; {breath_s / review_s:.1f} x the review without it)"
    )
    print(f"  -> a 15-minute recording with --breath takes about {15 * 60 * breath_s / duration_s:.0f} s")


def _model_ratios(
    rounds: int,
    with_body: list[tuple[Path, np.ndarray]],
    photos: list[np.ndarray],
    stream: list[np.ndarray],
    raw_static: Any,
) -> None:
    """Raw MediaPipe against crest, per photo and per stream frame, measured alternately in one run."""
    photo_bytes = [path.read_bytes() for path, _ in with_body]
    with quiet_native_stderr(), CheckService() as service:
        service.check_image(photos[0])  # load the models before timing

        def per(count: int, function: Callable[[], object]) -> tuple[float, float]:
            wall_s, cpu_s = _timed_with_cpu(function)
            return wall_s / count, cpu_s / count

        def raw_photo() -> tuple[float, float]:  # one photo-mode call per photo
            return per(len(photos), lambda: [raw_static.process(image) for image in photos])

        def crest_photo() -> tuple[float, float]:  # decode from the file's bytes, landmarks, second look, rules
            return per(len(photos), lambda: [service.check_image_bytes(data) for data in photo_bytes])

        def raw_stream() -> tuple[float, float]:  # a fresh tracker; the first frame (detection) is not timed
            tracker = _raw_model(static=False)
            tracker.process(stream[0])
            elapsed = per(len(stream) - 1, lambda: [tracker.process(frame) for frame in stream[1:]])
            tracker.close()
            return elapsed

        def crest_stream() -> tuple[float, float]:  # the orientation is settled on the first frame, not timed
            live = service.live()
            live.frame(stream[0], 0.0)
            return per(len(stream) - 1, lambda: [live.frame(frame, i / 10) for i, frame in enumerate(stream[1:], 1)])

        measures = {
            "raw_photo": raw_photo,
            "crest_photo": crest_photo,
            "raw_stream": raw_stream,
            "crest_stream": crest_stream,
        }
        timings: dict[str, list[tuple[float, float]]] = {key: [] for key in measures}
        for round_index in range(rounds):
            # Alternate the order, so that a neighbour's load or a warm cache favours neither side.
            order = list(measures) if round_index % 2 == 0 else list(reversed(measures))
            for key in order:
                timings[key].append(measures[key]())
    raw_static.close()

    def ms(key: str, cpu: bool = False) -> float:
        return statistics.median(timing[cpu] for timing in timings[key]) * 1000

    raw_photo_ms, raw_frame_ms = ms("raw_photo"), ms("raw_stream")
    stream_ms, photo_ms = ms("crest_stream"), ms("crest_photo")
    print(f"\nmedians of {rounds} rounds; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"raw MediaPipe, photo mode:        {raw_photo_ms:6.1f} ms per call")
    print(f"raw MediaPipe, tracking mode:     {raw_frame_ms:6.1f} ms per frame")
    print(
        f"crest video/camera steady state:  {stream_ms:6.1f} ms per frame = "
        f"{stream_ms / raw_frame_ms:.2f} x raw tracking  (goal <= 1.15; "
        f"in CPU time {ms('crest_stream', cpu=True) / ms('raw_stream', cpu=True):.2f} x)"
    )
    print(
        f"crest photo check (from bytes):   {photo_ms:6.1f} ms per photo = "
        f"{photo_ms / raw_photo_ms:.2f} x one raw call  (goal <= 3.5; "
        f"in CPU time {ms('crest_photo', cpu=True) / ms('raw_photo', cpu=True):.2f} x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=Path, default=None)
    parser.add_argument("--max-photos", type=int, default=12)
    parser.add_argument("--video-minutes", type=float, default=2.0)
    parser.add_argument("--video-size", default="1280x720")
    parser.add_argument("--video-fps", type=float, default=30.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-phone", action="store_true", help="skip the H.264 videos (phone- and messenger-like)")
    parser.add_argument("--videos-only", action="store_true", help="skip the per-frame and photo ratios")
    parser.add_argument("--ratios-only", action="store_true", help="skip the videos")
    args = parser.parse_args()
    width, height = (int(part) for part in args.video_size.split("x"))

    photo_dir = _photo_dir(args.photos)
    paths = sorted(p for p in photo_dir.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"))
    print(f"photos: {photo_dir} ({len(paths)} files)")

    with quiet_native_stderr():
        raw_static = _raw_model(static=True)
        with_body = [(p, read_photo(p)) for p in paths if raw_static.process(read_photo(p)).pose_landmarks]
    with_body = with_body[: args.max_photos]
    photos = [image for _, image in with_body]
    rng = np.random.default_rng(0)
    stream = [
        frame for image in photos for frame in _jittered(fit_within(image, VIDEO_MAX_SIDE_PX), FRAMES_PER_PHOTO, rng)
    ]
    print(f"using {len(photos)} photos with a body; a stream of {len(stream)} frames at {VIDEO_MAX_SIDE_PX} px")

    if args.videos_only:
        raw_static.close()
    else:
        _model_ratios(args.rounds, with_body, photos, stream, raw_static)
    if args.ratios_only:
        return

    with tempfile.TemporaryDirectory() as folder:
        video = Path(folder) / "bench.mp4"
        start = time.perf_counter()
        duration_s = _build_video(video, photos, args.video_minutes, (width, height), args.video_fps)
        _review_video(
            video,
            duration_s,
            photos[0],
            f"\nbench video: {duration_s / 60:.1f} min, {width}x{height} at {args.video_fps:g} fps, MPEG-4 "
            f"({video.stat().st_size / 1e6:.0f} MB, built in {time.perf_counter() - start:.0f} s)",
        )
        for label, size, bitrate, keyframe_every in (
            ("phone-like video", (1920, 1080), "16M", 30),
            ("messenger-like video", (1280, 720), "2M", 250),
        ):
            built = Path(folder) / "h264.mp4"
            built_s = (
                None
                if args.no_phone
                else _build_h264_video(built, photos, args.video_minutes, size, bitrate, keyframe_every)
            )
            if built_s is None:
                print(f"\n{label}: skipped (--no-phone, or no ffmpeg program to build it)")
                continue
            _review_video(
                built,
                built_s,
                photos[0],
                f"\n{label}: {built_s / 60:.1f} min, {size[0]}x{size[1]} at 30 fps, H.264 at {bitrate}bit/s, a "
                f"keyframe every {keyframe_every} frames ({built.stat().st_size / 1e6:.0f} MB)",
            )


if __name__ == "__main__":
    main()
