"""Before an update changes a SQLite journal: is it open in another program, such as a crest from before the update?

A crest that was started before the update (a `crest serve` with its tab open, a terminal) keeps the journal open
with the old code: once the journal's tables have changed under it, saving a check-in there fails with a database
error and its Safety page cannot be read. So an update waits until nothing else has the file open.

Open files are read from Linux's /proc, of the processes this user may see; where there is none (macOS, Windows)
this cannot tell, and the update goes ahead as before.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crest.errors import CrestError
from crest.shortening import shortened

_PROCESSES = Path("/proc")
_JOURNAL_FILE_SUFFIXES = ("", "-wal", "-shm")  # the database and SQLite's companions, never crest's lock files


class JournalOpenElsewhere(CrestError):
    """An update that would change the journal under another program that has it open; nothing was changed."""


@dataclass(frozen=True)
class OtherProgram:
    process_id: int
    command: str


def refuse_update_while_open_elsewhere(database_file: Path, where: str) -> None:
    """Raise `JournalOpenElsewhere`, naming the first other program that has `database_file` open."""
    other = next(programs_with_open(database_file), None)
    if other is not None:
        raise JournalOpenElsewhere(
            f"this version of crest must update the journal at {where}, but another program has it open: "
            f"{other.command} (process {other.process_id}). If it is a crest from before the update (crest serve, "
            "a rest in another terminal), close it, then start crest again; nothing was changed"
        )


def programs_with_open(database_file: Path) -> Iterator[OtherProgram]:
    """Every other process of this user that has the database (or its WAL) open; none where /proc is missing."""
    journal_files = {str(database_file.resolve()) + suffix for suffix in _JOURNAL_FILE_SUFFIXES}
    if not _PROCESSES.is_dir():
        return
    for entry in _PROCESSES.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        if journal_files & _open_files(entry):
            yield OtherProgram(int(entry.name), _command(entry))


def _open_files(process: Path) -> set[str]:
    try:  # another user's process, or one that ended meanwhile: nothing to read
        descriptors = list((process / "fd").iterdir())
    except OSError:
        return set()
    files = set()
    for descriptor in descriptors:
        try:
            files.add(os.readlink(descriptor))
        except OSError:
            continue
    return files


def _command(process: Path) -> str:
    try:
        words = (process / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return "a program"
    command = " ".join(word.decode(errors="replace") for word in words if word)
    return shortened(command, 120) or "a program"
