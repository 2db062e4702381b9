"""How the progress summary and the clinician report scale with years of daily practice.

Builds SQLite journals of 1, 2 and 5 years (one session and two check-ins a day, a PSFS round every two weeks),
then times, on each, the progress summary (what the Progress page, Today and `crest progress` compute) and the
whole report (data, HTML and the PDF). Prints the times and their ratios to one year: cost should grow at most
linearly with the years (5 years at most about 5x one year), and the 5-year summary should stay interactive.

    python bench/insights.py [--repeat 5]
"""

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from crest.journal.store import Journal  # noqa: E402
from crest.services.bundle import Services  # noqa: E402
from support.practice_history import daily_practice  # noqa: E402

YEARS = (1, 2, 5)
INTERACTIVE_S = 1.0  # what still feels like a page that simply opens
NOW = datetime(2026, 5, 6, 17, 30, tzinfo=UTC)


def _best_of(repeat: int, work: Callable[[], object]) -> float:
    """The fastest of `repeat` runs: on a shared machine the others measure the neighbours as well."""
    times = []
    for _ in range(repeat):
        gc.collect()  # start each run without the previous run's garbage to sweep
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def _measure(services: Services, repeat: int) -> tuple[float, float]:
    """The progress summary, and the whole report: its numbers, its HTML and the PDF (fewer runs: seconds each)."""
    reports = services.clinician_reports
    summary_s = _best_of(repeat, services.reports.summary)
    report_s = _best_of(max(1, repeat // 2), lambda: reports.pdf(reports.build(include_notes=True)))
    return summary_s, report_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (the fastest is printed)")
    repeat = parser.parse_args().repeat
    results: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for years in YEARS:
            days = 365 * years
            url = f"sqlite:///{Path(folder) / f'{years}y.db'}"
            with Journal.open(url) as journal:
                journal.import_contents(daily_practice(date(2026, 5, 6) - timedelta(days=days), days, UTC))
                summary_s, report_s = _measure(Services.over(journal, lambda: NOW, UTC), repeat)
            results[years] = (summary_s, report_s)
            print(
                f"{years} year{'s' if years > 1 else ''}: {days} sessions, {2 * days} check-ins; "
                f"progress summary {summary_s * 1000:.0f} ms, report (data + HTML + PDF) {report_s * 1000:.0f} ms",
                flush=True,
            )
    base_summary, base_report = results[1]
    print("\nratio to one year (linear growth is the number of years or less):")
    for years in YEARS:
        summary_s, report_s = results[years]
        print(f"  {years}y: summary {summary_s / base_summary:.2f}x, report {report_s / base_report:.2f}x")
    five_years = results[5][0]
    verdict = "interactive" if five_years <= INTERACTIVE_S else "NOT interactive"
    print(f"\n5-year progress summary: {five_years * 1000:.0f} ms ({verdict}; goal <= {INTERACTIVE_S * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
