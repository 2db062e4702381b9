"""The soft chime that ends a session, synthesised here so that crest ships no third-party sound.

Run `python -m crest.web.chime` to rewrite `static/chime.wav`; a test checks that the committed file matches.
"""

import io
import wave
from pathlib import Path

SAMPLE_RATE_HZ = 22_050
DURATION_S = 2.5
# A bowl-like tone: a low fundamental with a few quieter, slightly inharmonic partials that fade faster.
PARTIALS = ((432.0, 1.0, 1.6), (864.0 * 1.003, 0.35, 1.1), (1296.0 * 1.007, 0.12, 0.7), (2160.0, 0.05, 0.4))
PEAK_LEVEL = 0.45  # well below full scale: the person is lying quietly with eyes closed
ATTACK_S = 0.02

CHIME_PATH = Path(__file__).parent / "static" / "chime.wav"


def synthesise_chime() -> bytes:
    """The chime as a mono 16-bit WAV file."""
    import numpy as np

    times_s = np.arange(int(SAMPLE_RATE_HZ * DURATION_S)) / SAMPLE_RATE_HZ
    signal = np.zeros_like(times_s)
    for frequency_hz, amplitude, decay_s in PARTIALS:
        signal += amplitude * np.exp(-times_s / decay_s) * np.sin(2 * np.pi * frequency_hz * times_s)
    signal *= np.minimum(times_s / ATTACK_S, 1.0)  # no click at the start
    fade_out = np.clip((DURATION_S - times_s) / 0.3, 0.0, 1.0)  # nor at the end
    signal *= fade_out
    signal *= PEAK_LEVEL / np.max(np.abs(signal))
    samples = np.round(signal * 32767).astype("<i2")

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE_HZ)
        wav.writeframes(samples.tobytes())
    return buffer.getvalue()


if __name__ == "__main__":
    CHIME_PATH.write_bytes(synthesise_chime())
    print(f"wrote {CHIME_PATH}")
