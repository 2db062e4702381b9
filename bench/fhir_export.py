"""The FHIR export's cost against the JSON export of the same journal, measured in one run, as `crest export` pays it.

A journal of SESSIONS rests and as many check-ins (each with two pain ratings, as bench/import_lock.py builds them)
is written to a fresh SQLite journal; then the export service writes the JSON export and the FHIR Bundle (R5 and
R4B) of it, each `--rounds` times. Prints the CPU seconds of each (the fastest round: a neighbour's load leaves CPU
time steadier than wall time) and the ratio FHIR / JSON (goal: about 2 or less).

    .venv/bin/python bench/fhir_export.py [--sessions 15000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from import_lock import contents  # bench/ is the script's folder, first on sys.path

from crest.journal.store import Journal
from crest.services.bundle import Services


def fastest_cpu_s(work: Callable[[], bytes], rounds: int) -> tuple[float, int]:
    """The least CPU time of `rounds` runs of `work`, and the size of what it wrote."""
    times = []
    for _ in range(rounds):
        started = time.process_time()
        size = len(work())
        times.append(time.process_time() - started)
    return min(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=15_000, help="rests in the journal, and as many check-ins")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each export; the fastest counts")
    arguments = parser.parse_args()
    start = datetime(2000, 1, 1, 7, 0, tzinfo=UTC)
    with (
        tempfile.TemporaryDirectory(prefix="crest-fhir-bench-") as folder,
        Journal.open(f"sqlite:///{Path(folder) / 'crest.db'}") as journal,
    ):
        journal.import_contents(contents(start, arguments.sessions))
        transfer = Services.over(journal, lambda: datetime.now(UTC), UTC).transfer
        json_s, json_size = fastest_cpu_s(partial(transfer.export_bytes, "json"), arguments.rounds)
        print(f"JSON export: {json_s:.2f} s CPU, {json_size / 1e6:.1f} MB")
        for version in ("R5", "R4B"):
            fhir_s, fhir_size = fastest_cpu_s(partial(transfer.export_bytes, "fhir", version), arguments.rounds)
            print(
                f"FHIR {version} export: {fhir_s:.2f} s CPU, {fhir_size / 1e6:.1f} MB; "
                f"FHIR / JSON = {fhir_s / json_s:.2f}"
            )


if __name__ == "__main__":
    main()
