"""The chime's volume in Settings is the terminal's too: the chime it plays is written at that volume (walk_a11y L6:
the chime had no volume of its own, only the device's)."""

import io
import subprocess
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from crest.journal.store import Journal
from crest.services.preferences import PreferencesStore
from crest.sound import CHIME_VOLUMES, synthesise_chime

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def _peak(wav: bytes) -> int:
    with wave.open(io.BytesIO(wav)) as chime:
        return int(np.abs(np.frombuffer(chime.readframes(chime.getnframes()), dtype="<i2")).max())


@pytest.mark.usefixtures("safety_answered")
@pytest.mark.parametrize("volume", ["quiet", "normal", "loud"])
def test_the_terminal_chimes_at_the_volume_in_settings(
    run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path, volume: str
) -> None:
    programs = tmp_path / "bin"  # the only program crest finds: an audio player that keeps what it was given
    programs.mkdir()
    played = tmp_path / "played.wav"
    player = programs / "aplay"
    player.write_text(f'#!/bin/sh\n/bin/cp "$2" {played}\n')  # aplay -q FILE
    player.chmod(0o700)
    with Journal.open() as journal:
        settings = PreferencesStore(journal)
        settings.save(settings.current().model_copy(update={"chime_volume": volume}))
    crest_env["PATH"] = str(programs)
    result = run_crest("session", "--minutes", "5", "--speed", "300", "--yes", "--no-checkin")
    assert result.returncode == 0, result.stderr
    assert _peak(played.read_bytes()) == _peak(synthesise_chime(CHIME_VOLUMES[volume]))
    if volume == "normal":  # as crest always chimed: a peak of 0.45 of full scale
        assert abs(_peak(played.read_bytes()) - round(0.45 * 32767)) <= 1
