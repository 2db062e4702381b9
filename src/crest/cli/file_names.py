"""Files and folders named on the command line."""

from pathlib import Path
from typing import Annotated

import typer

NO_EMPTY_NAME = "give a file name, not an empty one"
NO_NUL_CHARACTER = "a file name cannot hold a NUL character (\\0)"


def name_problem(text: str) -> str | None:
    """Why `text` cannot name a file, or None. An empty name (`-o "$FILE"` with FILE unset) is the current folder
    to Path(""), which a command would then refuse or write into as if the user had named it; a NUL character no
    system accepts in a name (Python raises ValueError there, not the OSError a command answers in words)."""
    if not text:
        return NO_EMPTY_NAME
    if "\0" in text:
        return NO_NUL_CHARACTER
    return None


def file_name(text: str) -> Path:
    """The path `text` names, refused in one line when it cannot name a file (`name_problem`)."""
    problem = name_problem(text)
    if problem is not None:
        raise typer.BadParameter(problem)
    return Path(text)


# A file crest writes on request (an export, a report, a calendar file) keeps an existing file of that name unless
# the person says otherwise: an earlier export may be the only copy of a journal since lost.
Overwrite = Annotated[
    bool, typer.Option("--overwrite", help="Replace the file if it exists (kept and refused otherwise).")
]
