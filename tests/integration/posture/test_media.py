"""Decoding photos and videos with OpenCV: formats, downscaling, damaged and empty files."""

import io
from fractions import Fraction
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PIL import Image

from crest.posture.media import (
    PHOTO_MAX_SIDE_PX,
    InvalidImage,
    InvalidVideo,
    MediaKind,
    MediaNotFound,
    VideoSource,
    decode_photo,
    kind_of_file,
    photo_size_px,
    read_photo,
)
from support.media import cut_short, write_h264


def _red_picture(width: int = 400, height: int = 300) -> np.ndarray:
    bgr = np.zeros((height, width, 3), np.uint8)
    bgr[:, :, 2] = 220  # red, in OpenCV's BGR order
    bgr[: height // 2, : width // 2, 1] = 120  # a corner to tell the orientation
    return bgr


def _encoded(extension: str, bgr: np.ndarray) -> bytes:
    ok, buffer = cv2.imencode(extension, bgr)
    assert ok
    return bytes(buffer)


@pytest.mark.parametrize("extension", [".jpg", ".png", ".webp"])
def test_photos_decode_to_rgb_in_their_own_size(extension: str) -> None:
    data = _encoded(extension, _red_picture())
    assert photo_size_px(data) == (400, 300)
    rgb = decode_photo(data)
    assert rgb.shape == (300, 400, 3)
    assert rgb.dtype == np.uint8
    assert rgb[250, 350, 0] > 180  # red comes first in RGB
    assert rgb[250, 350, 2] < 40
    assert rgb[10, 10, 1] > 80 and rgb[250, 350, 1] < 40


def test_lossless_webp_header_gives_the_size() -> None:
    ok, buffer = cv2.imencode(".webp", _red_picture(321, 123), [cv2.IMWRITE_WEBP_QUALITY, 101])  # lossless
    assert ok
    data = bytes(buffer)
    assert data[12:16] == b"VP8L"
    assert photo_size_px(data) == (321, 123)


@pytest.mark.parametrize("extension", [".jpg", ".png"])
def test_a_40_megapixel_photo_is_downscaled(extension: str) -> None:
    bgr = cv2.resize(_red_picture(80, 60), (7300, 5480), interpolation=cv2.INTER_NEAREST)
    data = _encoded(extension, bgr)
    rgb = decode_photo(data)
    assert max(rgb.shape[:2]) == PHOTO_MAX_SIDE_PX
    assert rgb.shape[0] == pytest.approx(PHOTO_MAX_SIDE_PX * 5480 / 7300, abs=2)


def test_small_photos_are_never_enlarged() -> None:
    assert decode_photo(_encoded(".png", _red_picture(160, 120))).shape == (120, 160, 3)


def test_not_an_image_is_refused() -> None:
    with pytest.raises(InvalidImage, match="not a photo"):
        decode_photo(b"Dear diary, today I lay on the floor for 15 minutes.\n" * 20, "notes.jpg")


@pytest.mark.parametrize("extension", [".jpg", ".png", ".webp"])
def test_a_truncated_photo_is_refused(extension: str) -> None:
    data = _encoded(extension, np.random.default_rng(0).integers(0, 255, (300, 400, 3), dtype=np.uint8))
    with pytest.raises(InvalidImage, match="cut off") as raised:
        decode_photo(data[: len(data) // 2], "half.jpg")
    assert "half.jpg" in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("progressive", [False, True])
def test_a_motion_photo_is_read_though_its_video_follows_the_picture(progressive: bool) -> None:
    # A phone's motion photo: the JPEG, then its video, whose bytes may hold a start-of-scan marker and no
    # end-of-image marker after it.
    flags = [cv2.IMWRITE_JPEG_PROGRESSIVE, 1] if progressive else []
    ok, buffer = cv2.imencode(".jpg", _red_picture(), flags)
    assert ok
    video = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40 + b"\xff\xda\x00\x0c" + b"\x17" * 5000
    assert decode_photo(bytes(buffer) + video, "PXL_20260101_MP.jpg").shape == (300, 400, 3)
    with pytest.raises(InvalidImage, match="cut off"):  # the picture itself cut short still is
        decode_photo(bytes(buffer)[: len(buffer) - 40], "half.jpg")


def test_an_absurdly_large_header_is_refused_before_decoding() -> None:
    data = bytearray(_encoded(".png", _red_picture(64, 48)))
    data[16:24] = (50_000).to_bytes(4, "big") + (50_000).to_bytes(4, "big")
    with pytest.raises(InvalidImage, match="too large"):
        decode_photo(bytes(data))


def test_kind_is_read_from_the_content(tmp_path: Path) -> None:
    photo = tmp_path / "looks-like-a-video.mp4"
    photo.write_bytes(_encoded(".jpg", _red_picture()))
    assert kind_of_file(photo) is MediaKind.PHOTO
    assert read_photo(photo).shape == (300, 400, 3)
    garbage_video = tmp_path / "broken.mov"
    garbage_video.write_bytes(b"\x00" * 1000)
    with pytest.raises(InvalidVideo):
        kind_of_file(garbage_video)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(InvalidImage, match="not a photo or video"):
        kind_of_file(text)
    with pytest.raises(MediaNotFound, match="no such file"):
        kind_of_file(tmp_path / "missing.jpg")
    for name, brand in (("IMG_0001.HEIC", b"heic"), ("photo.avif", b"avif"), ("IMG_0002.mov", b"mif1")):
        heif = tmp_path / name  # a photo in MP4's container, whatever its name: not a video that cannot be read
        heif.write_bytes(b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x00\x00mif1" + b"\x00" * 500)
        with pytest.raises(InvalidImage, match=f"^{name}: a HEIC or AVIF photo, which crest cannot read; save it as"):
            kind_of_file(heif)
    with pytest.raises(MediaNotFound, match="folder"):
        kind_of_file(tmp_path)
    # Something that is there but is no file (a device; a pipe such as the shell's <(...)) is not called missing.
    for reader in (kind_of_file, read_photo, VideoSource):
        with pytest.raises(MediaNotFound, match=r"^/dev/null: not a file \(a device or a pipe\); save the photo"):
            reader(Path("/dev/null"))


@pytest.mark.parametrize("name", ["clip.mjpeg", "CLIP.MJPG"])
def test_a_raw_mjpeg_stream_is_a_video(tmp_path: Path, name: str) -> None:
    """JPEG pictures one after the other (a webcam's raw MJPEG recording) start as a photo does: the name says video."""
    stream = tmp_path / name
    stream.write_bytes(_encoded(".jpg", _red_picture()) * 30)
    assert kind_of_file(stream) is MediaKind.VIDEO
    with VideoSource(stream) as video:
        assert len(list(video.frames(5.0))) > 1
    single = tmp_path / "one.jpg"  # the same pictures named as a photo: its first picture, as before
    single.write_bytes(stream.read_bytes())
    assert kind_of_file(single) is MediaKind.PHOTO


def _write_video(path: Path, fourcc: str, seconds: float, fps: float = 10.0) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, (320, 240))
    assert writer.isOpened()
    for index in range(round(seconds * fps)):
        frame = np.zeros((240, 320, 3), np.uint8)
        frame[:, : 10 + index, 2] = 200
        writer.write(frame)
    writer.release()


@pytest.mark.parametrize(
    ("name", "fourcc"), [("a.mp4", "mp4v"), ("a.avi", "MJPG"), ("a.webm", "VP90"), ("a.mov", "mp4v")]
)
def test_videos_are_sampled_a_few_times_per_second(tmp_path: Path, name: str, fourcc: str) -> None:
    path = tmp_path / name
    _write_video(path, fourcc, seconds=3.0)
    assert kind_of_file(path) is MediaKind.VIDEO
    source = VideoSource(path)
    assert source.info.fps == pytest.approx(10.0)
    progress: list[float] = []
    frames = list(source.frames(sample_fps=2.0, progress=lambda done_s, _total: progress.append(done_s)))
    times = [frame.time_s for frame in frames]
    assert len(frames) == 6
    assert times == sorted(times)
    assert times[0] == 0.0 and times[-1] < 3.0
    assert frames[0].image_rgb.shape == (240, 320, 3)
    assert frames[0].image_rgb[120, 5, 0] > 150  # RGB order
    assert progress == times


def test_the_length_can_be_read_without_the_frames(tmp_path: Path) -> None:
    path = tmp_path / "a.mp4"
    _write_video(path, "mp4v", seconds=2.5)
    with VideoSource(path.read_bytes(), "upload.mp4") as video:
        assert video.info.duration_s == pytest.approx(2.5)
        assert video.info.name == "upload.mp4"


def test_video_bytes_are_read_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "a.mp4"
    _write_video(path, "mp4v", seconds=2.0)
    frames = list(VideoSource(path.read_bytes(), "upload.mp4").frames(sample_fps=4.0, max_side_px=160))
    assert len(frames) == 8
    assert frames[0].image_rgb.shape == (120, 160, 3)


def test_an_empty_video_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    with pytest.raises(InvalidVideo, match="empty"):
        VideoSource(empty)
    with pytest.raises(InvalidVideo, match="empty"):
        VideoSource(b"")


def test_a_video_without_frames_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "none.avi"
    _write_video(path, "MJPG", seconds=0.0)
    with pytest.raises(InvalidVideo):
        list(VideoSource(path).frames())


def test_an_unreadable_video_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.mp4"
    _write_video(path, "mp4v", seconds=2.0)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(InvalidVideo, match="cannot be read"):
        list(VideoSource(cut).frames())


def test_stopping_early_ends_the_decoding_thread(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "long.avi"
    _write_video(path, "MJPG", seconds=20.0)
    frames = VideoSource(path).frames(sample_fps=10.0)
    first = next(frames)
    frames.close()
    assert first.time_s == 0.0
    assert not any(thread.name == "crest-video-decode" for thread in threading.enumerate())


STRIPS = [(1, 10000, ".png"), (10000, 1, ".png"), (1, 10000, ".webp"), (10000, 1, ".webp"), (40, 9000, ".jpg")]


@pytest.mark.parametrize(("width", "height", "extension"), STRIPS)
def test_pictures_too_thin_to_show_a_person_are_refused_in_one_line(width: int, height: int, extension: str) -> None:
    data = _encoded(extension, np.full((height, width, 3), 128, np.uint8))
    with pytest.raises(InvalidImage, match=rf"^strip: the picture is {width}x{height} pixels, too narrow"):
        decode_photo(data, "strip")


@pytest.mark.parametrize(("width", "height", "extension"), STRIPS)
def test_the_web_upload_and_the_live_socket_refuse_them_too(width: int, height: int, extension: str) -> None:
    from crest.posture.service import CheckService

    data = _encoded(extension, np.full((height, width, 3), 128, np.uint8))
    service = CheckService(finder=_NoFinder())  # the model is never reached
    with pytest.raises(InvalidImage, match="too narrow to show a person"):
        service.check_image_bytes(data, "upload")
    with pytest.raises(InvalidImage, match="too narrow to show a person"):
        service.live().frame_jpeg(data, 0.0)


def test_a_picture_too_small_to_judge_is_refused_before_the_model_sees_it(tmp_path: Path) -> None:
    from crest.posture.service import CheckService

    data = _encoded(".jpg", _red_picture(50, 50))
    too_small = r"^tiny.jpg: the picture is too small to judge \(50x50 px\); use a {} at least 100 px across$"
    service = CheckService(finder=_NoFinder())
    with pytest.raises(InvalidImage, match=too_small.format("photo")):
        service.check_image_bytes(data, "tiny.jpg")
    with pytest.raises(InvalidImage, match=r"^camera frame: the picture is too small to judge \(50x50 px\)"):
        service.live().frame_jpeg(data, 0.0)
    video = tmp_path / "tiny.mp4"
    write_h264(video, seconds=1.0, keyframe_every=8, picture=np.zeros((50, 50, 3), np.uint8))
    with pytest.raises(InvalidImage, match=too_small.replace("jpg", "mp4").format("video")):
        service.review_video(video, "tiny.mp4")
    # One pixel more on the short side is judged (the held-out photos start at 101 px).
    assert decode_photo(_encoded(".jpg", _red_picture(180, 100))).shape[:2] == (100, 180)


class _NoFinder:
    def detect(self, image_rgb: np.ndarray) -> None:
        raise AssertionError("the pose model must not see a refused picture")

    def detect_turned(self, image_rgb: np.ndarray, quarter_turns: int) -> None:
        raise AssertionError("the pose model must not see a refused picture")

    track = detect

    def reset_tracking(self) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.mark.parametrize("extension", [".png", ".webp", ".jpg"])
def test_a_long_picture_decoded_at_a_reduced_size_keeps_its_proportions(extension: str) -> None:
    # The reduction is chosen from both sides (1/8 would leave the short side 12 px): the picture still comes
    # out at the asked size with its shape.
    data = _encoded(extension, _red_picture(100, 990))
    image = decode_photo(data, "tall", max_side_px=64)
    assert image.shape[:2] == (64, 6)
    assert tuple(image[40, 3]) == pytest.approx((220, 0, 0), abs=12)  # red, now in RGB order


def test_a_written_picture_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    from crest.posture.media import write_image

    target = tmp_path / "annotated.jpg"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_image(target, np.zeros((20, 30, 3), np.uint8))
    assert target.stat().st_mode & 0o777 == 0o600
    assert cv2.imread(str(target)).shape == (20, 30, 3)


def test_a_picture_that_cannot_be_written_whole_leaves_the_earlier_one_as_it_was(tmp_path: Path) -> None:
    """A full disk (here: a file size limit) cut the new picture short under its final name, over the old one."""
    import resource

    from crest.posture.media import write_image
    from crest.private_files import FileNotWritable

    target = tmp_path / "annotated.jpg"
    write_image(target, np.zeros((20, 30, 3), np.uint8))
    earlier = target.read_bytes()
    noise = np.random.default_rng(1).integers(0, 255, (400, 400, 3), dtype=np.uint8)  # far above the limit
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(earlier) * 2, hard))  # Python ignores SIGXFSZ: writes fail
    try:
        with pytest.raises(FileNotWritable, match="cannot write"):
            write_image(target, noise)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert target.read_bytes() == earlier
    assert [path.name for path in tmp_path.iterdir()] == ["annotated.jpg"]


def test_a_written_picture_never_follows_a_link(tmp_path: Path) -> None:
    from crest.posture.media import write_image
    from crest.private_files import FileNotWritable

    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone else's file")
    (tmp_path / "annotated.jpg").symlink_to(elsewhere)
    with pytest.raises(FileNotWritable, match="not a regular file"):
        write_image(tmp_path / "annotated.jpg", np.zeros((20, 30, 3), np.uint8))
    assert elsewhere.read_text() == "someone else's file"


class _CountingDemuxer:
    """A PyAV container that notes the time of each keyframe packet handed to the decoder and of each frame a
    pass over every frame decodes, and how often it is opened."""

    opened = 0

    def __init__(self, container: Any, decoded_s: list[float]) -> None:
        type(self).opened += 1
        self._container = container
        self._decoded_s = decoded_s

    def __getattr__(self, name: str) -> Any:
        return getattr(self._container, name)

    def demux(self, stream: Any) -> Any:
        for packet in self._container.demux(stream):
            yield _CountingPacket(packet, self._decoded_s)

    def decode(self, stream: Any) -> Any:
        for frame in self._container.decode(stream):
            self._decoded_s.append(float(frame.time))
            yield frame


class _CountingPacket:
    def __init__(self, packet: Any, decoded_s: list[float]) -> None:
        self._packet = packet
        self._decoded_s = decoded_s

    def __getattr__(self, name: str) -> Any:
        return getattr(self._packet, name)

    def decode(self) -> Any:
        self._decoded_s.append(float(self._packet.pts * self._packet.time_base))
        return self._packet.decode()


@pytest.fixture
def decoded_s(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The times of the packets decoded in keyframe passes and of the frames decoded in the others;
    VideoSource's demuxers count how often they open."""
    decoded: list[float] = []
    real_open = VideoSource._open
    _CountingDemuxer.opened = 0
    monkeypatch.setattr(VideoSource, "_open", lambda self: _CountingDemuxer(real_open(self), decoded))
    return decoded


def test_only_the_keyframes_due_are_decoded(tmp_path: Path, decoded_s: list[float]) -> None:
    path = tmp_path / "phone.mp4"
    write_h264(path, seconds=12.0, keyframe_every=8)  # a keyframe a second; the decoder reorders (B-frames)
    frames = list(VideoSource(path).frames(0.5, keyframes_only=True))
    assert [frame.time_s for frame in frames] == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    # The keyframes between the looks are dropped before the decoder, though it hands each frame out late.
    assert decoded_s == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]


def test_the_keyframes_of_a_stretch_stop_at_its_end(tmp_path: Path, decoded_s: list[float]) -> None:
    path = tmp_path / "phone.mp4"
    write_h264(path, seconds=12.0, keyframe_every=8)
    frames = list(VideoSource(path).frames(4.0, start_s=3.001, end_s=7.0, keyframes_only=True))
    assert [frame.time_s for frame in frames] == [4.0, 5.0, 6.0]
    assert decoded_s == [4.0, 5.0, 6.0]


def test_passes_over_a_video_share_one_demuxer_each_from_its_own_start(tmp_path: Path, decoded_s: list[float]) -> None:
    path = tmp_path / "phone.mp4"
    write_h264(path, seconds=6.0, keyframe_every=8)
    with VideoSource(path) as video:
        keyframes = [frame.time_s for frame in video.frames(1.0, keyframes_only=True)]
        stretch = [frame.time_s for frame in video.frames(4.0, start_s=2.0, end_s=3.0)]
        again = [frame.time_s for frame in video.frames(1.0, keyframes_only=True)]
        # Opened once for its length; each pass after took that demuxer up again where it stood.
        assert _CountingDemuxer.opened == 1
        # A pass left half-way gives its demuxer up: the next one opens a fresh one.
        half_way = video.frames(4.0)
        next(half_way)
        half_way.close()
        assert [frame.time_s for frame in video.frames(1.0, keyframes_only=True)] == keyframes
        assert _CountingDemuxer.opened == 2
    assert keyframes == again == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert stretch == [2.0, 2.25, 2.5, 2.75]


def _white_corner(image: np.ndarray) -> str:
    corners = {
        "top left": image[:8, :8],
        "top right": image[:8, -8:],
        "bottom left": image[-8:, :8],
        "bottom right": image[-8:, -8:],
    }
    return max(corners, key=lambda name: float(corners[name].mean()))


@pytest.mark.parametrize(
    ("rotation_deg", "shown_at", "shape"),
    [
        (0, "top left", (240, 320, 3)),
        (90, "bottom left", (320, 240, 3)),
        (-90, "top right", (320, 240, 3)),
        (180, "bottom right", (240, 320, 3)),
    ],
)
def test_video_frames_are_turned_as_the_phone_marked_them(
    tmp_path: Path, rotation_deg: int, shown_at: str, shape: tuple[int, int, int]
) -> None:
    # Where FFmpeg's own player shows the corner (`ffmpeg -i` turns frames by the display matrix).
    stored = np.zeros((240, 320, 3), np.uint8)
    stored[:60, :80] = 255
    path = tmp_path / "phone.mp4"
    write_h264(path, seconds=2.0, keyframe_every=8, picture=stored, display_rotation_deg=rotation_deg)
    with VideoSource(path) as video:
        for frames in (list(video.frames(2.0)), list(video.frames(1.0, keyframes_only=True))):
            assert {frame.image_rgb.shape for frame in frames} == {shape}
            assert {_white_corner(frame.image_rgb) for frame in frames} == {shown_at}
            assert all(frame.image_rgb.flags["C_CONTIGUOUS"] for frame in frames)


def test_photos_are_turned_as_their_exif_orientation_says() -> None:
    stored = np.zeros((300, 400, 3), np.uint8)
    stored[:75, :100] = 255
    picture = Image.fromarray(stored)
    exif = picture.getexif()
    exif[0x0112] = 6  # EXIF orientation 6: turn a quarter clockwise to show it
    data = io.BytesIO()
    picture.save(data, "JPEG", exif=exif.tobytes())
    for max_side_px in (PHOTO_MAX_SIDE_PX, 200):  # decoded whole, and reduced while decoding
        rgb = decode_photo(data.getvalue(), max_side_px=max_side_px)
        assert rgb.shape[0] > rgb.shape[1]
        assert _white_corner(rgb) == "top right"


def test_a_video_in_a_binary_file_reads_as_from_its_path_even_with_passes_that_overlap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "phone.mp4"
    write_h264(path, seconds=4.0, keyframe_every=8, red_at=lambda time_s: round(60 * time_s))
    # FFmpeg reads the file a little at a time, as it reads a long video: the passes' reads interleave.
    monkeypatch.setattr("crest.posture.media.FILE_READ_BYTES", 512)
    assert path.stat().st_size > 8 * 512
    from_path = {frame.time_s: frame.image_rgb for frame in VideoSource(path).frames(2.0)}
    with path.open("rb") as file, VideoSource(file, "upload.mp4") as video:
        assert video.info.duration_s == pytest.approx(4.0)
        frames = list(video.frames(2.0))
        assert [frame.time_s for frame in frames] == list(from_path)
        assert all(np.array_equal(frame.image_rgb, from_path[frame.time_s]) for frame in frames)
        # Two passes at once each keep their own place in the one file.
        first, second = video.frames(2.0), video.frames(2.0, start_s=2.0)
        for _ in range(3):
            for frame in (next(first), next(second)):
                assert np.array_equal(frame.image_rgb, from_path[frame.time_s])
        first.close()
        second.close()


def test_an_empty_binary_file_is_refused() -> None:
    with pytest.raises(InvalidVideo, match="empty"):
        VideoSource(io.BytesIO(), "upload.mp4")


def test_frames_no_other_frame_refers_to_are_skipped_when_looks_are_sparse(
    tmp_path: Path, decoded_s: list[float]
) -> None:
    path = tmp_path / "b-frames.mp4"
    write_h264(path, seconds=12.0, keyframe_every=1000)  # x264's B-frames: most are referred to by none
    with VideoSource(path) as video:
        every = list(video.frames(8.0))
        assert len(decoded_s) == len(every) == 96
        decoded_s.clear()
        calm = [frame.time_s for frame in video.frames(0.5)]
    # A look every 2 s still, on a frame at most a few frames later than due.
    assert len(calm) == 6
    assert all(0 <= time_s - 2 * index <= 0.5 for index, time_s in enumerate(calm))
    assert len(decoded_s) < 0.75 * 96


@pytest.mark.parametrize("keyframes_only", [True, False])
def test_a_copy_cut_short_takes_its_length_from_its_frames_once_a_pass_runs_out(
    tmp_path: Path, keyframes_only: bool
) -> None:
    whole = tmp_path / "whole.mp4"
    write_h264(whole, seconds=20.0, keyframe_every=8, index_first=True)
    cut = cut_short(whole)
    with VideoSource(cut) as video:
        assert video.info.duration_s == pytest.approx(20.0) and not video.stops_early  # what the header says
        list(video.frames(1.0, start_s=2.0, end_s=4.0, keyframes_only=keyframes_only))
        assert not video.stops_early  # a pass that stops where it was asked to says nothing of the end
        last_s = [frame.time_s for frame in video.frames(1.0, keyframes_only=keyframes_only)][-1]
        assert video.stops_early
        assert video.declared_duration_s == pytest.approx(20.0)
        # The frames stop about half-way; the last looked at lies within a second of the end found.
        assert video.info.duration_s is not None and 4.0 < video.info.duration_s < 14.0
        assert last_s < video.info.duration_s <= last_s + 1.0 + 1 / 8
    with VideoSource(whole) as video:
        list(video.frames(1.0, keyframes_only=keyframes_only))
        assert not video.stops_early and video.info.duration_s == pytest.approx(20.0)


def test_video_frames_are_read_with_the_pixels_as_wide_as_they_are_shown(tmp_path: Path) -> None:
    # Pixels stored half as wide as shown (sample aspect ratio 2:1), as a 3:2 picture squeezed into a portrait
    # phone frame keeps its shape: players widen them, and angles measured on the stored pixels would be wrong.
    stored = np.zeros((240, 160, 3), np.uint8)
    stored[:60, :40] = 255
    path = tmp_path / "squeezed.mp4"
    write_h264(path, seconds=2.0, keyframe_every=8, picture=stored, pixel_aspect=Fraction(2))
    with VideoSource(path) as video:
        for frames in (list(video.frames(2.0)), list(video.frames(1.0, keyframes_only=True))):
            assert {frame.image_rgb.shape for frame in frames} == {(240, 320, 3)}
            assert {_white_corner(frame.image_rgb) for frame in frames} == {"top left"}
