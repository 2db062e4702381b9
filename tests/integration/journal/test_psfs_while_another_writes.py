"""A PSFS round deleted while another crest writes to the same journal (the web app and a terminal, say) waits its
turn and is deleted, as every other save does: it took the journal's write lock only at its delete, after reading
the round, so a write that another program committed in between made SQLite refuse it at once ("busy")."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

from crest.journal.records import PsfsActivity, PsfsAssessment
from crest.journal.store import Journal


def test_a_psfs_round_is_deleted_while_another_program_writes(tmp_path: Path) -> None:
    path = tmp_path / "crest.db"
    with Journal.open(f"sqlite:///{path}") as journal:
        round_id = journal.add_psfs(PsfsAssessment(datetime(2026, 5, 1, tzinfo=UTC), (PsfsActivity("Gardening", 4),)))
        other_writes: list[str] = []

        def another_program_writes(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
            # The round has been read; just before crest deletes it, another program saves a setting (not waiting).
            if statement.lstrip().upper().startswith("DELETE FROM PSFS_ASSESSMENTS") and not other_writes:
                with contextlib.closing(sqlite3.connect(path, timeout=0)) as other:
                    try:
                        with other:
                            other.execute("INSERT INTO settings VALUES ((SELECT min(id) FROM people), 'theme', 'dark')")
                        other_writes.append("saved")
                    except sqlite3.OperationalError as refusal:
                        other_writes.append(str(refusal))

        event.listen(journal._engine, "before_cursor_execute", another_program_writes)
        journal.delete_psfs(round_id)
        assert journal.list_psfs() == []
        # The other program met the lock crest held (it would have waited its turn had it asked to)
        assert other_writes == ["database is locked"]
