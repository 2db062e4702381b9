"""Decode photos (OpenCV) and videos (FFmpeg, through PyAV) in memory, downscaled before anything else looks at them.

Photos (JPEG, PNG, WebP) and videos (MP4, MOV, WebM, AVI) are recognised by their first bytes, not their file
name. A photo is shrunk while it is decoded where the format allows it (JPEG decodes at 1/2, 1/4 or 1/8 size
directly), so a 40-megapixel picture costs little memory and time. Frames come out as RGB arrays, the order
MediaPipe expects. Nothing is written to disk.
"""

from __future__ import annotations

import io
import os
import queue
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, BinaryIO

from crest.errors import CrestError
from crest.private_files import write_private_file

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from _typeshed import WriteableBuffer

    RgbImage = npt.NDArray[np.uint8]

# Big enough for the overlay to stay sharp; the pose model itself looks at 256 px crops.
PHOTO_MAX_SIDE_PX = 1280
# Video frames are only analysed, never shown full size: smaller frames keep reviewing fast.
VIDEO_MAX_SIDE_PX = 640
# Beyond this a file is more likely a decompression bomb than a photo of someone on a mat.
MAX_PHOTO_PIXELS = 200_000_000
# A picture narrower than this, or longer than wide by more than this ratio, cannot show a person lying down
# (a 1x10000 strip): it is refused in one line rather than handed to the decoder and the pose model.
MIN_PHOTO_SIDE_PX = 16
MAX_PHOTO_ASPECT = 10.0
# Below this on its short side a picture holds too few pixels of the person for the pose model to place the joints
# the rules measure. Measured on 64 public photos (the fixtures and bench d001-d049) shrunk to a short side of
# 200, 160, 128 and 100 px, the verdicts change in 26-41 of 640 criteria, as resampling alone changes them;
# at 80 px in 46, at 64 px in 63, at 48 px in 85 with 10 bodies lost. The held-out photos start at 101 px.
MIN_JUDGED_SIDE_PX = 100
# A video review samples a few frames per second: posture changes slowly.
DEFAULT_SAMPLE_FPS = 4.0
# Frames decoded ahead of the analysis (a few, to bound memory).
FRAMES_DECODED_AHEAD = 4
# Frames that no other frame refers to are skipped when looks are due at under a third of the frame rate.
SKIP_UNREFERENCED_BELOW = 3.0
# How much FFmpeg asks of a video held in a Python file at a time: a pass over two GB of phone video then
# costs a few thousand calls into Python rather than tens of thousands.
FILE_READ_BYTES = 1024 * 1024
# Frames that end this much before the length a file's header gives mean a copy cut short. A whole video's
# last frame lies a frame before its length, and containers round lengths to well under a second.
STOPS_EARLY_BY_S = 1.0


class MediaNotFound(CrestError):
    """The given path does not exist or is not a file."""


class InvalidImage(CrestError):
    """The bytes are not a picture crest can read (not an image, truncated, absurdly large)."""


class InvalidVideo(CrestError):
    """The file looks like a video but holds no readable frames."""


class EmptyFile(CrestError):
    """A file of 0 bytes (a copy or download that never got its content)."""


class MediaKind(Enum):
    PHOTO = "photo"
    VIDEO = "video"


# Enough of the start of a file to tell a photo from a video (sniff_kind).
KIND_BYTES = 16
# A raw MJPEG stream (a webcam's or an IP camera's recording) is JPEG pictures one after the other: it starts as a
# photo does, so only its name tells it is a video; read as a photo, a stream gave its first picture alone.
MJPEG_SUFFIXES = frozenset({".mjpeg", ".mjpg"})
VIDEO_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", *MJPEG_SUFFIXES})


def _quiet_opencv() -> None:
    # OpenCV and FFmpeg print warnings for every odd file; crest reports problems itself, in one line.
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")


_quiet_opencv()


# An MP4 or MOV writes its index last: a download or a recording cut off before it has frames but no index, and
# cannot be read at all (one whose index comes first is read as far as its frames go).
UNREADABLE_VIDEO = (
    "this video cannot be read (unknown or damaged format; if it is an unfinished download or an interrupted "
    "recording, save it again)"
)

# HEIF photos (an iPhone's HEIC, AVIF) come in MP4's container: the brand after "ftyp" tells them apart.
HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis"})
HEIF_PHOTO = (
    "a HEIC or AVIF photo, which crest cannot read; save it as JPEG "
    "(on an iPhone: Settings > Camera > Formats > Most Compatible)"
)


def is_heif_photo(head: bytes) -> bool:
    """Whether the first bytes of a file are those of a HEIF photo (HEIC, AVIF)."""
    return head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS


def sniff_kind(head: bytes) -> MediaKind | None:
    """Photo or video from the first bytes of a file; None when it is neither (a HEIF photo included)."""
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n"):
        return MediaKind.PHOTO
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return MediaKind.PHOTO
    if is_heif_photo(head):
        return None
    if head[4:8] == b"ftyp" or head[:4] == b"\x1a\x45\xdf\xa3":  # MP4/MOV, Matroska/WebM
        return MediaKind.VIDEO
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return MediaKind.VIDEO
    return None


def no_file_at(path: Path) -> MediaNotFound:
    """Why `path` is no file to read: nothing is there, or something that is not a file (a device such as
    /dev/null, a pipe such as the shell's <(...)), which a video review cannot seek in."""
    if path.exists():
        return MediaNotFound(
            f"{path}: not a file (a device or a pipe); save the photo or video as a file and name that"
        )
    return MediaNotFound(f"{path}: no such file")


def kind_of_file(path: Path) -> MediaKind:
    """Photo or video, from the file's content (its name decides only for unreadable files)."""
    if path.is_dir():
        raise MediaNotFound(f"{path}: this is a folder; name the photos or videos in it ({path}/*)")
    if not path.is_file():
        raise no_file_at(path)
    with path.open("rb") as file:
        return kind_of_content(file.read(KIND_BYTES), path.name)


def kind_of_content(head: bytes, name: str) -> MediaKind:
    """Photo or video from the first bytes of a file called `name`, or the one line that refuses it, which the
    terminal (a file's name) and the web page (an upload's) both say as it is: empty, a HEIF photo, a damaged
    video (its name says video), neither."""
    if not head:  # said as it is, not as an unknown format
        raise EmptyFile(f"{name}: the file is empty (0 bytes); use a photo or a video")
    kind = sniff_kind(head)
    if kind is MediaKind.PHOTO and PurePath(name).suffix.lower() in MJPEG_SUFFIXES:
        return MediaKind.VIDEO
    if kind is not None:
        return kind
    if is_heif_photo(head):
        raise InvalidImage(f"{name}: {HEIF_PHOTO}")
    if PurePath(name).suffix.lower() in VIDEO_SUFFIXES:
        raise InvalidVideo(f"{name}: {UNREADABLE_VIDEO}")
    raise InvalidImage(
        f"{name}: this is not a photo or video crest can read (use JPEG, PNG, WebP, MP4, MOV, WebM or AVI)"
    )


# --- photos ---


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 9 < len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        segment_length = int.from_bytes(data[position + 2 : position + 4], "big")
        is_start_of_frame = 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC)
        if is_start_of_frame:
            height = int.from_bytes(data[position + 5 : position + 7], "big")
            width = int.from_bytes(data[position + 7 : position + 9], "big")
            return width, height
        position += 2 + segment_length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        return int.from_bytes(data[26:28], "little") & 0x3FFF, int.from_bytes(data[28:30], "little") & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def photo_size_px(data: bytes) -> tuple[int, int] | None:
    """(width, height) read from the file header without decoding; None when the header does not say."""
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data.startswith(b"\x89PNG") and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:4] == b"RIFF":
        return _webp_size(data)
    return None


def _scan_end(data: bytes, position: int) -> int:
    """Where the entropy-coded data of a JPEG scan starting at `position` ends: at the next marker that is not
    a stuffed 0xFF byte or a restart marker (len(data) when the data stops first)."""
    while (position := data.find(b"\xff", position)) >= 0 and position + 1 < len(data):
        following = data[position + 1]
        if following == 0xFF:  # fill byte before a marker
            position += 1
        elif following == 0x00 or 0xD0 <= following <= 0xD7:  # stuffed 0xFF, restart marker
            position += 2
        else:
            return position
    return len(data)


def _jpeg_is_cut_off(data: bytes) -> bool:
    """Whether the data stops before the JPEG's end-of-image marker, found by reading its segments and scans in
    order. What follows that marker is no part of the picture: phones append the video of a motion photo
    there, whose bytes may hold anything, so searching the whole file for markers misread such photos."""
    position = 2
    while position + 1 < len(data):
        marker = data[position + 1]
        if data[position] != 0xFF or (marker < 0xC0 and marker != 0x01):
            return False  # not a marker (damaged bytes): the decoder says whether it can read the picture
        if marker == 0xFF:  # fill byte
            position += 1
        elif marker == 0xD9:  # end of image
            return False
        elif 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            position += 2
        else:
            position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
            if marker == 0xDA:  # start of scan: its coded data runs up to the next marker
                position = _scan_end(data, position)
    return True


def _is_truncated(data: bytes) -> bool:
    if data.startswith(b"\xff\xd8"):
        return _jpeg_is_cut_off(data)
    if data.startswith(b"\x89PNG"):
        return b"IEND" not in data[-16:]
    if data[:4] == b"RIFF":
        return int.from_bytes(data[4:8], "little") + 8 > len(data)
    return False


def _reduced_read_flag(width_px: int, height_px: int, max_side_px: int) -> int:
    """The largest decoding reduction (1/8, 1/4, 1/2) that keeps the longest side at least `max_side_px` and the
    shortest side at least `MIN_PHOTO_SIDE_PX`: chosen from the longest side alone, a long thin picture would
    shrink its short side to nothing."""
    import cv2

    longest, shortest = max(width_px, height_px), min(width_px, height_px)
    for factor, flag in (
        (8, cv2.IMREAD_REDUCED_COLOR_8),
        (4, cv2.IMREAD_REDUCED_COLOR_4),
        (2, cv2.IMREAD_REDUCED_COLOR_2),
    ):
        if longest // factor >= max_side_px and shortest // factor >= MIN_PHOTO_SIDE_PX:
            return int(flag)
    return int(cv2.IMREAD_COLOR)


def _as_image(array: object) -> RgbImage:
    # OpenCV's type stubs do not say that 8-bit in means 8-bit out; this is a no-op view for uint8 arrays.
    import numpy as np

    return np.asarray(array, dtype=np.uint8)


def _as_displayed(image: RgbImage, rotation_deg: float) -> RgbImage:
    """The frame turned as its video's display matrix says (degrees counter-clockwise). A phone stores what
    it records the sensor's way round, whether it was held upright or upside down, and marks how far to turn
    it; players turn it, and the rules need the picture's up to be the ceiling."""
    import numpy as np

    quarter_turns = round(rotation_deg / 90) % 4
    return image if quarter_turns == 0 else np.ascontiguousarray(np.rot90(image, quarter_turns))


def fit_within(image: RgbImage, max_side_px: int) -> RgbImage:
    """The image shrunk (never enlarged) so that its longest side is at most `max_side_px`."""
    import cv2

    height, width = image.shape[:2]
    longest = max(height, width)
    if longest <= max_side_px:
        return image
    scale = max_side_px / longest
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return _as_image(cv2.resize(image, size, interpolation=cv2.INTER_AREA))


def decode_photo(data: bytes, name: str = "image", max_side_px: int = PHOTO_MAX_SIDE_PX) -> RgbImage:
    """An RGB array of a JPEG, PNG or WebP file's bytes, longest side at most `max_side_px`. Its refusals are
    worded for the terminal and the web page alike: one names a file, the other uploads one."""
    import cv2
    import numpy as np

    if sniff_kind(data[:KIND_BYTES]) is not MediaKind.PHOTO:
        raise InvalidImage(f"{name}: this is not a photo crest can read (use JPEG, PNG or WebP)")
    size = photo_size_px(data)
    if size is None:
        raise InvalidImage(f"{name}: the picture is damaged (its header cannot be read)")
    width, height = size
    if width * height > MAX_PHOTO_PIXELS:
        raise InvalidImage(f"{name}: the picture is too large ({width}x{height} pixels); use a smaller one")
    if min(width, height) < MIN_PHOTO_SIDE_PX or max(width, height) > MAX_PHOTO_ASPECT * min(width, height):
        raise InvalidImage(
            f"{name}: the picture is {width}x{height} pixels, too narrow to show a person; use another photo"
        )
    refuse_too_small(name, width, height, "photo")
    if _is_truncated(data):
        raise InvalidImage(f"{name}: the picture is incomplete (the file was cut off); use a whole copy of it")
    try:
        bgr = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), _reduced_read_flag(width, height, max_side_px))
        if bgr is None or bgr.size == 0:
            raise InvalidImage(f"{name}: the picture is damaged and cannot be decoded")
        return fit_within(_as_image(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)), max_side_px)
    except cv2.error as error:  # the decoder's own message is a stack of C++ asserts, not for a person
        raise InvalidImage(f"{name}: the picture is damaged and cannot be decoded") from error


def refuse_too_small(name: str, width: int, height: int, kind: str) -> None:
    """Raise InvalidImage for a picture (a photo, a video's frames as shown) too small to judge."""
    if min(width, height) < MIN_JUDGED_SIDE_PX:
        raise InvalidImage(
            f"{name}: the picture is too small to judge ({width}x{height} px); "
            f"use a {kind} at least {MIN_JUDGED_SIDE_PX} px across"
        )


def read_photo(path: Path, max_side_px: int = PHOTO_MAX_SIDE_PX) -> RgbImage:
    if not path.is_file():
        raise no_file_at(path)
    return decode_photo(path.read_bytes(), path.name, max_side_px)


def encode_jpeg(image_rgb: RgbImage, quality: int = 90) -> bytes:
    """JPEG bytes of an RGB image (for annotated pictures sent over the web)."""
    import cv2

    bgr = cv2.cvtColor(image_rgb, cv2.COLOR_RGB2BGR)
    ok, buffer = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise InvalidImage("the annotated picture could not be encoded")
    return bytes(buffer)


def write_image(path: Path, image_rgb: RgbImage) -> None:
    """Write an RGB image, readable by its owner only (it shows the person); the format follows the file name
    (.jpg, .png, .webp). Replaced in one step: a kill or a full disk never leaves half a picture under its name."""
    import cv2

    ok, buffer = cv2.imencode(path.suffix or ".jpg", cv2.cvtColor(image_rgb, cv2.COLOR_RGB2BGR))
    if not ok:
        raise InvalidImage(f"{path.name}: cannot write a picture in this format")
    write_private_file(path, bytes(buffer), suggested_name=f"picture{path.suffix or '.jpg'}")


# --- videos ---


@dataclass(frozen=True)
class VideoFrame:
    """One sampled frame: its time from the start of the video and its pixels (RGB)."""

    time_s: float
    image_rgb: RgbImage


@dataclass(frozen=True)
class VideoInfo:
    name: str
    fps: float
    duration_s: float | None  # None when the container does not say (some WebM files)


ProgressCallback = Callable[[float, float | None], None]
"""Called with (seconds of video reviewed so far, total seconds or None)."""


class _OwnPosition(io.RawIOBase):
    """One pass's view of a shared binary file, with its own position: two passes that overlap would otherwise
    move each other's place in it."""

    def __init__(self, file: BinaryIO, lock: threading.Lock) -> None:
        super().__init__()
        self._file = file
        self._lock = lock
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        target = memoryview(buffer).cast("B")
        with self._lock:
            self._file.seek(self._position)
            data = self._file.read(len(target))
        target[: len(data)] = data
        self._position += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_END:
            with self._lock:
                offset += self._file.seek(0, io.SEEK_END)
        elif whence == io.SEEK_CUR:
            offset += self._position
        self._position = offset
        return offset

    def tell(self) -> int:
        return self._position


class VideoSource:
    """Frames of a video file, of video bytes or of a seekable binary file (an upload spooled to a temporary
    file), decoded with FFmpeg through PyAV.

    `frames` samples `sample_fps` times per second of video time, from `start_s` to `end_s`; with
    `keyframes_only` only the keyframes that fall due are decoded (a phone records about one a second) and every
    other frame is skipped without being decoded, which is what makes a long, mostly still recording quick
    to review.
    """

    def __init__(self, source: Path | bytes | BinaryIO, name: str | None = None) -> None:
        if isinstance(source, Path):
            self.name = name or source.name
            if not source.is_file():
                raise no_file_at(source)
            empty = source.stat().st_size == 0
        elif isinstance(source, bytes):
            self.name = name or "video"
            empty = not source
        else:
            self.name = name or "video"
            empty = source.seek(0, io.SEEK_END) == 0
        if empty:
            raise InvalidVideo(f"{self.name}: the video file is empty")
        self._source = source
        self._file_lock = threading.Lock()
        # The demuxer the last pass left, for the next: opening a long video reads its whole index (30 ms for
        # two minutes of phone video), and a review makes a pass for each change it narrows down.
        self._idle_container: Any = None
        self._idle_lock = threading.Lock()
        with self._container() as container:
            stream = container.streams.video[0]
            rate = stream.average_rate or stream.guessed_rate
            fps = float(rate) if rate else 0.0
            self.fps = fps if 1.0 <= fps <= 1000.0 else 30.0
            duration_s: float | None = None
            if stream.duration is not None and stream.time_base is not None:
                duration_s = float(stream.duration * stream.time_base)
            elif container.duration is not None:
                duration_s = container.duration / 1_000_000  # FFmpeg's AV_TIME_BASE
            # A video may store pixels narrower or wider than they are shown (its sample aspect ratio; unset is
            # 0 or None): players widen them, and the rules measure angles, so frames are read as shown.
            self.pixel_aspect = float(stream.sample_aspect_ratio or 1)
            width, height = round(stream.codec_context.width * self.pixel_aspect), stream.codec_context.height
        refuse_too_small(self.name, width, height, "video")
        self.info = VideoInfo(name=self.name, fps=self.fps, duration_s=duration_s or None)
        # The length the file's header gives. A copy cut short (an unfinished download, a file whose index is
        # at its start) still claims it; the first pass that runs out of frames sooner corrects `info`.
        self.declared_duration_s = self.info.duration_s

    def _open(self) -> Any:
        import av

        try:
            if isinstance(self._source, Path):
                container = av.open(str(self._source), "r")
            elif isinstance(self._source, bytes):
                container = av.open(io.BytesIO(self._source), "r")
            else:
                container = av.open(_OwnPosition(self._source, self._file_lock), "r", buffer_size=FILE_READ_BYTES)
        except (av.error.FFmpegError, ValueError) as error:
            raise InvalidVideo(f"{self.name}: {UNREADABLE_VIDEO}") from error
        if not container.streams.video:
            container.close()
            raise InvalidVideo(f"{self.name}: this file holds no video")
        # FFmpeg decodes on every core. Frame threading holds a few frames back to decode them side by side,
        # which also pays for keyframes alone (they need no other frame): 1.9x faster than slices on two cores.
        container.streams.video[0].thread_type = "AUTO"
        return container

    @contextmanager
    def _container(self) -> Iterator[Any]:
        """A demuxer for one pass: the idle one if there is one, else a fresh one. Passes that overlap (two
        `frames` iterators at once) each get their own, and one a pass left half-way is not reused."""
        with self._idle_lock:
            container, self._idle_container = self._idle_container, None
        if container is None:
            container = self._open()
        try:
            yield container
        except BaseException:
            container.close()
            raise
        with self._idle_lock:
            if self._idle_container is None:
                self._idle_container, container = container, None
        if container is not None:
            container.close()

    def _ran_out_at(self, end_s: float) -> None:
        """A pass ran to the end of the frames: where the header's length overstates it, or gives none (a raw MJPEG
        stream, some WebM files), the frames say it; a review of such a video had ended at its last look."""
        declared_s = self.declared_duration_s
        if declared_s is None or end_s < declared_s - STOPS_EARLY_BY_S:
            self.info = replace(self.info, duration_s=end_s)

    @property
    def stops_early(self) -> bool:
        """Whether the frames stop well before the length the file's header claims."""
        return self.declared_duration_s is not None and self.info.duration_s != self.declared_duration_s

    def close(self) -> None:
        """Close the demuxer kept for the next pass (a later pass opens a new one)."""
        with self._idle_lock:
            container, self._idle_container = self._idle_container, None
        if container is not None:
            container.close()

    def __enter__(self) -> VideoSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def frames(
        self,
        sample_fps: float = DEFAULT_SAMPLE_FPS,
        max_side_px: int = VIDEO_MAX_SIDE_PX,
        progress: ProgressCallback | None = None,
        *,
        start_s: float = 0.0,
        end_s: float | None = None,
        keyframes_only: bool = False,
    ) -> Iterator[VideoFrame]:
        """Sampled frames in time order; raises InvalidVideo if the video has no frame at all.

        A background thread decodes ahead while the caller analyses the previous frames: on a small machine
        decoding costs about as much as the pose model, and FFmpeg lets other threads run meanwhile.
        """
        ahead: queue.Queue[VideoFrame | BaseException | None] = queue.Queue(maxsize=FRAMES_DECODED_AHEAD)
        stop = threading.Event()

        def hand_over(item: VideoFrame | BaseException | None) -> bool:
            while not stop.is_set():
                try:
                    ahead.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def decode_ahead() -> None:
            try:
                decoded = self._decode(sample_fps, max_side_px, start_s, end_s, keyframes_only)
                with closing(decoded):
                    for frame in decoded:
                        if not hand_over(frame):
                            return
            except BaseException as error:  # handed to the caller's thread, raised there
                hand_over(error)
                return
            hand_over(None)

        worker = threading.Thread(target=decode_ahead, name="crest-video-decode", daemon=True)
        worker.start()
        try:
            while (item := ahead.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
                if progress is not None:
                    progress(item.time_s, self.info.duration_s)
        finally:
            stop.set()
            worker.join()

    def _decode(
        self, sample_fps: float, max_side_px: int, start_s: float, end_s: float | None, keyframes_only: bool
    ) -> Generator[VideoFrame, None, None]:
        import av

        interval_s = 1.0 / sample_fps
        next_sample_s = start_s
        decoded = 0
        seen_until_s = start_s  # the latest time a packet or a frame of this pass has shown
        with self._container() as container:
            stream = container.streams.video[0]
            # A frame no other frame refers to (most B-frames) is skipped undecoded when looks are sparser than
            # every other frame: the frames left still lie at most a few frames apart.
            sparse_looks = sample_fps * SKIP_UNREFERENCED_BELOW < self.fps
            stream.codec_context.skip_frame = "NONREF" if sparse_looks else "DEFAULT"
            time_base = float(stream.time_base) if stream.time_base is not None else 1.0 / self.fps
            first_pts = stream.start_time or 0

            def frames() -> Iterator[Any]:
                if not keyframes_only:
                    yield from container.decode(stream)
                    return
                # A keyframe needs no other frame: every other packet, and every keyframe that comes before
                # the next look is due, is dropped before it reaches the decoder. Which keyframes are due is
                # decided on the packets' own times: a decoder may hand a frame out only once the next packet
                # is in, so the times of the frames come too late to decide by.
                nonlocal seen_until_s
                next_keyframe_s = start_s
                for packet in container.demux(stream):
                    if packet.pts is None:
                        continue
                    packet_s = (packet.pts - first_pts) * time_base
                    seen_until_s = max(seen_until_s, packet_s)  # every packet: where the frames end
                    if not packet.is_keyframe:
                        continue
                    if end_s is not None and packet_s >= end_s - 1e-6:
                        break
                    if packet_s + 1e-6 < next_keyframe_s:
                        continue
                    next_keyframe_s = max(next_keyframe_s + interval_s, packet_s + interval_s / 2)
                    yield from packet.decode()
                # A decoder may hold its last frame back (for reordering) until told that no more is coming.
                yield from stream.codec_context.decode(None)

            try:
                # Always: a demuxer reused from an earlier pass stands where that pass stopped.
                container.seek(first_pts + round(start_s / time_base), stream=stream, backward=True)
                for frame in frames():
                    decoded += 1
                    if frame.pts is None:
                        time_s = start_s + (decoded - 1) / self.fps
                    else:
                        time_s = max(0.0, (frame.pts - first_pts) * time_base)
                    if end_s is not None and time_s >= end_s - 1e-6:
                        break
                    seen_until_s = max(seen_until_s, time_s)
                    if time_s + 1e-6 < next_sample_s:
                        continue
                    next_sample_s = max(next_sample_s + interval_s, time_s + interval_s / 2)
                    width, height = _fitted_size(round(frame.width * self.pixel_aspect), frame.height, max_side_px)
                    # FFmpeg scales and converts in one step, far cheaper than converting full size first; the
                    # same step makes the pixels square.
                    image = frame.to_ndarray(format="rgb24", width=width, height=height)
                    yield VideoFrame(time_s=time_s, image_rgb=_as_displayed(_as_image(image), frame.rotation))
                else:
                    if end_s is None and decoded:
                        self._ran_out_at(seen_until_s + 1.0 / self.fps)
            except av.error.FFmpegError as error:
                raise InvalidVideo(f"{self.name}: {UNREADABLE_VIDEO}") from error
        if decoded == 0 and start_s == 0:
            raise InvalidVideo(f"{self.name}: the video has no frames that can be read")


def _fitted_size(width: int, height: int, max_side_px: int) -> tuple[int, int]:
    """The size `fit_within` would give, computed without the pixels."""
    longest = max(width, height)
    if longest <= max_side_px:
        return width, height
    scale = max_side_px / longest
    return max(1, round(width * scale)), max(1, round(height * scale))
