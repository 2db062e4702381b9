"""The live check: frames from a camera, a verdict per frame, corrections shown (and spoken) once they hold.

The loop (`run_live`) knows only small interfaces, so tests drive it with an injected frame source, clock,
output and speaker; the OpenCV camera, the OpenCV window and espeak-ng are the real implementations. Frames
are analysed in memory and never stored.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, TextIO

from crest.errors import CrestError
from crest.posture.media import VIDEO_MAX_SIDE_PX, fit_within
from crest.posture.result import CheckResult
from crest.posture.service import LiveCheck, LiveUpdate

if TYPE_CHECKING:
    from crest.posture.media import RgbImage

# The same correction is not spoken again within this time, even if it went away and came back.
SPEAK_AGAIN_AFTER_S = 30.0
WINDOW_TITLE = "crest: position check (press q to stop)"


class CameraUnavailable(CrestError):
    """No camera at the given index, or it gives no pictures."""


class DisplayUnavailable(CrestError):
    """No screen to open a window on."""


class FrameSource(Protocol):
    def frames(self) -> Iterator[RgbImage]: ...

    def close(self) -> None: ...


class LiveOutput(Protocol):
    def show(self, image_rgb: RgbImage, update: LiveUpdate) -> bool:
        """Present one update; False when the person asked to stop."""
        ...

    def close(self) -> None: ...


class Speaker(Protocol):
    def say(self, text: str) -> None: ...


class OpenCvCamera:
    """A camera by index (0 is the default camera); frames come out as RGB, at most 640 px wide."""

    def __init__(self, index: int = 0) -> None:
        import cv2

        self.index = index
        self._capture = cv2.VideoCapture(index)
        ok = self._capture.isOpened()
        first = self._capture.read()[1] if ok else None
        if first is None:
            self._capture.release()
            raise CameraUnavailable(
                f"no camera found at index {index}; connect one or choose another with --camera INDEX"
            )
        self._first = first

    def frames(self) -> Iterator[RgbImage]:
        import cv2
        import numpy as np

        ok, bgr = True, self._first
        while ok and bgr is not None:
            small = fit_within(np.asarray(bgr, dtype=np.uint8), VIDEO_MAX_SIDE_PX)
            yield np.asarray(cv2.cvtColor(small, cv2.COLOR_BGR2RGB), dtype=np.uint8)
            ok, bgr = self._capture.read()

    def close(self) -> None:
        self._capture.release()


class OpenCvWindow:
    """The annotated picture in a window; q or Esc (or closing the window) stops."""

    def __init__(self) -> None:
        import os

        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            raise DisplayUnavailable("there is no screen to show the camera window on; use --json to stream results")
        self._opened = False

    def show(self, image_rgb: RgbImage, update: LiveUpdate) -> bool:
        import cv2

        from crest.breath.words import state_label as breath_state_label
        from crest.posture.overlay import annotate

        headline = update.nobody_advice if update.result is None else None
        # With the breath, a quiet line says that it is being read, or what is in the way; never a number.
        notes = () if update.breath_state is None else (breath_state_label(update.breath_state),)
        picture = annotate(image_rgb, shown_result(update), statuses=update.stable, headline=headline, notes=notes)
        try:
            cv2.imshow(WINDOW_TITLE, cv2.cvtColor(picture, cv2.COLOR_RGB2BGR))
            key = cv2.waitKey(1) & 0xFF
        except cv2.error as error:
            raise DisplayUnavailable("the camera window cannot be opened here; use --json to stream results") from error
        if self._opened and cv2.getWindowProperty(WINDOW_TITLE, cv2.WND_PROP_VISIBLE) < 1:
            return False
        self._opened = True
        return key not in (ord("q"), 27)

    def close(self) -> None:
        import cv2

        if self._opened:
            cv2.destroyWindow(WINDOW_TITLE)


def shown_result(update: LiveUpdate) -> CheckResult | None:
    """The frame's result with each held correction's advice in place of a passing flicker to ok, under the summary
    that has held."""
    if update.result is None:
        return None
    corrections = {correction.name: correction for correction in update.corrections}
    criteria = tuple(corrections.get(criterion.name, criterion) for criterion in update.result.criteria)
    return replace(update.result, criteria=criteria, summary=update.held_summary or update.result.summary)


class JsonLines:
    """Headless output: one JSON object per checked frame."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdout

    def show(self, image_rgb: RgbImage, update: LiveUpdate) -> bool:
        self._stream.write(json.dumps(update.to_json_dict(), ensure_ascii=False) + "\n")
        self._stream.flush()
        return True

    def close(self) -> None:
        self._stream.flush()


class EspeakSpeaker:
    """Speaks through espeak-ng without waiting; a new utterance is dropped while one still plays."""

    def __init__(self, executable: str) -> None:
        self._executable = executable
        self._playing: subprocess.Popen[bytes] | None = None

    @classmethod
    def find(cls) -> EspeakSpeaker | None:
        executable = shutil.which("espeak-ng")
        return None if executable is None else cls(executable)

    def say(self, text: str) -> None:
        if self._playing is not None and self._playing.poll() is None:
            return
        self._playing = subprocess.Popen(
            [self._executable, "-s", "150", text], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )


class CorrectionVoice:
    """Which corrections to speak: each newly stable one, but the same one not again too soon."""

    def __init__(self, speaker: Speaker, again_after_s: float = SPEAK_AGAIN_AFTER_S) -> None:
        self._speaker = speaker
        self._again_after_s = again_after_s
        self._spoken_at_s: dict[str, float] = {}

    def hear(self, update: LiveUpdate) -> None:
        texts = []
        for correction in update.new_corrections:
            last_s = self._spoken_at_s.get(correction.name)
            if not correction.advice or (last_s is not None and update.time_s - last_s < self._again_after_s):
                continue
            self._spoken_at_s[correction.name] = update.time_s
            texts.append(correction.advice)
        if texts:
            self._speaker.say(" ".join(texts))


def run_live(
    source: FrameSource,
    live: LiveCheck,
    output: LiveOutput,
    clock: Callable[[], float],
    voice: CorrectionVoice | None = None,
) -> int:
    """Check frames until the source ends or the output asks to stop; returns the number of frames checked.
    Times are seconds since the first frame (a monotonic clock's own zero is anywhere: the breath's movements were
    said at 'at 13:51:40', the machine's uptime)."""
    checked = 0
    started_s: float | None = None
    try:
        for image_rgb in source.frames():
            now_s = clock()
            started_s = now_s if started_s is None else started_s
            update = live.frame(image_rgb, now_s - started_s)
            checked += 1
            if voice is not None:
                voice.hear(update)
            if not output.show(image_rgb, update):
                break
    finally:
        source.close()
        output.close()
    return checked
