"""New, empty journals made by copying one that crest created once per test session: opening a new journal runs
every migration since the first, most of the time a test's app takes to start, and a copy of an empty journal at
the current schema is the same empty journal. Tests of what opening a new or an older journal does open their own
(tests/integration/journal, from `journal_url`)."""

import shutil
from pathlib import Path

JOURNAL_NAME = "crest.db"


def create_journal(folder: Path) -> Path:
    """An empty SQLite journal as crest creates it in `folder`: the database and its companion, the migration lock."""
    from crest.journal.store import Journal  # here: every test's conftest imports this module, the unit tests' too

    Journal.open(f"sqlite:///{folder / JOURNAL_NAME}").close()
    return folder


def copy_journal(created: Path, database: Path) -> str:
    """The journal `create_journal` made, copied with its files' modes to the file `database` (its companions
    beside it, named after it): the copy's URL."""
    for companion in created.iterdir():
        shutil.copy2(companion, database.with_name(database.name + companion.name.removeprefix(JOURNAL_NAME)))
    return f"sqlite:///{database}"
