"""A crest killed between writing a file's new content and renaming it into place (kill -9 during `crest export`
or `crest report`) leaves its hidden temporary file, a copy of health data; the next write to that folder removes
it, and nothing else: not a live writer's temporary file, not another computer's recent one, not the person's own
files (`.crest-...` or not), links and folders included."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from crest import private_files
from crest.private_files import OTHER_HOST_STALE_AFTER_S, write_private_file

SRC = Path(__file__).resolve().parents[3] / "src"
# Written like `crest export` writes, killed after the content is on disk and before the rename.
KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from crest import private_files

    def killed(*_arguments):
        os.kill(os.getpid(), signal.SIGKILL)

    private_files.os.replace = killed
    private_files.write_private_file(Path(sys.argv[1]), "lower back 7/10, a note")
    """
)


def _killed_while_writing(path: Path) -> int:
    child = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(path)], env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=60
    )
    assert child.returncode == -signal.SIGKILL
    [left] = path.parent.glob(".crest-*")
    return int(left.name.removeprefix(".crest-").split("@")[0])


def test_a_write_killed_before_its_rename_leaves_a_temporary_file_the_next_write_removes(tmp_path: Path) -> None:
    pid = _killed_while_writing(tmp_path / "crest-export.json")
    [left] = tmp_path.glob(".crest-*")
    assert left.read_text() == "lower back 7/10, a note"  # health data, in a hidden file nobody knows of
    assert left.name.startswith(f".crest-{pid}@")

    write_private_file(tmp_path / "crest-report.pdf", b"%PDF")

    assert [path.name for path in tmp_path.iterdir()] == ["crest-report.pdf"]


def test_only_a_dead_writers_temporary_files_go(tmp_path: Path) -> None:
    host = socket.gethostname()
    dead = _killed_while_writing(tmp_path / "export.json")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        kept = {
            f".crest-{os.getpid()}@{host}-abcd_123",  # this process: another thread may be writing it
            f".crest-{sleeper.pid}@{host}-abcdefgh",  # a live crest, however slow its write
            ".crest-77@another-computer-abcdefgh",  # a shared folder: another computer's, written an hour ago
            ".crest-settings",  # the person's own, crest's old name shape or not
            ".crest-notes.txt",
            f"crest-{dead}@{host}-abcdefgh",
            f".crest-{dead}@{host}-abcdefgh.txt",
        }
        for name in kept:
            (tmp_path / name).write_text("mine")
        os.utime(tmp_path / ".crest-77@another-computer-abcdefgh", (time.time() - 3600,) * 2)
        (tmp_path / f".crest-{dead}@{host}-folder00").mkdir()  # a folder, a link: never crest's temporary file
        (tmp_path / f".crest-{dead}@{host}-link0000").symlink_to(tmp_path / ".crest-notes.txt")
        kept |= {f".crest-{dead}@{host}-folder00", f".crest-{dead}@{host}-link0000"}
        old = tmp_path / ".crest-78@another-computer-abcdefgh"
        old.write_text("a day and a minute old")
        os.utime(old, (time.time() - OTHER_HOST_STALE_AFTER_S - 60,) * 2)

        write_private_file(tmp_path / "export.json", "{}")

        assert {path.name for path in tmp_path.iterdir()} == {*kept, "export.json"}
        assert (tmp_path / ".crest-notes.txt").read_text() == "mine"
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_write_stopped_by_ctrl_c_before_its_rename_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_arguments: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(private_files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_private_file(tmp_path / "crest-export.json", "lower back 7/10")
    assert list(tmp_path.iterdir()) == []
