"""The committed chime is exactly what the synthesiser makes: soft, short, and ours."""

import io
import wave

from crest.sound import CHIME_DURATION_S as DURATION_S
from crest.sound import CHIME_RATE_HZ as SAMPLE_RATE_HZ
from crest.sound import synthesise_chime
from crest.web.chime import CHIME_PATH


def test_the_committed_chime_matches_the_synthesiser() -> None:
    assert CHIME_PATH.read_bytes() == synthesise_chime()


def test_the_chime_is_a_short_mono_wav_at_its_loudest_below_full_scale() -> None:
    """The page plays it at Settings' volume (normal: half of it, the chime as it always sounded)."""
    import numpy as np

    with wave.open(io.BytesIO(CHIME_PATH.read_bytes())) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, SAMPLE_RATE_HZ)
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    assert len(samples) == int(DURATION_S * SAMPLE_RATE_HZ)
    assert 0.85 * 32767 < np.abs(samples).max() < 0.95 * 32767
    assert abs(int(samples[0])) < 100 and abs(int(samples[-1])) < 100  # no click at either end
