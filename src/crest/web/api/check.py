"""The position check: an uploaded photo or video, or a live stream of camera frames over a WebSocket."""

import io
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, Depends, File, UploadFile, WebSocket
from starlette.concurrency import run_in_threadpool

from crest.errors import CrestError
from crest.journal.breath_record import MAX_BREATH_S
from crest.posture.media import VIDEO_MAX_SIDE_PX, MediaKind, VideoSource, decode_photo, sniff_kind
from crest.posture.service import Checked, CheckOptions
from crest.services.safety import ON_BACK_NOT_ADVISED
from crest.web.context import WebContext, connection_context, size_shown, web_context
from crest.web.errors import UploadTooLarge
from crest.web.live import TIME_PREFIX_BYTES, refuse_live_check, serve_live_check, timed_frame
from crest.web.pose_pool import PooledBreathStream, PooledLiveStream, PoolSlot
from crest.web.schemas import ErrorOut

READ_CHUNK_BYTES = 1024 * 1024
# Enough of the start of a file to tell a photo from a video (sniff_kind).
KIND_BYTES = 16
BREATH_RESULT = "breath_result"

router = APIRouter(tags=["position check"])
Context = Annotated[WebContext, Depends(web_context)]


class NotAPhotoOrVideo(CrestError):
    """An upload that is neither a photo nor a video crest can read."""


class VideoTooLong(CrestError):
    """A video longer than the app reviews in one go."""


@router.post(
    "/check",
    responses={409: {"model": ErrorOut}, 413: {"model": ErrorOut}, 422: {"model": ErrorOut}},
    response_description="the same object as one line of `crest check --json`; 409 while the safety answers advise "
    "resting on the side (the check is for lying on the back)",
)
async def check_upload(
    context: Context, file: Annotated[UploadFile, File(description="a photo or a video of you lying down")]
) -> dict[str, Any]:
    # async to read the upload and to wait for a pose model; the journal and the model run in the thread pool.
    # The multipart parser has spooled the upload to a temporary file: a photo is read from it into memory, a
    # video is reviewed from it where it lies.
    name = file.filename or "upload"
    head = await file.read(KIND_BYTES)
    if not head:
        raise NotAPhotoOrVideo("the file is empty; choose a photo or a video")
    kind, height_cm = await run_in_threadpool(_checkable, context, head, file.file, name)
    source: bytes | BinaryIO = file.file
    if kind is MediaKind.PHOTO:
        await file.seek(0)
        source = await _read_limited(file, context.limits.max_photo_bytes)
    async with context.poses.borrow() as slot:
        return await run_in_threadpool(_check_on, slot, source, name, height_cm)


async def _read_limited(file: UploadFile, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := await file.read(READ_CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise UploadTooLarge(f"the photo is larger than {size_shown(max_bytes)}; send a smaller one")
        chunks.append(chunk)
    return b"".join(chunks)


def _checkable(context: WebContext, head: bytes, upload: BinaryIO, name: str) -> tuple[MediaKind, int | None]:
    """What the upload is and the person's height, refusing what cannot be checked before a model is taken."""
    context.services.safety.require_may_lie_on_back()
    kind = sniff_kind(head)
    if kind is None:
        raise NotAPhotoOrVideo(f"{name}: not a photo or video crest can read (JPEG, PNG, WebP, MP4, MOV, WebM, AVI)")
    if kind is MediaKind.VIDEO:
        max_bytes = context.limits.max_video_bytes
        if upload.seek(0, io.SEEK_END) > max_bytes:
            raise UploadTooLarge(f"{name}: the video is larger than {size_shown(max_bytes)}; send a shorter one")
        with VideoSource(upload, name) as video:
            duration_s = video.info.duration_s
        limit_s = context.limits.max_video_s
        if duration_s is not None and duration_s > limit_s:
            raise VideoTooLong(
                f"{name}: the video lasts {duration_s / 60:.0f} minutes; the app reviews up to {limit_s / 60:.0f}"
            )
    return kind, context.services.preferences.current().height_cm


def _check_on(slot: PoolSlot, source: bytes | BinaryIO, name: str, height_cm: int | None) -> dict[str, Any]:
    """A photo's bytes, or a video's file."""
    service = slot.service()
    service.options = CheckOptions(height_cm=height_cm)
    if isinstance(source, bytes):
        checked: Checked = service.check_image_bytes(source, name)
    else:
        slot.tracking = None  # a video is tracked on this model too
        checked = service.review_video(source, name)
    result: dict[str, Any] = checked.to_json_dict()
    return result


@router.websocket("/check/live")
async def check_live(websocket: WebSocket, breath: bool = False) -> None:
    """Send JPEG frames as binary messages; each answer is {"type": "result", "frame", "dropped_frames", "result"}.

    Frames that arrive while one is being checked (or waits for a pose model) replace each other: only the newest
    is checked. Beyond the open streams allowed, an {"type": "error"} answer says so and the socket closes (1013).

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
        if (await run_in_threadpool(context.services.safety.standing)).side_lying_only:
            await refuse_live_check(websocket, ON_BACK_NOT_ADVISED[:1].upper() + ON_BACK_NOT_ADVISED[1:] + ".")
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
            raise UnknownRequest(f"unknown request {request.get('type')!r}; ask for {{\"type\": \"{BREATH_RESULT}\"}}")
        return {"type": BREATH_RESULT, "breath": stream.result().to_json_dict()}

    await serve_live_check(
        websocket,
        read_frame,
        context.limits.max_frame_bytes + TIME_PREFIX_BYTES,
        lambda: context.poses.borrow(stream.number),
        answer,
    )
