import io
import wave

from crest.sound import CHIME_RATE_HZ, Speaker, synthesise_chime


def chime_samples() -> list[int]:
    with wave.open(io.BytesIO(synthesise_chime())) as chime:
        frames = chime.readframes(chime.getnframes())
    return [int.from_bytes(frames[i : i + 2], "little", signed=True) for i in range(0, len(frames), 2)]


def test_chime_is_soft_and_fades_out() -> None:
    samples = chime_samples()
    assert len(samples) >= 2 * CHIME_RATE_HZ
    assert max(abs(s) for s in samples) < 32767 * 0.6
    tail = samples[-CHIME_RATE_HZ // 10 :]
    assert max(abs(s) for s in tail) < max(abs(s) for s in samples) * 0.05


def test_chime_file_is_a_valid_wave() -> None:
    with wave.open(io.BytesIO(synthesise_chime())) as chime:
        assert chime.getframerate() == CHIME_RATE_HZ
        assert chime.getnframes() > 0


def test_speaker_without_engine_is_silent() -> None:
    speaker = Speaker(None)
    assert not speaker.available
    speaker.say("nothing happens")
