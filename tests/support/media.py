"""Helpers for the check pipeline tests: the public-domain fixture photos and videos built from them."""

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from crest.posture.media import VIDEO_MAX_SIDE_PX, fit_within

PHOTOS = Path(__file__).resolve().parents[1] / "fixtures" / "photos"
IN_POSITION_PHOTO = PHOTOS / "one_knee_to_chest_0.jpg"  # on the back, knees bent, feet flat
FACE_DOWN_PHOTO = PHOTOS / "superman_0.jpg"


def write_video_from_photos(
    path: Path, photos_and_seconds: list[tuple[Path, float]], fps: float = 10.0, fourcc: str = "mp4v"
) -> None:
    """A video showing each photo for its number of seconds, at the size of the first photo."""
    first = cv2.imread(str(photos_and_seconds[0][0]))
    height, width = first.shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, (width, height))
    assert writer.isOpened()
    for photo, seconds in photos_and_seconds:
        frame = cv2.resize(cv2.imread(str(photo)), (width, height))
        for _ in range(round(seconds * fps)):
            writer.write(frame)
    writer.release()


def write_h264(
    path: Path,
    seconds: float,
    keyframe_every: int,
    fps: int = 8,
    red_at: Callable[[float], int] | None = None,
    *,
    picture: np.ndarray | None = None,
    display_rotation_deg: int = 0,
    pixel_aspect: Fraction = Fraction(1),
    index_first: bool = False,
) -> None:
    """An H.264 video written with PyAV, with a keyframe every `keyframe_every` frames: grey, or `picture`
    (RGB, even sides) stored as it is with `display_rotation_deg` (counter-clockwise) in its display matrix,
    as a phone marks how to turn what it recorded, each pixel shown `pixel_aspect` times as wide as it is high
    (its sample aspect ratio); `red_at(time_s)` sets the red level (where the fake finder
    puts the wrists) from that time on. With `index_first` the index of every frame comes before them, as in a
    file made for streaming: a copy cut short still claims its whole length."""
    height, width = (240, 320) if picture is None else picture.shape[:2]
    with av.open(str(path), "w", options={"movflags": "faststart"} if index_first else {}) as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.codec_context.gop_size = keyframe_every
        stream.codec_context.options = {"sc_threshold": "0", "keyint_min": str(keyframe_every)}
        if display_rotation_deg:
            stream.set_display_rotation(display_rotation_deg)
        stream.codec_context.sample_aspect_ratio = pixel_aspect
        for index in range(round(seconds * fps)):
            pixels = np.full((height, width, 3), 50 + index % 3, np.uint8) if picture is None else picture.copy()
            if red_at is not None:
                pixels[:, :, 0] = red_at(index / fps)
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


# The encoders of `write_cuts`, by file name: x264 in MP4, as phones and most tools write; VP8 in WebM, as a
# browser records (in its realtime mode: otherwise encoding takes most of a test's time).
CUT_ENCODERS: dict[str, tuple[str, dict[str, str]]] = {
    ".mp4": ("libx264", {"sc_threshold": "0"}),
    ".webm": ("libvpx", {"deadline": "realtime", "cpu-used": "8", "crf": "10", "b": "4M"}),
}


def write_cuts(path: Path, photos_and_seconds: list[tuple[Path, float]], keyframe_every: int, fps: int = 15) -> None:
    """A video cut from photo to photo, each shown for its number of seconds at the size a review looks at,
    with a keyframe every `keyframe_every` frames and nowhere else: H.264 in an .mp4, VP8 in a .webm. The
    same photos and seconds give the same pictures at the same times in either."""
    codec, options = CUT_ENCODERS[path.suffix]
    first = fit_within(picture_of(photos_and_seconds[0][0]), VIDEO_MAX_SIDE_PX)
    height, width = (side // 2 * 2 for side in first.shape[:2])
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=fps, options={**options, "keyint_min": str(keyframe_every)})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.codec_context.gop_size = keyframe_every
        for photo, seconds in photos_and_seconds:
            picture = cv2.resize(picture_of(photo), (width, height), interpolation=cv2.INTER_AREA)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            for _ in range(round(seconds * fps)):
                for packet in stream.encode(frame):
                    container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def picture_of(photo: Path) -> np.ndarray:
    """The photo as RGB with even sides, as write_h264 takes a picture."""
    picture = cv2.cvtColor(cv2.imread(str(photo)), cv2.COLOR_BGR2RGB)
    height, width = picture.shape[:2]
    return picture[: height // 2 * 2, : width // 2 * 2]


def cut_short(whole: Path, share: float = 0.5) -> Path:
    """The first `share` of the file's bytes, beside it, as an unfinished download leaves it."""
    cut = whole.with_name(f"cut-{whole.name}")
    cut.write_bytes(whole.read_bytes()[: int(whole.stat().st_size * share)])
    return cut


def y4m_clip(photo: Path, path: Path, frames: int = 10) -> Path:
    """A short raw-video clip (YUV4MPEG2, 4:2:0) that shows the photo; Chromium loops it as its fake camera."""
    image = cv2.imread(str(photo))
    height, width = image.shape[:2]
    scale = 640 / max(height, width)
    width, height = int(width * scale) // 2 * 2, int(height * scale) // 2 * 2
    yuv = cv2.cvtColor(cv2.resize(image, (width, height)), cv2.COLOR_BGR2YUV_I420).tobytes()
    with path.open("wb") as clip:
        clip.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            clip.write(b"FRAME\n" + yuv)
    return path


def fake_camera_flags(clip: Path) -> tuple[str, ...]:
    """Chromium's flags to use `clip` as the camera, with the permission already granted."""
    return (
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={clip}",
    )
