"""Kill a real process at every step of a journal's first start, then check that the journal opens.

Run as a script, so that the test's own threads are never forked:
  python first_start_kills.py count URL            -> {"steps": N, "schema": [...]} after a clean first start
  python first_start_kills.py kill S1 URL1 S2 URL2 ... -> one JSON line per pair: URLi's first start is SIGKILLed
                                                      just before its step Si, then the journal is opened again

A step is each SQL statement the first start sends (the migration's CREATE TABLE, CREATE INDEX, the version
row, ...) and finally its COMMIT. Each start runs in a forked child (modules imported once, here) that the kill
ends exactly as a power switch or `kill -9` would: no `finally`, no rollback from Python.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import alembic.command  # noqa: F401  imported once here rather than in every child (crest imports it on first start)
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine

from crest.journal.records import CheckIn
from crest.journal.schema import current_revision
from crest.journal.store import Journal


def _kill_at_step(step: int) -> None:
    """SIGKILL this process just before its `step`-th statement (or the commit, counted last)."""
    sent = 0

    def before_step(*_arguments: Any) -> None:
        nonlocal sent
        sent += 1
        if sent == step:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "before_cursor_execute", before_step)
    event.listen(Engine, "commit", before_step)


def _count_steps(url: str) -> int:
    sent = 0

    def count(*_arguments: Any) -> None:
        nonlocal sent
        sent += 1

    event.listen(Engine, "before_cursor_execute", count)
    event.listen(Engine, "commit", count)
    try:
        Journal.open(url).close()
    finally:
        event.remove(Engine, "before_cursor_execute", count)
        event.remove(Engine, "commit", count)
    return sent


def schema_of(url: str) -> list[str]:
    """Every table with its columns and indexes, as sorted text: equal schemas give equal lists."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            found = [f"revision {current_revision(connection)}"]
            for table in inspector.get_table_names():
                columns = ",".join(sorted(column["name"] for column in inspector.get_columns(table)))
                indexes = ",".join(sorted(str(index["name"]) for index in inspector.get_indexes(table)))
                found.append(f"{table}({columns}) [{indexes}]")
            return sorted(found)
    finally:
        engine.dispose()


def _open_and_use(url: str) -> dict[str, Any]:
    """Open the journal as the next crest command would, write a check-in and read it back."""
    try:
        with Journal.open(url) as journal:
            saved = journal.add_checkin(CheckIn(at=datetime(2026, 5, 1, 7, 0, tzinfo=UTC), note="after a kill"))
            readable = journal.get_checkin(saved).note == "after a kill"
        return {"opens": readable, "schema": schema_of(url), "error": None}
    except Exception as error:  # the report says what failed; the test shows it
        return {"opens": False, "schema": [], "error": f"{type(error).__name__}: {error}"}


def _in_child(work: Callable[[], dict[str, Any]]) -> tuple[int, str]:
    """Run `work()` in a forked child; return its exit code (minus the signal that ended it) and its report."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            outcome = json.dumps(work())
            os.write(write_end, outcome.encode())
            code = 0
        except BaseException as error:  # reported, never raised past the fork
            os.write(write_end, json.dumps({"error": repr(error)}).encode())
            code = 1
        os._exit(code)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode()


def main(arguments: list[str]) -> None:
    mode, urls = arguments[0], arguments[1:]  # kill: step and URL in turn
    if mode == "count":
        code, printed = _in_child(lambda: {"steps": _count_steps(urls[0]), "schema": schema_of(urls[0])})
        assert code == 0, printed
        print(printed)
        return
    for step_text, url in zip(urls[::2], urls[1::2], strict=True):
        step = int(step_text)

        def start_and_die(step: int = step, url: str = url) -> dict[str, Any]:
            _kill_at_step(step)
            Journal.open(url).close()
            return {"finished": True}

        def reopen(url: str = url) -> dict[str, Any]:
            return _open_and_use(url)

        code, _ = _in_child(start_and_die)
        _, reopened = _in_child(reopen)
        report = {"step": step, "killed": code == -signal.SIGKILL, **json.loads(reopened)}
        print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
