"""The position check: an uploaded photo or video, or a live stream of camera frames over a WebSocket."""

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, UploadFile, WebSocket
from starlette.concurrency import run_in_threadpool

from crest.errors import CrestError
from crest.journal.breath_record import MAX_BREATH_S
from crest.posture.media import VIDEO_MAX_SIDE_PX, MediaKind, VideoSource, decode_photo, sniff_kind
from crest.posture.service import CheckOptions
from crest.web.context import WebContext, connection_context, web_context
from crest.web.errors import UploadTooLarge
from crest.web.live import TIME_PREFIX_BYTES, serve_live_check, timed_frame
from crest.web.schemas import ErrorOut

READ_CHUNK_BYTES = 1024 * 1024
BREATH_RESULT = "breath_result"

router = APIRouter(tags=["position check"])
Context = Annotated[WebContext, Depends(web_context)]


class NotAPhotoOrVideo(CrestError):
    """An upload that is neither a photo nor a video crest can read."""


class VideoTooLong(CrestError):
    """A video longer than the app reviews in one go."""


@router.post(
    "/check",
    responses={413: {"model": ErrorOut}, 422: {"model": ErrorOut}},
    response_description="the same object as one line of `crest check --json`",
)
async def check_upload(
    context: Context, file: Annotated[UploadFile, File(description="a photo or a video of you lying down")]
) -> dict[str, Any]:
    # async only to read the upload; the check itself (journal, pose model) runs in the thread pool
    data = await _read_limited(file, context.limits.max_upload_bytes)
    return await run_in_threadpool(_check_bytes, context, data, file.filename or "upload")


async def _read_limited(file: UploadFile, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := await file.read(READ_CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise UploadTooLarge(f"the file is larger than {max_bytes // (1024 * 1024)} MB; send a shorter video")
        chunks.append(chunk)
    if not size:
        raise NotAPhotoOrVideo("the file is empty; choose a photo or a video")
    return b"".join(chunks)


def _check_bytes(context: WebContext, data: bytes, name: str) -> dict[str, Any]:
    height_cm = context.services.preferences.current().height_cm
    kind = sniff_kind(data[:16])
    if kind is None:
        raise NotAPhotoOrVideo(f"{name}: not a photo or video crest can read (JPEG, PNG, WebP, MP4, MOV, WebM, AVI)")
    if kind is MediaKind.VIDEO:
        duration_s = VideoSource(data, name).info.duration_s
        limit_s = context.limits.max_video_s
        if duration_s is not None and duration_s > limit_s:
            raise VideoTooLong(
                f"{name}: the video lasts {duration_s / 60:.0f} minutes; the app reviews up to {limit_s / 60:.0f}"
            )
    with context.checker.running:  # one pose model, one check at a time
        service = context.checker.get()
        service.options = CheckOptions(height_cm=height_cm)
        checked = service.review_video(data, name) if kind is MediaKind.VIDEO else service.check_image_bytes(data, name)
        result: dict[str, Any] = checked.to_json_dict()
    return result


@router.websocket("/check/live")
async def check_live(websocket: WebSocket, breath: bool = False) -> None:
    """Send JPEG frames as binary messages; each answer is {"type": "result", "frame", "dropped_frames", "result"}.

    Frames that arrive while one is being checked replace each other: only the newest is checked.

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
    if breath:
        await _read_breath(websocket, context)
        return
    height_cm = (await run_in_threadpool(context.services.preferences.current)).height_cm
    service = await run_in_threadpool(context.checker.factory)  # its own model: tracking state is per stream
    service.options = CheckOptions(height_cm=height_cm)
    stream = await run_in_threadpool(service.live)
    started = time.monotonic()

    def check_frame(frame: bytes) -> dict[str, Any]:
        update: dict[str, Any] = stream.frame_jpeg(frame, time.monotonic() - started).to_json_dict()
        return update

    try:
        await serve_live_check(websocket, check_frame, context.limits.max_frame_bytes)
    finally:
        service.close()


class UnknownRequest(CrestError):
    """A text message the live stream does not answer."""


async def _read_breath(websocket: WebSocket, context: WebContext) -> None:
    from crest.breath.reader import BreathReader  # OpenCV: loaded with the first breath stream, not with the app

    service = await run_in_threadpool(context.checker.factory)  # its own model: tracking state is per stream
    reader = await run_in_threadpool(lambda: BreathReader(service.finder))

    def read_frame(message: bytes) -> dict[str, Any]:
        time_s, jpeg = timed_frame(message, MAX_BREATH_S)
        state = reader.frame(decode_photo(jpeg, "camera frame", VIDEO_MAX_SIDE_PX), time_s)
        return {"time_s": round(time_s, 3), "breath_state": state}

    def answer(request: dict[str, Any]) -> dict[str, Any]:
        if request.get("type") != BREATH_RESULT:
            raise UnknownRequest(f"unknown request {request.get('type')!r}; ask for {{\"type\": \"{BREATH_RESULT}\"}}")
        return {"type": BREATH_RESULT, "breath": reader.result().to_json_dict()}

    try:
        await serve_live_check(websocket, read_frame, context.limits.max_frame_bytes + TIME_PREFIX_BYTES, answer)
    finally:
        service.close()
