"""Offline sound: cues spoken by espeak-ng and a soft synthesised chime, both optional.

Nothing here is required for a session: with no speech engine or no audio player, crest stays silent.
"""

import io
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Mapping
from pathlib import Path

CHIME_RATE_HZ = 22_050
CHIME_DURATION_S = 2.5
# A bowl-like tone: a low fundamental with a few quieter, slightly inharmonic partials that fade faster.
CHIME_PARTIALS = ((432.0, 1.0, 1.6), (864.0 * 1.003, 0.35, 1.1), (1296.0 * 1.007, 0.12, 0.7), (2160.0, 0.05, 0.4))
CHIME_LOUDEST_PEAK = 0.9  # the chime at its loudest stays below full scale: no clipping in any player
# Each volume Settings offer, as a share of the loudest: normal is how crest always chimed (a peak of 0.45, well
# below full scale: the person is lying quietly with eyes closed); quiet for a small room, loud for a noisy one.
CHIME_VOLUMES: Mapping[str, float] = {"quiet": 0.25, "normal": 0.5, "loud": 1.0}
CHIME_ATTACK_S = 0.02
CHIME_FADE_S = 0.5
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
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def synthesise_chime(volume: float = 1.0) -> bytes:
    """The soft chime as a mono 16-bit WAV file: a bowl-like tone that fades out without a click, at `volume` (a
    share of the loudest, `CHIME_VOLUMES`)."""
    import numpy as np

    times_s = np.arange(int(CHIME_RATE_HZ * CHIME_DURATION_S)) / CHIME_RATE_HZ
    signal = np.zeros_like(times_s)
    for frequency_hz, amplitude, decay_s in CHIME_PARTIALS:
        signal += amplitude * np.exp(-times_s / decay_s) * np.sin(2 * np.pi * frequency_hz * times_s)
    signal *= np.minimum(times_s / CHIME_ATTACK_S, 1.0)  # no click at the start
    signal *= np.clip((CHIME_DURATION_S - times_s) / CHIME_FADE_S, 0.0, 1.0)  # nor at the end
    signal *= CHIME_LOUDEST_PEAK * volume / np.max(np.abs(signal))
    samples = np.round(signal * 32767).astype("<i2")

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(CHIME_RATE_HZ)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def play_chime(volume: float = CHIME_VOLUMES["normal"]) -> bool:
    """Play the chime at `volume` with the first audio player found; False when none is installed."""
    for player in AUDIO_PLAYERS:
        if shutil.which(player[0]) is None:
            continue
        with tempfile.TemporaryDirectory(prefix="crest-chime-") as folder:
            chime = Path(folder) / "chime.wav"
            chime.write_bytes(synthesise_chime(volume))
            subprocess.run(
                [*player, str(chime)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=10,
                check=False,
            )
        return True
    return False
