"""The clinician report lists every PSFS activity rated in its period. It used to show only those rated in both the
first and the latest round: an activity dropped because it became impossible, or added later, appeared nowhere in
the HTML or the PDF. Now each is listed with its scores where it has them, and says why no change is given; the
average stays over the activities rated both times, and says so."""

import re
import subprocess
from datetime import UTC, date, datetime
from html import unescape

from crest.insights.psfs import psfs_change
from crest.insights.report import ClinicianReport, Period, report_data
from crest.journal.records import PsfsActivity, PsfsAssessment
from crest.report.render import report_html, report_pdf

PERIOD = Period(date(2026, 11, 1), date(2026, 11, 28))
FIRST, MIDDLE, LATEST = (datetime(2026, 11, day, 9, tzinfo=UTC) for day in (2, 15, 27))


def _round(at: datetime, *scores: tuple[str, int]) -> PsfsAssessment:
    return PsfsAssessment(at, tuple(PsfsActivity(name, score) for name, score in scores))


ROUNDS = [
    _round(FIRST, ("tying my shoes", 4), ("sitting in a car", 6)),
    _round(MIDDLE, ("tying my shoes", 5), ("gardening", 3), ("Sitting in a car", 5)),
    _round(LATEST, ("tying my shoes", 6), ("walking to the shops", 7)),
]


def _report(rounds: list[PsfsAssessment]) -> ClinicianReport:
    data = report_data([], [], rounds, UTC, PERIOD, None, today=PERIOD.last_day)
    return ClinicianReport(data, datetime(2026, 11, 28, 20, tzinfo=UTC), "UTC", None, "Not advice.")


def _words(html: str) -> str:
    body = html[html.index("<body>") :]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_activities_not_rated_in_both_rounds_are_kept_beside_the_change() -> None:
    from crest.insights.psfs import UncomparedActivity  # here, so the report's tests below fail on what they show

    change = psfs_change(ROUNDS)
    assert [(one.name, one.baseline, one.latest) for one in change.activities] == [("tying my shoes", 4, 6)]
    assert change.uncompared == (
        UncomparedActivity("Sitting in a car", ((FIRST, 6), (MIDDLE, 5))),
        UncomparedActivity("gardening", ((MIDDLE, 3),)),
        UncomparedActivity("walking to the shops", ((LATEST, 7),)),
    )
    assert change.mean_change == 2  # over the activity rated both times only, as documented


def test_the_report_lists_every_activity_rated_with_its_scores_and_why_it_has_no_change() -> None:
    words = _words(report_html(_report(ROUNDS)))
    table = words[words.index("Activity 2 Nov 2026 27 Nov 2026 Change") :]
    assert table.startswith(
        "Activity 2 Nov 2026 27 Nov 2026 Change "
        "tying my shoes 4 6 +2 "
        "Sitting in a car 6 \u2013 Not rated in the latest round, so no change is computed; also rated 15 Nov 2026: 5 "
        "gardening \u2013 \u2013 Rated once only (15 Nov 2026: 3): no change can be computed "
        "walking to the shops \u2013 7 Rated once only (in the latest round): no change can be computed "
        "Average of the 1 activity rated both times 4.0 6.0 +2.0"
    )


def test_the_pdf_names_an_activity_rated_in_one_round_only() -> None:
    """The walk-through's journal: two rounds, one activity in each alone."""
    rounds = [
        _round(FIRST, ("tying my shoes", 4), ("sitting in a car", 6)),
        _round(LATEST, ("tying my shoes", 6), ("walking to the shops", 7)),
    ]
    pdf = report_pdf(_report(rounds))
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode().split()
    )
    assert "sitting in a car 6 \u2013 Rated once only (in the first round): no change can be computed" in text
    assert "walking to the shops \u2013 7 Rated once only (in the latest round): no change can be computed" in text
    assert "Average of the 1 activity rated both times 4.0 6.0 +2.0" in text
