"""Import reads only a regular file of sane size; export writes only a regular file or a new path (issue 9.7).

`crest import /dev/zero` used to read until memory ran out and `crest import FIFO` to wait forever; each real
`crest` here runs with a memory ceiling and a timeout, so a regression fails instead of hurting the machine.
"""

from __future__ import annotations

import os
import resource
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crest.journal.records import JournalContents
from crest.journal.transfer import MAX_IMPORT_BYTES, InvalidImportFile, export_text, read_export_file
from crest.private_files import FileNotWritable, write_private_file

SRC = Path(__file__).resolve().parents[3] / "src"
MEMORY_CEILING_BYTES = 2 * 1024**3


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING_BYTES, MEMORY_CEILING_BYTES))


def _crest(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "CREST_HOME": str(home), "PYTHONPATH": str(SRC)}
    environment.pop("CREST_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "crest", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=30,
        stdin=subprocess.DEVNULL,
        preexec_fn=_limited,
    )


def _assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    return path


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A character device: a private copy of /dev/null where this user may make one, else /dev/null itself
    (which only root could replace, and root may make the copy)."""
    path = tmp_path / "null"
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        return Path(os.devnull)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        yield path


def test_crest_import_refuses_dev_zero_and_a_fifo_at_once(tmp_path: Path, fifo: Path) -> None:
    home = tmp_path / "home"
    _assert_refused(_crest(home, "import", "/dev/zero"), "/dev/zero", "not a regular file")
    _assert_refused(_crest(home, "import", str(fifo)), "not a regular file")


def test_import_refuses_a_folder_and_a_file_larger_than_any_export(tmp_path: Path) -> None:
    with pytest.raises(InvalidImportFile, match="is a folder"):
        read_export_file(tmp_path)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: nothing is written to the disk
    with pytest.raises(InvalidImportFile, match="larger than"):
        read_export_file(huge)


def test_import_follows_a_link_to_a_regular_file(tmp_path: Path) -> None:
    contents = JournalContents(settings={"theme": "dark"})
    export = tmp_path / "journal.json"
    export.write_text(export_text(contents, "json"), encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(export)
    assert read_export_file(link) == contents


def test_crest_export_never_replaces_a_fifo(tmp_path: Path, fifo: Path) -> None:
    _assert_refused(_crest(tmp_path / "home", "export", "-o", str(fifo)), "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_export_never_replaces_a_link_a_socket_or_a_device(tmp_path: Path, device: Path, unix_socket: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_text("mine")
    link = tmp_path / "link.json"
    link.symlink_to(kept)
    for target, kind in ((device, stat.S_ISCHR), (unix_socket, stat.S_ISSOCK), (link, stat.S_ISLNK)):
        with pytest.raises(FileNotWritable, match="not a regular file"):
            write_private_file(target, "{}")
        assert kind(os.lstat(target).st_mode)
    assert kept.read_text() == "mine"
    assert list(tmp_path.glob(".crest-*")) == []
