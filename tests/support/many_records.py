"""Journals with many sessions, as a file a person could not have made: built as text, fast, for the caps."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta

from crest.journal.records import JournalContents, PracticeSession
from crest.journal.transfer import export_bytes
from crest.journal.transfer.legacy_csv import LEGACY_COLUMNS
from crest.journal.vocabulary import SessionStatus

FIRST = datetime(2020, 1, 1, 7, 0, tzinfo=UTC)


def _start(number: int) -> datetime:
    return FIRST + timedelta(minutes=number)


def sessions(count: int, first_id: int = 1) -> JournalContents:
    """`count` sessions a minute apart, each ended early after that minute (no two overlap, as an import requires),
    with ids from `first_id`; session n always starts n minutes after FIRST."""
    return JournalContents(
        sessions=tuple(
            PracticeSession(_start(number), 10, "standard", SessionStatus.ENDED_EARLY, 60, id=number)
            for number in range(first_id, first_id + count)
        )
    )


def csv_zip_of_sessions(count: int) -> bytes:
    """The CSV zip of `count` sessions, its sessions table written row by row as text (300,000 in a second)."""
    template = export_bytes(sessions(1), "csv")
    target = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            content = source.read(name)
            if name == "sessions.csv":
                header, row, _ = content.decode("utf-8-sig").split("\r\n")
                before, _start_text, after = row.removeprefix("1,").partition(_start(1).isoformat())
                rows = (f"{number},{before}{_start(number).isoformat()}{after}" for number in range(1, count + 1))
                content = "\r\n".join([header, *rows, ""]).encode()
            out.writestr(name, content)
    return target.getvalue()


def legacy_csv_of_sessions(count: int) -> str:
    """The one-sheet CSV of older crests with `count` sessions."""
    empty = dict.fromkeys(LEGACY_COLUMNS, "")
    lines = [",".join(LEGACY_COLUMNS)]
    for number in range(1, count + 1):
        at = _start(number).isoformat()
        row = empty | {"record": "session", "id": str(number), "at": at, "planned_minutes": "10"}
        row |= {"actual_seconds": "60", "variant": "standard", "status": "ended_early", "logged": "false"}
        lines.append(",".join(row[column] for column in LEGACY_COLUMNS))
    return "\n".join(lines) + "\n"
