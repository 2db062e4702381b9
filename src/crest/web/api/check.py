"""The position check: an uploaded photo or video, or a live stream of camera frames over a WebSocket."""

import asyncio
import base64
import io
import json
import logging
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, BinaryIO

import anyio
from fastapi import APIRouter, Depends, File, Request, UploadFile, WebSocket
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from crest.errors import CrestError
from crest.journal.breath_record import MAX_BREATH_S
from crest.posture.media import (
    KIND_BYTES,
    VIDEO_MAX_SIDE_PX,
    MediaKind,
    ProgressCallback,
    VideoSource,
    decode_photo,
    encode_jpeg,
    kind_of_content,
    sniff_kind,
)
from crest.posture.service import Checked, CheckOptions, VideoCheck
from crest.posture.video import clock_text
from crest.services.safety import PositionCheckNotAdvised
from crest.shortening import shortened
from crest.web.context import WebContext, connection_context, size_shown, web_context
from crest.web.errors import UploadTooLarge, printable
from crest.web.live import REFUSED_CLOSE_CODE, TIME_PREFIX_BYTES, refuse_live_check, serve_live_check, timed_frame
from crest.web.pose_pool import PooledBreathStream, PooledLiveStream, PoolSlot
from crest.web.schemas import ErrorOut
from crest.web.templating import as_sentence

READ_CHUNK_BYTES = 1024 * 1024
BREATH_RESULT = "breath_result"
# Asked for in `Accept`, the check answers as it goes: one JSON object a line (progress, then the result).
LINES = "application/x-ndjson"
# A video's picture is its frame as the review saw it (at most VIDEO_MAX_SIDE_PX a side): at this quality a
# 640x427 photo of a person lying down is 30-40 KB, 40-55 KB in base64 (at 90, half as much again).
PICTURE_JPEG_QUALITY = 80
# Without the page's script a video would be reviewed with no progress shown and no way to stop it.
VIDEO_NEEDS_SCRIPT = (
    "a video's review needs JavaScript in this browser, which shows how far it is and can stop it; check a photo "
    "here, or the video in a terminal: crest check VIDEO"
)
# An upload's name is repeated in the answer as the terminal repeats a file's: its last part, of a sensible length.
MAX_NAME_CHARACTERS = 100

log = logging.getLogger(__name__)

router = APIRouter(tags=["position check"])
Context = Annotated[WebContext, Depends(web_context)]


class NotAPhotoOrVideo(CrestError):
    """An upload this door does not check: a video sent by the page without its script. A file that is no photo
    or video crest can read is refused by `kind_of_content`, in the words crest check uses."""


class VideoTooLong(CrestError):
    """A video longer than the app reviews in one go."""


STOPPING = "crest is stopping, so the check was called off; start crest again to check"


class AppStopping(CrestError):
    """A request under way when the app stops."""

    http_status = 503


class ReviewAbandoned(CrestError):
    """Whoever asked for the check went away before it was done."""


@router.post(
    "/check",
    response_model=None,
    responses={
        200: {"content": {LINES: {}}},
        409: {"model": ErrorOut},
        413: {"model": ErrorOut},
        422: {"model": ErrorOut},
    },
    response_description="the same object as one line of `crest check --json`, and for a video its picture in "
    '`video.picture`: {"time_s", "width", "height", "jpeg" (base64), "result"}, the frame of the last moment a '
    "person was seen, as `crest check --annotate` draws it, with that moment's verdict and landmarks (in pixels "
    "of the frame); 409 while the safety answers advise "
    "resting on the side (the check is for lying on the back). With `Accept: application/x-ndjson` the answer "
    'comes as it goes, one JSON object a line: {"type": "progress", "done_s", "total_s"} (total_s null when the '
    'video does not say its length) while a video is reviewed, then {"type": "result", "result": {...}}, or '
    '{"type": "error", "detail"} if the check fails once under way. Closing the request stops the review.',
)
async def check_upload(
    context: Context,
    request: Request,
    file: Annotated[UploadFile, File(description="a photo or a video of you lying down")],
) -> dict[str, Any] | StreamingResponse:
    # async to read the upload and to wait for a pose model; the journal and the model run in the thread pool.
    upload = await checkable_upload(context, file)
    if LINES in request.headers.get("accept", ""):
        return StreamingResponse(_check_lines(context, *upload), media_type=LINES)
    return await whole_check(context, upload)


Upload = tuple[bytes | BinaryIO, str, int | None]  # (a photo's bytes or a video's file, its name, the height)


async def checkable_upload(context: WebContext, file: UploadFile, *, photo_only: bool = False) -> Upload:
    """The upload ready to check, refused before a model is taken if it cannot be. The multipart parser has
    spooled it to a temporary file: a photo is read from it into memory, a video is reviewed from it where it
    lies (the file stays open until the answer, streamed or not, is sent)."""
    name = _shown_name(file.filename)
    head = await file.read(KIND_BYTES)
    if photo_only and sniff_kind(head) is MediaKind.VIDEO:
        raise NotAPhotoOrVideo(f"{name}: {VIDEO_NEEDS_SCRIPT}")
    kind, height_cm = await run_in_threadpool(_checkable, context, head, file.file, name)
    if kind is MediaKind.VIDEO:
        return file.file, name, height_cm
    await file.seek(0)
    return await _read_limited(file, context.limits.max_photo_bytes, name), name, height_cm


async def whole_check(context: WebContext, upload: Upload) -> dict[str, Any]:
    """The check's answer, once it is done."""
    try:
        async with _checking(context, *upload) as check:
            return await asyncio.shield(check)
    except asyncio.CancelledError:  # the app stops before the check does: answer calmly, not with a bare 500
        raise AppStopping(STOPPING) from None


def _shown_name(filename: str | None) -> str:
    """The uploaded file's own name: a client may send a whole path ("../../etc/passwd", "C:\\Users\\me\\rest.jpg")
    or a name of any length, and only the person's own computer knows its folders."""
    base = re.split(r"[\\/]", filename or "")[-1]
    return shortened(base, MAX_NAME_CHARACTERS) or "upload"


@asynccontextmanager
async def _checking(
    context: WebContext,
    source: bytes | BinaryIO,
    name: str,
    height_cm: int | None,
    progress: ProgressCallback | None = None,
) -> AsyncIterator["asyncio.Future[dict[str, Any]]"]:
    """The check, run on a pose model in the thread pool. A review whose caller goes away (the page closed,
    the server stopping) stops at its next frame: FFmpeg and the model cannot be interrupted, the loop can."""
    abandoned = threading.Event()

    def reported(done_s: float, total_s: float | None) -> None:  # called in the review's thread
        if context.stopping.is_set():
            raise AppStopping(STOPPING)
        if abandoned.is_set():
            raise ReviewAbandoned("the check was called off: the page that asked for it has gone")
        if progress is not None:
            progress(done_s, total_s)

    def settled(check: "asyncio.Future[dict[str, Any]]") -> None:
        # Once nobody waits for the answer, nobody reads how the check ended either, and asyncio would print
        # "exception was never retrieved" with a traceback on crest serve's terminal: a check stopped because
        # its page went away (or crest is stopping) is no failure, and a bug meanwhile is logged as a bug.
        error = None if check.cancelled() or not abandoned.is_set() else check.exception()
        if error is not None and not isinstance(error, CrestError):
            log.error("the position check failed after its page had gone", exc_info=error)

    async with context.poses.borrow() as slot:
        check = asyncio.ensure_future(run_in_threadpool(_check_on, slot, source, name, height_cm, reported))
        check.add_done_callback(settled)
        try:
            yield check
        finally:
            abandoned.set()
            await _let_go(check)


async def _let_go(check: "asyncio.Future[dict[str, Any]]") -> None:
    """Wait for the review's thread to let go of the pose model, however often this task is told to stop
    meanwhile (a page that goes away, then the app stopping), and pass the stop on once it has."""
    stop: asyncio.CancelledError | None = None
    while not check.done():
        try:
            with anyio.CancelScope(shield=True):  # else anyio cancels every await here, over and over
                await asyncio.wait([check])
        except asyncio.CancelledError as error:
            stop = error
    if stop is not None:
        raise stop


async def _check_lines(
    context: WebContext, source: bytes | BinaryIO, name: str, height_cm: int | None
) -> AsyncIterator[str]:
    """The check's progress and then its result, one JSON line each, as they come."""
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
    steps = ProgressSteps()

    def progress(done_s: float, total_s: float | None) -> None:  # called in the review's thread
        if steps.due(done_s, total_s):
            update = {"type": "progress", "done_s": round(done_s, 1), "total_s": total_s and round(total_s, 1)}
            loop.call_soon_threadsafe(lines.put_nowait, update)

    try:
        async with _checking(context, source, name, height_cm, progress) as check:
            check.add_done_callback(lambda _: lines.put_nowait(None))
            while (update := await lines.get()) is not None:
                yield _line(update)
            yield _line(_outcome(check, name))
    except asyncio.CancelledError:
        return  # the page has gone, or the app stops: nobody waits for more lines, and the page says so


def _outcome(check: "asyncio.Future[dict[str, Any]]", name: str) -> dict[str, Any]:
    error = check.exception()
    if error is None:
        return {"type": "result", "result": check.result()}
    if isinstance(error, CrestError):
        return {"type": "error", "detail": printable(error.message)}
    # The answer has begun (200): a failure can only be told in it. Logged in full, as a 500 would be.
    log.error("the position check failed", exc_info=error)
    return {"type": "error", "detail": f"{printable(name)}: the check failed; try again, or try another file"}


def _line(update: dict[str, Any]) -> str:
    return json.dumps(update, separators=(",", ":")) + "\n"


class ProgressSteps:
    """Whether a progress update is worth sending: at most one per whole percent, or per 5 s of a video of
    unknown length, so a long review sends about a hundred lines and not one per frame."""

    def __init__(self) -> None:
        self._last: int | None = None

    def due(self, done_s: float, total_s: float | None) -> bool:
        step = int(100 * done_s / total_s) if total_s else int(done_s // 5)
        if step == self._last:
            return False
        self._last = step
        return True


async def _read_limited(file: UploadFile, max_bytes: int, name: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := await file.read(READ_CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise UploadTooLarge(f"{name}: the photo is larger than {size_shown(max_bytes)}; send a smaller one")
        chunks.append(chunk)
    return b"".join(chunks)


def _checkable(context: WebContext, head: bytes, upload: BinaryIO, name: str) -> tuple[MediaKind, int | None]:
    """What the upload is and the person's height, refusing what cannot be checked before a model is taken."""
    context.services.safety.require_may_lie_on_back()
    kind = kind_of_content(head, name)  # refused in the words crest check uses
    if kind is MediaKind.VIDEO:
        max_bytes = context.limits.max_video_bytes
        if upload.seek(0, io.SEEK_END) > max_bytes:
            raise UploadTooLarge(f"{name}: the video is larger than {size_shown(max_bytes)}; send a shorter one")
        with VideoSource(upload, name) as video:
            duration_s = video.info.duration_s
        limit_s = context.limits.max_video_s
        if duration_s is not None and duration_s > limit_s:
            # Its length to the second: in whole minutes a video of 20:20 "lasts 20 minutes", refused at 20.
            raise VideoTooLong(
                f"{name}: the video lasts {clock_text(duration_s)}; the app reviews up to "
                f"{clock_text(limit_s)}: send a shorter part of it"
            )
    return kind, context.services.preferences.current().height_cm


def _check_on(
    slot: PoolSlot,
    source: bytes | BinaryIO,
    name: str,
    height_cm: int | None,
    progress: ProgressCallback | None = None,
) -> dict[str, Any]:
    """A photo's bytes, or a video's file (`progress` hears how far its review is)."""
    service = slot.service()
    service.options = CheckOptions(height_cm=height_cm)
    if isinstance(source, bytes):
        checked: Checked = service.check_image_bytes(source, name)
    else:
        slot.tracking = None  # a video is tracked on this model too
        checked = service.review_video(source, name, progress)
    result: dict[str, Any] = checked.to_json_dict()
    if isinstance(checked, VideoCheck):
        result["video"]["picture"] = _video_picture(checked)
    return result


def _video_picture(checked: VideoCheck) -> dict[str, Any] | None:
    """The frame of the last moment a person was seen, with its verdict, for the page to draw the outline over
    it as over a photo. The moment `crest check --annotate` draws: the frame the review already holds (the
    first drift's would mean keeping a frame per change through a 30-minute review), and the way the rest
    ended. Encoded in memory, never written."""
    if checked.snapshot_rgb is None or checked.snapshot_result is None or checked.snapshot_time_s is None:
        return None
    height, width = checked.snapshot_rgb.shape[:2]
    return {
        "time_s": round(checked.snapshot_time_s, 2),
        "width": width,
        "height": height,
        "jpeg": base64.b64encode(encode_jpeg(checked.snapshot_rgb, PICTURE_JPEG_QUALITY)).decode("ascii"),
        "result": checked.snapshot_result.to_json_dict(),
    }


@router.websocket("/check/live")
async def check_live(websocket: WebSocket, breath: bool = False) -> None:
    """Send JPEG frames as binary messages; each answer is {"type": "result", "frame", "dropped_frames", "result"}:
    a result with "person_seen" false says in "nobody_advice" what to change (the light, or the camera's place), and
    one with a person gives beside the frame's "summary" the one that has held, "held_summary", as "stable" does the
    verdicts.

    Frames that arrive while one is being checked (or waits for a pose model) replace each other: only the newest
    is checked. Beyond the open streams allowed, an {"type": "error"} answer says so and the socket closes (1013).
    While the photo check is refused (a warning sign stands, or resting on the side is advised), an
    {"type": "error"} answer gives its refusal and the socket closes (1008).

    With `?breath=true` the stream reads the breath during a rest instead of checking the position: each frame
    starts with its capture time (a little-endian 64-bit float of seconds since the rest began; the server
    uses it, never the arrival time) followed by the JPEG, and each answer's result is {"time_s",
    "breath_state"} ("reading", or what is in the way right now). The text message {"type": "breath_result"}
    is answered with {"type": "breath_result", "breath": {...}}, the `breath` object of `crest check --json`.
    Frames are analysed in memory and never stored.
    """
    try:
        context = await connection_context(websocket)
    except CrestError:  # practice mode: nobody signed in, or not a client
        await websocket.close(code=1008)
        return
    with context.live_streams.admit() as admitted:
        if not admitted:
            await refuse_live_check(
                websocket, "The camera check is open in too many windows; close one of them and try again."
            )
            return
        if breath:  # the breath during a rest, on the side too: not a check of the position
            await _read_breath(websocket, context)
            return
        try:  # the photo upload's gate: no coaching in the position while a warning sign stands, nor on the back
            await run_in_threadpool(context.services.safety.require_may_lie_on_back)
        except PositionCheckNotAdvised as refusal:
            await refuse_live_check(websocket, as_sentence(refusal.message), code=REFUSED_CLOSE_CODE)
            return
        height_cm = (await run_in_threadpool(context.services.preferences.current)).height_cm
        stream = PooledLiveStream(height_cm)
        await serve_live_check(
            websocket, stream.check_jpeg, context.limits.max_frame_bytes, lambda: context.poses.borrow(stream.number)
        )


class UnknownRequest(CrestError):
    """A text message the live stream does not answer."""


async def _read_breath(websocket: WebSocket, context: WebContext) -> None:
    stream = PooledBreathStream()

    def read_frame(slot: PoolSlot, message: bytes) -> dict[str, Any]:
        time_s, jpeg = timed_frame(message, MAX_BREATH_S)
        state = stream.read_frame(slot, decode_photo(jpeg, "camera frame", VIDEO_MAX_SIDE_PX), time_s)
        return {"time_s": round(time_s, 3), "breath_state": state}

    def answer(request: dict[str, Any]) -> dict[str, Any]:
        if request.get("type") != BREATH_RESULT:
            raise UnknownRequest(f'unknown request {request.get("type")!r}; ask for {{"type": "{BREATH_RESULT}"}}')
        return {"type": BREATH_RESULT, "breath": stream.result().to_json_dict()}

    await serve_live_check(
        websocket,
        read_frame,
        context.limits.max_frame_bytes + TIME_PREFIX_BYTES,
        lambda: context.poses.borrow(stream.number),
        answer,
    )
