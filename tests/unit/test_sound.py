import io
import wave

from crest.sound import CHIME_RATE_HZ, CHIME_VOLUMES, Speaker, synthesise_chime


def chime_samples(volume: float = CHIME_VOLUMES["normal"]) -> list[int]:
    with wave.open(io.BytesIO(synthesise_chime(volume))) as chime:
        frames = chime.readframes(chime.getnframes())
    return [int.from_bytes(frames[i : i + 2], "little", signed=True) for i in range(0, len(frames), 2)]


def test_chime_is_soft_and_fades_out() -> None:
    samples = chime_samples()
    assert len(samples) >= 2 * CHIME_RATE_HZ
    assert max(abs(s) for s in samples) < 32767 * 0.6
    tail = samples[-CHIME_RATE_HZ // 10 :]
    assert max(abs(s) for s in tail) < max(abs(s) for s in samples) * 0.05


def test_each_volume_is_the_same_chime_quieter_or_louder() -> None:
    """Settings' chime volume (walk_a11y L6): normal is the chime as it always was, a peak of 0.45 of full scale;
    loud stays below full scale, so that no player clips it."""
    peaks = {volume: max(abs(s) for s in chime_samples(share)) for volume, share in CHIME_VOLUMES.items()}
    assert peaks["quiet"] < peaks["normal"] < peaks["loud"] < 32767 * 0.95
    assert abs(peaks["normal"] - round(32767 * 0.45)) <= 1
    loud, normal = chime_samples(CHIME_VOLUMES["loud"]), chime_samples(CHIME_VOLUMES["normal"])
    assert max(abs(a - 2 * b) for a, b in zip(loud, normal, strict=True)) <= 1  # the same sound, twice as loud


def test_chime_file_is_a_valid_wave() -> None:
    with wave.open(io.BytesIO(synthesise_chime())) as chime:
        assert chime.getframerate() == CHIME_RATE_HZ
        assert chime.getnframes() > 0


def test_speaker_without_engine_is_silent() -> None:
    speaker = Speaker(None)
    assert not speaker.available
    speaker.say("nothing happens")
