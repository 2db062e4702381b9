"""How long a large `crest import --merge` holds the journal's write lock, which other crest processes (the local
web app's 5 s busy wait) must wait out.

A journal of a year's records is merged with an export of SESSIONS sessions and as many check-ins (20,000 records
by default, each check-in with two pain ratings, a sensation and a note), run as a real `crest import --merge`
process. A probe in this process asks for the write lock every few milliseconds, as another crest would, and
records the longest it had to wait: about how long the import held the lock at once (to SQLite's busy-wait steps of
up to 0.1 s). Prints that, the import's whole time, and whether every record arrived.

    .venv/bin/python bench/import_lock.py [--sessions 10000]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from crest.journal.records import CheckIn, JournalContents, PainRating, PracticeSession  # noqa: E402
from crest.journal.store import Journal  # noqa: E402
from crest.journal.transfer import export_text  # noqa: E402
from crest.journal.vocabulary import CheckInTiming, Region, Sensation, SessionStatus, Side  # noqa: E402

HELD_SESSIONS = 1000  # the journal merged into holds rests already, in the days after the file's
APART = timedelta(hours=8)  # three rests a day


def contents(start: datetime, sessions: int, first: int = 0) -> JournalContents:
    """`sessions` rests eight hours apart, the first `first` rests after `start`, each with a check-in after it."""
    numbers = range(first, first + sessions)
    return JournalContents(
        sessions=tuple(
            PracticeSession(start + number * APART, 15, "standard", SessionStatus.COMPLETED, 900, id=number + 1)
            for number in numbers
        ),
        check_ins=tuple(
            CheckIn(
                start + number * APART + timedelta(minutes=16),
                CheckInTiming.AFTER,
                session_id=number + 1,
                pain=(PainRating(Region.HIP, 3, Side.LEFT), PainRating(Region.KNEE, 2, Side.RIGHT)),
                sensations=frozenset({Sensation.WARMTH}),
                note=f"rest {number}",
                id=number + 1,
            )
            for number in numbers
        ),
    )


class LockProbe(threading.Thread):
    """Asks for the write lock as another crest would, and keeps the longest wait."""

    def __init__(self, database: Path) -> None:
        super().__init__(daemon=True)
        self._connection = sqlite3.connect(database, timeout=600, isolation_level=None, check_same_thread=False)
        self.longest_wait_s = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            started = time.perf_counter()
            self._connection.execute("BEGIN IMMEDIATE")
            self.longest_wait_s = max(self.longest_wait_s, time.perf_counter() - started)
            self._connection.execute("ROLLBACK")
            time.sleep(0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000, help="sessions in the file, and as many check-ins")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crest-import-lock-") as folder:
        home = Path(folder) / "home"
        home.mkdir()
        export = Path(folder) / "export.json"
        start = datetime(2000, 1, 1, 7, 0, tzinfo=UTC)  # the file's rests and the journal's all lie in the past
        if start + (arguments.sessions + HELD_SESSIONS) * APART > datetime.now(UTC):
            parser.error(f"--sessions {arguments.sessions}: too many rests 8 hours apart since {start:%Y}")
        export.write_text(export_text(contents(start, arguments.sessions), "json"), encoding="utf-8")
        database = home / "crest.db"
        with Journal.open(f"sqlite:///{database}") as journal:
            journal.import_contents(contents(start, HELD_SESSIONS, first=arguments.sessions))
        probe = LockProbe(database)
        probe.start()
        started = time.perf_counter()
        environment = {**os.environ, "CREST_HOME": str(home)}
        done = subprocess.run(
            [sys.executable, "-m", "crest", "import", str(export), "--merge"],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        whole_s = time.perf_counter() - started
        time.sleep(0.2)  # a last probe after the import let go
        probe.stop.set()
        probe.join()
        print(*(text for text in (done.stdout.strip(), done.stderr.strip()) if text), sep="\n")
        with Journal.open(f"sqlite:///{database}") as journal:
            held = journal.export_contents()
        expected = arguments.sessions + HELD_SESSIONS
        arrived = len(held.sessions) == expected and len(held.check_ins) == expected
        print(
            f"{arguments.sessions * 2} records merged in {whole_s:.1f} s; write lock held at most "
            f"{probe.longest_wait_s:.2f} s at once; every record arrived: {arrived}"
        )


if __name__ == "__main__":
    main()
