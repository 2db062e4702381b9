"""Kill crest at random moments and count what the next start finds (issue 9): goal 0 for every figure.

Three scenarios, each run a bounded number of times, every kill a SIGKILL of a real `crest` process at a moment
drawn uniformly over how long the command takes when left alone (measured first, in the same run):
- sessions: `crest session` in one journal that grows run after run; earlier rows must stay as they were, and the
  killed session must be a finished record (interrupted, completed or ended early) once the next start recovers it;
- first start: `crest log` on a new journal, killed anywhere after its journal file appeared (schema creation
  included); the journal must open, and hold the check-in whole or not at all (whole if the command saved it);
- import: `crest import` of a journal of many rows into a new journal; all of it or none of it.

Prints per scenario: runs, kills that landed before the command ended, journals that would not open, rows lost,
rows half-written.

    python bench/faults.py [--runs 20] [--import-check-ins 5000] [--seed 9]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from crest.journal.records import CheckIn, JournalContents, PainRating, PracticeSession  # noqa: E402
from crest.journal.store import Journal  # noqa: E402
from crest.journal.transfer import export_text  # noqa: E402
from crest.safety.screen import QUESTIONS  # noqa: E402
from crest.services.bundle import Services  # noqa: E402

SESSION = ["session", "--minutes", "5", "--speed", "100", "--yes", "--no-checkin"]
FIRST_LOG = ["log", "--pain", "hip:left=3", "--sensation", "warmth", "--note", "first start"]


@dataclass
class Tally:
    runs: int = 0
    killed: int = 0
    not_opened: int = 0
    lost: int = 0
    half_written: int = 0

    def line(self, name: str) -> str:
        return (
            f"{name:<12} runs {self.runs:>3}  killed before the end {self.killed:>3}  journals that would not open "
            f"{self.not_opened}  rows lost {self.lost}  rows half-written {self.half_written}"
        )


def _crest(
    home: Path, arguments: list[str], kill_after_s: float | None, counting_from: Path | None = None
) -> tuple[int, float, bool]:
    """Run crest; SIGKILL it `kill_after_s` after it started (or after `counting_from` appeared) if it still runs.

    Returns the exit code, the seconds it took (from `counting_from` appearing, if given) and whether it was killed.
    """
    code, duration_s, killed, _ = _crest_watching(home, arguments, kill_after_s, counting_from)
    return code, duration_s, killed


def _crest_watching(
    home: Path, arguments: list[str], kill_after_s: float | None, counting_from: Path | None = None
) -> tuple[int, float, bool, float | None]:
    """`_crest`, also telling when the journal's write-ahead log first held a commit (None if never seen)."""
    env = {**os.environ, "CREST_HOME": str(home), "PYTHONPATH": str(ROOT / "src")}
    env.pop("CREST_DATABASE_URL", None)
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "crest", *arguments],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while counting_from is not None and not counting_from.exists() and process.poll() is None:
        time.sleep(0.001)
    started = time.monotonic() if counting_from is not None else started
    killed = False
    first_commit_s = None
    log = home / "crest.db-wal"
    deadline = started + (kill_after_s if kill_after_s is not None else 600)
    while process.poll() is None and time.monotonic() < deadline:
        if first_commit_s is None and log.exists() and log.stat().st_size > 0:
            first_commit_s = time.monotonic() - started
        time.sleep(0.001)
    if process.poll() is None and kill_after_s is not None:
        process.send_signal(signal.SIGKILL)
        killed = True
    code = process.wait(timeout=600)
    return code, time.monotonic() - started, killed, first_commit_s


def _answer_safety(home: Path) -> None:
    """The safety questions answered "no" to each, as a person does once before scripted sessions."""
    env = {**os.environ, "CREST_HOME": str(home), "PYTHONPATH": str(ROOT / "src")}
    env.pop("CREST_DATABASE_URL", None)
    answers = "".join("n\n" for _ in QUESTIONS)
    subprocess.run(
        [sys.executable, "-m", "crest", "safety"], env=env, input=answers, text=True, check=True, capture_output=True
    )


def _next_start(home: Path) -> JournalContents | None:
    """Open the journal as the next crest command does (migrations, recovery of dead sessions); None if it fails."""
    try:
        with Journal.open(f"sqlite:///{home / 'crest.db'}") as journal:
            Services.over(journal, lambda: datetime.now(UTC), UTC).practice.recover_abandoned()
            return journal.export_contents()
    except Exception as error:  # counted and shown: this is what the bench looks for
        print(f"  would not open {home}: {type(error).__name__}: {error}")
        return None


def _finished_whole(session: PracticeSession) -> bool:
    return session.status.finished and 0 <= session.actual_seconds <= session.planned_minutes * 60


def sessions(runs: int, rng: random.Random) -> Tally:
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="crest-faults-") as folder:
        home = Path(folder)
        _answer_safety(home)  # --yes never answers the safety questions
        _, duration_s, _ = _crest(home, SESSION, None)
        for _ in range(runs):
            before = _next_start(home)
            assert before is not None
            _, _, killed = _crest(home, SESSION, rng.uniform(0, duration_s * 1.1))
            after = _next_start(home)
            tally.runs += 1
            tally.killed += killed
            if after is None:
                tally.not_opened += 1
                continue
            kept = {session.id: session for session in after.sessions}
            tally.lost += sum(kept.get(session.id) != session for session in before.sessions)
            new = [session for session in after.sessions if session.id not in {s.id for s in before.sessions}]
            tally.half_written += sum(not _finished_whole(session) for session in new) + max(0, len(new) - 1)
    return tally


def first_start(runs: int, rng: random.Random) -> Tally:
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="crest-faults-") as folder:
        # Kills land after the journal file appeared (before, there is nothing a kill could damage): every other one
        # anywhere in the rest of the command, the others near the first commit, where the schema is being made.
        calibration = Path(folder) / "calibration"
        _, duration_s, _, commit_s = _crest_watching(calibration, FIRST_LOG, None, calibration / "crest.db")
        schema_made_s = commit_s if commit_s is not None else duration_s / 2
        for run in range(runs):
            home = Path(folder) / f"home{run}"
            if run % 2:
                moment_s = rng.uniform(max(0.0, schema_made_s - 0.1), schema_made_s + 0.1)
            else:
                moment_s = rng.uniform(0, duration_s * 1.1)
            code, _, killed = _crest(home, FIRST_LOG, moment_s, home / "crest.db")
            tally.runs += 1
            tally.killed += killed
            if not (home / "crest.db").exists():
                continue  # killed before the journal existed: nothing to open yet
            after = _next_start(home)
            if after is None:
                tally.not_opened += 1
                continue
            whole = [
                check_in
                for check_in in after.check_ins
                if check_in.note == "first start"
                and [(p.region, p.side, p.score) for p in check_in.pain] == [("hip", "left", 3)]
                and check_in.sensations == {"warmth"}
            ]
            tally.half_written += len(after.check_ins) - len(whole)
            tally.lost += int(code == 0 and not whole)
    return tally


def _import_file(path: Path, check_ins: int) -> JournalContents:
    start = datetime(2024, 1, 1, 7, 0, tzinfo=UTC)
    sessions_ = tuple(
        PracticeSession(
            id=number,
            started_at=start + timedelta(days=number),
            planned_minutes=15,
            actual_seconds=900,
            variant="standard",
            status="completed",  # type: ignore[arg-type]
        )
        for number in range(1, check_ins // 2 + 1)
    )
    records = tuple(
        CheckIn(
            id=number,
            at=start + timedelta(days=(number + 1) // 2, minutes=16),
            timing="after",  # type: ignore[arg-type]
            session_id=(number + 1) // 2,
            pain=(PainRating("hip", 3, "left"), PainRating("knee", 2, "right")),  # type: ignore[arg-type]
            sensations=frozenset({"warmth"}),  # type: ignore[arg-type]
            note=f"row {number}",
        )
        for number in range(1, check_ins + 1)
    )
    contents = JournalContents(sessions=sessions_, check_ins=records, settings={"theme": "dark"})
    path.write_text(export_text(contents, "json"), encoding="utf-8")
    return contents


def imports(runs: int, rng: random.Random, check_ins: int) -> Tally:
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="crest-faults-") as folder:
        export = Path(folder) / "journal.json"
        expected = _import_file(export, check_ins)
        rows = len(expected.sessions) + sum(1 + len(c.pain) + len(c.sensations) for c in expected.check_ins) + 1
        _, duration_s, _ = _crest(Path(folder) / "calibration", ["import", str(export)], None)
        for run in range(runs):
            home = Path(folder) / f"home{run}"
            code, _, killed = _crest(home, ["import", str(export)], rng.uniform(0, duration_s * 1.1))
            tally.runs += 1
            tally.killed += killed
            if not (home / "crest.db").exists():
                continue
            after = _next_start(home)
            if after is None:
                tally.not_opened += 1
                continue
            found = len(after.sessions) + sum(1 + len(c.pain) + len(c.sensations) for c in after.check_ins)
            found += len(after.settings)
            if after == expected:
                continue
            if found == 0:
                tally.lost += rows if code == 0 else 0
            else:
                tally.half_written += found  # a part of the file: every row of it is a half-written import
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="kills per scenario")
    parser.add_argument("--import-check-ins", type=int, default=5000, help="check-ins in the imported journal")
    parser.add_argument("--seed", type=int, default=9)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    results = {
        "sessions": sessions(arguments.runs, rng),
        "first start": first_start(arguments.runs, rng),
        "import": imports(arguments.runs, rng, arguments.import_check_ins),
    }
    for name, tally in results.items():
        print(tally.line(name))
    totals = [t.not_opened + t.lost + t.half_written for t in results.values()]
    print(json.dumps({"goal": 0, "found": sum(totals)}))


if __name__ == "__main__":
    main()
