"""Offline sound: cues spoken by espeak-ng and a soft synthesised chime, both optional.

Nothing here is required for a session: with no speech engine or no audio player, crest stays silent.
"""

import math
import shutil
import struct
import subprocess
import tempfile
import wave
from pathlib import Path

CHIME_RATE_HZ = 22050
AUDIO_PLAYERS: tuple[tuple[str, ...], ...] = (
    ("paplay",),
    ("pw-play",),
    ("aplay", "-q"),
    ("afplay",),
    ("ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"),
)


class Speaker:
    """Speaks short cues without blocking the session, if espeak-ng is installed."""

    def __init__(self, executable: str | None) -> None:
        self._executable = executable
        self._speaking: subprocess.Popen[bytes] | None = None

    @classmethod
    def find(cls) -> "Speaker":
        return cls(shutil.which("espeak-ng") or shutil.which("espeak"))

    @property
    def available(self) -> bool:
        return self._executable is not None

    def say(self, text: str) -> None:
        if self._executable is None:
            return
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()  # a newer cue replaces one still being spoken
        # A slow, low voice: the listener is lying down with their eyes closed.
        self._speaking = subprocess.Popen(
            [self._executable, "-s", "135", "-p", "40", text],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )


def chime_samples(duration_s: float = 2.5, rate_hz: int = CHIME_RATE_HZ) -> list[int]:
    """A soft bell: two gentle partials with a slow exponential fade, as 16-bit samples."""
    partials = ((528.0, 0.55), (792.0, 0.2), (1056.0, 0.08))
    samples = []
    for index in range(int(duration_s * rate_hz)):
        t = index / rate_hz
        attack = min(1.0, t / 0.02)
        level = attack * math.exp(-2.2 * t) * sum(gain * math.sin(2 * math.pi * hz * t) for hz, gain in partials)
        samples.append(int(max(-1.0, min(1.0, level * 0.5)) * 32767))
    return samples


def write_chime(path: Path) -> Path:
    samples = chime_samples()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(CHIME_RATE_HZ)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return path


def play_chime() -> bool:
    """Play the chime with the first audio player found; False when none is installed."""
    for player in AUDIO_PLAYERS:
        if shutil.which(player[0]) is None:
            continue
        with tempfile.TemporaryDirectory(prefix="crest-chime-") as folder:
            chime = write_chime(Path(folder) / "chime.wav")
            subprocess.run(
                [*player, str(chime)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, timeout=10, check=False,
            )
        return True
    return False
