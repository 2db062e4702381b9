"""Write a file that holds health data: readable by its owner only, replaced in one step, nothing left behind."""

import os
import stat
import tempfile
from pathlib import Path

from crest.errors import CrestError


class FileNotWritable(CrestError):
    """A file crest was asked to write cannot be written there."""


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


def write_private_file(path: Path, data: bytes | str, suggested_name: str = "crest-export") -> None:
    """Create or replace `path` (mode 0600). Only a regular file or a new path is ever replaced: never a folder,
    a link, a pipe or a device, which could send health data somewhere the person did not mean."""
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
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary: str | None = None
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".crest-", dir=path.parent)  # created 0600
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)  # never leave a stray copy of health data behind
        raise FileNotWritable(f"cannot write {path} ({error.strerror or error})") from None
