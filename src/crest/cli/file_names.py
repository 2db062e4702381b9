"""Files and folders named on the command line."""

from pathlib import Path

import typer

NO_EMPTY_NAME = "give a file name, not an empty one"


def file_name(text: str) -> Path:
    """The path `text` names. An empty name (`-o "$FILE"` with FILE unset) is refused: Path("") is the current
    folder, which a command would then refuse or write into as if the user had named it."""
    if not text:
        raise typer.BadParameter(NO_EMPTY_NAME)
    return Path(text)
