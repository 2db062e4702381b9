import wave
from pathlib import Path

from crest.sound import CHIME_RATE_HZ, Speaker, chime_samples, write_chime


def test_chime_is_soft_and_fades_out() -> None:
    samples = chime_samples(duration_s=2.0)
    assert len(samples) == 2 * CHIME_RATE_HZ
    assert max(abs(s) for s in samples) < 32767 * 0.6
    tail = samples[-CHIME_RATE_HZ // 10 :]
    assert max(abs(s) for s in tail) < max(abs(s) for s in samples) * 0.05


def test_chime_file_is_a_valid_wave(tmp_path: Path) -> None:
    path = write_chime(tmp_path / "chime.wav")
    with wave.open(str(path)) as chime:
        assert chime.getframerate() == CHIME_RATE_HZ
        assert chime.getnframes() > 0


def test_speaker_without_engine_is_silent() -> None:
    speaker = Speaker(None)
    assert not speaker.available
    speaker.say("nothing happens")
