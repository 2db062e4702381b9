"""Write a file that holds health data: readable by its owner only, replaced in one step, nothing left behind.

The new content is written to a hidden temporary file beside the target, then renamed over it. A crest killed in
between (kill -9, a power cut) cannot remove its temporary file, so the next write to that folder does. The name
says who wrote it (`.crest-PID@HOST-XXXXXXXX`): when that process of this host no longer runs, the file is a
leftover. A pid tells at once, so the very next write cleans up, and never takes a live writer's file, however slow
its write (an age limit would do neither). Another computer's pid tells nothing here (a shared folder): only age
settles that one. The older name, `.crest-XXXXXXXX`, is left alone: it cannot be told from a person's own file.
"""

import errno
import os
import re
import socket
import stat
import tempfile
import time
from contextlib import suppress
from pathlib import Path

from crest.errors import CrestError
from crest.processes import is_running

# mkstemp's name: the prefix, the writer, a dash, then eight random characters (it draws from a-z, 0-9 and "_").
TEMPORARY_NAME = re.compile(r"\.crest-(?P<pid>[0-9]+)@(?P<host>[A-Za-z0-9._-]+)-[a-z0-9_]{8}")
# A write of crest's takes seconds; a day is far longer, and longer than two computers' clocks ever differ.
OTHER_HOST_STALE_AFTER_S = 24 * 60 * 60


class FileNotWritable(CrestError):
    """A file crest was asked to write cannot be written there."""


class FileExists(FileNotWritable):
    """A file was to be written only where none is, and one is: an earlier export or report stays as it was."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; name another file, or add --overwrite to replace it")
        self.path = path


def make_private_folder(path: Path) -> None:
    """Create `path` and any missing folder above it, each readable by its owner only whatever the umask (a folder
    lists the names of what it holds); folders that are there already are left as they are."""
    missing: list[Path] = []
    while not path.exists():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made at the same moment by another crest
        folder.chmod(0o700)  # a umask can only narrow the mode; 0700 it is, never less for its owner


def make_private_subfolder(path: Path) -> None:
    """Create the folder `path` (0700) in a folder that is there, or keep it when it is one. A missing folder above
    it is refused as write_private_file refuses one, never made: a typo in the path would make a whole tree."""
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        if path.is_dir():
            return
        raise FileNotWritable(f"{path} is a file; give a folder") from None
    except OSError as error:
        raise FileNotWritable(f"cannot write {path} ({error.strerror or error})") from None
    path.chmod(0o700)  # a umask can only narrow the mode; 0700 it is, never less for its owner


def write_private_file(
    path: Path, data: bytes | str, suggested_name: str = "crest-export", *, overwrite: bool = True
) -> None:
    """Create or replace `path` (mode 0600). Only a regular file or a new path is ever replaced: never a folder,
    a link, a pipe or a device, which could send health data somewhere the person did not mean. With
    `overwrite=False` an existing file is kept and `FileExists` raised: a person's earlier export may be the only
    copy of a journal they since lost."""
    try:
        existing = os.lstat(path)
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise FileNotWritable(f"cannot write {path} ({error.strerror or error})") from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise FileNotWritable(f"{path} is a folder; give a file name, like {path / suggested_name}")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise FileNotWritable(f"{path} is not a regular file; give the name of a new or ordinary file")
    if existing is not None and not overwrite:
        raise FileExists(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary: str | None = None
    try:
        remove_stale_temporaries(path.parent)
        descriptor, temporary = tempfile.mkstemp(prefix=f".crest-{_writer()}-", dir=path.parent)  # 0600
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _link_where_none(temporary, path)
        temporary = None
    except FileExistsError:
        raise FileExists(path) from None
    except OSError as error:
        raise FileNotWritable(f"cannot write {path} ({error.strerror or error})") from None
    finally:
        # Never leave a stray copy of health data behind: not on an error, nor on Ctrl-C (KeyboardInterrupt).
        if temporary is not None:
            with suppress(OSError):
                os.unlink(temporary)


def _link_where_none(temporary: str, path: Path) -> None:
    """Give the written file its name only if no file has it: a hard link fails on an existing name, so a file
    another program wrote there since the check above is kept too. On a disk with no hard links (FAT, some network
    shares) the check above has to do."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _file_safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


def _writer() -> str:
    return f"{os.getpid()}@{_file_safe(socket.gethostname())}"


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files a killed crest left in `folder`: only regular files of this user named as crest
    names them, whose writer no longer runs on this host, or, from another host, untouched for a day. Best effort:
    what cannot be read or removed stays, and the write goes on."""
    here = _file_safe(socket.gethostname())
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            found = TEMPORARY_NAME.fullmatch(entry.name)
            if found is None:
                continue
            with suppress(OSError):
                details = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(details.st_mode) or details.st_uid != os.getuid():
                    continue
                if found["host"] == here:
                    stale = not is_running(int(found["pid"]))
                else:
                    stale = time.time() - details.st_mtime > OTHER_HOST_STALE_AFTER_S
                if stale:
                    os.unlink(entry.path)
