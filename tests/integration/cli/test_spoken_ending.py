import time
from io import StringIO
from pathlib import Path

from rich.console import Console

from crest.cli import guided_session
from crest.protocol import load_protocol
from crest.sound import Speaker


def test_the_ending_is_spoken_whole_as_one_utterance(tmp_path: Path) -> None:
    spoken = tmp_path / "spoken.txt"
    engine = tmp_path / "fake-espeak"
    engine.write_text(f'#!/bin/sh\nfor last; do :; done\necho "$last" >> {spoken}\n')
    engine.chmod(0o755)
    crp = load_protocol()

    guided_session._coming_up(crp.ending_for("standard"), Speaker(str(engine)), Console(file=StringIO()))

    # The shell creates the file before echo writes to it: wait for the whole line, not the file.
    deadline = time.monotonic() + 10
    while not (spoken.exists() and spoken.read_text().endswith("\n")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert spoken.read_text().splitlines() == [" ".join(part.text for part in crp.ending)]
