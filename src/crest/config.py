"""Where crest keeps its data: `$CREST_HOME`, else the platform's user data directory."""

import os
import tempfile
from pathlib import Path

from crest.errors import CrestError
from crest.private_files import make_private_folder

DATABASE_FILE_NAME = "crest.db"


class HomeNotWritable(CrestError):
    """The data folder cannot be created or written."""


def crest_home() -> Path:
    configured = os.environ.get("CREST_HOME")
    if configured:
        try:
            return Path(configured).expanduser()
        except RuntimeError:  # ~someone/..., and there is no user `someone` here
            user = configured.partition("/")[0].removeprefix("~")
            raise HomeNotWritable(
                f"CREST_HOME is {configured}, but there is no user {user} on this computer; give the folder's full path"
            ) from None
    import platformdirs  # imported here so that `crest --help` stays fast

    return platformdirs.user_data_path("crest", appauthor=False)


def ensure_home() -> Path:
    """Create the data folder, private to the user, and prove it is writable."""
    home = crest_home()
    try:
        make_private_folder(home)
        # A name of its own (owner-only, as mkstemp makes it): with one shared name, two crests starting together
        # (the web app and a terminal) removed each other's probe and one said the folder was not writable.
        handle, probe = tempfile.mkstemp(prefix=".write-test-", dir=home)
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise HomeNotWritable(
            f"cannot write to the data folder {home} ({error.strerror or error}); to reach your journal, copy that "
            "folder to one you can write to and set CREST_HOME to the copy"
        ) from error
    return home


def database_url() -> str:
    """`CREST_DATABASE_URL` if set (PostgreSQL for a shared server), else SQLite in the data folder."""
    configured = os.environ.get("CREST_DATABASE_URL")
    if configured:
        return configured
    journal = crest_home() / DATABASE_FILE_NAME
    if journal.is_file() and not os.access(journal.parent, os.W_OK):
        return f"sqlite:///{journal}"  # a folder crest may only read (a backup's): its journal is opened to read only
    return f"sqlite:///{ensure_home() / DATABASE_FILE_NAME}"
